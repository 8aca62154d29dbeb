"""Recording what an inspection found: the one service the CLI and the window both call.

Every outcome is recorded with its reason and whether the exam was targeted or random, because
an inspection programme can only be measured (and its rules improved) if every outcome is
kept, not only seizures. A seizure is written in the same transaction as its inspection, gets
its number there, and marks the parcel's parties for the counter-network.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.records import Inspection, Officer, Outcome, Photo, Seizure, SeizureLine
from parcelbench.domain.settings import PORT_CODE
from parcelbench.ids import parse as parse_id
from parcelbench.store import Store
from parcelbench.store.aed import get_current
from parcelbench.store.evidence import PhotoBytes, get_inspection
from parcelbench.store.evidence import record_outcome as store_outcome

AGENCIES: tuple[str, ...] = ("FDA", "USDA", "FWS", "CPSC", "DEA", "OTHER")
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
)


class OutcomeError(ValueError):
    """The outcome cannot be recorded as given; the message says what to supply."""


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
        }


def fiscal_year(moment: datetime) -> int:
    """U.S. federal fiscal year: FY2027 runs from 1 October 2026 to 30 September 2027."""
    return moment.year + 1 if moment.month >= 10 else moment.year


def seizure_prefix(moment: datetime, port_code: str) -> str:
    """`YYYY-PPPP-` of a `YYYY-PPPP-NNNNNN-NN` seizure number (fiscal year, port)."""
    return f"{fiscal_year(moment):04d}-{port_code}-"


def _check(
    outcome: Outcome,
    agency: str | None,
    reason: str | None,
    noncompliance: tuple[str, ...],
    seizure: SeizureDraft | None,
) -> None:
    if outcome not in RECORDABLE:
        raise OutcomeError(f"outcome must be one of {', '.join(RECORDABLE)}")
    if outcome is Outcome.REFERRED and (agency or "").upper() not in AGENCIES:
        raise OutcomeError(f"a referral needs --agency, one of {', '.join(AGENCIES)}")
    if outcome is Outcome.DETAINED and not (reason or "").strip():
        raise OutcomeError("a detention needs --reason (the precise reason for the notice)")
    unknown = [n for n in noncompliance if n not in NONCOMPLIANCE]
    if unknown:
        raise OutcomeError(
            f"unknown non-compliance reason {unknown[0]!r}; use {', '.join(NONCOMPLIANCE)}"
        )
    if outcome is Outcome.SEIZED:
        if seizure is None:
            raise OutcomeError("a seizure needs its category, description, quantity and weight")
        if seizure.category not in SEIZURE_CATEGORIES:
            raise OutcomeError(f"seizure category must be one of {', '.join(SEIZURE_CATEGORIES)}")
        if not seizure.description.strip():
            raise OutcomeError("a seizure needs a description of what was seized")
        if not seizure.quantity > 0:
            raise OutcomeError("the seized quantity must be greater than 0")
        if seizure.unit not in UNITS:
            raise OutcomeError(f"unit must be one of {', '.join(UNITS)}")
        if not 0 <= seizure.weight_g <= 1_000_000 or round(seizure.weight_g, 2) != seizure.weight_g:
            raise OutcomeError("weight in grams must be 0–1,000,000 with at most 2 decimals")
    elif seizure is not None:
        raise OutcomeError("seizure details go only with outcome 'seized'")


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
    targeted: bool = True,
    seizure: SeizureDraft | None = None,
    risk: dict[str, Any] | None = None,
    port_code: str = PORT_CODE.default,
    amends: str | None = None,
    photos: Sequence[bytes] = (),
) -> Recorded:
    """Record one outcome for one parcel (and its seizure) for an authenticated officer.

    `amends` names an earlier inspection of the same parcel that this one corrects: records
    are never edited in place, the correction is a new record that points at the old one.
    `photos` (JPEG bytes) are part of the record: the inspection, its seizure and its photos
    are written in one transaction, or nothing is.
    """
    parsed = parse_id(item_id)
    if not parsed.normalized:
        raise OutcomeError("the parcel id is empty")
    _check(outcome, agency, reason, noncompliance, seizure)
    if not (port_code.isdigit() and len(port_code) == 4):
        raise OutcomeError(f"port code {port_code!r} must be 4 digits")
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
        targeted=targeted,
        agency=agency.upper() if agency else None,
        reason=reason.strip() if reason else None,
        noncompliance=noncompliance,
        notes=notes,
        aed_version=stored.item.version if stored else None,
        risk=risk or {},
        amends=amends,
    )
    lines = () if seizure is None else (replace(seizure, description=seizure.description.strip()),)
    written = store_outcome(
        store,
        inspection,
        seizure_lines=lines,
        seizure_prefix=seizure_prefix(datetime.now(UTC), port_code),
        seized_item=stored.item if stored else None,
        photos=[PhotoBytes(data, "evidence photo") for data in photos],
    )
    return Recorded(inspection, written.seizures, written.photos)
