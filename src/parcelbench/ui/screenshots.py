"""Render the window's main states to PNG files, offscreen.

    python -m parcelbench.ui.screenshots [DIR]     (default docs/screenshots)

Why a script: the README shows what an officer sees, and the pictures must come from the real
window on the demo bench, not from a mock-up, so they are re-rendered whenever the window
changes. States: login, a clear parcel, a held parcel with its flags (light and dark), the
seizure form, the recent list after a few outcomes, and the live camera reading the demo clip.
The script keeps its preferences in a temporary folder: it never changes the user's settings.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from parcelbench.domain.records import Outcome
from parcelbench.domain.risk import Level
from parcelbench.services.demo import DEMO_ACCOUNTS, accounts_hint, demo_camera, ensure_demo
from parcelbench.services.risk import active_engine
from parcelbench.store import Store
from parcelbench.store.aed import iter_current
from parcelbench.store.network import StoreHistory
from parcelbench.ui.dialogs import SeizureDialog
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
    found: dict[Level, str] = {}
    with Store(db) as store:
        engine = active_engine(store)
        history = StoreHistory(store.conn)
        for item in iter_current(store.conn):
            level = engine.assess(item.item_id, item, history=history).level
            found.setdefault(level, item.item_id)
            if len(found) == 3:
                break
    return found


def _save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    widget.grab().save(str(path))
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
        _wait(win.worker.worker.today, lambda: win.request_auth.emit(badge, pin))
        for level, name in ((Level.CLEAR, "clear-parcel"), (Level.HOLD, "held-parcel")):
            item_id = picks[level]
            _wait(win.parcel_shown, lambda i=item_id: win.scan(i, "manual", ""))
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
        _wait(win.outcome_recorded, lambda: win.decide(Outcome.RETURNED_TO_SENDER))
        _save(win, out / "history.png")
        win.shutdown()
        _camera(db, out)


def _camera(db: Path, out: Path) -> None:
    """The demo clip under the camera: outlines on the live view, the flagged parcel's card."""
    win = MainWindow(db, camera=str(demo_camera()), facility="Demo IMF · Bench 1")
    win.resize(1366, 768)
    win.show()
    flagged: list[object] = []

    def shown(view: object) -> None:
        assessment = getattr(view, "assessment", None)
        if assessment is not None and assessment.level is not Level.CLEAR and not flagged:
            flagged.append(view)
            win.camera.stop()  # keep the frame that read it on screen
        else:
            win.decided = True  # a picture records nothing: let the next parcel through

    win.parcel_shown.connect(shown)
    badge, _, _, pin = DEMO_ACCOUNTS[0]
    win.request_auth.emit(badge, pin)
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: (flagged or not win.camera.running) and loop.quit())
    timer.start(100)
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    timer.stop()
    _save(win, out / "camera-scan.png")
    win.shutdown()


if __name__ == "__main__":
    render(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
