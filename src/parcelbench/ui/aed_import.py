"""AED import from the window: a job (own thread and connection), progress, cancel, a report.

Why a job: an import of a partner's batch takes seconds to a minute and must not
stop the officer looking parcels up (reads go on beside it in WAL mode). Cancel works like
Ctrl-C in the CLI: the file being imported rolls back whole, files finished before it stay.
The rejection report (file, line, item, field, reason) is shown as a table, not a wall of text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parcelbench.aed.importer import ImportCancelled, ImportReport, Progress
from parcelbench.services.bench import Desk
from parcelbench.ui.labels import plain_label


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import job gives back: the report, and whether the officer cancelled it."""

    report: ImportReport
    cancelled: bool


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """One progress report: the file's name, items so far, bytes done and in all."""

    file: str
    items: int
    done: int
    total: int


def import_job(
    paths: list[Path], actor: str
) -> Callable[[Desk, Callable[[Any], None], threading.Event], Imported]:
    """The job `Tasks.job` runs: every file in turn, one transaction each (the bench service
    imports); cancelling rolls the file in progress back whole, files finished before stay."""

    def run(desk: Desk, report: Callable[[Any], None], cancelled: threading.Event) -> Imported:
        def progress(p: Progress) -> None:
            if cancelled.is_set():
                raise ImportCancelled
            report(ImportProgress(Path(p.file).name, p.items, p.bytes_done, p.bytes_total))

        done = ImportReport()
        try:
            for path in paths:
                if cancelled.is_set():
                    break
                one = desk.import_aed([path], actor=actor, progress=progress)
                done.results.extend(one.results)
                done.volume_index = one.volume_index
        except ImportCancelled:
            return Imported(done, True)
        return Imported(done, cancelled.is_set())

    return run


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
        layout.addWidget(plain_label(summary(report, False), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 400)
