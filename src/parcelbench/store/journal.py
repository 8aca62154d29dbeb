"""The journal: how every evidence write leaves the bench — record, audit row, outbox event.

Every write of evidence in `store/` (inspections, seizures and their reviews and transfers,
photos, holds imported, located and examined, operations, reports issued, parked events sent
again) goes through this module, inside the transaction that writes the record. So the record,
its audit row (hash-chained) and its outbox event (what HQ receives) commit together or not at
all, and every event carries the same envelope whichever module wrote it: HQ can re-verify the
chain from the events alone.

Changes that stay on this bench (officer accounts, watchlist and known-shipper entries,
settings, rule packs) write an audit row only (`store.audit.append`): they come from HQ's
feed or are the bench's own configuration, and are not sent back as events.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from typing import Any

from parcelbench.domain.records import AuditEntry
from parcelbench.store import audit, outbox
from parcelbench.store.db import Store


def as_payload(record: Any) -> dict[str, Any]:
    """A record dataclass as the JSON of its audit row and event (tuples become lists)."""
    out = asdict(record)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}


def audit_and_enqueue(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    entity: str,
    payload: dict[str, Any],
) -> AuditEntry:
    """The audit row and the outbox event of a record already written in this transaction.

    One envelope for every event HQ receives (`record` + the audit row that chains it), so HQ
    can re-verify the chain from the events alone, whichever module wrote the record.
    """
    entry = audit.append(conn, actor=actor, action=action, entity=entity, payload=payload)
    outbox.enqueue(
        conn,
        action,
        {
            "record": payload,
            "audit": {
                "seq": entry.seq,
                "at": entry.at,
                "actor": entry.actor,
                "action": entry.action,
                "entity": entry.entity,
                "prev_hash": entry.prev_hash,
                "hash": entry.hash,
            },
        },
    )
    return entry


def write_evidence(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    entity: str,
    payload: dict[str, Any],
    write: str,
    params: tuple[Any, ...],
) -> None:
    """The record (one INSERT), its audit row and its outbox event, in the caller's transaction."""
    conn.execute(write, params)
    audit_and_enqueue(conn, actor=actor, action=action, entity=entity, payload=payload)


def record(
    store: Store,
    *,
    actor: str,
    action: str,
    entity: str,
    payload: dict[str, Any],
    write: str,
    params: tuple[Any, ...],
) -> None:
    """`write_evidence` in a transaction of its own."""
    with store.transaction() as conn:
        write_evidence(
            conn,
            actor=actor,
            action=action,
            entity=entity,
            payload=payload,
            write=write,
            params=params,
        )
