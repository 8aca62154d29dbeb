"""The live camera on the bench: picture with code outlines, camera picker, pause, last read.

Why the overlay is drawn on the decoder thread: the frame is scaled and outlined where it was
decoded (OpenCV on a numpy array, no copy to the GUI), and the GUI thread only sets a pixmap.
Switching cameras stops the old scanner on a throwaway thread — a USB camera can take seconds
to let go — and frames still in flight from it are recognised by their generation and dropped.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from parcelbench.domain.display import shown
from parcelbench.domain.settings import CAMERA_SPEC
from parcelbench.ui.labels import plain_label

VIEW_WIDTH = 480
STILLS_FPS = 2.0
"""A folder of stills (the demo clip) plays like parcels put under the camera one by one."""
OTHER = "other"  # the picker entry that asks for a file, folder or stream URL
_PARCEL_BGR = (40, 160, 40)  # a valid parcel id: green outline
_OTHER_BGR = (0, 170, 255)  # any other code: amber outline


class _Bridge(QObject):
    """The live scanner's callbacks (decoder thread) as queued signals to the GUI thread."""

    event = Signal(int, object)  # generation, ScanEvent
    frame = Signal(int, object)  # generation, QImage (scaled and outlined)
    status = Signal(int, str)


LEGEND_LINE = 20  # px per line of the legend under the picture
_FONT = 0  # cv2.FONT_HERSHEY_SIMPLEX, without importing OpenCV at module load


def render(
    image: Any,
    codes: list[Any],
    *,
    paused: bool,
    width: int = VIEW_WIDTH,
    height: int | None = None,
) -> QImage:
    """A BGR frame scaled to `width`, codes outlined, their texts in a legend below (any thread).

    The texts go under the picture, never on it: written next to an outline they covered the
    neighbouring codes and the label an officer wants to see. Paused, a band says that codes are
    not being read (the picture stays live, to aim the evidence camera).
    """
    import cv2
    import numpy as np

    h, w = image.shape[:2]
    legend: list[tuple[str, tuple[int, int, int]]] = []
    for code in codes:
        colour = _PARCEL_BGR if code.is_parcel_id else _OTHER_BGR
        text = code.parsed.normalized if code.is_parcel_id else code.text
        label = text.encode("ascii", "replace").decode()[:32]  # Hershey fonts are ASCII
        if (label, colour) not in legend:
            legend.append((label, colour))
    lines = _legend_lines(legend, width) if legend else []
    below = LEGEND_LINE * len(lines) + 6 if lines else 0
    f = width / w
    if height is not None and h * f + below > height:  # picture and legend fit the view
        f = max(1, height - below) / h
        lines = _legend_lines(legend, round(w * f)) if legend else []  # a narrower legend
        below = LEGEND_LINE * len(lines) + 6 if lines else 0
        f = min(f, max(1, height - below) / h)
    small = cv2.resize(
        image, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA
    )
    for code in codes:
        pts = np.array([[x * f, y * f] for x, y in code.polygon], np.int32)
        colour = _PARCEL_BGR if code.is_parcel_id else _OTHER_BGR
        cv2.polylines(small, [pts], True, colour, 2, cv2.LINE_AA)
    if paused:
        band = small[0:34].astype(np.float32) * 0.35
        small[0:34] = band.astype(np.uint8)
        cv2.putText(
            small,
            "PAUSED - not reading codes (F7)",
            (10, 23),
            _FONT,
            0.6,
            (255, 255, 255),
            1,
            cv2.LINE_AA,
        )
    if lines:
        strip = np.full((below, small.shape[1], 3), 32, np.uint8)
        for row, line in enumerate(lines):
            x = 8
            for label, colour in line:
                y = 15 + row * LEGEND_LINE
                cv2.circle(strip, (x + 5, y - 5), 5, colour, -1, cv2.LINE_AA)
                cv2.putText(strip, label, (x + 14, y), _FONT, 0.45, (235, 235, 235), 1, cv2.LINE_AA)
                x += _legend_width(label)
        small = np.vstack([small, strip])
    rows, cols = small.shape[:2]
    small = np.ascontiguousarray(small)
    return QImage(small.data, cols, rows, small.strides[0], QImage.Format.Format_BGR888).copy()


def _legend_width(label: str) -> int:
    import cv2

    return 14 + cv2.getTextSize(label, _FONT, 0.45, 1)[0][0] + 18


