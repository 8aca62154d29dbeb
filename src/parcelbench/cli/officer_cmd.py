"""`parcelbench officer add|list`: the accounts officers and supervisors log in with."""

from __future__ import annotations

import argparse
import getpass
import sys

from parcelbench.cli.common import (
    CliError,
    add_db_option,
    add_json_option,
    open_store,
    print_json,
    signed_in,
)
from parcelbench.domain.records import Role


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    officer = sub.add_parser("officer", help="officer accounts (badge, role, PIN)")
    osub = officer.add_subparsers(dest="officer_command", metavar="ACTION", required=True)
    add = osub.add_parser(
        "add",
        help="create or update an account; the PIN is read from the terminal (or stdin)",
        description=(
            "Create or update an officer account: a supervisor's act, signed with "
            "--officer BADGE --pin PIN. A bench's first account, on a database with none, is "
            "its supervisor (--role supervisor) and needs no signature. The new account's PIN "
            "(4–12 digits) is asked for on the terminal, or read from the first line of stdin "
            "when stdin is not a terminal; it is stored only as an argon2id hash."
        ),
    )
    add.add_argument("badge")
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=[str(r) for r in Role], default=str(Role.OFFICER))
    add.add_argument("--officer", metavar="BADGE", help="the supervisor adding the account")
    add.add_argument("--pin", help="that supervisor's PIN")
    add_db_option(add)
    add_json_option(add)
    add.set_defaults(handler=run_add)
    lst = osub.add_parser("list", help="list accounts (never PINs)")
    add_db_option(lst)
    add_json_option(lst)
    lst.set_defaults(handler=run_list)


def _read_pin() -> str:
    if sys.stdin.isatty():
        pin = getpass.getpass("PIN: ")
        if getpass.getpass("PIN again: ") != pin:
            raise CliError("the two PINs differ")
        return pin
    return sys.stdin.readline().strip()


def run_add(args: argparse.Namespace) -> int:
    from parcelbench.services.officers import (
        AuthError,
        FirstAccountError,
        add_officer,
        check_pin_shape,
    )

    pin = _read_pin()
    try:
        check_pin_shape(pin)  # before opening: a refused account must not start a database
    except ValueError as exc:
        raise CliError(str(exc)) from None
    with open_store(args, create=True) as store:  # a bench's first account may start it
        signed = bool(args.officer or args.pin)
        if signed and not (args.officer and args.pin):
            raise CliError("sign with both --officer BADGE and --pin PIN (a supervisor's)")
        by = signed_in(store, args) if signed else None
        try:
            officer = add_officer(store, args.badge, args.name, Role(args.role), pin, by=by)
        except FirstAccountError as exc:
            raise CliError(f"{exc}: add --role supervisor") from None
        except AuthError as exc:
            hint = "" if signed else ": sign with --officer BADGE --pin PIN"
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
