"""Background sync on a timer (what it leaves for the status bar: `store.sync.sync_state`).

The loop is driven by its own clock, not by new writes: an officer's action never waits for HQ,
and a bench that has been offline for days catches up on the next tick that reaches HQ.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

from parcelbench.aed.importer import index_for_search
from parcelbench.domain.settings import LAST_ERROR
from parcelbench.store import Store, settings
from parcelbench.sync.backoff import Backoff
from parcelbench.sync.engine import SyncReport, sync_once
from parcelbench.sync.transport import HqError, Transient, Unauthorized

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
                    index_for_search(store)  # what a big AED batch from HQ left for the index
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
