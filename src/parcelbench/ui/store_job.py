"""Supervisor work off the GUI thread: one QThread with its own store connection.

Why: building a report reads the whole period and lays out PDFs (up to seconds), and SQLite
connections belong to the thread that opened them. The dialogs hand the job a function of
the store (a service call) and get its result, or one sentence for the user, back as a signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from parcelbench.services.officers import AuthError
from parcelbench.services.seizures import SeizureError
from parcelbench.services.summaries import SummaryError
from parcelbench.store import Store, StoreError

log = logging.getLogger(__name__)

#: Errors whose message is written for the user (the rest are logged, not shown raw).
USER_ERRORS = (AuthError, SeizureError, SummaryError, StoreError)


class StoreJob(QObject):
    """Runs store functions one at a time in its thread; opens its connection on first use."""

    done = Signal(str, object)  # tag, result
    failed = Signal(str, str)  # tag, message for the user

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.store: Store | None = None

    @Slot(str, object)
    def run(self, tag: str, fn: Callable[[Store], Any]) -> None:
        try:
            if self.store is None:
                self.store = Store(self.db_path)
            result = fn(self.store)
        except USER_ERRORS as exc:
            self.failed.emit(tag, str(exc))
        except Exception:
            log.exception("supervisor job %s failed", tag)
            self.failed.emit(tag, "That did not work; the details are in the log.")
        else:
            self.done.emit(tag, result)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


class StoreThread(QObject):
    """Owns a `StoreJob` and its QThread; `submit(tag, fn)` from the GUI thread."""

    request = Signal(str, object)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("parcelbench-supervisor")
        self.job = StoreJob(db_path)
        self.job.moveToThread(self.thread)
        self.request.connect(self.job.run)
        # the connection is closed in the thread that opened it, as the thread ends
        self.thread.finished.connect(self.job.close, Qt.ConnectionType.DirectConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        self.thread.start()

    def submit(self, tag: str, fn: Callable[[Store], Any]) -> None:
        self.request.emit(tag, fn)

    def stop(self) -> None:
        if self.thread.isRunning():
            self.thread.quit()
            self.thread.wait(30_000)
