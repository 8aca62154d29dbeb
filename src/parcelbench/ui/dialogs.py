"""The bench's dialogs: log in, refer to an agency, detain with a reason, seize.

Modal only where the officer decides something (BENCH-UI.md): Enter confirms, Esc cancels back
to the parcel. Every choice list comes from the service layer, so the window adds no rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from parcelbench.domain.settings import SEIZURE_DRAFTS
from parcelbench.domain.words import words
from parcelbench.services.outcomes import AGENCIES, SEIZURE_CATEGORIES, UNITS, SeizureDraft
from parcelbench.ui.labels import plain_label


def _choices(combo: QComboBox, prompt: str, keys: tuple[str, ...]) -> None:
    """A list that starts on "choose…": nothing the officer must decide is pre-selected."""
    combo.addItem(prompt, None)
    for key in keys:
        combo.addItem(words(key), key)
    combo.setCurrentIndex(0)


class LoginPanel(QWidget):
    """Badge + PIN; `submitted(badge, pin)` is checked by the caller on the worker thread.

    A panel in the main window rather than a dialog: the bench is shared, so locking shows
    this same panel over the work, and no half-entered form is lost behind it.
    """

    submitted = Signal(str, str)

    def __init__(self, demo_accounts: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.badge = QLineEdit(self)
        self.badge.setObjectName("badge")
        self.badge.setPlaceholderText(self.tr("badge, e.g. O1001"))
        self.pin = QLineEdit(self)
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.message = plain_label("", self)
        self.message.setObjectName("loginMessage")
        self.message.setStyleSheet("color: #c62828;")
        self.button = QPushButton(self.tr("Log in"), self)
        title = plain_label(self.tr("ParcelBench"), self)
        title.setObjectName("parcelId")
        form = QFormLayout()
        form.addRow(self.tr("Badge"), self.badge)
        form.addRow(self.tr("PIN"), self.pin)
        self.message.setWordWrap(True)
        box = QVBoxLayout()
        box.addStretch(1)  # the form sits in the middle of the screen, its parts together
        box.addWidget(title)
        box.addLayout(form)
        box.addWidget(self.message)
        box.addWidget(self.button)
        if demo_accounts:
            hint = plain_label(demo_accounts, self)
            hint.setObjectName("demoAccounts")
            box.addWidget(hint)
        box.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(box)
        outer.addStretch(1)
        self.badge.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)

    def _submit(self) -> None:
        if not self.badge.text().strip() or not self.pin.text():
            self.message.setText(self.tr("Enter your badge and PIN."))
            return
        self.button.setEnabled(False)
        self.message.setText("")
        self.submitted.emit(self.badge.text(), self.pin.text())

    def fail(self, message: str) -> None:
        self.message.setText(message)
        self.pin.clear()
        self.pin.setFocus()
        self.button.setEnabled(True)

    def reset(self) -> None:
        self.pin.clear()
        self.message.setText("")
        self.button.setEnabled(True)
        self.badge.setFocus()
        self.badge.selectAll()  # the next officer types over the last badge


class AgencyDialog(QDialog):
    """F2: the partner agency, picked by its first letter (F FDA, U USDA, …) or the list.

    Nothing is chosen until the officer chooses: Enter on the untouched form says so instead
    of referring the parcel to whichever agency happened to be first.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Refer to agency"))
        self.combo = QComboBox(self)
        _choices(self.combo, self.tr("— type its first letter —"), AGENCIES)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("why (optional)"))
        self.message = plain_label("", self)
        self.message.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Agency (first letter)"), self.combo)
        layout.addRow(self.tr("Reason"), self.reason)
        layout.addRow(self.message)
        layout.addRow(buttons)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        letter = event.text().upper()
        if letter and not self.reason.hasFocus():
            for i, agency in enumerate(AGENCIES):
                if agency.startswith(letter):
                    self.combo.setCurrentIndex(i + 1)  # after the "choose" prompt
                    self.accept()
                    return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if self.combo.currentData() is None:
            self.message.setText(self.tr("Choose the agency: type its first letter."))
            return
        super().accept()

    @property
    def agency(self) -> str:
        return str(self.combo.currentData())


