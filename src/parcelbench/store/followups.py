"""What comes after an exam, written beside the evidence: a laboratory's result on a seizure's
sample and a partner agency's answer to a referral.

Each is ONE transaction holding the row, its audit row and its outbox event (`store.journal`),
so HQ hears of it and `audit verify` can vouch for it, like the evidence it follows.
"""

from __future__ import annotations

import sqlite3

from parcelbench.domain.exam import LabResult, ReferralAnswer
from parcelbench.store.db import Store
from parcelbench.store.journal import as_payload, write_evidence


def record_lab_result(store: Store, result: LabResult) -> None:
    with store.transaction() as conn:
        write_evidence(
            conn,
            actor=result.recorded_by,
            action="seizure.lab_result",
            entity=f"seizure:{result.seizure_number}",
            payload=as_payload(result),
            write=(
                "INSERT INTO lab_results (seizure_number, lab_sample, result, substance, "
                "laboratory, report_ref, recorded_by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            ),
            params=(
                result.seizure_number,
                result.lab_sample,
                result.result,
                result.substance,
                result.laboratory,
                result.report_ref,
                result.recorded_by,
                result.at,
            ),
        )


def lab_results(conn: sqlite3.Connection, seizure_number: str) -> list[LabResult]:
    """Every lab result for a seizure line, oldest first (the last one stands)."""
    rows = conn.execute(
        "SELECT seizure_number, lab_sample, result, substance, laboratory, report_ref, "
        "recorded_by, at FROM lab_results WHERE seizure_number = ? ORDER BY id",
        (seizure_number,),
    ).fetchall()
    return [LabResult(*row) for row in rows]


def record_referral_answer(store: Store, answer: ReferralAnswer) -> None:
    with store.transaction() as conn:
        write_evidence(
            conn,
            actor=answer.closed_by,
            action="referral.closed",
            entity=f"inspection:{answer.inspection_uuid}",
            payload=as_payload(answer),
            write=(
                "INSERT INTO referral_answers (inspection_uuid, agency, answer, finding, "
                "closed_by, at) VALUES (?, ?, ?, ?, ?, ?)"
            ),
            params=(
                answer.inspection_uuid,
                answer.agency,
                answer.answer,
                int(answer.finding),
                answer.closed_by,
                answer.at,
            ),
        )


def referral_answer(conn: sqlite3.Connection, inspection_uuid: str) -> ReferralAnswer | None:
    row = conn.execute(
        "SELECT inspection_uuid, agency, answer, finding, closed_by, at FROM referral_answers "
        "WHERE inspection_uuid = ?",
        (inspection_uuid,),
    ).fetchone()
    return None if row is None else ReferralAnswer(*row[:3], bool(row[3]), *row[4:])


def open_referrals(conn: sqlite3.Connection, limit: int = 500) -> list[tuple[str, str, str, str]]:
    """(inspection uuid, item id, agency, referred at) of referrals without an answer, oldest
    first; a referral amended by a later record is not open."""
    return conn.execute(
        "SELECT i.uuid, i.item_id, i.agency, i.at FROM inspections i "
        "WHERE i.outcome = 'referred' "
        "AND NOT EXISTS (SELECT 1 FROM referral_answers r WHERE r.inspection_uuid = i.uuid) "
        "AND NOT EXISTS (SELECT 1 FROM inspections later WHERE later.amends = i.uuid) "
        "ORDER BY i.at LIMIT ?",
        (limit,),
    ).fetchall()


def samples_awaiting(conn: sqlite3.Connection, limit: int = 500) -> list[tuple[str, str, str, str]]:
    """(seizure number, item id, lab sample, seized at) of seizure lines whose sample has no
    lab result yet, oldest first."""
    return conn.execute(
        "SELECT s.seizure_number, i.item_id, s.lab_sample, s.at FROM seizures s "
        "JOIN inspections i ON i.uuid = s.inspection_uuid "
        "WHERE s.lab_sample IS NOT NULL AND s.lab_sample != '' "
        "AND NOT EXISTS (SELECT 1 FROM lab_results r WHERE r.seizure_number = s.seizure_number) "
        "ORDER BY s.at, s.seizure_number LIMIT ?",
        (limit,),
    ).fetchall()
