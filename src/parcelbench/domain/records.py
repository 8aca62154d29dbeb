"""Records an inspection bench creates: officers, scans, inspections, seizures, photos.

Inspections, seizures, photos and the audit log are evidence. They are never edited in place;
a correction is a new record that points at the one it amends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from parcelbench.domain.arrival import AedAtScan
from parcelbench.domain.exam import Exam


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    CUSTODIAN = "custodian"


class Outcome(StrEnum):
    RELEASED = "released"
    REFERRED = "referred"
    DETAINED = "detained"
    SEIZED = "seized"
    RETURNED_TO_SENDER = "returned_to_sender"
    ABANDONED = "abandoned"
    DESTROYED = "destroyed"


@dataclass(frozen=True, slots=True)
class Officer:
    badge: str
    name: str
    role: Role
    pin_hash: str | None = None
    active: bool = True


@dataclass(frozen=True, slots=True)
class Scan:
    """One read of a parcel identifier at the bench, whatever its source."""

    raw: str
    item_id: str
    kind: str
    valid: bool
    source: str  # camera | wedge | manual
    symbology: str | None
    at: str
    officer_badge: str | None = None
    id: int | None = None
    aed: AedAtScan | None = None  # what the scan knew of the AED (valid ids only)


@dataclass(frozen=True, slots=True)
class Inspection:
    """The outcome an officer recorded for one parcel."""

    uuid: str
    item_id: str
    outcome: Outcome
    officer_badge: str
    at: str
    targeted: bool = True
    agency: str | None = None
    reason: str | None = None
    noncompliance: tuple[str, ...] = ()
    notes: str | None = None
    amends: str | None = None
    aed_version: int | None = None
    risk: dict[str, Any] = field(default_factory=dict)
    selection: str | None = None  # `domain.exam.Selection`; None on records made before it
    exam: Exam = field(default_factory=Exam)


@dataclass(frozen=True, slots=True)
class Seizure:
    """What was seized from a parcel, as the custody receipt lists it."""

    seizure_number: str
    inspection_uuid: str
    category: str
    description: str
    quantity: float
    unit: str
    weight_g: float
    at: str
    field_test: str | None = None
    field_test_result: str | None = None
    evidence_bags: tuple[str, ...] = ()
    witness: str | None = None
    status: str = "pending"
    substance: str | None = None  # what the field test named
    lab_sample: str | None = None  # the sample sent to the laboratory, if any
    seals: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SeizureLine:
    """One line of what was seized, as the officer entered it: a `Seizure` without its number.

    The store numbers the lines inside the transaction that records their inspection
    (`seizure_number`), so two writers can never take the same number.
    """

    category: str
    description: str
    quantity: float
    unit: str
    weight_g: float
    field_test: str | None = None
    field_test_result: str | None = None
    evidence_bags: tuple[str, ...] = ()
    witness: str | None = None
    substance: str | None = None
    lab_sample: str | None = None
    seals: tuple[str, ...] = ()

    def numbered(self, seizure_number: str, inspection_uuid: str, at: str) -> Seizure:
        """The seizure record of this line, once its number is allocated."""
        return Seizure(
            seizure_number=seizure_number,
            inspection_uuid=inspection_uuid,
            category=self.category,
            description=self.description,
            quantity=self.quantity,
            unit=self.unit,
            weight_g=self.weight_g,
            at=at,
            field_test=self.field_test,
            field_test_result=self.field_test_result,
            evidence_bags=self.evidence_bags,
            witness=self.witness,
            substance=self.substance,
            lab_sample=self.lab_sample,
            seals=self.seals,
        )


def seizure_number(prefix: str, sequence: int, line: int = 1) -> str:
    """`FY-PPPP-SSNNNN-LL`: the prefix (fiscal year, port, bench segment), the bench's
    sequence in the year (0001 on; a 10,000th seizure makes it five digits, still unique), the
    line (from 1)."""
    return f"{prefix}{sequence:04d}-{line:02d}"


@dataclass(frozen=True, slots=True)
class Photo:
    """An evidence photo, stored once by the SHA-256 of its bytes."""

    sha256: str
    inspection_uuid: str
    size: int
    taken_at: str
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    entity: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class OutboxEvent:
    seq: int
    event_id: str
    kind: str
    payload: dict[str, Any]
    created_at: str
    sent_at: str | None = None
