"""HQ sync seen from the window: a real HQ server on loopback, the bench's status bar."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from parcelbench.domain.outbox import SyncState
from parcelbench.domain.settings import HQ_TOKEN, HQ_URL
from parcelbench.store import Store, settings
from parcelbench.store.schema import SCHEMA_VERSION
from parcelbench.ui.main_window import MainWindow
from parcelbench.ui.sync_status import sync_words
from tests.ui.conftest import CLEAR_ID, burst, log_in

NOW = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("state", "words"),
    [
        (SyncState(None, 3, 0, None, None, True), "Not enrolled with HQ · 3 waiting"),
        (
            SyncState(False, 3, 0, None, "401 token revoked", True),
            "HQ refused this bench: a supervisor must enroll it again · 3 waiting",
        ),
        (SyncState(None, 0, 0, None, None, False), "HQ: connecting… · 0 waiting"),
        (
            SyncState(True, 0, 0, "2026-11-27T14:02:09.120Z", None, False),
            "Online · synced 14:02 UTC · 0 waiting",
        ),
        (
            SyncState(False, 1234, 2, "2026-11-25T09:30:00.000Z", "connection refused", False),
            "Offline · last sync 11-25 09:30 UTC · 1,234 waiting · 2 refused by HQ (supervisor)",
        ),
        (SyncState(False, 5, 0, None, "connection refused", False), "Offline · 5 waiting"),
    ],
)
def test_the_status_bar_says_where_sync_stands(state: SyncState, words: str) -> None:
    assert sync_words(state, NOW) == words


def test_an_outcome_reaches_hq_and_the_status_bar_follows_the_network(
    qtbot: QtBot, db: Path, tmp_path: Path
) -> None:
    pytest.importorskip("fastapi", reason="the hq extra is not installed")
    from parcelbench.hq.storage import open_database, repo
    from tests.sync.hqproc import HqProcess

    url = f"sqlite:///{tmp_path / 'hq.db'}"
    hq_db = open_database(url)
    bench_id, token = repo.enroll(hq_db, "bench-1", "JFK")
    hq = HqProcess(url, tmp_path / "hq.log").start()
    with Store(db) as store:
        settings.save(store, {HQ_URL: hq.url, HQ_TOKEN: token})
    win = MainWindow(db, facility="Test IMF · Bench 1", sync_interval=3600)
    qtbot.addWidget(win)
    win.show()
    try:
        log_in(qtbot, win)
        qtbot.waitUntil(lambda: win.officer is not None, timeout=10_000)
        with qtbot.waitSignal(win.parcel_shown, timeout=10_000):
            win.wedge.scanned.emit(burst(CLEAR_ID))
        with qtbot.waitSignal(win.outcome_recorded, timeout=10_000):
            qtbot.keyClick(win, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: "1 waiting" in win.status_label.text(), timeout=10_000)
        win.sync.sync_now()  # the timer is an hour here: the menu's "Sync now"
        qtbot.waitUntil(lambda: "Online · synced" in win.status_label.text(), timeout=30_000)
        qtbot.waitUntil(lambda: "0 waiting" in win.status_label.text(), timeout=10_000)
        assert win.status_label.text().endswith(f"rules default@2026.12.1 · db v{SCHEMA_VERSION}")
        with Store(db) as store:
            sent = [r[0] for r in store.conn.execute("SELECT event_id FROM outbox ORDER BY seq")]
        assert sent and repo.bench_event_ids(hq_db, bench_id) == sent

        hq.stop()  # the network goes: the work goes on and waits
        with qtbot.waitSignal(win.parcel_shown, timeout=10_000):
            win.wedge.scanned.emit(burst("LX123456785CN"))
        with qtbot.waitSignal(win.outcome_recorded, timeout=10_000):
            qtbot.keyClick(win, Qt.Key.Key_F5)
        win.sync.sync_now()
        qtbot.waitUntil(lambda: "Offline · last sync" in win.status_label.text(), timeout=30_000)
        assert "0 waiting" not in win.status_label.text()
    finally:
        win.shutdown()
        hq.stop()
        hq_db.close()
    assert not win.sync.loop
