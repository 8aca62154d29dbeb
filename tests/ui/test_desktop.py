"""The bench window on a real X display, as an officer meets it: `parcelbench app --demo`.

The app runs as its own process on Xvfb with Qt's **xcb** platform plugin (the one a desktop
loads, and the one that aborted on stock Debian 12 for two missing libraries), the demo
officer logs in with keys typed through the X server, the demo camera clip plays through the
real decoder, F1 releases the first parcel and the next one comes up flagged. The X server's
own picture of the screen is kept in artifacts/desktop-demo.png.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from parcelbench.ui.platform_check import XCB_LIBRARIES, missing_packages, problem
from tests.ui.conftest import rows
from tests.ui.desktop import (
    ARTIFACTS,
    screenshot,
    wait_for,
    wayland_display,
    x_display,
    xdotool,
)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")
HUMAN_MS = "90"  # xdotool's delay between keys: a person typing, not a scanner burst


def _qt_dir() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt"


def test_every_library_of_qts_x11_plugin_is_installed_and_known() -> None:
    plugin = _qt_dir() / "plugins" / "platforms" / "libqxcb.so"
    support = _qt_dir() / "lib" / "libQt6XcbQpa.so.6"
    listed = ""
    for path in (plugin, support):
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=True)
        listed += done.stdout
    assert "not found" not in listed, listed  # what the window would abort for
    xcb = set(re.findall(r"^\s*(lib(?:xcb|xkbcommon|X11-xcb)[\w.-]*\.so\.\d+)", listed, re.M))
    assert xcb <= set(XCB_LIBRARIES), f"not in platform_check: {sorted(xcb - set(XCB_LIBRARIES))}"
    assert missing_packages({"DISPLAY": ":0"}) == []


def test_a_missing_x11_library_is_named_instead_of_an_abort() -> None:
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}  # what stock Debian 12 lacked
    said = problem({"DISPLAY": ":0"}, can_load=lambda soname: soname not in absent)
    assert said is not None
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in said
    assert problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}) is None
    assert problem({}) is None  # no display: nothing to check


def _red_pixels(image: QImage) -> int:
    """Pixels of the DETAIN banner's red (#c62828), give or take the X server's rounding."""
    red = QColor("#c62828")
    small = image.scaled(image.width() // 4, image.height() // 4)
    return sum(
        1
        for x in range(small.width())
        for y in range(small.height())
        if abs(QColor(small.pixel(x, y)).red() - red.red()) < 12
        and abs(QColor(small.pixel(x, y)).green() - red.green()) < 12
        and abs(QColor(small.pixel(x, y)).blue() - red.blue()) < 12
    )


def test_the_demo_window_on_a_real_x_display(tmp_path: Path) -> None:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    with x_display() as display:
        env = dict(
            os.environ,
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            HOME=str(tmp_path),
            XDG_DATA_HOME=str(tmp_path / "data"),
            XDG_CONFIG_HOME=str(tmp_path / "config"),
            XDG_RUNTIME_DIR=str(runtime),
        )
        env.pop("WAYLAND_DISPLAY", None)
        log = tmp_path / "data" / "ParcelBench" / "logs" / "parcelbench.log"
        errors = (tmp_path / "stderr.txt").open("w")
        app = subprocess.Popen(
            [sys.executable, "-m", "parcelbench", "app", "--demo"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )

        def logged(text: str) -> bool:
            assert app.poll() is None, (tmp_path / "stderr.txt").read_text()[-2000:]
            return log.exists() and text in log.read_text(encoding="utf-8")

        try:
            wait_for(lambda: logged("window started"), 120, "the window to start")
            assert logged("with Qt's xcb platform")
            window = xdotool(display, "search", "--sync", "--onlyvisible", "--name", "ParcelBench")
            wid = window.split()[0]
            xdotool(display, "windowfocus", "--sync", wid)
            xdotool(display, "type", "--delay", HUMAN_MS, "O1001")
            xdotool(display, "key", "Return")
            xdotool(display, "type", "--delay", HUMAN_MS, "40718253")
            xdotool(display, "key", "Return")
            wait_for(lambda: logged("card: UA980512836CN CLEAR"), 60, "the clip's first parcel")
            wait_for(lambda: logged("waiting: HA336870917CN DETAIN"), 60, "the next in line")
            xdotool(display, "key", "F1")  # release the first: the next one comes up
            wait_for(lambda: logged("card: HA336870917CN DETAIN"), 30, "the held parcel's card")
            time.sleep(1.5)  # painted
            shot = screenshot(display, ARTIFACTS / "desktop-demo.png")
            image = QImage(str(shot))
            assert (image.width(), image.height()) == (1366, 768)
            assert _red_pixels(image) > 2000, "the DETAIN banner is on the real screen"
        finally:
            app.terminate()
            app.wait(30)
            errors.close()
    stderr = (tmp_path / "stderr.txt").read_text()
    assert "Could not load the Qt platform plugin" not in stderr
    demo = tmp_path / "data" / "ParcelBench" / "demo.sqlite"
    assert rows(demo, "SELECT item_id, outcome, officer_badge FROM inspections") == [
        ("UA980512836CN", "released", "O1001")
    ]


def test_the_window_runs_on_a_wayland_desktop(tmp_path: Path) -> None:
    """GNOME and KDE sessions are Wayland now: Qt takes its wayland plugin there. The window's
    self-test (log in, the demo clip through the real decoder, a flagged card) on Weston."""
    runtime = tmp_path / "runtime"
    with wayland_display(runtime) as socket:
        env = dict(
            os.environ,
            WAYLAND_DISPLAY=socket,
            XDG_RUNTIME_DIR=str(runtime),
            XDG_SESSION_TYPE="wayland",
            QT_QPA_PLATFORM="wayland",
            HOME=str(tmp_path),
            XDG_DATA_HOME=str(tmp_path / "data"),
            XDG_CONFIG_HOME=str(tmp_path / "config"),
        )
        env.pop("DISPLAY", None)
        shot = ARTIFACTS / "wayland-smoke.png"
        done = subprocess.run(
            [sys.executable, "-m", "parcelbench", "app", "--demo", "--smoke-test", str(shot)],
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "smoke test passed: HA336870917CN" in done.stdout
    log = (tmp_path / "data" / "ParcelBench" / "logs" / "parcelbench.log").read_text()
    assert "with Qt's wayland platform" in log
    assert not QImage(str(shot)).isNull()
