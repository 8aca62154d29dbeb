"""Webcam-like frames of parcel labels whose S10 id is printed with reportlab's barcode code.

The frames stand in for what the bench camera (1280x720, looking down at the parcel) sends to
the scanner.  Each frame shows one parcel with one shipping label carrying the parcel's S10 id
(e.g. ``RR473124829GB``) as Code 128 or, for about one label in eight, as a QR code.  The set is
meant for measuring a decoder on material it was not tuned on, so every stage below is modelled
from the physical situation rather than from any decoder's needs:

Symbols
    The bar/module pattern comes from reportlab (``createBarcodeDrawing('Code128', ...)`` and
    ``QrCodeWidget``): the widgets' rectangles are rasterised at 16 px per module, given a small
    print gain (ink spread or thermal under-burn), then area-resampled to the label resolution.

Labels
    Four unlike layouts drawn in millimetres with DejaVu fonts: a CN22 customs declaration
    (boxes, tick boxes, small print), a landscape CN23 with address boxes and a goods table, an
    e-commerce carrier label with a reversed banner, big routing text and an unrelated order
    barcode, and a small registered-mail sticker with an "R" box.  The symbol is horizontal or
    vertical on the label, its human-readable text above, below or beside it, quiet zones run
    from the 10-module minimum to generous, and form rules often sit right at the quiet zone.

Scene
    The label lies on a parcel (corrugated board, kraft paper, white/grey/black poly mailer,
    padded envelope) with packing tape, on a bench (wood, grey or green mat, brushed steel,
    laminate).  The parcel casts a shadow on the bench; gloved or bare hands may reach into the
    frame, but never over the symbol or its quiet zones.

Camera
    Pinhole projection (focal ~1000 px) of the label plane under a full 3-D pose (any in-plane
    rotation; tilt up to 28 / 42 / 48 deg for easy / medium / hard), mild radial lens
    distortion, gentle waviness of soft mailers, and a rolling shutter that skews moving
    parcels.  The label is drawn at about twice the frame
    resolution and warped at 2x supersampling, so fine print and bars are antialiased rather
    than aliased.  The distance is solved so that the symbol's module size in the final frame
    (projected symbol length along its axis / module count) hits the difficulty's range.

Light and optics
    Uneven key light, soft shadows of the officer's hands, specular glare from glossy mailers,
    vignetting, illuminant colour with imperfect auto white balance, centre-weighted auto
    exposure that can clip paper white, and mains-frequency banding of fluorescent tubes.  The
    optical blur (Gaussian + defocus disc + motion streak) is budgeted so that the total blur
    along the symbol axis, pixel aperture and demosaicing included, is a set fraction of a
    module (about 0.18-0.3 easy, 0.3-0.4 hard): that is what decides whether bars resolve.

Sensor and ISP
    A native 720p sensor or a 1080p sensor scaled down to 720p; RGGB Bayer mosaic, shot noise
    from a per-frame full-well count, read noise, 10-bit quantisation, bilinear or edge-aware
    demosaic, white balance, tone curve, chroma denoise and saturation boost, unsharp-mask
    luma sharpening with its halos, and a JPEG round-trip at quality 55-90.  The frame is then
    stored as PNG.

Difficulty is set by module size in the frame (easy 2.4-3.2 px, medium 1.7-2.4 px, hard
1.25-1.7 px for Code 128; QR modules are kept larger, 1.9-4.5 px) and degradation grows with
it.  Every frame keeps the whole symbol and its quiet zones inside the picture and uncovered.
Frames are deterministic per (seed, index) and independent of one another.

Usage::

    python bench/framesets/reportlab_labels.py --out DIR --count 240 --seed 1

writes ``DIR/frame_0001.png`` ... and ``DIR/truth.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Group, Rect, mmult

FRAME_W, FRAME_H = 1280, 720
PRINT_PX = 16  # raster resolution of the reportlab symbol before resampling, px per module
DIFFICULTIES = ("easy", "medium", "hard")
S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
Color = tuple[int, int, int]
Rng = np.random.Generator

# --------------------------------------------------------------------------------------------
# Difficulty grades
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grade:
    """Parameter ranges for one difficulty."""

    module_px: tuple[float, float]
    qr_module_px: tuple[float, float]
    tilt_deg: tuple[float, float]
    blur_per_module: tuple[float, float]  # total blur sigma along the axis, in modules
    full_well: tuple[float, float]  # electrons at full scale; fewer means noisier
    read_noise: tuple[float, float]  # fraction of full scale
    jpeg: tuple[int, int]
    hand_shadow_p: float
    shadow_depth: tuple[float, float]  # fraction of the key light a hand blocks
    glare_p: float
    ink_grey: tuple[int, int]  # sRGB grey level of the printed bars (faded thermal is lighter)
    print_gain: tuple[int, ...]  # bar growth in 1/16 module, chosen uniformly
    speed_px: float  # max parcel/camera motion over one frame readout


GRADES: dict[str, Grade] = {
    "easy": Grade(
        module_px=(2.42, 3.18),
        qr_module_px=(3.3, 4.5),
        tilt_deg=(0.0, 28.0),
        blur_per_module=(0.18, 0.3),
        full_well=(2000.0, 6000.0),
        read_noise=(0.002, 0.005),
        jpeg=(72, 90),
        hand_shadow_p=0.25,
        shadow_depth=(0.25, 0.45),
        glare_p=0.15,
        ink_grey=(8, 45),
        print_gain=(-1, 0, 0, 1),
        speed_px=10.0,
    ),
    "medium": Grade(
        module_px=(1.72, 2.38),
        qr_module_px=(2.5, 3.3),
        tilt_deg=(10.0, 42.0),
        blur_per_module=(0.24, 0.36),
        full_well=(1000.0, 3000.0),
        read_noise=(0.003, 0.008),
        jpeg=(64, 86),
        hand_shadow_p=0.45,
        shadow_depth=(0.25, 0.55),
        glare_p=0.25,
        ink_grey=(10, 65),
        print_gain=(-1, 0, 0, 1),
        speed_px=18.0,
    ),
    "hard": Grade(
        module_px=(1.27, 1.68),
        qr_module_px=(1.9, 2.5),
        tilt_deg=(18.0, 48.0),
        blur_per_module=(0.3, 0.4),
        full_well=(700.0, 2000.0),
        read_noise=(0.004, 0.012),
        jpeg=(55, 80),
        hand_shadow_p=0.6,
        shadow_depth=(0.3, 0.65),
        glare_p=0.35,
        ink_grey=(12, 85),
        print_gain=(-1, 0, 0, 1),
        speed_px=25.0,
    ),
}

# --------------------------------------------------------------------------------------------
# Identifiers and label wording
# --------------------------------------------------------------------------------------------

SERVICES = ("RR", "RA", "RB", "RC", "RE", "RL", "RX", "EE", "EA", "EB", "EL", "CP", "CA", "CX")
SERVICES += ("LX", "LA", "LB", "LM", "UA", "UB", "UR", "VA")
COUNTRIES = {
    "GB": "UNITED KINGDOM",
    "DE": "DEUTSCHLAND",
    "FR": "FRANCE",
    "NL": "NEDERLAND",
    "CN": "CHINA",
    "US": "UNITED STATES",
    "SE": "SVERIGE",
    "CH": "SCHWEIZ",
    "JP": "JAPAN",
    "AU": "AUSTRALIA",
    "CA": "CANADA",
    "IT": "ITALIA",
    "ES": "ESPAÑA",
    "PL": "POLSKA",
    "HK": "HONG KONG",
    "SG": "SINGAPORE",
    "KR": "KOREA",
    "BE": "BELGIQUE",
    "AT": "ÖSTERREICH",
    "NZ": "NEW ZEALAND",
    "IE": "IRELAND",
    "DK": "DANMARK",
    "NO": "NORGE",
    "LT": "LIETUVA",
    "CZ": "ČESKO",
}
REGISTERED_WORDS = ("REGISTERED", "RECOMMANDÉ", "EINSCHREIBEN", "RACCOMANDATA", "CERTIFICADO")
NAMES = (
    "Anna Kowalska",
    "Jonas Berg",
    "Maria Rossi",
    "Liam O'Connor",
    "Sofia Lindqvist",
    "Chen Wei",
    "Emma Dubois",
    "Lucas Meyer",
    "Noah Jansen",
    "Olivia Brown",
    "Yuki Tanaka",
    "Mateo García",
)
STREETS = (
    "12 Harbour Road",
    "Hauptstraße 45",
    "7 Rue des Lilas",
    "Via Roma 118",
    "Kungsgatan 3B",
    "221 Elm Street, Apt 4",
    "ul. Polna 9/4",
    "Keizersgracht 560",
    "Calle Mayor 27",
    "5-2-1 Minato",
)
CITIES = (
    "Leeds LS1 4AP",
    "10115 Berlin",
    "69002 Lyon",
    "00184 Roma",
    "111 57 Stockholm",
    "Springfield IL 62704",
    "00-001 Warszawa",
    "1017 EM Amsterdam",
    "28013 Madrid",
    "Tokyo 105-0011",
)
ITEMS = (
    "Cotton T-shirt",
    "Paperback book",
    "Phone case",
    "Ceramic mug",
    "Wool socks",
    "Board game",
    "Vitamins 60 caps",
    "Circuit board",
    "Leather wallet",
    "Toy figure",
    "Tea 250 g",
    "Sunglasses",
    "USB cable",
    "Watch strap",
)
CARRIERS = ("PARCELWAY", "SWIFTLINE", "EUROSHIP", "GLOBEPOST", "NORDFRACHT", "TRANSPAC")
HUBS = ("LHR", "FRA", "CDG", "AMS", "ARN", "JFK", "WAW", "MAD", "FCO", "NRT", "ZRH", "LEJ")
DECLARATION = (
    "I, the undersigned, whose name and address are given on the item, certify that the "
    "particulars given in this declaration are correct and that this item does not contain "
    "any dangerous article or articles prohibited by legislation or by postal or customs "
    "regulations."
)


def s10_check_digit(digits: str) -> int:
    """UPU S10 check digit over the 8-digit serial number."""
    c = 11 - sum(int(d) * w for d, w in zip(digits, S10_WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(c, c)


def random_s10(rng: Rng) -> str:
    serial = "".join(str(d) for d in rng.integers(0, 10, 8))
    service = SERVICES[rng.integers(len(SERVICES))]
    country = list(COUNTRIES)[rng.integers(len(COUNTRIES))]
    return f"{service}{serial}{s10_check_digit(serial)}{country}"


def random_order_number(rng: Rng) -> str:
    """An order/reference number that cannot be mistaken for an S10 id."""

    def digits(n: int) -> str:
        return "".join(str(d) for d in rng.integers(0, 10, n))

    forms = (
        f"ORD-{digits(8)}",
        f"{digits(12)}",
        f"{digits(3)}-{digits(7)}-{digits(7)}",
        f"WH{rng.integers(1, 9)}/{digits(6)}/{'ABCDEFGH'[rng.integers(8)]}",
    )
    return forms[rng.integers(len(forms))]


def s10_hri(s10: str, rng: Rng) -> str:
    """Human-readable interpretation in one of the groupings seen on real labels."""
    forms = (
        f"{s10[:2]} {s10[2:5]} {s10[5:8]} {s10[8:11]} {s10[11:]}",
        s10,
        f"{s10[:2]} {s10[2:6]} {s10[6:10]} {s10[10]} {s10[11:]}",
    )
    return forms[rng.integers(len(forms))]


# --------------------------------------------------------------------------------------------
# Symbols from reportlab
# --------------------------------------------------------------------------------------------

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _is_dark(color: object) -> bool:
    if color is None:
        return False
    return 0.3 * color.red + 0.59 * color.green + 0.11 * color.blue < 0.5  # type: ignore[attr-defined]


def _dark_rects(node: object, tf: tuple[float, ...]) -> Iterator[tuple[float, float, float, float]]:
    """Filled dark rectangles of a reportlab drawing as (x0, y0, x1, y1) in drawing units."""
    if isinstance(node, Rect):
        if _is_dark(node.fillColor) and node.width > 0 and node.height > 0:
            a, b, c, d, e, f = tf
            if b or c:
                raise ValueError("rotated barcode geometry is not expected")
            xs = (a * node.x + e, a * (node.x + node.width) + e)
            ys = (d * node.y + f, d * (node.y + node.height) + f)
            yield min(xs), min(ys), max(xs), max(ys)
    elif isinstance(node, Group):
        inner = mmult(tf, node.transform)
        for child in node.contents:
            yield from _dark_rects(child, inner)
    elif hasattr(node, "draw"):
        yield from _dark_rects(node.draw(), tf)


def code128_modules(text: str) -> np.ndarray:
    """Module pattern (True = bar) of reportlab's Code 128 encoding of ``text``."""
    drawing = createBarcodeDrawing(
        "Code128", value=text, barWidth=1, barHeight=1, humanReadable=False, quiet=0
    )
    rects = list(_dark_rects(drawing, IDENTITY))
    modules = np.zeros(round(max(r[2] for r in rects)), dtype=bool)
    for x0, _, x1, _ in rects:
        modules[round(x0) : round(x1)] = True
    return modules


