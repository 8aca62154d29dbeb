"""The strip above the card that says which parcels wait while the one on the card is decided.

Why a strip and not a question: parcels arrive faster than officers decide (a camera over the
bench reads the next label while the first is still being opened). A modal "leave it
undecided?" per arrival stacked up and had to be closed one by one; the strip is one line that
is always current, answered with one key (F9) or by deciding the parcel on the card.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from parcelbench.services.bench import ParcelView
from parcelbench.ui.labels import plain_label
from parcelbench.ui.theme import LEVELS

SHOWN_IDS = 3  # more waiting parcels are counted, not listed


def waiting_text(current: ParcelView | None, waiting: list[ParcelView]) -> str:
    """ "Waiting: ▲ LX 1234 5678 5 CN DETAIN, ✓ RR … CLEAR (+2 more) · F9 …" (empty when none)."""
    if not waiting:
        return ""
    tr = QCoreApplication.translate
    parts = []
    for view in waiting[:SHOWN_IDS]:
        level = view.assessment.level if view.assessment else None
        style = LEVELS.get(level) if level is not None else None
        word = _unbroken(f"{style.icon} {tr('Level', style.word)} ") if style else ""
        parts.append(f"{word}{_unbroken(view.parsed.display())}")
    more = len(waiting) - SHOWN_IDS
    listed = ", ".join(parts) + (
        tr("WaitingStrip", " (+{n} more)").format(n=more) if more > 0 else ""
    )
    if current is None:
        return tr("WaitingStrip", "Waiting: {listed}").format(listed=listed)
    return tr(
        "WaitingStrip",
        "Waiting: {listed} — decide {current} (F1–F5), or F9 to show the next now and leave "
        "{current} undecided",
    ).format(listed=listed, current=_unbroken(current.parsed.display()))


def _unbroken(text: str) -> str:
    """An id (or level word) never breaks across lines: "LX 1234 5678 5 CN" with hard spaces."""
    return text.replace(" ", "\u00a0")


class WaitingStrip(QFrame):
    """Hidden while nothing waits; `show_next` when the officer asks for the next parcel."""

    show_next = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitingStrip")
        self.setStyleSheet(
            "QFrame#waitingStrip { background: #fff3cd; border: 2px solid #f2a900; }"
            "QFrame#waitingStrip QLabel, QFrame#waitingStrip QPushButton { color: #1a1a1a; "
            "background: transparent; }"
        )
        self.text = plain_label("", self)
        self.text.setObjectName("waitingText")
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(self.tr("F9 Show next"), self)
        self.button.setObjectName("waitingNext")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.show_next)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.hide()

    def show_waiting(self, current: ParcelView | None, waiting: list[ParcelView]) -> None:
        text = waiting_text(current, waiting)
        self.text.setText(text)
        self.button.setVisible(current is not None)
        self.setVisible(bool(text))