def _legend_lines(
    legend: list[tuple[str, tuple[int, int, int]]], width: int
) -> list[list[tuple[str, tuple[int, int, int]]]]:
    """The legend's entries in lines that fit the picture's width."""
    lines: list[list[tuple[str, tuple[int, int, int]]]] = [[]]
    used = 8
    for entry in legend:
        need = _legend_width(entry[0])
        if lines[-1] and used + need > width:
            lines.append([])
            used = 8
        lines[-1].append(entry)
        used += need
    return lines


def encode_jpeg(frame: Any) -> bytes:
    """A camera frame as JPEG bytes (quality 92: evidence, not a thumbnail); any thread but
    the GUI's."""
    import cv2

    ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 92])
    if not ok:
        raise ValueError("the frame could not be encoded")
    return bytes(data.tobytes())


def describe(spec: str) -> str:
    """How a camera spec reads in the picker: a device number, a file's name, a stream URL."""
    tr = QCoreApplication.translate
    if spec.isdigit():
        return tr("CameraPanel", "Camera {n}").format(n=spec)
    if "://" in spec:
        return spec
    path = Path(spec)
    if path.is_dir():
        if path.parent.name == "demo" and path.parent.parent.name == "resources":
            return tr("CameraPanel", "Demo camera clip")
        return tr("CameraPanel", "{name} (folder of frames)").format(name=path.name)
    return tr("CameraPanel", "{name} (video file)").format(name=path.name or spec)


