"""Where the 1D barcodes are in a frame, and which way their bars run.

Why our own locator: a label on the bench lies at any angle, and whole-frame decoders only scan
rows and columns, so they miss codes rotated 25–45° off an axis. A 1D symbol is the one thing
in a frame whose gradients all point the same way over a large area; the *structure tensor*
(the local covariance of the gradient) measures exactly that. Per block of pixels we compute
its energy (contrast) and coherence (1 = every gradient parallel); coherent, strong blocks are
joined into regions, and each region's summed tensor gives the bar direction to well under a
degree — precise enough to average a code along its bars. OpenCV's gradient detector
(`cv2.barcode`) is a second, independent opinion: each finds codes the other misses.

A label tilted towards the camera adds two things, both handled here: its rules, border and
text lines touch the code and join its blocks (groups are split by bar direction), and the
symbol is sheared, its ends no longer square to its bars (each region carries that ``skew``,
so the code is cut out along its own axis).

Everything runs on 4×4-pixel blocks of the full-resolution gradient, so thin bars (1.3 px
modules) still count, while the region search is on a 320×180 grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Final

import cv2
import numpy as np

BLOCK: Final = 4
"""Side of the pixel blocks the tensor is summed over."""
_MAX_SHEAR: Final = 0.7
"""Largest skew measured (tan 35°): beyond it the estimate is noise, not perspective."""


@dataclass(frozen=True)
class Region:
    """A candidate 1D symbol: a parallelogram in frame pixels, bars along ``v``.

    ``angle`` is the direction across the bars (radians, in [0, π)). The code's long axis
    (``axis``) is turned from it by ``skew``: a label seen at a slant under strong perspective
    shears the symbol, so its ends are no longer square to its bars. ``length`` is the
    extent along ``axis`` and ``height`` the extent along the bars.
    """

    cx: float
    cy: float
    angle: float
    length: float
    height: float
    score: float
    source: str
    skew: float = 0.0

    @property
    def u(self) -> tuple[float, float]:
        return (math.cos(self.angle), math.sin(self.angle))

    @property
    def v(self) -> tuple[float, float]:
        return (-math.sin(self.angle), math.cos(self.angle))

    @property
    def axis(self) -> tuple[float, float]:
        return (math.cos(self.angle + self.skew), math.sin(self.angle + self.skew))

    def corners(self) -> list[tuple[float, float]]:
        """The four corners, clockwise in image coordinates."""
        (ax, ay), (vx, vy) = self.axis, self.v
        hl, hh = self.length / 2, self.height / 2
        return [
            (self.cx + sx * hl * ax + sy * hh * vx, self.cy + sx * hl * ay + sy * hh * vy)
            for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))
        ]

    def contains(self, x: float, y: float) -> bool:
        (ax, ay), (vx, vy) = self.axis, self.v
        dx, dy = x - self.cx, y - self.cy
        det = ax * vy - ay * vx  # cos(skew): never near 0, skew stays within ±35°
        along = (dx * vy - dy * vx) / det
        across = (ax * dy - ay * dx) / det
        return abs(along) <= self.length / 2 and abs(across) <= self.height / 2


@dataclass(frozen=True)
class Tensor:
    """Block sums of the structure tensor: Jxx, Jyy, Jxy per ``BLOCK``×``BLOCK`` block."""

    jxx: np.ndarray
    jyy: np.ndarray
    jxy: np.ndarray

    @cached_property
    def neighbourhood(self) -> Neighbourhood:
        """The tensor over 3×3 blocks (12×12 px), once per frame for the 1D and 2D searches."""
        # A 3×3 block neighbourhood spans a few bars even for large modules.
        jxx = cv2.blur(self.jxx, (3, 3))
        jyy = cv2.blur(self.jyy, (3, 3))
        jxy = cv2.blur(self.jxy, (3, 3))
        energy = jxx + jyy
        coherence = np.sqrt((jxx - jyy) ** 2 + 4 * jxy**2) / (energy + 1e-3)
        # Contrast threshold relative to the frame, with a floor for dim frames and noise.
        floor = max(400.0, float(np.percentile(energy, 99.5)) * 0.04)
        return Neighbourhood(jxx, jyy, jxy, energy, coherence, floor)


@dataclass(frozen=True)
class Neighbourhood:
    """The smoothed tensor with its energy (contrast), coherence (1: all one way) and floor."""

    jxx: np.ndarray
    jyy: np.ndarray
    jxy: np.ndarray
    energy: np.ndarray
    coherence: np.ndarray
    floor: float


def block_tensor(gray: np.ndarray) -> Tensor:
    """The structure tensor of a grey frame, averaged over blocks (float32, 1/BLOCK size)."""
    # The 3×3 Sobel pair in one pass (int16), products straight to float32.
    gx, gy = cv2.spatialGradient(gray)
    h, w = gray.shape
    size = (w // BLOCK, h // BLOCK)

    def pooled(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return cv2.resize(cv2.multiply(a, b, dtype=cv2.CV_32F), size, interpolation=cv2.INTER_AREA)

    return Tensor(pooled(gx, gx), pooled(gy, gy), pooled(gx, gy))


def noise_level(t: Tensor) -> float:
    """The frame's sensor noise σ in grey levels, from the quietest quarter of its blocks.

    Why: a noisy webcam frame needs different handling downstream (the 2D pass reads it better
    after a slight blur, a clean one worse). For independent pixel noise the 3×3 Sobel pair
    gives gx² + gy² = 24σ² on average, and at least a quarter of any frame is flat paper or
    background, so the 25th percentile of the block energy is noise, not edges. Free: the
    locator's tensor is already there.
    """
    return math.sqrt(float(np.percentile(t.jxx + t.jyy, 25)) / 24)


def find_regions(
    gray: np.ndarray,
    *,
    tensor: Tensor | None = None,
    min_coherence: float = 0.55,
    min_blocks: int = 24,
    max_regions: int = 6,
    bins: int = 12,
) -> list[Region]:
    """Regions of strong, parallel gradients, the most barcode-like first.

    Strong coherent blocks are joined into components. A component whose blocks do not all run
    one way (a code joined to the label's rules, border or text lines beside it, common on a
    strongly tilted label) is split by bar direction: ``bins`` overlapping windows, each
    2·180°/``bins`` wide and starting every 180°/``bins``, so a code whose bars fan out by less
    than 180°/``bins`` under perspective still falls inside one window. Without the split such
    a component's summed gradients point every way and it used to be dropped as texture.
    """
    t = tensor if tensor is not None else block_tensor(gray)
    n = t.neighbourhood
    coherence = n.coherence
    good = (coherence > min_coherence) & (n.energy > n.floor)
    direction = 0.5 * np.arctan2(2 * n.jxy, n.jxx - n.jyy) % np.pi
    step = np.minimum((direction * (bins / np.pi)).astype(np.int32), bins - 1)
    step[~good] = -1
    candidates: list[_Blob] = []
    for blob in _components(good, coherence, min_blocks):
        sub = blob.mask()
        steps = step[blob.y : blob.y + blob.h, blob.x : blob.x + blob.w]
        hist = np.bincount(steps[sub & (steps >= 0)], minlength=bins)
        window = hist + np.roll(hist, -1)
        if window.max() >= 0.9 * hist.sum():
            candidates.append(blob)
            continue
        box = coherence[blob.y : blob.y + blob.h, blob.x : blob.x + blob.w]
        for k in np.flatnonzero(window >= min_blocks):
            one_way = sub & ((steps == k) | (steps == (k + 1) % bins))
            candidates.extend(_components(one_way, box, min_blocks, blob.x, blob.y))
    # Text and texture give many small, less coherent groups: measure only the likeliest.
    candidates.sort(key=lambda b: b.rank, reverse=True)
    regions: list[Region] = []
    for blob in candidates[: 3 * max_regions]:
        sub = blob.mask()
        box = coherence[blob.y : blob.y + blob.h, blob.x : blob.x + blob.w]
        region = _region(sub, blob.x, blob.y, t, box)
        if region is not None:
            regions.append(region)
    regions.sort(key=lambda r: r.score, reverse=True)
    # The same code seen through two overlapping direction windows: keep the better view.
    kept: list[Region] = []
    for region in regions:
        if not any(_same_code(region, other) for other in kept):
            kept.append(region)
    return kept[:max_regions]


@dataclass(frozen=True)
class _Blob:
    """One connected group of blocks: its label in ``labels``, bounding box in the grid."""

    labels: np.ndarray
    index: int
    x: int
    y: int
    w: int
    h: int
    ox: int
    oy: int
    rank: float
    """Mean coherence × √blocks: the score of :func:`_region` without its costly parts."""

    def mask(self) -> np.ndarray:
        lx, ly = self.x - self.ox, self.y - self.oy
        return self.labels[ly : ly + self.h, lx : lx + self.w] == self.index


def _components(
    mask: np.ndarray, coherence: np.ndarray, min_blocks: int, ox: int = 0, oy: int = 0
) -> list[_Blob]:
    """Connected groups of blocks (after closing bar/space gaps and dropping specks).

    ``mask`` and ``coherence`` cover the grid from block (``ox``, ``oy``); the blobs' boxes
    are in whole-grid blocks.
    """
    mask = mask.astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return []
    sums = np.bincount(labels.ravel(), weights=coherence.ravel(), minlength=count)
    out = []
    for i in range(1, count):
        area = int(stats[i, cv2.CC_STAT_AREA])
        if area < min_blocks:
            continue
        x, y, w, h = (int(v) for v in stats[i, :4])
        rank = float(sums[i]) / area * math.sqrt(area)
        out.append(_Blob(labels, i, x + ox, y + oy, w, h, ox, oy, rank))
    return out


def _same_code(a: Region, b: Region) -> bool:
    """Two regions around the same bars: one's centre inside the other, directions close."""
    turn = abs((a.angle - b.angle + math.pi / 2) % math.pi - math.pi / 2)
    return turn < math.radians(25) and (a.contains(b.cx, b.cy) or b.contains(a.cx, a.cy))


