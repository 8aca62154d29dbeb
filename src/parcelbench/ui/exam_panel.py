"""The exam strip under the parcel card: why the parcel is examined, how, what was found, and
the photos and image files that go with whatever outcome is recorded.

Why it is always on screen rather than in each outcome's form: every outcome (a release too)
says why the parcel was examined and how, and the officer fills it in while examining, before
choosing the outcome. The bench proposes the reason (targeting list, the rules' level, the
random draw); the officer changes it for a K9 alert, an X-ray anomaly, discretion or a census.
Ticking a method on a parcel the bench would release on sight makes it officer discretion.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from parcelbench.domain.exam import Exam, FieldTest, Instrument, Method, Selection, TestResult
from parcelbench.domain.words import words
from parcelbench.ui.labels import plain_label

_METHOD_WORDS = {
    Method.VISUAL: "Opened / visual",
    Method.XRAY: "X-ray",
    Method.K9: "K9",
    Method.FIELD_TEST: "Field test",
}
IMAGE_FILES = "Images (*.jpg *.jpeg *.png *.tif *.tiff)"


class ExamPanel(QWidget):
    """What the exam was; read by the window when an outcome key is pressed."""

    def __init__(
        self, parent: QWidget | None = None, *, grab_frame: Callable[[], Any | None] | None = None
    ) -> None:
        super().__init__(parent)
        self.grab_frame = grab_frame
        self.frames: list[Any] = []  # camera frames, JPEG-encoded on the worker thread
        self.files: list[Path] = []  # image files, read on the worker thread
        self.selection = QComboBox(self)
        self.selection.setObjectName("selection")
        for reason in Selection:
            self.selection.addItem(words(reason), str(reason))
        self.methods: dict[str, QCheckBox] = {}
        methods = QHBoxLayout()
        for method, label in _METHOD_WORDS.items():
            box = QCheckBox(self.tr(label), self)
            box.setObjectName(f"method_{method}")
            box.toggled.connect(self._method_ticked)
            self.methods[str(method)] = box
            methods.addWidget(box)
        self.instrument = QComboBox(self)
        self.instrument.addItem(self.tr("— instrument —"), None)
        for one in Instrument:
            self.instrument.addItem(words(one), str(one))
        self.result = QComboBox(self)
        self.result.addItem(self.tr("— result —"), None)
        for one in TestResult:
            self.result.addItem(words(one), str(one))
        self.substance = QLineEdit(self)
        self.substance.setPlaceholderText(self.tr("substance named"))
        self.lab_sample = QLineEdit(self)
        self.lab_sample.setPlaceholderText(self.tr("lab sample no. (if inconclusive)"))
        self.findings = QLineEdit(self)
        self.findings.setObjectName("findings")
        self.findings.setPlaceholderText(self.tr("what the exam found (one line)"))
        self.photo_button = QPushButton(self.tr("F6 Photo"), self)
        self.photo_button.setEnabled(grab_frame is not None)
        self.photo_button.clicked.connect(self.take_photo)
        self.file_button = QPushButton(self.tr("Attach image…"), self)
        self.file_button.setToolTip(self.tr("an X-ray still or another image file"))
        self.file_button.clicked.connect(self._choose_files)
        self.attached = plain_label("", self)
        self.attached.setObjectName("attached")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(plain_label(self.tr("Why examined"), self), 0, 0)
        grid.addWidget(self.selection, 0, 1)
        grid.addLayout(methods, 0, 2, 1, 3)
        grid.addWidget(plain_label(self.tr("Field test"), self), 1, 0)
        test = QHBoxLayout()
        for w in (self.instrument, self.result, self.substance, self.lab_sample):
            test.addWidget(w)
        grid.addLayout(test, 1, 1, 1, 4)
        grid.addWidget(plain_label(self.tr("Findings"), self), 2, 0)
        grid.addWidget(self.findings, 2, 1, 1, 2)
        grid.addWidget(self.photo_button, 2, 3)
        grid.addWidget(self.file_button, 2, 4)
        grid.addWidget(self.attached, 3, 1, 1, 4)
        for column in range(1, 5):
            grid.setColumnStretch(column, 1)
        self.reset(Selection.NOT_EXAMINED)

    def reset(self, proposed: Selection) -> None:
        """A new parcel: the bench's proposal, nothing ticked, nothing attached."""
        self.proposed = Selection(proposed)
        self.selection.setCurrentIndex(max(0, self.selection.findData(str(proposed))))
        for box in self.methods.values():
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        for combo in (self.instrument, self.result):
            combo.setCurrentIndex(0)
        for edit in (self.substance, self.lab_sample, self.findings):
            edit.clear()
        self.frames.clear()
        self.files.clear()
        self._show_attached()

    def _method_ticked(self, on: bool) -> None:
        if on and self.selection.currentData() == Selection.NOT_EXAMINED:
            index = self.selection.findData(str(Selection.OFFICER_DISCRETION))
            self.selection.setCurrentIndex(index)
        if self.instrument.currentData() is None and self.sender() is self.methods.get(
            str(Method.FIELD_TEST)
        ):
            self.instrument.setFocus()

    def take_photo(self) -> str:
        """F6: the camera's latest frame joins the record; the message to show, if any."""
        frame = self.grab_frame() if self.grab_frame else None
        if frame is None:
            return self.tr("The camera has no picture yet; try again in a moment.")
        self.frames.append(frame)
        self._show_attached()
        return ""

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach image files"), "", self.tr(IMAGE_FILES)
        )
        self.attach_files([Path(p) for p in paths])

    def attach_files(self, paths: list[Path]) -> None:
        self.files.extend(paths)
        self._show_attached()

    def _show_attached(self) -> None:
        parts = []
        if self.frames:
            parts.append(self.tr("{n} photo(s)").format(n=len(self.frames)))
        if self.files:
            parts.append(", ".join(p.name for p in self.files))
        self.attached.setText(self.tr("attached: ") + "; ".join(parts) if parts else "")

    @property
    def chosen_selection(self) -> str:
        return str(self.selection.currentData())

    @property
    def reason_given(self) -> bool:
        """The officer chose a reason of their own (a K9 alert, an X-ray anomaly…): the parcel
        was examined, so a release with no method ticked cannot be "released on sight"."""
        chosen = self.chosen_selection
        return chosen != str(self.proposed) and chosen != Selection.NOT_EXAMINED

    def ask_method(self) -> str:
        """Point the officer at the methods row; the sentence to show."""
        self.methods[str(Method.VISUAL)].setFocus()
        return self.tr(
            "Tick how the parcel was examined (opened, X-ray, K9, field test), or set "
            "“Why examined” back to “not examined” to release it on sight."
        )

    def exam(self) -> Exam:
        """The exam as entered (the service checks it and says what is missing)."""
        methods = tuple(m for m, box in self.methods.items() if box.isChecked())
        tests: tuple[FieldTest, ...] = ()
        if self.instrument.currentData() is not None or self.result.currentData() is not None:
            tests = (
                FieldTest(
                    str(self.instrument.currentData() or ""),
                    str(self.result.currentData() or ""),
                    self.substance.text().strip() or None,
                    self.lab_sample.text().strip() or None,
                ),
            )
        return Exam(
            methods=methods,
            field_tests=tests,
            findings=self.findings.text().strip() or None,
        )
