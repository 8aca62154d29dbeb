"""Pieces every sub-command shares: the --db option, JSON output, user-facing errors."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from parcelbench.domain.records import Officer
from parcelbench.store import Store


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


def signed_in(store: Store, args: argparse.Namespace) -> Officer:
    """The officer whose badge and PIN came with the command (services check the role)."""
    from parcelbench.services.officers import AuthError, authenticate

    try:
        return authenticate(store, args.officer, args.pin)
    except AuthError as exc:
        raise CliError(str(exc), 3) from None


def open_store(args: argparse.Namespace) -> Store:
    return Store(getattr(args, "db", None))


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
