"""The exam in the real window: why examined, how, what was found, photos for any outcome, the
forms each outcome asks for — recorded through the real store, read back from the file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from parcelbench.services.risk import load_rule_pack
from parcelbench.store import Store
from parcelbench.store.officers import get_officer
from parcelbench.ui.dialogs import SeizureDialog
from parcelbench.ui.exam_dialogs import FindingsDialog, OverrideDialog, ReturnDialog
from parcelbench.ui.exam_panel import ExamPanel
from parcelbench.ui.main_window import MainWindow
from tests.conftest import TEST_DATA
from tests.packs import no_random_exams
from tests.ui.conftest import CLEAR_ID, burst, log_in, rows

DETAIN_ID = "LX123456785CN"  # the fentanyl parcel: detain level, a critical flag
_RESET = ExamPanel.reset


@pytest.fixture
def db(db: Path, tmp_path: Path) -> Path:
    """The bench of tests/ui/conftest.py without random exams: these tests start from what
    the bench proposes for a clear parcel, released on sight (tests/packs.py says why)."""
    with Store(db) as store:
        boss = get_officer(store.conn, "S2001")
        assert boss is not None
        load_rule_pack(store, boss, no_random_exams(tmp_path))
    return db


@pytest.fixture(autouse=True)
def untouched_exam(officer_at_work: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests fill the exam in themselves: the panel starts as the bench proposes."""
    monkeypatch.setattr(ExamPanel, "reset", _RESET)


def _show(qtbot: QtBot, window: MainWindow, item_id: str) -> None:
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
        window.wedge.scanned.emit(burst(item_id))


