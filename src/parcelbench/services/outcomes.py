"""Recording what an inspection found: the one service the CLI and the window both call.

Every outcome is recorded with why the parcel was examined (`domain.exam.Selection`), how, and
what the exam found, because an inspection programme can only be measured (and its rules
improved) if every outcome is kept, not only seizures, and every exam says whether it was
targeting, the random baseline or something else. The seizure lines are written in the same
transaction as their inspection, get their numbers there, and mark the parcel's parties for the
counter-network. A parcel at the detain level is never released without findings, and a release
over a critical flag names the supervisor who allowed it (who proves it with their PIN unless
they are the officer signed in).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.detention import DetentionNotice, NoticeError
from parcelbench.domain.exam import (
    TARGETED,
    Exam,
    ExamError,
    ReturnReason,
    Selection,
    TestResult,
    check_exam,
)
from parcelbench.domain.records import (
    Inspection,
    Officer,
    Outcome,
    Photo,
    Role,
    Seizure,
    SeizureLine,
)
from parcelbench.domain.risk import Level, level_word
from parcelbench.domain.settings import BENCH_SEGMENT, PORT_CODE
from parcelbench.ids import parse as parse_id
from parcelbench.store import Store
from parcelbench.store import settings as bench_settings
from parcelbench.store.aed import get_current
from parcelbench.store.evidence import PhotoBytes, get_inspection
from parcelbench.store.evidence import record_outcome as store_outcome

#: Partner agencies a parcel may be referred to: HSI and USPIS are the main partners for
#: narcotics in the mail; the others for regulated goods.
AGENCIES: tuple[str, ...] = ("HSI", "USPIS", "FDA", "USDA", "FWS", "CPSC", "DEA", "OTHER")
NONCOMPLIANCE: tuple[str, ...] = (
    "narcotics",
    "precursor_chemicals",
    "pill_press",
    "counterfeit",
    "undeclared",
    "undervalued",
    "prohibited_agriculture",
    "wildlife",
    "unsafe_product",
    "weapons",
    "fake_documents",
    "other",
)
SEIZURE_CATEGORIES = NONCOMPLIANCE
UNITS: tuple[str, ...] = ("g", "kg", "pieces", "tablets", "capsules", "ml", "items")
RECORDABLE = (
    Outcome.RELEASED,
    Outcome.REFERRED,
    Outcome.DETAINED,
    Outcome.SEIZED,
    Outcome.RETURNED_TO_SENDER,
    Outcome.ABANDONED,
    Outcome.DESTROYED,
)
MAX_SEIZURE_LINES = 99  # the two digits of a seizure number's line


class OutcomeError(ValueError):
    """The outcome cannot be recorded as given; the message says what to supply."""


@dataclass(frozen=True, slots=True)
class Override:
    """The supervisor who allowed a release over a critical flag, and their PIN (checked
    here; never stored). No PIN is needed when the signed-in officer is that supervisor."""

    badge: str
    pin: str = ""


#: What the officer entered on the seizure form; the store numbers it when it is recorded.
SeizureDraft = SeizureLine


@dataclass(frozen=True, slots=True)
class Recorded:
    inspection: Inspection
    seizures: list[Seizure] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "inspection_id": self.inspection.uuid,
            "item_id": self.inspection.item_id,
            "outcome": str(self.inspection.outcome),
            "seizure_number": self.seizures[0].seizure_number if self.seizures else None,
            "seizure_numbers": [s.seizure_number for s in self.seizures],
            "selection": self.inspection.selection,
            "photos": [p.sha256 for p in self.photos],
        }


def fiscal_year(moment: datetime) -> int:
    """U.S. federal fiscal year: FY2027 runs from 1 October 2026 to 30 September 2027."""
    return moment.year + 1 if moment.month >= 10 else moment.year


def seizure_prefix(moment: datetime, port_code: str, segment: int = 0) -> str:
    """`YYYY-PPPP-SS` of a `YYYY-PPPP-SSNNNN-LL` seizure number: fiscal year, port, and this
    bench's segment of the port's numbers (00 on a bench never enrolled with a port, which
    numbers as before segments: `YYYY-PPPP-00NNNN`)."""
    return f"{fiscal_year(moment):04d}-{port_code}-{segment:02d}"


def _tidy_line(line: SeizureLine) -> SeizureLine:
    """A field test's result as its word, and the substance typed with it ("positive
    fentanyl", "fentanyl positive") as the substance; blank texts as None."""
    words_in = (line.field_test_result or "").split()
    found = [w for w in words_in if w.lower().strip(".,;:") in {str(r) for r in TestResult}]
    result = " ".join(words_in)
    substance = (line.substance or "").strip() or None
    if len(found) == 1:
        result = found[0].lower().strip(".,;:")
        rest = " ".join(w for w in words_in if w is not found[0]).strip(" ,;:-")
        if rest and substance is None:
            substance = rest
    return replace(
        line,
        description=line.description.strip(),
        field_test=(line.field_test or "").strip() or None,
        field_test_result=result or None,
        substance=substance,
        lab_sample=(line.lab_sample or "").strip() or None,
        evidence_bags=tuple(b.strip() for b in line.evidence_bags if b.strip()),
        seals=tuple(b.strip() for b in line.seals if b.strip()),
    )


