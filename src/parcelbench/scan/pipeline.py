"""Decode every code in a camera frame or image: locate → rectify → average → decode → parse.

Why this order (measured in bench/decode.py, figures in docs/scanning.md): whole-frame decoders
scan rows and columns, so they miss labels lying 25–45° off an axis and thin codes; our locator
(:mod:`parcelbench.scan.locate`) finds 1D codes at any angle and tilt in ~10 ms, and reading
the averaged, sharpened scanline of each (:mod:`parcelbench.scan.linear`) with zxing-cpp reads
codes down to 1.3 px modules, with further steps for bent, folded and worn labels. OpenCV's
own detector adds regions our locator missed. 2D codes (QR, DataMatrix, PDF417, Aztec) come
from one zxing-cpp pass over the frame, and when it gives no parcel id, from likely 2D patches
read again enlarged. For still images (``still=True``: the CLI,
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
from parcelbench.scan.linear import Cut, cut_region, read_bent, read_cut
from parcelbench.scan.locate import (
    Region,
    block_tensor,
    detector_regions,
    find_regions,
    matrix_regions,
    noise_level,
)

NOISY_SIGMA = 5.5
"""Sensor noise (grey levels, :func:`noise_level`) above which the 2D pass reads a slightly
blurred frame. Measured on 100 synthetic frames of each kind: webcam frames, 22 of 58 QR /
DataMatrix codes read instead of 19, the pass ~20 % faster; mild frames, 46 of 73 either way,
where blurring every frame would have read only 38 (their small modules need the sharpness)."""


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
    """Which stage read it: ``strip`` (located + averaged), ``detector``, ``matrix``, ``zoom``
    (an enlarged 2D patch), ``frame``."""
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
        cuts = self._read_regions(gray, regions, found, "strip")
        if self._detector is not None and not found.has_parcel_id():
            extra = [
                r
                for r in detector_regions(gray, self._detector)
                if not any(done.contains(r.cx, r.cy) for done in found.read_regions)
            ]
            cuts += self._read_regions(gray, extra, found, "detector")
        if self.config.strip_zxing and not found.has_parcel_id():
            # No flat label in view: what bent, folded and worn labels need, region by region.
            for cut, method in cuts:
                reads = read_bent(gray, cut, self.config.sharpen_steps)
                if reads:
                    found.add_all(reads, method)
                    break
        if self.config.matrix and not self.config.still:  # still: the full pass reads them
            # On a noisy frame zxing-cpp's local binarizer turns grain into specks that look
            # like modules: a slight blur first reads more 2D codes, and faster. This pass runs
            # on every frame (a second parcel id in view must make the frame ambiguous), so it
            # skips zxing-cpp's retries on downscaled copies of the frame: they cost 0.3–1.7 ms
            # of the median frame and read no code more on any frame set (bench/decode.py).
            matrix_gray = gray
            if noise_level(tensor) > NOISY_SIGMA:
                matrix_gray = cv2.GaussianBlur(gray, (0, 0), 0.7)
            found.add_all(
                decoders.zxing(
                    matrix_gray,
                    decoders.ZXING_MATRIX,
                    try_rotate=False,
                    try_invert=False,
                    try_downscale=False,
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
    ) -> list[tuple[Cut, str]]:
        """The flat-label steps on each region; returns the cuts that gave no parcel id."""
        unread = []
        for region in regions:
            cut = cut_region(gray, region)
            if cut is None:
                continue
            reads = read_cut(cut, self.config.sharpen_steps, use_zxing=self.config.strip_zxing)
            if reads:
                found.read_regions.append(region)
                found.add_all(reads, method)
            if not any(parse(r.text).valid for r in reads):
                unread.append((cut, method))
        return unread


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
