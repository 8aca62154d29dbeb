"""After the exam: open detentions and their clocks, referrals awaiting the partner's answer,
lab samples awaiting a result — the lists a bench works through each morning.

Why one window with three tabs: each list is something still owed to somebody (a decision
within 5 business days, an agency's answer, a laboratory's result) and until it comes the
summaries count the parcel as pending. Double-click (or Enter) on a detention opens the parcel
as if scanned, to record the decision; the referral and sample tabs record the answer here.
Listing runs on the reader lane and answers on the writer lane of the window's `Tasks`; the
services check every answer, so what a form lets through and what the CLI accepts agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from parcelbench.domain.exam import LabResult, ReferralAnswer
from parcelbench.domain.records import Officer
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.services import followups
from parcelbench.ui.exam_dialogs import LabResultDialog, ReferralAnswerDialog
from parcelbench.ui.labels import plain_label
from parcelbench.ui.tasks import Tasks


def _when(at: str) -> str:
    return at[:16].replace("T", " ")


def _table(headers: Sequence[str], stretch: int, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            cell = QTableWidgetItem(value)
            cell.setToolTip(value)  # a narrowed column still says everything on hover
            table.setItem(i, j, cell)
    if rows:
        table.selectRow(0)


class FollowUpsDialog(QDialog):
    """`refresh()` lists; `chosen(ScanEvent)` opens a detained parcel to decide it."""

    DETENTIONS, REFERRALS, SAMPLES = range(3)
    chosen = Signal(object)  # ScanEvent of a detained parcel

    def __init__(self, tasks: Tasks, officer: Officer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Follow-ups"))
        self.resize(1180, 440)
        self.tasks = tasks
        self.officer = officer
        self.tabs = QTabWidget(self)
        self.detentions = _table(
            (
                self.tr("Parcel"),
                self.tr("Detained"),
                self.tr("Decision due"),
                self.tr("Excluded after"),
                self.tr("Where it stands"),
                self.tr("Officer"),
                self.tr("Reason"),
            ),
            6,
            self,
        )
        stands = self.detentions.horizontalHeader()
        stands.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        self.detentions.setColumnWidth(4, self.fontMetrics().averageCharWidth() * 36)
        self.referrals = _table(
            (self.tr("Parcel"), self.tr("Agency"), self.tr("Referred"), self.tr("Inspection")),
            3,
            self,
        )
        self.samples = _table(
            (self.tr("Seizure"), self.tr("Parcel"), self.tr("Lab sample"), self.tr("Seized")),
            3,
            self,
        )
        self.detentions.activated.connect(lambda index: self.open_parcel(index.row()))
        self.referrals.activated.connect(lambda _index: self.close_selected_referral())
        self.samples.activated.connect(lambda _index: self.enter_selected_result())
        self.tabs.addTab(
            self._page(
                self.detentions,
                self._button(
                    self.tr("&Open parcel to decide"),
                    lambda: self.open_parcel(self._row(self.detentions)),
                ),
            ),
            self.tr("Detentions"),
        )
        self.tabs.addTab(
            self._page(
                self.referrals,
                self._button(
                    self.tr("&Close with the agency's answer…"), self.close_selected_referral
                ),
            ),
            self.tr("Referrals"),
        )
        self.tabs.addTab(
            self._page(
                self.samples,
                self._button(self.tr("&Record the lab's result…"), self.enter_selected_result),
            ),
            self.tr("Lab samples"),
        )
        self.message = plain_label("", self)
        self.message.setObjectName("followUpsMessage")
        self.message.setWordWrap(True)
        refresh = QPushButton(self.tr("Re&fresh"), self)
        refresh.clicked.connect(self.refresh)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.listed = followups.FollowUps([], [], [])

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        return button

    def _page(self, table: QTableWidget, button: QPushButton) -> QWidget:
        page = QWidget(self)
        buttons = QHBoxLayout()
        buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        layout.addLayout(buttons)
        return page

    @staticmethod
    def _row(table: QTableWidget) -> int:
        rows = table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def show_tab(self, tab: int) -> None:
        self.tabs.setCurrentIndex(tab)

    # -- requests (off the GUI thread) ---------------------------------------------------------
    def refresh(self) -> None:
        self.tasks.read(
            lambda desk: followups.waiting(desk.store), done=self._fill, failed=self._failed
        )

    def open_parcel(self, row: int) -> None:
        if 0 <= row < len(self.listed.detentions):
            item_id = self.listed.detentions[row].record.item_id
            self.chosen.emit(ScanEvent.of(item_id, "follow-ups"))
        else:
            self.message.setText(self.tr("Choose a detention in the list first."))

    def close_selected_referral(self) -> None:
        row = self._row(self.referrals)
        if not 0 <= row < len(self.listed.referrals):
            self.message.setText(self.tr("Choose a referral in the list first."))
            return
        uuid, item_id, agency, _at = self.listed.referrals[row]
        form = ReferralAnswerDialog(item_id, agency, self)
        if form.exec():
            self.close_referral(uuid, form.answer.text(), bool(form.finding.currentData()))

    def close_referral(self, inspection_uuid: str, answer: str, finding: bool) -> None:
        officer = self.officer
        self.tasks.write(
            lambda desk: followups.close_referral(
                desk.store, officer, inspection_uuid, answer=answer, finding=finding
            ),
            done=self._answered,
            failed=self._failed,
        )

    def enter_selected_result(self) -> None:
        row = self._row(self.samples)
        if not 0 <= row < len(self.listed.samples):
            self.message.setText(self.tr("Choose a sample in the list first."))
            return
        number, _item, sample, _at = self.listed.samples[row]
        form = LabResultDialog(number, sample, self)
        if form.exec():
            self.record_lab_result(
                number,
                sample,
                result=form.result.currentData(),
                substance=form.substance.text(),
                laboratory=form.laboratory.text(),
                report_ref=form.report_ref.text(),
            )

    def record_lab_result(
        self,
        seizure_number: str,
        sample: str,
        *,
        result: str,
        substance: str,
        laboratory: str,
        report_ref: str = "",
    ) -> None:
        officer = self.officer
        self.tasks.write(
            lambda desk: followups.record_lab_result(
                desk.store,
                officer,
                seizure_number,
                lab_sample=sample,
                result=result,
                substance=substance,
                laboratory=laboratory,
                report_ref=report_ref,
            ),
            done=self._answered,
            failed=self._failed,
        )

    # -- results (GUI thread) ------------------------------------------------------------------
    def _answered(self, done: ReferralAnswer | LabResult) -> None:
        if isinstance(done, ReferralAnswer):
            self.message.setText(
                self.tr("Referral to {agency} closed: {finding}.").format(
                    agency=done.agency,
                    finding=self.tr("a finding") if done.finding else self.tr("no finding"),
                )
            )
        else:
            self.message.setText(
                self.tr("Lab result for {number} recorded: {result}.").format(
                    number=done.seizure_number, result=done.result
                )
            )
        self.refresh()

    def _failed(self, message: str) -> None:
        self.message.setText(message)

    def _fill(self, listed: followups.FollowUps) -> None:
        self.listed = listed
        _fill(
            self.detentions,
            [
                (
                    d.record.item_id,
                    _when(d.record.detained_at),
                    d.clock.decision_due.isoformat(),
                    d.clock.excluded_on.isoformat(),
                    d.status.label(),
                    d.record.officer_badge,
                    d.record.reason or "",
                )
                for d in listed.detentions
            ],
        )
        _fill(
            self.referrals,
            [(item, agency, _when(at), uuid) for uuid, item, agency, at in listed.referrals],
        )
        _fill(
            self.samples,
            [(number, item, sample, _when(at)) for number, item, sample, at in listed.samples],
        )
        overdue = sum(d.overdue for d in listed.detentions)
        self.tabs.setTabText(
            self.DETENTIONS,
            self.tr("Detentions ({n}, {late} overdue)").format(
                n=len(listed.detentions), late=overdue
            )
            if overdue
            else self.tr("Detentions ({n})").format(n=len(listed.detentions)),
        )
        self.tabs.setTabText(
            self.REFERRALS, self.tr("Referrals ({n})").format(n=len(listed.referrals))
        )
        self.tabs.setTabText(
            self.SAMPLES, self.tr("Lab samples ({n})").format(n=len(listed.samples))
        )


def add_followups_menu(
    window: QMainWindow,
    officer: Callable[[], Officer | None],
    tasks: Tasks,
    open_parcel: Callable[[ScanEvent], None],
) -> None:
    """The "Follow-&ups" menu: detentions (Ctrl+D), referrals, lab samples — one dialog."""
    menu = window.menuBar().addMenu(window.tr("Follow-&ups"))
    shown: list[FollowUpsDialog] = []

    def opener(tab: int) -> Callable[[], None]:
        def open_tab() -> None:
            who = officer()
            if who is None:
                return
            if not shown:
                dialog = FollowUpsDialog(tasks, who, window)
                dialog.setObjectName("FollowUpsDialog")
                dialog.chosen.connect(open_parcel)
                shown.append(dialog)
            dialog = shown[0]
            dialog.officer = who  # whoever is signed in now answers
            dialog.show_tab(tab)
            dialog.show()
            dialog.raise_()
            dialog.refresh()

        return open_tab

    for text, tab, keys in (
        (window.tr("Detentions and their clocks…"), FollowUpsDialog.DETENTIONS, "Ctrl+D"),
        (window.tr("Referrals awaiting an answer…"), FollowUpsDialog.REFERRALS, ""),
        (window.tr("Lab samples awaiting a result…"), FollowUpsDialog.SAMPLES, ""),
    ):
        action = QAction(text, window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(opener(tab))
        menu.addAction(action)
