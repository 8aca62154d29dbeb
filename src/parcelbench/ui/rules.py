"""Rule packs from the window: a supervisor loads one; anyone can see what it does to stored AED.

Loading goes through the database worker (a quick validate-and-activate; the service refuses
anyone but a supervisor and a broken pack names its file, rule and field). Re-scoring every
stored parcel takes a minute on a million items, so it runs as its own job and thread, and the
officer keeps scanning meanwhile; the result is the count per level under the active pack.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from parcelbench.services.risk import active_engine, rescore
from parcelbench.store import Store
from parcelbench.ui.jobs import JobThread

if TYPE_CHECKING:
    from parcelbench.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class RescoreJob(QObject):
    """Assesses every current AED item with the active pack (own connection, own thread)."""

    finished = Signal(str, object, float)  # rule pack label, {level: count}, seconds
    failed = Signal(str)

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path

    @Slot()
    def run(self) -> None:
        started = time.perf_counter()
        try:
            with Store(self.db_path) as store:
                engine = active_engine(store)
                levels = rescore(store, engine)
        except Exception:
            log.exception("re-scoring failed")
            self.failed.emit(self.tr("Re-scoring stopped; the details are in the log."))
            return
        self.finished.emit(engine.rulepack, dict(levels), time.perf_counter() - started)


def rescore_summary(label: str, levels: dict[str, int], seconds: float) -> str:
    total = sum(levels.values())
    return QCoreApplication.translate(
        "RulesMenu",
        "{pack} on {total:,} stored parcels: {clear:,} clear · {examine:,} examine · "
        "{hold:,} hold ({seconds:.1f} s)",
    ).format(
        pack=label,
        total=total,
        clear=levels.get("clear", 0),
        examine=levels.get("examine", 0),
        hold=levels.get("hold", 0),
        seconds=seconds,
    )


class RulesMenu(QObject):
    """The window's "Rules" menu and the re-scoring job it may be running."""

    rescored = Signal(str)  # the summary shown (tests wait on it)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.job: JobThread | None = None
        menu = window.menuBar().addMenu(self.tr("&Rules"))
        load = QAction(self.tr("Load rule pack… (supervisor)"), self)
        load.triggered.connect(self.choose_pack)
        self.rescore_action = QAction(self.tr("Re-score stored AED with the active pack"), self)
        self.rescore_action.triggered.connect(self.start_rescore)
        menu.addAction(load)
        menu.addAction(self.rescore_action)
        window.worker.worker.pack_loaded.connect(self._on_pack_loaded)

    def choose_pack(self) -> None:
        if self.window.officer is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Load a rule pack"), "", self.tr("Rule packs (*.toml)")
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        if self.window.officer is not None:
            self.window.request_pack.emit(self.window.officer.badge, str(path))

    def _on_pack_loaded(self, label: str, rules: int) -> None:
        self.window.statusBar().showMessage(
            self.tr(
                "Rule pack {pack} is active ({rules} rules); parcels are assessed with it "
                "from the next scan. Rules ▸ Re-score shows what it does to stored AED."
            ).format(pack=label, rules=rules),
            15000,
        )

    def start_rescore(self) -> None:
        if self.window.officer is None or self.job is not None:
            return
        job = RescoreJob(self.window.worker.worker.db_path)
        job.finished.connect(self._on_done)
        job.failed.connect(self._on_failed)
        self.job = JobThread(job, "parcelbench-rescore")
        self.rescore_action.setEnabled(False)
        self.window.statusBar().showMessage(
            self.tr("Re-scoring every stored parcel in the background…"), 60_000
        )
        self.job.start()

    def _end(self) -> None:
        if self.job is not None:
            self.job.wait()
            self.job = None
        self.rescore_action.setEnabled(True)

    def _on_done(self, label: str, levels: dict[str, int], seconds: float) -> None:
        self._end()
        text = rescore_summary(label, levels, seconds)
        self.window.statusBar().showMessage(text, 30_000)
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Re-scored"), text, parent=self.window
        )
        box.setModal(False)
        box.show()
        self.result_box = box
        self.rescored.emit(text)

    def _on_failed(self, message: str) -> None:
        self._end()
        self.window.statusBar().showMessage(message, 15000)

    def stop(self) -> None:
        if self.job is not None:
            self.job.stop(120_000)  # a re-score cannot be cut short: let it finish
            self.job = None