def qr_modules(text: str, level: str) -> np.ndarray:
    """Module matrix (True = dark, row 0 at the top) of reportlab's QR code for ``text``."""
    widget = QrCodeWidget(text, barLevel=level, barBorder=0)
    widget.draw()
    n = widget.qr.getModuleCount()
    widget = QrCodeWidget(text, barLevel=level, barBorder=0, barWidth=n, barHeight=n)
    matrix = np.zeros((n, n), dtype=bool)
    for x0, y0, x1, y1 in _dark_rects(widget, IDENTITY):
        matrix[n - round(y1) : n - round(y0), round(x0) : round(x1)] = True
    return matrix


@dataclass(frozen=True)
class SymbolSpec:
    """The primary symbol as printed on the label."""

    kind: str  # "code128" or "qr"
    text: str
    pattern: np.ndarray = field(repr=False)
    module_mm: float
    height_mm: float  # bar height; for QR the side length
    quiet: int  # quiet zone in modules (along the axis for Code 128, all round for QR)
    vertical: bool  # Code 128 axis runs down the label
    gain: int  # print gain in 1/16 module

    @property
    def modules(self) -> int:
        return int(self.pattern.shape[-1])

    @property
    def length_mm(self) -> float:
        return self.modules * self.module_mm

    @property
    def quiet_mm(self) -> float:
        return self.quiet * self.module_mm

    def slot_mm(self) -> tuple[float, float]:
        """Width and height on the label of the symbol with its quiet zones."""
        along = self.length_mm + 2 * self.quiet_mm
        across = self.height_mm + (2 * self.quiet_mm if self.kind == "qr" else 0.0)
        return (across, along) if self.vertical else (along, across)


def plan_symbol(rng: Rng, s10: str, grade: Grade, qr: bool, vertical: bool) -> SymbolSpec:
    if qr:
        level = "LMQ"[rng.integers(3)]
        pattern = qr_modules(s10, level)
        module_mm = rng.uniform(0.45, 0.8)
        side = pattern.shape[0] * module_mm
        quiet = int(rng.integers(4, 9))
        return SymbolSpec("qr", s10, pattern, module_mm, side, quiet, False, 0)
    pattern = code128_modules(s10)
    module_mm = rng.uniform(0.28, 0.48)
    length = pattern.size * module_mm
    height = max(rng.uniform(9.0, 18.0), 0.13 * length)
    generous = rng.random() < 0.45
    quiet = round(10 + (rng.uniform(4, 22) if generous else rng.uniform(0, 4)))
    gain = int(grade.print_gain[rng.integers(len(grade.print_gain))])
    return SymbolSpec("code128", s10, pattern, module_mm, height, quiet, vertical, gain)


def _grow_bars(row: np.ndarray, gain: int) -> np.ndarray:
    if gain == 0:
        return row
    kernel = np.ones((1, 2 * abs(gain) + 1), np.uint8)
    op = cv2.dilate if gain > 0 else cv2.erode
    return op(row, kernel, borderType=cv2.BORDER_CONSTANT, borderValue=0)


def symbol_coverage(spec: SymbolSpec, ppm: float) -> np.ndarray:
    """Ink coverage (0..1) of the symbol at ``ppm`` label pixels per mm, in label orientation."""
    length_px = max(1, round(spec.length_mm * ppm))
    if spec.kind == "qr":
        big = np.kron(spec.pattern.astype(np.float32), np.ones((PRINT_PX, PRINT_PX), np.float32))
        return cv2.resize(big, (length_px, length_px), interpolation=cv2.INTER_AREA)
    row = np.repeat(spec.pattern.astype(np.float32), PRINT_PX)[None, :]
    row = _grow_bars(row, spec.gain)
    row = cv2.resize(row, (length_px, 1), interpolation=cv2.INTER_AREA)
    cov = np.repeat(row, max(1, round(spec.height_mm * ppm)), axis=0)
    return np.ascontiguousarray(np.rot90(cov, -1)) if spec.vertical else cov


def order_coverage(text: str, module_mm: float, height_mm: float, ppm: float) -> np.ndarray:
    modules = code128_modules(text)
    row = np.repeat(modules.astype(np.float32), PRINT_PX)[None, :]
    size = (max(1, round(modules.size * module_mm * ppm)), 1)
    row = cv2.resize(row, size, interpolation=cv2.INTER_AREA)
    return np.repeat(row, max(1, round(height_mm * ppm)), axis=0)


# --------------------------------------------------------------------------------------------
# Label drawing
# --------------------------------------------------------------------------------------------

FONT_FILES = {
    "sans": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "cond": "DejaVuSansCondensed.ttf",
    "condbold": "DejaVuSansCondensed-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
    "monobold": "DejaVuSansMono-Bold.ttf",
    "serif": "DejaVuSerif.ttf",
    "oblique": "DejaVuSans-Oblique.ttf",
}


@lru_cache(maxsize=1)
def _font_dir() -> Path:
    for candidate in Path("/usr/share/fonts").rglob("DejaVuSans.ttf"):
        return candidate.parent
    raise FileNotFoundError("DejaVu fonts not found under /usr/share/fonts")


@lru_cache(maxsize=512)
def font(face: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_font_dir() / FONT_FILES[face]), max(4, px))


def text_mm(s: str, size: float, face: str) -> float:
    """Advance width in mm of ``s`` set at ``size`` mm."""
    return font(face, 100).getlength(s) * size / 100.0


def wrap(s: str, width: float, size: float, face: str) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in s.split():
        trial = f"{line} {word}".strip()
        if line and text_mm(trial, size, face) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


class Sheet:
    """A label drawn in millimetres at ``ppm`` pixels per mm."""

    def __init__(self, width: float, height: float, ppm: float, paper: Color) -> None:
        self.ppm = ppm
        self.width, self.height = width, height
        self.image = Image.new("RGB", (round(width * ppm), round(height * ppm)), paper)
        self.draw = ImageDraw.Draw(self.image)
        self._marks: list[tuple[np.ndarray, int, int, Color]] = []

    def px(self, mm: float) -> int:
        return round(mm * self.ppm)

    def box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        line: float = 0.3,
        color: Color = (0, 0, 0),
        fill: Color | None = None,
        radius: float = 0.0,
    ) -> None:
        xy = (self.px(x), self.px(y), self.px(x + w) - 1, self.px(y + h) - 1)
        width = max(1, self.px(line)) if line > 0 else 0
        outline = color if line > 0 else None
        if radius > 0:
            r = self.px(radius)
            self.draw.rounded_rectangle(xy, radius=r, outline=outline, fill=fill, width=width)
        else:
            self.draw.rectangle(xy, outline=outline, fill=fill, width=width)

    def rule(self, x0: float, y0: float, x1: float, y1: float, w: float, color: Color) -> None:
        """Horizontal or vertical rule of thickness ``w`` centred on the given line."""
        if y0 == y1:
            self.box(x0, y0 - w / 2, x1 - x0, w, line=0, fill=color)
        else:
            self.box(x0 - w / 2, y0, w, y1 - y0, line=0, fill=color)

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float,
        *,
        face: str = "sans",
        color: Color = (0, 0, 0),
        anchor: str = "la",
    ) -> float:
        f = font(face, round(size * self.ppm))
        self.draw.text((x * self.ppm, y * self.ppm), s, font=f, fill=color, anchor=anchor)
        return text_mm(s, size, face)

    def text_up(self, x: float, y: float, s: str, size: float, face: str, color: Color) -> None:
        """Text running bottom-to-top with its top-left corner (after rotation) at x, y."""
        f = font(face, round(size * self.ppm))
        w, h = round(f.getlength(s)) + 2, round(size * self.ppm * 1.25) + 2
        tmp = Image.new("L", (w, h), 0)
        ImageDraw.Draw(tmp).text((1, 1), s, font=f, fill=255)
        tmp = tmp.transpose(Image.Transpose.ROTATE_90)
        self.image.paste(Image.new("RGB", tmp.size, color), (self.px(x), self.px(y)), tmp)

    def paragraph(
        self, x: float, y: float, width: float, s: str, size: float, face: str, color: Color
    ) -> float:
        for line in wrap(s, width, size, face):
            self.text(x, y, line, size, face=face, color=color)
            y += size * 1.25
        return y

    def tick_box(self, x: float, y: float, side: float, label: str, ticked: bool, color: Color):
        self.box(x, y, side, side, line=0.25, color=color)
        if ticked:
            self.text(x + side / 2, y + side / 2, "X", side * 1.1, face="bold", anchor="mm")
        self.text(x + side * 1.5, y + side * 0.1, label, side * 0.8, face="cond", color=color)

    def mark(self, coverage: np.ndarray, x: float, y: float, color: Color) -> tuple[float, ...]:
        """Queue printed coverage at (x, y) mm; returns its box (x0, y0, x1, y1) in mm."""
        x0, y0 = self.px(x), self.px(y)
        h, w = coverage.shape
        if x0 < 0 or y0 < 0 or y0 + h > self.image.height or x0 + w > self.image.width:
            raise ValueError("printed symbol does not fit on the label")
        self._marks.append((coverage, x0, y0, color))
        return (x0 / self.ppm, y0 / self.ppm, (x0 + w) / self.ppm, (y0 + h) / self.ppm)

    def finish(self) -> np.ndarray:
        arr = np.array(self.image)
        for cov, x0, y0, color in self._marks:
            h, w = cov.shape
            region = arr[y0 : y0 + h, x0 : x0 + w]
            c = cov[: region.shape[0], : region.shape[1], None]
            mixed = region * (1.0 - c) + np.asarray(color, np.float32) * c
            region[:] = np.clip(mixed + 0.5, 0, 255).astype(np.uint8)
        return arr


