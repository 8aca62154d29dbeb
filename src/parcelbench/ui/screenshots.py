"""Take the window's main states as PNG files, from a real X display when there is one.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m parcelbench.ui.screenshots DIR

Why a script: the README shows what an officer sees, and the pictures must come from the real
window on the demo bench, not from a mock-up, so they are taken again whenever the window
changes. With $DISPLAY set the window runs on Qt's xcb platform and each picture is what the X
server shows; without one it falls back to offscreen rendering. States: login, a clear parcel,
a held parcel with its flags (light and dark), the seizure form, the recent list after a few
outcomes, the hold list, the re-score worklist, and the live camera reading the demo clip with
parcels waiting. The script keeps its preferences in a temporary folder: it never changes the
user's settings.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from parcelbench.domain.records import Outcome
from parcelbench.domain.risk import Level
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.services.bench import Desk
from parcelbench.services.demo import DEMO_ACCOUNTS, accounts_hint, demo_camera, ensure_demo
from parcelbench.ui.dialogs import SeizureDialog
from parcelbench.ui.exam_dialogs import ReturnDialog
from parcelbench.ui.main_window import MainWindow
from parcelbench.ui.theme import stylesheet


def _wait(signal: object, action: Callable[[], None], timeout_ms: int = 20_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    action()
    loop.exec()
    signal.disconnect(loop.quit)  # type: ignore[attr-defined]


def _pick(db: Path) -> dict[Level, str]:
    """One demo parcel per level (the first found), to show each state."""
    with Desk.open(db) as desk:
        return desk.one_per_level()


def _save(widget: QWidget, path: Path) -> None:
    """The widget as the screen shows it (X server) or, offscreen, as it renders itself."""
    for _ in range(5):  # laid out and painted, and the server has the pixels
        QApplication.processEvents()
        time.sleep(0.06)
    if QApplication.platformName() == "xcb":
        g = widget.frameGeometry()
        picture = widget.screen().grabWindow(0, g.x(), g.y(), g.width(), g.height())
    else:
        picture = widget.grab()
    picture.save(str(path))
    print(path)


def render(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyleSheet(stylesheet())
    with tempfile.TemporaryDirectory() as tmp:
        QCoreApplication.setOrganizationName("ParcelBench-screenshots")
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.NativeFormat, scope, str(Path(tmp) / "settings"))
        db = ensure_demo(Path(tmp) / "demo.sqlite").db
        picks = _pick(db)
        win = MainWindow(db, demo_accounts=accounts_hint(), facility="Demo IMF · Bench 1")
        win.resize(1366, 768)
        win.show()
        _save(win, out / "login.png")
        badge, _, _, pin = DEMO_ACCOUNTS[0]
        _wait(win.refreshed, lambda: win.log_in(badge, pin))
        for level, name in ((Level.CLEAR, "clear-parcel"), (Level.DETAIN, "held-parcel")):
            item_id = picks[level]
            _wait(win.parcel_shown, lambda i=item_id: win.scan(ScanEvent.of(i, "manual")))
            _save(win, out / f"{name}.png")
            if level is Level.CLEAR:
                _wait(win.outcome_recorded, lambda: win.decide(Outcome.RELEASED))
        win.dark_theme.setChecked(True)
        _save(win, out / "held-parcel-dark.png")
        win.dark_theme.setChecked(False)
        item = win.card.view.item if win.card.view else None
        form = SeizureDialog(item.contents[0].description if item and item.contents else "", win)
        form.weight.setValue(48.35)
        form.field_test.setText("TruNarc")
        form.result.setText("positive")
        form.bags.setText("EB-000123, SEAL-77")
        form.show()
        _save(form, out / "seizure-form.png")
        form.close()
        win.open_holds()
        _wait(win.holds_view.model.modelReset, lambda: None, 5_000)
        win.holds_view.resize(1100, 300)
        _save(win.holds_view, out / "holds.png")
        win.holds_view.close()
        _wait(win.rules.worklisted, win.rules.start_rescore, 120_000)
        win.rules.result_box.close()
        win.rules.worklist.resize(1100, 300)
        _save(win.rules.worklist, out / "rescore-worklist.png")
        win.rules.worklist.close()
        win.exam_panel.methods["xray"].setChecked(True)
        win.exam_panel.findings.setText("X-ray: powder-filled phone case")
        ReturnDialog.exec = _choose_prohibited  # type: ignore[method-assign]
        _wait(win.outcome_recorded, lambda: win.decide(Outcome.RETURNED_TO_SENDER))
        _save(win, out / "history.png")
        win.shutdown()
        _camera(db, out)


def _choose_prohibited(self: ReturnDialog) -> int:
    """The return form answered as an officer would, so the screenshot run never waits."""
    self.reason.setCurrentIndex(self.reason.findData("prohibited"))
    return 1


def _camera(db: Path, out: Path) -> None:
    """The demo clip under the camera: the first parcel released with F1, the next one (held)
    on the card, the rest waiting in the strip, outlines and their texts on the live view."""
    win = MainWindow(db, camera=str(demo_camera()), facility="Demo IMF · Bench 1")
    win.resize(1366, 768)
    win.show()
    badge, _, _, pin = DEMO_ACCOUNTS[0]
    win.log_in(badge, pin)
    loop = QEventLoop()
    timer = QTimer()

    def step() -> None:
        view = win.view
        flagged = view is not None and view.assessment and view.assessment.level is not Level.CLEAR
        if flagged and win.flow.waiting:
            win.camera.stop()  # keep the frame that read the last one on screen
            loop.quit()
        elif view is not None and not flagged and win.flow.waiting and not win.flow.decided:
            win.decide(Outcome.RELEASED)  # F1: the next parcel in line comes up
        elif not win.camera.running and win.officer is not None:
            loop.quit()

    timer.timeout.connect(step)
    timer.start(100)
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    timer.stop()
    _save(win, out / "camera-scan.png")
    win.shutdown()


if __name__ == "__main__":
    render(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
