"""The bench's side of HQ sync: the outbox queue, parked events, photos HQ holds, the feed.

Its settings (HQ address and token, the feed cursor, the last round) are "sync" settings of
`domain.settings`, read and written through `store.settings`.

Events leave the outbox only when HQ names them as held; an event HQ refused (4xx) is parked
with its reason for a supervisor, so one bad event never blocks the ones behind it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.outbox import ParkedEvent, QueueCounts, SyncState
from parcelbench.domain.settings import (
    FEED_CURSOR,
    HQ_TOKEN,
    LAST_ATTEMPT,
    LAST_ERROR,
    LAST_SYNC,
    NEEDS_ENROLLMENT,
)
from parcelbench.store import settings
from parcelbench.store.db import Store
from parcelbench.store.journal import audit_and_enqueue
from parcelbench.store.photo_files import photos_dir


def queue_counts(conn: sqlite3.Connection) -> QueueCounts:
    row = conn.execute(
        "SELECT count(*), "
        "coalesce(sum(sent_at IS NULL AND parked_reason IS NULL), 0), "
        "coalesce(sum(sent_at IS NULL AND parked_reason IS NOT NULL), 0) FROM outbox"
    ).fetchone()
    return QueueCounts(pending=int(row[1]), parked=int(row[2]), queued_total=int(row[0]))


def park(store: Store, event_id: str, reason: str) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE outbox SET parked_reason = ?, attempts = attempts + 1 "
            "WHERE event_id = ? AND sent_at IS NULL",
            (f"{utc_now_iso()} {reason[:500]}", event_id),
        )


def parked_events(conn: sqlite3.Connection, limit: int = 200) -> list[ParkedEvent]:
    rows = conn.execute(
        "SELECT seq, event_id, kind, parked_reason FROM outbox "
        "WHERE sent_at IS NULL AND parked_reason IS NOT NULL ORDER BY seq LIMIT ?",
        (limit,),
    ).fetchall()
    return [ParkedEvent(*r) for r in rows]


def unpark_all(store: Store, *, actor: str) -> int:
    """A supervisor sends the parked events again (after HQ or the data was fixed); audited."""
    with store.transaction() as conn:
        count = conn.execute(
            "UPDATE outbox SET parked_reason = NULL "
            "WHERE sent_at IS NULL AND parked_reason IS NOT NULL"
        ).rowcount
        photos = unpark_blobs(conn)
        if count or photos:
            payload = {"events": count} | ({"photos": photos} if photos else {})
            audit_and_enqueue(
                conn, actor=actor, action="sync.unparked", entity="outbox", payload=payload
            )
        return count + photos


def audit_head(conn: sqlite3.Connection) -> tuple[int, str] | None:
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def photos_to_upload(store: Store, limit: int = 100) -> list[tuple[str, int, Path | None]]:
    """Photos HQ has not confirmed and sync has not set aside: (sha256, size, the file if it
    is still on this bench)."""
    rows = store.conn.execute(
        "SELECT p.sha256, max(p.size) FROM photos p LEFT JOIN sync_blobs s "
        "ON s.sha256 = p.sha256 LEFT JOIN sync_blobs_parked k ON k.sha256 = p.sha256 "
        "WHERE s.sha256 IS NULL AND k.sha256 IS NULL GROUP BY p.sha256 ORDER BY p.sha256 "
        "LIMIT ?",
        (limit,),
    ).fetchall()
    folder = photos_dir(store)
    out: list[tuple[str, int, Path | None]] = []
    for sha, size in rows:
        found = sorted(folder.glob(f"{sha}.*")) if folder.is_dir() else []
        out.append((sha, int(size), found[0] if found else None))
    return out


def mark_blob_uploaded(store: Store, sha256: str) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO sync_blobs (sha256, uploaded_at) VALUES (?, ?) "
            "ON CONFLICT (sha256) DO NOTHING",
            (sha256, utc_now_iso()),
        )


def park_blob(store: Store, sha256: str, reason: str) -> None:
    """Set a photo aside that cannot be sent (damaged, missing, refused by HQ), audited and
    reported to HQ as an event: the evidence record still names its hash, and the photos and
    events behind it go on."""
    with store.transaction() as conn:
        added = conn.execute(
            "INSERT INTO sync_blobs_parked (sha256, reason, parked_at) VALUES (?, ?, ?) "
            "ON CONFLICT (sha256) DO NOTHING",
            (sha256, reason[:500], utc_now_iso()),
        ).rowcount
        if added:
            audit_and_enqueue(
                conn,
                actor="sync",
                action="photo.parked",
                entity=f"photo:{sha256}",
                payload={"sha256": sha256, "reason": reason[:500]},
            )


def parked_blobs(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(sha256, reason) of every photo sync set aside, oldest first."""
    rows = conn.execute("SELECT sha256, reason FROM sync_blobs_parked ORDER BY parked_at, sha256")
    return [(str(r[0]), str(r[1])) for r in rows]


