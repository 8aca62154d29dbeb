"""The camera panel on real frames through the real decoder: outlines, picker, pause."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from parcelbench.resources import resource
from parcelbench.scan.pipeline import FrameDecoder
from parcelbench.scan.synth import DEMO_IDS, render_frame
from parcelbench.ui.camera_panel import CameraPanel, render

DEMO_CLIP = str(resource("demo", "camera"))


def test_codes_are_outlined_green_on_the_view() -> None:
    frame = render_frame("RR473124829GB", 2.4, np.random.default_rng(3)).image
    codes = FrameDecoder().decode(frame)
    assert [c.parsed.normalized for c in codes if c.is_parcel_id] == ["RR473124829GB"]
    image = render(frame, codes, paused=False)
    assert image.width() == 480
    f = 480 / frame.shape[1]
    x, y = (round(v * f) for v in codes[0].polygon[0])

    def green_near(img: object) -> bool:
        near = [
            QColor(img.pixel(x + dx, y + dy))  # type: ignore[attr-defined]
            for dx in range(-2, 3)
            for dy in range(-2, 3)
            if 0 <= x + dx < image.width() and 0 <= y + dy < image.height()
        ]
        return any(c.green() > 120 and c.red() < 90 and c.blue() < 90 for c in near)

    assert green_near(image), "the parcel id's corner is outlined in green"
    assert not green_near(render(frame, [], paused=False)), "and only because of the outline"
    assert image.height() > round(frame.shape[0] * f), "the code's text is in a legend below"
    fitted = render(frame, codes, paused=False, width=480, height=200)
    assert fitted.height() <= 200 and fitted.width() < 480  # picture and legend fit the view
    paused = render(frame, codes, paused=True)
    top = [QColor(paused.pixel(x, 5)).lightness() for x in range(300, 460, 8)]
    live = [QColor(image.pixel(x, 5)).lightness() for x in range(300, 460, 8)]
    assert sum(top) < 0.6 * sum(live), "paused: a dark band says codes are not being read"


def test_the_demo_clip_reads_its_parcels_and_shows_the_last_read(qtbot: QtBot) -> None:
    panel = CameraPanel(DEMO_CLIP)
    qtbot.addWidget(panel)
    read: list[str] = []
    panel.scanned.connect(lambda event: read.append(event.item_id or event.raw))
    panel.start()
    try:
        qtbot.waitUntil(lambda: len(read) == len(DEMO_IDS), timeout=60_000)
    finally:
        panel.stop()
    assert read == list(DEMO_IDS)
    assert not panel.view.pixmap().isNull()
    assert DEMO_IDS[-1] in panel.last_read.text() and panel.last_read.text().startswith("✓")
    assert not panel.running


def test_paused_the_camera_shows_pictures_but_reads_nothing(qtbot: QtBot) -> None:
    panel = CameraPanel(DEMO_CLIP)
    qtbot.addWidget(panel)
    read: list[str] = []
    statuses: list[str] = []
    panel.scanned.connect(lambda event: read.append(event.item_id or event.raw))
    panel.status.connect(lambda text: statuses.append(text))
    panel.toggle_pause()  # F7 before the camera starts: it starts paused
    assert panel.pause_button.text().startswith("Resume")
    panel.start()
    try:
        qtbot.waitUntil(lambda: any(s.endswith(" ended") for s in statuses), timeout=60_000)
        qtbot.wait(300)
    finally:
        panel.stop()
    assert read == []
    assert not panel.view.pixmap().isNull(), "the picture stays live while paused"


def test_switching_cameras_drops_the_old_one_and_reads_the_new(
    qtbot: QtBot, tmp_path: Path
) -> None:
    clip = tmp_path / "bench-2"
    clip.mkdir()
    frame = render_frame("CP100000140DE", 2.4, np.random.default_rng(9)).image
    for i in range(4):
        cv2.imwrite(str(clip / f"f{i}.jpg"), frame)
    panel = CameraPanel(None)
    qtbot.addWidget(panel)
    assert not panel.view.isVisibleTo(panel) and not panel.pause_button.isEnabled()
    read: list[str] = []
    panel.scanned.connect(lambda event: read.append(event.item_id or event.raw))
    panel.start()  # no camera chosen: nothing opens
    assert not panel.running
    panel.use(DEMO_CLIP)
    panel.use(str(clip))  # before the demo clip got far: its frames and reads are dropped
    try:
        qtbot.waitUntil(lambda: "CP100000140DE" in read, timeout=60_000)
    finally:
        panel.stop()
    assert read == ["CP100000140DE"]
    assert not [t for t in threading.enumerate() if t.name.startswith("parcelbench-")]
    assert panel.picker.currentText() == "bench-2 (folder of frames)"
    assert panel.view.isVisibleTo(panel)

    again = CameraPanel(None)  # the choice is remembered for the next start
    qtbot.addWidget(again)
    assert again.spec == str(clip)


def test_a_camera_that_is_not_there_is_reported_not_a_crash(qtbot: QtBot) -> None:
    panel = CameraPanel(None)
    qtbot.addWidget(panel)
    statuses: list[str] = []
    panel.status.connect(lambda text: statuses.append(text))
    panel.use("/nonexistent/camera.mp4")
    try:
        qtbot.waitUntil(lambda: bool(statuses), timeout=30_000)
    finally:
        panel.stop()
    assert any("camera.mp4" in s for s in statuses)
