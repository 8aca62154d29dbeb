"""The one way the window runs work off the GUI thread: a writer, a reader, and jobs.

Why one mechanism: SQLite connections belong to the thread that opened them, evidence writes
must be serialised, and the GUI thread must only paint. Before, five mechanisms (a database
worker, a supervisor thread, one-shot job threads, …) each opened connections their own way.
Now every caller — the window, its dialogs and menus — gets this object and says what to run:

* `write(fn)` — on the **writer** lane: one thread, one connection, every store write of the
  window in submission order (scans, outcomes, approvals, operations, rule packs, logins);
* `read(fn)` — on the **reader** lane: one thread with its own connection for queries that
  must not queue behind writes (today's list, the status bar, searches, the holds list);
* `job(name, fn)` — a long job (AED import, re-scoring, building a report) on a thread of its
  own with a connection of its own, cancellable, reporting progress; joined when it ends.

`fn` receives the lane's `Desk` (the bench service on that thread's store; a job gets a fresh
one). Its result comes back to `done(result)` on the GUI thread; an error a user can act on
comes back to `failed(message)` as its own sentence, anything else is logged and reported as
the caller's `fallback` sentence — never a traceback. The shape follows Anki's
`CollectionOp`/`QueryOp` and Picard's `run_task`/`to_main`. `stop()` joins every thread.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from parcelbench.services.bench import USER_ERRORS, Desk

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[str], None]
FALLBACK = "That did not work; the details are in the log."


def _outcome(fn: Callable[[Desk], Any], desk: Desk) -> tuple[Any, str | None, bool]:
    """(result, None, _) or (None, message, expected) — what the GUI side is told."""
    try:
        return fn(desk), None, True
    except USER_ERRORS as exc:
        return None, str(exc), True
    except Exception as exc:
        log.exception("background work failed")
        return None, str(exc), False


class _LaneWorker(QObject):
    """Lives in a lane's thread: opens the desk on first use, runs functions in turn."""

    finished = Signal(int, object, object, bool)  # op, result, message, expected

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.desk: Desk | None = None

    @Slot(int, object)
    def run(self, op: int, fn: Callable[[Desk], Any]) -> None:
        try:
            if self.desk is None:
                self.desk = Desk.open(self.db_path)
        except USER_ERRORS as exc:
            self.finished.emit(op, None, str(exc), True)
            return
        except Exception as exc:
            log.exception("opening %s failed", self.db_path)
            self.finished.emit(op, None, str(exc), False)
            return
        result, message, expected = _outcome(fn, self.desk)
        self.finished.emit(op, result, message, expected)

    @Slot()
    def close(self) -> None:
        if self.desk is not None:
            self.desk.close()
            self.desk = None


class _Lane(QObject):
    """A named QThread with one `_LaneWorker`; `submit` queues a function to it."""

    request = Signal(int, object)

    def __init__(self, name: str, db_path: Path) -> None:
        super().__init__()
        self.thread = QThread()
        self.thread.setObjectName(name)
        self.worker = _LaneWorker(db_path)
        self.worker.moveToThread(self.thread)
        self.request.connect(self.worker.run)
        # the connection is closed on the thread that opened it, as the thread ends
        self.thread.finished.connect(self.worker.close, Qt.ConnectionType.DirectConnection)
        self.thread.start()

    def stop(self, timeout_ms: int) -> None:
        if self.thread.isRunning():
            self.thread.quit()
            self.thread.wait(timeout_ms)


@dataclass
class Job:
    """A running job: `cancelled` is what the job polls; `cancel()` asks it to stop."""

    name: str
    cancelled: threading.Event
    thread: QThread

    def cancel(self) -> None:
        self.cancelled.set()

    @property
    def running(self) -> bool:
        return self.thread.isRunning()


class _JobRunner(QObject):
    finished = Signal(int, object, object, bool)
    progress = Signal(int, object)

    def __init__(self, op: int, db_path: Path, fn: Callable[..., Any], cancelled: threading.Event):
        super().__init__()
        self.op, self.db_path, self.fn, self.cancelled = op, db_path, fn, cancelled

    @Slot()
    def run(self) -> None:
        try:
            desk = Desk.open(self.db_path)
        except Exception as exc:
            log.exception("opening %s for a job failed", self.db_path)
            self.finished.emit(self.op, None, str(exc), isinstance(exc, USER_ERRORS))
            return
        try:

            def work(d: Desk) -> Any:
                return self.fn(d, lambda value: self.progress.emit(self.op, value), self.cancelled)

            result, message, expected = _outcome(work, desk)
        finally:
            desk.close()
        self.finished.emit(self.op, result, message, expected)


