"""The outbox: events waiting for HQ, written in the same transaction as what they describe.

An event leaves the outbox only when HQ has acknowledged its `event_id`; sending the same event
again is harmless because HQ inserts by `event_id` if absent.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from parcelbench.domain.canonical import canonical_json
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.records import OutboxEvent


def enqueue(conn: sqlite3.Connection, kind: str, payload: dict[str, Any]) -> OutboxEvent:
    if not conn.in_transaction:
        raise RuntimeError("outbox events are written only inside the record's own transaction")
    event_id = str(uuid.uuid4())
    created = utc_now_iso()
    cursor = conn.execute(
        "INSERT INTO outbox (event_id, kind, payload, created_at) VALUES (?, ?, ?, ?)",
        (event_id, kind, canonical_json(payload), created),
    )
    return OutboxEvent(int(cursor.lastrowid or 0), event_id, kind, payload, created)


def pending(conn: sqlite3.Connection, limit: int = 500) -> list[OutboxEvent]:
    rows = conn.execute(
        "SELECT seq, event_id, kind, payload, created_at FROM outbox "
        "WHERE sent_at IS NULL AND parked_reason IS NULL ORDER BY seq LIMIT ?",
        (limit,),
    ).fetchall()
    return [OutboxEvent(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]


def mark_sent(conn: sqlite3.Connection, event_ids: list[str], at: str | None = None) -> int:
    at = at or utc_now_iso()
    total = 0
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        cursor = conn.execute(
            f"UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND event_id IN ({marks})",
            (at, *chunk),
        )
        total += cursor.rowcount
    return total


def count_pending(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0])