def unpark_blobs(conn: sqlite3.Connection) -> int:
    """Try every set-aside photo again (inside the caller's transaction)."""
    return conn.execute("DELETE FROM sync_blobs_parked").rowcount


def cursor(conn: sqlite3.Connection) -> int:
    """The HQ sequence number of the last feed item applied (0: none yet)."""
    return settings.get(conn, FEED_CURSOR)


def move_cursor(conn: sqlite3.Connection, seq: int, kind: str, name: str, checksum: str) -> None:
    """Record one applied feed item and move the cursor past it (inside the applying txn)."""
    if not conn.in_transaction:
        raise RuntimeError("the feed cursor moves only inside the transaction that applied it")
    conn.execute(
        "INSERT INTO feed_applied (seq, kind, name, checksum, applied_at) VALUES (?, ?, ?, ?, ?)",
        (seq, kind, name, checksum, utc_now_iso()),
    )
    settings.write(conn, FEED_CURSOR, seq)


def refuse_feed_item(
    conn: sqlite3.Connection, seq: int, kind: str, name: str, checksum: str, reason: str
) -> None:
    """Set aside a feed item this bench cannot apply and move the cursor past it, with an event
    telling HQ why (inside the caller's transaction): one bad item never blocks the ones
    behind it, and HQ can correct or withdraw it."""
    if not conn.in_transaction:
        raise RuntimeError("a feed item is refused only inside a transaction")
    conn.execute(
        "INSERT INTO feed_refused (seq, kind, name, checksum, reason, refused_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (seq, kind, name, checksum, reason[:1000], utc_now_iso()),
    )
    settings.write(conn, FEED_CURSOR, seq)
    audit_and_enqueue(
        conn,
        actor="sync",
        action="feed.refused",
        entity=f"feed:{seq}",
        payload={"seq": seq, "kind": kind, "name": name, "checksum": checksum, "reason": reason},
    )


def refused_feed(conn: sqlite3.Connection) -> list[tuple[int, str, str, str]]:
    """(seq, kind, name, reason) of the feed items this bench set aside."""
    return [
        (int(r[0]), r[1], r[2], r[3])
        for r in conn.execute("SELECT seq, kind, name, reason FROM feed_refused ORDER BY seq")
    ]


def applied_feed(conn: sqlite3.Connection) -> list[tuple[int, str, str, str]]:
    return [
        (int(r[0]), r[1], r[2], r[3])
        for r in conn.execute("SELECT seq, kind, name, checksum FROM feed_applied ORDER BY seq")
    ]


def sync_state(store: Store) -> SyncState:
    """Cheap enough for a status-bar timer (a few indexed reads); call it off the GUI thread."""
    conn = store.conn
    counts = queue_counts(conn)
    last_sync = settings.get(conn, LAST_SYNC)
    last_attempt = settings.get(conn, LAST_ATTEMPT)
    error = settings.get(conn, LAST_ERROR)
    enrolled = bool(settings.get(conn, HQ_TOKEN))
    needs = settings.get(conn, NEEDS_ENROLLMENT) is not None or not enrolled
    online = None if last_attempt is None or not enrolled else last_sync == last_attempt
    return SyncState(online, counts.pending, counts.parked, last_sync, error, needs)
