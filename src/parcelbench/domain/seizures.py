"""What follows a seizure: its reviews, its chain of custody, its place in the approval list,
and the parties it put into the counter-network.

The seizure itself (`domain.records.Seizure`) is evidence and never edited; these records are
written beside it by `parcelbench.store.seizures` and `parcelbench.store.seizure_links`, and
read by the services, the reports, the CLI and the window.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from parcelbench.domain.records import Seizure


@dataclass(frozen=True, slots=True)
class Review:
    """A supervisor's decision on a seizure (approved, returned) or an officer's resubmission."""

    seizure_number: str
    decision: str
    comment: str | None
    actor: str
    at: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Transfer:
    """One line of the chain-of-custody table."""

    seizure_number: str
    released_by: str
    received_by: str
    at: str
    purpose: str
    recorded_by: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SeizureListing:
    """A seizure with the parcel and officer it came from, for the approval list."""

    seizure: Seizure
    item_id: str
    officer_badge: str
    officer_name: str | None

    def to_json(self) -> dict[str, Any]:
        s = self.seizure
        return {
            "seizure_number": s.seizure_number,
            "status": s.status,
            "at": s.at,
            "item_id": self.item_id,
            "officer": self.officer_badge,
            "officer_name": self.officer_name,
            "category": s.category,
            "description": s.description,
            "quantity": s.quantity,
            "unit": s.unit,
            "weight_g": s.weight_g,
        }


@dataclass(frozen=True, slots=True)
class SeizedEntity:
    """One entity key of a seized parcel's party (a name, address, phone or e-mail)."""

    seizure_number: str
    item_id: str
    role: str
    kind: str
    key: str
    display: str
    created_at: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
