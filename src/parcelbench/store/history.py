"""The risk engine's view of this bench: `StoreHistory`, the `RiskHistory` protocol over SQL.

It hands the counter-network (`store.seizure_links`), the watchlist, the known shippers, the
volume counts (`store.volume`) and the AED timing (arrival at the facility, first AED) to the
engine, so
the engine never sees SQL. It caches what a parcel-by-parcel assessment asks again and again.
"""

from __future__ import annotations

import sqlite3

from parcelbench.domain.aed import AedItem
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.risk import NetworkLink
from parcelbench.risk.entities import VolumeKeys, item_volume_keys
from parcelbench.risk.history import WatchHit
from parcelbench.store import volume
from parcelbench.store.aed import first_received_at
from parcelbench.store.scans import facility_arrival_at
from parcelbench.store.seizure_links import seizure_links
from parcelbench.store.shippers import known_shipper
from parcelbench.store.watchlist import WatchName, watch_names, watchlist_hits

_MAX_CACHED_COUNTS = 200_000


class StoreHistory:
    """`RiskHistory` backed by the workstation store (one per connection / thread).

    The active watchlist names are cached and reloaded only when the database changed (this
    connection's `total_changes`, or `PRAGMA data_version` for other connections' commits), so
    fuzzy name matching costs one C-level pass per parcel, not a table read.
    """

    def __init__(self, conn: sqlite3.Connection, *, snapshot: bool = False) -> None:
        """`snapshot=True` reads the lists once and never looks for changes: for a rescore,
        which assesses a million parcels against one state of the database."""
        self.conn = conn
        self._snapshot = snapshot
        self._names: list[WatchName] = []
        self._present: tuple[bool, bool, bool] = (True, True, True)
        self._names_version: tuple[int, int] | None = None
        #: The day a parcel without a send date is counted on (as the import does).
        self._today = volume.today_ordinal(utc_now_iso())
        # Volume counts repeat: a shipper's parcels of one day all ask the same question, and
        # a rescore asks it for each of them. Kept until the database changes.
        self._counts: dict[tuple[str, int, int, int, int], int] = {}
        self._keyed: tuple[AedItem, VolumeKeys] | None = None

    def _refresh(self) -> None:
        """Reload the cached list state when the database changed since the last look."""
        if self._snapshot and self._names_version is not None:
            return
        version = (
            int(self.conn.execute("PRAGMA data_version").fetchone()[0]),
            self.conn.total_changes,
        )
        if version != self._names_version:
            self._names = watch_names(self.conn)
            self._present = tuple(  # type: ignore[assignment]
                self.conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0] == 1
                for table in ("seized_entities", "watchlist", "known_shippers")
            )
            self._names_version = version
            self._counts.clear()

    def _watch_names(self) -> list[WatchName]:
        self._refresh()
        return self._names

    def seizure_links(self, item: AedItem) -> list[NetworkLink]:
        self._refresh()
        if not self._present[0]:  # no seizure recorded yet: nothing to link to
            return []
        return seizure_links(self.conn, item)

    def _volume(self, item: AedItem, role: str, days: int, limit: int) -> int:
        if self._keyed is None or self._keyed[0] is not item:  # both volume rules ask in turn
            self._refresh()  # once per parcel: it clears the memo when the database changed
            self._keyed = (item, item_volume_keys(item))
        day, sender, address = self._keyed[1]
        key = address if role == "addressee" else sender
        if key is None:
            return 0
        if day is None:
            day = self._today
        slot = (role, key, day, days, limit)
        count = self._counts.get(slot)
        if count is None:
            if len(self._counts) >= _MAX_CACHED_COUNTS:
                self._counts.clear()
            count_of = volume.addressee_senders if role == "addressee" else volume.sender_parcels
            count = self._counts[slot] = count_of(self.conn, key, day, days, limit)
        return count

    def addressee_senders(self, item: AedItem, days: int, limit: int) -> int:
        return self._volume(item, "addressee", days, limit)

    def sender_parcels(self, item: AedItem, days: int, limit: int) -> int:
        return self._volume(item, "sender", days, limit)

    def watchlist_hits(self, item: AedItem) -> list[WatchHit]:
        names = self._watch_names()
        if not self._present[1]:
            return []
        return watchlist_hits(self.conn, item, names=names)

    def facility_arrival(self, item_id: str) -> str | None:
        return facility_arrival_at(self.conn, item_id)

    def aed_received(self, item_id: str) -> str | None:
        return first_received_at(self.conn, item_id)

    def known_shipper(self, item: AedItem) -> str | None:
        self._refresh()
        if not self._present[2]:
            return None
        shipper = known_shipper(self.conn, item)
        return shipper.label if shipper else None
