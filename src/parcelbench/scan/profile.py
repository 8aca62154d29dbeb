"""Cut a 1D symbol out of the frame upright and turn it into clean scanlines.

Why: at 1.3–2 px per module, blur and JPEG leave the narrowest bars at a fifth of the label's
contrast, and the noise on one row of pixels is as large as that. But every row of a 1D code
carries the same pattern, so averaging rows *along the bars* removes the noise without losing
the bars — if the rows are aligned to a fraction of a module. Three steps make that so:

1. :func:`sample_strip` resamples the region with the bars vertical and the code's own axis
   horizontal (so a symbol sheared by perspective becomes an upright rectangle), upsampled
   across the bars (so a module spans ~3.5 px) but not along them (rows are only averaged);
2. :func:`aligned_profile` splits the strip into bands, measures how far each band's pattern
   is shifted against the middle one at the left, centre and right (a residual angle and the
   fan-out of a tilted label), undoes the shift, and averages;
3. :func:`sharpen` undoes part of the optical blur (unsharp mask) — safe here because the
   averaged profile has little noise left to amplify.

The decoders then read a tiny image: the profile repeated over a few rows.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np

from parcelbench.scan.locate import Region

TARGET_MODULE_PX: Final = 3.5
"""Module size the strip is resampled to (S10 Code 128: about 156 modules)."""
_S10_MODULES: Final = 156.0


def upsample_factor(region: Region, *, max_factor: float = 3.5) -> float:
    """How much to stretch the region across the bars so an S10-sized code gets ~3.5 px modules."""
    module = region.length / _S10_MODULES
    return float(min(max_factor, max(1.0, TARGET_MODULE_PX / max(module, 0.1))))


def strip_transform(
    region: Region, factor: float, *, pad: float = 0.12, height_frac: float = 0.9
) -> tuple[np.ndarray, int, int]:
    """The affine map strip (col, row) → frame (x, y), and the strip's columns and rows.

    Columns run along the code's axis (``factor`` per frame pixel), rows along its bars (one
    per frame pixel), so the bars are vertical and a sheared code is an upright rectangle.
    ``pad`` widens the strip on both ends (quiet zone, locator error).
    """
    (ax, ay), (vx, vy) = region.axis, region.v
    length = region.length * (1 + 2 * pad) + 16
    height = max(8.0, region.height * height_frac)
    ox = region.cx - ax * length / 2 - vx * height / 2
    oy = region.cy - ay * length / 2 - vy * height / 2
    m = np.float32([[ax / factor, vx, ox], [ay / factor, vy, oy]])
    return m, int(length * factor), int(height)


def sample_strip(
    gray: np.ndarray,
    region: Region,
    factor: float,
    *,
    pad: float = 0.12,
    height_frac: float = 0.9,
    interpolation: int = cv2.INTER_CUBIC,
) -> np.ndarray:
    """The region with its bars vertical: float32, ``factor`` columns per frame pixel."""
    m, cols, rows = strip_transform(region, factor, pad=pad, height_frac=height_frac)
    return cv2.warpAffine(
        gray,
        m,
        (cols, rows),
        flags=interpolation | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_REPLICATE,
    ).astype(np.float32)


def band_profiles(strip: np.ndarray, bands: int) -> list[np.ndarray]:
    """Column means of ``bands`` horizontal bands of the strip."""
    rows = strip.shape[0]
    edges = np.linspace(0, rows, bands + 1).astype(int)
    return [strip[a:b].mean(axis=0) for a, b in itertools.pairwise(edges) if b > a]


def _shift(ref: np.ndarray, other: np.ndarray, max_shift: int) -> float:
    """Sub-pixel shift s such that ``other[x + s] ≈ ref[x]`` (normalised cross-correlation)."""
    a = ref[max_shift:-max_shift].astype(np.float64)
    a = a - a.mean()
    n = len(a)
    if n < 8:
        return 0.0
    # Every candidate window of ``other`` at once: rows are shifts -max_shift … +max_shift.
    windows = np.lib.stride_tricks.sliding_window_view(other.astype(np.float64), n)
    windows = windows[: 2 * max_shift + 1]
    windows = windows - windows.mean(axis=1, keepdims=True)
    norms = np.sqrt((windows * windows).sum(axis=1) * float((a * a).sum()))
    scores = (windows @ a) / np.where(norms > 0, norms, 1.0)
    best = int(scores.argmax())
    offset = 0.0
    if 0 < best < len(scores) - 1:
        left, c, r = scores[best - 1], scores[best], scores[best + 1]
        den = left - 2 * c + r
        if den < 0:
            offset = 0.5 * (left - r) / den
    return best - max_shift + offset


def aligned_profile(
    profiles: list[np.ndarray], *, max_shift: int = 10, pieces: int = 3
) -> np.ndarray:
    """Average band profiles after undoing each band's shift against the middle band.

    The shift is measured on ``pieces`` stretches along the code and interpolated linearly
    between them, which follows both a small angle error (constant shift) and the fan-out of
    bars on a label tilted towards the camera (shift changing along the code).
    """
    ref = profiles[len(profiles) // 2]
    n = len(ref)
    xs = np.arange(n, dtype=np.float32)
    edges = np.linspace(0, n, pieces + 1).astype(int)
    centres = (edges[:-1] + edges[1:]) / 2
    total = ref.astype(np.float64).copy()
    for k, prof in enumerate(profiles):
        if k == len(profiles) // 2:
            continue
        shifts = []
        for a, b in itertools.pairwise(edges):
            lo, hi = max(0, a - max_shift), min(n, b + max_shift)
            shifts.append(_shift(ref[lo:hi], prof[lo:hi], max_shift))
        shift_at = np.interp(xs, centres, shifts)
        total += np.interp(xs + shift_at, xs, prof)
    return (total / len(profiles)).astype(np.float32)


def sharpen(profile: np.ndarray, sigma: float, amount: float) -> np.ndarray:
    """Unsharp mask: ``p + amount · (p − blur(p))`` with a Gaussian of ``sigma`` samples."""
    blurred = cv2.GaussianBlur(profile.reshape(1, -1), (0, 0), sigma).ravel()
    return profile + amount * (profile - blurred)


def flatten(profile: np.ndarray, window: int) -> np.ndarray:
    """The profile with its local white and black levels pulled level, over ``window`` samples.

    Why: a shadow edge, a fold or the falloff of a lamp crossing a code changes the paper's
    brightness along the scanline by more than the narrow bars' contrast, so one threshold
    misses the bars on the dark side. Dividing by the local envelope (the running max and min
    over a few modules) levels it; the range keeps a floor of a quarter of the whole, so a
    quiet zone's noise is not stretched into bars.
    """
    line = profile.reshape(1, -1).astype(np.float32)
    kernel = np.ones((1, window), np.uint8)
    hi = cv2.GaussianBlur(cv2.dilate(line, kernel), (0, 0), window / 2).ravel()
    lo = cv2.GaussianBlur(cv2.erode(line, kernel), (0, 0), window / 2).ravel()
    span = np.maximum(hi - lo, 0.25 * float(np.ptp(profile)) + 1e-3)
    return ((profile - lo) / span).astype(np.float32)


def even_out(profile: np.ndarray, module: float, *, runs: int = 15) -> np.ndarray | None:
    """The profile resampled so its bars and spaces are evenly wide along the code.

    Why: a label wrapped round a tube, bent over a soft bag or seen at a slant has modules
    that shrink towards one end (1.2 px at the silhouette, 2.3 px facing the lens); decoders
    allow only a slow drift of the module. The mean width of ``runs`` neighbouring bars and
    spaces estimates the local module, and the profile is stretched where it is small. None
    when the profile has too few bars to estimate it.
    """
    line = profile.astype(np.float32)
    local = cv2.blur(line.reshape(1, -1), (max(9, int(8 * module)), 1)).ravel()
    sign = np.sign(line - local)
    edges = np.flatnonzero(np.diff(sign) != 0).astype(np.float64)
    if edges.size < 2 * runs:
        return None
    gaps = np.diff(edges)
    mean = np.convolve(np.pad(gaps, runs // 2, mode="edge"), np.ones(runs) / runs, "valid")
    x = np.arange(line.size, dtype=np.float64)
    width = np.interp(x, (edges[1:] + edges[:-1]) / 2, mean[: gaps.size])
    u = np.cumsum(1.0 / width)
    u *= (line.size - 1) / u[-1]
    return np.interp(np.interp(x, u, x), x, line).astype(np.float32)


def bar_edges(profile: np.ndarray, *, window: int = 25, swing: float = 0.12) -> int:
    """How many bar/space alternations the profile shows (with hysteresis).

    Why: a frame holds many coherent, non-barcode regions (rules, the label's border, strokes
    of large text, edges of other parcels); each costs three decoder calls when tried. Any 1D
    symbol alternates dozens of times (an S10 in Code 128 about 90 times, even EAN-8 over 40),
    a rule or an edge a handful; counting is ~0.1 ms. A sample counts as bar or space only when
    it is ``swing`` of the profile's range below or above the local mean over ``window``
    samples (a few modules), so noise around the mean is not counted.
    """
    if profile.size < window:
        return 0
    local = cv2.blur(profile.reshape(1, -1).astype(np.float32), (window, 1)).ravel()
    lo, hi = np.percentile(profile, (2, 98))
    band = swing * float(hi - lo)
    if band <= 0:
        return 0
    state = np.zeros(profile.size, np.int8)
    state[profile > local + band] = 1
    state[profile < local - band] = -1
    state = state[state != 0]
    return int(np.count_nonzero(np.diff(state)))


def to_image(profile: np.ndarray, rows: int = 12) -> np.ndarray:
    """The profile stretched to 0–255 and repeated over ``rows`` rows (uint8, decoder input)."""
    lo, hi = float(profile.min()), float(profile.max())
    scaled = (profile - lo) * (255.0 / max(hi - lo, 1e-3))
    line = np.clip(scaled, 0, 255).astype(np.uint8)
    return np.repeat(line[None, :], rows, axis=0)


def _runs(mask: np.ndarray, max_gap: int) -> list[tuple[int, int]]:
    """[start, end) runs of True, bridging gaps of up to ``max_gap`` False values."""
    idx = np.flatnonzero(mask)
    if idx.size == 0:
        return []
    runs = []
    start = prev = int(idx[0])
    for i in idx[1:]:
        i = int(i)
        if i - prev > max_gap + 1:
            runs.append((start, prev + 1))
            start = i
        prev = i
    runs.append((start, prev + 1))
    return runs


@dataclass(frozen=True)
class Tight:
    """A region shrunk to its bars, and the bar/space alternations seen at frame resolution."""

    region: Region
    edges: int


def tighten(gray: np.ndarray, region: Region) -> Tight | None:
    """Shrink a region to the rows and columns that look like bars.

    A region may have swallowed the label's text or the human-readable line (neighbouring
    blocks with strong gradients); averaging those rows into the scanline would wash the bars
    out, and a too-long region makes the upsampling too small. In a strip with the bars
    vertical, bar rows have strong horizontal and almost no vertical gradient; text has both.
    None when no run of bar-like rows is found. The alternation count of the tight box's mean
    row comes for free here and lets the caller drop rules and edges before upsampling.
    """
    # Gradient statistics only: bilinear sampling is enough and twice as fast as bicubic.
    strip = sample_strip(
        gray, region, 1.0, pad=0.08, height_frac=1.15, interpolation=cv2.INTER_LINEAR
    )
    dx = np.abs(np.diff(strip, axis=1))[:-1]
    dy = np.abs(np.diff(strip, axis=0))[:, :-1]
    row_dx = np.convolve(dx.sum(axis=1), np.ones(3) / 3, mode="same")
    row_dy = np.convolve(dy.sum(axis=1), np.ones(3) / 3, mode="same")
    bar_rows = (row_dx > 1.6 * row_dy) & (row_dx > 0.3 * row_dx.max())
    runs = _runs(bar_rows, 2)
    if not runs:
        return None
    r0, r1 = max(runs, key=lambda r: r[1] - r[0])
    if r1 - r0 < 4:
        return None
    col = np.convolve(dx[r0:r1].mean(axis=0), np.ones(5) / 5, mode="same")
    cols = _runs(col > 0.2 * col.max(), 16)
    c0, c1 = max(cols, key=lambda r: float(col[r[0] : r[1]].sum()))
    rows, width = strip.shape
    # Centre of the tight box, in strip coordinates relative to the strip centre.
    du = (c0 + c1) / 2 - width / 2
    dv = (r0 + r1) / 2 - rows / 2
    (ax, ay), (vx, vy) = region.axis, region.v
    tight = Region(
        region.cx + ax * du + vx * dv,
        region.cy + ay * du + vy * dv,
        region.angle,
        float(c1 - c0),
        float(r1 - r0),
        region.score,
        region.source,
        region.skew,
    )
    return Tight(tight, bar_edges(strip[r0:r1, c0:c1].mean(axis=0), window=9))
