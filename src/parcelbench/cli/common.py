"""Pieces every sub-command shares: the --db option, JSON output, user-facing errors."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from parcelbench.domain.records import Officer

if TYPE_CHECKING:
    from parcelbench.services.bench import Desk
from parcelbench.services.database import Database, NoDatabase, open_database


class CliError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="workstation database (default: $PARCELBENCH_DB, else the user data folder)",
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def add_credentials(parser: argparse.ArgumentParser, who: str = "a supervisor's badge") -> None:
    """A decision with consequences is signed: the badge and PIN of whoever takes it."""
    parser.add_argument("--officer", required=True, metavar="BADGE", help=who)
    parser.add_argument("--pin", required=True)


def signed_in(store: Database, args: argparse.Namespace) -> Officer:
    """The officer whose badge and PIN came with the command (services check the role).

    A refusal is exit 3; a badge and PIN not recognised also say where accounts are when this
    database has none, or the badge is a demo badge (see `cli.hints`).
    """
    from parcelbench.cli.hints import not_recognised
    from parcelbench.services.officers import AuthError, NotRecognised, authenticate

    try:
        return authenticate(store, args.officer, args.pin)
    except NotRecognised as exc:
        raise CliError(not_recognised(store, args.officer, str(exc)), 3) from None
    except AuthError as exc:
        raise CliError(str(exc), 3) from None


def open_store(args: argparse.Namespace, *, create: bool = False) -> Database:
    """The bench database the command names (`--db`, else `$PARCELBENCH_DB`, else the default).

    Only commands that start a bench (`aed import`, `officer add`, a first `sync --hq`) pass
    `create=True`; every other one refuses a missing file, so a mistyped path never leaves an
    empty database behind that then answers "nothing held" or "badge not recognised".
    """
    try:
        return open_database(getattr(args, "db", None), create=create)
    except NoDatabase as exc:
        from parcelbench.cli.hints import no_database

        raise CliError(no_database(str(exc))) from None


def open_desk(args: argparse.Namespace, *, create: bool = False) -> Desk:
    """The bench service on the database the command names (see `open_store`): the same door
    the window uses, for commands that do what the window does."""
    from parcelbench.services.bench import Desk

    return Desk(open_store(args, create=create))


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
