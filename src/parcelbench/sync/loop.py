"""Background sync on a timer, and the state the window shows in its status bar.

The loop is driven by its own clock, not by new writes: an officer's action never waits for HQ,
and a bench that has been offline for days catches up on the next tick that reaches HQ.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from parcelbench.domain.settings import (
    HQ_TOKEN,
    LAST_ATTEMPT,
    LAST_ERROR,
    LAST_SYNC,
    NEEDS_ENROLLMENT,
)
from parcelbench.store import Store, settings
from parcelbench.store import sync as store_sync
from parcelbench.sync.backoff import Backoff
from parcelbench.sync.engine import SyncReport, sync_once
from parcelbench.sync.transport import HqError, Transient, Unauthorized


@dataclass(frozen=True, slots=True)
class SyncState:
    """What the status bar says: "Online · synced 14:02" or "Offline · 23 waiting"."""

    online: bool | None  # None: never tried (or not enrolled)
    pending: int
    parked: int
    last_sync: str | None
    last_error: str | None
    needs_enrollment: bool


def state(store: Store) -> SyncState:
    """Cheap enough for a status-bar timer (a few indexed reads); call it off the GUI thread."""
    conn = store.conn
    counts = store_sync.queue_counts(conn)
    last_sync = settings.get(conn, LAST_SYNC)
    last_attempt = settings.get(conn, LAST_ATTEMPT)
    error = settings.get(conn, LAST_ERROR)
    enrolled = bool(settings.get(conn, HQ_TOKEN))
    needs = settings.get(conn, NEEDS_ENROLLMENT) is not None or not enrolled
    online = None if last_attempt is None or not enrolled else last_sync == last_attempt
    return SyncState(online, counts.pending, counts.parked, last_sync, error, needs)


RoundCallback = Callable[[SyncReport | None, HqError | None], None]


class SyncLoop:
    """Sync every `interval` seconds while HQ answers; back off (with jitter) while it does not.

    Opens its own store on its own thread. `on_round(report, error)` is called from that thread
    after every round; a Qt caller re-emits it as a signal.
    """

    def __init__(
        self,
        db_path: str | Path,
        *,
        interval: float = 30.0,
        backoff: Backoff | None = None,
        on_round: RoundCallback | None = None,
    ) -> None:
        self.db_path = db_path
        self.interval = interval
        self.backoff = backoff or Backoff()
        self.on_round = on_round
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="parcelbench-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 35.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def sync_now(self) -> None:
        """Ask for a round at once (a button in the window), without waiting for the timer."""
        self._wake.set()

    def next_delay(self, error: HqError | None) -> float:
        if error is None:
            self.backoff.reset()
            return self.interval
        if isinstance(error, Transient):
            return self.backoff.next_delay(error.retry_after)
        if isinstance(error, Unauthorized):
            return self.backoff.cap  # waits for a supervisor to enroll the bench again
        return self.backoff.next_delay()

    def _run(self) -> None:
        with Store(self.db_path) as store:
            while not self._stop.is_set():
                report: SyncReport | None = None
                error: HqError | None = None
                try:
                    report = sync_once(store)
                except HqError as exc:
                    error = exc
                except Exception as exc:  # a bench-side fault: keep the loop, say what it was
                    error = HqError(f"sync failed on this bench: {type(exc).__name__}: {exc}")
                    settings.save(store, {LAST_ERROR: str(error)})
                if self.on_round is not None:
                    with contextlib.suppress(Exception):  # a listener's fault must not stop sync
                        self.on_round(report, error)
                self._wake.wait(self.next_delay(error))
                self._wake.clear()
