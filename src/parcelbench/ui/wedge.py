"""An application-wide Qt event filter that turns keyboard-wedge scanner bursts into scans.

Why app-wide: the officer scans whatever has focus — the notes field, a table, a dialog — and a
scan must land as a scan, not as thirteen characters typed into that field. Installed on the
``QApplication``, the filter sees every key press before the focused widget does. The decisions
come from the pure :class:`parcelbench.scan.wedge.BurstDetector`; this class only carries them
out: keys that may belong to a scan are held back, a completed scan is emitted as ``scanned``
and its keys are swallowed, and held keys that turn out to be typing are re-sent, in order, to
the widget they were meant for (after at most ``max_interval_ms``, imperceptible when typing).

Timing uses the event's own timestamp when the platform gives one (so keys queued while the GUI
thread was busy keep their real spacing), else the arrival time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from parcelbench.domain.scan_event import ScanEvent
from parcelbench.scan.wedge import GS, Action, BurstDetector, WedgeConfig

_MODIFIER_KEYS = frozenset(
    (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr)
)


@dataclass
class _Held:
    receiver: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class WedgeFilter(QObject):
    """``scanned(ScanEvent)`` fires once per scanner burst, whichever widget has focus."""

    scanned = Signal(object)  # ScanEvent

    def __init__(self, config: WedgeConfig | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config or WedgeConfig()
        self._detector = BurstDetector(self.config)
        self._held: dict[int, _Held] = {}
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._last_stamp = 0.0

    def install(self, app: QApplication | None = None) -> WedgeFilter:
        (app or QApplication.instance()).installEventFilter(self)
        return self

    def uninstall(self, app: QApplication | None = None) -> None:
        (app or QApplication.instance()).removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(obj, QWidget) or obj is not (QApplication.focusWidget() or obj.window()):
            return False  # the same key seen again on its way up to a parent, or a QWindow
        assert isinstance(event, QKeyEvent)
        if event.key() in _MODIFIER_KEYS or event.isAutoRepeat():
            return False  # scanners press Shift for capitals; it is not a character
        text = _key_text(event)
        token, decision = self._detector.key(text, self._stamp(event))
        self._release(decision.release)
        if decision.action is Action.HOLD:
            self._held[token] = _Held(obj, event.key(), event.modifiers(), event.text())
            self._timer.start(int(self.config.max_interval_ms) + 5)
            return True
        if decision.action is Action.SCAN:
            self._timer.stop()
            self._held.clear()
            if decision.payload is not None:
                self.scanned.emit(ScanEvent.of(decision.payload, "wedge", "keyboard"))
            return True
        return False

    def _stamp(self, event: QKeyEvent) -> float:
        """Milliseconds: the event's timestamp when the platform sets it, else now."""
        stamp = float(event.timestamp())
        if stamp > 0 and stamp >= self._last_stamp:
            self._last_stamp = stamp
            return stamp
        return time.monotonic() * 1000.0

    def _on_timeout(self) -> None:
        if self._held:
            # Held keys with no follower in time: typing. Release everything still held.
            self._detector.timeout(float("inf"))
            self._release(tuple(sorted(self._held)))

    def _release(self, tokens: tuple[int, ...]) -> None:
        """Deliver held keys that were typing to the widgets they were pressed in."""
        self._replaying = True
        try:
            for token in tokens:
                held = self._held.pop(token, None)
                if held is None:
                    continue
                receiver = held.receiver
                if not shiboken6.isValid(receiver):
                    continue  # the widget was closed meanwhile
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(
                        receiver, QKeyEvent(kind, held.key, held.modifiers, held.text)
                    )
        finally:
            self._replaying = False


def _key_text(event: QKeyEvent) -> str:
    """The character a key press stands for; GS for Ctrl+] (how scanners send FNC1)."""
    text = event.text()
    if event.key() == Qt.Key.Key_BracketRight and (
        event.modifiers() & Qt.KeyboardModifier.ControlModifier
    ):
        return GS
    if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return "\r"
    if event.key() == Qt.Key.Key_Tab:
        return "\t"
    return text
