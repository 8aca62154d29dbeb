"""The hold list: every parcel targeted for examination, outstanding first, with its outcome.

Facilities have struggled to locate targeted parcels and to examine all of them; this list
makes what is still open impossible to miss. Double-click (or Enter) opens a parcel as if
scanned. Ids, statuses and dates are sized to their text; only the reason wraps.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QVBoxLayout,
    QWidget,
)

from parcelbench.domain.holds import Hold
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.ui.labels import plain_label
from parcelbench.ui.models import HoldsModel
from parcelbench.ui.pick_list import pick_list


class HoldsView(QDialog):
    """`show_holds(holds, outcomes, label)` paints; `chosen(ScanEvent)` opens a parcel."""

    chosen = Signal(object)  # ScanEvent from the holds list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Holds"))
        self.summary = plain_label("", self)
        self.summary.setObjectName("holdsSummary")
        self.model = HoldsModel()
        self.table = pick_list(self, self.model, "holds", HoldsModel.REASON)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(self._open)  # a double-click, or Enter on a row
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.resize(1100, 460)

    @property
    def ids(self) -> list[str]:
        return [hold.item_id for hold, _ in self.model.rows]

    def show_holds(self, holds: list[Hold], outcomes: dict[str, str], label: str) -> None:
        self.summary.setText(label)
        self.model.show(holds, outcomes)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(ScanEvent.of(self.model.rows[index.row()][0].item_id, "holds"))
