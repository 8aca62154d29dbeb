"""Seizure approval and custody: reviews, the pending list, chain-of-custody transfers.

A supervisor's review (approve, or return to the officer with a comment) and an officer's
resubmission are each ONE transaction holding the review row, the seizure's new status, the
audit row and the outbox event. The seizure itself (what was seized) is evidence and is never
edited; only its workflow status follows the newest review.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.records import Photo, Seizure
from parcelbench.domain.seizures import Review, SeizureListing, Transfer
from parcelbench.store.db import Store
from parcelbench.store.journal import audit_and_enqueue

PENDING = "pending"
APPROVED = "approved"
RETURNED = "returned"
#: decision -> the status it leaves the seizure in, and the statuses it may be taken from
DECISIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "approved": (APPROVED, (PENDING,)),
    "returned": (RETURNED, (PENDING,)),
    "resubmitted": (PENDING, (RETURNED,)),
}


class SeizureError(ValueError):
    """The seizure does not exist or is not in a state that allows this; the message says why."""


_SEIZURE_COLS = (
    "s.seizure_number, s.inspection_uuid, s.category, s.description, s.quantity, s.unit, "
    "s.weight_g, s.at, s.field_test, s.field_test_result, s.evidence_bags, s.witness, s.status, "
    "s.substance, s.lab_sample, s.seals"
)
_N = 16  # columns in _SEIZURE_COLS


def _seizure(row: tuple[Any, ...]) -> Seizure:
    return Seizure(
        *row[:10],
        tuple(json.loads(row[10])),
        row[11],
        row[12],
        row[13],
        row[14],
        tuple(json.loads(row[15] or "[]")),
    )


def get_seizure(conn: sqlite3.Connection, number: str) -> Seizure | None:
    row = conn.execute(
        f"SELECT {_SEIZURE_COLS} FROM seizures s WHERE s.seizure_number = ?", (number,)
    ).fetchone()
    return None if row is None else _seizure(row)


def list_seizures(
    conn: sqlite3.Connection, *, status: str | None = None, limit: int = 1000
) -> list[SeizureListing]:
    """Seizures (of one status, or all), oldest first: the approval queue reads top down."""
    where, params = ("WHERE s.status = ?", (status,)) if status else ("", ())
    rows = conn.execute(
        f"SELECT {_SEIZURE_COLS}, i.item_id, i.officer_badge, o.name FROM seizures s "
        "JOIN inspections i ON i.uuid = s.inspection_uuid "
        f"LEFT JOIN officers o ON o.badge = i.officer_badge {where} "
        "ORDER BY s.at, s.seizure_number LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [SeizureListing(_seizure(r[:_N]), r[_N], r[_N + 1], r[_N + 2]) for r in rows]


def seizures_of(conn: sqlite3.Connection, inspection_uuid: str) -> list[Seizure]:
    rows = conn.execute(
        f"SELECT {_SEIZURE_COLS} FROM seizures s WHERE s.inspection_uuid = ? "
        "ORDER BY s.seizure_number",
        (inspection_uuid,),
    ).fetchall()
    return [_seizure(r) for r in rows]


def photos_of(conn: sqlite3.Connection, inspection_uuid: str) -> list[Photo]:
    rows = conn.execute(
        "SELECT sha256, inspection_uuid, size, taken_at, caption FROM photos "
        "WHERE inspection_uuid = ? ORDER BY taken_at, sha256",
        (inspection_uuid,),
    ).fetchall()
    return [Photo(*r) for r in rows]


def reviews(conn: sqlite3.Connection, number: str) -> list[Review]:
    rows = conn.execute(
        "SELECT seizure_number, decision, comment, actor, at FROM seizure_reviews "
        "WHERE seizure_number = ? ORDER BY id",
        (number,),
    ).fetchall()
    return [Review(*r) for r in rows]


def transfers(conn: sqlite3.Connection, number: str) -> list[Transfer]:
    rows = conn.execute(
        "SELECT seizure_number, released_by, received_by, at, purpose, recorded_by "
        "FROM custody_transfers WHERE seizure_number = ? ORDER BY at, id",
        (number,),
    ).fetchall()
    return [Transfer(*r) for r in rows]


def review(
    store: Store,
    number: str,
    decision: str,
    *,
    actor: str,
    comment: str | None = None,
    at: str | None = None,
) -> Review:
    """Record a decision on a seizure; refused unless the seizure is in a state it applies to.

    The status is read and changed inside the one write transaction, so two supervisors
    approving the same seizure at once cannot both succeed.
    """
    if decision not in DECISIONS:
        raise SeizureError(f"unknown decision {decision!r}")
    new_status, allowed_from = DECISIONS[decision]
    entry = Review(number, decision, comment, actor, at or utc_now_iso())
    with store.transaction() as conn:
        current = get_seizure(conn, number)
        if current is None:
            raise SeizureError(f"no seizure {number} on this bench")
        if current.status not in allowed_from:
            raise SeizureError(
                f"seizure {number} is {current.status}; it can be {decision} only when "
                f"{' or '.join(allowed_from)}"
            )
        conn.execute(
            "INSERT INTO seizure_reviews (seizure_number, decision, comment, actor, at) "
            "VALUES (?, ?, ?, ?, ?)",
            (number, decision, comment, actor, entry.at),
        )
        conn.execute(
            "UPDATE seizures SET status = ? WHERE seizure_number = ?", (new_status, number)
        )
        audit_and_enqueue(
            conn,
            actor=actor,
            action=f"seizure.{decision}",
            entity=f"seizure:{number}",
            payload={**entry.to_json(), "status": new_status},
        )
    return entry


def record_transfer(store: Store, transfer: Transfer) -> Transfer:
    """Add one chain-of-custody line (audited and sent to HQ like any evidence record)."""
    with store.transaction() as conn:
        if get_seizure(conn, transfer.seizure_number) is None:
            raise SeizureError(f"no seizure {transfer.seizure_number} on this bench")
        conn.execute(
            "INSERT INTO custody_transfers (seizure_number, released_by, received_by, at, "
            "purpose, recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
            (
                transfer.seizure_number,
                transfer.released_by,
                transfer.received_by,
                transfer.at,
                transfer.purpose,
                transfer.recorded_by,
            ),
        )
        audit_and_enqueue(
            conn,
            actor=transfer.recorded_by,
            action="custody.transferred",
            entity=f"seizure:{transfer.seizure_number}",
            payload=transfer.to_json(),
        )
    return transfer


def record_issued(
    store: Store, *, actor: str, action: str, entity: str, payload: dict[str, Any]
) -> None:
    """A report printed or exported: who made it, from which record, with which bytes."""
    with store.transaction() as conn:
        audit_and_enqueue(conn, actor=actor, action=action, entity=entity, payload=payload)
