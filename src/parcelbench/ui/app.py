"""Start the bench window: logging, the Qt application, the demo bench, the smoke test.

`--smoke-test FILE.png` is the self-test installers and support staff run: the window starts
offscreen on the demo bench, logs the demo officer in, plays the demo camera clip through the
real capture and decoding path until the first parcel card with flags is shown, saves a
screenshot there and exits 0; any step that fails ends it non-zero with the reason.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import tempfile
from pathlib import Path

from parcelbench.paths import data_dir

log = logging.getLogger("parcelbench")

SMOKE_TIMEOUT_MS = int(os.environ.get("PARCELBENCH_SMOKE_TIMEOUT_MS", "90000"))


def _logging() -> Path:
    """A rotating log file: what the officer sees is one sentence, the details are here."""
    path = data_dir() / "logs" / "parcelbench.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def run(db: Path | None, *, camera: str | None, demo: bool, smoke_test: Path | None = None) -> int:
    """Open the window (blocks until it closes); returns the process exit code."""
    if smoke_test is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        demo = True
    from parcelbench.ui.platform_check import problem

    missing = problem()
    if missing:  # Qt would abort with a misleading message instead
        print(f"parcelbench: {missing}", file=sys.stderr)
        return 2
    log_path = _logging()
    from parcelbench.services.demo import DemoError, accounts_hint, default_demo_db, demo_camera

    hint = ""
    if demo:
        try:
            db = _demo_bench(db or default_demo_db())
            camera = camera or str(demo_camera())
        except DemoError as exc:
            print(f"parcelbench: {exc}", file=sys.stderr)
            return 2
        hint = accounts_hint()
    if db is None:
        print("parcelbench: give --db PATH or --demo", file=sys.stderr)
        return 2
    if smoke_test is None:
        return _window(db, camera, hint, log_path)
    # The self-test works on a copy of the demo bench with its own preferences: whatever it
    # scans, locates or sets is thrown away with the copy, never added to the user's demo.
    with tempfile.TemporaryDirectory(prefix="parcelbench-smoke-") as scratch:
        from parcelbench.services.demo import copy_bench

        copy = copy_bench(db, Path(scratch) / "demo.sqlite")
        return _window(copy, camera, hint, log_path, smoke_test=smoke_test, settings=scratch)


def _demo_bench(db: Path) -> Path:
    from parcelbench.services.demo import ensure_demo

    return ensure_demo(db).db


def _window(
    db: Path,
    camera: str | None,
    hint: str,
    log_path: Path,
    *,
    smoke_test: Path | None = None,
    settings: str | None = None,
) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from parcelbench.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ParcelBench")
    app.setOrganizationName("ParcelBench")
    if settings is not None:
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.NativeFormat, scope, settings)
    window = MainWindow(db, camera=camera, demo_accounts=hint, facility="Demo IMF · Bench 1")
    if smoke_test is not None:
        window.resize(1366, 768)  # the self-test's screenshot: the smallest supported screen
        window.show()
    elif window.restored_geometry:
        window.show()  # where and as large as the officer left it
    else:  # first start: the whole screen, whatever its size (a window manager or not)
        window.setGeometry(window.screen().availableGeometry())
        window.showMaximized()
    log.info(
        "window started on %s with Qt's %s platform (log %s)", db, app.platformName(), log_path
    )
    if smoke_test is None:
        code = app.exec()
        window.shutdown()
        return int(code)
    return _smoke(app, window, smoke_test)


def _smoke(app: object, window: object, shot: Path) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from parcelbench.services.demo import DEMO_ACCOUNTS
    from parcelbench.ui.main_window import MainWindow

    assert isinstance(app, QApplication) and isinstance(window, MainWindow)
    outcome: dict[str, object] = {"code": 1, "why": "timed out waiting for a flagged parcel"}

    def shown(view: object) -> None:
        assessment = getattr(view, "assessment", None)
        if assessment is None or not assessment.flags:
            window.flow.decided = True  # a self-test records nothing: let the next scan through
            return  # keep playing the clip until a card with flags is on screen
        outcome.update(code=0, why=f"{view.parsed.normalized}: {len(assessment.flags)} flags")

        def save() -> None:  # once the card has been laid out and painted
            window.grab().save(str(shot))
            app.quit()

        window.camera.stop()  # the picture is of this card
        QTimer.singleShot(500, save)

    def failed(message: str) -> None:
        outcome.update(code=1, why=message)
        app.quit()

    def camera(message: str) -> None:
        if outcome["code"] == 0:
            return
        if message.endswith(" ended"):  # a clip played to its end; let the last look-up land
            why = "the camera clip ended without a flagged parcel"
            QTimer.singleShot(3000, lambda: failed(why))
        elif "gave up" in message:
            failed(f"the camera did not open: {message}")

    window.parcel_shown.connect(shown)
    window.camera.status.connect(camera)
    window.login_failed.connect(failed)
    badge, _, _, pin = DEMO_ACCOUNTS[0]
    QTimer.singleShot(0, lambda: window.log_in(badge, pin))
    QTimer.singleShot(SMOKE_TIMEOUT_MS, app.quit)
    app.exec()
    window.shutdown()
    stream = sys.stdout if outcome["code"] == 0 else sys.stderr
    print(
        f"smoke test {'passed' if outcome['code'] == 0 else 'FAILED'}: {outcome['why']}",
        file=stream,
    )
    return int(outcome["code"])  # type: ignore[call-overload]
