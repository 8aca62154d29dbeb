"""Window tests: a small bench database, the window on it, and preferences (QSettings) kept in
a temporary folder, never the user's."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from pytestqt.qtbot import QtBot

from parcelbench.aed.importer import import_files
from parcelbench.aed.writers import write_jsonl
from parcelbench.domain.exam import Selection
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.store import Store
from parcelbench.ui.exam_dialogs import FindingsDialog, OverrideDialog, ReturnDialog
from parcelbench.ui.exam_panel import ExamPanel
from parcelbench.ui.main_window import MainWindow
from tests.accounts import account
from tests.conftest import make_item


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> None:
    QCoreApplication.setOrganizationName("ParcelBench-tests")
    QCoreApplication.setApplicationName("ParcelBench")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(tmp_path / "settings"))


CLEAR_ID = "RR473124829GB"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "bench.sqlite"
    fentanyl = make_item(item_id="LX123456785CN")
    fentanyl["contents"] = [
        {
            "description": "fentanyl citrate powder",
            "quantity": 1,
            "net_weight_kg": 0.05,
            "value": "30.00",
            "currency": "USD",
            "hs_code": "2933.33",
            "origin_country": "CN",
        }
    ]
    aed = tmp_path / "aed.jsonl"
    with aed.open("w", encoding="utf-8") as out:
        write_jsonl([make_item(item_id=CLEAR_ID), fentanyl], out)
    with Store(path) as store:
        assert not import_files(store, [aed]).refused
        account(store, "O1001", "Kim Nguyen", "officer", "40718253")
        account(store, "S2001", "Sam Okafor", "supervisor", "63920574")
    return path


@pytest.fixture(autouse=True)
def officer_at_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests about something else examine the parcel as an officer would: opened and looked
    at, a return for prohibited goods, findings said at the detain level, the supervisor
    S2001 allowing a release over a critical flag. Tests of the exam itself undo this."""
    reset = ExamPanel.reset

    def opened(self: ExamPanel, proposed: Selection) -> None:
        reset(self, proposed)
        self.methods["visual"].setChecked(True)

    def prohibited(self: ReturnDialog) -> int:
        self.reason.setCurrentIndex(self.reason.findData("prohibited"))
        return 1

    def found(self: FindingsDialog) -> int:
        self.text.setText("opened: as declared")
        return 1

    def supervisor(self: OverrideDialog) -> int:
        self.badge.setText("S2001")
        self.pin.setText("63920574")
        return 1

    monkeypatch.setattr(ExamPanel, "reset", opened)
    monkeypatch.setattr(ReturnDialog, "exec", prohibited)
    monkeypatch.setattr(FindingsDialog, "exec", found)
    monkeypatch.setattr(OverrideDialog, "exec", supervisor)


@pytest.fixture
def window(qtbot: QtBot, db: Path) -> Iterator[MainWindow]:
    win = MainWindow(db, facility="Test IMF · Bench 1")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.shutdown()
    assert not win.tasks.writer.thread.isRunning()  # no thread left running
    assert not win.tasks.reader.thread.isRunning() and not win.tasks.jobs
    assert not [t for t in threading.enumerate() if t.name.startswith("parcelbench-")]


HUMAN_MS = 70  # a person's keystrokes; faster bursts are taken for a handheld scanner


def log_in(qtbot: QtBot, win: MainWindow, pin: str = "40718253", badge: str = "O1001") -> None:
    qtbot.keyClicks(win.login.badge, badge, delay=HUMAN_MS)
    qtbot.keyClicks(win.login.pin, pin, delay=HUMAN_MS)
    qtbot.keyClick(win.login.pin, Qt.Key.Key_Return, delay=HUMAN_MS)


def burst(raw: str) -> ScanEvent:
    """What the wedge filter emits for a handheld scanner's burst."""
    return ScanEvent.of(raw, "wedge", "keyboard")


def sighting(raw: str) -> ScanEvent:
    """What the camera panel emits for a parcel put under the camera."""
    return ScanEvent.of(raw, "camera:0", "code128")


def rows(db: Path, sql: str) -> list[tuple]:
    with Store(db) as store:
        return store.conn.execute(sql).fetchall()
