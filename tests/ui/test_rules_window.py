"""Rule packs from the window: a supervisor loads one, officers may not, re-scoring off-thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from parcelbench.resources import resource
from parcelbench.risk.pack import default_pack
from parcelbench.services.risk import active_engine, rescore
from parcelbench.store import Store
from parcelbench.ui.main_window import MainWindow
from tests.accounts import account
from tests.ui.conftest import CLEAR_ID, burst, log_in

SHIPPED = default_pack().version  # the tests follow the shipped pack's version


@pytest.fixture
def packs(tmp_path: Path) -> tuple[Path, Path]:
    default = resource("rules", "default.toml").read_text(encoding="utf-8")
    assert f'version = "{SHIPPED}"' in default and "random_exam_rate = 0.02" in default
    strict = tmp_path / "strict.toml"  # every clear parcel gets a random exam
    strict.write_text(
        default.replace(f'version = "{SHIPPED}"', 'version = "2099.1"', 1).replace(
            "random_exam_rate = 0.02", "random_exam_rate = 1.0", 1
        ),
        encoding="utf-8",
    )
    broken = tmp_path / "broken.toml"
    broken.write_text(default.replace("examine = 40", 'examine = "forty"', 1), encoding="utf-8")
    return strict, broken


def test_a_supervisor_loads_a_pack_and_the_next_scan_is_assessed_with_it(
    qtbot: QtBot, db: Path, packs: tuple[Path, Path]
) -> None:
    strict, broken = packs
    with Store(db) as store:
        account(store, "S2001", "Sam Okafor", "supervisor", "63920574")
    win = MainWindow(db, facility="Test IMF · Bench 1")
    qtbot.addWidget(win)
    win.show()
    failures: list[str] = []
    win.failed.connect(lambda message: failures.append(message))
    try:
        log_in(qtbot, win)  # an officer: refused by the service, not by a hidden menu
        qtbot.waitUntil(lambda: win.officer is not None, timeout=10_000)
        win.rules.load(strict)
        qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
        assert "Rule pack refused" in failures[-1] and "needs a supervisor" in failures[-1]

        win.lock()
        log_in(qtbot, win, pin="63920574", badge="S2001")
        qtbot.waitUntil(lambda: win.officer is not None, timeout=10_000)
        win.rules.load(broken)
        qtbot.waitUntil(lambda: len(failures) == 2, timeout=10_000)
        assert "broken.toml" in failures[-1] and "examine" in failures[-1]
        with qtbot.waitSignal(win.parcel_shown, timeout=10_000) as shown:
            win.wedge.scanned.emit(burst(CLEAR_ID))
        assert shown.args[0].assessment.rulepack == f"default@{SHIPPED}"
        assert "CLEAR" in win.card.banner.text() and "RANDOM" not in win.card.banner.text()
        with qtbot.waitSignal(win.outcome_recorded, timeout=10_000):
            qtbot.keyClick(win, Qt.Key.Key_F1)

        with qtbot.waitSignal(win.rules.loaded, timeout=10_000):
            win.rules.load(strict)
        qtbot.waitUntil(lambda: "default@2099.1" in win.status_label.text(), timeout=10_000)
        with qtbot.waitSignal(win.parcel_shown, timeout=10_000) as shown:
            win.wedge.scanned.emit(burst(CLEAR_ID))
        assert shown.args[0].assessment.rulepack.startswith("default@2099.1")
        assert "RANDOM EXAM" in win.card.banner.text()  # every clear parcel is, under it
    finally:
        win.shutdown()
    with Store(db) as store:
        actions = [r[0] for r in store.conn.execute("SELECT action FROM audit_log")]
    assert sum(a.startswith("rulepack") for a in actions) == 1, actions


def test_rescoring_runs_off_the_gui_thread_and_counts_what_the_service_counts(
    qtbot: QtBot, window: MainWindow, db: Path
) -> None:
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    with qtbot.waitSignal(window.rules.rescored, timeout=60_000) as done:
        window.rules.start_rescore()
        assert not window.rules.rescore_action.isEnabled()  # one at a time
        window.wedge.scanned.emit(burst(CLEAR_ID))  # the officer goes on scanning meanwhile
    with Store(db) as store:
        levels = rescore(store, active_engine(store))
    text = done.args[0]
    assert f"on {sum(levels.values())} stored parcels" in text
    assert f"{levels['clear']} clear" in text and f"{levels['detain']} detain" in text
    assert window.rules.job is None and window.rules.rescore_action.isEnabled()
