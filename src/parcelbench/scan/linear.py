"""Read the 1D code in one located region: cut it out, average it, try the decoders.

Why a module of its own: a region is tried in a fixed order of cheap to dear — the averaged,
sharpened scanline first (what reads nearly every flat label), then what bent, folded and
worn labels need (each band alone, the modules evened out, the strip cut along the code's
curve, zbar on a narrowed strip). The frame decoder runs the flat-label steps on every region
first and the others only when the whole frame gave no parcel id, so a frame with a flat label
costs what it always did. Polygons come back in frame pixels.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import cv2
import numpy as np

from parcelbench.ids import parse
from parcelbench.scan import decoders
from parcelbench.scan.decoders import Read
from parcelbench.scan.follow import curved_strip
from parcelbench.scan.locate import Region
from parcelbench.scan.profile import (
    aligned_profile,
    band_profiles,
    bar_edges,
    even_out,
    flatten,
    sample_strip,
    sharpen,
    strip_transform,
    tighten,
    to_image,
    upsample_factor,
)

CURVED_HEIGHT = 1.6
"""A bent code's strip is cut this much taller than its region: the region, measured as if the
code were flat, covers only part of the bars where the code curves away."""
BENT_BANDS = 6
"""Bands of the strip read one by one when the averaged scanline does not read: a fold through
the symbol kinks its bars, and a band on one side of the fold is still straight."""
MIN_BAR_EDGES = 20
"""Fewer bar/space alternations than this: not a 1D symbol, not worth a decoder call."""
MIN_TIGHT_EDGES = 16
"""The same test at frame resolution, before upsampling. Measured on 90 webcam frames: every
S10 read showed at least 46, nearly nine in ten other regions (rules, edges, text strokes)
fewer than 10."""


@dataclass(frozen=True)
class Cut:
    """A region cut out of the frame and averaged, ready for the decoders."""

    region: Region
    factor: float
    strip: np.ndarray
    profile: np.ndarray
    module: float
    """Samples per module along the profile (for an S10-sized code)."""


def cut_region(gray: np.ndarray, region: Region) -> Cut | None:
    """The region's strip and averaged scanline; None when it does not alternate like bars.

    Rules, edges and text strokes are dropped here, before any decoder runs.
    """
    tight = tighten(gray, region)
    if tight is not None:
        if tight.edges < MIN_TIGHT_EDGES:
            return None
        region = tight.region
    factor = upsample_factor(region)
    strip = sample_strip(gray, region, factor)
    profiles = band_profiles(strip, 4)
    profile = aligned_profile(profiles)
    if max(bar_edges(profile), bar_edges(profiles[len(profiles) // 2])) < MIN_BAR_EDGES:
        return None
    return Cut(region, factor, strip, profile, region.length * factor / 156.0)


def read_cut(
    cut: Cut, sharpen_steps: tuple[tuple[float, float], ...], *, use_zxing: bool = True
) -> list[Read]:
    """The flat-label steps: what reads nearly every code, a few ms at most.

    zxing-cpp on the two sharpened scanlines, zbar and zxing-cpp on the plain one (the
    sharpening is scaled by the module size estimated from the region's length; when that is
    off, e.g. a tilted code with print at one end, only the plain scanline reads), zxing-cpp on
    the sharpened line levelled against a shadow edge, zbar on the whole strip. Stops at the
    first step that yields a valid parcel id; other codes (a reference number) are returned
    when nothing better is found.
    """
    best: list[Read] = []
    for line, decoder in _attempts(cut.profile, cut.module, sharpen_steps, use_zxing):
        mapped = [_to_frame(r, cut.region, cut.factor) for r in _read_line(line, decoder)]
        if any(parse(r.text).valid for r in mapped):
            return mapped
        best = best or mapped
    if not best:
        reads = decoders.zbar(np.clip(cut.strip, 0, 255).astype(np.uint8))
        best = [_to_frame(r, cut.region, cut.factor) for r in reads]
    return best


def read_bent(
    gray: np.ndarray, cut: Cut, sharpen_steps: tuple[tuple[float, float], ...]
) -> list[Read]:
    """The bent, folded and worn label steps; only parcel ids come back (else nothing).

    Each band of the strip alone (a fold kinks the bars, a band beside it is straight), the
    line evened out (modules shrinking towards one end), the strip cut along the code's curve
    (:mod:`parcelbench.scan.follow`), and zbar on the strip narrowed to 0.7 of its width
    (averaging neighbouring columns brings back bars a worn head printed thin, which
    thresholding at full width loses).
    """
    for line, decoder in _bent_attempts(cut.strip, cut.profile, cut.module, sharpen_steps):
        mapped = [_to_frame(r, cut.region, cut.factor) for r in _read_line(line, decoder)]
        if any(parse(r.text).valid for r in mapped):
            return mapped
    curved = _read_curved(gray, cut.region, cut.factor, cut.module, sharpen_steps)
    if curved:
        return curved
    narrow = cv2.resize(cut.strip, None, fx=0.7, fy=1.0, interpolation=cv2.INTER_AREA)
    reads = decoders.zbar(np.clip(narrow, 0, 255).astype(np.uint8))
    mapped = [_to_frame(r, cut.region, cut.factor * 0.7) for r in reads]
    return mapped if any(parse(r.text).valid for r in mapped) else []


def _read_curved(
    gray: np.ndarray,
    region: Region,
    factor: float,
    module: float,
    sharpen_steps: tuple[tuple[float, float], ...],
) -> list[Read]:
    """A parcel id read from the strip cut along the code's bent axis (:mod:`scan.follow`).

    The polygon is the region's: the curve is for reading, the outline only shows where.
    """
    strip = curved_strip(gray, region, factor, height_frac=CURVED_HEIGHT)
    if strip is None:
        return []
    profile = aligned_profile(band_profiles(strip, 4))
    lines = list(_attempts(profile, module, sharpen_steps, True))
    lines += [(band, "zbar") for band in band_profiles(strip, BENT_BANDS)]
    for line, decoder in lines:
        reads = _read_line(line, decoder)
        if any(parse(r.text).valid for r in reads):
            return [_outlined(r, region) for r in reads]
    for scale in (1.0, 0.7):
        image = cv2.resize(strip, None, fx=scale, fy=1.0, interpolation=cv2.INTER_AREA)
        reads = decoders.zbar(np.clip(image, 0, 255).astype(np.uint8))
        if any(parse(r.text).valid for r in reads):
            return [_outlined(r, region) for r in reads]
    return []


def _outlined(read: Read, region: Region) -> Read:
    corners = tuple((float(x), float(y)) for x, y in region.corners())
    return Read(read.text, read.symbology, corners, read.decoder, read.data)


def _attempts(
    profile: np.ndarray,
    module: float,
    sharpen_steps: tuple[tuple[float, float], ...],
    use_zxing: bool,
) -> Iterable[tuple[np.ndarray, str]]:
    """The averaged scanline as the decoders get it, most often successful first."""
    sharp = "zxing" if use_zxing else "zbar"
    for sigma, amount in sharpen_steps:
        yield sharpen(profile, sigma * module, amount), sharp
    yield profile, "zbar"
    if use_zxing:
        yield profile, "zxing"
        # A shadow edge or a lamp's falloff across the code: levelled after sharpening.
        sigma, amount = sharpen_steps[0]
        yield flatten(sharpen(profile, sigma * module, amount), max(9, round(6 * module))), "zxing"


def _bent_attempts(
    strip: np.ndarray,
    profile: np.ndarray,
    module: float,
    sharpen_steps: tuple[tuple[float, float], ...],
) -> Iterable[tuple[np.ndarray, str]]:
    """Lines for a bent, folded or slanted label: each band alone, then the line evened out."""
    sigma, amount = sharpen_steps[0]
    for band in band_profiles(strip, BENT_BANDS):
        yield band, "zxing"
        yield sharpen(band, sigma * module, amount), "zxing"
    even = even_out(profile, module)
    if even is not None:
        yield even, "zxing"
        yield even, "zbar"
        for sigma, amount in sharpen_steps:
            yield sharpen(even, sigma * module, amount), "zxing"


def _read_line(line: np.ndarray, decoder: str) -> list[Read]:
    image = to_image(line)
    if decoder == "zxing":
        return decoders.zxing(image, decoders.ZXING_LINEAR, try_rotate=False, try_downscale=False)
    return decoders.zbar(image)


def _to_frame(read: Read, region: Region, factor: float) -> Read:
    """Map a read in strip/profile coordinates back to the frame (full strip height)."""
    m, _cols, rows = strip_transform(region, factor)
    xs = [p[0] for p in read.polygon]
    x0, x1 = min(xs), max(xs)
    poly = tuple(
        (
            float(m[0, 0] * x + m[0, 1] * y + m[0, 2]),
            float(m[1, 0] * x + m[1, 1] * y + m[1, 2]),
        )
        for x, y in ((x0, 0.0), (x1, 0.0), (x1, float(rows)), (x0, float(rows)))
    )
    return Read(read.text, read.symbology, poly, read.decoder, read.data)
