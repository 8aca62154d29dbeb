"""A parcel that shares a party with a seizure made at another facility shows the link on the
card — the facility and the seizure number — in the real window on a real bench file."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from parcelbench.store import Store
from parcelbench.store.seizure_links import add_remote
from parcelbench.ui.main_window import MainWindow
from tests.ui.conftest import CLEAR_ID, burst, log_in


def test_the_card_names_the_facility_and_seizure_of_a_link(
    qtbot: QtBot, window: MainWindow, db: Path
) -> None:
    with Store(db) as store, store.transaction() as conn:  # what HQ's feed brought
        add_remote(
            conn,
            seizure_number="2027-4701-010007-01",
            item_id="LX600000015CN",
            facility="JFK",
            entities=[{"role": "addressee", "kind": "email", "key": "sales@huaxin.example",
                       "block": None, "display": "sales@huaxin.example"}],
        )  # fmt: skip
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
        window.wedge.scanned.emit(burst(CLEAR_ID))
    text = window.card.flags.text()
    assert "matches seizure 2027-4701-010007-01 at JFK (parcel LX600000015CN)" in text
