"""What the last re-score of the stored AED found: the run, and every parcel it did not clear.

A re-score (a new rule pack, a month's AED) is a targeting decision someone took: the
officers' worklist of parcels to pull comes from it, and HQ hears of it. So its result is
written like any record — the run, its parcels, the audit row and the outbox event in one
transaction — replacing the run before (the worklist is the current pack's). Only examine and
detain are kept: a million-item run clears all but a few per cent, and the run's counts say how
many were cleared.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from parcelbench.domain.rescore import Rescore, Scored, ScoredParcel
from parcelbench.store.db import Store
from parcelbench.store.journal import audit_and_enqueue

#: Parcels at detain named in the event HQ receives (highest scores first); the bench keeps all.
EVENT_ITEMS = 5000


def save(
    store: Store,
    *,
    rulepack: str,
    actor: str,
    started_at: str,
    finished_at: str,
    levels: dict[str, int],
    scored: Sequence[Scored],
) -> Rescore:
    """Keep a finished re-score in place of the one before, audited and sent to HQ."""
    items = sum(levels.values())
    with store.transaction() as conn:
        conn.execute("DELETE FROM risk_scores")
        cursor = conn.execute(
            "INSERT INTO risk_rescores (rulepack, actor, started_at, finished_at, items, levels) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (rulepack, actor, started_at, finished_at, items, json.dumps(levels, sort_keys=True)),
        )
        run = Rescore(
            int(cursor.lastrowid or 0), rulepack, actor, started_at, finished_at, items, levels
        )
        conn.executemany(
            "INSERT INTO risk_scores (item_id, version, rescore_id, level, score, rules) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(s.item_id, s.version, run.id, s.level, s.score, " ".join(s.rules)) for s in scored],
        )
        detain = sorted((s for s in scored if s.level == "detain"), key=lambda s: -s.score)
        audit_and_enqueue(
            conn,
            actor=actor,
            action="risk.rescored",
            entity=f"rescore:{run.id}",
            payload={
                **run.to_json(),
                "detain_items": [
                    {"item_id": s.item_id, "score": s.score, "rules": list(s.rules)}
                    for s in detain[:EVENT_ITEMS]
                ],
                "detain_items_left_out": max(0, len(detain) - EVENT_ITEMS),
            },
        )
    return run


def latest(conn: sqlite3.Connection) -> Rescore | None:
    row = conn.execute(
        "SELECT id, rulepack, actor, started_at, finished_at, items, levels FROM risk_rescores "
        "ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    return Rescore(*row[:6], levels=json.loads(row[6]))


def worklist(conn: sqlite3.Connection, *, limit: int = 1000) -> list[ScoredParcel]:
    """The last re-score's parcels, detain before examine, highest score first."""
    rows = conn.execute(
        "SELECT r.item_id, r.level, r.score, r.rules, coalesce(p.name, ''), "
        "coalesce(a.country, ''), i.id IS NOT NULL "
        "FROM risk_scores r "
        "LEFT JOIN aed_items i ON i.item_id = r.item_id AND i.version = r.version "
        "AND i.is_current = 1 "
        "LEFT JOIN aed_parties p ON p.id = i.sender_id "
        "LEFT JOIN aed_parties a ON a.id = i.addressee_id "
        "ORDER BY r.level = 'detain' DESC, r.score DESC, r.item_id LIMIT ?",
        (limit,),
    ).fetchall()
    return [
        ScoredParcel(r[0], r[1], int(r[2]), tuple(r[3].split()), r[4], r[5], bool(r[6]))
        for r in rows
    ]
