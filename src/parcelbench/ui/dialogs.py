"""The bench's dialogs: log in, refer to an agency, seize (other outcomes: `exam_dialogs`).

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
from parcelbench.services.outcomes import SEIZURE_CATEGORIES, UNITS, SeizureDraft
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


#: The letter that picks each agency (USPIS by P, Postal, as USDA has U).
AGENCY_KEYS: dict[str, str] = {
    "H": "HSI",
    "P": "USPIS",
    "F": "FDA",
    "U": "USDA",
    "W": "FWS",
    "C": "CPSC",
    "D": "DEA",
    "O": "OTHER",
}


class AgencyDialog(QDialog):
    """F2: the partner agency, picked by its letter (H HSI, P USPIS, F FDA, U USDA, …) or the
    list.

    Nothing is chosen until the officer chooses: Enter on the untouched form says so instead
    of referring the parcel to whichever agency happened to be first.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Refer to agency"))
        self.combo = QComboBox(self)
        self.combo.addItem(self.tr("— type its letter —"), None)
        for key, agency in AGENCY_KEYS.items():
            self.combo.addItem(f"{key}  {agency}", agency)
        self.combo.setCurrentIndex(0)
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
        layout.addRow(self.tr("Agency (its letter)"), self.combo)
        layout.addRow(self.tr("Reason"), self.reason)
        layout.addRow(self.message)
        layout.addRow(buttons)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        letter = event.text().upper()
        if letter in AGENCY_KEYS and not self.reason.hasFocus():
            self.combo.setCurrentIndex(self.combo.findData(AGENCY_KEYS[letter]))
            self.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if self.combo.currentData() is None:
            self.message.setText(self.tr("Choose the agency: type its letter."))
            return
        super().accept()

    @property
    def agency(self) -> str:
        return str(self.combo.currentData())


class SeizureDialog(QDialog):
    """F4: what was seized, line by line: how much, how heavy, tested how, bagged and sealed
    where. "Next line" keeps the line entered and clears the form for the next one; each line
    gets its own number (…-01, …-02)."""

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
        self.lab_sample = QLineEdit(self)
        self.lab_sample.setPlaceholderText(self.tr("lab sample number, when inconclusive"))
        self.seals = QLineEdit(self)
        self.seals.setPlaceholderText(self.tr("seal numbers, comma-separated"))
        self.lines: list[SeizureDraft] = []
        self.kept = plain_label("", self)
        self.kept.setObjectName("seizureLines")
        self.kept.setWordWrap(True)
        self.next_line = QPushButton(self.tr("Next line (Ctrl+N)"), self)
        self.next_line.setShortcut("Ctrl+N")
        self.next_line.clicked.connect(self.keep_line)
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
        form.addRow(self.tr("Lab sample"), self.lab_sample)
        form.addRow(self.tr("Evidence bags"), self.bags)
        form.addRow(self.tr("Seals"), self.seals)
        form.addRow(self.tr("Witness"), self.witness)
        form.addRow(self.photo_button, self.photo_count)
        form.addRow(self.next_line, self.kept)
        form.addRow(self.message)
        form.addRow(buttons)
        self.description.setFocus(Qt.FocusReason.OtherFocusReason)
        self._restore_draft()
        for name in self._DRAFT_FIELDS:
            getattr(self, name).textChanged.connect(self._save_draft)
        for spin in (self.quantity, self.weight):
            spin.valueChanged.connect(self._save_draft)
        for combo in (self.category, self.unit):
            combo.currentIndexChanged.connect(self._save_draft)

    # A half-entered form survives a crash or a power cut: it is saved as the officer types
    # (QSettings, synced at once) and offered again the next time this parcel's form opens.
    _DRAFT_FIELDS = (
        "description",
        "field_test",
        "result",
        "lab_sample",
        "bags",
        "seals",
        "witness",
    )

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

    def _blank(self) -> bool:
        return self.category.currentData() is None and not self.description.text().strip()

    def keep_line(self) -> None:
        """Ctrl+N: the line entered is kept and the form cleared for the next one."""
        missing = self.missing()
        if missing:
            self.message.setText(missing)
            return
        self.lines.append(self.draft())
        for edit in (self.description, self.field_test, self.result, self.lab_sample):
            edit.clear()
        for edit in (self.bags, self.seals):
            edit.clear()
        self.category.setCurrentIndex(0)
        self.unit.setCurrentIndex(0)
        self.quantity.setValue(1)
        self.weight.setValue(0)
        self.kept.setText(
            "; ".join(
                self.tr("line {n}: {what}").format(n=n, what=line.description)
                for n, line in enumerate(self.lines, start=1)
            )
        )
        self.message.setText("")
        self.category.setFocus()

    def accept(self) -> None:
        """Enter or OK: only a complete form closes; otherwise it says what is missing. With
        lines kept already, an untouched form closes on those lines."""
        if self.lines and self._blank():
            super().accept()
            return
        missing = self.missing()
        if missing:
            self.message.setText(missing)
            return
        super().accept()

    def drafts(self) -> tuple[SeizureDraft, ...]:
        """Every line: those kept with Ctrl+N, then the one on the form (unless left blank)."""
        current = () if self.lines and self._blank() else (self.draft(),)
        return (*self.lines, *current)

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
            lab_sample=self.lab_sample.text().strip() or None,
            seals=tuple(b.strip() for b in self.seals.text().split(",") if b.strip()),
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
