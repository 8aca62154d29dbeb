"""How a parcel came to be examined, how it was examined and what the exam found.

Why this is recorded, not inferred: the figures built on inspections (the random-exam baseline,
the lift of targeting, each rule's hit rate) are only honest when every exam says why it
happened. A K9 alert, an X-ray anomaly or a special operation's census is neither targeting nor
a random draw; counting them as "targeted" inflates the lift, and counting a parcel released on
sight as an exam dilutes every rate. Kept free of Qt and SQL: the service checks a record with
`check_exam`, the store writes it as JSON beside the inspection.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Selection(StrEnum):
    """Why this parcel was examined: one reason per exam."""

    TARGETING_LIST = "targeting_list"  # a hold on HQ's (or the facility's) targeting list
    RISK_RULE = "risk_rule"  # the rules' level (examine or detain)
    RANDOM = "random"  # the bench's random draw: the baseline
    K9_ALERT = "k9_alert"
    XRAY_ANOMALY = "xray_anomaly"
    OFFICER_DISCRETION = "officer_discretion"
    CENSUS = "census"  # a special operation examining every parcel
    NOT_EXAMINED = "not_examined"  # released on sight: not an exam at all


#: The reasons that are targeting; only `RANDOM` estimates the true rate.
TARGETED: frozenset[Selection] = frozenset({Selection.TARGETING_LIST, Selection.RISK_RULE})


class Method(StrEnum):
    """How the parcel was examined (several may apply)."""

    VISUAL = "visual"  # opened and looked at
    XRAY = "xray"
    K9 = "k9"
    FIELD_TEST = "field_test"


class Instrument(StrEnum):
    RAMAN = "raman"
    FTIR = "ftir"
    COLORIMETRIC = "colorimetric"
    IMMUNOASSAY = "immunoassay"
    OTHER = "other"


class TestResult(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    INCONCLUSIVE = "inconclusive"


class ReturnReason(StrEnum):
    """Why a parcel goes back to its sender."""

    NO_AED = "no_aed"  # AED required and never received
    PROHIBITED = "prohibited"  # not admissible, not seizable (e.g. non-mailable)
    REFUSED_BY_ADDRESSEE = "refused_by_addressee"
    INCOMPLETE_DOCUMENTS = "incomplete_documents"
    OTHER = "other"


class ExamError(ValueError):
    """The exam record is incomplete or contradictory; the message says what to supply."""


@dataclass(frozen=True, slots=True)
class FieldTest:
    """One field test: the instrument, its result and the substance it named.

    An inconclusive test sends a sample to the laboratory, so it carries the lab sample number
    that a later lab result will name.
    """

    instrument: str
    result: str
    substance: str | None = None
    lab_sample: str | None = None

    def check(self, where: str = "field test") -> None:
        if self.instrument not in set(Instrument):
            raise ExamError(
                f"{where}: instrument {self.instrument!r} is not one of {', '.join(Instrument)}"
            )
        if self.result not in set(TestResult):
            raise ExamError(
                f"{where}: result {self.result!r} is not one of {', '.join(TestResult)}"
            )
        if self.result == TestResult.POSITIVE and not (self.substance or "").strip():
            raise ExamError(f"{where}: a positive test names the substance it found")
        if self.result == TestResult.INCONCLUSIVE and not (self.lab_sample or "").strip():
            raise ExamError(
                f"{where}: an inconclusive test sends a sample to the lab; give its lab "
                "sample number"
            )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FieldTest:
        return cls(
            str(data.get("instrument", "")),
            str(data.get("result", "")),
            data.get("substance"),
            data.get("lab_sample"),
        )


@dataclass(frozen=True, slots=True)
class Exam:
    """What an inspection says beyond its outcome and selection: how, what was found, who
    allowed what.

    `findings` is what the officer saw (required to release a parcel at the detain level);
    `override_by` names the supervisor who allowed a release over a critical flag;
    `return_reason` goes with a return to sender; `witness` and `certificate` with an
    abandonment or a destruction; `notice` holds a detention notice's data.
    """

    methods: tuple[str, ...] = ()
    field_tests: tuple[FieldTest, ...] = ()
    findings: str | None = None
    override_by: str | None = None
    return_reason: str | None = None
    witness: str | None = None
    certificate: str | None = None
    notice: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "methods": list(self.methods),
            "field_tests": [
                {
                    "instrument": t.instrument,
                    "result": t.result,
                    "substance": t.substance,
                    "lab_sample": t.lab_sample,
                }
                for t in self.field_tests
            ],
            "findings": self.findings,
            "override_by": self.override_by,
            "return_reason": self.return_reason,
            "witness": self.witness,
            "certificate": self.certificate,
            "notice": self.notice,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Exam:
        if not data:
            return cls()
        return cls(
            methods=tuple(data.get("methods") or ()),
            field_tests=tuple(FieldTest.from_json(t) for t in data.get("field_tests") or ()),
            findings=data.get("findings"),
            override_by=data.get("override_by"),
            return_reason=data.get("return_reason"),
            witness=data.get("witness"),
            certificate=data.get("certificate"),
            notice=data.get("notice"),
        )


def check_exam(selection: str, exam: Exam) -> None:
    """The exam's own consistency: known words, methods that match the tests, no methods for
    a parcel released on sight. What the outcome asks of it is checked by the outcome service."""
    if selection not in set(Selection):
        raise ExamError(f"selection reason {selection!r} is not one of {', '.join(Selection)}")
    unknown = [m for m in exam.methods if m not in set(Method)]
    if unknown:
        raise ExamError(f"exam method {unknown[0]!r} is not one of {', '.join(Method)}")
    if len(set(exam.methods)) != len(exam.methods):
        raise ExamError("each exam method is given once")
    if exam.field_tests and Method.FIELD_TEST not in exam.methods:
        raise ExamError("field tests were given but 'field_test' is not among the exam methods")
    if Method.FIELD_TEST in exam.methods and not exam.field_tests:
        raise ExamError("the exam methods include a field test: give its instrument and result")
    for n, test in enumerate(exam.field_tests, start=1):
        test.check(f"field test {n}")
    if selection == Selection.NOT_EXAMINED and exam.methods:
        raise ExamError(
            "a parcel released on sight was not examined; give why it was examined "
            "(selection) or no exam methods"
        )
    if exam.return_reason is not None and exam.return_reason not in set(ReturnReason):
        raise ExamError(
            f"return reason {exam.return_reason!r} is not one of {', '.join(ReturnReason)}"
        )


def selection_for(*, on_hold_list: bool, level: str, random_pick: bool) -> Selection:
    """The reason the bench proposes before the officer says otherwise: the targeting list
    first, then the rules' level, then the random draw; a clear parcel is released on sight."""
    if on_hold_list:
        return Selection.TARGETING_LIST
    if level != "clear":
        return Selection.RISK_RULE
    if random_pick:
        return Selection.RANDOM
    return Selection.NOT_EXAMINED