class Tasks(QObject):
    """Work off the GUI thread for the window and everything it opens (see the module doc)."""

    _arrived = Signal(int, object, object, bool)
    _progressed = Signal(int, object)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self._ops = itertools.count(1)
        self._waiting: dict[int, tuple[Done | None, Failed | None, str]] = {}
        self._progress: dict[int, Callable[[Any], None]] = {}
        self._jobs: dict[int, tuple[Job, _JobRunner]] = {}
        self._arrived.connect(self._deliver)
        self._progressed.connect(self._report)
        self.writer = _Lane("parcelbench-writer", db_path)
        self.reader = _Lane("parcelbench-reader", db_path)
        for lane in (self.writer, self.reader):
            lane.worker.finished.connect(self._arrived)

    # -- submitting ---------------------------------------------------------------------------
    def write(
        self,
        fn: Callable[[Desk], Any],
        done: Done | None = None,
        failed: Failed | None = None,
        fallback: str = FALLBACK,
    ) -> None:
        """Run `fn(desk)` on the writer lane, after every write submitted before it."""
        self.writer.request.emit(self._register(done, failed, fallback), fn)

    def read(
        self,
        fn: Callable[[Desk], Any],
        done: Done | None = None,
        failed: Failed | None = None,
        fallback: str = FALLBACK,
    ) -> None:
        """Run `fn(desk)` on the reader lane (its own connection; WAL: it never waits for
        writes, and sees each write once it has committed)."""
        self.reader.request.emit(self._register(done, failed, fallback), fn)

    def job(
        self,
        name: str,
        fn: Callable[[Desk, Callable[[Any], None], threading.Event], Any],
        done: Done | None = None,
        failed: Failed | None = None,
        progress: Callable[[Any], None] | None = None,
        fallback: str = FALLBACK,
    ) -> Job:
        """Run `fn(desk, report, cancelled)` on a thread of its own (named `name`)."""
        op = self._register(done, failed, fallback)
        if progress is not None:
            self._progress[op] = progress
        cancelled = threading.Event()
        thread = QThread()
        thread.setObjectName(name)
        runner = _JobRunner(op, self.db_path, fn, cancelled)
        runner.moveToThread(thread)
        thread.started.connect(runner.run)
        runner.finished.connect(self._arrived)
        runner.progress.connect(self._progressed)
        # the job's thread ends its own loop at once, so a slot that joins it never waits
        runner.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        job = Job(name, cancelled, thread)
        self._jobs[op] = (job, runner)
        thread.start()
        return job

    # -- delivering (GUI thread) --------------------------------------------------------------
    def _register(self, done: Done | None, failed: Failed | None, fallback: str) -> int:
        op = next(self._ops)
        self._waiting[op] = (done, failed, fallback)
        return op

    def _deliver(self, op: int, result: Any, message: Any, expected: bool) -> None:
        done, failed, fallback = self._waiting.pop(op, (None, None, FALLBACK))
        self._progress.pop(op, None)
        finished = self._jobs.pop(op, None)
        if finished is not None:
            finished[0].thread.wait()  # ended already: its loop quit as the job finished
        if message is None:
            if done is not None:
                done(result)
        elif failed is not None:
            failed(str(message) if expected else fallback)

    def _report(self, op: int, value: Any) -> None:
        callback = self._progress.get(op)
        if callback is not None:
            callback(value)

    # -- stopping -----------------------------------------------------------------------------
    @property
    def jobs(self) -> list[Job]:
        return [job for job, _ in self._jobs.values()]

    def stop(self, timeout_ms: int = 30_000) -> None:
        """Cancel the jobs that can be cancelled, then join every thread (none outlives us)."""
        for job, _ in list(self._jobs.values()):
            job.cancel()
        for job, _ in list(self._jobs.values()):
            job.thread.wait(timeout_ms)
        self._jobs.clear()
        self.writer.stop(timeout_ms)
        self.reader.stop(timeout_ms)
