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
from parcelbench.risk.entities import VolumeKeys, item_volume_keys, volume_day
from parcelbench.risk.history import WatchHit
from parcelbench.store import volume
from parcelbench.store.aed import first_received_at
from parcelbench.store.scans import facility_arrival_at, facility_arrivals
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
        #: The parcel's own index row, when its keys came from it (`use_stored_keys`).
        self._own: volume.StoredVolumeRow | None = None
        #: Snapshot only: the addressee keys of more than one index row (`_shared_addresses`).
        self._shared: frozenset[int] | None = None
        #: Snapshot only: every sender's parcels by day, read at the first question (None:
        #: too many to hold, so each count is a query).
        self._senders: dict[int, volume.DayCounts] | None = None
        self._senders_read = False
        #: Snapshot only: every parcel's arrival, read at the first question (None: too many
        #: to hold, so each is asked for).
        self._arrivals: dict[str, str] | None = None
        self._arrivals_read = False

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

    def use_stored_keys(self, item: AedItem, row: volume.StoredVolumeRow | None) -> None:
        """Count `item` with the keys its volume-index row holds (a re-score reads them with
        the item: keying a million parcels again would cost ~10 µs each). Its day is still
        its own send date, or today without one, as `item_volume_keys` would give; the row's
        day for an undated parcel is its import day. None: no row, so it is keyed as usual."""
        if row is None:
            self._keyed = None
            self._own = None
            return
        self._keyed = (item, (volume_day(item.sent_at), row[1], row[2]))
        self._own = row

    def _volume(self, item: AedItem, role: str, days: int, limit: int) -> int:
        if self._keyed is None or self._keyed[0] is not item:  # both volume rules ask in turn
            self._refresh()  # once per parcel: it clears the memo when the database changed
            self._keyed = (item, item_volume_keys(item))
            self._own = None
        day, sender, address = self._keyed[1]
        key = address if role == "addressee" else sender
        if key is None:
            return 0
        if day is None:
            day = self._today
        if self._snapshot:
            if role == "sender":
                if not self._senders_read:
                    self._senders = volume.sender_days(self.conn)
                    self._senders_read = True
                if self._senders is not None:
                    counts = self._senders.get(key)
                    return 0 if counts is None else counts.within(day, days, limit)
            elif self._own is not None and key not in self._shared_addresses():
                return volume.lone_address_senders(self._own, day, days, limit)
        slot = (role, key, day, days, limit)
        count = self._counts.get(slot)
        if count is None:
            if len(self._counts) >= _MAX_CACHED_COUNTS:
                self._counts.clear()
            count_of = volume.addressee_senders if role == "addressee" else volume.sender_parcels
            count = self._counts[slot] = count_of(self.conn, key, day, days, limit)
        return count

    def _shared_addresses(self) -> frozenset[int]:
        """The addressee keys more than one index row holds, read once per snapshot.

        Most parcels go to an address no other parcel goes to, and asking the index about each
        of them costs a query (~9 µs); one pass over the index answers them all.
        """
        if self._shared is None:
            self._shared = volume.shared_addresses(self.conn)
        return self._shared

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
        if self._snapshot:
            if not self._arrivals_read:
                self._arrivals = facility_arrivals(self.conn)
                self._arrivals_read = True
            if self._arrivals is not None:
                return self._arrivals.get(item_id)
        return facility_arrival_at(self.conn, item_id)

    def aed_received(self, item_id: str) -> str | None:
        return first_received_at(self.conn, item_id)

    def known_shipper(self, item: AedItem) -> str | None:
        self._refresh()
        if not self._present[2]:
            return None
        shipper = known_shipper(self.conn, item)
        return shipper.label if shipper else None
