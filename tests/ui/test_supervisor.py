"""The supervisor's dialogs on a real bench database: queue, approve, return, refuse an
officer, preview / save / print the report — the work running off the GUI thread on `Tasks`."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from parcelbench.store import Store
from parcelbench.store.seizures import get_seizure, reviews
from parcelbench.ui.approvals import ApprovalsDialog, SummaryDialog
from parcelbench.ui.tasks import Tasks
from tests.reports.bench_data import Bench, build

WAIT_MS = 20_000


@pytest.fixture
def bench(tmp_path: Path) -> Bench:
    return build(tmp_path, photos=2)


@pytest.fixture
def tasks(bench: Bench) -> Iterator[Tasks]:
    running = Tasks(bench.db)
    yield running
    running.stop()
    assert not running.writer.thread.isRunning() and not running.reader.thread.isRunning()
    assert not [t for t in threading.enumerate() if t.name.startswith("parcelbench-")]


def _status(bench: Bench) -> str:
    with Store(bench.db) as store:
        found = get_seizure(store.conn, bench.seizure_number)
        assert found is not None
        return found.status


def _open(qtbot, tasks: Tasks, officer) -> ApprovalsDialog:  # type: ignore[no-untyped-def]
    dialog = ApprovalsDialog(tasks, officer)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT_MS)
    return dialog


def test_supervisor_approves_from_the_queue(qtbot, bench: Bench, tasks: Tasks) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, tasks, bench.second_supervisor)
    assert dialog.table.item(0, 0).text() == bench.seizure_number
    assert "Ana Ruiz (O1001)" in dialog.table.item(0, 3).text()
    dialog.approve()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=WAIT_MS)
    assert "approved" in dialog.message.text()
    assert _status(bench) == "approved"
    dialog.reject()


def test_officer_is_refused_in_plain_words(qtbot, bench: Bench, tasks: Tasks) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, tasks, bench.officer)
    dialog.approve()
    qtbot.waitUntil(lambda: "supervisor" in dialog.message.text(), timeout=WAIT_MS)
    assert dialog.message.text() == "O1001 is an officer; this needs a supervisor"
    dialog.report()
    qtbot.waitUntil(lambda: "needs a supervisor" in dialog.message.text(), timeout=WAIT_MS)
    assert dialog.preview is None
    assert _status(bench) == "pending"
    dialog.reject()


def test_return_with_comment_leaves_the_queue(qtbot, bench: Bench, tasks: Tasks) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, tasks, bench.supervisor)
    dialog.return_with(bench.seizure_number, "weigh the powder without the bag")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=WAIT_MS)
    with Store(bench.db) as store:
        last = reviews(store.conn, bench.seizure_number)[-1]
    assert (last.decision, last.comment, last.actor) == (
        "returned",
        "weigh the powder without the bag",
        "S2001",
    )
    dialog.reject()


def test_report_preview_saves_and_prints(qtbot, bench: Bench, tasks: Tasks, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, tasks, bench.supervisor)
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT_MS) as opened:
        dialog.report()
    preview = opened.args[0]
    assert preview.page_count >= 2
    saved = tmp_path / "saved.pdf"
    preview.save_to(saved)
    text = subprocess.run(
        ["pdftotext", str(saved), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert bench.seizure_number in text and "Chain of custody" in text
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == preview.page_count
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert f"Pages:           {preview.page_count}" in info
    preview.close()
    dialog.reject()


def test_summary_dialog_previews_a_period(qtbot, bench: Bench, tasks: Tasks) -> None:  # type: ignore[no-untyped-def]
    dialog = SummaryDialog(tasks, bench.supervisor)
    qtbot.addWidget(dialog)
    dialog.choose(since="2020-01-01", until="2035-12-31")
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT_MS) as opened:
        dialog.build()
    preview = opened.args[0]
    assert preview.page_count >= 1
    assert preview.windowTitle() == "Period summary — 2020-01-01 to 2035-12-31"
    preview.close()
    dialog.reject()


def test_supervisor_menu_opens_the_queue_for_who_is_signed_in(qtbot, bench: Bench) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from parcelbench.ui.main_window import MainWindow

    win = MainWindow(bench.db, facility="Test IMF")
    qtbot.addWidget(win)
    win.show()
    try:
        qtbot.keyClicks(win.login.badge, "S2002", delay=70)
        qtbot.keyClicks(win.login.pin, "71946082", delay=70)
        qtbot.keyClick(win.login.pin, Qt.Key.Key_Return, delay=70)
        qtbot.waitUntil(lambda: win.officer is not None, timeout=WAIT_MS)
        menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Supervisor")
        assert [a.text() for a in menu.actions()] == ["Pending seizures…", "Operation summary…"]
        menu.actions()[0].trigger()
        dialog = win.findChild(ApprovalsDialog, "ApprovalsDialog")
        assert dialog is not None and dialog.officer.badge == "S2002"
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT_MS)
        dialog.reject()
    finally:
        win.shutdown()