def _check_line(n: int, line: SeizureLine) -> None:
    where = f"seizure line {n}"
    if line.category not in SEIZURE_CATEGORIES:
        raise OutcomeError(f"{where}: category must be one of {', '.join(SEIZURE_CATEGORIES)}")
    if not line.description.strip():
        raise OutcomeError(f"{where}: describe what was seized")
    if not line.quantity > 0:
        raise OutcomeError(f"{where}: the seized quantity must be greater than 0")
    if line.unit not in UNITS:
        raise OutcomeError(f"{where}: unit must be one of {', '.join(UNITS)}")
    if not 0 <= line.weight_g <= 1_000_000 or round(line.weight_g, 2) != line.weight_g:
        raise OutcomeError(f"{where}: weight in grams must be 0–1,000,000 with at most 2 decimals")
    result = (line.field_test_result or "").strip().lower()
    if line.field_test and result not in {str(r) for r in TestResult}:
        raise OutcomeError(f"{where}: a field test's result is one of {', '.join(TestResult)}")
    if result == TestResult.INCONCLUSIVE and not (line.lab_sample or "").strip():
        raise OutcomeError(
            f"{where}: an inconclusive field test sends a sample to the lab; give its lab "
            "sample number"
        )


def _check(
    outcome: Outcome,
    agency: str | None,
    reason: str | None,
    noncompliance: tuple[str, ...],
    lines: Sequence[SeizureLine],
    selection: str,
    exam: Exam,
) -> None:
    if outcome not in RECORDABLE:
        raise OutcomeError(f"outcome must be one of {', '.join(RECORDABLE)}")
    if outcome is not Outcome.RELEASED and selection in ("", Selection.NOT_EXAMINED):
        raise OutcomeError(
            f"a parcel {outcome.replace('_', ' ')} was examined: say why (the selection "
            "reason: targeting list, risk rule, random, K9 alert, X-ray anomaly, officer "
            "discretion or census)"
        )
    try:
        check_exam(selection, exam)
    except ExamError as exc:
        raise OutcomeError(str(exc)) from None
    if selection != Selection.NOT_EXAMINED and not exam.methods:
        raise OutcomeError(
            "say how the parcel was examined (visual/opened, X-ray, K9, field test); a parcel "
            "released on sight has the selection 'not_examined'"
        )
    if outcome is Outcome.REFERRED and (agency or "").upper() not in AGENCIES:
        raise OutcomeError(f"a referral needs --agency, one of {', '.join(AGENCIES)}")
    if outcome is Outcome.DETAINED:
        if not (reason or "").strip():
            raise OutcomeError("a detention needs --reason (the precise reason for the notice)")
        if exam.notice is None:
            raise OutcomeError(
                "a detention needs its notice: the tests to be done, their anticipated length "
                "and the information the importer could give (19 CFR 151.16(c))"
            )
        try:
            DetentionNotice.from_json(exam.notice).check()
        except NoticeError as exc:
            raise OutcomeError(str(exc)) from None
    elif exam.notice is not None:
        raise OutcomeError("a detention notice goes only with outcome 'detained'")
    if outcome is Outcome.RETURNED_TO_SENDER and exam.return_reason not in set(ReturnReason):
        raise OutcomeError(f"a return to sender needs its reason, one of {', '.join(ReturnReason)}")
    if outcome in (Outcome.ABANDONED, Outcome.DESTROYED):
        if not (exam.witness or "").strip():
            raise OutcomeError(f"{outcome} needs the witnessing officer's name (--witness)")
        if not (exam.certificate or "").strip():
            raise OutcomeError(
                f"{outcome} needs its certificate number (--certificate): the abandonment "
                "form or the destruction certificate"
            )
    unknown = [n for n in noncompliance if n not in NONCOMPLIANCE]
    if unknown:
        raise OutcomeError(
            f"unknown non-compliance reason {unknown[0]!r}; use {', '.join(NONCOMPLIANCE)}"
        )
    if outcome is Outcome.SEIZED:
        if not lines:
            raise OutcomeError("a seizure needs its category, description, quantity and weight")
        if len(lines) > MAX_SEIZURE_LINES:
            raise OutcomeError(f"a parcel's seizure has at most {MAX_SEIZURE_LINES} lines")
        for n, line in enumerate(lines, start=1):
            _check_line(n, line)
    elif lines:
        raise OutcomeError("seizure details go only with outcome 'seized'")


