"""Parcel volume per drop address and per sender: the index behind the volume rules.

"Many unrelated senders → one address within days" is the pattern of a drop address. Counting it
at scan time must not read every parcel to that address, so each current AED item version gets
one row here — its day and the hashed keys of its sender and addressee address
(`parcelbench.risk.entities.volume_keys`) — and the counts are index range scans.

The AED import writes these rows itself, in the file's own transaction (`add`, `advance`): the
keys are computed as the items stream (for a big file by the reader process, which has time to
spare while the writer feeds SQLite), so when an import commits its parcels already count, and
a rolled-back file leaves no row behind. Superseded versions are removed by the import too
(`forget`), so a corrected AED is never counted twice.

`catch_up` is for rows that arrive any other way (a database made before this index, an import
told not to index): it indexes only the rows added since its cursor (`volume_state.indexed_upto`)
in short transactions. An import moves the cursor past its own rows only when nothing before
them is waiting, so a catch-up never skips a row; it may key an import's rows a second time (a
database with a backlog), which writes the same row again. Both ways make a row with `index_row`,
so they cannot disagree.
"""

from __future__ import annotations

import sqlite3
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import itemgetter

from parcelbench.risk.entities import VolumeKeys, volume_keys
from parcelbench.store.db import Store

#: Rows keyed per transaction. Index inserts land on random pages, and each commit writes every
#: page it dirtied to the WAL, so small chunks rewrite the same pages over and over (10,000-row
#: chunks: 39 µs a row on a million-row index; 50,000: 30 µs; 200,000: 25 µs). 50,000 rows hold
#: the write lock for about 1.5 s, which a scan's write waits out well inside busy_timeout.
CHUNK = 50_000

_PENDING = (
    "SELECT i.id, i.imported_at, i.sent_at, s.name, s.business, "
    "a.street, a.city, a.postcode, a.country "
    "FROM aed_items i JOIN aed_parties s ON s.id = i.sender_id "
    "JOIN aed_parties a ON a.id = i.addressee_id "
    "WHERE i.id > ? AND i.is_current = 1 ORDER BY i.id LIMIT ?"
)
_INSERT = (
    "INSERT OR REPLACE INTO aed_volume (item_row, day, sender_key, addressee_key) "
    "VALUES (?, ?, ?, ?)"
)


@dataclass(frozen=True, slots=True)
class CatchUp:
    indexed: int  # rows written
    seconds: float

    def to_json(self) -> dict[str, float | int]:
        return {"indexed": self.indexed, "seconds": round(self.seconds, 2)}


VolumeRow = tuple[int, int, int | None, int | None]
"""(item_row, day, sender_key, addressee_key): one row of `aed_volume`."""

StoredVolumeRow = tuple[int, int | None, int | None]
"""(day, sender_key, addressee_key) of an item's row, as a re-score reads it with the item."""


def today_ordinal(iso_now: str) -> int:
    """The day a parcel without a send date counts on: the day it was imported."""
    return date.fromisoformat(iso_now[:10]).toordinal()


def index_row(row_id: int, keys: VolumeKeys, import_day: int) -> VolumeRow | None:
    """The index row of one current item version, or None when it names nothing to count.

    `keys` is `volume_keys` of the stored values; `import_day` is `today_ordinal` of the row's
    `imported_at`, the day it counts on without a send date.
    """
    day, sender, addressee = keys
    if sender is None and addressee is None:
        return None
    return (row_id, import_day if day is None else day, sender, addressee)


def add(conn: sqlite3.Connection, rows: Sequence[VolumeRow]) -> None:
    """Index rows (inside the caller's transaction: the import's, or a catch-up chunk's)."""
    conn.executemany(_INSERT, rows)


