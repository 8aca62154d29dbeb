"""Decode every code in a camera frame or image: locate → rectify → average → decode → parse.

Why this order (measured in bench/decode.py, figures in docs/scanning.md): whole-frame decoders
scan rows and columns, so they miss labels lying 25–45° off an axis and thin codes; our locator
(:mod:`parcelbench.scan.locate`) finds 1D codes at any angle and tilt in ~10 ms, and reading
the averaged, sharpened scanline of each (:mod:`parcelbench.scan.profile`) with zxing-cpp reads
codes down to 1.3 px modules. zbar and zxing-cpp then get the plain scanline, zbar the strip,
and OpenCV's own detector adds regions our locator missed. 2D codes (QR, DataMatrix, PDF417,
Aztec) come from one zxing-cpp pass over the frame. For still images (``still=True``: the CLI,
the corpus) both libraries also read the whole image with their full effort, since there is no
next frame to wait for.

A code is reported with its text, symbology, polygon in frame pixels and the parsed id
(:func:`parcelbench.ids.parse`). The pipeline never "repairs" text: a read that fails the id's
check digit is reported as such (``id.valid`` false) and is never treated as a parcel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from parcelbench.ids import ParsedId, parse
from parcelbench.scan import decoders
from parcelbench.scan.decoders import Polygon, Read
from parcelbench.scan.follow import curved_strip
from parcelbench.scan.locate import (
    Region,
    block_tensor,
    detector_regions,
    find_regions,
    matrix_regions,
    noise_level,
)
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

NOISY_SIGMA = 5.5
"""Sensor noise (grey levels, :func:`noise_level`) above which the 2D pass reads a slightly
blurred frame. Measured on 100 synthetic frames of each kind: webcam frames, 22 of 58 QR /
DataMatrix codes read instead of 19, the pass ~20 % faster; mild frames, 46 of 73 either way,
where blurring every frame would have read only 38 (their small modules need the sharpness)."""
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
class Code:
    """One code found in a frame."""

    text: str
    symbology: str
    polygon: Polygon
    """Corners in frame pixels."""
    parsed: ParsedId
    decoder: str
    method: str
    """Which stage read it: ``strip`` (located + averaged), ``detector``, ``matrix``, ``frame``."""
    data: bytes = b""
    """The symbol's raw bytes (binary payloads; not shown to officers)."""

    @property
    def is_parcel_id(self) -> bool:
        """A valid S10 / IMpb / USPS 20 — the only codes ever looked up as a parcel."""
        return self.parsed.valid

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "symbology": self.symbology,
            "polygon": [[round(x, 1), round(y, 1)] for x, y in self.polygon],
            "id": self.parsed.to_json(),
            "decoder": self.decoder,
        }


@dataclass(frozen=True)
class DecoderConfig:
    """What the pipeline tries. The defaults are the live-camera settings."""

    matrix: bool = True
    """Read QR / DataMatrix / PDF417 / Aztec with one zxing-cpp pass over the frame."""
    opencv_detector: bool = True
    """Also try OpenCV's barcode detector's regions when ours gave no parcel id."""
    still: bool = False
    """Images, not a stream: add whole-image zbar and full-effort zxing-cpp passes."""
    max_regions: int = 6
    sharpen_steps: tuple[tuple[float, float], ...] = ((0.6, 2.0), (0.85, 1.0))
    """(sigma in modules, amount) of the unsharp masks tried on the averaged scanline."""
    strip_zxing: bool = True
    """Read the sharpened scanlines with zxing-cpp (off: zbar only — the benchmark's ablation)."""
    max_zooms: int = 3
    """2D-code candidates read again from a crop enlarged twice when the frame gave no id."""


def to_gray(frame: np.ndarray) -> np.ndarray:
    """Grey uint8 from a grey, BGR or BGRA frame."""
    if frame.ndim == 2:
        return frame
    if frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


