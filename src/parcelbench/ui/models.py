"""Qt table models: the declared contents of a parcel, today's inspections, the holds, the
re-score worklist.

Model/view so a sack of parcels or a long day scrolls without rebuilding widgets; the models
hold plain records handed over by the worker and never touch the store.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from parcelbench.domain.aed import AedItem
from parcelbench.domain.display import shown
from parcelbench.domain.holds import Hold
from parcelbench.domain.records import Inspection
from parcelbench.domain.rescore import ScoredParcel
from parcelbench.domain.risk import Level, level_word
from parcelbench.domain.words import words
from parcelbench.ui.labels import plain_tooltip
from parcelbench.ui.theme import HIGHLIGHT, HOLD_STATUS_COLOURS, LEVELS

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class _Table(QAbstractTableModel):
    """A flat, read-only table: `rows` and the column titles in `HEADERS`."""

    HEADERS: tuple[str, ...] = ()
    rows: list[Any]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class ContentsModel(_Table):
    """Declared content pieces with totals; rows whose text a flag matched are highlighted."""

    HEADERS = ("Description", "Qty", "Net kg", "Value", "HS code", "Origin")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, ...]] = []
        self.flagged: dict[int, str] = {}  # row -> why (the flag's matched text)

    def show(self, item: AedItem | None, flagged: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows = []
        self.flagged = flagged
        if item is not None:
            for piece in item.contents:
                self.rows.append(
                    (
                        shown(piece.description),
                        f"{piece.quantity:g}",
                        f"{piece.net_weight_kg:.3f}" if piece.net_weight_kg is not None else "",
                        f"{piece.value or ''} {piece.currency or item.currency or ''}".strip(),
                        piece.hs_code or "",
                        piece.origin_country or "",
                    )
                )
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[row][col]
        if role == Qt.ItemDataRole.BackgroundRole and row in self.flagged:
            return QBrush(QColor(HIGHLIGHT))
        if role == Qt.ItemDataRole.ForegroundRole and row in self.flagged:
            return QBrush(QColor("#111111"))
        if role == Qt.ItemDataRole.ToolTipRole and row in self.flagged:
            return plain_tooltip(f"flagged: “{self.flagged[row]}”")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RecentModel(_Table):
    """Today's inspections at this bench, newest first."""

    HEADERS = ("Time", "Parcel", "Level", "Outcome", "Officer")
    OUTCOME = 3

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Inspection] = []

    def show(self, inspections: list[Inspection]) -> None:
        self.beginResetModel()
        self.rows = list(inspections)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        ins = self.rows[index.row()]
        col = index.column()
        if col == 0:
            return _local_time(ins.at)
        if col == 1:
            return ins.item_id
        if col == 2:
            return level_word(ins.risk.get("level")).upper()
        if col == 3:
            return f"{words(ins.outcome)} {ins.agency or ''}".strip()
        return ins.officer_badge


class HoldsModel(_Table):
    """Holds, outstanding first (as the service sorts them), with the outcome of examined ones.

    Read-only: the list is for finding parcels, and a hold changes only by a targeting list
    from HQ or by the parcel's examination, never by typing into a cell.
    """

    HEADERS = ("Parcel", "Status", "Reason", "Source", "Targeted", "Located", "Outcome")
    REASON = 2

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[Hold, str]] = []

    def show(self, holds: list[Hold], outcomes: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = [
            (h, words(outcomes.get(h.inspection_uuid or "", "")) or (h.elsewhere or ""))
            for h in holds
        ]
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hold, outcome = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.BackgroundRole and col == 1:
            return QBrush(QColor(HOLD_STATUS_COLOURS.get(hold.status, "#ffffff")))
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QBrush(QColor("#111111"))  # on the pale status colour, in either theme
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            hold.item_id,
            hold.status.upper(),
            hold.reason,
            hold.source,
            hold.targeted_on,
            (hold.located_at or "")[:16].replace("T", " "),
            outcome,
        )[col]


class WorklistModel(_Table):
    """The last re-score's parcels, detain first, as the service sorts them; a parcel whose AED
    was corrected since says so, since its score may no longer hold."""

    HEADERS = ("Parcel", "Level", "Score", "Rules", "Sender", "To", "AED")
    RULES, SENDER = 3, 4

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ScoredParcel] = []

    def show(self, rows: list[ScoredParcel]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        style = LEVELS.get(Level(row.level)) if col == 1 else None
        if role == Qt.ItemDataRole.BackgroundRole and style is not None:
            return QBrush(QColor(style.colour))
        if role == Qt.ItemDataRole.ForegroundRole and style is not None:
            return QBrush(QColor(style.ink))
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.RULES, self.SENDER):
            return plain_tooltip(" ".join(row.rules) if col == self.RULES else shown(row.sender))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            row.item_id,
            row.level.upper(),
            str(row.score),
            " ".join(row.rules),
            shown(row.sender),
            row.addressee_country,
            "current" if row.current else "changed since",
        )[col]


def _local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().strftime("%H:%M")
    except ValueError:
        return iso[11:16]
