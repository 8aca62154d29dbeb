"""The re-score worklist: the stored parcels the active pack would not clear, detain first.

After a new rule pack (or a month's AED) a supervisor re-scores the stored AED; the parcels it
flags are the ones to pull from the sacks before they reach the bench. Double-click (or Enter)
opens one as if scanned, so the card shows today's assessment with every reason. The list is
read on the reader lane and shows the first 1,000 (`parcelbench risk worklist --json` has all).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QVBoxLayout,
    QWidget,
)

from parcelbench.domain.rescore import Rescore, ScoredParcel
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.ui.labels import plain_label
from parcelbench.ui.models import WorklistModel
from parcelbench.ui.pick_list import pick_list


class WorklistView(QDialog):
    """`show_worklist(run, rows)` paints; `chosen(ScanEvent)` opens a parcel."""

    chosen = Signal(object)  # ScanEvent from the worklist

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Re-score worklist"))
        self.summary = plain_label("", self)
        self.summary.setObjectName("worklistSummary")
        self.summary.setWordWrap(True)
        self.model = WorklistModel()
        self.table = pick_list(self, self.model, "worklist", WorklistModel.RULES)
        # a shipper's long name must not squeeze the reasons; it is whole in its tooltip
        self.table.horizontalHeader().setSectionResizeMode(
            WorklistModel.SENDER, QHeaderView.ResizeMode.Interactive
        )
        self.table.setColumnWidth(WorklistModel.SENDER, self.fontMetrics().averageCharWidth() * 30)
        self.table.activated.connect(self._open)  # a double-click, or Enter on a row
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.resize(1100, 460)

    def show_worklist(self, run: Rescore | None, rows: list[ScoredParcel]) -> None:
        if run is None:
            self.summary.setText(
                self.tr("No re-score yet: Rules ▸ Re-score stored AED with the active pack.")
            )
        else:
            levels = run.levels
            flagged = levels.get("detain", 0) + levels.get("examine", 0)
            shown = ""
            if len(rows) < flagged:
                shown = self.tr(" (the first {n} shown)").format(n=len(rows))
            self.summary.setText(
                self.tr(
                    "{pack}, re-scored {at} by {actor}: {detain:,} detain · {examine:,} examine "
                    "of {items:,} stored parcels{shown}"
                ).format(
                    pack=run.rulepack,
                    at=run.finished_at[:16].replace("T", " "),
                    actor=run.actor,
                    detain=levels.get("detain", 0),
                    examine=levels.get("examine", 0),
                    items=run.items,
                    shown=shown,
                )
            )
        self.model.show(rows)
        if rows:
            self.table.selectRow(0)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(ScanEvent.of(self.model.rows[index.row()].item_id, "worklist"))
            self.close()  # the card it opens is under it; Rules ▸ Re-score worklist… reopens it
