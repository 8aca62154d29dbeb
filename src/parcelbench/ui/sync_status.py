"""HQ sync in the window: the background loop and the words the status bar shows for it.

Why the loop starts with the window and not at login: a locked bench still has evidence to send
and a feed to pull. The loop is the sync package's own (the CLI's `parcelbench sync` runs the
same one): its own thread with its own store connection, because a round interleaves network
requests with short writes (events marked sent, a feed page applied with its cursor) that must
not wait behind the window's writes or make them wait for the network. After each round the
window re-reads its status, so the status bar says "Online · synced 14:02 · 0 waiting" or
"Offline · 23 waiting" as it is.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from parcelbench.domain.outbox import SyncState
from parcelbench.services.bench import BenchStatus
from parcelbench.sync.loop import SyncLoop

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncStatus", text)


def _when(iso: str, now: datetime) -> str:
    """ "14:02 UTC" today, "11-25 14:02 UTC" before."""
    at = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(UTC)
    return at.strftime("%H:%M UTC" if at.date() == now.date() else "%m-%d %H:%M UTC")


def sync_words(state: SyncState, now: datetime | None = None) -> str:
    """The status bar's sync part: whether HQ answers, and what waits to be sent."""
    now = now or datetime.now(UTC)
    if state.needs_enrollment and state.last_error:
        where = _tr("HQ refused this bench: a supervisor must enroll it again")
    elif state.needs_enrollment:
        where = _tr("Not enrolled with HQ")
    elif state.online:
        where = _tr("Online · synced {when}").format(when=_when(state.last_sync or "", now))
    elif state.online is None:
        where = _tr("HQ: connecting…")
    elif state.last_sync:
        where = _tr("Offline · last sync {when}").format(when=_when(state.last_sync, now))
    else:
        where = _tr("Offline")
    text = _tr("{where} · {n:,} waiting").format(where=where, n=state.pending)
    if state.parked:
        text += _tr(" · {n:,} refused by HQ (supervisor)").format(n=state.parked)
    return text


class SyncControl(QObject):
    """Starts the sync loop once the bench is known to be enrolled; "Sync now" in the menu."""

    round_done = Signal(object, object)  # SyncReport | None, HqError | None (from the loop)

    def __init__(self, window: QMainWindow, db_path: Path, *, interval: float = 30.0) -> None:
        super().__init__(window)
        self.window = window
        self.db_path = db_path
        self.interval = interval
        self.loop: SyncLoop | None = None
        menu = window.menuBar().addMenu(self.tr("S&ync"))
        now = QAction(self.tr("Sync with HQ now"), self)
        now.setShortcut(QKeySequence("Ctrl+Shift+S"))
        now.triggered.connect(self.sync_now)
        menu.addAction(now)
        self.round_done.connect(self._on_round)

    def on_status(self, facts: BenchStatus) -> None:
        """The window's status facts: an enrolled bench starts its loop."""
        if self.loop is None and not facts.sync.needs_enrollment:
            self.loop = SyncLoop(
                self.db_path,
                interval=self.interval,
                on_round=self.round_done.emit,  # queued to the GUI thread
            )
            self.loop.start()

    def sync_now(self) -> None:
        if self.loop is None:
            self.window.statusBar().showMessage(
                self.tr(
                    "This bench is not enrolled with HQ: parcelbench sync --hq URL --enroll FILE"
                ),
                10_000,
            )
            return
        self.loop.sync_now()

    def _on_round(self, report: Any, error: Any) -> None:
        if error is not None:
            log.info("sync round failed: %s", error)

    def stop(self, timeout: float = 5.0) -> None:
        """Closing the window waits a few seconds, not a request's 30 s timeout, for a round to
        end: an unfinished round is safe to abandon (its transaction rolls back, its events are
        sent again) and the loop's thread does not outlive the process."""
        if self.loop is not None:
            self.loop.stop(timeout)
            self.loop = None
