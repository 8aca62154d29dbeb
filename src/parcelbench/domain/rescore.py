"""A re-score of the stored AED: the run, and the parcels it did not clear.

Records only; `store.risk_scores` keeps them and `services.risk.rescore` makes them.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("clear", "examine", "detain")


@dataclass(frozen=True, slots=True)
class Scored:
    """One parcel a re-score did not clear, with the AED version it assessed."""

    item_id: str
    version: int
    level: str
    score: int
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rescore:
    id: int
    rulepack: str
    actor: str
    started_at: str
    finished_at: str
    items: int
    levels: dict[str, int]

    def to_json(self) -> dict[str, object]:
        return {
            "rescore": self.id,
            "rulepack": self.rulepack,
            "actor": self.actor,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "items": self.items,
            "levels": {level: self.levels.get(level, 0) for level in LEVELS},
        }


@dataclass(frozen=True, slots=True)
class ScoredParcel:
    """A worklist row: the score, and whether the AED it was computed on is still current."""

    item_id: str
    level: str
    score: int
    rules: tuple[str, ...]
    sender: str
    addressee_country: str
    current: bool  # False: the AED was corrected (or removed) since the re-score
