"""Where the 1D barcodes are in a frame, and which way their bars run.

Why our own locator: a label on the bench lies at any angle, and whole-frame decoders only scan
rows and columns, so they miss codes rotated 25–45° off an axis. A 1D symbol is the one thing
in a frame whose gradients all point the same way over a large area; the *structure tensor*
(the local covariance of the gradient) measures exactly that. Per block of pixels we compute
its energy (contrast) and coherence (1 = every gradient parallel); coherent, strong blocks are
joined into regions, and each region's summed tensor gives the bar direction to well under a
degree — precise enough to average a code along its bars. OpenCV's gradient detector
(`cv2.barcode`) is a second, independent opinion: each finds codes the other misses.

Everything runs on 4×4-pixel blocks of the full-resolution gradient, so thin bars (1.3 px
modules) still count, while the region search is on a 320×180 grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np

BLOCK: Final = 4
"""Side of the pixel blocks the tensor is summed over."""


@dataclass(frozen=True)
class Region:
    """A candidate 1D symbol: a rectangle in frame pixels, turned so ``u`` crosses the bars.

    ``angle`` is the direction across the bars (radians, in [0, π)); ``length`` is the
    extent along it and ``height`` the extent along the bars.
    """

    cx: float
    cy: float
    angle: float
    length: float
    height: float
    score: float
    source: str

    @property
    def u(self) -> tuple[float, float]:
        return (math.cos(self.angle), math.sin(self.angle))

    @property
    def v(self) -> tuple[float, float]:
        return (-math.sin(self.angle), math.cos(self.angle))

    def corners(self) -> list[tuple[float, float]]:
        """The four corners, clockwise in image coordinates."""
        (ux, uy), (vx, vy) = self.u, self.v
        hl, hh = self.length / 2, self.height / 2
        return [
            (self.cx + sx * hl * ux + sy * hh * vx, self.cy + sx * hl * uy + sy * hh * vy)
            for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))
        ]

    def contains(self, x: float, y: float) -> bool:
        (ux, uy), (vx, vy) = self.u, self.v
        dx, dy = x - self.cx, y - self.cy
        return (
            abs(dx * ux + dy * uy) <= self.length / 2 and abs(dx * vx + dy * vy) <= self.height / 2
        )


@dataclass(frozen=True)
class Tensor:
    """Block sums of the structure tensor: Jxx, Jyy, Jxy per ``BLOCK``×``BLOCK`` block."""

    jxx: np.ndarray
    jyy: np.ndarray
    jxy: np.ndarray


def block_tensor(gray: np.ndarray) -> Tensor:
    """The structure tensor of a grey frame, averaged over blocks (float32, 1/BLOCK size)."""
    gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3)
    h, w = gray.shape
    size = (w // BLOCK, h // BLOCK)
    return Tensor(
        cv2.resize(gx * gx, size, interpolation=cv2.INTER_AREA),
        cv2.resize(gy * gy, size, interpolation=cv2.INTER_AREA),
        cv2.resize(gx * gy, size, interpolation=cv2.INTER_AREA),
    )


def find_regions(
    gray: np.ndarray,
    *,
    min_coherence: float = 0.55,
    min_blocks: int = 24,
    max_regions: int = 6,
) -> list[Region]:
    """Regions of strong, parallel gradients, the most barcode-like first."""
    t = block_tensor(gray)
    # A 3×3 block neighbourhood (12×12 px) spans a few bars even for large modules.
    jxx = cv2.blur(t.jxx, (3, 3))
    jyy = cv2.blur(t.jyy, (3, 3))
    jxy = cv2.blur(t.jxy, (3, 3))
    energy = jxx + jyy
    coherence = np.sqrt((jxx - jyy) ** 2 + 4 * jxy**2) / (energy + 1e-3)
    # Contrast threshold relative to the frame, with a floor for dim frames and noise.
    floor = max(400.0, float(np.percentile(energy, 99.5)) * 0.04)
    mask = ((coherence > min_coherence) & (energy > floor)).astype(np.uint8)
    # Close the gaps of wide spaces/bars, then drop isolated blocks.
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    regions: list[Region] = []
    for i in range(1, count):
        if stats[i, cv2.CC_STAT_AREA] < min_blocks:
            continue
        x, y, w, h = (int(v) for v in stats[i, :4])
        sub = labels[y : y + h, x : x + w] == i
        region = _region(sub, x, y, t, coherence[y : y + h, x : x + w])
        if region is not None:
            regions.append(region)
    regions.sort(key=lambda r: r.score, reverse=True)
    return regions[:max_regions]


def _region(sub: np.ndarray, x: int, y: int, t: Tensor, coherence: np.ndarray) -> Region | None:
    """Turn one connected component of blocks into a rectangle aligned with its bars."""
    h, w = sub.shape
    sxx = float(t.jxx[y : y + h, x : x + w][sub].sum())
    syy = float(t.jyy[y : y + h, x : x + w][sub].sum())
    sxy = float(t.jxy[y : y + h, x : x + w][sub].sum())
    total = sxx + syy
    if total <= 0:
        return None
    overall = math.sqrt((sxx - syy) ** 2 + 4 * sxy**2) / total
    if overall < 0.5:  # parts pointing different ways: text or texture, not one code
        return None
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy) % math.pi
    ys, xs = np.nonzero(sub)
    px = (xs + x + 0.5) * BLOCK
    py = (ys + y + 0.5) * BLOCK
    c, s = math.cos(angle), math.sin(angle)
    along_u = px * c + py * s
    along_v = -px * s + py * c
    u0, u1 = float(along_u.min()), float(along_u.max())
    v0, v1 = float(along_v.min()), float(along_v.max())
    length, height = u1 - u0 + BLOCK, v1 - v0 + BLOCK
    if length < 6 * BLOCK:
        return None
    mu, mv = (u0 + u1) / 2, (v0 + v1) / 2
    cx, cy = mu * c - mv * s, mu * s + mv * c
    score = overall * float(coherence[sub].mean()) * math.sqrt(len(xs))
    return Region(cx, cy, angle, length, height, score, "tensor")


def detector_regions(gray: np.ndarray, detector: cv2.barcode.BarcodeDetector) -> list[Region]:
    """OpenCV's gradient detector's boxes as regions (bar direction from the tensor)."""
    ok, boxes = detector.detect(gray)
    if not ok or boxes is None:
        return []
    regions = []
    for box in boxes:
        (cx, cy), _size, _deg = cv2.minAreaRect(box.astype(np.float32))
        angle = _bar_angle(gray, box)
        if angle is None:
            continue
        # Express the box extents along the measured bar direction.
        pts = box.astype(np.float64) - (cx, cy)
        c, s = math.cos(angle), math.sin(angle)
        along_u = pts[:, 0] * c + pts[:, 1] * s
        along_v = -pts[:, 0] * s + pts[:, 1] * c
        length = float(along_u.max() - along_u.min())
        height = float(along_v.max() - along_v.min())
        regions.append(Region(float(cx), float(cy), angle, length, height, 0.0, "detector"))
    return regions


def _bar_angle(gray: np.ndarray, box: np.ndarray) -> float | None:
    """Direction across the bars inside a box, from the summed structure tensor."""
    x, y, w, h = cv2.boundingRect(box.astype(np.int32))
    x0, y0 = max(x, 0), max(y, 0)
    roi = gray[y0 : y + h, x0 : x + w]
    if roi.size < 64:
        return None
    gx = cv2.Sobel(roi, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(roi, cv2.CV_32F, 0, 1, ksize=3)
    sxx, syy, sxy = float((gx * gx).sum()), float((gy * gy).sum()), float((gx * gy).sum())
    return 0.5 * math.atan2(2 * sxy, sxx - syy) % math.pi