def _cursor(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT indexed_upto FROM volume_state WHERE id = 1").fetchone()[0])


def is_caught_up(conn: sqlite3.Connection, last_row: int) -> bool:
    """Whether every AED row up to `last_row` (the table's last) has been seen by the index."""
    return _cursor(conn) >= last_row


def advance(conn: sqlite3.Connection, upto: int) -> None:
    """Move the cursor to `upto`: the caller has indexed every row up to it (same transaction)."""
    conn.execute("UPDATE volume_state SET indexed_upto = ? WHERE id = 1", (upto,))


def indexed_between(conn: sqlite3.Connection, first: int, last: int) -> int:
    """Index rows of the AED rows `first`..`last` (an import's own, at its commit)."""
    row = conn.execute(
        "SELECT count(*) FROM aed_volume WHERE item_row BETWEEN ? AND ?", (first, last)
    ).fetchone()
    return int(row[0])


def pending(conn: sqlite3.Connection) -> int:
    """AED rows not yet indexed (current or not: an upper bound, for progress displays)."""
    row = conn.execute(
        "SELECT count(*) FROM aed_items WHERE id > (SELECT indexed_upto FROM volume_state)"
    ).fetchone()
    return int(row[0])


def catch_up(
    store: Store,
    *,
    chunk: int = CHUNK,
    progress: Callable[[int], None] | None = None,
) -> CatchUp:
    """Index every AED row added since the last call; returns how many and how long.

    `progress` is called after each chunk with the rows scanned so far (of `pending`).

    Each chunk is read, keyed and written in one transaction with the cursor move, so an
    import that supersedes a row cannot slip in between, and a crash loses at most the chunk
    in hand (it is simply redone).
    """
    with store.bulk_cache():
        return _catch_up(store, chunk, progress)


def _catch_up(store: Store, chunk: int, progress: Callable[[int], None] | None) -> CatchUp:
    started = time.perf_counter()
    indexed = scanned = 0
    days: dict[str, int] = {}
    while True:
        with store.transaction() as conn:
            upto = _cursor(conn)
            out = []
            seen = 0
            # streamed, not fetched whole: a chunk of rows with their parties is tens of MB
            for row_id, imported_at, *fields in conn.execute(_PENDING, (upto, chunk)):
                seen += 1
                upto = row_id
                day = days.get(imported_at)
                if day is None:  # one per import: its rows share the timestamp
                    day = days[imported_at] = today_ordinal(imported_at)
                row = index_row(row_id, volume_keys(*fields), day)
                if row is not None:
                    out.append(row)
            add(conn, out)
            indexed += len(out)
            scanned += seen
            if seen < chunk:  # the rest are superseded versions: nothing to count
                upto = int(conn.execute("SELECT coalesce(max(id), 0) FROM aed_items").fetchone()[0])
            advance(conn, upto)
        if progress is not None:
            progress(scanned)
        if seen < chunk:
            return CatchUp(indexed, time.perf_counter() - started)


def forget(conn: sqlite3.Connection, row_ids: Sequence[int]) -> None:
    """Superseded versions stop counting (called inside the import that supersedes them)."""
    conn.executemany("DELETE FROM aed_volume WHERE item_row = ?", [(r,) for r in row_ids])


_ADDRESSEE_SENDERS = (
    "SELECT count(*) FROM (SELECT DISTINCT sender_key FROM aed_volume "
    "WHERE addressee_key = ? AND day BETWEEN ? AND ? AND sender_key IS NOT NULL LIMIT ?)"
)
_SENDER_PARCELS = (
    "SELECT count(*) FROM (SELECT 1 FROM aed_volume "
    "WHERE sender_key = ? AND day BETWEEN ? AND ? LIMIT ?)"
)


def _count(
    conn: sqlite3.Connection, sql: str, key: int | None, day: int, days: int, limit: int
) -> int:
    if key is None:
        return 0
    row = conn.execute(sql, (key, day - days, day + days, limit)).fetchone()
    return int(row[0])


#: Beyond this many (sender, day) pairs `sender_days` declines and each count is a query.
SENDER_DAYS_IN_MEMORY = 2_000_000


@dataclass(frozen=True, slots=True)
class DayCounts:
    """One sender's parcels by day: `days` ascending, `upto[i]` the parcels before `days[i]`
    (so `upto` is one longer than `days`, its last the sender's total)."""

    days: tuple[int, ...]
    upto: tuple[int, ...]

    def within(self, day: int, days: int, limit: int) -> int:
        """Parcels within `days` of `day`, up to `limit`: `sender_parcels`, from memory."""
        first = bisect_left(self.days, day - days)
        last = bisect_right(self.days, day + days)
        return min(self.upto[last] - self.upto[first], limit)


def sender_days(
    conn: sqlite3.Connection, *, limit: int | None = None
) -> dict[int, DayCounts] | None:
    """Every hashed sender's parcels by day, read in one pass over the index, or None when
    there are more than `limit` (default `SENDER_DAYS_IN_MEMORY`) (sender, day) pairs. A
    re-score asks `sender_parcels` for every parcel; a query for each new (sender, day) cost
    it ~10 µs a parcel."""
    cap = SENDER_DAYS_IN_MEMORY if limit is None else limit
    rows = conn.execute(
        "SELECT sender_key, day, count(*) FROM aed_volume WHERE sender_key IS NOT NULL "
        "GROUP BY sender_key, day LIMIT ?",
        (cap + 1,),
    ).fetchall()
    if len(rows) > cap:
        return None
    found: dict[int, DayCounts] = {}
    for sender, group in groupby(rows, key=itemgetter(0)):
        days: list[int] = []
        upto = [0]
        for _, day, parcels in group:
            days.append(day)
            upto.append(upto[-1] + parcels)
        found[sender] = DayCounts(tuple(days), tuple(upto))
    return found


def lone_address_senders(own: StoredVolumeRow, day: int, days: int, limit: int) -> int:
    """`addressee_senders` of an address only the parcel of index row `own` is sent to (not
    in `shared_addresses`): its own sender, if it has one and its day is within `days` of
    `day` — the query's answer, without asking."""
    own_day, own_sender, _ = own
    return min(int(own_sender is not None and day - days <= own_day <= day + days), limit)


def shared_addresses(conn: sqlite3.Connection) -> frozenset[int]:
    """The hashed addressee addresses of more than one current parcel (one index scan)."""
    return frozenset(
        row[0]
        for row in conn.execute(
            "SELECT addressee_key FROM aed_volume WHERE addressee_key IS NOT NULL "
            "GROUP BY addressee_key HAVING count(*) > 1"
        )
    )


def addressee_senders(
    conn: sqlite3.Connection, address: int | None, day: int, days: int, limit: int
) -> int:
    """Distinct senders to a hashed addressee address within `days` of `day`.

    Counting stops at `limit` (the index scan reads no further), so a busy address costs no
    more than a quiet one.
    """
    return _count(conn, _ADDRESSEE_SENDERS, address, day, days, limit)


def sender_parcels(
    conn: sqlite3.Connection, sender: int | None, day: int, days: int, limit: int
) -> int:
    """Parcels of a hashed sender within `days` of `day` (to `limit`)."""
    return _count(conn, _SENDER_PARCELS, sender, day, days, limit)
