"""Watchlists and known shippers: only a supervisor changes them.

The role is checked here, in the service, so the CLI and the window cannot differ: an officer
who reaches the call through any button or script is refused. Entries are written (and
audited) by `store.watchlist` and `store.shippers`.
"""

from __future__ import annotations

from typing import Any

from parcelbench.domain.lists import KnownShipper, WatchEntry
from parcelbench.domain.records import Officer, Role
from parcelbench.services.officers import require_role
from parcelbench.store import Store, shippers, watchlist
from parcelbench.store.lists import ListError, ListNotFound

__all__ = [
    "ListError",
    "ListNotFound",
    "add_shipper",
    "add_watch",
    "known_shippers",
    "remove_shipper",
    "remove_watch",
    "watch_entries",
]


def watch_entries(
    store: Store, *, include_removed: bool = False, kind: str | None = None
) -> list[WatchEntry]:
    """The watchlist as any officer may read it (removed entries only when asked)."""
    return watchlist.list_watch(store.conn, include_removed=include_removed, kind=kind)


def known_shippers(store: Store, *, include_removed: bool = False) -> list[KnownShipper]:
    return shippers.list_shippers(store.conn, include_removed=include_removed)


def add_watch(store: Store, officer: Officer, **entry: Any) -> WatchEntry:
    require_role(officer, Role.SUPERVISOR)
    return watchlist.add_watch(store, actor=officer.badge, **entry)


def remove_watch(store: Store, officer: Officer, entry_id: int) -> WatchEntry:
    require_role(officer, Role.SUPERVISOR)
    return watchlist.remove_watch(store, entry_id, actor=officer.badge)


def add_shipper(store: Store, officer: Officer, **entry: Any) -> KnownShipper:
    require_role(officer, Role.SUPERVISOR)
    return shippers.add_shipper(store, actor=officer.badge, **entry)


def remove_shipper(store: Store, officer: Officer, shipper_id: int) -> KnownShipper:
    require_role(officer, Role.SUPERVISOR)
    return shippers.remove_shipper(store, shipper_id, actor=officer.badge)