@dataclass
class FrameDecoder:
    """Decodes frames; one instance per thread (OpenCV's detector object is not shared)."""

    config: DecoderConfig = field(default_factory=DecoderConfig)

    def __post_init__(self) -> None:
        self._detector = cv2.barcode.BarcodeDetector() if self.config.opencv_detector else None

    def decode(self, frame: np.ndarray) -> list[Code]:
        """Every code found in ``frame``, valid parcel ids first."""
        gray = to_gray(frame)
        found = _Found()
        tensor = block_tensor(gray)
        regions = find_regions(gray, tensor=tensor, max_regions=self.config.max_regions)
        self._read_regions(gray, regions, found, "strip")
        if self._detector is not None and not found.has_parcel_id():
            extra = [
                r
                for r in detector_regions(gray, self._detector)
                if not any(done.contains(r.cx, r.cy) for done in found.read_regions)
            ]
            self._read_regions(gray, extra, found, "detector")
        if self.config.matrix and not self.config.still:  # still: the full pass reads them
            # On a noisy frame zxing-cpp's local binarizer turns grain into specks that look
            # like modules: a slight blur first reads more 2D codes, and faster.
            matrix_gray = gray
            if noise_level(tensor) > NOISY_SIGMA:
                matrix_gray = cv2.GaussianBlur(gray, (0, 0), 0.7)
            found.add_all(
                decoders.zxing(
                    matrix_gray, decoders.ZXING_MATRIX, try_rotate=False, try_invert=False
                ),
                "matrix",
            )
            if not found.has_parcel_id():
                for box in matrix_regions(gray, tensor, max_regions=self.config.max_zooms):
                    found.add_all(read_zoomed(matrix_gray, box), "zoom")
                    if found.has_parcel_id():
                        break
        if self.config.still:
            found.add_all(decoders.zxing(gray), "frame")
            found.add_all(decoders.zbar(gray, decoders.ZBAR_ALL), "frame")
        return found.codes()

    def _read_regions(
        self, gray: np.ndarray, regions: Iterable[Region], found: _Found, method: str
    ) -> None:
        for region in regions:
            reads = read_region(
                gray, region, self.config.sharpen_steps, use_zxing=self.config.strip_zxing
            )
            if reads:
                found.read_regions.append(region)
                found.add_all(reads, method)


