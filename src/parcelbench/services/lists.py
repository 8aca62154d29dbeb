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
