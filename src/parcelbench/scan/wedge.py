"""Tell a handheld keyboard-wedge scanner's keystrokes apart from an officer's typing.

Why timing: a wedge scanner *is* a keyboard to the computer. What gives it away is speed — it
types a whole code in a few milliseconds per character, ending in Enter or Tab, which no person
does (fast typists leave 60–150 ms between keys). So the detector holds back keystrokes that
come quickly one after another; if they end in a terminator before a gap, they were a scan,
else they are handed back, in order, as typing. A scanner's configured prefix/suffix (when
set) must also be there, and GS (0x1D, what a GS1 barcode's FNC1 becomes; sent as Ctrl+] or a
configured substitute) is kept in the payload so :func:`parcelbench.ids.parse` can split an
IMpb's routing from its tracking number.

This module is pure: keys in, decisions out, time passed in by the caller. The Qt event filter
(:mod:`parcelbench.ui.wedge`) feeds it and carries out the decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Final

GS: Final = "\x1d"
ENTER: Final = "\r"
TAB: Final = "\t"


@dataclass(frozen=True)
class WedgeConfig:
    max_interval_ms: float = 35.0
    """Longest gap between two keystrokes of one scan (scanners: 1–20 ms; people: 60 ms+)."""
    min_length: int = 6
    """Shortest payload that counts as a scan (prefix and suffix not counted)."""
    terminators: tuple[str, ...] = (ENTER, TAB)
    prefix: str = ""
    """Characters the scanner is set to send first (stripped); empty for none."""
    suffix: str = ""
    """Characters the scanner is set to send before the terminator (stripped)."""
    gs_aliases: tuple[str, ...] = ()
    """Strings some scanners send instead of a raw GS (e.g. ``"<GS>"``); turned into GS."""


class Action(Enum):
    """What the caller must do with the key it just fed."""

    HOLD = "hold"
    """Keep it back: it may be part of a scan."""
    PASS = "pass"
    """Deliver it normally (after the keys returned in ``Decision.release``)."""
    SCAN = "scan"
    """A scan completed: swallow this key (the terminator) and the held ones."""


@dataclass(frozen=True)
class Decision:
    action: Action
    release: tuple[int, ...] = ()
    """Tokens of held keys that turned out to be typing, to deliver now, in order."""
    payload: str | None = None
    """The scanned text (``Action.SCAN`` only)."""


@dataclass
class BurstDetector:
    """Feed every key press; act on each :class:`Decision`."""

    config: WedgeConfig = field(default_factory=WedgeConfig)
    _chars: list[str] = field(default_factory=list)
    _tokens: list[int] = field(default_factory=list)
    _last_ms: float = float("-inf")
    _next_token: int = 0

    @property
    def holding(self) -> bool:
        return bool(self._tokens)

    def key(self, text: str, t_ms: float) -> tuple[int, Decision]:
        """One key press with its text ("" for keys without text); returns (token, decision).

        The token names this key in later ``release`` tuples.
        """
        token = self._next_token
        self._next_token += 1
        gap = t_ms - self._last_ms
        self._last_ms = t_ms
        if self._tokens and gap > self.config.max_interval_ms:
            released = self._drop()
            return token, self._fresh(token, text, released)
        return token, self._fresh(token, text, ())

    def _fresh(self, token: int, text: str, released: tuple[int, ...]) -> Decision:
        if text in self.config.terminators:
            if self._tokens and self._is_scan():
                payload = self._payload()
                self._drop()
                return Decision(Action.SCAN, released, payload)
            return Decision(Action.PASS, released + self._drop())
        if len(text) == 1 and (text.isprintable() or text == GS):
            self._chars.append(text)
            self._tokens.append(token)
            return Decision(Action.HOLD, released)
        # Shortcuts, arrows, function keys: never part of a scan.
        return Decision(Action.PASS, released + self._drop())

    def timeout(self, t_ms: float) -> tuple[int, ...]:
        """Call when no key came for ``max_interval_ms``: the held keys were typing."""
        if self._tokens and t_ms - self._last_ms > self.config.max_interval_ms:
            return self._drop()
        return ()

    def _drop(self) -> tuple[int, ...]:
        released = tuple(self._tokens)
        self._chars.clear()
        self._tokens.clear()
        return released

    def _text(self) -> str:
        text = "".join(self._chars)
        for alias in self.config.gs_aliases:
            text = text.replace(alias, GS)
        return text

    def _is_scan(self) -> bool:
        text = self._text()
        c = self.config
        if c.prefix and not text.startswith(c.prefix):
            return False
        if c.suffix and not text.endswith(c.suffix):
            return False
        return len(text) - len(c.prefix) - len(c.suffix) >= c.min_length

    def _payload(self) -> str:
        text = self._text()
        c = self.config
        text = text[len(c.prefix) :]
        return text[: len(text) - len(c.suffix)] if c.suffix else text


def bursts(keys: list[tuple[str, float]], config: WedgeConfig | None = None) -> list[str]:
    """The scans found in a recorded key sequence of (text, time in ms) — for tests and tools."""
    detector = BurstDetector(config or WedgeConfig())
    found = []
    for text, t in keys:
        _, decision = detector.key(text, t)
        if decision.action is Action.SCAN and decision.payload is not None:
            found.append(decision.payload)
    return found
