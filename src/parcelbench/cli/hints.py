"""What to do instead, added to a refusal: a missing database, an account that is not here.

Why: a newcomer's first commands run against the default database, which has no accounts and
no AED; the bare refusal ("badge or PIN not recognised") sends them nowhere. The hints only say
what is safe to say: the demo badges are public, and "this database has no officer accounts"
is only said when it has none, so nothing tells a guesser whether a real badge exists.
"""

from __future__ import annotations

from pathlib import Path

from parcelbench.cli.progname import command_name
from parcelbench.services.database import Database
from parcelbench.services.demo import DEMO_ACCOUNTS, default_demo_db
from parcelbench.services.officers import accounts

DEMO_BADGES = frozenset(badge for badge, *_ in DEMO_ACCOUNTS)


def _same(a: Path, b: Path) -> bool:
    return a.expanduser().resolve() == b.expanduser().resolve()


def demo_bench() -> str:
    """Where the demo bench is and how to build it, for the end of a hint."""
    return f"the demo bench (--db {default_demo_db()}; build it with `{command_name()} demo`)"


def no_database(message: str) -> str:
    """`message` ("no bench database at P (nothing was created)") with what to do instead."""
    return (
        f"{message}: give --db with an existing bench database, or build the demo bench with "
        f"`{command_name()} demo` (its database: {default_demo_db()})"
    )


def not_recognised(store: Database, badge: str, message: str) -> str:
    """A refused badge and PIN, with a hint when this database has no accounts at all or the
    badge is a demo badge used outside the demo bench; else the refusal unchanged."""
    badge = badge.strip().upper()
    empty = not accounts(store)
    demo = badge in DEMO_BADGES and not _same(store.path, default_demo_db())
    if empty and demo:
        return (
            f"{message}: this database ({store.path}) has no officer accounts, and {badge} is a "
            f"demo badge whose account lives in {demo_bench()}"
        )
    if empty:
        return (
            f"{message}: this database ({store.path}) has no officer accounts; add its supervisor "
            f"with `{command_name()} officer add BADGE --name NAME --role supervisor --db "
            f"{store.path}`, or use "
            f"{demo_bench()}"
        )
    if demo:
        return f"{message}: {badge} is a demo badge, whose account lives in {demo_bench()}"
    return message


def no_accounts(store: Database) -> str:
    """What `officer list` prints for a database without accounts."""
    return (
        f"no officer accounts in {store.path}: add its supervisor with `{command_name()} officer "
        f"add BADGE --name NAME --role supervisor`, or use {demo_bench()}"
    )
