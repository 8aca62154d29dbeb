"""From codes seen in frames to one :class:`ScanEvent` per parcel put under the camera.

Why a separate, pure module: the rules that decide *which* parcel the officer is holding are
the ones that must never be wrong, so they are plain Python, tested without a camera or Qt, and
shared by the camera, the handheld scanner and manual entry.

The rules:

* **Prefer parcel ids.** A label carries other codes (a QR with a tracking URL, a sender's
  reference); a valid S10 wins over IMpb, IMpb over a USPS 20-digit number, any of them over
  anything else. Two *different* valid ids of the top kind in one frame (two labels in view)
  give no event: the officer must see one parcel at a time, never a guess between two.
* **Confirm.** A valid id is confirmed by its check digit (``ScanPolicy.valid_frames`` = 1; set
  2 to also demand a second frame). Anything else — a damaged label whose check digit fails,
  a QR code — must be read with the same text in ``confirm_frames`` frames within
  ``confirm_within_s`` seconds; its event carries ``item_id=None`` ("not a parcel identifier"
  or the check-digit message), so it is never looked up as a parcel.
* **No duplicates.** The same id is not reported again while it is still being seen: each
  sighting restarts the ``duplicate_window_s`` timer, so a parcel lying under the camera is one
  event, and the same parcel put back after the window is a new one. While a parcel id is
  current, the other codes on its label are not reported.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from parcelbench.domain.scan_event import ScanEvent
from parcelbench.ids import ParsedId, parse

_KIND_RANK = {"s10": 0, "impb": 1, "usps20": 2}


class Decoded(Protocol):
    """What the logic needs of a decoded code (``scan.pipeline.Code`` fits)."""

    @property
    def text(self) -> str: ...

    @property
    def symbology(self) -> str: ...

    @property
    def parsed(self) -> ParsedId: ...


@dataclass(frozen=True)
class ScanPolicy:
    duplicate_window_s: float = 3.0
    valid_frames: int = 1
    """Frames a valid parcel id must be read in before it is reported."""
    confirm_frames: int = 2
    """Frames anything else must be read in, with the same text, before it is reported."""
    confirm_within_s: float = 1.5
    report_other_codes: bool = True
    """Report codes that are not parcel ids (as ``item_id=None``) when no parcel id is current."""


@dataclass
class _Pending:
    count: int
    last: float


@dataclass
class ScanLogic:
    """Turns a stream of per-frame code lists (and typed payloads) into scan events."""

    policy: ScanPolicy = field(default_factory=ScanPolicy)
    clock: Callable[[], float] = time.monotonic
    wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    _seen: dict[str, float] = field(default_factory=dict)
    _pending: dict[str, _Pending] = field(default_factory=dict)
    _last_parcel_at: float = float("-inf")
    ambiguous: tuple[str, ...] = ()
    """The ids of the last frame that showed more than one parcel (no event was given)."""

    def feed(
        self, codes: Iterable[Decoded], source: str, now: float | None = None
    ) -> ScanEvent | None:
        """One decoded frame in; at most one event out."""
        t = self.clock() if now is None else now
        codes = list(codes)
        self.ambiguous = ()
        parcels = [c for c in codes if c.parsed.valid]
        if parcels:
            top = min(_KIND_RANK.get(c.parsed.kind, 9) for c in parcels)
            best = [c for c in parcels if _KIND_RANK.get(c.parsed.kind, 9) == top]
            ids = sorted({c.parsed.normalized for c in best})
            if len(ids) > 1:
                self.ambiguous = tuple(ids)
                return None
            code = best[0]
            self._last_parcel_at = t
            if not self._confirmed(code.parsed.normalized, t, self.policy.valid_frames):
                return None
            return self._emit(code.parsed, code.symbology, source, t)
        if not self.policy.report_other_codes or not codes:
            return None
        if t - self._last_parcel_at < self.policy.duplicate_window_s:
            return None  # the rest of the label of the parcel just scanned
        # An id-shaped code that failed its check first (it says why), then any other code.
        code = min(codes, key=lambda c: (c.parsed.kind == "unknown", c.text))
        if not self._confirmed(code.text, t, self.policy.confirm_frames):
            return None
        return self._emit(code.parsed, code.symbology, source, t, key=code.text)

    def typed(
        self, raw: str, source: str, symbology: str = "keyboard", now: float | None = None
    ) -> ScanEvent | None:
        """A payload from a handheld scanner: confirmed by the scanner, duplicates suppressed."""
        t = self.clock() if now is None else now
        parsed = parse(raw)
        if parsed.valid:
            self._last_parcel_at = t
            return self._emit(parsed, symbology, source, t)
        return self._emit(parsed, symbology, source, t, key=parsed.normalized)

    def _confirmed(self, key: str, t: float, frames: int) -> bool:
        pending = self._pending.get(key)
        if pending is None or t - pending.last > self.policy.confirm_within_s:
            pending = _Pending(0, t)
        pending.count += 1
        pending.last = t
        self._pending[key] = pending
        # Forget stale candidates so a long session does not accumulate them.
        if len(self._pending) > 64:
            horizon = t - self.policy.confirm_within_s
            self._pending = {k: p for k, p in self._pending.items() if p.last >= horizon}
        return pending.count >= frames

    def _emit(
        self,
        parsed: ParsedId,
        symbology: str,
        source: str,
        t: float,
        key: str | None = None,
    ) -> ScanEvent | None:
        key = key if key is not None else f"id:{parsed.normalized}"
        last = self._seen.get(key)
        self._seen[key] = t
        if last is not None and t - last < self.policy.duplicate_window_s:
            return None
        if len(self._seen) > 256:
            horizon = t - self.policy.duplicate_window_s
            self._seen = {k: v for k, v in self._seen.items() if v >= horizon}
        return ScanEvent(parsed, symbology, source, self.wall_clock())
