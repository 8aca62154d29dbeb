"""The Qt binding itself: a bench runs for a whole shift, so a leak per signal is a crash.

PySide6 6.12.0 drops a reference to ``True`` on every signal emit; on Python 3.11 (where
``True`` is not immortal) the live camera's ~30 frame signals a second abort the process with
"bool_dealloc" within minutes. pyproject.toml excludes that release; this test keeps it out.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    frame = Signal(int, object)


def test_emitting_signals_leaves_the_interpreter_intact(qtbot: QtBot) -> None:
    emitter = _Emitter()
    seen: list[int] = []
    emitter.frame.connect(lambda generation, _image: seen.append(generation))
    gc.collect()
    before = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    for n in range(5000):
        emitter.frame.emit(n, None)
    gc.collect()
    after = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    assert len(seen) == 5000
    assert all(a - b > -50 for a, b in zip(after, before, strict=True)), (before, after)
