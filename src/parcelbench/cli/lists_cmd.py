"""`parcelbench watchlist …` and `parcelbench shippers …`: the lists the risk engine consults.

Each add or remove is one audited transaction in the store; removal deactivates the entry so
earlier assessments that cited it stay explainable (`list --all` shows removed entries too).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from parcelbench.cli.common import (
    CliError,
    add_credentials,
    add_db_option,
    add_json_option,
    open_store,
    print_json,
    signed_in,
)
from parcelbench.domain.lists import KnownShipper, WatchEntry
from parcelbench.domain.records import Officer
from parcelbench.risk.entities import KINDS
from parcelbench.services import lists
from parcelbench.services.database import Database
from parcelbench.services.lists import ListError, ListNotFound
from parcelbench.services.officers import AuthError


def _entry_id(text: str) -> int:
    try:
        value = int(text.lstrip("#"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an entry number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"not an entry number: {text!r}")
    return value


def _common(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    add_json_option(parser)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    watch = sub.add_parser(
        "watchlist",
        help="parties to flag on sight (names, addresses, phones, e-mails)",
        description=(
            "The local watchlist. Entries are matched on normalised keys, so spelling variants "
            "of an address, phone or e-mail still hit; addresses and names also match fuzzily."
        ),
    )
    watch_sub = watch.add_subparsers(dest="watchlist_command", metavar="ACTION", required=True)

    wl = watch_sub.add_parser(
        "list", help="list watchlist entries", description="List the active watchlist entries."
    )
    wl.add_argument("--all", action="store_true", help="include removed entries")
    wl.add_argument("--kind", choices=KINDS, help="only entries of this kind")
    _common(wl)
    wl.set_defaults(handler=run_watch_list)

    wa = watch_sub.add_parser(
        "add",
        help="add a party to the watchlist",
        description=(
            "Add a watchlist entry. An address needs --country and --postcode (or --city); a "
            "phone number needs +country code or --country. Exit 2 when the value is unusable "
            "or already listed."
        ),
    )
    wa.add_argument("kind", choices=KINDS, metavar="KIND", help=f"one of: {', '.join(KINDS)}")
    wa.add_argument("value", metavar="VALUE", help="the name, street line, phone or e-mail")
    wa.add_argument("--reason", required=True, help="why it is listed (shown with every hit)")
    wa.add_argument("--country", metavar="CC", help="ISO country code (addresses, phones)")
    wa.add_argument("--city", help="city of an address")
    wa.add_argument("--postcode", help="postcode / ZIP of an address")
    add_credentials(wa)
    _common(wa)
    wa.set_defaults(handler=run_watch_add)

    wr = watch_sub.add_parser(
        "remove",
        help="remove a watchlist entry",
        description="Deactivate a watchlist entry by number. Exit 1 when no such active entry.",
    )
    wr.add_argument("id", type=_entry_id, metavar="ID", help="entry number (from list)")
    add_credentials(wr)
    _common(wr)
    wr.set_defaults(handler=run_watch_remove)

    ship = sub.add_parser(
        "shippers",
        help="known (vetted) shippers, which lower a parcel's score",
        description=(
            "Known shippers from a vetted-shipper programme. A sender counts as one only when "
            "name and country match, and the address too when the entry has one."
        ),
    )
    ship_sub = ship.add_subparsers(dest="shippers_command", metavar="ACTION", required=True)

    sl = ship_sub.add_parser(
        "list", help="list known shippers", description="List the active known shippers."
    )
    sl.add_argument("--all", action="store_true", help="include removed entries")
    _common(sl)
    sl.set_defaults(handler=run_shippers_list)

    sa = ship_sub.add_parser(
        "add",
        help="add a known shipper",
        description=(
            "Add a known shipper. Exit 2 when the name or address is unusable or the shipper is "
            "already listed."
        ),
    )
    sa.add_argument("name", metavar="NAME", help="shipper name as it appears on AED")
    sa.add_argument("--country", metavar="CC", required=True, help="ISO country code")
    sa.add_argument("--programme", required=True, help="the programme that vetted it (e.g. AEO)")
    sa.add_argument("--reference", help="the programme's reference for the shipper")
    sa.add_argument("--street", help="street line (then the address must match too)")
    sa.add_argument("--city", help="city")
    sa.add_argument("--postcode", help="postcode / ZIP")
    add_credentials(sa)
    _common(sa)
    sa.set_defaults(handler=run_shippers_add)

    sr = ship_sub.add_parser(
        "remove",
        help="remove a known shipper",
        description="Deactivate a known shipper by number. Exit 1 when no such active entry.",
    )
    sr.add_argument("id", type=_entry_id, metavar="ID", help="entry number (from list)")
    add_credentials(sr)
    _common(sr)
    sr.set_defaults(handler=run_shippers_remove)


def _fail(exc: ListError) -> CliError:
    return CliError(str(exc), 1 if isinstance(exc, ListNotFound) else 2)


def _watch_line(entry: WatchEntry) -> str:
    state = "" if entry.active else f"  [removed {entry.removed_at} by {entry.removed_by}]"
    return (
        f"#{entry.id:<4} {entry.kind:<7} {entry.label}  — {entry.reason}  "
        f"(added {entry.added_at} by {entry.added_by}){state}"
    )


def _shipper_line(shipper: KnownShipper) -> str:
    address = ", ".join(v for v in (shipper.street, shipper.city, shipper.postcode) if v)
    where = f"{address}, {shipper.country}" if address else shipper.country
    state = "" if shipper.active else f"  [removed {shipper.removed_at} by {shipper.removed_by}]"
    return (
        f"#{shipper.id:<4} {shipper.label} — {where}  "
        f"(added {shipper.added_at} by {shipper.added_by}){state}"
    )


def run_watch_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        entries = lists.watch_entries(store, include_removed=args.all, kind=args.kind)
    if args.json:
        print_json([e.to_json() for e in entries])
    elif not entries:
        print("the watchlist is empty")
    else:
        for entry in entries:
            print(_watch_line(entry))
    return 0


def _change(
    args: argparse.Namespace,
    action: Callable[[Database, Officer], WatchEntry | KnownShipper],
    done: Callable[[Any], str],
) -> int:
    """Run one list change for the officer who proved their PIN; print the entry."""
    with open_store(args) as store:
        try:
            entry = action(store, signed_in(store, args))
        except ListError as exc:
            raise _fail(exc) from None
        except AuthError as exc:
            raise CliError(str(exc), 3) from None
    if args.json:
        print_json(entry.to_json())
    else:
        print(done(entry))
    return 0


def run_watch_add(args: argparse.Namespace) -> int:
    return _change(
        args,
        lambda store, officer: lists.add_watch(
            store,
            officer,
            kind=args.kind,
            value=args.value,
            reason=args.reason,
            country=args.country,
            city=args.city,
            postcode=args.postcode,
        ),
        lambda entry: f"added {_watch_line(entry)}",
    )


def run_watch_remove(args: argparse.Namespace) -> int:
    return _change(
        args,
        lambda store, officer: lists.remove_watch(store, officer, args.id),
        lambda entry: f"removed watchlist entry #{entry.id}: {entry.label}",
    )


def run_shippers_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        shippers = lists.known_shippers(store, include_removed=args.all)
    if args.json:
        print_json([s.to_json() for s in shippers])
    elif not shippers:
        print("no known shippers")
    else:
        for shipper in shippers:
            print(_shipper_line(shipper))
    return 0


def run_shippers_add(args: argparse.Namespace) -> int:
    return _change(
        args,
        lambda store, officer: lists.add_shipper(
            store,
            officer,
            name=args.name,
            country=args.country,
            programme=args.programme,
            street=args.street,
            city=args.city,
            postcode=args.postcode,
            reference=args.reference,
        ),
        lambda shipper: f"added {_shipper_line(shipper)}",
    )


def run_shippers_remove(args: argparse.Namespace) -> int:
    return _change(
        args,
        lambda store, officer: lists.remove_shipper(store, officer, args.id),
        lambda shipper: f"removed known shipper #{shipper.id}: {shipper.label}",
    )
