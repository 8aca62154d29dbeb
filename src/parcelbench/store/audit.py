"""The audit log: an append-only hash chain.

Each row's hash is sha256(prev_hash ‖ canonical JSON of the row), so rewriting, dropping or
reordering any row breaks every hash after it. HQ keeps the head it has seen and re-verifies.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from parcelbench.domain.canonical import canonical_json
from parcelbench.domain.chain import GENESIS_HASH, ChainStatus, entry_hash
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.records import AuditEntry


def append(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    entity: str,
    payload: dict[str, Any],
    at: str | None = None,
) -> AuditEntry:
    """Append one row; must run inside the caller's transaction with the record it describes."""
    if not conn.in_transaction:
        raise RuntimeError("audit rows are written only inside the record's own transaction")
    at = at or utc_now_iso()
    last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    digest = entry_hash(
        prev, seq=seq, at=at, actor=actor, action=action, entity=entity, payload=payload
    )
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, entity, payload, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, entity, canonical_json(payload), prev, digest),
    )
    return AuditEntry(seq, at, actor, action, entity, payload, prev, digest)


def verify_chain(conn: sqlite3.Connection) -> ChainStatus:
    """Walk the whole chain; report the first row that does not follow from the one before."""
    prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    cursor = conn.execute(
        "SELECT seq, at, actor, action, entity, payload, prev_hash, hash FROM audit_log "
        "ORDER BY seq"
    )
    for seq, at, actor, action, entity, payload, prev_hash, digest in cursor:
        if seq != expected_seq:
            return ChainStatus(False, count, prev, seq, f"row {expected_seq} is missing")
        if prev_hash != prev:
            return ChainStatus(False, count, prev, seq, "prev_hash does not match the row before")
        recomputed = entry_hash(
            prev,
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            payload=json.loads(payload),
        )
        if recomputed != digest:
            return ChainStatus(False, count, prev, seq, "row content does not match its hash")
        prev = digest
        expected_seq += 1
        count += 1
    return ChainStatus(True, count, prev)


def entries(conn: sqlite3.Connection, *, after: int = 0, limit: int = 1000) -> list[AuditEntry]:
    rows = conn.execute(
        "SELECT seq, at, actor, action, entity, payload, prev_hash, hash FROM audit_log "
        "WHERE seq > ? ORDER BY seq LIMIT ?",
        (after, limit),
    ).fetchall()
    return [AuditEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7]) for r in rows]


def recent_actions(
    conn: sqlite3.Connection, *, entity: str, actions: tuple[str, ...], window: int = 5000
) -> list[tuple[str, str]]:
    """(action, at) of an entity's entries among the newest `window` rows, newest first.

    Bounded on purpose: it answers "what happened to this badge lately" (login lockout) with a
    scan of the log's tail, not of years of history, and needs no index of its own.
    """
    marks = ",".join("?" * len(actions))
    rows = conn.execute(
        f"SELECT action, at FROM audit_log WHERE seq > (SELECT coalesce(max(seq), 0) - ? "
        f"FROM audit_log) AND entity = ? AND action IN ({marks}) ORDER BY seq DESC",
        (window, entity, *actions),
    ).fetchall()
    return [(r[0], r[1]) for r in rows]
