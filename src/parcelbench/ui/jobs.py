"""One-shot background jobs (AED import, re-scoring) each in their own QThread.

Why a thread per job and not the database worker: these run for seconds to minutes and must
not queue the officer's look-ups behind them. Each job opens its own store connection (WAL lets
reads and the bench's writes go on beside it) and reports through signals; the thread is joined
when the job ends or the window closes, so no thread outlives the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread


class JobThread:
    """Runs `job.run` in a QThread named `name`; the job must emit `finished` or `failed`."""

    def __init__(self, job: QObject, name: str) -> None:
        self.thread = QThread()
        self.thread.setObjectName(name)
        self.job = job
        job.moveToThread(self.thread)
        self.thread.started.connect(job.run)  # type: ignore[attr-defined]
        # Direct: the job's thread ends its own loop at once (QThread.quit is thread-safe), so
        # a GUI slot that joins the thread on `finished` never waits for a queued quit.
        direct = Qt.ConnectionType.DirectConnection
        job.finished.connect(self.thread.quit, direct)  # type: ignore[attr-defined]
        job.failed.connect(self.thread.quit, direct)  # type: ignore[attr-defined]

    def start(self) -> None:
        self.thread.start()

    def wait(self, timeout_ms: int = 30_000) -> None:
        self.thread.wait(timeout_ms)

    def stop(self, timeout_ms: int = 30_000) -> None:
        """Ask the job to stop (when it can be cancelled) and join its thread."""
        cancel = getattr(self.job, "cancel", None)
        if cancel is not None:
            cancel()
        self.thread.quit()
        self.thread.wait(timeout_ms)
