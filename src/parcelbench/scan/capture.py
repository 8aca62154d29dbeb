"""Capture in its own thread, handing the decoder only the newest frame.

Why a one-frame mailbox and not a queue: the officer expects the screen to answer for the
parcel under the camera *now*. A camera delivers 30 frames a second whatever the decoder does;
queued frames would make every answer later than the one before. So the capture thread
overwrites the single slot and counts what it dropped; the decoder takes whatever is newest
when it is ready.

Opening is retried ``CaptureSettings.retries`` times with a pause that a stop request
interrupts, and every attempt and failure is reported through ``on_status`` as a sentence, so
the window can say "camera 0 could not be opened … retrying" instead of freezing.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from parcelbench.scan.sources import (
    CaptureSettings,
    FrameSource,
    SourceError,
    Spec,
    open_source,
    parse_spec,
)


@dataclass(frozen=True)
class Frame:
    seq: int
    """1 for the first frame captured; gaps mean dropped frames."""
    image: np.ndarray
    captured_at: float
    """``time.monotonic()`` when it was read."""


class LatestFrame:
    """A one-slot mailbox: ``put`` replaces an untaken frame (counted as dropped)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._frame: Frame | None = None
        self._closed = False
        self.dropped = 0
        self.delivered = 0

    def put(self, frame: Frame) -> None:
        with self._cond:
            if self._frame is not None:
                self.dropped += 1
            self._frame = frame
            self._cond.notify()

    def take(self, timeout: float | None = None) -> Frame | None:
        """The newest frame, waiting up to ``timeout``; None on timeout or once closed and empty."""
        with self._cond:
            if self._frame is None and not self._closed:
                self._cond.wait(timeout)
            frame, self._frame = self._frame, None
            if frame is not None:
                self.delivered += 1
            return frame

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        with self._cond:
            return self._closed and self._frame is None


StatusCallback = Callable[[str], None]


class CaptureThread(threading.Thread):
    """Reads a source into a :class:`LatestFrame` until stopped, the source ends, or it fails."""

    def __init__(
        self,
        spec: str | int | os.PathLike[str] | Spec,
        settings: CaptureSettings | None = None,
        *,
        mailbox: LatestFrame | None = None,
        on_status: StatusCallback | None = None,
    ) -> None:
        super().__init__(name="parcelbench-capture", daemon=True)
        self.spec = spec if isinstance(spec, Spec) else parse_spec(spec)
        self.settings = settings or CaptureSettings()
        self.mailbox = mailbox or LatestFrame()
        self._on_status = on_status or (lambda _msg: None)
        self._stop_event = threading.Event()
        self.captured = 0
        self.error: str | None = None
        """Why capture ended, when it ended on a failure."""
        self.attempts = 0

    def stop(self) -> None:
        self._stop_event.set()

    @property
    def stopping(self) -> bool:
        return self._stop_event.is_set()

    def run(self) -> None:
        try:
            while not self.stopping:
                source = self._open()
                if source is None:
                    return
                try:
                    lost = self._pump(source)
                finally:
                    source.close()
                if not lost:
                    return
                # A camera unplugged or a stream dropped: open it again, with the same retries.
        finally:
            self.mailbox.close()

    def _open(self) -> FrameSource | None:
        s = self.settings
        for attempt in range(1, s.retries + 1):
            if self.stopping:
                return None
            self.attempts = attempt
            try:
                source = open_source(self.spec, s)
            except SourceError as exc:
                if attempt < s.retries:
                    self._on_status(
                        f"{exc}; retrying in {s.retry_delay_s:g} s "
                        f"(attempt {attempt + 1} of {s.retries})"
                    )
                    self._stop_event.wait(s.retry_delay_s)
                    continue
                self.error = f"{exc} (gave up after {s.retries} attempts)"
                self._on_status(self.error)
                return None
            self._on_status(f"{self.spec} open")
            return source
        return None

    def _pump(self, source: FrameSource) -> bool:
        """Read until stopped or the end; True when a live source was lost (reconnect)."""
        pace = None
        if not source.live and self.settings.realtime and source.fps:
            pace = 1.0 / source.fps
        next_at = time.monotonic()
        while not self.stopping:
            try:
                image = source.read()
            except SourceError as exc:
                self.error = str(exc)
                self._on_status(f"{exc}; reconnecting")
                return True
            if image is None:
                self._on_status(f"{self.spec} ended")
                return False
            self.captured += 1
            now = time.monotonic()
            self.mailbox.put(Frame(self.captured, image, now))
            if pace is not None:
                next_at = max(next_at + pace, now - pace)
                self._stop_event.wait(max(0.0, next_at - time.monotonic()))
        return False
