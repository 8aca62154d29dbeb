"""Scans: every read of a parcel id at the bench, and when a parcel was first seen here.

Scans are bench telemetry, not evidence: no audit row and no outbox event, so a busy camera
never grows the audit chain. The risk engine asks when a parcel was first scanned (to judge
whether its AED arrived in time), so the arrival lookup lives beside the writer.
"""

from __future__ import annotations

import sqlite3

from parcelbench.domain.records import Scan
from parcelbench.store.db import Store


def record_scan(store: Store, scan: Scan) -> int:
    """Scans are bench telemetry, not evidence: no audit row, no outbox event."""
    aed = scan.aed
    with store.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO scans (at, raw, item_id, kind, valid, source, symbology, officer_badge, "
            "aed_present, aed_on_time, aed_completeness) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                scan.at,
                scan.raw,
                scan.item_id,
                scan.kind,
                int(scan.valid),
                scan.source,
                scan.symbology,
                scan.officer_badge,
                None if aed is None else int(aed.present),
                None if aed is None else int(aed.on_time),
                None if aed is None else aed.completeness,
            ),
        )
        return int(cursor.lastrowid or 0)


def arrivals_after(
    conn: sqlite3.Connection, after: int, limit: int
) -> list[tuple[int, str, str, int, int, float | None]]:
    """(scan id, item id, at, AED present, on time, completeness) of the valid scans after
    `after`, in order: what sync sends HQ as arrivals."""
    return conn.execute(
        "SELECT id, item_id, at, aed_present, aed_on_time, aed_completeness FROM scans "
        "WHERE id > ? AND valid = 1 AND aed_present IS NOT NULL ORDER BY id LIMIT ?",
        (after, limit),
    ).fetchall()


def last_scan_id(conn: sqlite3.Connection) -> int:
    """The newest scan's id (0 before the first)."""
    row = conn.execute("SELECT max(id) FROM scans").fetchone()
    return int(row[0] or 0) if row else 0


def first_scanned_at(conn: sqlite3.Connection, item_id: str) -> str | None:
    """When this bench first scanned the parcel (ISO 8601 UTC), or None."""
    row = conn.execute("SELECT min(at) FROM scans WHERE item_id = ?", (item_id,)).fetchone()
    return row[0] if row else None


_ARRIVAL = (
    "SELECT min(t) FROM (SELECT min(at) AS t FROM scans WHERE item_id = ? "
    "UNION ALL SELECT min(located_at) FROM holds WHERE item_id = ?)"
)


#: Beyond this many parcels known at the facility, `facility_arrivals` declines and a re-score
#: asks parcel by parcel (a held arrival costs ~150 bytes).
ARRIVALS_IN_MEMORY = 300_000

_ARRIVALS = (
    "SELECT item_id, min(t) FROM (SELECT item_id, min(at) AS t FROM scans GROUP BY item_id "
    "UNION ALL SELECT item_id, min(located_at) FROM holds GROUP BY item_id) "
    "GROUP BY item_id HAVING min(t) IS NOT NULL LIMIT ?"
)


def facility_arrivals(
    conn: sqlite3.Connection, *, limit: int | None = None
) -> dict[str, str] | None:
    """`facility_arrival_at` of every parcel that has one, read in one pass, or None when
    more than `limit` (default `ARRIVALS_IN_MEMORY`) parcels have one. A re-score asks for
    each of a million parcels, nearly none of them scanned here: one pass answers them all
    (a query each cost ~6 µs a parcel)."""
    cap = ARRIVALS_IN_MEMORY if limit is None else limit
    rows = conn.execute(_ARRIVALS, (cap + 1,)).fetchall()
    return None if len(rows) > cap else dict(rows)


def facility_arrival_at(conn: sqlite3.Connection, item_id: str) -> str | None:
    """The earliest this bench knows the parcel was at the facility (ISO 8601 UTC), or None.

    Its first scan here, or the time a hold of it was marked located, whichever is earlier: a
    hold located before this bench scanned the parcel means it had already arrived. Both are
    index probes on `item_id`. A facility-wide arrival feed would add its rows here.
    """
    row = conn.execute(_ARRIVAL, (item_id, item_id)).fetchone()
    return row[0] if row else None
