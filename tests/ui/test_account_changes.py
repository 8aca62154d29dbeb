"""A role changed or an account closed at HQ reaches the signed-in session after the sync round
that applied it, not at the next sign-in."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from parcelbench.domain.records import Role
from parcelbench.store import Store
from parcelbench.store.officers import get_officer, save_officer
from parcelbench.ui.main_window import MainWindow
from tests.ui.conftest import log_in


def _hq_changes(db: Path, **changes: object) -> None:
    """What applying an officers feed item does to the account (as `sync/apply.py` does)."""
    with Store(db) as store:
        held = get_officer(store.conn, "O1001")
        assert held is not None
        save_officer(store, replace(held, **changes), actor="hq")  # type: ignore[arg-type]


def test_an_account_closed_at_hq_ends_the_session_after_the_round(
    qtbot: QtBot, window: MainWindow, db: Path
) -> None:
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    _hq_changes(db, role=Role.SUPERVISOR)
    window.sync.round_done.emit(None, None)  # what the sync loop says after a round
    qtbot.waitUntil(
        lambda: window.officer is not None and window.officer.role == Role.SUPERVISOR,
        timeout=10_000,
    )
    assert "(supervisor)" in window.windowTitle()
    _hq_changes(db, active=False)
    window.sync.round_done.emit(None, None)
    qtbot.waitUntil(lambda: window.officer is None, timeout=10_000)
    assert window.stack.currentIndex() == 0
    assert "closed at HQ" in window.login.message.text()
