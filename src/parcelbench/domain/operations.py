"""Special operations ("blitzes"): named periods of intensive examination, and their counts.

Written by `parcelbench.store.operations`; the banner, the CLI and the operation summary
report read them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation: its dates, its exam rates, who started and ended it."""

    id: int
    name: str
    starts_on: str
    ends_on: str
    targeted_rate: float
    random_rate: float
    started_by: str
    started_at: str
    ended_by: str | None = None
    ended_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class OperationCounts:
    """What the banner shows: exams decided (targeted, random, the rest otherwise selected),
    those with a finding, seizures, and exams still pending (a detention or referral waiting
    for its answer). Parcels released on sight are not exams."""

    examined: int
    targeted: int
    random: int
    noncompliant: int
    seized: int
    pending: int = 0

    @property
    def rate(self) -> float:
        return self.noncompliant / self.examined if self.examined else 0.0

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "rate": round(self.rate, 4)}
