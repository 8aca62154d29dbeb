"""After the exam: a laboratory's result on a sample, a partner agency's answer to a referral.

Why they are records of their own: a field test that is inconclusive sends a sample to the
lab, and a referral hands the parcel to HSI, USPIS, FDA…; the answer comes days later, from
another bench or a supervisor's desk. The seizure and the referral stay as recorded; the answer
is written beside them (audited, synced), and until it comes the summaries count the referral
as pending, not as a finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.detention import Detention
from parcelbench.domain.exam import LabResult, ReferralAnswer, TestResult
from parcelbench.domain.records import Officer, Outcome
from parcelbench.services import detentions
from parcelbench.services.outcomes import OutcomeError
from parcelbench.store import Store
from parcelbench.store import followups as store_followups
from parcelbench.store.evidence import get_inspection
from parcelbench.store.seizures import get_seizure


def record_lab_result(
    store: Store,
    officer: Officer,
    seizure_number: str,
    *,
    lab_sample: str,
    result: str,
    laboratory: str,
    substance: str | None = None,
    report_ref: str | None = None,
) -> LabResult:
    """The lab's result for a seizure line's sample. The sample number must be the one the
    line was recorded with, so a result can never land on the wrong line."""
    number = seizure_number.strip()
    seizure = get_seizure(store.conn, number)
    if seizure is None:
        raise OutcomeError(f"no seizure {number!r} on this bench")
    sample = lab_sample.strip()
    if not seizure.lab_sample:
        raise OutcomeError(
            f"seizure {number} sent no sample to the lab (its field test was not inconclusive)"
        )
    if sample != seizure.lab_sample:
        raise OutcomeError(
            f"seizure {number}'s lab sample is {seizure.lab_sample!r}, not {sample!r}"
        )
    word = result.strip().lower()
    if word not in {str(r) for r in TestResult}:
        raise OutcomeError(f"the lab result is one of {', '.join(TestResult)}")
    if word == TestResult.POSITIVE and not (substance or "").strip():
        raise OutcomeError("a positive lab result names the substance")
    if not laboratory.strip():
        raise OutcomeError("name the laboratory that reported the result")
    done = LabResult(
        seizure_number=number,
        lab_sample=sample,
        result=word,
        substance=(substance or "").strip() or None,
        laboratory=laboratory.strip(),
        report_ref=(report_ref or "").strip() or None,
        recorded_by=officer.badge,
        at=utc_now_iso(),
    )
    store_followups.record_lab_result(store, done)
    return done


def close_referral(
    store: Store, officer: Officer, inspection_uuid: str, *, answer: str, finding: bool
) -> ReferralAnswer:
    """Close a referral with the partner agency's answer (`finding`: they found a violation)."""
    ins = get_inspection(store.conn, inspection_uuid.strip())
    if ins is None or ins.outcome is not Outcome.REFERRED:
        raise OutcomeError(f"no referral {inspection_uuid!r} on this bench")
    if store_followups.referral_answer(store.conn, ins.uuid) is not None:
        raise OutcomeError(f"the referral of {ins.item_id} to {ins.agency} is already closed")
    if not answer.strip():
        raise OutcomeError(f"give {ins.agency}'s answer (what they decided)")
    done = ReferralAnswer(
        inspection_uuid=ins.uuid,
        agency=ins.agency or "",
        answer=answer.strip(),
        finding=finding,
        closed_by=officer.badge,
        at=utc_now_iso(),
    )
    store_followups.record_referral_answer(store, done)
    return done


def open_referrals(store: Store) -> list[tuple[str, str, str, str]]:
    """Referrals still waiting for the partner's answer: (inspection, item, agency, at)."""
    return store_followups.open_referrals(store.conn)


def samples_awaiting(store: Store) -> list[tuple[str, str, str, str]]:
    """Seizure lines whose lab sample has no result yet: (seizure, item, sample, seized at)."""
    return store_followups.samples_awaiting(store.conn)


@dataclass(frozen=True, slots=True)
class FollowUps:
    """Everything still waiting for an answer after the exam, as the window lists it."""

    detentions: list[Detention]  # most urgent first
    referrals: list[tuple[str, str, str, str]]  # (inspection, item, agency, referred at)
    samples: list[tuple[str, str, str, str]]  # (seizure, item, lab sample, seized at)


def waiting(store: Store, today: date | None = None) -> FollowUps:
    """Open detentions with their clocks, open referrals and samples awaiting the lab."""
    return FollowUps(
        detentions.open_detentions(store, today),
        open_referrals(store),
        samples_awaiting(store),
    )
