"""Nothing an officer reads is cut off: ids, statuses and dates whole at 1366×768, large text too.

Measured with the widgets' own font metrics (after the style sheet applied): a non-wrapping
label, a line edit's text or placeholder, a combo box's choice, a button's words and every
table cell must fit the width the layout gave them; a wrapping label or cell must fit its
height; a table must show all its columns. The window is laid out as on a 1366×768 screen
whose panel and title bar leave 1366×690, on the demo bench with its holds and a few
outcomes in the recent list, a held parcel with long flags on the card.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from parcelbench.domain.records import Outcome
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.services.demo import DEMO_ACCOUNTS, ensure_demo
from parcelbench.ui.dialogs import SeizureDialog
from parcelbench.ui.exam_dialogs import ReturnDialog
from parcelbench.ui.main_window import MainWindow

SCREEN = (1366, 690)  # a 1366×768 screen less its panel and the window's title bar
PAD = 6  # a cell's text margins, both sides together (the style's focus frame margin + 1)


def _visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0


def _label(label: QLabel) -> list[str]:
    text = label.text()
    pixmap = label.pixmap()
    if not text or not _visible(label) or (pixmap is not None and not pixmap.isNull()):
        return []
    rect = label.contentsRect()
    metrics = label.fontMetrics()
    if label.wordWrap():
        need = label.heightForWidth(rect.width())
        return [f"label {text[:60]!r}: {rect.height()} px high, needs {need}"] * (
            need > rect.height() + 1
        )
    if label.textFormat() == Qt.TextFormat.RichText or "<" in text:
        return []
    need = metrics.horizontalAdvance(text)
    return [f"label {text!r}: {rect.width()} px wide, needs {need}"] * (need > rect.width())


def _field(edit: QLineEdit) -> list[str]:
    if not _visible(edit):
        return []
    text = edit.text() or edit.placeholderText()
    need = edit.fontMetrics().horizontalAdvance(text) + PAD + 4
    return [f"field {text!r}: {edit.width()} px wide, needs {need}"] * (need > edit.width())


def _combo(combo: QComboBox) -> list[str]:
    if not _visible(combo):
        return []
    text = combo.currentText()
    need = combo.fontMetrics().horizontalAdvance(text) + PAD + 24  # the drop-down arrow
    return [f"choice {text!r}: {combo.width()} px wide, needs {need}"] * (need > combo.width())


def _button(button: QAbstractButton) -> list[str]:
    if not _visible(button) or not button.text():
        return []
    text = button.text().replace("&", "")
    need = button.fontMetrics().horizontalAdvance(text) + PAD
    return [f"button {text!r}: {button.width()} px wide, needs {need}"] * (need > button.width())


def _table(table: QTableView) -> list[str]:
    if not _visible(table):
        return []
    found = []
    header = table.horizontalHeader()
    if header.length() > table.viewport().width() + 1:
        found.append(
            f"table {table.objectName()}: columns need {header.length()} px, "
            f"{table.viewport().width()} shown"
        )
    model, metrics = table.model(), table.fontMetrics()
    for col in range(model.columnCount()):
        if header.sectionSizeHint(col) > header.sectionSize(col):
            title = model.headerData(col, Qt.Orientation.Horizontal)
            found.append(f"table {table.objectName()} header {title!r} cut")
        for row in range(model.rowCount()):
            text = str(model.index(row, col).data() or "")
            width = header.sectionSize(col) - PAD
            if metrics.horizontalAdvance(text) <= width:
                continue
            if table.wordWrap() and " " in text:
                height = metrics.boundingRect(
                    QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text
                ).height()
                if all(metrics.horizontalAdvance(w) <= width for w in text.split()) and (
                    height <= table.rowHeight(row)
                ):
                    continue
            found.append(f"table {table.objectName()} cell {text!r} cut ({width} px)")
    return found


def cut_off(root: QWidget) -> list[str]:
    """Every text under `root` that its widget cannot show whole."""
    root.ensurePolished()
    found: list[str] = []
    for label in root.findChildren(QLabel):
        found += _label(label)
    for edit in root.findChildren(QLineEdit):
        if not isinstance(edit.parent(), QComboBox):
            found += _field(edit)
    for combo in root.findChildren(QComboBox):
        found += _combo(combo)
    for button in root.findChildren(QAbstractButton):
        found += _button(button)
    for table in root.findChildren(QTableView):
        found += _table(table)
    return found


@pytest.fixture
def bench(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    def prohibited(self: ReturnDialog) -> int:
        self.reason.setCurrentIndex(self.reason.findData("prohibited"))
        return 1

    monkeypatch.setattr(ReturnDialog, "exec", prohibited)
    db = ensure_demo(tmp_path / "demo.sqlite").db
    win = MainWindow(db, facility="Demo IMF · Bench 1")
    qtbot.addWidget(win)
    win.resize(*SCREEN)
    win.show()
    badge, _, _, pin = DEMO_ACCOUNTS[0]
    win.log_in(badge, pin)
    qtbot.waitUntil(lambda: win.officer is not None, timeout=10_000)
    for item_id, outcome in (
        ("UA980512836CN", Outcome.RELEASED),
        ("CP827123994CN", Outcome.RETURNED_TO_SENDER),
    ):
        with qtbot.waitSignal(win.parcel_shown, timeout=10_000):
            win.scan(ScanEvent.of(item_id, "manual"))
        if outcome is not Outcome.RELEASED:
            win.exam_panel.methods["xray"].setChecked(True)
        with qtbot.waitSignal(win.outcome_recorded, timeout=10_000):
            win.decide(outcome)
    with qtbot.waitSignal(win.parcel_shown, timeout=10_000):
        win.scan(ScanEvent.of("HA336870917CN", "manual"))  # on the card
    win.scan(ScanEvent.of("LX995242640CN", "manual"))  # and one waiting
    qtbot.waitUntil(lambda: win.waiting.isVisible(), timeout=10_000)
    yield win
    win.shutdown()


def _settle(qtbot: QtBot) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(30)


@pytest.mark.parametrize("large", [False, True], ids=["normal text", "large text"])
def test_nothing_in_the_main_views_is_cut_off(qtbot: QtBot, bench: MainWindow, large: bool) -> None:
    bench.large_text.setChecked(large)
    bench.resize(*SCREEN)
    _settle(qtbot)
    assert "HA 3368 7091 7 CN" in bench.card.id_label.text()
    assert bench.recent.rowCount() == 2
    found = cut_off(bench)
    assert found == [], "\n".join(found)

    bench.open_holds()
    holds = bench.holds_view
    qtbot.waitUntil(lambda: holds.model.rowCount() == 4, timeout=10_000)
    _settle(qtbot)
    assert holds.width() <= SCREEN[0] and holds.height() <= SCREEN[1]
    assert cut_off(holds) == []
    holds.close()

    view = bench.view
    assert view is not None and view.item is not None
    form = SeizureDialog(view.item.contents[0].description, bench)
    qtbot.addWidget(form)
    form.bags.setText("EB-000123, SEAL-77")
    form.show()
    _settle(qtbot)
    assert form.width() <= SCREEN[0] and form.height() <= SCREEN[1]
    assert cut_off(form) == []
    form.close()


def test_the_check_finds_a_cut_id(qtbot: QtBot) -> None:
    """The measure itself: a label too narrow for an id is reported."""
    label = QLabel("HA 3368 7091 7 CN")
    qtbot.addWidget(label)
    label.setFixedWidth(40)
    label.show()
    assert cut_off(label.parentWidget() or _wrap(qtbot, label)) != []


def _wrap(qtbot: QtBot, widget: QWidget) -> QWidget:
    holder = QWidget()
    qtbot.addWidget(holder)
    widget.setParent(holder)
    holder.show()
    widget.show()
    return holder


def test_no_list_in_the_window_can_be_typed_into(qtbot: QtBot, bench: MainWindow) -> None:
    """Lists are for finding and opening; stray keys never change a cell on screen."""
    from parcelbench.aed.importer import ImportReport
    from parcelbench.ui.aed_import import RejectionReport

    report = RejectionReport(ImportReport([]), bench)
    qtbot.addWidget(report)

    def in_combo(view: QWidget) -> bool:
        parent = view.parentWidget()
        while parent is not None:
            if isinstance(parent, QComboBox):
                return True
            parent = parent.parentWidget()
        return False

    views = [
        v
        for v in bench.findChildren(QAbstractItemView) + report.findChildren(QAbstractItemView)
        if not isinstance(v, QHeaderView) and not in_combo(v)  # a combo box's own pop-up list
    ]
    names = {v.objectName() or type(v.parent()).__name__ for v in views}
    assert {"recent", "holds", "contents", "AedSearch", "RejectionReport"} <= names
    editable = [
        v.objectName() or type(v.parent()).__name__
        for v in views
        if v.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
    ]
    assert editable == []
