"""The real bench window on a real store: log in, scan, see flags, release with one key, seize.

Why end to end: the window adds no rules of its own, so what matters is that a scan reaches the
store on the worker thread and comes back as a card, that F1 after a scan is the whole release,
and that the records (inspection, seizure, audit row, outbox event) land in the database file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from parcelbench.aed.writers import write_jsonl
from parcelbench.domain.records import Outcome
from parcelbench.store import Store
from parcelbench.ui.dialogs import AgencyDialog, SeizureDialog
from parcelbench.ui.main_window import MainWindow
from parcelbench.ui.waiting_strip import WaitingStrip
from tests.accounts import account
from tests.conftest import make_item
from tests.ui.conftest import CLEAR_ID, HUMAN_MS, burst, log_in, rows, sighting


def test_wrong_pin_is_refused_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    log_in(qtbot, window, pin="9999")
    qtbot.waitUntil(lambda: window.login.message.text() != "", timeout=10_000)
    assert "not recognised" in window.login.message.text()
    assert window.stack.currentIndex() == 0


def test_scan_then_f1_releases_in_one_keystroke(qtbot: QtBot, window: MainWindow, db: Path) -> None:
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
        qtbot.keyClicks(window.entry.edit, CLEAR_ID, delay=HUMAN_MS)
        qtbot.keyClick(window.entry.edit, Qt.Key.Key_Return, delay=HUMAN_MS)
    assert "RR 4731 2482 9 GB" in window.card.id_label.text()
    assert "CLEAR" in window.card.banner.text()
    with qtbot.waitSignal(window.outcome_recorded, timeout=10_000) as done:
        qtbot.keyClick(window, Qt.Key.Key_F1)
    assert str(done.args[0].inspection.outcome) == "released"
    qtbot.waitUntil(lambda: window.recent.rowCount() == 1, timeout=10_000)
    assert rows(db, "SELECT item_id, outcome, officer_badge FROM inspections") == [
        (CLEAR_ID, "released", "O1001")
    ]
    assert rows(db, "SELECT count(*) FROM audit_log WHERE action LIKE 'inspection%'") == [(1,)]
    assert rows(db, "SELECT count(*) FROM outbox WHERE kind LIKE 'inspection%'") == [(1,)]
    assert rows(db, "SELECT item_id, source FROM scans") == [(CLEAR_ID, "manual")]


def test_a_wedge_burst_from_any_focus_shows_the_flags_and_a_seizure_lands(
    qtbot: QtBot, window: MainWindow, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    window.notes.setFocus()
    QApplication.processEvents()
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
        window.wedge.scanned.emit(burst("LX123456785CN"))  # what the filter emits for a burst
    assert "DETAIN" in window.card.banner.text()
    assert "fentanyl" in window.card.flags.text().lower()
    assert 0 in window.card.contents.flagged  # the matched line is highlighted
    assert window.notes.text() == ""  # the scan did not type into the focused field

    frames = iter([np.full((720, 1280, 3), shade, np.uint8) for shade in (90, 160)])
    window.camera.spec = "bench camera"  # frames as the live scanner would hand them over
    window.camera._last_frame = next(frames)

    def fill_and_accept(self: SeizureDialog) -> int:
        self.take_photo()
        window.camera._last_frame = next(frames)
        # the photo key inside the form (its handler; the modal form would have the focus)
        self.keyPressEvent(
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F6, Qt.KeyboardModifier.NoModifier)
        )
        assert self.photo_count.text() == "2 photo(s) to attach"
        self.category.setCurrentText("narcotics")
        self.quantity.setValue(1)
        self.unit.setCurrentText("g")
        self.weight.setValue(48.35)
        self.field_test.setText("TruNarc")
        self.result.setText("positive fentanyl")
        self.bags.setText("EB-0001, SEAL-77")
        return 1

    monkeypatch.setattr(SeizureDialog, "exec", fill_and_accept)
    assert window.exam_panel.chosen_selection == "risk_rule"  # the rules put it on the card
    window.exam_panel.methods["visual"].setChecked(True)
    with qtbot.waitSignal(window.outcome_recorded, timeout=10_000) as done:
        qtbot.keyClick(window, Qt.Key.Key_F4)
    number = done.args[0].seizures[0].seizure_number
    assert rows(db, "SELECT weight_g, evidence_bags FROM seizures") == [
        (48.35, '["EB-0001", "SEAL-77"]')
    ]
    assert number.endswith("-000001-01")
    photos = rows(db, "SELECT sha256, inspection_uuid, size FROM photos")
    assert len(photos) == 2 and {p[1] for p in photos} == {done.args[0].inspection.uuid}
    for sha, _, size in photos:
        stored = next(db.parent.rglob(f"{sha}.jpg"))
        data = stored.read_bytes()
        assert len(data) == size and data[:2] == b"\xff\xd8"  # a JPEG, stored by its SHA-256
        assert hashlib.sha256(data).hexdigest() == sha
    assert rows(db, "SELECT count(*) FROM outbox")[0][0] >= 2  # inspection + seizure events


def test_an_unreadable_code_is_never_shown_as_a_parcel(qtbot: QtBot, window: MainWindow) -> None:
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
        window.wedge.scanned.emit(burst("RR473124828GB"))  # one digit off
    assert "INVALID ID" in window.card.banner.text()
    assert window.card.aed_label.text().startswith(
        "RR473124828GB is not a parcel id we can trust: check digit is 8, expected 9"
    )  # the words `parcelbench risk` and `parcelbench record` use
    assert not any(button.isEnabled() for button in window.buttons.values())


def test_an_idle_bench_locks_itself(qtbot: QtBot, db: Path) -> None:
    win = MainWindow(db, facility="Test IMF · Bench 1", idle_lock_minutes=0.005)  # 0.3 s
    qtbot.addWidget(win)
    win.show()
    try:
        log_in(qtbot, win)
        qtbot.waitUntil(lambda: win.stack.currentIndex() == 1, timeout=10_000)
        qtbot.waitUntil(lambda: win.stack.currentIndex() == 0, timeout=5_000)
        assert win.officer is None and "locked" in win.windowTitle()
    finally:
        win.shutdown()


def test_view_preferences_apply_and_are_remembered(qtbot: QtBot, db: Path) -> None:
    from PySide6.QtCore import QSettings

    win = MainWindow(db, facility="Test IMF · Bench 1")
    qtbot.addWidget(win)
    try:
        win.large_text.setChecked(True)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        assert "font-size: 14pt" in app.styleSheet()
        assert QSettings().value("view/large", type=bool) is True
    finally:
        win.shutdown()
    again = MainWindow(db, facility="Test IMF · Bench 1")
    qtbot.addWidget(again)
    try:
        assert again.large_text.isChecked()
        again.large_text.setChecked(False)
    finally:
        again.shutdown()


def test_history_search_and_an_amendment_from_the_recent_list(
    qtbot: QtBot, window: MainWindow, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    for item_id in (CLEAR_ID, "LX123456785CN"):
        with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
            window.wedge.scanned.emit(burst(item_id))
        with qtbot.waitSignal(window.outcome_recorded, timeout=10_000):
            qtbot.keyClick(window, Qt.Key.Key_F5 if item_id == CLEAR_ID else Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.recent.rowCount() == 2, timeout=10_000)
    window.search.setText("rr4731")
    assert window.recent_filter.rowCount() == 1
    window.search.setText("")

    # the fentanyl parcel was released by mistake: reopen it and refer it instead
    row = next(i for i, ins in enumerate(window.recent.rows) if ins.item_id == "LX123456785CN")
    released = window.recent.rows[row]
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
        window._reopen(window.recent_filter.mapFromSource(window.recent.index(row, 0)))
    assert "AMENDING" in window.card.aed_label.text()
    chosen: list[str] = []

    def pick_dea(self: AgencyDialog) -> int:
        self.accept()  # Enter on the untouched form chooses nothing
        assert self.result() == 0 and "Choose the agency" in self.message.text()
        qtbot.keyClick(self, Qt.Key.Key_D)  # the officer types D
        chosen.append(self.agency)
        return self.result()

    monkeypatch.setattr("parcelbench.ui.main_window.AgencyDialog.exec", pick_dea)
    with qtbot.waitSignal(window.outcome_recorded, timeout=10_000) as done:
        qtbot.keyClick(window, Qt.Key.Key_F2)
    assert chosen == ["DEA"] and done.args[0].inspection.agency == "DEA"
    assert done.args[0].inspection.amends == released.uuid
    assert rows(db, f"SELECT outcome FROM inspections WHERE uuid = '{released.uuid}'") == [
        ("released",)
    ]  # the earlier record stays as it was


def test_parcels_arriving_in_a_row_wait_in_one_strip_and_never_open_a_dialog(
    qtbot: QtBot, window: MainWindow, db: Path
) -> None:
    """The demo camera read three parcels within seconds of login: three stacked modal
    questions had to be closed one by one. Now they wait in one strip, in order, each once."""
    modals: list[str] = []

    def close_any_modal() -> None:  # a modal would block the test: record it and close it
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modals.append(modal.windowTitle())
            modal.close()

    watch = QTimer()
    watch.timeout.connect(close_any_modal)
    watch.start(20)
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    third = "RB123456785GB"  # a valid id with no AED
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
        for item_id in (CLEAR_ID, "LX123456785CN", third):
            window.camera.scanned.emit(sighting(item_id))
    qtbot.waitUntil(lambda: len(window.flow.waiting) == 2, timeout=10_000)
    window.camera.scanned.emit(sighting(CLEAR_ID))  # the camera sees the first one again
    window.camera.scanned.emit(sighting("LX123456785CN"))  # and one that is waiting
    QApplication.processEvents()
    assert window.view is not None and window.view.parsed.normalized == CLEAR_ID
    assert window.flow.waiting_ids == ["LX123456785CN", third]
    strips = [w for w in window.findChildren(WaitingStrip) if w.isVisible()]
    assert strips == [window.waiting]  # one prompt, not one per arrival
    text = window.waiting.text.text()
    assert "LX\u00a01234\u00a05678\u00a05\u00a0CN" in text and "DETAIN" in text
    assert "RB\u00a01234\u00a05678\u00a05\u00a0GB" in text
    assert rows(db, "SELECT item_id FROM scans ORDER BY id") == [
        (CLEAR_ID,),
        ("LX123456785CN",),
        (third,),
    ]  # every arrival is in the scan log once, at the time it came

    with qtbot.waitSignal(window.parcel_shown, timeout=10_000) as shown:
        qtbot.keyClick(window, Qt.Key.Key_F1)  # the decision brings the next one up
    assert shown.args[0].parsed.normalized == "LX123456785CN"
    assert window.flow.waiting_ids == [third]
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000) as shown:
        qtbot.keyClick(window, Qt.Key.Key_F9)  # or the officer takes the next one now
    assert shown.args[0].parsed.normalized == third
    assert not window.waiting.isVisible()
    window.camera.scanned.emit(sighting(CLEAR_ID))  # released a moment ago: still on the bench
    window.wedge.scanned.emit(burst("RR473124828GB"))  # a wrong check digit while one is undecided
    QApplication.processEvents()
    qtbot.waitUntil(lambda: "still needs an outcome" in window.statusBar().currentMessage())
    assert window.view.parsed.normalized == third
    watch.stop()
    assert modals == []
    assert rows(db, "SELECT item_id, outcome FROM inspections") == [(CLEAR_ID, "released")]


def test_aed_import_from_the_window_reports_rejections_and_can_be_cancelled(
    qtbot: QtBot, window: MainWindow, db: Path, tmp_path: Path
) -> None:
    from parcelbench.aed.demo import generate
    from parcelbench.ids.s10 import make

    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    bad = make_item(item_id=make("RR", "00000001", "GB"))
    bad["sender"] = {"name": "", "country": "CN"}  # a rejected item, the rest imports
    path = tmp_path / "batch.jsonl"
    with path.open("w", encoding="utf-8") as out:
        write_jsonl([make_item(item_id=make("RR", "00000002", "GB")), bad], out)
    with qtbot.waitSignal(window.aed_imported, timeout=30_000) as done:
        window.import_aed([path])
    report, cancelled = done.args
    assert not cancelled and report.to_json()["imported"] == 1
    assert window.import_report.table.rowCount() == 1
    assert "sender.name" in window.import_report.table.item(0, 3).text()
    assert "1 imported" in window.statusBar().currentMessage()

    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as out:
        write_jsonl(generate(60_000, seed=4), out)
    before = rows(db, "SELECT count(*) FROM aed_items")
    with qtbot.waitSignal(window.aed_imported, timeout=120_000) as done:
        window.import_aed([big])
        qtbot.waitUntil(lambda: window.import_bar.value() > 0, timeout=60_000)
        window.cancel_import()
    assert done.args[1] is True  # cancelled: the file rolled back whole
    assert rows(db, "SELECT count(*) FROM aed_items") == before
    assert window.importing is None and not window.import_bar.isVisible()


def test_a_torn_label_is_found_by_search_and_opened(qtbot: QtBot, window: MainWindow) -> None:
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    window.open_search()
    window.aed_search.query.setText("fentanyl")
    qtbot.keyClick(window.aed_search.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.aed_search.hits != [], timeout=10_000)
    assert [h.item_id for h in window.aed_search.hits] == ["LX123456785CN"]
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
        window.aed_search.table.cellDoubleClicked.emit(0, 0)
    assert "DETAIN" in window.card.banner.text()


def test_a_held_parcel_shows_its_hold_and_the_status_bar_counts_them(
    qtbot: QtBot, db: Path, tmp_path: Path
) -> None:
    from parcelbench.services.holds import import_holds

    holds = tmp_path / "holds.csv"
    holds.write_text(
        "item_id,reason,source,targeted_on\n"
        f"{CLEAR_ID},repeat shipper of unlabelled tablets,HQ targeting,2026-11-20\n",
        encoding="utf-8",
    )
    with Store(db) as store:
        boss = account(store, "S2001", "Sam Okafor", "supervisor", "63920574")
        import_holds(store, holds, boss)
    win = MainWindow(db, facility="Test IMF · Bench 1")
    qtbot.addWidget(win)
    win.show()
    try:
        log_in(qtbot, win)
        qtbot.waitUntil(lambda: "holds outstanding 1" in win.status_label.text(), timeout=10_000)
        qtbot.waitUntil(lambda: win.officer is not None, timeout=10_000)
        with qtbot.waitSignal(win.parcel_shown, timeout=10_000):
            win.wedge.scanned.emit(burst(CLEAR_ID))
        assert "TARGETED FOR EXAMINATION" in win.card.flags.text()
        assert "unlabelled tablets" in win.card.flags.text()
        with qtbot.waitSignal(win.outcome_recorded, timeout=10_000):
            qtbot.keyClick(win, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: "holds outstanding 0" in win.status_label.text(), timeout=10_000)
        assert rows(db, "SELECT status FROM holds") == [("examined",)]
        win.open_holds()  # the hold list shows it examined, with the outcome
        model = win.holds_view.model
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)
        cells = [model.index(0, col).data() for col in range(model.columnCount())]
        assert cells[1] == "EXAMINED" and cells[6] == "returned to sender"
        index = model.index(0, 2)  # stray keys on a cell change nothing: the list is read-only
        assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
        win.holds_view.table.setCurrentIndex(index)
        qtbot.keyClicks(win.holds_view.table, "xyz")
        assert model.index(0, 2).data() == "repeat shipper of unlabelled tablets"
        assert win.holds_view.table.indexWidget(index) is None  # no editor opened
        with qtbot.waitSignal(win.parcel_shown, timeout=10_000) as opened:
            qtbot.keyClick(win.holds_view.table, Qt.Key.Key_Return)  # Enter opens the parcel
        assert opened.args[0].parsed.normalized == CLEAR_ID
    finally:
        win.shutdown()


def test_a_supervisor_runs_a_special_operation_and_the_banner_counts_live(
    qtbot: QtBot, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parcelbench.ui.dialogs import OperationDialog

    with Store(db) as store:
        account(store, "S2001", "Sam Okafor", "supervisor", "63920574")
    win = MainWindow(db, facility="Test IMF · Bench 1")
    qtbot.addWidget(win)
    win.show()
    failures: list[str] = []
    win.failed.connect(failures.append)
    monkeypatch.setattr(OperationDialog, "exec", lambda self: (self.name.setText("Blitz"), 1)[1])
    try:
        log_in(qtbot, win)  # an officer may not start one: the service says so
        qtbot.waitUntil(lambda: win.officer is not None, timeout=10_000)
        win.start_operation()
        qtbot.waitUntil(lambda: failures != [], timeout=10_000)
        assert "needs a supervisor" in failures[0]
        assert not win.operation_banner.isVisible()

        win.lock()
        qtbot.keyClicks(win.login.badge, "S2001", delay=HUMAN_MS)
        qtbot.keyClicks(win.login.pin, "63920574", delay=HUMAN_MS)
        qtbot.keyClick(win.login.pin, Qt.Key.Key_Return, delay=HUMAN_MS)
        qtbot.waitUntil(lambda: win.officer is not None, timeout=10_000)
        win.start_operation()
        qtbot.waitUntil(lambda: win.operation_banner.isVisible(), timeout=10_000)
        assert "“Blitz” · examined 0" in win.operation_banner.text()
        with qtbot.waitSignal(win.parcel_shown, timeout=10_000):
            win.wedge.scanned.emit(burst("LX123456785CN"))
        with qtbot.waitSignal(win.outcome_recorded, timeout=10_000):
            qtbot.keyClick(win, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: "examined 1" in win.operation_banner.text(), timeout=10_000)
        assert "non-compliant 1 (100.0%)" in win.operation_banner.text()
        win.end_operation()
        qtbot.waitUntil(lambda: not win.operation_banner.isVisible(), timeout=10_000)
    finally:
        win.shutdown()


def test_a_half_entered_seizure_form_is_kept_as_a_draft(qtbot: QtBot, tmp_path: Path) -> None:
    """Typed, then the form (or the whole program) goes away: the entries come back."""
    first = SeizureDialog("white powder", draft_key="LX123456785CN")
    qtbot.addWidget(first)
    first.weight.setValue(48.35)
    first.bags.setText("EB-0001")
    first.category.setCurrentText("narcotics")
    first.close()  # e.g. Esc, or the bench lost power
    again = SeizureDialog("white powder", draft_key="LX123456785CN")
    qtbot.addWidget(again)
    assert (again.weight.value(), again.bags.text()) == (48.35, "EB-0001")
    assert again.category.currentText() == "narcotics"
    assert "Restored" in again.message.text()
    other = SeizureDialog("tablets", draft_key="RR473124829GB")
    qtbot.addWidget(other)
    assert other.bags.text() == ""  # drafts are per parcel
    again.discard_draft()
    fresh = SeizureDialog("white powder", draft_key="LX123456785CN")
    qtbot.addWidget(fresh)
    assert fresh.bags.text() == "" and fresh.weight.value() == 0


def test_a_locked_bench_names_nobody_and_the_next_officer_starts_with_an_empty_card(
    qtbot: QtBot, window: MainWindow, db: Path
) -> None:
    with Store(db) as store:
        account(store, "O1002", "Lee Park", "officer", "52839160")
    assert not window.menuBar().isEnabled()  # nothing to do in the menus before a login
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: "Kim Nguyen (officer)" in window.status_label.text(), timeout=10_000)
    assert window.menuBar().isEnabled()
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
        window.wedge.scanned.emit(burst(CLEAR_ID))
    window.notes.setText("left by Kim")
    window.lock()
    assert "Kim Nguyen" not in window.status_label.text()
    assert "locked" in window.status_label.text()
    assert not window.menuBar().isEnabled()
    log_in(qtbot, window, badge="O1001")  # the same officer comes back: the work is there
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    assert window.view is not None and window.notes.text() == "left by Kim"
    window.lock()
    log_in(qtbot, window, badge="O1002", pin="52839160")
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    assert window.officer.badge == "O1002"
    assert window.view is None and window.card.view is None
    assert "Scan a parcel" in window.card.id_label.text()
    assert window.notes.text() == "" and not window.buttons[Outcome.RELEASED].isEnabled()
    assert "Lee Park (officer)" in window.status_label.text()


def test_a_failed_photo_write_keeps_the_form_and_its_photos_and_records_nothing(
    qtbot: QtBot, window: MainWindow, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The inspection, its seizure and its photos are one record: when a photo cannot be
    written nothing is recorded, and the same form comes back with its photos and why."""
    from parcelbench.store import photo_files

    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
        window.wedge.scanned.emit(burst("LX123456785CN"))
    window.camera.spec = "bench camera"
    window.camera._last_frame = np.full((720, 1280, 3), 120, np.uint8)
    opened: list[SeizureDialog] = []

    def fill(self: SeizureDialog) -> int:
        opened.append(self)
        if len(opened) == 1:
            self.take_photo()
            self.take_photo()
            self.category.setCurrentText("narcotics")
            self.unit.setCurrentText("g")
            self.weight.setValue(12.5)
            return 1
        return 0  # the second time the officer looks, then closes it (the draft stays)

    def disk_full(*_args: object, **_kw: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(SeizureDialog, "exec", fill)
    monkeypatch.setattr(photo_files, "stage", disk_full)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=10_000)
    form = opened[1]
    assert form is opened[0] and len(form.photos) == 2  # the same form, photos and all
    assert "evidence photos could not be written (No space left on device)" in (form.message.text())
    assert rows(db, "SELECT count(*) FROM inspections") == [(0,)]
    assert rows(db, "SELECT count(*) FROM photos") == [(0,)]
    assert window.view is not None and not window.flow.decided  # the officer can try again
