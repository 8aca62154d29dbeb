"""Where frames come from: a camera, a video file, a network stream or a folder of images.

Why one interface for all four: the bench uses a USB or document camera, but tests, the demo and
the CLI must run the same capture path without one — a folder of JPEGs or a short MJPEG clip
goes through exactly the code a camera does. Opening is bounded in time (OpenCV returns at once
when a device index has no camera; network streams get open/read timeouts), and a failure is a
:class:`SourceError` with a sentence an officer can act on, never a hang.

Specs (:func:`parse_spec`): ``0`` or ``camera:0`` → device index; ``rtsp://…``/``http://…`` →
stream; an existing folder → its images in name order; anything else → a video file.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal, Protocol

import cv2
import numpy as np

from parcelbench.scan.corpus import IMAGE_SUFFIXES

Kind = Literal["device", "file", "url", "folder"]
_URL_SCHEMES: Final = ("rtsp://", "rtsps://", "http://", "https://", "udp://", "tcp://")


class SourceError(Exception):
    """A source could not be opened or stopped delivering frames; the message says which."""


@dataclass(frozen=True)
class CaptureSettings:
    """What to ask of the source. Cameras may give something else; files ignore size and fps."""

    width: int | None = 1280
    height: int | None = 720
    fps: float | None = 30.0
    """Requested camera rate; for files and folders, the playback rate when ``realtime``."""
    realtime: bool = True
    """Play files and folders at ``fps`` (as a camera would deliver them), else as fast as read."""
    loop: bool = False
    """Start a file or folder again at its end (a demo that runs all day)."""
    open_timeout_s: float = 5.0
    read_timeout_s: float = 5.0
    retries: int = 3
    """Open attempts before giving up (cameras being plugged in, streams restarting)."""
    retry_delay_s: float = 1.0


@dataclass(frozen=True)
class Spec:
    kind: Kind
    target: int | str | Path

    def __str__(self) -> str:
        if self.kind == "device":
            return f"camera:{self.target}"
        return f"{self.kind}:{self.target}"


def parse_spec(spec: str | int | os.PathLike[str]) -> Spec:
    """Classify a source the way the user named it."""
    if isinstance(spec, int):
        return Spec("device", spec)
    text = os.fspath(spec)
    bare = text.removeprefix("camera:")
    if bare.isdigit() and (text.startswith("camera:") or not Path(text).exists()):
        return Spec("device", int(bare))
    if text.lower().startswith(_URL_SCHEMES):
        return Spec("url", text)
    path = Path(text)
    if path.is_dir():
        return Spec("folder", path)
    return Spec("file", path)


class FrameSource(Protocol):
    """An open source. ``read`` returns a BGR frame, or None at the end of a file/folder."""

    spec: Spec
    live: bool
    """True for cameras and streams (no pacing, reconnect on loss)."""
    fps: float | None

    def read(self) -> np.ndarray | None: ...

    def close(self) -> None: ...


class VideoSource:
    """``cv2.VideoCapture`` on a device, file or stream."""

    def __init__(self, spec: Spec, settings: CaptureSettings) -> None:
        self.spec = spec
        self.live = spec.kind in ("device", "url")
        self._settings = settings
        self._cap = _open_capture(spec, settings)
        fps = self._cap.get(cv2.CAP_PROP_FPS)
        self.fps = float(fps) if fps and fps > 0 else settings.fps

    def read(self) -> np.ndarray | None:
        ok, frame = self._cap.read()
        if ok and frame is not None:
            return frame
        if self.live:
            raise SourceError(f"{_describe(self.spec)} stopped delivering frames")
        if self._settings.loop and self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0):
            ok, frame = self._cap.read()
            if ok:
                return frame
        return None

    def close(self) -> None:
        self._cap.release()


def _open_capture(spec: Spec, settings: CaptureSettings) -> cv2.VideoCapture:
    if spec.kind == "file" and not Path(str(spec.target)).is_file():
        raise SourceError(f"{spec.target}: no such file")
    params = [
        cv2.CAP_PROP_OPEN_TIMEOUT_MSEC,
        int(settings.open_timeout_s * 1000),
        cv2.CAP_PROP_READ_TIMEOUT_MSEC,
        int(settings.read_timeout_s * 1000),
    ]
    if spec.kind == "device":
        # DirectShow opens in well under a second on Windows; the default backend can take long.
        backend = cv2.CAP_DSHOW if sys.platform == "win32" else cv2.CAP_ANY
        cap = cv2.VideoCapture(int(spec.target), backend, params)
    elif spec.kind == "url":
        cap = cv2.VideoCapture(str(spec.target), cv2.CAP_FFMPEG, params)
    else:
        cap = cv2.VideoCapture(str(spec.target), cv2.CAP_ANY, params)
    if not cap.isOpened():
        cap.release()
        raise SourceError(_open_failure(spec))
    if spec.kind == "device":
        if settings.width and settings.height:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, settings.width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, settings.height)
        if settings.fps:
            cap.set(cv2.CAP_PROP_FPS, settings.fps)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # newest frame, not a queue of old ones
    return cap


def _describe(spec: Spec) -> str:
    if spec.kind == "device":
        return f"camera {spec.target}"
    if spec.kind == "url":
        return f"stream {spec.target}"
    return str(spec.target)


def _open_failure(spec: Spec) -> str:
    if spec.kind == "device":
        return (
            f"camera {spec.target} could not be opened: it is not connected, is in use by "
            "another program, or access to it is not allowed"
        )
    if spec.kind == "url":
        return f"stream {spec.target} could not be opened: check the address and the network"
    return f"{spec.target}: not a video OpenCV can read"


class FolderSource:
    """The images of a folder in name order, as if a camera had taken them."""

    live = False

    def __init__(self, spec: Spec, settings: CaptureSettings) -> None:
        self.spec = spec
        self.fps = settings.fps
        self._loop = settings.loop
        folder = Path(str(spec.target))
        self._paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not self._paths:
            raise SourceError(f"{folder}: no images in the folder")
        self._next = 0
        self.skipped: list[Path] = []

    def read(self) -> np.ndarray | None:
        while True:
            if self._next >= len(self._paths):
                if not self._loop or len(self.skipped) == len(self._paths):
                    return None
                self._next = 0
            path = self._paths[self._next]
            self._next += 1
            frame = cv2.imread(str(path), cv2.IMREAD_COLOR)
            if frame is not None:
                return frame
            if path not in self.skipped:
                self.skipped.append(path)

    def close(self) -> None:
        self._next = len(self._paths)


def open_source(
    spec: str | int | os.PathLike[str] | Spec, settings: CaptureSettings
) -> FrameSource:
    """Open once (no retry here; :class:`parcelbench.scan.capture.CaptureThread` retries)."""
    parsed = spec if isinstance(spec, Spec) else parse_spec(spec)
    if parsed.kind == "folder":
        return FolderSource(parsed, settings)
    return VideoSource(parsed, settings)