def _check_release(
    store: Store,
    officer: Officer,
    risk: dict[str, Any],
    exam: Exam,
    override: Override | None,
) -> str | None:
    """A release at the detain level needs findings; over a critical flag, a supervisor.
    Returns the supervisor's badge to record (None when no override is needed)."""
    from parcelbench.services.officers import AuthError, authenticate

    if level_word(risk.get("level")) == Level.DETAIN and not (exam.findings or "").strip():
        raise OutcomeError(
            "this parcel is at the detain level: say what the exam found before releasing it "
            "(one line is enough)"
        )
    if not risk.get("critical"):
        return None
    if override is None or not override.badge.strip():
        raise OutcomeError(
            f"releasing over a critical flag ({', '.join(risk['critical'])}) needs the "
            "supervisor who allows it (badge and PIN)"
        )
    badge = override.badge.strip().upper()
    if badge == officer.badge and officer.role is Role.SUPERVISOR:
        return badge
    try:
        allowing = authenticate(store, badge, override.pin)
    except AuthError as exc:
        raise OutcomeError(f"the supervisor's badge or PIN was not accepted: {exc}") from None
    if allowing.role is not Role.SUPERVISOR:
        raise OutcomeError(f"{badge} is not a supervisor; only a supervisor may allow this release")
    return allowing.badge


def record(
    store: Store,
    officer: Officer,
    item_id: str,
    outcome: Outcome,
    *,
    agency: str | None = None,
    reason: str | None = None,
    noncompliance: tuple[str, ...] = (),
    notes: str | None = None,
    selection: str | None = None,
    exam: Exam | None = None,
    seizure: SeizureDraft | None = None,
    seizures: Sequence[SeizureLine] = (),
    risk: dict[str, Any] | None = None,
    port_code: str | None = None,
    amends: str | None = None,
    photos: Sequence[bytes | PhotoBytes] = (),
    override: Override | None = None,
) -> Recorded:
    """Record one outcome for one parcel (and its seizure) for an authenticated officer.

    `selection` says why the parcel was examined (`Selection`; default: released on sight
    for a release, otherwise it must be given) and `exam` how and what was found. `seizure` is
    one seizure line, `seizures` several (numbered `…-01`, `…-02` in the order given).
    `amends` names an earlier inspection of the same parcel that this one corrects: records
    are never edited in place, the correction is a new record that points at the old one.
    `photos` (camera JPEGs, or images imported from a file, each by SHA-256) are part of the
    record, whatever the outcome: the inspection, its seizure lines and its photos are written
    in one transaction, or nothing is.
    """
    parsed = parse_id(item_id)
    if not parsed.normalized:
        raise OutcomeError("the parcel id is empty")
    exam = exam or Exam()
    if outcome is Outcome.DETAINED and exam.notice and not (reason or "").strip():
        reason = str(exam.notice.get("reason", ""))
    lines = tuple(_tidy_line(x) for x in (*seizures, *((seizure,) if seizure else ())))
    if selection is None:
        selection = Selection.NOT_EXAMINED if outcome is Outcome.RELEASED else ""
    _check(outcome, agency, reason, noncompliance, lines, selection, exam)
    if outcome is Outcome.RELEASED:
        allowed_by = _check_release(store, officer, risk or {}, exam, override)
        exam = replace(exam, override_by=allowed_by)
    elif override is not None:
        raise OutcomeError("a supervisor's override goes only with a release")
    if port_code is None:  # the bench's own: its port and segment, as HQ enrolled it
        port_code = bench_settings.get(store.conn, PORT_CODE)
    if not (port_code.isdigit() and len(port_code) == 4):
        raise OutcomeError(f"port code {port_code!r} must be 4 digits")
    segment = bench_settings.get(store.conn, BENCH_SEGMENT)
    if amends is not None:
        earlier = get_inspection(store.conn, amends)
        if earlier is None or earlier.item_id != parsed.normalized:
            raise OutcomeError(f"inspection {amends} of {parsed.normalized} does not exist")
    stored = get_current(store.conn, parsed.normalized)
    now = utc_now_iso()
    inspection = Inspection(
        uuid=str(uuid.uuid4()),
        item_id=parsed.normalized,
        outcome=outcome,
        officer_badge=officer.badge,
        at=now,
        targeted=selection in TARGETED,
        agency=agency.upper() if agency else None,
        reason=reason.strip() if reason else None,
        noncompliance=noncompliance,
        notes=notes,
        aed_version=stored.item.version if stored else None,
        risk=risk or {},
        amends=amends,
        selection=str(Selection(selection)),
        exam=_tidy(exam),
    )
    written = store_outcome(
        store,
        inspection,
        seizure_lines=lines,
        seizure_prefix=seizure_prefix(datetime.now(UTC), port_code, segment),
        seized_item=stored.item if stored else None,
        photos=[
            p if isinstance(p, PhotoBytes) else PhotoBytes(p, "evidence photo") for p in photos
        ],
    )
    return Recorded(inspection, written.seizures, written.photos)


def _tidy(exam: Exam) -> Exam:
    """Blank texts as None, the rest stripped: what the record keeps."""

    def text(value: str | None) -> str | None:
        return (value or "").strip() or None

    return replace(
        exam,
        findings=text(exam.findings),
        witness=text(exam.witness),
        certificate=text(exam.certificate),
        field_tests=tuple(
            replace(t, substance=text(t.substance), lab_sample=text(t.lab_sample))
            for t in exam.field_tests
        ),
    )