def _region(sub: np.ndarray, x: int, y: int, t: Tensor, coherence: np.ndarray) -> Region | None:
    """Turn one connected group of blocks into a parallelogram: sides along its bars and
    along the code's axis, which a tilted label shears away from square."""
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
    # Shear: the slope of the blocks' centre line against the bars' normal (least squares).
    du = along_u - along_u.mean()
    spread = float((du * du).sum())
    slope = float((du * (along_v - along_v.mean())).sum()) / spread if spread > 0 else 0.0
    skew = math.atan(max(-_MAX_SHEAR, min(_MAX_SHEAR, slope)))
    if abs(skew) < math.radians(2):
        skew = 0.0
    # Coordinates along the code's axis and along the bars: p = a·axis + b·v.
    a = along_u / math.cos(skew)
    b = along_v - along_u * math.tan(skew)
    a0, a1 = float(a.min()), float(a.max())
    b0, b1 = float(b.min()), float(b.max())
    length, height = a1 - a0 + BLOCK, b1 - b0 + BLOCK
    if length < 6 * BLOCK:
        return None
    ma, mb = (a0 + a1) / 2, (b0 + b1) / 2
    ax, ay = math.cos(angle + skew), math.sin(angle + skew)
    cx, cy = ma * ax - mb * s, ma * ay + mb * c
    score = overall * float(coherence[sub].mean()) * math.sqrt(len(xs))
    return Region(cx, cy, angle, length, height, score, "tensor", skew)


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


