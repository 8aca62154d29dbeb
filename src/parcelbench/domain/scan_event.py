"""`ScanEvent`: one scan from any source, the bench's one input.

Why in `domain`: the scan logic makes it, the window carries it and the bench service records
it, so it belongs to none of them; it is pure (the id parsed once, nothing of Qt or SQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from parcelbench.ids import ParsedId, parse
from parcelbench.ids.scan import storable

#: Where a scan can come from besides a camera (a camera's source names its capture spec).
CHANNELS = ("wedge", "manual", "holds", "worklist", "follow-ups", "search", "history")
_CAPTURE = ("camera", "file", "folder", "url")


@dataclass(frozen=True)
class ScanEvent:
    """One parcel (or one other code) scanned, once, from any source.

    The one input of the bench: camera, handheld scanner, typed id, a pick from the holds list
    or the re-score worklist, a detention to decide, a search hit, a row of the day's history.
    The payload is parsed once, here; everything after reads `parsed` (kind, validity, lookup
    key, why not), so no later layer parses again.
    """

    parsed: ParsedId
    symbology: str
    source: str
    """``camera:0``, ``file:clip.avi``, ``folder:…``, ``url:…``, or one of `CHANNELS`."""
    at: datetime

    @classmethod
    def of(
        cls, raw: str, source: str, symbology: str = "", at: datetime | None = None
    ) -> ScanEvent:
        """A scan of `raw` now (or `at`): how a scanner burst, a typed id or a pick arrives
        (text that cannot be stored, a lone surrogate, is kept with U+FFFD in its place)."""
        return cls(parse(storable(raw)), symbology, source, at or datetime.now(UTC))

    @property
    def raw(self) -> str:
        """Exactly what was read or typed, for the audit trail."""
        return self.parsed.raw

    @property
    def item_id(self) -> str | None:
        """The lookup key of a *valid* parcel id; None for anything else."""
        return self.parsed.normalized if self.parsed.valid else None

    @property
    def channel(self) -> str:
        """The kind of source a record keeps: ``camera`` for any capture (a stream URL may
        carry credentials and a file path says nothing HQ needs), else the source itself."""
        kind = self.source.split(":", 1)[0]
        return "camera" if kind in _CAPTURE else self.source

    @property
    def message(self) -> str:
        """What to tell the officer about a scan that is not a parcel id (empty when it is)."""
        return "" if self.item_id is not None else (self.parsed.error or "")
