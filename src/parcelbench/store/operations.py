"""Special operations ("blitzes"): named periods of intensive examination, and their counts.

An operation is started and ended by a supervisor (audited, and sent to HQ like any record);
at most one runs at a time (a partial unique index says so). Its live counts are read from the
inspections recorded while it ran, so they can never disagree with the evidence.
"""

from __future__ import annotations

import sqlite3

from parcelbench.domain.clock import just_after, utc_now_iso
from parcelbench.domain.exam import TARGETED, Selection, Verdict, stored_selection, verdict
from parcelbench.domain.operations import Operation, OperationCounts
from parcelbench.store.db import Store
from parcelbench.store.journal import audit_and_enqueue
from parcelbench.store.reports import LATEST_IN_WINDOW


class OperationError(ValueError):
    """The operation cannot be started or ended as asked; the message says why."""


_COLUMNS = (
    "id, name, starts_on, ends_on, targeted_rate, random_rate, started_by, started_at, "
    "ended_by, ended_at"
)


def running(conn: sqlite3.Connection) -> Operation | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM operations WHERE ended_at IS NULL").fetchone()
    return Operation(*row) if row else None


def by_name(conn: sqlite3.Connection, name: str) -> Operation | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM operations WHERE name = ?", (name,)).fetchone()
    return Operation(*row) if row else None


def list_operations(conn: sqlite3.Connection) -> list[Operation]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM operations ORDER BY started_at DESC").fetchall()
    return [Operation(*row) for row in rows]


def start(
    store: Store,
    *,
    name: str,
    starts_on: str,
    ends_on: str,
    targeted_rate: float,
    random_rate: float,
    actor: str,
) -> Operation:
    """Start an operation now; refused while another runs or when the name is taken."""
    now = utc_now_iso()
    with store.transaction() as conn:
        current = running(conn)
        if current is not None:
            raise OperationError(f"operation “{current.name}” is running; end it first")
        if by_name(conn, name) is not None:
            raise OperationError(f"an operation named “{name}” already exists; pick another name")
        cur = conn.execute(
            "INSERT INTO operations (name, starts_on, ends_on, targeted_rate, random_rate, "
            "started_by, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (name, starts_on, ends_on, targeted_rate, random_rate, actor, now),
        )
        op = Operation(
            int(cur.lastrowid or 0),
            name,
            starts_on,
            ends_on,
            targeted_rate,
            random_rate,
            actor,
            now,
        )
        audit_and_enqueue(
            conn,
            actor=actor,
            action="operation.started",
            entity=f"operation:{op.id}",
            payload=op.to_json(),
        )
    return op


def end(store: Store, *, actor: str) -> Operation:
    now = utc_now_iso()
    with store.transaction() as conn:
        current = running(conn)
        if current is None:
            raise OperationError("no operation is running")
        conn.execute(
            "UPDATE operations SET ended_by = ?, ended_at = ? WHERE id = ?",
            (actor, now, current.id),
        )
        ended = Operation(**{**current.to_json(), "ended_by": actor, "ended_at": now})
        audit_and_enqueue(
            conn,
            actor=actor,
            action="operation.ended",
            entity=f"operation:{ended.id}",
            payload=ended.to_json(),
        )
    return ended


def counts(conn: sqlite3.Connection, op: Operation) -> OperationCounts:
    """Parcels examined from the operation's start to its end (or now), each once as its latest
    record (`store.reports.LATEST_IN_WINDOW`), judged as the summary judges them
    (`domain.exam.verdict`): so the banner and the printed summary always agree."""
    until = just_after(op.ended_at) if op.ended_at else "9999"
    examined = targeted = random = noncompliant = seized = pending = 0
    for outcome, was_targeted, noncompliance, selection, return_reason, finding in conn.execute(
        "SELECT i.outcome, i.targeted, i.noncompliance, i.selection, "
        "json_extract(i.exam, '$.return_reason'), "
        "(SELECT r.finding FROM referral_answers r WHERE r.inspection_uuid = i.uuid) "
        + LATEST_IN_WINDOW,
        (op.started_at, until, until),
    ):
        chosen = stored_selection(selection, bool(was_targeted))
        if chosen == Selection.NOT_EXAMINED:
            continue
        judged = verdict(
            outcome,
            noncompliance=noncompliance not in ("[]", ""),
            return_reason=return_reason,
            referral_finding=None if finding is None else bool(finding),
        )
        if judged is Verdict.PENDING:
            pending += 1
            continue
        examined += 1
        targeted += chosen in TARGETED
        random += chosen == Selection.RANDOM
        noncompliant += judged is Verdict.FINDING
        seized += outcome == "seized"
    return OperationCounts(examined, targeted, random, noncompliant, seized, pending)