def matrix_regions(
    gray: np.ndarray,
    tensor: Tensor,
    *,
    max_regions: int = 3,
    max_coherence: float = 0.5,
    min_side: int = 6,
    max_side: int = 100,
) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h in frame pixels) where a QR code or DataMatrix may be, likeliest first.

    Why: zxing-cpp's whole-frame pass finds a 2D code by its finder patterns, which a small,
    rotated, creased or thermally streaked symbol breaks; the same symbol read from a crop
    enlarged twice often decodes. A 2D symbol is a compact, nearly square patch of strong
    gradients pointing every way (low coherence, unlike bars); text lines are long and thin,
    so the shape test drops most of them. Boxes are in frame pixels with a quiet-zone margin.
    """
    n = tensor.neighbourhood
    energy = n.energy
    mask = ((n.coherence < max_coherence) & (energy > n.floor)).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    # Eroding by a 5-block square removes text lines (thinner than 20 px) and keeps the core
    # of any symbol at least ~7 blocks across, cut off from the print beside it.
    core = cv2.erode(mask, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(core, connectivity=8)
    scored = []
    for i in range(1, count):
        x, y, w, h, _area = (int(v) for v in stats[i])
        x, y, w, h = x - 2, y - 2, w + 4, h + 4  # the erosion undone
        if not (min_side <= w <= max_side and min_side <= h <= max_side):
            continue
        if max(w, h) > 3 * min(w, h):
            continue
        x, y = max(0, x), max(0, y)
        patch = mask[y : y + h, x : x + w]
        fill = float(patch.mean())
        if fill < 0.3:
            continue
        box_energy = float(energy[y : y + h, x : x + w].mean())
        scored.append((fill * box_energy, x, y, w, h))
    scored.sort(reverse=True)
    fh, fw = gray.shape[:2]
    boxes = []
    for _score, x, y, w, h in scored[:max_regions]:
        margin = max(w, h) * BLOCK // 3
        x0, y0 = max(0, x * BLOCK - margin), max(0, y * BLOCK - margin)
        x1, y1 = min(fw, (x + w) * BLOCK + margin), min(fh, (y + h) * BLOCK + margin)
        boxes.append((x0, y0, x1 - x0, y1 - y0))
    return boxes
