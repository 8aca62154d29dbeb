"""A one-line progress display on a terminal's stderr (items/s and ETA)."""

from __future__ import annotations

import sys
from typing import TextIO

from parcelbench.aed.importer import Progress


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = int(seconds + 0.5)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class TerminalProgress:
    """Redraws one status line; silent when stderr is not a terminal (logs, CI, pipes)."""

    def __init__(self, stream: TextIO | None = None, *, force: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.enabled = force or self.stream.isatty()
        self._drawn = False
        self._file: str | None = None
        self._width = 0

    def __call__(self, p: Progress) -> None:
        if not self.enabled:
            return
        percent = 100.0 * p.bytes_done / p.bytes_total if p.bytes_total else 100.0
        if self._drawn and p.file != self._file:
            self.done()  # keep the finished file's last line; start a new one
        self._file = p.file
        line = (
            f"{p.file}: {p.items:,} items  {percent:5.1f}%  "
            f"{p.items_per_s:,.0f} items/s  ETA {_clock(p.eta_s)}"
        )
        self.stream.write("\r" + line.ljust(self._width))  # pad over a longer earlier line
        self.stream.flush()
        self._width = len(line)
        self._drawn = True

    def done(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
            self._width = 0
