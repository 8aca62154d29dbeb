"""The supervisor's window work: the pending-seizure queue and the operation summary.

Approve, return with a comment, and preview/print the seizure report, all through the seizure
service on the window's `Tasks` (listing on the reader lane, decisions on the writer lane,
building a report as a job of its own). The service checks the role, so an officer who opens
the queue sees the refusal it gives, in plain words.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parcelbench.domain.records import Officer
from parcelbench.domain.words import words
from parcelbench.services import seizures, summaries
from parcelbench.services.bench import Desk
from parcelbench.ui.labels import plain_label
from parcelbench.ui.report_preview import ReportPreview
from parcelbench.ui.tasks import Tasks


class ApprovalsDialog(QDialog):
    """Seizures awaiting approval, oldest first, with Approve / Return / Report buttons."""

    HEADERS = ("Seizure", "Recorded", "Parcel", "Officer", "Category", "What", "Weight")
    previewed = Signal(object)  # the ReportPreview opened

    def __init__(self, tasks: Tasks, officer: Officer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pending seizures"))
        self.resize(980, 420)
        self.officer = officer
        self.tasks = tasks
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.message = plain_label("", self)
        self.message.setObjectName("approvalsMessage")
        self.message.setWordWrap(True)
        self.approve_button = QPushButton(self.tr("&Approve"), self)
        self.return_button = QPushButton(self.tr("&Return to officer…"), self)
        self.report_button = QPushButton(self.tr("Seizure &report…"), self)
        refresh = QPushButton(self.tr("Re&fresh"), self)
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.ask_return)
        self.report_button.clicked.connect(self.report)
        refresh.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        for button in (self.approve_button, self.return_button, self.report_button, refresh):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.numbers: list[str] = []
        self.preview: ReportPreview | None = None
        self.refresh()

    # -- requests (run off the GUI thread) -----------------------------------------------------
    def refresh(self) -> None:
        self.tasks.read(
            lambda desk: seizures.listing(desk.store, pending_only=True),
            done=self._fill,
            failed=self._failed,
        )

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.numbers[rows[0].row()] if rows else None

    def _need_selection(self) -> str | None:
        number = self.selected()
        if number is None:
            self.message.setText(self.tr("Choose a seizure in the list first."))
        return number

    def approve(self) -> None:
        if (number := self._need_selection()) is None:
            return
        officer = self.officer
        self.tasks.write(
            lambda desk: seizures.approve(desk.store, officer, number),
            done=self._decided,
            failed=self._failed,
        )

    def ask_return(self) -> None:
        if (number := self._need_selection()) is None:
            return
        comment, ok = QInputDialog.getMultiLineText(
            self, self.tr("Return to officer"), self.tr("What must the officer correct?")
        )
        if ok:
            self.return_with(number, comment)

    def return_with(self, number: str, comment: str) -> None:
        officer = self.officer
        self.tasks.write(
            lambda desk: seizures.return_to_officer(desk.store, officer, number, comment),
            done=self._decided,
            failed=self._failed,
        )

    def report(self) -> None:
        if (number := self._need_selection()) is None:
            return
        officer = self.officer
        self.message.setText(self.tr("Preparing the seizure report…"))

        def build(desk: Desk, _report: Any, _cancelled: threading.Event) -> Any:
            return seizures.print_report(desk.store, officer, number)

        self.tasks.job(
            "parcelbench-report",
            build,
            done=lambda report: self._show_report(number, report),
            failed=self._failed,
        )

    # -- results (GUI thread) ------------------------------------------------------------------
    def _decided(self, result: Any) -> None:
        self.message.setText(
            self.tr("Seizure %1 %2.")
            .replace("%1", result.seizure_number)
            .replace("%2", result.decision)
        )
        self.refresh()

    def _show_report(self, number: str, report: Any) -> None:
        self.message.setText("")
        self.preview = ReportPreview(
            report.pdf,
            self.tr("Seizure report %1").replace("%1", number),
            f"seizure-{number}.pdf",
            self,
        )
        self.preview.show()
        self.previewed.emit(self.preview)

    def _failed(self, message: str) -> None:
        self.message.setText(message)

    def _fill(self, rows: list[seizures.SeizureListing]) -> None:
        self.numbers = [r.seizure.seizure_number for r in rows]
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            s = row.seizure
            values = (
                s.seizure_number,
                s.at[:16].replace("T", " "),
                row.item_id,
                f"{row.officer_name or ''} ({row.officer_badge})",
                words(s.category),
                f"{s.description} — {s.quantity:g} {s.unit}",
                f"{s.weight_g:,.2f} g",
            )
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(value))
        if rows:
            self.table.selectRow(0)
        elif not self.message.text():
            self.message.setText(self.tr("No seizures are waiting for approval."))


class SummaryDialog(QDialog):
    """Pick an operation or a period; the summary is built off the GUI thread, then previewed."""

    previewed = Signal(object)

    def __init__(self, tasks: Tasks, officer: Officer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Operation summary"))
        self.officer = officer
        self.tasks = tasks
        self.operation = QComboBox(self)
        self.operation.addItem(self.tr("— a period (dates below) —"), None)
        today = date.today()
        self.since = QDateEdit(QDate(today - timedelta(days=30)), self)
        self.until = QDateEdit(QDate(today), self)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.message = plain_label("", self)
        self.message.setWordWrap(True)
        self.preview_button = QPushButton(self.tr("&Preview"), self)
        self.preview_button.clicked.connect(self.build)
        form = QFormLayout(self)
        form.addRow(self.tr("Operation"), self.operation)
        form.addRow(self.tr("From"), self.since)
        form.addRow(self.tr("To"), self.until)
        form.addRow(self.message)
        form.addRow(self.preview_button)
        self.preview: ReportPreview | None = None
        self.tasks.read(lambda desk: desk.operations(), done=self._operations, failed=self._failed)

    def choose(self, *, operation: str | None = None, since: str = "", until: str = "") -> None:
        """Set the scope as a user would (used by the tests and by `build`)."""
        if operation is not None:
            self.operation.setCurrentIndex(max(0, self.operation.findData(operation)))
        if since:
            self.since.setDate(QDate.fromString(since, "yyyy-MM-dd"))
        if until:
            self.until.setDate(QDate.fromString(until, "yyyy-MM-dd"))

    def build(self) -> None:
        officer, name = self.officer, self.operation.currentData()
        since = self.since.date().toString("yyyy-MM-dd")
        until = self.until.date().toString("yyyy-MM-dd")
        self.message.setText(self.tr("Building the summary…"))

        def work(desk: Desk, _report: Any, _cancelled: threading.Event) -> tuple[str, bytes]:
            if name is not None:
                scope = summaries.scope_for(desk.store, operation=name)
            else:
                scope = summaries.scope_for(desk.store, since=since, until=until)
            data, _ = summaries.pdf(desk.store, officer, scope)
            return scope.title, data

        self.tasks.job("parcelbench-report", work, done=self._show, failed=self._failed)

    def _operations(self, result: list[Any]) -> None:
        for op in result:
            self.operation.addItem(f"{op.name} ({op.starts_on} – {op.ends_on})", op.name)

    def _show(self, result: tuple[str, bytes]) -> None:
        title, data = result
        self.message.setText("")
        self.preview = ReportPreview(data, title, "operation-summary.pdf", self)
        self.preview.show()
        self.previewed.emit(self.preview)

    def _failed(self, message: str) -> None:
        self.message.setText(message)


def add_supervisor_menu(
    window: QMainWindow, officer: Callable[[], Officer | None], tasks: Tasks
) -> None:
    """The "&Supervisor" menu: Pending seizures…, Operation summary… (signed-in users)."""
    menu = window.menuBar().addMenu(window.tr("&Supervisor"))

    def opener(kind: type[ApprovalsDialog] | type[SummaryDialog]) -> Callable[[], None]:
        def open_dialog() -> None:
            who = officer()
            if who is not None:
                dialog = kind(tasks, who, window)
                dialog.setObjectName(kind.__name__)
                dialog.show()

        return open_dialog

    for text, kind in (
        (window.tr("Pending seizures…"), ApprovalsDialog),
        (window.tr("Operation summary…"), SummaryDialog),
    ):
        action = QAction(text, window)
        action.triggered.connect(opener(kind))
        menu.addAction(action)
