"""The follow-ups window on the real bench file: an overdue detention opened to decide it, a
referral closed with the agency's answer, a lab result entered — through the window's menu,
its forms and the services, read back from the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from parcelbench.domain.records import Outcome
from parcelbench.ids.s10 import make
from parcelbench.services import outcomes
from parcelbench.services.outcomes import SeizureDraft
from parcelbench.store import Store
from parcelbench.store.officers import get_officer
from parcelbench.ui.exam_dialogs import LabResultDialog, ReferralAnswerDialog
from parcelbench.ui.followups import FollowUpsDialog
from parcelbench.ui.main_window import MainWindow
from tests.detained import record_at
from tests.exams import EXAMINED
from tests.ui.conftest import log_in, rows

DETAINED_ID = make("EE", "10000001", "CN")
REFERRED_ID = make("CP", "20000002", "HK")
SAMPLED_ID = make("LX", "30000003", "CN")
WAIT_MS = 10_000


@pytest.fixture
def waiting(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A detention 12 days old (its decision overdue), an open referral, a sample at the lab."""
    twelve_days_ago = (datetime.now(UTC) - timedelta(days=12)).isoformat(timespec="seconds")
    with Store(db) as store:
        officer = get_officer(store.conn, "O1001")
        assert officer is not None
        record_at(store, officer, monkeypatch, DETAINED_ID, Outcome.DETAINED, twelve_days_ago)
        monkeypatch.undo()
        outcomes.record(
            store, officer, REFERRED_ID, Outcome.REFERRED, agency="HSI",
            reason="same drop address as an HSI case", **EXAMINED,
        )  # fmt: skip
        outcomes.record(
            store, officer, SAMPLED_ID, Outcome.SEIZED, **EXAMINED,
            seizure=SeizureDraft(
                "narcotics", "white powder", 1, "g", 12.5, "Raman", "inconclusive",
                lab_sample="LS-2026-0101",
            ),
        )  # fmt: skip


def _open(qtbot: QtBot, window: MainWindow, menu_text: str) -> FollowUpsDialog:
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=WAIT_MS)
    [action] = [a for a in window.findChildren(QAction) if a.text() == menu_text]
    action.trigger()
    dialog = window.findChild(FollowUpsDialog, "FollowUpsDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.samples.rowCount() == 1, timeout=WAIT_MS)
    return dialog


def test_an_overdue_detention_opens_to_be_decided(
    qtbot: QtBot, window: MainWindow, waiting: None
) -> None:
    dialog = _open(qtbot, window, "Detentions and their clocks…")
    assert dialog.tabs.currentIndex() == FollowUpsDialog.DETENTIONS
    assert dialog.tabs.tabText(0) == "Detentions (1, 1 overdue)"
    assert dialog.detentions.item(0, 0).text() == DETAINED_ID
    assert dialog.detentions.item(0, 4).text().startswith("decision overdue by")
    assert "FDA sampling" in dialog.detentions.item(0, 6).text()
    with qtbot.waitSignal(window.parcel_shown, timeout=WAIT_MS) as shown:
        dialog.open_parcel(0)
    assert shown.args[0].parsed.normalized == DETAINED_ID


def test_a_referral_is_closed_with_the_agencys_answer(
    qtbot: QtBot, window: MainWindow, db: Path, waiting: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(qtbot, window, "Referrals awaiting an answer…")
    assert dialog.tabs.currentIndex() == FollowUpsDialog.REFERRALS
    assert [dialog.referrals.item(0, c).text() for c in (0, 1)] == [REFERRED_ID, "HSI"]
    uuid = dialog.referrals.item(0, 3).text()

    def answered(self: ReferralAnswerDialog) -> int:
        self.accept()  # a form left empty is not accepted: it says what is missing
        assert self.message.text() == "Give the agency's answer (what they decided)."
        self.answer.setText("HSI case 26-0412 opened; controlled delivery made")
        self.finding.setCurrentIndex(self.finding.findData(True))
        return 1

    monkeypatch.setattr(ReferralAnswerDialog, "exec", answered)
    dialog.close_selected_referral()
    qtbot.waitUntil(lambda: dialog.referrals.rowCount() == 0, timeout=WAIT_MS)
    assert dialog.message.text() == "Referral to HSI closed: a finding."
    assert rows(db, "SELECT inspection_uuid, agency, finding, closed_by FROM referral_answers") == [
        (uuid, "HSI", 1, "O1001")
    ]
    # a second answer to the same referral is refused in the service's words, and changes nothing
    dialog.close_referral(uuid, "again", False)
    qtbot.waitUntil(lambda: "already closed" in dialog.message.text(), timeout=WAIT_MS)
    assert rows(db, "SELECT count(*) FROM referral_answers") == [(1,)]


def test_the_labs_result_is_entered_for_the_sample(
    qtbot: QtBot, window: MainWindow, db: Path, waiting: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(qtbot, window, "Lab samples awaiting a result…")
    assert dialog.tabs.currentIndex() == FollowUpsDialog.SAMPLES
    number = dialog.samples.item(0, 0).text()
    assert [dialog.samples.item(0, c).text() for c in (1, 2)] == [SAMPLED_ID, "LS-2026-0101"]

    def result(self: LabResultDialog) -> int:
        self.result.setCurrentIndex(self.result.findData("positive"))
        self.laboratory.setText("CBP LSSD Chicago")
        self.accept()
        assert self.message.text() == "A positive result names the substance."
        self.substance.setText("para-fluorofentanyl")
        return 1

    monkeypatch.setattr(LabResultDialog, "exec", result)
    dialog.enter_selected_result()
    qtbot.waitUntil(lambda: dialog.samples.rowCount() == 0, timeout=WAIT_MS)
    assert dialog.message.text() == f"Lab result for {number} recorded: positive."
    assert rows(db, "SELECT seizure_number, lab_sample, result, substance FROM lab_results") == [
        (number, "LS-2026-0101", "positive", "para-fluorofentanyl")
    ]
    # the same sample answered on a sample number the line does not carry changes nothing
    dialog.record_lab_result(number, "LS-0000", result="negative", substance="", laboratory="X")
    qtbot.waitUntil(lambda: "not 'LS-0000'" in dialog.message.text(), timeout=WAIT_MS)
    assert rows(db, "SELECT count(*) FROM lab_results") == [(1,)]
