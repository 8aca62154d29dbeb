"""Which parcel the officer sees: one at a time on the card, the others wait their turn.

Why a pure state machine: parcels arrive from the camera, a handheld scanner, typed ids, the
holds list and searches, often faster than an officer decides. The bench must never stack
questions on top of each other (one modal "leave it undecided?" per arrival piled up three deep
within seconds of the demo camera starting), never drop an arrival, and never treat the same
parcel seen again as a new one. Kept free of Qt and of the store so the rules are tested
directly; the window holds one `BenchFlow` and paints what it says.

The rules:

* A parcel is *decidable* when its id is valid (it has an assessment); an unreadable code is
  shown but asks for no decision.
* While the parcel on the card is undecided, a new decidable arrival waits in line (in arrival
  order, each parcel once); `skip()` shows the next waiting one and leaves the current one
  undecided (it stays in the scan log). Once the officer decides, the next one in line shows.
* An unreadable code that arrives while a parcel is undecided does not replace it: the window
  says so and the parcel stays.
* The same parcel is not a new arrival while it is on the card, waiting, or being looked up, and
  the *camera* seeing a parcel again within `recent_s` seconds of its decision is the same
  parcel still lying on the bench. A scanner, a typed id or a list pick is deliberate and always
  counts.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")

CAMERA = "camera"


class Arrival(StrEnum):
    """What to do with a scan before looking it up."""

    LOOK_UP = "look up"
    ON_SCREEN = "on screen"
    WAITING = "waiting"
    JUST_DECIDED = "just decided"


class Place(StrEnum):
    """Where a looked-up parcel goes."""

    SHOWN = "shown"
    QUEUED = "queued"
    REFUSED = "refused"  # unreadable while a parcel is undecided: the card keeps that parcel
    IGNORED = "ignored"  # the parcel is already on the card


@dataclass
class BenchFlow(Generic[T]):
    """The card's parcel, the line of parcels waiting, and what was decided a moment ago."""

    recent_s: float = 60.0
    clock: Callable[[], float] = time.monotonic
    current: str | None = None
    current_view: T | None = None
    decided: bool = True
    recording: bool = False  # decided, and the record has not landed yet
    waiting: list[tuple[str, T]] = field(default_factory=list)
    _in_flight: set[str] = field(default_factory=set)
    _decided_at: dict[str, float] = field(default_factory=dict)

    # -- before the look-up ------------------------------------------------------------------
    def arrival(self, item_id: str, source: str) -> Arrival:
        """Is this scan a new arrival worth looking up? Marks it in flight when it is."""
        if item_id and item_id == self.current:
            return Arrival.ON_SCREEN
        if item_id in self._in_flight or any(i == item_id for i, _ in self.waiting):
            return Arrival.WAITING
        decided_at = self._decided_at.get(item_id, -math.inf)
        if source.startswith(CAMERA) and self.clock() - decided_at < self.recent_s:
            return Arrival.JUST_DECIDED
        if item_id:
            self._in_flight.add(item_id)
        return Arrival.LOOK_UP

    # -- after the look-up -------------------------------------------------------------------
    def looked_up(self, item_id: str, view: T, *, decidable: bool) -> Place:
        """Place a looked-up parcel: on the card, in line, or nowhere."""
        self._in_flight.discard(item_id)
        if item_id == self.current:
            return Place.IGNORED
        if self.busy:
            if not decidable:
                return Place.REFUSED
            self.waiting.append((item_id, view))
            return Place.QUEUED
        self._show(item_id, view, decidable=decidable)
        return Place.SHOWN

    def lost(self) -> None:
        """A look-up failed (it does not say which): every id in flight may be scanned again."""
        self._in_flight.clear()

    # -- the officer -------------------------------------------------------------------------
    def decide(self) -> None:
        """An outcome was given for the parcel on the card (recorded or being recorded)."""
        self.decided = self.recording = True
        if self.current is not None:
            self._decided_at[self.current] = self.clock()

    def undo_decide(self) -> None:
        """The record did not land: the parcel is undecided again."""
        self.decided = self.recording = False
        if self.current is not None:
            self._decided_at.pop(self.current, None)

    def done(self) -> T | None:
        """The decision landed: the card empties and the next parcel in line (if any) shows."""
        self.current, self.current_view, self.decided = None, None, True
        self.recording = False
        return self._next()

    def skip(self) -> T | None:
        """Show the next waiting parcel now; the current one stays undecided in the scan log."""
        if self.recording or not self.waiting:
            return None
        return self._next()

    def clear(self) -> None:
        """Another officer at the bench: nothing of the last one's work stays on the card."""
        self.current, self.current_view, self.decided = None, None, True
        self.recording = False
        self.waiting.clear()
        self._in_flight.clear()

    def forget(self) -> bool:
        """Esc on a card that asks for no decision (an unreadable code): it empties."""
        if self.current is None or not self.decided or self.recording:
            return False
        self.current, self.current_view = None, None
        return True

    @property
    def busy(self) -> bool:
        """The card holds a parcel still waiting for its outcome (or for its record)."""
        return self.current is not None and (not self.decided or self.recording)

    @property
    def waiting_ids(self) -> list[str]:
        return [item_id for item_id, _ in self.waiting]

    def _next(self) -> T | None:
        if not self.waiting:
            return None
        item_id, view = self.waiting.pop(0)
        self._show(item_id, view, decidable=True)
        return view

    def _show(self, item_id: str, view: T, *, decidable: bool) -> None:
        self.current, self.current_view, self.decided = item_id, view, not decidable
