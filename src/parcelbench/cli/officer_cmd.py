"""`parcelbench officer add|list`: the accounts officers and supervisors log in with."""

from __future__ import annotations

import argparse
import sys

from parcelbench.cli.common import (
    CliError,
    add_credentials,
    add_db_option,
    add_json_option,
    open_store,
    print_json,
    read_pin,
    signed_in,
)
from parcelbench.cli.secrets import MAX_LINE, ask
from parcelbench.domain.records import Role


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    officer = sub.add_parser("officer", help="officer accounts (badge, role, PIN)")
    osub = officer.add_subparsers(dest="officer_command", metavar="ACTION", required=True)
    add = osub.add_parser(
        "add",
        help="create or update an account; the PIN is read from the terminal (or stdin)",
        description=(
            "Create or update an officer account: a supervisor's act, signed with "
            "--officer BADGE and that supervisor's PIN (asked for, or --pin-stdin / --pin-file "
            "FILE). A bench's first account, on a database with none, is its supervisor "
            "(--role supervisor) and needs no signature. The new account's PIN (8–12 digits, "
            "or a passphrase of 15+ characters; runs, repeats, dates and the badge number are "
            "refused) is asked for on the terminal, or read from the next line of stdin when "
            "stdin is not a terminal (after the supervisor's, with --pin-stdin); it is stored "
            "only as an argon2id hash."
        ),
    )
    add.add_argument("badge")
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=[str(r) for r in Role], default=str(Role.OFFICER))
    add_credentials(add, "the supervisor adding the account", required=False)
    add_db_option(add)
    add_json_option(add)
    add.set_defaults(handler=run_add)
    lst = osub.add_parser("list", help="list accounts (never PINs)")
    add_db_option(lst)
    add_json_option(lst)
    lst.set_defaults(handler=run_list)


def _new_pin(badge: str) -> str:
    """The new account's PIN: asked twice on a terminal, else the next line of stdin."""
    if sys.stdin.isatty():
        return ask("PIN", prompt=f"new PIN for {badge.strip().upper()}: ", confirm=True)
    return sys.stdin.readline(MAX_LINE).rstrip("\r\n")


def run_add(args: argparse.Namespace) -> int:
    from parcelbench.services.officers import (
        AuthError,
        FirstAccountError,
        add_officer,
        check_pin_shape,
    )

    signed = bool(args.officer)
    if not signed and (args.pin_stdin or args.pin_file):
        raise CliError("--pin-stdin and --pin-file give the PIN of --officer BADGE: add it")
    signer_pin = read_pin(args) if signed else None  # first: its line comes first on stdin
    pin = _new_pin(args.badge)
    try:
        check_pin_shape(pin, badge=args.badge)  # before opening: a refused PIN starts nothing
    except ValueError as exc:
        raise CliError(str(exc)) from None
    with open_store(args, create=True) as store:  # a bench's first account may start it
        by = signed_in(store, args, signer_pin) if signed else None
        try:
            officer = add_officer(store, args.badge, args.name, Role(args.role), pin, by=by)
        except FirstAccountError as exc:
            raise CliError(f"{exc}: add --role supervisor") from None
        except AuthError as exc:
            hint = "" if signed else ": sign with --officer BADGE (a supervisor's)"
            raise CliError(f"{exc}{hint}", 3) from None
        except ValueError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        print_json({"badge": officer.badge, "name": officer.name, "role": str(officer.role)})
    else:
        print(f"{officer.badge}  {officer.name}  ({officer.role})")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from parcelbench.cli.hints import no_accounts
    from parcelbench.services.officers import accounts

    with open_store(args) as store:
        officers = accounts(store)
        empty = "" if officers else no_accounts(store)
    rows = [
        {"badge": o.badge, "name": o.name, "role": str(o.role), "active": o.active}
        for o in officers
    ]
    if args.json:
        print_json(rows)
    else:
        if empty:
            print(empty)
        for row in rows:
            state = "" if row["active"] else "  (inactive)"
            print(f"{row['badge']:10} {row['role']:11} {row['name']}{state}")
    return 0