def read_region(
    gray: np.ndarray,
    region: Region,
    sharpen_steps: tuple[tuple[float, float], ...],
    *,
    use_zxing: bool = True,
) -> list[Read]:
    """Read the 1D code in one region; polygons come back in frame pixels.

    Regions whose scanline does not alternate like bars (rules, edges, text strokes) are
    dropped before any decoder runs. Then: zxing-cpp on the two sharpened scanlines, zbar and
    zxing-cpp on the plain one (the sharpening is scaled by the module size estimated from the
    region's length; when that is off, e.g. a tilted code with print at one end, only the
    plain scanline reads), zxing-cpp on the sharpened line levelled against a shadow edge;
    then, for bent and folded labels, each band of the strip alone and the line evened out
    (:func:`even_out`); zbar on the whole strip. Stops at the first step that yields a valid
    parcel id; other codes (a reference number) are returned when nothing better is found.
    """
    tight = tighten(gray, region)
    if tight is not None:
        if tight.edges < MIN_TIGHT_EDGES:
            return []
        region = tight.region
    factor = upsample_factor(region)
    strip = sample_strip(gray, region, factor)
    profiles = band_profiles(strip, 4)
    profile = aligned_profile(profiles)
    if max(bar_edges(profile), bar_edges(profiles[len(profiles) // 2])) < MIN_BAR_EDGES:
        return []
    module = region.length * factor / 156.0
    best: list[Read] = []
    for line, decoder in _attempts(profile, module, sharpen_steps, use_zxing):
        mapped = [_to_frame(r, region, factor) for r in _read_line(line, decoder)]
        if any(parse(r.text).valid for r in mapped):
            return mapped
        best = best or mapped
    if use_zxing:
        # Bent, folded or slanted labels: the averaged line blurs a kinked bar, and modules
        # shrink towards one end. Each band alone, then the line evened out, are tried.
        for line, decoder in _bent_attempts(strip, profile, module, sharpen_steps):
            mapped = [_to_frame(r, region, factor) for r in _read_line(line, decoder)]
            if any(parse(r.text).valid for r in mapped):
                return mapped
            best = best or mapped
    if not best:
        reads = decoders.zbar(np.clip(strip, 0, 255).astype(np.uint8))
        best = [_to_frame(r, region, factor) for r in reads]
    if use_zxing and not any(parse(r.text).valid for r in best):
        curved = _read_curved(gray, region, factor, module, sharpen_steps)
        if curved:
            return curved
        # zbar on the whole strip at 0.7 of its width: averaging neighbouring columns brings
        # back bars a worn print head printed thin, which thresholding loses at full width.
        narrow = cv2.resize(strip, None, fx=0.7, fy=1.0, interpolation=cv2.INTER_AREA)
        reads = decoders.zbar(np.clip(narrow, 0, 255).astype(np.uint8))
        mapped = [_to_frame(r, region, factor * 0.7) for r in reads]
        if any(parse(r.text).valid for r in mapped):
            return mapped
    return best


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


ZOOM = 2.0


def read_zoomed(gray: np.ndarray, box: tuple[int, int, int, int]) -> list[Read]:
    """2D codes in a crop of the frame enlarged ``ZOOM`` times; polygons in frame pixels.

    Why: zxing-cpp finds a QR code by scanning for its finder patterns' 1:1:3:1:1 runs; at
    under ~2.5 px per module, rotated, creased or streaked by a worn print head, those runs
    blur away, and the same symbol enlarged with cubic interpolation reads again.
    """
    x, y, w, h = box
    crop = cv2.resize(
        gray[y : y + h, x : x + w], None, fx=ZOOM, fy=ZOOM, interpolation=cv2.INTER_CUBIC
    )
    reads = decoders.zxing(crop, decoders.ZXING_MATRIX, try_rotate=False, try_invert=False)
    return [
        Read(
            r.text,
            r.symbology,
            tuple((x + px / ZOOM, y + py / ZOOM) for px, py in r.polygon),
            r.decoder,
            r.data,
        )
        for r in reads
    ]


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


@dataclass
class _Found:
    """Codes found so far in one frame, without duplicates."""

    by_key: dict[tuple[str, str], Code] = field(default_factory=dict)
    read_regions: list[Region] = field(default_factory=list)

    def add_all(self, reads: Iterable[Read], method: str) -> None:
        for read in reads:
            key = (read.symbology, read.text)
            if key in self.by_key or self._contradicts(read):
                continue
            self.by_key[key] = Code(
                read.text,
                read.symbology,
                read.polygon,
                parse(read.text),
                read.decoder,
                method,
                read.data,
            )

    def _contradicts(self, read: Read) -> bool:
        """zbar text for a symbol zxing-cpp already read differently at the same place.

        zbar's known misreads (Latin-1 in Code 128, Code 39 Extended, QR charsets) are
        exactly such cases; zxing-cpp returned no wrong text in the measurements.
        """
        if read.decoder != "zbar":
            return False
        cx, cy = np.mean(read.polygon, axis=0) if read.polygon else (0.0, 0.0)
        for code in self.by_key.values():
            if code.symbology != read.symbology or code.decoder != "zxing":
                continue
            contour = np.float32(code.polygon).reshape(-1, 1, 2)
            if len(code.polygon) >= 3 and cv2.pointPolygonTest(contour, (cx, cy), False) >= 0:
                return True
        return False

    def has_parcel_id(self) -> bool:
        return any(c.is_parcel_id for c in self.by_key.values())

    def codes(self) -> list[Code]:
        return sorted(self.by_key.values(), key=lambda c: not c.is_parcel_id)
