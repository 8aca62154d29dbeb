"""Rule packs from the window: a supervisor loads one, officers may not, re-scoring off-thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from parcelbench.resources import resource
from parcelbench.risk.pack import default_pack
from parcelbench.services.risk import active_engine, last_rescore, rescore
from parcelbench.store import Store
from parcelbench.ui.main_window import MainWindow
from tests.accounts import account
from tests.packs import shipped_pack_with
from tests.ui.conftest import CLEAR_ID, burst, log_in

SHIPPED = default_pack().version  # the tests follow the shipped pack's version


@pytest.fixture
def packs(tmp_path: Path) -> tuple[Path, Path]:
    # every clear parcel gets a random exam
    strict = shipped_pack_with(tmp_path, random_exam_rate=1.0, name="strict.toml")
    default = resource("rules", "default.toml").read_text(encoding="utf-8")
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
        levels = rescore(store, active_engine(store), actor="T1").levels
    text = done.args[0]
    assert f"on {sum(levels.values())} stored parcels" in text
    assert f"{levels['clear']} clear" in text and f"{levels['detain']} detain" in text
    assert window.rules.job is None and window.rules.rescore_action.isEnabled()


def test_the_rescore_worklist_opens_with_the_parcels_not_cleared_and_opens_one(
    qtbot: QtBot, window: MainWindow, db: Path
) -> None:
    """What the re-score found is kept: the worklist opens when it is done, detain first,
    the run is audited by the officer who started it, and a row opens its parcel's card."""
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    with qtbot.waitSignal(window.rules.worklisted, timeout=60_000) as listed:
        window.rules.start_rescore()
    view = window.rules.worklist
    assert view.isVisible() and listed.args[0] == view.model.rowCount() > 0
    with Store(db) as store:
        run = last_rescore(store)
        assert run is not None and run.actor == window.officer.badge
        held = store.conn.execute(
            "SELECT count(*) FROM risk_scores WHERE rescore_id = ?", (run.id,)
        ).fetchone()[0]
        action = store.conn.execute(
            "SELECT actor, action FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    assert held == run.levels["detain"] + run.levels["examine"] == view.model.rowCount()
    assert tuple(action) == (window.officer.badge, "risk.rescored")
    levels = [view.model.index(r, 1).data() for r in range(view.model.rowCount())]
    assert levels == sorted(levels, key=lambda word: word != "DETAIN") and levels[0] == "DETAIN"
    assert str(run.levels["detain"]) in view.summary.text().replace(",", "")
    first = view.model.rows[0]
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000) as shown:
        view.table.activated.emit(view.model.index(0, 0))
    assert shown.args[0].assessment.item_id == first.item_id
    assert "DETAIN" in window.card.banner.text()
    assert not view.isVisible()  # out of the way of the card it opened
