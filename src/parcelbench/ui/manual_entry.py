"""The "type or scan an id" box: live check-digit feedback, submits only a valid id.

Why a widget of its own: it is the one place an officer types an id, so it carries the rules
of :func:`parcelbench.scan.manual.check_entry` to the screen at every keystroke — and a wrong
check digit is said plainly ("Check digit is 6, expected 5") instead of silently finding
nothing or, worse, another parcel.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from parcelbench.domain.scan_event import ScanEvent
from parcelbench.scan.manual import EntryFeedback, check_entry
from parcelbench.ui.labels import plain_label


class ManualEntry(QWidget):
    """``submitted(ScanEvent)`` fires on Enter when the text is a valid parcel id."""

    submitted = Signal(object)  # ScanEvent

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("type or scan an id"))
        self.feedback = plain_label("", self)
        self.feedback.setObjectName("entryFeedback")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.feedback)
        self.edit.textChanged.connect(self._update)
        self.edit.returnPressed.connect(self._submit)
        self.state: EntryFeedback = check_entry("")
        self._update("")

    def _update(self, text: str) -> None:
        self.state = check_entry(text)
        self.feedback.setText(self.state.message)
        # The state drives the style sheet (colour + icon in the window's theme).
        self.feedback.setProperty("state", self.state.state)
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)

    def _submit(self) -> None:
        if self.state.can_submit:
            self.submitted.emit(ScanEvent.of(self.edit.text(), "manual"))
            self.edit.clear()
