"""Runtime hook (Linux bundle): pyzbar finds zbar with `ctypes.util.find_library("zbar")`, which
searches only the system; point it at the copy the bundle carries, so a bench needs no libzbar0."""

import ctypes.util
import os
import sys

_system_find_library = ctypes.util.find_library


def _find_library(name: str) -> str | None:
    if name == "zbar":
        bundled = os.path.join(getattr(sys, "_MEIPASS", ""), "libzbar.so.0")
        if os.path.exists(bundled):
            return bundled
    return _system_find_library(name)


ctypes.util.find_library = _find_library
