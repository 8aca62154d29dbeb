"""The hold list: every parcel targeted for examination, outstanding first, with its outcome.

Facilities have struggled to locate targeted parcels and to examine all of them; this list
makes what is still open impossible to miss. Double-click opens a parcel as if scanned.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from parcelbench.store.holds import Hold

_STATUS_COLOUR = {"outstanding": "#ffcdd2", "located": "#fff9c4", "examined": "#c8e6c9"}


class HoldsView(QDialog):
    """`show_holds(holds, outcomes, label)` paints; `chosen(item_id)` opens a parcel."""

    chosen = Signal(str)
    HEADERS = ("Parcel", "Status", "Reason", "Source", "Targeted", "Located", "Outcome")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Holds"))
        self.summary = QLabel("", self)
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(lambda row, _c: self.chosen.emit(self.ids[row]))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.ids: list[str] = []
        self.resize(1000, 420)

    def show_holds(self, holds: list[Hold], outcomes: dict[str, str], label: str) -> None:
        self.summary.setText(label)
        self.ids = [h.item_id for h in holds]
        self.table.setRowCount(len(holds))
        for i, hold in enumerate(holds):
            values = (
                hold.item_id,
                hold.status.upper(),
                hold.reason,
                hold.source,
                hold.targeted_on,
                (hold.located_at or "")[:16].replace("T", " "),
                outcomes.get(hold.inspection_uuid or "", ""),
            )
            for j, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if j == 1:
                    cell.setBackground(QBrush(QColor(_STATUS_COLOUR.get(hold.status, "#ffffff"))))
                self.table.setItem(i, j, cell)
