"""Shared fixtures for the scanning tests: real frames from the real encoders, seeds fixed."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from parcelbench.scan.synth import LabelFrame, label_frames
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "barcodes"


@pytest.fixture(scope="session")
def frames_large() -> list[LabelFrame]:
    """Webcam-like S10 labels with 1.7–3 px modules (the ≥ 90 % band)."""
    return label_frames(24, seed=101, module_range=(1.7, 3.0))


@pytest.fixture(scope="session")
def frames_small() -> list[LabelFrame]:
    """Webcam-like S10 labels with 1.3–1.7 px modules (the ≥ 50 % band)."""
    return label_frames(12, seed=202, module_range=(1.3, 1.7))


def write_images(folder: Path, frames: list[LabelFrame]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, frame in enumerate(frames):
        path = folder / f"frame-{i:03d}.jpg"
        cv2.imwrite(str(path), frame.image, [cv2.IMWRITE_JPEG_QUALITY, 90])
        paths.append(path)
    return paths


def write_video(path: Path, frames: list[LabelFrame], fps: float = 10.0) -> Path:
    """An MJPEG .avi, the format of a USB camera recording, written by OpenCV itself."""
    h, w = frames[0].image.shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, (w, h))
    assert writer.isOpened()
    for frame in frames:
        writer.write(frame.image)
    writer.release()
    return path