@dataclass
class LabelJob:
    """Everything a layout needs to draw one label."""

    rng: Rng
    s10: str
    spec: SymbolSpec
    ppm: float
    ink: Color
    paper: Color
    hri: str

    def place_symbol(self, sheet: Sheet, x: float, y: float) -> tuple[float, ...]:
        """Print the symbol with the top-left of its quiet-zone slot at (x, y) mm."""
        q = self.spec.quiet_mm
        if self.spec.kind == "qr":
            x, y = x + q, y + q
        elif self.spec.vertical:
            y += q
        else:
            x += q
        return sheet.mark(symbol_coverage(self.spec, self.ppm), x, y, self.ink)

    def choice(self, options: tuple | list) -> object:
        return options[self.rng.integers(len(options))]


@dataclass
class LabelArt:
    image: np.ndarray  # RGB uint8
    ppm: float
    symbol_box: tuple[float, ...]  # mm on the label
    layout: str
    hri: str
    radius_mm: float = 0.0
    others: list[dict] = field(default_factory=list)


def _form_color(rng: Rng) -> Color:
    options: list[Color] = [(20, 20, 20), (0, 95, 60), (20, 50, 120), (150, 20, 30)]
    return options[rng.integers(len(options))]


def _address(job: LabelJob) -> list[str]:
    country = COUNTRIES[str(job.choice(list(COUNTRIES)))]
    return [str(job.choice(NAMES)), str(job.choice(STREETS)), str(job.choice(CITIES)), country]


def _hri_x(sheet: Sheet, job: LabelJob, box: tuple[float, ...], size: float, face: str) -> float:
    """Centre of the human-readable line under/over the symbol, kept on the label."""
    half = text_mm(job.hri, size, face) / 2 + 1.0
    return min(max((box[0] + box[2]) / 2, half), sheet.width - half)


def _hri_below(sheet: Sheet, job: LabelJob, box: tuple[float, ...], size: float, face: str):
    cx = _hri_x(sheet, job, box, size, face)
    sheet.text(cx, box[3] + size * 0.25, job.hri, size, face=face, color=job.ink, anchor="ma")


def _hri_above(sheet: Sheet, job: LabelJob, box: tuple[float, ...], size: float, face: str):
    cx = _hri_x(sheet, job, box, size, face)
    sheet.text(cx, box[1] - size * 0.3, job.hri, size, face=face, color=job.ink, anchor="md")


def layout_registered(job: LabelJob) -> LabelArt:
    """Small registered-mail sticker: 'R' box, country line, symbol, text below."""
    rng, spec = job.rng, job.spec
    slot_w, slot_h = spec.slot_mm()
    hri_size = rng.uniform(2.2, 3.2)
    margin = rng.uniform(1.2, 2.5)
    r_side = rng.uniform(10.0, 16.0)
    gap = rng.uniform(0.0, 1.5)
    head = rng.uniform(1.9, 2.6)
    face = str(job.choice(("bold", "monobold", "sans")))
    words = f"{job.choice(REGISTERED_WORDS)}  {COUNTRIES[job.s10[-2:]]}"
    content_w = max(
        slot_w,
        text_mm(job.hri, hri_size, face) + 1.0,
        spec.quiet_mm + text_mm(words, head, "condbold") + 1.0,
    )
    width = margin + r_side + gap + content_w + rng.uniform(0.3, 2.0)
    content_h = head * 1.5 + slot_h + hri_size * 1.5
    height = max(r_side + 2 * margin, content_h + 2 * margin)
    sheet = Sheet(width, height, job.ppm, job.paper)
    frame = _form_color(rng)
    radius = rng.uniform(0.5, 2.5)
    sheet.box(0, 0, width, height, line=rng.uniform(0.3, 0.8), color=frame, radius=radius)
    ry = (height - r_side) / 2
    sheet.box(margin, ry, r_side, r_side, line=rng.uniform(0.4, 0.9), color=frame)
    sheet.text(margin + r_side / 2, ry + r_side / 2, "R", r_side * 0.8, face="bold", anchor="mm")
    x0 = margin + r_side + gap
    y_slot = margin + head * 1.5 + (height - 2 * margin - content_h) / 2
    sheet.text(x0 + spec.quiet_mm, y_slot - head * 1.5, words, head, face="condbold", color=frame)
    box = job.place_symbol(sheet, x0, y_slot)
    _hri_below(sheet, job, box, hri_size, face)
    return LabelArt(sheet.finish(), job.ppm, box, "registered_sticker", "below", radius)


