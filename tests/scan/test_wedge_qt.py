"""The app-wide filter in a real Qt application (offscreen): scans land as scans, typing as
typing, whichever widget has focus."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from parcelbench.ui.manual_entry import ManualEntry
from parcelbench.ui.wedge import WedgeFilter

RR = "RR473124829GB"


@pytest.fixture
def window(qtbot):
    root = QWidget()
    layout = QVBoxLayout(root)
    line, notes = QLineEdit(), QPlainTextEdit()
    layout.addWidget(line)
    layout.addWidget(notes)
    qtbot.addWidget(root)
    root.show()
    qtbot.waitExposed(root)
    return root, line, notes


@pytest.fixture
def wedge(qapp):
    f = WedgeFilter().install(qapp)
    yield f
    f.uninstall(qapp)


def scan(qtbot, widget, text: str) -> None:
    """What a scanner does: the characters back to back, then Enter."""
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_a_burst_into_a_focused_line_edit_is_exactly_one_scan(qtbot, window, wedge) -> None:
    _, line, _ = window
    line.setFocus()
    got: list[str] = []
    wedge.scanned.connect(lambda event: got.append(event.raw))
    scan(qtbot, line, RR)
    qtbot.wait(100)
    assert got == [RR]
    assert line.text() == "", "the scan's keys do not land in the field"


def test_a_burst_works_whichever_widget_has_focus(qtbot, window, wedge) -> None:
    _, _, notes = window
    notes.setFocus()
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as blocker:
        scan(qtbot, notes, "EE471108151FR")
    (event,) = blocker.args
    assert (event.raw, event.item_id, event.source) == ("EE471108151FR", "EE471108151FR", "wedge")
    assert notes.toPlainText() == ""


def test_normal_typing_is_no_scan_and_reaches_the_field(qtbot, window, wedge) -> None:
    _, line, _ = window
    line.setFocus()
    got: list[str] = []
    wedge.scanned.connect(lambda event: got.append(event.raw))
    qtbot.keyClicks(line, "fragile!", delay=80)
    qtbot.keyClick(line, Qt.Key.Key_Return, delay=80)
    qtbot.waitUntil(lambda: line.text() == "fragile!", timeout=2000)
    assert got == []


def test_gs_sent_as_ctrl_bracket_is_kept(qtbot, window, wedge) -> None:
    _, line, _ = window
    line.setFocus()
    got: list[str] = []
    wedge.scanned.connect(lambda event: got.append(event.raw))
    qtbot.keyClicks(line, "420100233424")
    qtbot.keyClick(line, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    scan(qtbot, line, "9200190132607600833457")
    qtbot.wait(100)
    assert got == ["420100233424\x1d9200190132607600833457"]


def test_manual_entry_rejects_a_wrong_check_digit(qtbot) -> None:
    entry = ManualEntry()
    qtbot.addWidget(entry)
    submitted: list[str] = []
    entry.submitted.connect(lambda event: submitted.append(event.raw))
    qtbot.keyClicks(entry.edit, "RB12345678")
    assert entry.state.state == "incomplete"
    qtbot.keyClicks(entry.edit, "6US")
    assert entry.state.state == "invalid"
    assert entry.feedback.text() == "Check digit is 6, expected 5"
    qtbot.keyClick(entry.edit, Qt.Key.Key_Return)
    assert submitted == []
    entry.edit.setText("RB123456785GB")
    assert entry.feedback.text() == "RB 1234 5678 5 GB · valid S10"
    qtbot.keyClick(entry.edit, Qt.Key.Key_Return)
    assert submitted == ["RB123456785GB"]
