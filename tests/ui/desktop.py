"""A real X display for window tests: Xvfb, keys typed by xdotool, screenshots from the server.

Why not offscreen: the offscreen platform never loads Qt's xcb plugin, so a window that aborts
on a stock desktop for want of two system libraries passed every offscreen test. Here the app
runs as its own process with `QT_QPA_PLATFORM=xcb` against an X server, receives real key
events, and is photographed by the X server itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import PROJECT_ROOT

ARTIFACTS = Path(os.environ.get("PARCELBENCH_ARTIFACTS", PROJECT_ROOT / "artifacts"))
SIZE = "1366x768x24"


def need(tool: str) -> str:
    """A system tool the desktop tests use; `./run test` installs them (xvfb, xdotool, weston)."""
    found = shutil.which(tool)
    assert found, f"{tool} is missing: ./run test installs it (Debian: apt install {tool})"
    return found


@contextmanager
def x_display(size: str = SIZE) -> Iterator[str]:
    """An Xvfb server on a free display number; yields DISPLAY (":N")."""
    read, write = os.pipe()
    server = subprocess.Popen(
        [need("Xvfb"), "-displayfd", str(write), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number, f"Xvfb did not start: {server.stderr.read().decode()[-500:]}"  # type: ignore[union-attr]
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


@contextmanager
def wayland_display(runtime: Path, size: tuple[int, int] = (1366, 768)) -> Iterator[str]:
    """A headless Weston compositor; yields WAYLAND_DISPLAY (a socket in `runtime`)."""
    runtime.mkdir(mode=0o700, exist_ok=True)
    name = "parcelbench-test"
    server = subprocess.Popen(
        [
            need("weston"),
            "--backend=headless-backend.so",
            f"--socket={name}",
            f"--width={size[0]}",
            f"--height={size[1]}",
            "--idle-time=0",
        ],
        env=dict(os.environ, XDG_RUNTIME_DIR=str(runtime)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(lambda: (runtime / name).exists() or server.poll() is not None, 30, "Weston")
        if server.poll() is not None:
            raise AssertionError(f"Weston did not start: {server.communicate()[1].decode()[-500:]}")
        yield name
    finally:
        server.terminate()
        server.wait(10)


def xdotool(display: str, *args: str) -> str:
    done = subprocess.run(
        [need("xdotool"), *args],
        env=dict(os.environ, DISPLAY=display),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"xdotool {' '.join(args)}: {done.stderr}"
    return done.stdout


def wait_for(check: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def screenshot(display: str, path: Path) -> Path:
    """The whole X screen as the server holds it (not the widget's own rendering)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("grab_screen.py")), str(path)],
        env=dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-1000:]
    return path