class CameraPanel(QWidget):
    """``scanned(ScanEvent)`` once per parcel put under the camera."""

    scanned = Signal(object)  # ScanEvent, as the scan logic made it
    status = Signal(str)

    def __init__(self, spec: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = (
            spec if spec is not None else QSettings().value(CAMERA_SPEC.key, CAMERA_SPEC.default)
        )
        self.scanner: Any = None
        self.generation = 0
        self._last_frame: Any = None  # newest camera image (for evidence photos)
        self._fit = (VIEW_WIDTH, 4 * VIEW_WIDTH)  # the picture's room on screen (width, height)
        self._closing: list[threading.Thread] = []  # cameras still letting go

        self.picker = QComboBox(self)
        self.picker.setObjectName("cameraPicker")
        self.picker.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.picker.addItem(self.tr("No camera"), None)
        for n in range(3):
            self.picker.addItem(describe(str(n)), str(n))
        self.picker.addItem(self.tr("Other (file, folder or stream URL)…"), OTHER)
        if self.spec is not None:
            self._select(self.spec)
        self.picker.activated.connect(self._picked)
        self.pause_button = QPushButton(self.tr("Pause reading (F7)"), self)
        self.pause_button.setObjectName("cameraPause")
        self.pause_button.setCheckable(True)
        self.pause_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pause_button.toggled.connect(self._paused)
        row = QHBoxLayout()
        row.addWidget(plain_label(self.tr("Camera"), self))
        row.addWidget(self.picker, 1)
        row.addWidget(self.pause_button)

        self.view = plain_label(self.tr("camera off"), self)
        self.view.setObjectName("cameraView")
        self.view.setMinimumSize(320, 180)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.last_read = plain_label("", self)
        self.last_read.setObjectName("lastRead")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.last_read)
        self._show_view()

        self.bridge = _Bridge(self)
        self.bridge.event.connect(self._on_event)
        self.bridge.frame.connect(self._on_frame)
        self.bridge.status.connect(self._on_status)

    # -- camera lifecycle --------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.scanner is not None

    def start(self) -> None:
        """Open the chosen camera (after login); does nothing when none is chosen or open."""
        if self.spec is None or self.scanner is not None:
            return
        from parcelbench.scan.live import LiveScanner  # OpenCV only when a camera is used
        from parcelbench.scan.sources import CaptureSettings, parse_spec

        self.generation += 1
        generation, bridge = self.generation, self.bridge
        stills = parse_spec(self.spec).kind == "folder"
        scanner = LiveScanner(
            self.spec,
            CaptureSettings(fps=STILLS_FPS) if stills else CaptureSettings(),
            on_event=lambda event: bridge.event.emit(generation, event),
            on_status=lambda text: bridge.status.emit(generation, text),
        )

        def frame(frame: Any, codes: list[Any]) -> None:
            image = getattr(frame, "image", None)
            if image is None:
                return
            self._last_frame = image  # a reference swap: atomic, no copy on this thread
            paused = scanner.paused.is_set()
            width, height = self._fit  # the view's size, as the GUI thread last saw it
            picture = render(image, codes, paused=paused, width=width, height=height)
            bridge.frame.emit(generation, picture)

        scanner.on_frame = frame
        if self.pause_button.isChecked():
            scanner.paused.set()
        self.scanner = scanner.start()
        self._show_view()

    def stop(self, *, wait: bool = True) -> None:
        """Close the camera; `wait=False` lets a slow device close on a throwaway thread."""
        scanner, self.scanner = self.scanner, None
        self.generation += 1  # frames still in flight from it are dropped
        if scanner is not None and not wait:
            closing = threading.Thread(target=scanner.stop, name="parcelbench-camera-close")
            closing.start()
            self._closing.append(closing)
            return
        if scanner is not None:
            scanner.stop()
        for closing in self._closing:  # a full stop leaves no camera thread behind
            closing.join(10)
        self._closing.clear()

    def use(self, spec: str | None) -> None:
        """Switch to another camera (None: no camera); remembered for the next start."""
        running = self.scanner is not None
        self.stop(wait=False)
        self.spec = spec
        QSettings().setValue(CAMERA_SPEC.key, spec)
        self._select(spec)
        self._last_frame = None
        self.view.setPixmap(QPixmap())
        self.view.setText(self.tr("camera off") if spec is None else self.tr("opening camera…"))
        self._show_view()
        if running or spec is not None:
            self.start()

    def toggle_pause(self) -> None:
        self.pause_button.toggle()

    def latest_frame(self) -> Any:
        """The newest camera image, for an evidence photo (encoded on the worker thread)."""
        frame = self._last_frame
        return None if frame is None else frame.copy()

    # -- GUI side ----------------------------------------------------------------------------
    def _select(self, spec: str | None) -> None:
        index = self.picker.findData(spec)
        if index < 0:
            index = self.picker.count() - 1  # before "Other…"
            self.picker.insertItem(index, describe(str(spec)), spec)
        self.picker.setCurrentIndex(index)

    def _picked(self, index: int) -> None:
        spec = self.picker.itemData(index)
        if spec == OTHER:
            text, ok = QInputDialog.getText(
                self,
                self.tr("Camera"),
                self.tr("Device number, video file, folder of images or stream URL (rtsp://…):"),
            )
            if not ok or not text.strip():
                self._select(self.spec)
                return
            spec = text.strip()
        if spec != self.spec:
            self.use(spec)

    def _paused(self, on: bool) -> None:
        self.pause_button.setText(
            self.tr("Resume reading (F7)") if on else self.tr("Pause reading (F7)")
        )
        if self.scanner is not None:
            if on:
                self.scanner.paused.set()
            else:
                self.scanner.paused.clear()
        self.status.emit(
            self.tr("Camera paused: the picture stays live, codes are not read (F7 resumes)")
            if on
            else self.tr("Camera reading codes again")
        )

    def _show_view(self) -> None:
        on = self.spec is not None
        self.view.setVisible(on)
        self.pause_button.setEnabled(on)
        # without a camera the panel is one row and gives its height to the lists below
        vertical = QSizePolicy.Policy.Expanding if on else QSizePolicy.Policy.Maximum
        self.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)

    def _on_event(self, generation: int, event: Any) -> None:
        if generation != self.generation:
            return
        if event.item_id:
            self.last_read.setText(
                self.tr("✓ read {id} ({symbology})").format(
                    id=event.item_id, symbology=event.symbology
                )
            )
        else:
            raw = shown(event.raw[:40])
            self.last_read.setText(self.tr("✕ not a parcel id: {raw}").format(raw=raw))
        self.scanned.emit(event)

    def _on_frame(self, generation: int, image: QImage) -> None:
        if generation == self.generation:
            self.view.setPixmap(QPixmap.fromImage(image))
            self._fit = (max(160, self.view.width()), max(90, self.view.height()))

    def _on_status(self, generation: int, text: str) -> None:
        """The capture's words with the source as the picker names it ("Camera 1 open")."""
        if generation == self.generation and self.spec is not None:
            from parcelbench.scan.sources import parse_spec

            self.status.emit(text.replace(str(parse_spec(self.spec)), describe(self.spec)))
