"""AED import from the window: its own thread and connection, a progress bar, cancel, a report.

Why its own thread: an import of a partner's batch takes seconds to a minute and must not
stop the officer looking parcels up (reads go on beside it in WAL mode). Cancel works like
Ctrl-C in the CLI: the file being imported rolls back whole, files finished before it stay.
The rejection report (file, line, item, field, reason) is shown as a table, not a wall of text.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parcelbench.aed.importer import ImportReport, Progress, import_files
from parcelbench.store import Store

log = logging.getLogger(__name__)


class ImportCancelled(Exception):
    """Raised from the progress callback: the current file's transaction rolls back."""


class ImportJob(QObject):
    """Imports files into the bench database; lives in its own QThread."""

    progress = Signal(str, int, int, int)  # file, items, bytes done, bytes total
    finished = Signal(object, bool)  # ImportReport, cancelled
    failed = Signal(str)

    def __init__(self, db_path: Path, paths: list[Path], actor: str) -> None:
        super().__init__()
        self.db_path = db_path
        self.paths = paths
        self.actor = actor
        self.cancelled = False

    def cancel(self) -> None:
        """Called from the GUI thread; the import notices at its next progress report."""
        self.cancelled = True

    def _progress(self, p: Progress) -> None:
        if self.cancelled:
            raise ImportCancelled
        self.progress.emit(Path(p.file).name, p.items, p.bytes_done, p.bytes_total)

    @Slot()
    def run(self) -> None:
        report = ImportReport()
        try:
            with Store(self.db_path) as store:
                for path in self.paths:
                    if self.cancelled:
                        break
                    one = import_files(store, [path], actor=self.actor, progress=self._progress)
                    report.results.extend(one.results)
                    report.volume_index = one.volume_index
        except ImportCancelled:
            self.finished.emit(report, True)
            return
        except Exception as exc:
            log.exception("AED import failed")
            self.failed.emit(self.tr("The AED import stopped: {error}").format(error=exc))
            return
        self.finished.emit(report, False)


def summary(report: ImportReport, cancelled: bool) -> str:
    """One line for the status bar."""
    data = report.to_json()
    text = _tr(
        "AED: {imported:,} imported, {superseded:,} superseded, {unchanged:,} unchanged, "
        "{rejected:,} rejected"
    ).format(**{k: data[k] for k in ("imported", "superseded", "unchanged", "rejected")})
    if report.refused:
        text += _tr("; {n} file(s) refused whole").format(n=len(report.refused))
    if cancelled:
        text += _tr(" — cancelled: the file in progress was rolled back")
    return text


def _tr(text: str) -> str:
    return QCoreApplication.translate("AedImport", text)


class RejectionReport(QDialog):
    """Every rejected item and every refused file, as a table."""

    HEADERS = (
        QT_TRANSLATE_NOOP("RejectionReport", "File"),
        QT_TRANSLATE_NOOP("RejectionReport", "Line"),
        QT_TRANSLATE_NOOP("RejectionReport", "Item"),
        QT_TRANSLATE_NOOP("RejectionReport", "Field"),
        QT_TRANSLATE_NOOP("RejectionReport", "Reason"),
    )

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("AED import report"))
        rows: list[tuple[str, str, str, str, str]] = []
        for result in report.results:
            name = Path(result.file).name
            if result.refused:
                refused = self.tr("REFUSED: {reason}").format(reason=result.refused)
                rows.append((name, "", "", self.tr("whole file"), refused))
            for r in result.rejections:
                rows.append((name, str(r.line), r.item_id or "", r.field, r.reason))
        self.table = QTableWidget(len(rows), len(self.HEADERS), self)
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(value))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(summary(report, False), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 400)
