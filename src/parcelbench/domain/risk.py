"""What the risk engine says about a parcel, and why.

An officer has seconds per parcel: every flag carries the rule, the field, the exact text that
matched and the rule's rationale in plain words, so the level is never a black box.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Level(StrEnum):
    """The rules' verdict: release on sight, examine, or detain and examine thoroughly.

    The top level was called "hold" until pack 2026.12.1; that word now means only a parcel on
    the targeting list (`domain.holds`), so records and packs written before read "hold" as
    `DETAIN`."""

    CLEAR = "clear"
    EXAMINE = "examine"
    DETAIN = "detain"

    @classmethod
    def _missing_(cls, value: object) -> Level | None:
        return cls.DETAIN if value == "hold" else None


def level_word(value: object) -> str:
    """A stored level as it reads today ("hold" in snapshots before "detain"); "" if none."""
    if not value:
        return ""
    try:
        return str(Level(value))
    except ValueError:
        return str(value)


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


@dataclass(frozen=True, slots=True)
class Flag:
    """One rule that fired: which, how bad, on what text, and why it matters."""

    rule: str
    title: str
    severity: Severity
    score: int
    field: str
    matched: str
    rationale: str

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "title": self.title,
            "severity": str(self.severity),
            "score": self.score,
            "field": self.field,
            "matched": self.matched,
            "rationale": self.rationale,
        }


@dataclass(frozen=True, slots=True)
class NetworkLink:
    """A party of this parcel that matches a party of an earlier seizure."""

    entity: str  # e.g. "addressee address"
    kind: str  # name | address | phone | email
    seizure: str  # seizure number
    item_id: str  # the seized parcel
    similarity: float = 1.0  # 1.0 exact key, lower for a fuzzy match
    facility: str | None = None  # where it was seized, when at another facility (HQ's feed)

    def to_json(self) -> dict[str, Any]:
        out = {
            "entity": self.entity,
            "kind": self.kind,
            "seizure": self.seizure,
            "item_id": self.item_id,
            "similarity": round(self.similarity, 3),
        }
        return out | ({"facility": self.facility} if self.facility else {})


@dataclass(frozen=True, slots=True)
class Assessment:
    item_id: str
    aed: bool
    score: int
    level: Level
    flags: tuple[Flag, ...]
    links: tuple[NetworkLink, ...]
    random_exam: bool
    rulepack: str  # "name@version"

    def to_json(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "aed": self.aed,
            "score": self.score,
            "level": str(self.level),
            "random_exam": self.random_exam,
            "rulepack": self.rulepack,
            "flags": [f.to_json() for f in self.flags],
            "links": [link.to_json() for link in self.links],
        }