@dataclass(frozen=True, slots=True)
class LabResult:
    """A laboratory's result on a seized line's sample, recorded after the exam.

    The seizure stays as seized (evidence is never edited); the result is written beside it,
    and the seizure report and HQ read the latest one.
    """

    seizure_number: str
    lab_sample: str
    result: str  # positive | negative | inconclusive
    substance: str | None
    laboratory: str
    report_ref: str | None
    recorded_by: str
    at: str


@dataclass(frozen=True, slots=True)
class ReferralAnswer:
    """A partner agency's answer that closes a referral: what they decided, and whether it is
    a finding (a violation) — until then the referral is pending, not non-compliance."""

    inspection_uuid: str
    agency: str
    answer: str
    finding: bool
    closed_by: str
    at: str


class Verdict(StrEnum):
    """What an inspection says about the parcel's compliance, for every rate built on it."""

    FINDING = "finding"  # a violation was found: non-compliant
    PENDING = "pending"  # waiting for a lab, a partner agency or a decision: not yet either
    COMPLIANT = "compliant"


#: Outcomes that are findings by themselves.
_FINDING_OUTCOMES = frozenset({"seized", "returned_to_sender", "abandoned", "destroyed"})


def verdict(
    outcome: str,
    *,
    noncompliance: bool,
    return_reason: str | None = None,
    referral_finding: bool | None = None,
) -> Verdict:
    """Non-compliance means a finding, not "anything but a release".

    A detention waits for its decision and a referral for the partner's answer
    (`referral_finding` None): both are pending until they resolve. A return to sender is a
    finding unless the addressee refused the parcel. A release with a non-compliance reason
    recorded (e.g. undervalued, duty collected) is a finding.
    """
    if outcome == "detained":
        return Verdict.PENDING
    if outcome == "referred":
        if referral_finding is None:
            return Verdict.PENDING
        return Verdict.FINDING if referral_finding or noncompliance else Verdict.COMPLIANT
    if outcome == "returned_to_sender" and return_reason == ReturnReason.REFUSED_BY_ADDRESSEE:
        return Verdict.FINDING if noncompliance else Verdict.COMPLIANT
    if outcome in _FINDING_OUTCOMES or noncompliance:
        return Verdict.FINDING
    return Verdict.COMPLIANT


def stored_selection(selection: str | None, targeted: bool) -> str:
    """The selection of a stored inspection: records made before the reason was recorded
    say only targeted or not; a non-targeted one was the random draw, a targeted one is
    `unrecorded` (it may have been a K9 alert or a release on sight, so it is kept apart)."""
    if selection:
        return selection
    return "unrecorded" if targeted else Selection.RANDOM
