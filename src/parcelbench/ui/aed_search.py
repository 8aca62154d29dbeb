"""Search the AED by id, party, address, e-mail or description; open a hit as if scanned.

For the parcel whose label is torn or missing: the officer finds it by what is still legible.
The query runs on the database worker; this panel only shows the answer.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parcelbench.domain.aed import SearchHit
from parcelbench.domain.display import shown
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.ui.labels import plain_label


class AedSearch(QDialog):
    """`search(text)` asks; `show_hits` answers; `chosen(ScanEvent)` opens a parcel."""

    search = Signal(str)
    chosen = Signal(object)  # ScanEvent from a search hit
    HEADERS = ("Parcel", "Sender", "Addressee", "First content line")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Search AED"))
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("id (or its start), a name, street, e-mail or goods"))
        self.state = plain_label("", self)
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)  # ids whole
        self.table.cellDoubleClicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        self.query.returnPressed.connect(self._ask)
        self.hits: list[SearchHit] = []
        self.resize(900, 420)

    def _ask(self) -> None:
        text = self.query.text().strip()
        if text:
            self.state.setText(self.tr("searching…"))
            self.search.emit(text)

    def show_hits(self, text: str, hits: list[SearchHit]) -> None:
        if text != self.query.text().strip():
            return  # an answer to an older question
        self.hits = hits
        more = self.tr(" (first 50)") if len(hits) >= 50 else ""
        self.state.setText(self.tr("{n} found").format(n=len(hits)) + more)
        self.table.setRowCount(len(hits))
        for i, hit in enumerate(hits):
            for j, value in enumerate(
                (hit.item_id, hit.sender, hit.addressee, hit.first_description)
            ):
                self.table.setItem(i, j, QTableWidgetItem(shown(value)))

    def _open(self, row: int, _column: int) -> None:
        self.chosen.emit(ScanEvent.of(self.hits[row].item_id, "search"))
        self.close()
