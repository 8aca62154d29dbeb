"""The bench's outbox as the sync status sees it: how many events wait, and which are parked.

An event HQ refused is parked with its reason for a supervisor, so one bad event never blocks
the ones behind it. Read by `parcelbench.store.sync`; shown by the status bar and the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QueueCounts:
    """Outbox events waiting, parked, and ever queued on this bench."""

    pending: int  # waiting to be sent (not parked)
    parked: int
    queued_total: int  # every event ever queued on this bench


@dataclass(frozen=True, slots=True)
class ParkedEvent:
    """An event HQ refused, waiting for a supervisor to send it again."""

    seq: int
    event_id: str
    kind: str
    reason: str  # "<when parked> <HQ's reason>"


@dataclass(frozen=True, slots=True)
class SetAside:
    """What sync set aside so it would not block what comes after, each with its reason:
    events HQ refused, photos that could not be sent, feed items this bench cannot apply."""

    events: list[ParkedEvent]
    photos: list[tuple[str, str]]  # (sha256, reason)
    feed: list[tuple[int, str, str, str]]  # (seq, kind, name, reason)

    def to_json(self) -> dict[str, object]:
        return {
            "events": [
                {"seq": p.seq, "event_id": p.event_id, "kind": p.kind, "reason": p.reason}
                for p in self.events
            ],
            "photos": [{"sha256": sha, "reason": why} for sha, why in self.photos],
            "feed": [
                {"seq": seq, "kind": kind, "name": name, "reason": why}
                for seq, kind, name, why in self.feed
            ],
        }


@dataclass(frozen=True, slots=True)
class SyncState:
    """What the status bar says: "Online · synced 14:02" or "Offline · 23 waiting"."""

    online: bool | None  # None: never tried (or not enrolled)
    pending: int
    parked: int
    last_sync: str | None
    last_error: str | None
    needs_enrollment: bool
