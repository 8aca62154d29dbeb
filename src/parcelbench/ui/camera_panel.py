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
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

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


def render(image: Any, codes: list[Any], *, paused: bool, width: int = VIEW_WIDTH) -> QImage:
    """A BGR frame scaled to `width` with every code outlined and labelled (any thread)."""
    import cv2
    import numpy as np

    h, w = image.shape[:2]
    f = width / w
    small = cv2.resize(image, (width, max(1, round(h * f))), interpolation=cv2.INTER_AREA)
    for code in codes:
        pts = np.array([[x * f, y * f] for x, y in code.polygon], np.int32)
        colour = _PARCEL_BGR if code.is_parcel_id else _OTHER_BGR
        cv2.polylines(small, [pts], True, colour, 2, cv2.LINE_AA)
        label = code.parsed.normalized if code.is_parcel_id else code.text[:24]
        x, y = int(pts[:, 0].min()), max(14, int(pts[:, 1].min()) - 6)
        cv2.putText(small, label, (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 3)
        cv2.putText(small, label, (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.5, colour, 1)
    if paused:
        cv2.putText(small, "PAUSED (F7)", (12, 30), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 4)
        cv2.putText(
            small, "PAUSED (F7)", (12, 30), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (255, 255, 255), 2
        )
    rows, cols = small.shape[:2]
    return QImage(small.data, cols, rows, small.strides[0], QImage.Format.Format_BGR888).copy()


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
    """``scanned(payload, symbology)`` once per parcel put under the camera."""

    scanned = Signal(str, str)
    status = Signal(str)

    def __init__(self, spec: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec if spec is not None else QSettings().value("camera/spec", None)
        self.scanner: Any = None
        self.generation = 0
        self._last_frame: Any = None  # newest camera image (for evidence photos)
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
        self.pause_button = QPushButton(self.tr("Pause (F7)"), self)
        self.pause_button.setObjectName("cameraPause")
        self.pause_button.setCheckable(True)
        self.pause_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pause_button.toggled.connect(self._paused)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Camera"), self))
        row.addWidget(self.picker, 1)
        row.addWidget(self.pause_button)

        self.view = QLabel(self.tr("camera off"), self)
        self.view.setObjectName("cameraView")
        self.view.setMinimumSize(320, 180)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.last_read = QLabel("", self)
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
            bridge.frame.emit(generation, render(image, codes, paused=paused))

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
        QSettings().setValue("camera/spec", spec)
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
        self.pause_button.setText(self.tr("Resume (F7)") if on else self.tr("Pause (F7)"))
        if self.scanner is not None:
            if on:
                self.scanner.paused.set()
            else:
                self.scanner.paused.clear()
        self.status.emit(self.tr("Camera paused") if on else self.tr("Camera reading again"))

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
        item_id = getattr(event, "item_id", None)
        raw = getattr(event, "raw", "")
        symbology = getattr(event, "symbology", "") or ""
        if item_id:
            self.last_read.setText(
                self.tr("✓ read {id} ({symbology})").format(id=item_id, symbology=symbology)
            )
        else:
            self.last_read.setText(self.tr("✕ not a parcel id: {raw}").format(raw=raw[:40]))
        self.scanned.emit(item_id or raw, symbology)

    def _on_frame(self, generation: int, image: QImage) -> None:
        if generation == self.generation:
            self.view.setPixmap(QPixmap.fromImage(image))

    def _on_status(self, generation: int, text: str) -> None:
        """The capture's words with the source as the picker names it ("Camera 1 open")."""
        if generation == self.generation and self.spec is not None:
            from parcelbench.scan.sources import parse_spec

            self.status.emit(text.replace(str(parse_spec(self.spec)), describe(self.spec)))
