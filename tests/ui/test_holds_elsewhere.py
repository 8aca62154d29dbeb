"""The card says when another bench of the facility already located or examined a held parcel
(what HQ's feed told this bench), in the real window on a real bench file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from parcelbench.services.holds import import_holds
from parcelbench.store import Store
from parcelbench.store.holds import mark_elsewhere
from parcelbench.store.officers import get_officer
from parcelbench.ui.main_window import MainWindow
from tests.ui.conftest import CLEAR_ID, burst, log_in

OTHER = "LX123456785CN"


def _held(db: Path, tmp_path: Path) -> None:
    targets = tmp_path / "holds.csv"
    targets.write_text(
        "item_id,reason,source,targeted_on\n"
        f"{CLEAR_ID},sender linked to a seizure,HQ targeting,{date.today()}\n"
        f"{OTHER},drop address,HQ targeting,{date.today()}\n"
    )
    with Store(db) as store:
        chief = get_officer(store.conn, "S2001")
        assert chief is not None
        import_holds(store, targets, chief)
        mark_elsewhere(store, item_id=CLEAR_ID, status="examined", at="2026-12-03T10:22:00Z",
                       where="examined at jfk-1 by O1001: seized", actor="hq")  # fmt: skip
        mark_elsewhere(store, item_id=OTHER, status="located", at="2026-12-03T10:25:00Z",
                       where="located at jfk-1", actor="hq")  # fmt: skip


def test_the_card_says_where_a_held_parcel_was_handled(
    qtbot: QtBot, window: MainWindow, db: Path, tmp_path: Path
) -> None:
    _held(db, tmp_path)
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
        window.wedge.scanned.emit(burst(CLEAR_ID))
    text = window.card.flags.text()
    assert "already examined at jfk-1 by O1001: seized" in text
    assert "TARGETED FOR EXAMINATION" not in text  # examined: no longer to be examined here
    assert window.exam_panel.chosen_selection != "targeting_list"
    with qtbot.waitSignal(window.outcome_recorded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F1)  # the officer still records what they did
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
        window.wedge.scanned.emit(burst(OTHER))
    text = window.card.flags.text()
    assert "TARGETED FOR EXAMINATION" in text and "located at jfk-1" in text
    assert window.exam_panel.chosen_selection == "targeting_list"
