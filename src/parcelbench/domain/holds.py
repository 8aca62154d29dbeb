"""Holds: parcels targeted for examination, as every layer sees them.

A hold keeps its state where the bench can count it: `outstanding` (not seen yet), `located`
(scanned at the bench), `examined` (an outcome was recorded, naming the inspection). The
store writes these records (`parcelbench.store.holds`); services, the CLI and the window read
them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

STATUSES: tuple[str, ...] = ("outstanding", "located", "examined")


@dataclass(frozen=True, slots=True)
class NewHold:
    """One validated row of a targeting list: what `import_holds` writes.

    `item_id` is the normalised id (`parcelbench.ids.parse(...).normalized`); `targeted_on` is
    an ISO date (YYYY-MM-DD); `line` is where the row was in its file, for messages.
    """

    item_id: str
    reason: str
    source: str
    targeted_on: str
    line: int = 0

    @property
    def content(self) -> tuple[str, str, str]:
        """What makes two targetings of one item the same hold."""
        return (self.reason, self.source, self.targeted_on)


@dataclass(frozen=True, slots=True)
class Hold:
    """One hold as stored. `open` holds (outstanding or located) still need an examination."""

    id: int
    item_id: str
    reason: str
    source: str
    targeted_on: str
    imported_at: str
    import_id: int
    updated_at: str | None
    updated_import_id: int | None
    status: str
    located_at: str | None
    examined_at: str | None
    inspection_uuid: str | None
    elsewhere: str | None = None  # "examined at jfk-2 by O1001: seized" (another bench)

    @property
    def open(self) -> bool:
        return self.status != "examined"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class HoldImport:
    """One imported targeting list (a `hold_imports` row): where it came from and what it did.

    `rows` counts the rows read; `added` + `updated` + `unchanged` = the distinct item ids;
    `examined_on_import` counts added holds already examined at this bench.
    """

    id: int
    file: str
    format: str
    sha256: str
    actor: str
    imported_at: str
    rows: int
    added: int
    updated: int
    unchanged: int
    examined_on_import: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class HoldCounts:
    """Holds per status, for the status bar and `parcelbench holds list`."""

    outstanding: int = 0
    located: int = 0
    examined: int = 0

    @property
    def to_examine(self) -> int:
        """Holds still waiting for an examination (outstanding + located)."""
        return self.outstanding + self.located

    @property
    def total(self) -> int:
        return self.outstanding + self.located + self.examined

    def label(self) -> str:
        """The status-bar text: `holds outstanding 37`, plus located ones not yet examined."""
        text = f"holds outstanding {self.outstanding}"
        return f"{text} · located {self.located}" if self.located else text

    def to_json(self) -> dict[str, int]:
        return {
            "outstanding": self.outstanding,
            "located": self.located,
            "examined": self.examined,
            "to_examine": self.to_examine,
            "total": self.total,
        }