def test_a_detain_level_release_needs_findings_and_the_supervisor_who_allowed_it(
    qtbot: QtBot, window: MainWindow, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _show(qtbot, window, DETAIN_ID)
    asked: list[str] = []

    def say_nothing(self: FindingsDialog) -> int:
        asked.append("findings")
        return 0  # Esc: back to the parcel, nothing recorded

    monkeypatch.setattr(FindingsDialog, "exec", say_nothing)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert asked == ["findings"] and not window.flow.decided
    assert rows(db, "SELECT count(*) FROM inspections") == [(0,)]

    def found(self: FindingsDialog) -> int:
        self.text.setText("opened: two phone cases, no powder")
        return 1

    def supervisor(self: OverrideDialog) -> int:
        self.badge.setText("S2001")
        self.pin.setText("63920574")
        return 1

    monkeypatch.setattr(FindingsDialog, "exec", found)
    monkeypatch.setattr(OverrideDialog, "exec", supervisor)
    window.exam_panel.methods["visual"].setChecked(True)
    with qtbot.waitSignal(window.outcome_recorded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F1)
    [(selection, exam)] = rows(db, "SELECT selection, exam FROM inspections")
    said = json.loads(exam)
    assert selection == "risk_rule"
    assert said["findings"] == "opened: two phone cases, no powder"
    assert said["override_by"] == "S2001" and said["methods"] == ["visual"]


def test_a_wrong_supervisor_pin_records_nothing_and_says_why(
    qtbot: QtBot, window: MainWindow, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _show(qtbot, window, DETAIN_ID)
    window.exam_panel.findings.setText("opened: as declared")
    window.exam_panel.methods["visual"].setChecked(True)

    def wrong(self: OverrideDialog) -> int:
        self.badge.setText("S2001")
        self.pin.setText("11112222")
        return 1

    monkeypatch.setattr(OverrideDialog, "exec", wrong)
    with qtbot.waitSignal(window.failed, timeout=10_000) as failed:
        qtbot.keyClick(window, Qt.Key.Key_F1)
    assert "supervisor's badge or PIN was not accepted" in failed.args[0]
    assert rows(db, "SELECT count(*) FROM inspections") == [(0,)]
    assert not window.flow.decided  # the officer can try again


def test_f1_after_choosing_why_examined_asks_how_it_was_examined(
    qtbot: QtBot, window: MainWindow, db: Path
) -> None:
    _show(qtbot, window, CLEAR_ID)
    panel = window.exam_panel
    panel.selection.setCurrentIndex(panel.selection.findData("xray_anomaly"))
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert "Tick how the parcel was examined" in window.statusBar().currentMessage()
    assert not window.flow.decided
    assert rows(db, "SELECT count(*) FROM inspections") == [(0,)]
    panel.methods["xray"].setChecked(True)
    with qtbot.waitSignal(window.outcome_recorded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F1)
    [(selection, exam)] = rows(db, "SELECT selection, exam FROM inspections")
    assert selection == "xray_anomaly" and json.loads(exam)["methods"] == ["xray"]


def test_f1_with_the_reason_set_back_releases_on_sight(
    qtbot: QtBot, window: MainWindow, db: Path
) -> None:
    _show(qtbot, window, CLEAR_ID)
    panel = window.exam_panel
    panel.selection.setCurrentIndex(panel.selection.findData("k9_alert"))
    panel.selection.setCurrentIndex(panel.selection.findData("not_examined"))
    with qtbot.waitSignal(window.outcome_recorded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F1)
    assert rows(db, "SELECT outcome, selection FROM inspections") == [("released", "not_examined")]


def test_a_k9_exam_returned_for_no_aed_keeps_its_photo_and_its_xray_still(
    qtbot: QtBot, window: MainWindow, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _show(qtbot, window, CLEAR_ID)
    panel = window.exam_panel
    assert panel.chosen_selection == "not_examined"  # clear: the bench would release on sight
    panel.selection.setCurrentIndex(panel.selection.findData("k9_alert"))
    panel.methods["k9"].setChecked(True)
    panel.methods["xray"].setChecked(True)
    window.camera.spec = "bench camera"
    window.camera._last_frame = np.full((720, 1280, 3), 120, np.uint8)
    panel.grab_frame = window.camera.latest_frame
    qtbot.keyClick(window, Qt.Key.Key_F6)
    still = TEST_DATA / "image.png"
    panel.attach_files([still])
    assert "1 photo(s)" in panel.attached.text() and "image.png" in panel.attached.text()

    def no_aed(self: ReturnDialog) -> int:
        self.reason.setCurrentIndex(self.reason.findData("no_aed"))
        return 1

    monkeypatch.setattr(ReturnDialog, "exec", no_aed)
    with qtbot.waitSignal(window.outcome_recorded, timeout=10_000) as done:
        qtbot.keyClick(window, Qt.Key.Key_F5)
    uuid = done.args[0].inspection.uuid
    # nothing of this exam stays on the panel for the next parcel
    assert not any(box.isChecked() for box in panel.methods.values())
    assert panel.attached.text() == "" and not panel.frames and not panel.files
    [(outcome, selection, exam)] = rows(db, "SELECT outcome, selection, exam FROM inspections")
    assert (outcome, selection) == ("returned_to_sender", "k9_alert")
    assert json.loads(exam)["return_reason"] == "no_aed"
    photos = rows(db, "SELECT sha256, caption, inspection_uuid FROM photos")
    assert {p[2] for p in photos} == {uuid}
    by_caption = {caption: sha for sha, caption, _ in photos}
    assert set(by_caption) == {"evidence photo", "imported: image.png"}
    png = still.read_bytes()
    assert by_caption["imported: image.png"] == hashlib.sha256(png).hexdigest()
    assert next(db.parent.rglob(f"{hashlib.sha256(png).hexdigest()}.png")).read_bytes() == png


def test_a_text_file_attached_as_an_image_records_nothing(
    qtbot: QtBot, window: MainWindow, db: Path, tmp_path: Path
) -> None:
    _show(qtbot, window, CLEAR_ID)
    fake = tmp_path / "xray.png"
    fake.write_text("not an image")
    window.exam_panel.attach_files([fake])
    with qtbot.waitSignal(window.failed, timeout=10_000) as failed:
        qtbot.keyClick(window, Qt.Key.Key_F1)
    assert "xray.png is not a JPEG, PNG or TIFF image" in failed.args[0]
    assert rows(db, "SELECT count(*) FROM inspections") == [(0,)]


def test_two_seizure_lines_get_their_own_numbers(
    qtbot: QtBot, window: MainWindow, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _show(qtbot, window, DETAIN_ID)

    def two_lines(self: SeizureDialog) -> int:
        for category, what, grams, result, sample in (
            ("narcotics", "white powder in phone case", 48.35, "inconclusive", "LS-2026-77"),
            ("pill_press", "punch and die set", 910.0, "", ""),
        ):
            self.category.setCurrentIndex(self.category.findData(category))
            self.description.setText(what)
            self.unit.setCurrentIndex(self.unit.findData("g" if grams < 100 else "pieces"))
            self.weight.setValue(grams)
            if result:
                self.field_test.setText("raman")
                self.result.setText(result)
                self.lab_sample.setText(sample)
            self.seals.setText(f"SEAL-{int(grams)}")
            self.keep_line()
        return 1 if self.drafts() and self.message.text() == "" else 0

    monkeypatch.setattr(SeizureDialog, "exec", two_lines)
    window.exam_panel.methods["visual"].setChecked(True)
    with qtbot.waitSignal(window.outcome_recorded, timeout=10_000) as done:
        qtbot.keyClick(window, Qt.Key.Key_F4)
    numbers = [s.seizure_number for s in done.args[0].seizures]
    assert [n[-3:] for n in numbers] == ["-01", "-02"]
    assert rows(db, "SELECT category, lab_sample, seals FROM seizures ORDER BY seizure_number") == [
        ("narcotics", "LS-2026-77", '["SEAL-48"]'),
        ("pill_press", None, '["SEAL-910"]'),
    ]