def layout_cn22(job: LabelJob) -> LabelArt:
    """CN22 customs declaration: header, barcode band, tick boxes, goods table, small print."""
    rng, spec = job.rng, job.spec
    slot_w, slot_h = spec.slot_mm()
    side = rng.uniform(0.3, 3.0)
    width = max(rng.uniform(74.0, 100.0), slot_w + 2 * side)
    form = _form_color(rng)
    hri_size = rng.uniform(2.2, 3.0)
    hri_above = rng.random() < 0.35
    small = rng.uniform(1.25, 1.6)
    m = 1.5
    header_h = 12.0
    band_h = slot_h + hri_size * 1.6 + 2.0
    ticks_h = 9.0
    n_items = int(rng.integers(1, 4))
    table_h = 5.0 + 4.0 * (n_items + 1)
    para = wrap(DECLARATION, width - 2 * m, small, "cond")
    para_h = len(para) * small * 1.25 + 2.0
    height = header_h + band_h + ticks_h + table_h + para_h + 7.0
    sheet = Sheet(width, height, job.ppm, job.paper)
    sheet.box(0, 0, width, height, line=0.35, color=form)
    sheet.text(m, 1.5, "CUSTOMS DECLARATION", 2.6, face="bold", color=form)
    sheet.text(m, 5.0, "Designated operator", 1.5, face="cond", color=form)
    sheet.text(m, 7.6, "May be opened officially", small, face="cond", color=form)
    sheet.text(width - m, 1.2, "CN 22", 5.0, face="bold", color=form, anchor="ra")
    sheet.rule(0, header_h, width, header_h, 0.35, form)
    y = header_h + 1.0 + (hri_size * 1.6 if hri_above else 0.0)
    x = side if rng.random() < 0.5 else (width - slot_w) / 2
    box = job.place_symbol(sheet, x, y)
    face = str(job.choice(("bold", "monobold", "sans")))
    (_hri_above if hri_above else _hri_below)(sheet, job, box, hri_size, face)
    y = header_h + band_h
    sheet.rule(0, y, width, y, 0.35, form)
    labels = ("Gift", "Commercial sample", "Documents", "Other")
    ticked = int(rng.integers(4))
    for k, label in enumerate(labels):
        tx, ty = m + (k % 2) * width / 2, y + 1.0 + (k // 2) * 3.8
        sheet.tick_box(tx, ty, 2.6, label, k == ticked, form)
    y += ticks_h
    sheet.rule(0, y, width, y, 0.35, form)
    cols = (0.0, width * 0.6, width * 0.8, width)
    heads = ("Quantity and detailed description of contents", "Weight (kg)", "Value")
    for c0, c1, head in zip(cols[:-1], cols[1:], heads, strict=True):
        sheet.paragraph(c0 + 0.8, y + 0.5, c1 - c0 - 1.2, head, small, "cond", form)
        if c0 > 0:
            sheet.rule(c0, y, c0, y + table_h, 0.25, form)
    total = 0.0
    for k in range(n_items):
        ry = y + 5.0 + 4.0 * k
        sheet.rule(0, ry, width, ry, 0.2, form)
        value = float(rng.uniform(3, 80))
        total += value
        qty = int(rng.integers(1, 4))
        sheet.text(
            1.0, ry + 0.8, f"{qty} x {job.choice(ITEMS)}", 2.3, face="oblique", color=job.ink
        )
        weight = f"{rng.uniform(0.05, 1.5):.2f}"
        sheet.text(cols[1] + 1, ry + 0.8, weight, 2.3, face="oblique", color=job.ink)
        sheet.text(cols[2] + 1, ry + 0.8, f"{value:.2f}", 2.3, face="oblique", color=job.ink)
    ry = y + 5.0 + 4.0 * n_items
    sheet.rule(0, ry, width, ry, 0.3, form)
    sheet.text(1.0, ry + 1.0, "Total weight / Total value", small, face="condbold", color=form)
    sheet.text(cols[2] + 1, ry + 0.8, f"{total:.2f}", 2.3, face="oblique", color=job.ink)
    y += table_h
    sheet.rule(0, y, width, y, 0.35, form)
    y = sheet.paragraph(m, y + 1.0, width - 2 * m, DECLARATION, small, "cond", form)
    sheet.text(m, y + 1.0, "Date and sender's signature", small, face="cond", color=form)
    sheet.text(width * 0.55, y + 0.5, f"{rng.integers(1, 29):02d}.0{rng.integers(1, 10)}.", 2.6)
    return LabelArt(sheet.finish(), job.ppm, box, "cn22", "above" if hri_above else "below")


def layout_cn23(job: LabelJob) -> LabelArt:
    """Landscape CN23: From/To boxes, barcode box (or vertical strip), goods table."""
    rng, spec = job.rng, job.spec
    slot_w, slot_h = spec.slot_mm()
    form = _form_color(rng)
    hri_size = rng.uniform(2.2, 3.0)
    small = rng.uniform(1.3, 1.6)
    strip = slot_w + hri_size * 1.6 + 2.0 if spec.vertical else 0.0
    right_w = max(rng.uniform(60.0, 75.0), 0.0 if spec.vertical else slot_w + 2.0)
    left_w = rng.uniform(62.0, 80.0)
    width = strip + left_w + right_w
    top_h = max(46.0, 0.0 if spec.vertical else 14.0 + slot_h + hri_size * 1.6 + 4.0)
    table_h = 5.0 + 4.5 * 3
    height = max(top_h + table_h + 22.0, slot_h + 4.0 if spec.vertical else 0.0)
    sheet = Sheet(width, height, job.ppm, job.paper)
    sheet.box(0, 0, width, height, line=0.4, color=form)
    x0 = strip
    if spec.vertical:
        y_slot = (height - slot_h) / 2
        box = job.place_symbol(sheet, 1.0, y_slot)
        sheet.text_up(box[2] + 0.4, box[1] + 2, job.hri, hri_size, "monobold", job.ink)
        sheet.rule(strip, 0, strip, height, 0.4, form)
    half = top_h / 2
    for k, title in enumerate(("From", "To")):
        by = k * half
        sheet.rule(x0, by + half, x0 + left_w, by + half, 0.3, form)
        sheet.text(x0 + 1.0, by + 0.8, title, 1.8, face="bold", color=form)
        size = 2.4 if k else 1.9
        for n, line in enumerate(_address(job)):
            sheet.text(x0 + 3.0, by + 4.0 + n * size * 1.35, line, size, face="sans")
    xr = x0 + left_w
    sheet.rule(xr, 0, xr, top_h, 0.4, form)
    sheet.text(xr + 1.5, 1.2, "CUSTOMS DECLARATION", 2.5, face="bold", color=form)
    sheet.text(width - 1.5, 1.0, "CN 23", 5.0, face="bold", color=form, anchor="ra")
    sheet.text(xr + 1.5, 6.5, "No. of item (barcode, if any)", small, face="cond", color=form)
    sheet.text(xr + 1.5, 8.6, "May be opened officially", small, face="cond", color=form)
    if not spec.vertical:
        x_slot = xr + (right_w - slot_w) / 2
        box = job.place_symbol(sheet, x_slot, 12.0)
        _hri_below(sheet, job, box, hri_size, "monobold")
    y = top_h
    sheet.rule(0 if not spec.vertical else strip, y, width, y, 0.4, form)
    heads = ("Detailed description of contents", "Quantity", "Net weight (kg)", "Value")
    heads += ("HS tariff number", "Country of origin")
    fracs = (0.0, 0.34, 0.46, 0.6, 0.72, 0.86, 1.0)
    cols = [x0 + f * (width - x0) for f in fracs]
    for c0, c1, head in zip(cols[:-1], cols[1:], heads, strict=True):
        sheet.paragraph(c0 + 0.6, y + 0.4, c1 - c0 - 1.0, head, small, "cond", form)
        sheet.rule(c1, y, c1, y + table_h, 0.25, form)
    for k in range(3):
        ry = y + 5.0 + 4.5 * k
        sheet.rule(x0, ry, width, ry, 0.2, form)
        if k < 2:
            row = (str(job.choice(ITEMS)), str(rng.integers(1, 5)), f"{rng.uniform(0.1, 2):.3f}")
            row += (
                f"{rng.uniform(5, 120):.2f}",
                f"{rng.integers(1000, 9999)}.{rng.integers(10, 99)}",
            )
            row += (job.s10[-2:],)
            for c0, cell in zip(cols, row, strict=False):
                sheet.text(c0 + 0.8, ry + 1.0, cell, 2.0, face="oblique", color=job.ink)
    y += table_h
    sheet.rule(x0, y, width, y, 0.4, form)
    cats = ("Commercial sample", "Gift", "Returned goods", "Documents", "Sale of goods", "Other")
    ticked = int(rng.integers(len(cats)))
    for k, cat in enumerate(cats):
        sheet.tick_box(x0 + 1.0 + k * (width - x0) / 6, y + 1.0, 2.4, cat, k == ticked, form)
    sheet.paragraph(x0 + 1.0, y + 5.0, width - x0 - 2.0, DECLARATION, small, "cond", form)
    return LabelArt(sheet.finish(), job.ppm, box, "cn23", "side" if spec.vertical else "below")


def layout_carrier(job: LabelJob) -> LabelArt:
    """4x6 inch e-commerce label: reversed banner, addresses, routing code, two barcodes."""
    rng, spec = job.rng, job.spec
    slot_w, slot_h = spec.slot_mm()
    hri_size = rng.uniform(2.4, 3.4)
    strip = slot_w + hri_size * 1.6 + 1.5 if spec.vertical else 0.0
    main_w = max(rng.uniform(96.0, 104.0), 0.0 if spec.vertical else slot_w + 3.0)
    width = main_w + strip
    ink = job.ink
    order = random_order_number(rng)
    with_order = rng.random() < 0.65
    order_mm = rng.uniform(0.25, 0.34)
    order_cov = order_coverage(order, order_mm, rng.uniform(7.0, 10.0), job.ppm)
    banner_h = rng.uniform(10.0, 14.0)
    route_h = rng.uniform(16.0, 24.0)
    order_h = order_cov.shape[0] / job.ppm + 6.0 if with_order else 0.0
    s10_h = 0.0 if spec.vertical else slot_h + hri_size * 1.6 + 4.0
    body = banner_h + 12.0 + 24.0 + route_h + order_h + s10_h + 8.0
    height = max(rng.uniform(145.0, 155.0), body, slot_h + 4.0 if spec.vertical else 0.0)
    sheet = Sheet(width, height, job.ppm, job.paper)
    thick = rng.uniform(0.7, 1.8)
    sheet.box(0, 0, main_w, banner_h, line=0, fill=ink)
    sheet.text(
        2.0,
        banner_h / 2,
        str(job.choice(CARRIERS)),
        banner_h * 0.55,
        face="bold",
        color=job.paper,
        anchor="lm",
    )
    service = str(job.choice(("PRIORITY INTL", "TRACKED", "EXPRESS", "ECONOMY PLUS")))
    sheet.text(
        main_w - 2.0, banner_h / 2, service, 2.6, face="condbold", color=job.paper, anchor="rm"
    )
    y = banner_h + 1.5
    sheet.text(2.0, y, "FROM:", 1.8, face="bold", color=ink)
    sheet.text(12.0, y, ", ".join(_address(job)[:3]), 1.8, face="cond", color=ink)
    y += 4.0
    sheet.rule(0, y, main_w, y, thick, ink)
    y += 2.0
    sheet.text(2.0, y, "SHIP TO:", 2.2, face="bold", color=ink)
    for n, line in enumerate(_address(job)):
        sheet.text(20.0, y + n * 4.6, line, 3.4 if n else 3.8, face="bold" if n == 0 else "sans")
    y += 22.0
    sheet.rule(0, y, main_w, y, thick, ink)
    route = f"{job.choice(HUBS)} {rng.integers(1, 99):02d}"
    reverse = rng.random() < 0.4
    rw = min(main_w * 0.7, text_mm(route, route_h * 0.75, "bold") + 6.0)
    sheet.box(2.0, y + 1.5, rw, route_h - 3.0, line=1.2, color=ink, fill=ink if reverse else None)
    sheet.text(
        2.0 + rw / 2,
        y + route_h / 2,
        route,
        route_h * 0.62,
        face="bold",
        color=job.paper if reverse else ink,
        anchor="mm",
    )
    sheet.text(
        main_w - 3.0,
        y + route_h / 2,
        f"{rng.uniform(0.2, 9.9):.2f} KG",
        3.0,
        face="bold",
        color=ink,
        anchor="rm",
    )
    y += route_h
    sheet.rule(0, y, main_w, y, thick, ink)
    others: list[dict] = []
    if with_order:
        sheet.text(2.0, y + 1.2, f"ORDER {order}", 2.0, face="cond", color=ink)
        ox = 2.0 + 10 * order_mm
        sheet.mark(order_cov, ox, y + 4.0, ink)
        others.append({"symbology": "code128", "text": order})
        y += order_h
        sheet.rule(0, y, main_w, y, thick * 0.6, ink)
    s10_top = height - 6.0 - s10_h
    _detail_grid(sheet, job, y + 2.0, s10_top - 2.0, main_w)
    if spec.vertical:
        box = job.place_symbol(sheet, main_w + 0.5, (height - slot_h) / 2)
        sheet.text_up(box[2] + 0.4, box[1] + 1.0, job.hri, hri_size, "monobold", ink)
        sheet.rule(main_w, 0, main_w, height, 0.6, ink)
        hri = "side"
    else:
        y = s10_top
        sheet.rule(0, y, main_w, y, thick * 0.6, ink)
        sheet.text(2.0, y + 1.0, "TRACKING NO.", 2.0, face="bold", color=ink)
        x = (main_w - slot_w) / 2 if rng.random() < 0.6 else 1.5
        box = job.place_symbol(sheet, x, y + 4.0)
        _hri_below(sheet, job, box, hri_size, "bold")
        hri = "below"
    sheet.text(2.0, height - 3.5, f"REF {rng.integers(10**7, 10**8)}", 1.8, face="mono", color=ink)
    art = LabelArt(sheet.finish(), job.ppm, box, "carrier_4x6", hri)
    art.others = others
    return art


def _detail_grid(sheet: Sheet, job: LabelJob, top: float, bottom: float, width: float) -> None:
    """Boxed shipment fields filling the free band between ``top`` and ``bottom``."""
    rng = job.rng
    rows = min(2, int((bottom - top) // 9.0))
    if rows < 1:
        return
    fields = [
        ("PIECES", "1/1"),
        ("DIMS CM", f"{rng.integers(15, 60)}x{rng.integers(10, 40)}x{rng.integers(4, 30)}"),
        ("SHIP DATE", f"2025-{rng.integers(1, 13):02d}-{rng.integers(1, 29):02d}"),
        ("TERMS", str(job.choice(("DDU", "DDP", "DAP")))),
        ("SIGNATURE", str(job.choice(("NO", "YES")))),
        ("CONTENTS", str(job.choice(("MERCHANDISE", "GIFT", "DOCUMENTS", "SAMPLE")))),
    ]
    row_h = min(11.0, (bottom - top) / rows)
    col_w = (width - 4.0) / 3
    for k, (name, value) in enumerate(fields[: rows * 3]):
        x, y = 2.0 + (k % 3) * col_w, top + (k // 3) * row_h
        sheet.box(x, y, col_w, row_h, line=0.3, color=job.ink)
        sheet.text(x + 1.0, y + 0.8, name, 1.6, face="cond", color=job.ink)
        sheet.text(x + 1.0, y + row_h - 1.2, value, 3.0, face="bold", color=job.ink, anchor="ld")


LAYOUTS: dict[str, tuple[Callable[[LabelJob], LabelArt], float, float]] = {
    # name: (function, weight, chance that a Code 128 symbol runs vertically)
    "cn22": (layout_cn22, 0.28, 0.0),
    "cn23": (layout_cn23, 0.2, 0.35),
    "carrier": (layout_carrier, 0.3, 0.35),
    "registered": (layout_registered, 0.22, 0.0),
}


def _paper(rng: Rng, layout: str) -> Color:
    if layout == "registered" and rng.random() < 0.5:
        tints: list[Color] = [(250, 240, 185), (255, 226, 196), (248, 222, 228), (214, 230, 248)]
        return tints[rng.integers(len(tints))]
    level = int(rng.integers(228, 252))
    return (level, level - int(rng.integers(0, 6)), level - int(rng.integers(0, 12)))


# --------------------------------------------------------------------------------------------
# Camera geometry
# --------------------------------------------------------------------------------------------


@dataclass
class Camera:
    """Pinhole camera with one-term radial distortion and a rolling shutter."""

    f: float
    cx: float
    cy: float
    k1: float  # distorted -> ideal: p_u = c + (p_d - c) * (1 + k1 r^2)
    shutter: tuple[float, float]  # image motion over one full readout, px
    R: np.ndarray
    t: np.ndarray

    def homography(self) -> np.ndarray:
        K = np.array([[self.f, 0, self.cx], [0, self.f, self.cy], [0, 0, 1.0]])
        return K @ np.column_stack([self.R[:, 0], self.R[:, 1], self.t])

    def ideal(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Frame pixel -> ideal pinhole pixel (undo distortion and shutter skew)."""
        dx, dy = x - self.cx, y - self.cy
        s = 1.0 + self.k1 * (dx * dx + dy * dy) / (self.f * self.f)
        row_t = y / FRAME_H - 0.5
        vx, vy = (float(v) for v in self.shutter)
        return self.cx + dx * s - vx * row_t, self.cy + dy * s - vy * row_t

    def to_plane(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Frame pixel -> label plane (mm); points beyond the horizon go far away."""
        xu, yu = self.ideal(x, y)
        h = np.linalg.inv(self.homography())
        h = (h / h[2, 2]).tolist()  # plain floats keep float32 inputs in float32
        w = np.maximum(h[2][0] * xu + h[2][1] * yu + 1.0, 1e-6)
        px = (h[0][0] * xu + h[0][1] * yu + h[0][2]) / w
        py = (h[1][0] * xu + h[1][1] * yu + h[1][2]) / w
        return px, py

    def to_frame(self, pts: np.ndarray) -> np.ndarray:
        """Label plane points (N, 2) mm -> frame pixels (N, 2)."""
        hom = np.column_stack([pts, np.ones(len(pts))]) @ self.homography().T
        target = hom[:, :2] / hom[:, 2:3]
        p = target.copy()
        for _ in range(12):
            xu, yu = self.ideal(p[:, 0], p[:, 1])
            p += target - np.column_stack([xu, yu])
        return p


def rotation(roll: float, tilt: float, tilt_dir: float) -> np.ndarray:
    c, s = math.cos(roll), math.sin(roll)
    rz = np.array([[c, -s, 0], [s, c, 0], [0, 0, 1.0]])
    axis = np.array([math.cos(tilt_dir), math.sin(tilt_dir), 0.0]) * tilt
    rt, _ = cv2.Rodrigues(axis)
    return rt @ rz


def symbol_axis(spec: SymbolSpec) -> np.ndarray:
    """End points of the symbol's centre line in plane mm (origin at the symbol centre)."""
    half = spec.length_mm / 2
    if spec.vertical:
        return np.array([[0.0, -half], [0.0, half]])
    return np.array([[-half, 0.0], [half, 0.0]])


def symbol_corners(spec: SymbolSpec) -> np.ndarray:
    w, h = (spec.height_mm, spec.length_mm) if spec.vertical else (spec.length_mm, spec.height_mm)
    return np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])


def slot_outline(spec: SymbolSpec, pad_mm: float = 1.0, per_edge: int = 10) -> np.ndarray:
    """Points along the boundary of the symbol plus quiet zones (plus a small pad across)."""
    w, h = spec.slot_mm()
    if spec.kind == "code128":
        w, h = (w + 2 * pad_mm, h) if spec.vertical else (w, h + 2 * pad_mm)
    t = np.linspace(0.0, 1.0, per_edge, endpoint=False)
    corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    edges = [corners[k] + np.outer(t, corners[(k + 1) % 4] - corners[k]) for k in range(4)]
    return np.vstack(edges)


def module_px(cam: Camera, spec: SymbolSpec) -> float:
    if spec.kind == "qr":
        q = cam.to_frame(symbol_corners(spec))
        sides = np.linalg.norm(q - np.roll(q, -1, axis=0), axis=1)
        return float(sides.mean() / spec.modules)
    a, b = cam.to_frame(symbol_axis(spec))
    return float(np.linalg.norm(b - a) / spec.modules)


def stretch_range(cam: Camera, pts: np.ndarray, step: float = 0.25) -> tuple[float, float]:
    """Smallest and largest frame px per plane mm over the given plane points."""
    base = cam.to_frame(pts)
    jx = (cam.to_frame(pts + np.array([step, 0.0])) - base) / step
    jy = (cam.to_frame(pts + np.array([0.0, step])) - base) / step
    sv = np.linalg.svd(np.stack([jx, jy], axis=2), compute_uv=False)
    return float(sv.min()), float(sv.max())


def plan_camera(
    rng: Rng, grade: Grade, spec: SymbolSpec, target: float, shutter: tuple[float, float]
) -> tuple[Camera, float, float, float]:
    """Pose the label so the symbol has ``target`` px modules and fits in the frame.

    Returns the camera, the roll and tilt used (radians) and the tilt direction."""
    f = rng.uniform(930.0, 1080.0)
    cx, cy = FRAME_W / 2 + rng.uniform(-12, 12), FRAME_H / 2 + rng.uniform(-8, 8)
    k1 = rng.uniform(-0.02, 0.1)
    outline = slot_outline(spec)
    lo, hi = grade.tilt_deg
    for attempt in range(400):
        shrink = 1.0 - min(attempt, 300) / 400  # relax the tilt if nothing fits
        roll = rng.uniform(0, 2 * math.pi)
        tilt = math.radians(rng.uniform(lo, hi) * shrink)
        tilt_dir = rng.uniform(0, 2 * math.pi)
        centre = np.array([rng.uniform(0.12, 0.88) * FRAME_W, rng.uniform(0.15, 0.85) * FRAME_H])
        ray = np.array([(centre[0] - cx) / f, (centre[1] - cy) / f, 1.0])
        z = f * spec.module_mm / target
        cam = Camera(f, cx, cy, k1, shutter, rotation(roll, tilt, tilt_dir), ray * z)
        for _ in range(5):
            cam.t = ray * z
            z *= module_px(cam, spec) / target
        cam.t = ray * z
        pts = cam.to_frame(outline)
        margin = 4.0 + 2.0 * target
        inside = (pts[:, 0] > margin) & (pts[:, 0] < FRAME_W - 1 - margin)
        inside &= (pts[:, 1] > margin) & (pts[:, 1] < FRAME_H - 1 - margin)
        if inside.all() and abs(module_px(cam, spec) - target) < 0.005:
            return cam, roll, tilt, tilt_dir
    raise RuntimeError("could not place the symbol in the frame")


# --------------------------------------------------------------------------------------------
# Textures
# --------------------------------------------------------------------------------------------


def smooth_noise(rng: Rng, h: int, w: int, cell: float, octaves: int = 3) -> np.ndarray:
    """Zero-mean, unit-ish variance value noise with feature size ``cell`` px."""
    size = max(2, int(h / cell) + 2), max(2, int(w / cell) + 2)
    grid = rng.standard_normal(size, dtype=np.float32)
    amp = 1.0
    for _ in range(octaves - 1):
        cell, amp = max(cell / 2, 1.0), amp * 0.5
        size = max(2, int(h / cell) + 2), max(2, int(w / cell) + 2)
        grid = cv2.resize(grid, size[::-1], interpolation=cv2.INTER_CUBIC)
        grid += amp * rng.standard_normal(size, dtype=np.float32)
    return cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC) / np.float32(1.3)


def streak_noise(rng: Rng, h: int, w: int, along: float, across: float) -> np.ndarray:
    """Noise stretched along x: ``along`` px correlation along, ``across`` px across."""
    grid = rng.standard_normal((max(2, int(h / across)), max(2, int(w / along))), dtype=np.float32)
    return cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC)


def wood_grain(rng: Rng, h: int, w: int) -> np.ndarray:
    """Wavy growth-ring lines with fine fibre streaks, roughly -1..1."""
    xs, ys = pixel_grid()
    angle = rng.uniform(0, math.pi)
    across = xs * math.sin(angle) + ys * math.cos(angle)
    warp = smooth_noise(rng, h, w, 260.0, octaves=2) * rng.uniform(8.0, 25.0)
    rings = (0.5 + 0.5 * np.sin((across + warp) * (2 * math.pi / rng.uniform(6.0, 16.0)))) ** 6
    return 0.5 * smooth_noise(rng, h, w, 30.0, octaves=2) - rings


def bench_texture(rng: Rng) -> tuple[np.ndarray, str]:
    """Bench surface in frame space, sRGB 0..1."""
    h, w = FRAME_H, FRAME_W
    kind = str(["wood", "grey_mat", "green_mat", "steel", "laminate"][rng.integers(5)])
    fine = rng.standard_normal((h // 2, w // 2), dtype=np.float32)
    fine = cv2.resize(fine, (w, h), interpolation=cv2.INTER_LINEAR)
    if kind == "wood":
        base = np.array([0.58, 0.4, 0.24], np.float32) * np.float32(rng.uniform(0.75, 1.2))
        shade = 0.07 * wood_grain(rng, h, w) + 0.06 * smooth_noise(rng, h, w, 200.0, octaves=2)
    elif kind == "steel":
        base = np.float32(rng.uniform(0.55, 0.75)) * np.array([0.98, 1.0, 1.03], np.float32)
        ramp = np.linspace(-1, 1, w, dtype=np.float32)[None, :]
        shade = 0.05 * streak_noise(rng, h, w, 220.0, 1.5) + rng.uniform(-0.15, 0.15) * ramp
    else:
        base = {
            "grey_mat": np.full(3, rng.uniform(0.22, 0.4)),
            "green_mat": np.array([0.16, 0.36, 0.27]) * rng.uniform(0.8, 1.2),
            "laminate": np.array([0.84, 0.82, 0.76]) * rng.uniform(0.85, 1.05),
        }[kind].astype(np.float32)
        shade = 0.05 * smooth_noise(rng, h, w, 120.0, octaves=2)
    shade += 1 + 0.025 * fine
    tex = base * shade[..., None]
    if kind == "green_mat":
        step = rng.uniform(18, 40)
        off = rng.uniform(0, step, 2)
        tex = _grid_lines(tex, step, off, np.array([0.7, 0.8, 0.7], np.float32))
    return np.clip(tex, 0, 1), kind


def _grid_lines(tex: np.ndarray, step: float, off: np.ndarray, color: np.ndarray) -> np.ndarray:
    h, w = tex.shape[:2]
    xs = (np.arange(w) + off[0]) % step < 1.2
    ys = (np.arange(h) + off[1]) % step < 1.2
    line = (xs[None, :] | ys[:, None]).astype(np.float32)[..., None] * np.float32(0.5)
    return tex * (1 - line) + color * line


PARCELS = ("cardboard", "cardboard", "kraft", "white_bag", "grey_bag", "black_bag", "padded")
PARCEL_BASE = {
    "cardboard": (0.66, 0.5, 0.33),
    "kraft": (0.74, 0.58, 0.4),
    "white_bag": (0.9, 0.9, 0.91),
    "grey_bag": (0.55, 0.56, 0.58),
    "black_bag": (0.1, 0.1, 0.11),
    "padded": (0.86, 0.77, 0.45),
}


@dataclass
class Parcel:
    material: str
    rect: tuple[float, float, float, float]  # plane mm, x0 y0 x1 y1
    ppm: float
    rgba: np.ndarray  # premultiplied sRGB uint8 with alpha
    glossy: bool
    tapes: int


def parcel_texture(rng: Rng, material: str, h: int, w: int, ppm: float) -> np.ndarray:
    base = np.array(PARCEL_BASE[material], np.float32) * np.float32(rng.uniform(0.88, 1.1))
    mottle = smooth_noise(rng, h, w, 40 * ppm)
    fine = rng.standard_normal((h, w), dtype=np.float32)
    shade = 1 + 0.05 * mottle + 0.025 * fine
    if material == "cardboard":
        flutes = np.sin(np.arange(w, dtype=np.float32) * 2 * np.pi / (8.0 * ppm))
        shade += 0.02 * flutes[None, :]
    elif material in ("kraft", "white_bag", "grey_bag", "black_bag"):
        ridges = np.abs(smooth_noise(rng, h, w, 25 * ppm, octaves=2))
        shade += 0.12 * (0.6 - ridges)
    return np.clip(base * shade[..., None], 0, 1)


def _band_polygon(centre: np.ndarray, angle: float, half_w: float, reach: float) -> np.ndarray:
    d = np.array([math.cos(angle), math.sin(angle)])
    n = np.array([-d[1], d[0]])
    return np.array(
        [
            centre - d * reach - n * half_w,
            centre + d * reach - n * half_w,
            centre + d * reach + n * half_w,
            centre - d * reach + n * half_w,
        ]
    )


def _band_hits_box(poly: np.ndarray, box: np.ndarray) -> bool:
    """Whether a tape band (convex polygon) overlaps an axis-aligned box (x0, y0, x1, y1)."""
    centre, d = (poly[0] + poly[2]) / 2, poly[1] - poly[0]
    d = d / np.linalg.norm(d)
    n = np.array([-d[1], d[0]])
    half_w = np.linalg.norm(poly[3] - poly[0]) / 2
    corners = np.array([[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]])
    dist = (corners - centre) @ n
    return bool(dist.min() < half_w and dist.max() > -half_w)


def make_parcel(rng: Rng, label_rect: np.ndarray, keep_clear: np.ndarray) -> Parcel:
    """Parcel surface around the label, with tape strips that keep off the symbol."""
    material = str(PARCELS[rng.integers(len(PARCELS))])
    margins = rng.uniform(4.0, 220.0, 4) * np.where(rng.random(4) < 0.3, 0.15, 1.0)
    rect = label_rect + np.array([-margins[0], -margins[1], margins[2], margins[3]])
    ppm = min(2.5, 1200.0 / max(rect[2] - rect[0], rect[3] - rect[1]))
    w, h = int((rect[2] - rect[0]) * ppm) + 1, int((rect[3] - rect[1]) * ppm) + 1
    rgb = parcel_texture(rng, material, h, w, ppm)
    tapes = 0
    for _ in range(int(rng.integers(0, 3))):
        half_w = rng.uniform(19.0, 25.0)
        angle = rng.uniform(0, math.pi) if rng.random() < 0.3 else rng.integers(2) * math.pi / 2
        centre = np.array([rng.uniform(rect[0], rect[2]), rng.uniform(rect[1], rect[3])])
        poly = _band_polygon(centre, angle, half_w, 2000.0)
        if _band_hits_box(poly, keep_clear):
            continue
        tapes += 1
        mask = np.zeros((h, w), np.float32)
        pts = np.round((poly - rect[:2]) * ppm * 16).astype(np.int32)
        cv2.fillPoly(mask, [pts], 1.0, lineType=cv2.LINE_AA, shift=4)
        brown = rng.random() < 0.55
        tint = np.array([0.78, 0.6, 0.36]) if brown else np.array([1.04, 1.04, 1.05])
        rgb = rgb * (1 - mask[..., None]) + np.clip(rgb * tint + 0.03, 0, 1) * mask[..., None]
    # The label's paper edge throws a thin soft shadow on the parcel.
    shadow = np.zeros((h, w), np.float32)
    lr = np.round((label_rect - np.tile(rect[:2], 2)) * ppm).astype(int)
    off = rng.integers(-1, 2, 2)
    cv2.rectangle(shadow, tuple(lr[:2] + off), tuple(lr[2:] + off), 1.0, -1)
    shadow = cv2.GaussianBlur(shadow, (0, 0), 0.8)
    rgb *= 1 - 0.35 * shadow[..., None]
    rgba = np.dstack([rgb, np.ones((h, w), np.float32)])
    glossy = material.endswith("bag") or rng.random() < 0.15
    return Parcel(material, tuple(rect), ppm, (rgba * 255 + 0.5).astype(np.uint8), glossy, tapes)


def label_rgba(art: LabelArt) -> np.ndarray:
    """Premultiplied RGBA of the label, with rounded corners when it is a sticker."""
    h, w = art.image.shape[:2]
    alpha = np.full((h, w), 255, np.uint8)
    if art.radius_mm > 0:
        r = max(1, round(art.radius_mm * art.ppm))
        alpha[:] = 0
        cv2.rectangle(alpha, (r, 0), (w - 1 - r, h - 1), 255, -1)
        cv2.rectangle(alpha, (0, r), (w - 1, h - 1 - r), 255, -1)
        for cx, cy in ((r, r), (w - 1 - r, r), (r, h - 1 - r), (w - 1 - r, h - 1 - r)):
            cv2.circle(alpha, (cx, cy), r, 255, -1, lineType=cv2.LINE_AA)
    rgba = cv2.cvtColor(art.image, cv2.COLOR_RGB2RGBA)
    rgba[..., 3] = alpha
    if art.radius_mm > 0:
        rgba[..., :3] = cv2.multiply(art.image, cv2.merge([alpha] * 3), scale=1 / 255)
    return rgba


# --------------------------------------------------------------------------------------------
# Scene assembly
# --------------------------------------------------------------------------------------------

_GRID: tuple[np.ndarray, np.ndarray] | None = None


def pixel_grid() -> tuple[np.ndarray, np.ndarray]:
    global _GRID
    if _GRID is None:
        ys, xs = np.mgrid[0:FRAME_H, 0:FRAME_W].astype(np.float32)
        _GRID = (xs, ys)
    return _GRID


SRGB_TO_LINEAR = ((np.arange(256, dtype=np.float32) / 255) ** 2.2).astype(np.float32)


def _warp(src: np.ndarray, mx: np.ndarray, my: np.ndarray) -> np.ndarray:
    mx, my = mx.astype(np.float32, copy=False), my.astype(np.float32, copy=False)
    border = cv2.BORDER_CONSTANT
    return cv2.remap(src, mx, my, cv2.INTER_LINEAR, borderMode=border, borderValue=(0, 0, 0, 0))


def _over(dst: np.ndarray, premult: np.ndarray) -> np.ndarray:
    """Composite premultiplied RGBA uint8 over RGB uint8."""
    inverse = cv2.merge([255 - premult[..., 3]] * 3)
    return cv2.add(cv2.multiply(dst, inverse, scale=1 / 255), premult[..., :3])


def compose_scene(
    rng: Rng, cam: Camera, art: LabelArt, sym_centre: np.ndarray, parcel: Parcel
) -> tuple[np.ndarray, str]:
    """Reflectance image (sRGB uint8) of bench, parcel and label as the camera sees it."""
    xs, ys = pixel_grid()
    px, py = cam.to_plane(xs, ys)
    if parcel.material.endswith("bag") or parcel.material == "padded":
        amp = rng.uniform(0.08, 0.3)  # soft mailers are not flat: gentle waviness in mm
        cell = rng.uniform(300.0, 600.0)
        px += amp * smooth_noise(rng, FRAME_H, FRAME_W, cell, octaves=1)
        py += amp * smooth_noise(rng, FRAME_H, FRAME_W, cell, octaves=1)
    bench, bench_kind = bench_texture(rng)
    pmx = (px - parcel.rect[0]) * parcel.ppm - 0.5
    pmy = (py - parcel.rect[1]) * parcel.ppm - 0.5
    parcel_img = _warp(parcel.rgba, pmx, pmy)
    # The parcel's soft drop shadow on the bench, computed at quarter resolution.
    small = cv2.resize(parcel_img[..., 3], (FRAME_W // 4, FRAME_H // 4), cv2.INTER_AREA)
    off = rng.uniform(-10, 10, 2)
    shift = np.float32([[1, 0, off[0]], [0, 1, off[1]]])
    drop = cv2.warpAffine(small.astype(np.float32) / 255.0, shift, small.shape[::-1])
    drop = cv2.GaussianBlur(drop, (0, 0), rng.uniform(2, 7.5))
    drop = cv2.resize(drop, (FRAME_W, FRAME_H), interpolation=cv2.INTER_LINEAR)
    bench *= (1 - rng.uniform(0.3, 0.6) * drop)[..., None]
    scene = _over((bench * 255 + 0.5).astype(np.uint8), parcel_img)
    # Label at 2x supersampling so print detail is antialiased, not aliased; only the
    # frame rows/columns the label covers are warped.
    lx = (px + sym_centre[0]) * art.ppm - 0.5
    ly = (py + sym_centre[1]) * art.ppm - 0.5
    h, w = art.image.shape[:2]
    on_label = (lx > -2) & (lx < w + 1) & (ly > -2) & (ly < h + 1)
    rows, cols = np.flatnonzero(on_label.any(axis=1)), np.flatnonzero(on_label.any(axis=0))
    if rows.size == 0:
        return scene, bench_kind
    r0, r1 = max(rows[0] - 1, 0), min(rows[-1] + 2, FRAME_H)
    c0, c1 = max(cols[0] - 1, 0), min(cols[-1] + 2, FRAME_W)
    size2 = (2 * (c1 - c0), 2 * (r1 - r0))
    lx2 = cv2.resize(lx[r0:r1, c0:c1], size2, interpolation=cv2.INTER_LINEAR)
    ly2 = cv2.resize(ly[r0:r1, c0:c1], size2, interpolation=cv2.INTER_LINEAR)
    label = _warp(label_rgba(art), lx2, ly2)
    label = cv2.resize(label, (c1 - c0, r1 - r0), interpolation=cv2.INTER_AREA)
    scene[r0:r1, c0:c1] = _over(scene[r0:r1, c0:c1], label)
    return scene, bench_kind


def add_hand(rng: Rng, scene: np.ndarray, keep_clear: np.ndarray) -> str | None:
    """A bare or gloved hand reaching in from a frame edge, never over ``keep_clear``.

    ``scene`` is linear reflectance (float32) and is modified in place."""
    mask = np.zeros((FRAME_H // 2, FRAME_W // 2), np.uint8)
    edge = int(rng.integers(4))
    along = rng.uniform(0.1, 0.9)
    anchor = [
        (along * FRAME_W, -40),
        (FRAME_W + 40, along * FRAME_H),
        (along * FRAME_W, FRAME_H + 40),
        (-40, along * FRAME_H),
    ][edge]
    inward = [math.pi / 2, math.pi, -math.pi / 2, 0.0][edge] + rng.uniform(-0.6, 0.6)
    d = np.array([math.cos(inward), math.sin(inward)])
    palm = np.array(anchor) + d * rng.uniform(20, 90)
    axes = (int(rng.uniform(55, 80)), int(rng.uniform(45, 65)))
    angle = math.degrees(inward)
    cv2.ellipse(mask, tuple((palm / 2).astype(int)), axes, angle, 0, 360, 255, -1)
    n = np.array([-d[1], d[0]])
    for k in range(int(rng.integers(2, 5))):
        base = palm + n * (k - 1.5) * 28 + d * 50
        tip = base + d * rng.uniform(70, 130) + n * rng.uniform(-15, 15)
        cv2.line(mask, tuple((base / 2).astype(int)), tuple((tip / 2).astype(int)), 255, 12)
    blur = rng.uniform(2.0, 6.0)
    alpha = cv2.resize(mask, (FRAME_W, FRAME_H), interpolation=cv2.INTER_LINEAR)
    alpha = cv2.GaussianBlur(alpha.astype(np.float32) / 255.0, (0, 0), blur)
    if (alpha[keep_clear > 0] > 0.01).any():
        return None
    kinds = {
        "skin_light": (0.86, 0.66, 0.54),
        "skin_mid": (0.64, 0.45, 0.33),
        "skin_dark": (0.36, 0.24, 0.18),
        "glove_blue": (0.3, 0.45, 0.82),
        "glove_purple": (0.45, 0.36, 0.72),
        "glove_black": (0.1, 0.1, 0.12),
    }
    kind = list(kinds)[rng.integers(len(kinds))]
    shade = 1 + 0.25 * smooth_noise(rng, FRAME_H, FRAME_W, 120.0, octaves=1)
    colour = np.array(kinds[kind], np.float32) ** 2.2 * shade[..., None]
    a = alpha[..., None]
    scene[:] = scene * (1 - a) + colour * a
    return kind


# --------------------------------------------------------------------------------------------
# Light, optics, sensor
# --------------------------------------------------------------------------------------------

ILLUMINANTS = {
    "warm_led": (1.0, 0.8, 0.58),
    "neutral_led": (1.0, 0.92, 0.8),
    "daylight": (0.95, 1.0, 1.02),
    "cool_fluorescent": (0.88, 1.0, 1.08),
    "green_fluorescent": (0.9, 1.0, 0.86),
}


def hand_shadow(rng: Rng) -> np.ndarray:
    """Soft occlusion mask (0..1) of a hand between the ceiling light and the bench."""
    small = np.zeros((FRAME_H // 4, FRAME_W // 4), np.float32)
    c = np.array([rng.uniform(-0.1, 1.1) * FRAME_W, rng.uniform(-0.1, 1.1) * FRAME_H]) / 4
    angle = rng.uniform(0, 2 * math.pi)
    d = np.array([math.cos(angle), math.sin(angle)])
    n = np.array([-d[1], d[0]])
    cv2.ellipse(small, tuple(c.astype(int)), (40, 30), math.degrees(angle), 0, 360, 1.0, -1)
    for k in range(4):
        base = c + n * (k - 1.5) * 14 + d * 22
        tip = base + d * rng.uniform(35, 60)
        cv2.line(small, tuple(base.astype(int)), tuple(tip.astype(int)), 1.0, 9)
    small = cv2.GaussianBlur(small, (0, 0), rng.uniform(4, 14))
    return cv2.resize(small, (FRAME_W, FRAME_H), interpolation=cv2.INTER_LINEAR)


def psf_kernel(sigma: float, defocus: float, motion: float, angle: float) -> np.ndarray:
    """Gaussian * defocus disc * motion streak, normalised."""
    half = math.ceil(3 * sigma + defocus + motion / 2 + 1)
    size = 2 * half + 1
    yy, xx = np.mgrid[-half : half + 1, -half : half + 1].astype(np.float32)
    if defocus > 0.3:
        k = np.clip(defocus + 0.5 - np.hypot(xx, yy), 0, 1)
    else:
        k = ((xx == 0) & (yy == 0)).astype(np.float32)
    if motion > 0.3:
        line = np.zeros((size, size), np.float32)
        for s in np.linspace(-motion / 2, motion / 2, max(3, int(motion * 4))):
            x, y = half + s * math.cos(angle), half + s * math.sin(angle)
            x0, y0 = math.floor(x), math.floor(y)
            fx, fy = x - x0, y - y0
            line[y0, x0] += (1 - fx) * (1 - fy)
            line[y0, x0 + 1] += fx * (1 - fy)
            line[y0 + 1, x0] += (1 - fx) * fy
            line[y0 + 1, x0 + 1] += fx * fy
        k = cv2.filter2D(k, -1, line / line.sum(), borderType=cv2.BORDER_CONSTANT)
    if sigma > 0.05:
        k = cv2.GaussianBlur(k, (size, size), sigma, borderType=cv2.BORDER_CONSTANT)
    return (k / k.sum()).astype(np.float32)


@dataclass
class Optics:
    sigma: float
    defocus: float
    motion: float
    motion_angle: float
    sigma_modules: float  # total blur along the symbol axis, in modules


def plan_optics(
    rng: Rng, grade: Grade, mod_px: float, axis_angle: float, speed: float, angle: float, qr: bool
) -> Optics:
    """Split a blur budget (fraction of a module along the axis) over blur sources."""
    budget = rng.uniform(*grade.blur_per_module) * mod_px
    base = 0.45  # pixel aperture + demosaic blur that is always there, px
    budget = math.sqrt(max(budget**2 - base**2, 0.01))
    along = 1.0 if qr else abs(math.cos(angle - axis_angle))
    motion = speed * rng.uniform(0.15, 0.6)  # exposure time / readout time
    if motion * along / math.sqrt(12) > 0.7 * budget:
        motion = 0.7 * budget * math.sqrt(12) / max(along, 1e-3)
    motion = min(motion, 12.0)
    left = budget**2 - (motion * along) ** 2 / 12
    share = rng.uniform(0.0, 1.0)
    sigma = math.sqrt(max(left * share, 0.0))
    defocus = 2 * math.sqrt(max(left * (1 - share), 0.0))
    total = math.sqrt(sigma**2 + defocus**2 / 4 + (motion * along) ** 2 / 12 + base**2)
    return Optics(sigma, defocus, motion, angle, total / mod_px)


def lighting(rng: Rng, grade: Grade) -> tuple[np.ndarray, dict]:
    """Irradiance field (H, W) over the scene: key-light gradient and hand shadows."""
    xs, ys = pixel_grid()
    a = rng.uniform(0, 2 * math.pi)
    strength = rng.uniform(0.05, 0.45)
    ramp = ((xs / FRAME_W - 0.5) * math.cos(a) + (ys / FRAME_H - 0.5) * math.sin(a)) * 2
    field = 1 + strength * ramp
    shadows = 0
    if rng.random() < grade.hand_shadow_p:
        for _ in range(int(rng.integers(1, 3))):
            darkness = rng.uniform(*grade.shadow_depth)
            field *= 1 - darkness * hand_shadow(rng)
            shadows += 1
    info = {"gradient": round(strength, 3), "hand_shadows": shadows}
    return field.astype(np.float32), info


def glare(rng: Rng, centre: np.ndarray, keep_clear: np.ndarray, cap: float) -> np.ndarray:
    """Additive specular highlight, limited over the symbol so bars keep their contrast."""
    xs, ys = pixel_grid()
    sigma = rng.uniform(30, 160)
    peak = rng.uniform(0.15, 0.7)
    blob = np.exp(-((xs - centre[0]) ** 2 + (ys - centre[1]) ** 2) / (2 * sigma**2))
    over = float(blob[keep_clear > 0].max()) * peak if keep_clear.any() else 0.0
    if over > cap:
        peak *= cap / over
    return (peak * blob).astype(np.float32)


def vignette(strength: float) -> np.ndarray:
    xs, ys = pixel_grid()
    r2 = ((xs - FRAME_W / 2) ** 2 + (ys - FRAME_H / 2) ** 2) / (FRAME_W**2 / 4 + FRAME_H**2 / 4)
    return (1 - strength * r2).astype(np.float32)


@lru_cache(maxsize=1)
def metering_weights() -> np.ndarray:
    """Centre-weighted auto-exposure metering, summing to 1."""
    xs, ys = pixel_grid()
    weight = np.exp(-(((xs - FRAME_W / 2) / 450) ** 2) - ((ys - FRAME_H / 2) / 260) ** 2)
    return (weight / weight.sum()).astype(np.float32)


def bayer_capture(
    rng: Rng, grade: Grade, radiance: np.ndarray, symbol_area: np.ndarray
) -> tuple[np.ndarray, dict]:
    """Exposure, banding, RGGB mosaic, shot/read noise, 10-bit ADC, demosaic.

    Half of the cameras have a native 1280x720 sensor; the others have a 1920x1080 sensor
    whose demosaiced picture is scaled down to 1280x720 (smaller pixels, fewer electrons each,
    but less colour aliasing on fine bars).  Auto exposure may clip paper white a little
    around the symbol, never so far that the bars drown in the blown-out paper."""
    scaled = rng.random() < 0.5
    lum = cv2.cvtColor(radiance, cv2.COLOR_RGB2GRAY)
    mean = float((lum * metering_weights()).sum())
    ae_target = 0.18 * rng.uniform(0.75, 1.6)
    exposure = ae_target / max(mean, 1e-4)
    paper = float(np.percentile(lum[symbol_area > 0], 97))
    exposure = min(exposure, rng.uniform(0.8, 1.2) / max(paper, 1e-4))
    raw_rgb = radiance * exposure
    band = 0.0
    if rng.random() < 0.5:
        band = rng.uniform(0.02, 0.09)
        period, phase = rng.uniform(70, 320), rng.uniform(0, 2 * math.pi)
        rows = 1 + band * np.sin(np.arange(FRAME_H, dtype=np.float32) * 2 * np.pi / period + phase)
        raw_rgb = raw_rgb * rows[:, None, None]
    full_well = rng.uniform(*grade.full_well)
    if scaled:
        raw_rgb = cv2.resize(raw_rgb, (1920, 1080), interpolation=cv2.INTER_CUBIC)
        full_well /= 1.5**2
    raw = np.empty(raw_rgb.shape[:2], np.float32)
    raw[0::2, 0::2] = raw_rgb[0::2, 0::2, 0]
    raw[0::2, 1::2] = raw_rgb[0::2, 1::2, 1]
    raw[1::2, 0::2] = raw_rgb[1::2, 0::2, 1]
    raw[1::2, 1::2] = raw_rgb[1::2, 1::2, 2]
    read = rng.uniform(*grade.read_noise)
    sd = np.sqrt(np.clip(raw, 0, 1) / full_well + read**2)
    raw = raw + sd * rng.standard_normal(raw.shape, dtype=np.float32)
    adc = np.clip(np.round(np.clip(raw, 0, 1) * 1023), 0, 1023).astype(np.uint16)
    edge_aware = rng.random() < 0.5
    code = cv2.COLOR_BayerBG2RGB_EA if edge_aware else cv2.COLOR_BayerBG2RGB
    rgb = cv2.cvtColor(adc, code).astype(np.float32) / 1023.0
    if scaled:
        rgb = cv2.resize(rgb, (FRAME_W, FRAME_H), interpolation=cv2.INTER_AREA)
    info = {
        "sensor": "1080p_scaled" if scaled else "720p_native",
        "exposure_target": round(ae_target, 3),
        "banding": round(band, 3),
        "full_well_e": round(full_well),
        "read_noise": round(read, 4),
        "demosaic": "edge_aware" if edge_aware else "bilinear",
    }
    return rgb, info


def isp(rng: Rng, rgb: np.ndarray, illuminant: np.ndarray, grade: Grade) -> tuple[np.ndarray, dict]:
    """White balance, tone curve, chroma denoise and saturation, luma sharpening, JPEG."""
    awb = rng.uniform(0.6, 1.0)
    gains = (1.0 / illuminant) ** awb
    rgb = np.clip(rgb * (gains / gains[1]).astype(np.float32), 0, 1)
    gamma = rng.uniform(2.0, 2.4)
    out = cv2.pow(rgb, 1 / gamma)
    contrast = rng.uniform(0.0, 0.25)
    out = out + contrast * out * (1 - out) * (2 * out - 1)
    luma, cr, cb = cv2.split(cv2.cvtColor(out, cv2.COLOR_RGB2YCrCb))
    chroma_nr, sat = rng.uniform(0.8, 2.0), np.float32(rng.uniform(1.0, 1.35))
    cr = 0.5 + sat * (cv2.GaussianBlur(cr, (0, 0), chroma_nr) - 0.5)
    cb = 0.5 + sat * (cv2.GaussianBlur(cb, (0, 0), chroma_nr) - 0.5)
    amount, radius = rng.uniform(0.3, 1.3), rng.uniform(0.7, 1.6)
    luma = luma + np.float32(amount) * (luma - cv2.GaussianBlur(luma, (0, 0), radius))
    out = cv2.cvtColor(cv2.merge([luma, cr, cb]), cv2.COLOR_YCrCb2RGB)
    img = np.clip(out * 255 + 0.5, 0, 255).astype(np.uint8)
    quality = int(rng.integers(grade.jpeg[0], grade.jpeg[1] + 1))
    ok, buf = cv2.imencode(".jpg", img[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR)[..., ::-1]
    info = {
        "awb_strength": round(awb, 2),
        "chroma_denoise_sigma": round(chroma_nr, 2),
        "gamma": round(gamma, 2),
        "sharpen_amount": round(amount, 2),
        "sharpen_radius": round(radius, 2),
        "jpeg_quality": quality,
    }
    return np.ascontiguousarray(decoded), info


# --------------------------------------------------------------------------------------------
# One sample
# --------------------------------------------------------------------------------------------


@dataclass
class Sample:
    frame: np.ndarray  # RGB uint8, FRAME_H x FRAME_W
    label: np.ndarray  # flat label render, RGB uint8
    truth: dict
    camera: Camera  # maps the symbol plane (mm, origin at the symbol centre) into the frame
    symbol: SymbolSpec


def difficulty_of(index: int) -> str:
    return DIFFICULTIES[index % 3]


def is_qr(index: int, seed: int) -> bool:
    return (index // 3 + seed) % 8 == 5


def _keep_clear_mask(cam: Camera, spec: SymbolSpec) -> np.ndarray:
    pts = cam.to_frame(slot_outline(spec, pad_mm=1.5, per_edge=16))
    mask = np.zeros((FRAME_H, FRAME_W), np.uint8)
    cv2.fillPoly(mask, [np.round(pts).astype(np.int32)], 255)
    return cv2.dilate(mask, np.ones((9, 9), np.uint8))


def render_sample(seed: int, index: int) -> Sample:
    """Render frame ``index`` (0-based) of the set for ``seed``."""
    rng = np.random.default_rng([seed, index])
    difficulty = difficulty_of(index)
    grade = GRADES[difficulty]
    qr = is_qr(index, seed)
    s10 = random_s10(rng)
    names = list(LAYOUTS)
    weights = np.array([LAYOUTS[n][1] for n in names])
    layout = names[rng.choice(len(names), p=weights / weights.sum())]
    vertical = not qr and rng.random() < LAYOUTS[layout][2]
    spec = plan_symbol(rng, s10, grade, qr, vertical)

    target = rng.uniform(*(grade.qr_module_px if qr else grade.module_px))
    speed = 0.0 if rng.random() < 0.35 else rng.uniform(0, grade.speed_px)
    motion_angle = rng.uniform(0, 2 * math.pi)
    shutter = (speed * math.cos(motion_angle), speed * math.sin(motion_angle))
    cam, roll, tilt, tilt_dir = plan_camera(rng, grade, spec, target, shutter)
    _, s_max = stretch_range(cam, slot_outline(spec, per_edge=4))
    ppm = float(np.clip(2.0 * s_max, 4.0, 20.0))  # label pixels: ~2 per frame pixel

    ink_level = int(rng.integers(*grade.ink_grey))
    ink = (ink_level, ink_level, ink_level + int(rng.integers(0, 8)))
    job = LabelJob(rng, s10, spec, ppm, ink, _paper(rng, layout), s10_hri(s10, rng))
    art = LAYOUTS[layout][0](job)
    box = art.symbol_box
    sym_centre = np.array([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2])
    h, w = art.image.shape[:2]
    label_rect = np.array([0, 0, w / ppm, h / ppm]) - np.tile(sym_centre, 2)
    sw, sh = spec.slot_mm()
    keep_plane = np.array([-sw / 2 - 3, -sh / 2 - 3, sw / 2 + 3, sh / 2 + 3])
    parcel = make_parcel(rng, label_rect, keep_plane)

    scene_srgb, bench = compose_scene(rng, cam, art, sym_centre, parcel)
    scene = SRGB_TO_LINEAR[scene_srgb]
    keep = _keep_clear_mask(cam, spec)
    hand = add_hand(rng, scene, keep) if rng.random() < 0.3 else None
    shot = Exposure(grade, cam, spec, keep, parcel.glossy, speed, motion_angle)
    frame, capture = photograph(rng, shot, scene)

    truth = {
        "file": f"frame_{index + 1:04d}.png",
        "expected": s10,
        "difficulty": difficulty,
        "module_px": round(module_px(cam, spec), 3),
        "symbology": spec.kind,
        **_symbol_truth(spec, art, job),
        **_pose_truth(cam, spec, roll, tilt, tilt_dir),
        **capture,
        "scene": {"parcel": parcel.material, "tape_strips": parcel.tapes, "bench": bench},
        "label_ppm": round(ppm, 2),
    }
    truth["scene"]["hand"] = hand
    return Sample(frame, art.image, truth, cam, spec)


@dataclass
class Exposure:
    """What the light, optics and sensor stages need to know about the shot."""

    grade: Grade
    cam: Camera
    spec: SymbolSpec
    keep_clear: np.ndarray  # frame mask of the symbol and its quiet zones
    glossy: bool
    speed: float
    motion_angle: float


def photograph(rng: Rng, shot: Exposure, scene: np.ndarray) -> tuple[np.ndarray, dict]:
    """Light the linear scene, blur it through the lens and capture it; returns RGB uint8."""
    grade, cam, spec = shot.grade, shot.cam, shot.spec
    illum_name = list(ILLUMINANTS)[rng.integers(len(ILLUMINANTS))]
    illuminant = np.array(ILLUMINANTS[illum_name], np.float32)
    field_, light_info = lighting(rng, grade)
    radiance = scene * field_[..., None] * illuminant
    glare_peak = 0.0
    if rng.random() < grade.glare_p * (1.6 if shot.glossy else 1.0):
        spot = cam.to_frame(np.array([[0.0, 0.0]]))[0] + rng.normal(0, 200, 2)
        g = glare(rng, spot, shot.keep_clear, cap=0.15)
        glare_peak = float(g.max())
        radiance += g[..., None] * illuminant

    end_a, end_b = cam.to_frame(symbol_axis(spec))
    axis_angle = math.atan2(end_b[1] - end_a[1], end_b[0] - end_a[0])
    mpx = module_px(cam, spec)
    optics = plan_optics(
        rng, grade, mpx, axis_angle, shot.speed, shot.motion_angle, spec.kind == "qr"
    )
    kernel = psf_kernel(optics.sigma, optics.defocus, optics.motion, optics.motion_angle)
    radiance = cv2.filter2D(radiance, -1, kernel, borderType=cv2.BORDER_REFLECT)
    vig = rng.uniform(0.08, 0.35)
    radiance *= vignette(vig)[..., None]

    raw, sensor_info = bayer_capture(rng, grade, radiance, shot.keep_clear)
    frame, isp_info = isp(rng, raw, illuminant, grade)
    info = {
        "blur": {
            "gaussian_sigma_px": round(optics.sigma, 3),
            "defocus_radius_px": round(optics.defocus, 3),
            "motion_px": round(optics.motion, 3),
            "motion_angle_deg": round(math.degrees(shot.motion_angle) % 360, 1),
            "sigma_along_axis_modules": round(optics.sigma_modules, 3),
        },
        "lighting": {
            **light_info,
            "illuminant": illum_name,
            "glare_peak": round(glare_peak, 3),
            "vignetting": round(vig, 3),
        },
        "sensor": sensor_info,
        "isp": {k: v for k, v in isp_info.items() if k != "jpeg_quality"},
        "jpeg_quality": isp_info["jpeg_quality"],
    }
    return frame, info


def _symbol_truth(spec: SymbolSpec, art: LabelArt, job: LabelJob) -> dict:
    return {
        "symbol_modules": spec.modules,
        "module_mm": round(spec.module_mm, 3),
        "quiet_zone_modules": spec.quiet,
        "print_gain_modules": round(spec.gain / PRINT_PX, 4),
        "layout": art.layout,
        "axis_on_label": "vertical" if spec.vertical else "horizontal",
        "hri": art.hri,
        "hri_text": job.hri,
        "other_codes": art.others,
    }


def _pose_truth(cam: Camera, spec: SymbolSpec, roll: float, tilt: float, tilt_dir: float) -> dict:
    end_a, end_b = cam.to_frame(symbol_axis(spec))
    rotation_deg = math.degrees(math.atan2(end_b[1] - end_a[1], end_b[0] - end_a[0])) % 360
    quad = cam.to_frame(symbol_corners(spec))
    return {
        "rotation_deg": round(rotation_deg, 1),
        "tilt_deg": round(math.degrees(tilt), 1),
        "tilt_axis_deg": round(math.degrees(tilt_dir) % 360, 1),
        "roll_deg": round(math.degrees(roll), 1),
        "focal_px": round(cam.f, 1),
        "distance_mm": round(float(np.linalg.norm(cam.t)), 1),
        "lens_k1": round(cam.k1, 4),
        "rolling_shutter_px": [round(v, 2) for v in cam.shutter],
        "symbol_quad": [[round(float(x), 1), round(float(y), 1)] for x, y in quad],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--count", type=int, default=240, help="number of frames")
    parser.add_argument("--seed", type=int, default=1, help="set seed")
    parser.add_argument("--quiet", action="store_true", help="no progress output")
    args = parser.parse_args(argv)
    cv2.setNumThreads(1)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    truth = []
    for index in range(args.count):
        sample = render_sample(args.seed, index)
        cv2.imwrite(str(args.out / sample.truth["file"]), sample.frame[..., ::-1])
        truth.append(sample.truth)
        if not args.quiet and (index + 1) % 20 == 0:
            print(f"{index + 1}/{args.count} frames, {time.perf_counter() - started:.1f} s")
    (args.out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n")
    if not args.quiet:
        print(f"wrote {args.count} frames to {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
