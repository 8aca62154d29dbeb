"""Before Qt starts on a Linux desktop: are the system libraries of its X11 plugin there?

Why: when Qt's xcb platform plugin cannot load, Qt aborts the whole process (exit 134) with a
message that names xcb-cursor0 whatever is actually missing; on a stock Debian 12 desktop it was
libxcb-icccm4 and libxcb-keysyms1. Asking the dynamic loader first turns that into one sentence
naming the packages to install. Pure ctypes: nothing of Qt is loaded to find out.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

#: What PySide6's `plugins/platforms/libqxcb.so` and `lib/libQt6XcbQpa.so.6` load from the
#: system (beyond what any Qt program needs), by soname, with the Debian/Ubuntu package that
#: ships it. `tests/ui/test_desktop.py` checks this list against `ldd` on the plugin.
XCB_LIBRARIES: dict[str, str] = {
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
}


def loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def platform_plugin(env: Mapping[str, str]) -> str | None:
    """The platform plugin Qt will try first here (None: not a Linux desktop session)."""
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    if not sys.platform.startswith("linux"):
        return None
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    return "xcb" if env.get("DISPLAY") else None


def missing_packages(
    env: Mapping[str, str] | None = None, *, can_load: Callable[[str], bool] = loadable
) -> list[str]:
    """The Debian/Ubuntu packages whose libraries Qt's X11 plugin needs and cannot find."""
    if platform_plugin(os.environ if env is None else env) != "xcb":
        return []
    return sorted({pkg for soname, pkg in XCB_LIBRARIES.items() if not can_load(soname)})


def problem(env: Mapping[str, str] | None = None, **kw: Callable[[str], bool]) -> str | None:
    """What keeps the window from opening on this desktop, in one sentence (None: nothing)."""
    missing = missing_packages(env, **kw)
    if not missing:
        return None
    return (
        "the window cannot open on this X11 desktop: Qt's X11 plugin needs system libraries "
        f"that are missing; install them (Debian/Ubuntu: sudo apt install {' '.join(missing)}), "
        "or run ./run demo, which installs them"
    )
