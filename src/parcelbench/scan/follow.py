"""Cut out a 1D symbol that is not flat: follow its axis where it bends.

Why: a label wrapped round a tube mailer or pressed over a soft bag turns a straight code into
an arc — its bars fan out and its centre line curves — and the straight strip of
:func:`parcelbench.scan.profile.sample_strip` then cuts the bars at both ends obliquely or
leaves them out. Here the code's own bar direction, measured by the local structure tensor
(smoothed over a few bars), is followed step by step from the region's centre, and the strip
is sampled column by column along that curve, each column along the bars where they are. The
result has the same shape as a straight strip, so the same profiles and decoders read it.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from parcelbench.scan.locate import Region

_STEP = 1.0
"""Frame pixels per tracing step."""
_MIN_COHERENCE = 0.35
"""Below this (quiet zone, a crease line) the bar direction is not trusted: the last one holds."""
_TURN = 0.25
"""Largest share of a new direction taken per step: bends are smooth, tensor noise is not."""


def curved_strip(
    gray: np.ndarray,
    region: Region,
    factor: float,
    *,
    pad: float = 0.12,
    height_frac: float = 0.9,
) -> np.ndarray | None:
    """The region sampled along its bent axis (float32, bars vertical), or None off the frame.

    Columns are ``factor`` per frame pixel of arc length along the axis, rows one frame pixel
    along the local bars, as in a straight strip.
    """
    half = region.length * (0.5 + pad) + 8
    height = max(8.0, region.height * height_frac)
    reach = half + height
    fh, fw = gray.shape[:2]
    x0, y0 = max(0, int(region.cx - reach)), max(0, int(region.cy - reach))
    x1, y1 = min(fw, int(region.cx + reach) + 1), min(fh, int(region.cy + reach) + 1)
    if x1 - x0 < 16 or y1 - y0 < 16:
        return None
    crop = gray[y0:y1, x0:x1]
    theta, coherence = _orientation(crop, sigma=max(3.0, 0.02 * region.length))
    start = np.array([region.cx - x0, region.cy - y0])
    axis = np.array(region.axis)
    forward = _trace(theta, coherence, start, axis, half)
    backward = _trace(theta, coherence, start, -axis, half)
    points = np.vstack([backward[::-1], forward[1:]])
    dirs = np.diff(points, axis=0)
    dirs = np.vstack([dirs, dirs[-1:]])
    dirs = cv2.GaussianBlur(dirs.reshape(-1, 1, 2).astype(np.float32), (1, 0), 4).reshape(-1, 2)
    dirs /= np.maximum(np.linalg.norm(dirs, axis=1, keepdims=True), 1e-6)
    # resample by arc length: ``factor`` columns per frame pixel
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))])
    cols = int(arc[-1] * factor)
    if cols < 32:
        return None
    s = np.linspace(0.0, arc[-1], cols)
    px = np.interp(s, arc, points[:, 0])
    py = np.interp(s, arc, points[:, 1])
    ax = np.interp(s, arc, dirs[:, 0])
    ay = np.interp(s, arc, dirs[:, 1])
    rows = np.arange(int(height), dtype=np.float64) - height / 2
    # bars run perpendicular to the local axis: (-ay, ax)
    map_x = (px[None, :] - ay[None, :] * rows[:, None] + x0).astype(np.float32)
    map_y = (py[None, :] + ax[None, :] * rows[:, None] + y0).astype(np.float32)
    strip = cv2.remap(
        gray, map_x, map_y, interpolation=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    return strip.astype(np.float32)


def _orientation(crop: np.ndarray, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """Per pixel: the dominant gradient direction (across the bars) and its coherence."""
    gx, gy = cv2.spatialGradient(crop)
    jxx = cv2.GaussianBlur(cv2.multiply(gx, gx, dtype=cv2.CV_32F), (0, 0), sigma)
    jyy = cv2.GaussianBlur(cv2.multiply(gy, gy, dtype=cv2.CV_32F), (0, 0), sigma)
    jxy = cv2.GaussianBlur(cv2.multiply(gx, gy, dtype=cv2.CV_32F), (0, 0), sigma)
    theta = 0.5 * np.arctan2(2 * jxy, jxx - jyy)
    coherence = np.sqrt((jxx - jyy) ** 2 + 4 * jxy**2) / (jxx + jyy + 1e-3)
    return theta, coherence


def _trace(
    theta: np.ndarray, coherence: np.ndarray, start: np.ndarray, heading: np.ndarray, length: float
) -> np.ndarray:
    """Points from ``start`` along the code's axis for ``length`` pixels, turning with it."""
    h, w = theta.shape
    p = start.astype(np.float64).copy()
    d = heading.astype(np.float64) / max(float(np.linalg.norm(heading)), 1e-6)
    points = [p.copy()]
    for _ in range(int(length / _STEP)):
        ix, iy = round(float(p[0])), round(float(p[1]))
        if 0 <= ix < w and 0 <= iy < h and coherence[iy, ix] >= _MIN_COHERENCE:
            t = float(theta[iy, ix])
            a = np.array([math.cos(t), math.sin(t)])
            if a @ d < 0:
                a = -a
            d = (1 - _TURN) * d + _TURN * a
            d /= max(float(np.linalg.norm(d)), 1e-6)
        p = p + _STEP * d
        points.append(p.copy())
    return np.array(points)
