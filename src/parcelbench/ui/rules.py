"""Rule packs from the window: a supervisor loads one; anyone can see what it does to stored AED.

Loading is a write on the writer lane (a quick validate-and-activate; the service refuses
anyone but a supervisor and a broken pack names its file, rule and field). Re-scoring every
stored parcel takes a minute on a million items, so it runs as a job on its own thread, and
the officer keeps scanning meanwhile; the result is the count per level under the active pack,
and the parcels not cleared are kept as the worklist (`WorklistView`), which opens when the
job is done. The menu gets the window's `Tasks`, who is signed in and how to open a parcel,
nothing else of the window.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from parcelbench.domain.records import Officer
from parcelbench.domain.rescore import Rescore
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.risk.pack import RulePack
from parcelbench.services.bench import Desk
from parcelbench.ui.tasks import Job, Tasks
from parcelbench.ui.worklist import WorklistView


def rescore_summary(run: Rescore, seconds: float) -> str:
    label, levels, total = run.rulepack, run.levels, run.items
    return QCoreApplication.translate(
        "RulesMenu",
        "{pack} on {total:,} stored parcels: {clear:,} clear · {examine:,} examine · "
        "{detain:,} detain ({seconds:.1f} s)",
    ).format(
        pack=label,
        total=total,
        clear=levels.get("clear", 0),
        examine=levels.get("examine", 0),
        detain=levels.get("detain", 0),
        seconds=seconds,
    )


class RulesMenu(QObject):
    """The window's "Rules" menu and the re-scoring job it may be running."""

    loaded = Signal(str, int)  # rule pack label, rules (tests wait on it)
    rescored = Signal(str)  # the summary shown (tests wait on it)
    worklisted = Signal(int)  # the worklist shown, with this many parcels
    failed = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        tasks: Tasks,
        officer: Callable[[], Officer | None],
        open_parcel: Callable[[ScanEvent], None],
    ) -> None:
        super().__init__(window)
        self.window, self.tasks, self.officer = window, tasks, officer
        self.job: Job | None = None
        self.worklist = WorklistView(window)
        self.worklist.chosen.connect(open_parcel)
        menu = window.menuBar().addMenu(self.tr("&Rules"))
        load = QAction(self.tr("Load rule pack… (supervisor)"), self)
        load.triggered.connect(self.choose_pack)
        self.rescore_action = QAction(self.tr("Re-score stored AED with the active pack"), self)
        self.rescore_action.triggered.connect(self.start_rescore)
        show_worklist = QAction(self.tr("Re-score worklist…"), self)
        show_worklist.triggered.connect(self.open_worklist)
        menu.addAction(load)
        menu.addAction(self.rescore_action)
        menu.addAction(show_worklist)

    def choose_pack(self) -> None:
        if self.officer() is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Load a rule pack"), "", self.tr("Rule packs (*.toml)")
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        officer = self.officer()
        if officer is None:
            return
        self.tasks.write(
            lambda desk: desk.load_pack(officer, str(path)),
            done=self._on_pack_loaded,
            failed=self._on_refused,
        )

    def _on_pack_loaded(self, pack: RulePack) -> None:
        self.window.statusBar().showMessage(
            self.tr(
                "Rule pack {pack} is active ({rules} rules); parcels are assessed with it "
                "from the next scan. Rules ▸ Re-score shows what it does to stored AED."
            ).format(pack=pack.label, rules=len(pack.rules)),
            15000,
        )
        self.loaded.emit(pack.label, len(pack.rules))

    def _on_refused(self, message: str) -> None:
        text = self.tr("Rule pack refused, the active pack stays: {error}").format(error=message)
        self.window.statusBar().showMessage(text, 15000)
        self.failed.emit(text)

    def start_rescore(self) -> None:
        if self.officer() is None or self.job is not None:
            return

        officer = self.officer()
        assert officer is not None

        def rescore(desk: Desk, _report: Any, _cancelled: threading.Event) -> str:
            started = time.perf_counter()
            run = desk.rescore(officer)
            return rescore_summary(run, time.perf_counter() - started)

        self.rescore_action.setEnabled(False)
        self.window.statusBar().showMessage(
            self.tr("Re-scoring every stored parcel in the background…"), 60_000
        )
        self.job = self.tasks.job(
            "parcelbench-rescore",
            rescore,
            done=self._on_done,
            failed=self._on_failed,
            fallback=self.tr("Re-scoring stopped; the details are in the log."),
        )

    def _on_done(self, text: str) -> None:
        self.job = None
        self.rescore_action.setEnabled(True)
        self.window.statusBar().showMessage(text, 30_000)
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Re-scored"), text, parent=self.window
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # quotes the pack's own name and version
        box.setModal(False)
        box.show()
        self.result_box = box
        self.open_worklist()
        self.rescored.emit(text)

    def open_worklist(self) -> None:
        if self.officer() is None:
            return
        self.tasks.read(
            lambda desk: desk.worklist(),
            done=lambda listed: self._show_worklist(*listed),
            failed=self._on_failed,
            fallback=self.tr("The worklist could not be read; the details are in the log."),
        )

    def _show_worklist(self, run: Rescore | None, rows: list[Any]) -> None:
        self.worklist.show_worklist(run, rows)
        self.worklist.show()
        self.worklist.raise_()
        self.worklisted.emit(len(rows))

    def _on_failed(self, message: str) -> None:
        self.job = None
        self.rescore_action.setEnabled(True)
        self.window.statusBar().showMessage(message, 15000)
