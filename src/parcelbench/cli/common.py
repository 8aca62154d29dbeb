"""Pieces every sub-command shares: the --db option, JSON output, user-facing errors."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from parcelbench.cli.errors import CliError
from parcelbench.domain.records import Officer

if TYPE_CHECKING:
    from parcelbench.services.bench import Desk
from parcelbench.services.database import Database, NoDatabase, open_database

__all__ = ["CliError"]  # defined in `cli.errors`, re-exported for every command module


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="workstation database (default: $PARCELBENCH_DB, else the user data folder)",
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def add_credentials(
    parser: argparse.ArgumentParser, who: str = "a supervisor's badge", *, required: bool = True
) -> None:
    """A decision with consequences is signed: the badge and PIN of whoever takes it. The PIN
    is asked for, or read from stdin or a file, never given on the command line
    (`cli.secrets`)."""
    from parcelbench.cli.secrets import add_secret_options

    parser.add_argument("--officer", required=required, metavar="BADGE", help=who)
    add_secret_options(parser, "pin", "PIN")


def read_pin(args: argparse.Namespace) -> str:
    """The signing officer's PIN, as the command was told to get it (`cli.secrets`)."""
    from parcelbench.cli.secrets import read_secret

    return read_secret(args, "pin", prompt=f"PIN of {args.officer.strip().upper()}: ")


def signed_in(store: Database, args: argparse.Namespace, pin: str | None = None) -> Officer:
    """The officer whose badge came with the command and who proved their PIN (asked for, or
    read from stdin or a file; `pin` when the caller read it already). Services check roles.

    A refusal is exit 3; a badge and PIN not recognised also say where accounts are when this
    database has none, or the badge is a demo badge (see `cli.hints`).
    """
    from parcelbench.cli.hints import not_recognised
    from parcelbench.services.officers import AuthError, NotRecognised, authenticate

    if pin is None:
        pin = read_pin(args)
    try:
        return authenticate(store, args.officer, pin)
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