class ReasonDialog(QDialog):
    """F3: a detention needs its precise reason (it goes on the detention notice)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(
            self.tr("the precise reason, e.g. FDA-regulated drug without entry")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Reason"), self.text)
        layout.addRow(buttons)


class SeizureDialog(QDialog):
    """F4: what was seized, how much, how heavy, tested how, bagged where."""

    def __init__(
        self,
        description: str = "",
        parent: QWidget | None = None,
        *,
        grab_frame: Callable[[], Any | None] | None = None,
        draft_key: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Seize"))
        self.item_id = draft_key  # the parcel this form is for
        self.draft_key = SEIZURE_DRAFTS.child(draft_key) if draft_key else None
        self.grab_frame = grab_frame
        self.photos: list[Any] = []  # camera frames, encoded and stored on the worker thread
        self.photo_button = QPushButton(self.tr("F6 Evidence photo"), self)
        self.photo_button.setEnabled(grab_frame is not None)
        if grab_frame is None:
            self.photo_button.setToolTip(self.tr("No camera on this bench"))
        self.photo_button.clicked.connect(self.take_photo)
        self.photo_count = plain_label(self.tr("no photos"), self)
        self.category = QComboBox(self)
        self.category.setObjectName("seizureCategory")
        _choices(self.category, self.tr("— choose what was seized —"), SEIZURE_CATEGORIES)
        self.description = QLineEdit(description, self)
        self.quantity = QDoubleSpinBox(self)
        self.quantity.setRange(0, 1_000_000)
        self.quantity.setDecimals(2)
        self.quantity.setValue(1)
        self.unit = QComboBox(self)
        _choices(self.unit, self.tr("— unit —"), UNITS)
        self.weight = QDoubleSpinBox(self)
        self.weight.setRange(0, 1_000_000)
        self.weight.setDecimals(2)
        self.weight.setSuffix(" g")
        self.field_test = QLineEdit(self)
        self.field_test.setPlaceholderText(self.tr("kit, e.g. TruNarc"))
        self.result = QLineEdit(self)
        self.result.setPlaceholderText(self.tr("result, e.g. positive fentanyl"))
        self.bags = QLineEdit(self)
        self.bags.setPlaceholderText(self.tr("evidence bag / seal numbers, comma-separated"))
        self.witness = QLineEdit(self)
        self.witness.setPlaceholderText(self.tr("name of the witnessing officer, if any"))
        self.message = plain_label("", self)
        self.message.setObjectName("seizureMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # wide enough for a full description and every placeholder at 1366×768, large text too
        self.setMinimumWidth(max(640, self.fontMetrics().averageCharWidth() * 72))
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Quantity"), self.quantity)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Weight"), self.weight)
        form.addRow(self.tr("Field test"), self.field_test)
        form.addRow(self.tr("Result"), self.result)
        form.addRow(self.tr("Evidence bags"), self.bags)
        form.addRow(self.tr("Witness"), self.witness)
        form.addRow(self.photo_button, self.photo_count)
        form.addRow(self.message)
        form.addRow(buttons)
        self.description.setFocus(Qt.FocusReason.OtherFocusReason)
        self._restore_draft()
        for edit in (self.description, self.field_test, self.result, self.bags, self.witness):
            edit.textChanged.connect(self._save_draft)
        for spin in (self.quantity, self.weight):
            spin.valueChanged.connect(self._save_draft)
        for combo in (self.category, self.unit):
            combo.currentIndexChanged.connect(self._save_draft)

    # A half-entered form survives a crash or a power cut: it is saved as the officer types
    # (QSettings, synced at once) and offered again the next time this parcel's form opens.
    _DRAFT_FIELDS = ("description", "field_test", "result", "bags", "witness")

    def _save_draft(self) -> None:
        if self.draft_key is None:
            return
        settings = QSettings()
        values: dict[str, Any] = {f: getattr(self, f).text() for f in self._DRAFT_FIELDS}
        values |= {
            "category": self.category.currentData(),
            "unit": self.unit.currentData(),
            "quantity": self.quantity.value(),
            "weight": self.weight.value(),
        }
        settings.setValue(self.draft_key, json.dumps(values))
        settings.sync()

    def _restore_draft(self) -> None:
        if self.draft_key is None:
            return
        saved = QSettings().value(self.draft_key)
        if not saved:
            return
        values = json.loads(str(saved))
        for f in self._DRAFT_FIELDS:
            getattr(self, f).setText(values.get(f, ""))
        for combo, key in ((self.category, "category"), (self.unit, "unit")):
            combo.setCurrentIndex(max(0, combo.findData(values.get(key))))
        self.quantity.setValue(float(values.get("quantity", 1)))
        self.weight.setValue(float(values.get("weight", 0)))
        self.message.setText(self.tr("Restored the unfinished form for this parcel."))

    def discard_draft(self) -> None:
        """The seizure was recorded (or the officer threw the form away)."""
        if self.draft_key is not None:
            settings = QSettings()
            settings.remove(self.draft_key)
            settings.sync()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F6:  # whichever field has focus
            self.take_photo()
            return
        super().keyPressEvent(event)

    def take_photo(self) -> None:
        frame = self.grab_frame() if self.grab_frame else None
        if frame is None:
            self.message.setText(self.tr("The camera has no picture yet; try again in a moment."))
            return
        self.photos.append(frame)
        self.photo_count.setText(self.tr("{n} photo(s) to attach").format(n=len(self.photos)))

    def missing(self) -> str:
        """What the officer still has to enter (empty when the form is complete)."""
        if self.category.currentData() is None:
            return self.tr("Choose what was seized (category).")
        if not self.description.text().strip():
            return self.tr("Describe what was seized.")
        if self.quantity.value() <= 0:
            return self.tr("Enter the quantity seized.")
        if self.unit.currentData() is None:
            return self.tr("Choose the unit of the quantity.")
        if self.weight.value() <= 0:
            return self.tr("Enter the weight in grams (to 0.01 g).")
        return ""

    def accept(self) -> None:
        """Enter or OK: only a complete form closes; otherwise it says what is missing."""
        missing = self.missing()
        if missing:
            self.message.setText(missing)
            return
        super().accept()

    def draft(self) -> SeizureDraft:
        return SeizureDraft(
            category=str(self.category.currentData()),
            description=self.description.text().strip(),
            quantity=self.quantity.value(),
            unit=str(self.unit.currentData()),
            weight_g=round(self.weight.value(), 2),
            field_test=self.field_test.text().strip() or None,
            field_test_result=self.result.text().strip() or None,
            evidence_bags=tuple(b.strip() for b in self.bags.text().split(",") if b.strip()),
            witness=self.witness.text().strip() or None,
        )


class OperationDialog(QDialog):
    """A supervisor starts a special operation: its name, dates and exam rates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start special operation"))
        today = QDate.currentDate()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. Blitz 11/26"))
        self.starts = QDateEdit(today, self)
        self.ends = QDateEdit(today.addDays(2), self)
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.targeted = QDoubleSpinBox(self)
        self.random = QDoubleSpinBox(self)
        for spin, value in ((self.targeted, 100.0), (self.random, 5.0)):
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            spin.setValue(value)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("From"), self.starts)
        form.addRow(self.tr("To"), self.ends)
        form.addRow(self.tr("Targeted exams"), self.targeted)
        form.addRow(self.tr("Random exams"), self.random)
        form.addRow(buttons)

    def request(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "starts_on": self.starts.date().toString("yyyy-MM-dd"),
            "ends_on": self.ends.date().toString("yyyy-MM-dd"),
            "targeted_rate": self.targeted.value() / 100,
            "random_rate": self.random.value() / 100,
        }
