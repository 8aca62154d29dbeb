"""A running scanner: capture thread → newest frame → decoder thread → scan logic → events.

Why two threads: capture must keep draining the camera (or its buffer fills with stale frames)
while a frame is being decoded, and neither may run on the GUI thread. OpenCV, zbar and
zxing-cpp release the GIL, so on a 2-core bench the two threads really run side by side. The
window (a later layer) wraps the callbacks in Qt signals; nothing here knows about Qt.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from parcelbench.domain.scan_event import ScanEvent
from parcelbench.scan.capture import CaptureThread, Frame, LatestFrame, StatusCallback
from parcelbench.scan.logic import ScanLogic, ScanPolicy
from parcelbench.scan.pipeline import Code, DecoderConfig, FrameDecoder
from parcelbench.scan.sources import CaptureSettings, Spec

EventCallback = Callable[[ScanEvent], None]
FrameCallback = Callable[[Frame, list[Code]], None]


@dataclass
class LiveStats:
    captured: int = 0
    decoded: int = 0
    dropped: int = 0
    events: int = 0


@dataclass
class LiveScanner:
    """Start with :meth:`start`, stop with :meth:`stop` (or let a file source run out)."""

    spec: str | int | os.PathLike[str] | Spec
    settings: CaptureSettings = field(default_factory=CaptureSettings)
    decoder_config: DecoderConfig = field(default_factory=DecoderConfig)
    policy: ScanPolicy = field(default_factory=ScanPolicy)
    on_event: EventCallback = lambda _e: None
    on_status: StatusCallback = lambda _m: None
    on_frame: FrameCallback | None = None
    """Every decoded frame with its codes (outlines on the live view)."""

    def __post_init__(self) -> None:
        self.mailbox = LatestFrame()
        self.capture = CaptureThread(
            self.spec, self.settings, mailbox=self.mailbox, on_status=self.on_status
        )
        self.logic = ScanLogic(self.policy)
        self._decoded = 0
        self._events = 0
        self.paused = threading.Event()
        """Set: frames still flow to `on_frame` (the view stays live) but nothing is decoded."""
        self._decoder_thread = threading.Thread(
            target=self._decode_loop, name="parcelbench-decode", daemon=True
        )

    @property
    def stats(self) -> LiveStats:
        return LiveStats(
            captured=self.capture.captured,
            decoded=self._decoded,
            dropped=self.mailbox.dropped,
            events=self._events,
        )

    def start(self) -> LiveScanner:
        self.capture.start()
        self._decoder_thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self.capture.stop()
        self.capture.join(timeout)
        self._decoder_thread.join(timeout)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a file or folder source to be fully decoded; True when it was."""
        self._decoder_thread.join(timeout)
        return not self._decoder_thread.is_alive()

    def _decode_loop(self) -> None:
        decoder = FrameDecoder(self.decoder_config)
        source = str(self.capture.spec)
        while True:
            frame = self.mailbox.take(timeout=0.2)
            if frame is None:
                if self.mailbox.closed:
                    break
                continue
            if self.paused.is_set():
                if self.on_frame is not None:
                    self.on_frame(frame, [])
                continue
            codes = decoder.decode(frame.image)
            self._decoded += 1
            if self.on_frame is not None:
                self.on_frame(frame, codes)
            event = self.logic.feed(codes, source)
            if event is not None:
                self._events += 1
                self.on_event(event)
