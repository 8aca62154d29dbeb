"""Synthetic camera frames of parcel labels, drawn with the real barcode encoders.

Why: the decoder must be measured on what a bench camera sees — a label lying at any angle on a
parcel, tilted towards or away from the lens, slightly out of focus, shaded, under glare or poor
light, JPEG-compressed by the webcam — and tests, the benchmark and the demo camera clip must
share one generator so a figure in the docs is the figure the tests check. The S10 bars come
from python-barcode's Code 128 encoder, the QR code from segno and the DataMatrix from
zxing-cpp's writer, so the symbols are exactly what a label printer would print; only the
label's surroundings and the camera are simulated.

Two sets of conditions (:data:`CONDITIONS`): ``webcam``, the default and the measure of record,
calibrated against plain whole-frame decoders, which were measured on real webcam label frames
to read the S10 in ~12 % (pyzbar) and ~22 % (zxing-cpp) of frames: here pyzbar reads ~12 % and
zxing-cpp ~11 %, so the frames are at least as hard for both (docs/scanning.md); and ``mild``,
close to the easier frames the pipeline was first developed on, kept for comparison.

Rendering, in the order a camera forms the image: the label (ink on paper, with its text,
rules and other codes) is drawn at ``_HI`` pixels per module; it is put on a parcel surface by a
real 3D pose (rotation in the plane, tilt of the plane, pinhole projection); the scene is formed
at twice the frame resolution and integrated over the sensor pixels, blurred by the lens
(defocus disk, a little motion, lens softness), lit (exposure, vignetting, a shadow, a specular
highlight), given sensor noise, sharpened as webcams do, and JPEG-compressed.

Every frame stays decodable in principle: the S10 symbol and its 10-module quiet zones are
inside the frame and free of other print, and a highlight never lifts the bars to less than a
quarter of their contrast. ``module_px`` is measured in the frame after projection: the length
of the symbol's centre line divided by its number of modules.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import cv2
import numpy as np
import segno
import zxingcpp
from barcode import Code128  # type: ignore[import-untyped]

from parcelbench.ids.s10 import check_digit

FRAME_SIZE: Final = (1280, 720)
_HI: Final = 4  # label pixels per module while drawing
_QUIET: Final = 10  # quiet zone in modules on each side of the Code 128 symbol
_SS: Final = 2  # supersampling of the scene before the sensor integrates it
_FOCAL_PX: Final = 1000.0  # a 720p webcam with a ~65° horizontal field of view
_SERVICES: Final = ("RR", "RB", "CP", "CX", "LX", "LP", "EE", "EA", "UA", "UB", "RA", "VV")
_COUNTRIES: Final = ("CN", "HK", "GB", "DE", "FR", "NL", "SG", "JP", "US", "IN", "TW", "CA")
_WORDS: Final = (
    "Shenzhen",
    "Trading",
    "Co Ltd",
    "Export",
    "Rd",
    "Unit",
    "Building",
    "Queens",
    "NY",
    "Main St",
    "Apt",
    "Industrial",
    "Pkwy",
    "Harbour",
    "Road",
    "Room",
    "Floor",
    "Block",
    "Gift",
    "Sample",
    "Weight",
    "Contents",
    "Tel",
    "Zone",
)
_HEADINGS: Final = (
    "REGISTERED",
    "PRIORITY",
    "SMALL PACKET",
    "TRACKED",
    "CN22",
    "CUSTOMS DECLARATION",
    "AIR MAIL",
    "PAR AVION",
)
_FONTS: Final = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_DUPLEX, cv2.FONT_HERSHEY_PLAIN)


@dataclass(frozen=True)
class Conditions:
    """The ranges a frame's label and camera conditions are drawn from (uniform unless said)."""

    name: str
    clutter: bool
    """A full shipping label (rules, address blocks, boxes, more codes) instead of a slip."""
    backgrounds: tuple[str, ...]
    bar_height: tuple[float, float]
    """Bar height as a fraction of the symbol's length."""
    tilt_deg: tuple[float, float]
    """Tilt of the label plane away from facing the camera."""
    defocus_px: tuple[float, float]
    """Radius of the defocus disk in frame pixels."""
    lens_sigma_px: tuple[float, float]
    motion_px: tuple[float, float]
    """Length of the motion blur in frame pixels (doubled in dim frames: longer exposure)."""
    dim_share: float
    dim_gain: tuple[float, float]
    bright_gain: tuple[float, float]
    auto_exposure: float
    """How much of a light loss the camera makes up by raising its gain (0: none, 1: all)."""
    vignette: tuple[float, float]
    """Light lost in the frame corners."""
    shadow_share: float
    glare_share: float
    glare_peak: tuple[float, float]
    """Peak of the specular highlight in grey levels, before the quarter-contrast cap."""
    read_noise: tuple[float, float]
    """Read noise in grey levels; shot noise grows with the signal, and the gain of a dim
    frame amplifies both (``webcam``: σ ≈ 9 grey levels on the paper beside the code, median
    after JPEG)."""
    sharpen: tuple[float, float]
    """Amount of the webcam's own unsharp mask."""
    jpeg_quality: tuple[int, int]
    ink: tuple[float, float]
    """Reflectance of the printed bars (paper is 0.82–0.95)."""


WEBCAM: Final = Conditions(
    name="webcam",
    clutter=True,
    backgrounds=("kraft", "kraft", "mailer", "bag", "printed", "bench"),
    bar_height=(0.12, 0.28),
    tilt_deg=(0.0, 40.0),
    defocus_px=(0.2, 1.1),
    lens_sigma_px=(0.3, 0.5),
    motion_px=(0.0, 0.8),
    dim_share=0.35,
    dim_gain=(0.3, 0.55),
    bright_gain=(0.65, 1.0),
    auto_exposure=0.6,
    vignette=(0.1, 0.45),
    shadow_share=0.25,
    glare_share=0.5,
    glare_peak=(60.0, 220.0),
    read_noise=(2.8, 5.0),
    sharpen=(0.0, 0.7),
    jpeg_quality=(35, 80),
    ink=(0.04, 0.2),
)
"""Issue-calibrated webcam frames: the default of the benchmark, the tests and the demo clip."""

MILD: Final = Conditions(
    name="mild",
    clutter=False,
    backgrounds=("bench",),
    bar_height=(0.25, 0.34),
    tilt_deg=(0.0, 12.0),
    defocus_px=(0.0, 0.0),
    lens_sigma_px=(0.3, 0.9),
    motion_px=(0.0, 0.0),
    dim_share=0.3,
    dim_gain=(0.3, 0.6),
    bright_gain=(0.75, 1.0),
    auto_exposure=0.0,
    vignette=(0.0, 0.0),
    shadow_share=0.0,
    glare_share=0.4,
    glare_peak=(40.0, 120.0),
    read_noise=(1.5, 4.5),
    sharpen=(0.0, 0.0),
    jpeg_quality=(50, 91),
    ink=(0.08, 0.12),
)
"""Close to the easier frames the pipeline was first measured on (plain pyzbar reads about a
third of them): a small slip on a plain bench, mild tilt, no defocus, shadow or clutter."""

CONDITIONS: Final = {c.name: c for c in (WEBCAM, MILD)}


@dataclass(frozen=True)
class Degradation:
    """What the label and the simulated camera did in one frame (drawn at random per frame)."""

    angle_deg: float
    """Rotation of the label in its plane (0–360°)."""
    tilt_deg: float
    tilt_axis_deg: float
    """Direction, in the label plane, of the axis the label is tilted about."""
    bar_height: float
    defocus_px: float
    lens_sigma_px: float
    motion_px: float
    motion_deg: float
    gain: float
    """Light level: 1.0 is a well-lit bench, 0.3 a dim one."""
    exposure: float
    """Brightness of the picture after the camera's gain (dim scenes: brighter than the light)."""
    vignette: float
    shadow: float
    """Depth of a soft shadow across the label (0: none)."""
    glare: float
    """Requested peak of a specular highlight in grey levels (0: none)."""
    read_noise: float
    sharpen: float
    jpeg_quality: int
    ink: float
    paper: float
    background: str


@dataclass(frozen=True)
class LabelFrame:
    """One synthetic frame and its ground truth."""

    image: np.ndarray
    """BGR, ``FRAME_SIZE``."""
    item_id: str
    """The S10 printed as Code 128 on the label."""
    module_px: float
    polygon: tuple[tuple[float, float], ...]
    """Corners of the S10 symbol (bars only, no quiet zone) in frame pixels."""
    degradation: Degradation
    other_texts: tuple[str, ...] = field(default=())
    """Payloads of the other codes on the label (QR / DataMatrix, a reference Code 128)."""


def random_s10(rng: np.random.Generator) -> str:
    """A valid S10 id with a common service indicator and issuing country."""
    serial = "".join(str(d) for d in rng.integers(0, 10, 8))
    service = _SERVICES[int(rng.integers(len(_SERVICES)))]
    country = _COUNTRIES[int(rng.integers(len(_COUNTRIES)))]
    return f"{service}{serial}{check_digit(serial)}{country}"


def code128_modules(text: str) -> np.ndarray:
    """The bar/space pattern of ``text`` as Code 128 (1 = bar), from python-barcode's encoder."""
    pattern = Code128(text).build()[0]
    return np.frombuffer(pattern.encode("ascii"), dtype=np.uint8) - ord("0")


def draw_code128(text: str, module: int, height: int) -> np.ndarray:
    """A white-background image of the symbol with quiet zones, ``module`` px per module."""
    bars = code128_modules(text)
    row = np.concatenate([np.zeros(_QUIET, np.uint8), bars, np.zeros(_QUIET, np.uint8)])
    row = np.repeat(row, module)
    return np.repeat(np.where(row == 1, 0, 255).astype(np.uint8)[None, :], height, axis=0)


def draw_qr(text: str, module: int) -> np.ndarray:
    """A QR code from segno with its 4-module quiet zone, ``module`` px per module."""
    matrix = np.array(segno.make_qr(text, error="m").matrix, dtype=np.uint8)
    matrix = np.pad(matrix, 4)
    image = np.where(matrix == 1, 0, 255).astype(np.uint8)
    return np.kron(image, np.ones((module, module), np.uint8))


def draw_datamatrix(text: str, module: int) -> np.ndarray:
    """A DataMatrix from zxing-cpp's writer with a 2-module quiet zone, ``module`` px per module."""
    symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.DataMatrix)
    image = np.asarray(symbol.to_image(scale=1, add_quiet_zones=False), dtype=np.uint8)
    image = np.pad(image, 2, constant_values=255)
    return np.kron(image, np.ones((module, module), np.uint8))


def _words(rng: np.random.Generator, n: int) -> str:
    return " ".join(_WORDS[int(i)] for i in rng.integers(len(_WORDS), size=n))


def _reference(rng: np.random.Generator) -> str:
    letters = "".join(rng.choice(list(string.ascii_uppercase), 3))
    return f"REF-{letters}-{int(rng.integers(10**6, 10**7))}"


class _Sheet:
    """A label being laid out top to bottom, in label pixels (255 paper, 0 ink)."""

    def __init__(self, width: int, rng: np.random.Generator) -> None:
        self.width = width
        self.rng = rng
        self.parts: list[np.ndarray] = []
        self.height = 0

    def block(self, height: int) -> np.ndarray:
        part = np.full((height, self.width), 255, np.uint8)
        self.parts.append(part)
        self.height += height
        return part

    def text(self, part: np.ndarray, words: str, x: int, baseline: int, cap: float) -> None:
        """Write ``words`` with capitals ``cap`` pixels tall."""
        font = _FONTS[int(self.rng.integers(len(_FONTS)))]
        (_, h), _ = cv2.getTextSize("H", font, 1.0, 1)
        scale = cap / max(h, 1)
        thick = max(1, round(cap / 9 * self.rng.uniform(0.8, 1.5)))
        cv2.putText(part, words, (x, baseline), font, scale, 0, thick, cv2.LINE_AA)

    def rule(self, part: np.ndarray, y: int, thick: int) -> None:
        part[max(0, y) : y + thick] = 0

    def image(self) -> np.ndarray:
        return np.vstack(self.parts)


def draw_label(
    item_id: str,
    rng: np.random.Generator,
    *,
    bar_height: float,
    qr_text: str | None,
    ref_text: str | None,
    clutter: bool,
) -> tuple[np.ndarray, tuple[tuple[float, float], ...]]:
    """The label at ``_HI`` px per module and the S10 symbol's corners in label pixels.

    Without ``clutter`` it is a small slip: two lines of text, the code, its human-readable
    line, perhaps a QR code and a reference code. With it, a shipping label: a heading with a
    boxed service letter, sender and addressee blocks split by rules, a second Code 128,
    a QR code or DataMatrix beside the address, declaration check boxes and a border — print
    that sits close to the code (text lines have strong vertical strokes too) without ever
    entering its quiet zones.
    """
    m = _HI
    bars = code128_modules(item_id)
    sym_w = len(bars) * m
    code_w = sym_w + 2 * _QUIET * m
    bar_h = max(8 * m, int(sym_w * bar_height))
    if not clutter:
        return _slip(item_id, rng, bar_h, qr_text=qr_text, ref_text=ref_text)
    width = int(code_w * rng.uniform(1.04, 1.45))
    sheet = _Sheet(width, rng)
    margin = 3 * m
    small = m * rng.uniform(5, 7.5)
    # Heading: a boxed service letter, a heading, a rule.
    head = sheet.block(int(m * rng.uniform(16, 24)))
    box = int(head.shape[0] * 0.8)
    cv2.rectangle(head, (margin, 4), (margin + box, 4 + box), 0, max(2, m // 2 + 1))
    letter = item_id[0] if item_id[0] in "RLCEU" else "R"
    sheet.text(head, letter, margin + box // 5, box, box * 0.6)
    words = _HEADINGS[int(rng.integers(len(_HEADINGS)))]
    sheet.text(head, words, margin * 2 + box, int(head.shape[0] * 0.62), head.shape[0] * 0.38)
    sheet.rule(head, head.shape[0] - m, max(1, m // 2))
    # Sender: two or three lines, maybe two columns split by a vertical rule.
    lines = int(rng.integers(2, 4))
    sender = sheet.block(int(lines * small * 1.6 + 2 * m))
    split = rng.random() < 0.5
    col = width // 2 if split else width
    for i in range(lines):
        y = int((i + 1) * small * 1.6)
        words = "FROM: " + _words(rng, 2 if split else 3) if i == 0 else _words(rng, 3)
        sheet.text(sender, words, margin, y, small)
        if split:
            sheet.text(sender, _words(rng, 2), col + margin, y, small)
    if split:
        sender[:, col : col + max(1, m // 2)] = 0
    sheet.rule(sender, sender.shape[0] - m, max(1, m // 2))
    # The S10 block: quiet zones left clear; a rule may run close above the bars.
    gap_top = int(m * rng.uniform(2, 6))
    human_cap = m * rng.uniform(6, 9)
    s10 = sheet.block(gap_top + bar_h + int(human_cap * 1.9))
    top_in_block = gap_top
    x0 = int(rng.integers(0, width - code_w + 1))
    s10[gap_top : gap_top + bar_h, x0 : x0 + code_w] = draw_code128(item_id, m, bar_h)
    human = f"{item_id[:2]} {item_id[2:6]} {item_id[6:10]} {item_id[10]} {item_id[11:]}"
    sheet.text(s10, human, x0 + _QUIET * m * 2, gap_top + bar_h + int(human_cap * 1.4), human_cap)
    symbol_top = sheet.height - s10.shape[0] + top_in_block
    # A second Code 128 (a reference or order number) with its own quiet zones and caption.
    if ref_text is not None:
        fit = width // (len(code128_modules(ref_text)) + 2 * _QUIET)  # whole, quiet zones too
        ref_m = max(1, min(int(m * rng.uniform(0.6, 1.0)), fit))
        ref = draw_code128(ref_text, ref_m, int(bar_h * rng.uniform(0.5, 1.0)))
        block = sheet.block(ref.shape[0] + int(small * 2.2) + 2 * m)
        rx = int(rng.integers(0, max(1, width - ref.shape[1]) + 1))
        block[m : m + ref.shape[0], rx : rx + ref.shape[1]] = ref
        sheet.text(block, ref_text, rx + 10 * ref_m, m + ref.shape[0] + int(small * 1.5), small)
    # Addressee block with a 2D code on the right.
    lines = int(rng.integers(3, 6))
    big = m * rng.uniform(7, 10)
    matrix = None
    if qr_text is not None:
        # A QR code or a DataMatrix with the same payload, as large as the print allows.
        qr = rng.random() < 0.6
        draw = draw_qr if qr else draw_datamatrix
        want = m * (rng.uniform(1.0, 1.6) if qr else rng.uniform(1.5, 2.5))
        fit = (width // 2) // max(draw(qr_text, 1).shape)
        matrix = draw(qr_text, max(1, min(int(want), fit)))
    text_h = int(lines * big * 1.5 + 3 * m)
    address = sheet.block(max(text_h, 0 if matrix is None else matrix.shape[0] + 2 * m))
    sheet.text(address, "TO:", margin, int(big * 1.3), big * 0.8)
    for i in range(1, lines):
        words = _words(rng, int(rng.integers(2, 5)))
        sheet.text(address, words, margin, int((i + 1) * big * 1.5), big)
    if matrix is not None:
        mh, mw = matrix.shape
        address[m : m + mh, width - mw - m : width - m] = matrix
    sheet.rule(address, address.shape[0] - m, max(1, m // 2))
    # Declaration check boxes.
    if rng.random() < 0.6:
        boxes = sheet.block(int(small * 3))
        size = int(small * 1.2)
        x = margin
        for word in ("Gift", "Documents", "Sample", "Other"):
            cv2.rectangle(boxes, (x, int(small)), (x + size, int(small) + size), 0, max(1, m // 2))
            if rng.random() < 0.3:
                cv2.line(boxes, (x, int(small)), (x + size, int(small) + size), 0, max(1, m // 2))
            sheet.text(boxes, word, x + size + m, int(small) + size, small)
            x += size + int(small * 6)
    label = sheet.image()
    cv2.rectangle(label, (1, 1), (width - 2, label.shape[0] - 2), 0, max(1, m // 2))
    # The border must not enter the quiet zones when the code sits at the label's edge.
    qz = slice(symbol_top, symbol_top + bar_h)
    label[qz, x0 : x0 + _QUIET * m] = 255
    label[qz, x0 + code_w - _QUIET * m : x0 + code_w] = 255
    q = _QUIET * m
    corners = (
        (x0 + q, symbol_top),
        (x0 + code_w - q, symbol_top),
        (x0 + code_w - q, symbol_top + bar_h),
        (x0 + q, symbol_top + bar_h),
    )
    return label, tuple((float(x), float(y)) for x, y in corners)


def _slip(
    item_id: str,
    rng: np.random.Generator,
    bar_h: int,
    *,
    qr_text: str | None,
    ref_text: str | None,
) -> tuple[np.ndarray, tuple[tuple[float, float], ...]]:
    """The small label of the ``mild`` conditions: text, code, human-readable line."""
    code = draw_code128(item_id, _HI, height=1)
    code_w = code.shape[1]
    label_w = int(code_w * 1.08)
    text_h = int(bar_h * 0.35)
    top = int(bar_h * 1.2)
    label_h = top + bar_h + text_h * 2 + 20
    label = np.full((label_h, label_w), 255, np.uint8)
    scale = bar_h / 110
    for i in range(2):
        cv2.putText(
            label,
            _words(rng, 4),
            (int(label_w * 0.04), int(bar_h * (0.35 + 0.4 * i))),
            cv2.FONT_HERSHEY_SIMPLEX,
            scale,
            0,
            max(1, int(scale * 2)),
            cv2.LINE_AA,
        )
    x0 = (label_w - code_w) // 2
    label[top : top + bar_h, x0 : x0 + code_w] = draw_code128(item_id, _HI, bar_h)
    human = f"{item_id[:2]} {item_id[2:6]} {item_id[6:10]} {item_id[10]} {item_id[11:]}"
    cv2.putText(
        label,
        human,
        (x0 + _QUIET * _HI * 2, top + bar_h + text_h + 5),
        cv2.FONT_HERSHEY_SIMPLEX,
        scale * 1.2,
        0,
        max(1, int(scale * 2.4)),
        cv2.LINE_AA,
    )
    if qr_text is not None:
        n = draw_qr(qr_text, 1).shape[0]
        qr = draw_qr(qr_text, max(1, min(int(_HI * 1.6), (top - 8) // n, label_w // 4 // n)))
        side = qr.shape[0]
        label[4 : 4 + side, label_w - side - 4 : label_w - 4] = qr
    if ref_text is not None:
        ref_module = 2 if len(code128_modules(ref_text)) * 2 + 4 * _QUIET < label_w else 1
        ref = draw_code128(ref_text, ref_module, int(bar_h * 0.25))
        y = label_h - ref.shape[0] - 2
        label[y : y + ref.shape[0], 2 : 2 + ref.shape[1]] = ref
    q = _QUIET * _HI
    corners = (
        (x0 + q, top),
        (x0 + code_w - q, top),
        (x0 + code_w - q, top + bar_h),
        (x0 + q, top + bar_h),
    )
    return label, tuple((float(x), float(y)) for x, y in corners)


def random_degradation(rng: np.random.Generator, conditions: Conditions = WEBCAM) -> Degradation:
    """A frame's label and camera conditions, drawn from ``conditions``.

    A dim bench makes the camera raise its gain (noise grows as the light falls) and lengthen
    its exposure (motion blur doubles).
    """
    c = conditions
    dim = rng.random() < c.dim_share
    gain = float(rng.uniform(*c.dim_gain) if dim else rng.uniform(*c.bright_gain))
    return Degradation(
        angle_deg=float(rng.uniform(0, 360)),
        tilt_deg=float(rng.uniform(*c.tilt_deg)),
        tilt_axis_deg=float(rng.uniform(0, 180)),
        bar_height=float(rng.uniform(*c.bar_height)),
        defocus_px=float(rng.uniform(*c.defocus_px)),
        lens_sigma_px=float(rng.uniform(*c.lens_sigma_px)),
        motion_px=float(rng.uniform(*c.motion_px) * (2.0 if dim else 1.0)),
        motion_deg=float(rng.uniform(0, 180)),
        gain=gain,
        exposure=gain ** (1 - c.auto_exposure),
        vignette=float(rng.uniform(*c.vignette)),
        shadow=float(rng.uniform(0.25, 0.55) if rng.random() < c.shadow_share else 0.0),
        glare=float(rng.uniform(*c.glare_peak) if rng.random() < c.glare_share else 0.0),
        read_noise=float(rng.uniform(*c.read_noise)),
        sharpen=float(rng.uniform(*c.sharpen)),
        jpeg_quality=int(rng.integers(c.jpeg_quality[0], c.jpeg_quality[1] + 1)),
        ink=float(rng.uniform(*c.ink)),
        paper=float(rng.uniform(0.82, 0.95)),
        background=c.backgrounds[int(rng.integers(len(c.backgrounds)))],
    )


def render_frame(
    item_id: str,
    module_px: float,
    rng: np.random.Generator,
    degradation: Degradation | None = None,
    *,
    qr_text: str | None = None,
    ref_text: str | None = None,
    conditions: Conditions = WEBCAM,
    label_seed: int | None = None,
) -> LabelFrame:
    """Draw one 1280×720 frame with the label of ``item_id`` at ``module_px`` px per module.

    ``qr_text`` goes into a QR code or DataMatrix on the label, ``ref_text`` into a second
    Code 128. With ``label_seed`` the label's layout comes from its own generator, so several
    frames can show the same printed label (the demo clip); otherwise each frame draws anew.
    """
    d = degradation or random_degradation(rng, conditions)
    label, code_corners = draw_label(
        item_id,
        rng if label_seed is None else np.random.default_rng(label_seed),
        bar_height=d.bar_height,
        qr_text=qr_text,
        ref_text=ref_text,
        clutter=conditions.clutter,
    )
    m = _pose(label.shape, code_corners, module_px, d, rng)
    w, h = FRAME_SIZE
    ss = np.float64([[_SS, 0, (_SS - 1) / 2], [0, _SS, (_SS - 1) / 2], [0, 0, 1]])
    m_ss = ss @ m
    # Anti-aliasing for the warp: the label shrinks by ~module_px * _SS / _HI.
    shrink = module_px * _SS / _HI
    albedo = d.ink + (d.paper - d.ink) * label.astype(np.float32) / 255.0
    if shrink < 1:
        albedo = cv2.GaussianBlur(albedo, (0, 0), 0.5 / shrink)
    # Only the label's box (plus the blur's reach) is formed at _SS× resolution; the label is
    # premultiplied by its coverage, so blurring it and its mask is blurring the scene.
    kernel = _blur_kernel(d)
    lh, lw = label.shape
    outline = np.float64([[[0, 0], [lw, 0], [lw, lh], [0, lh]]])
    outline = cv2.perspectiveTransform(outline, m_ss)[0]
    reach = (kernel.shape[0] + 1) * _SS
    box = []
    for k, size in ((0, w), (1, h)):
        lo = max(0, int(outline[:, k].min()) - reach) // _SS
        hi = min(size, -(-(int(outline[:, k].max()) + reach) // _SS))
        box.append((lo, max(hi, lo + 1)))
    (bx0, bx1), (by0, by1) = box
    to_box = np.float64([[1, 0, -bx0 * _SS], [0, 1, -by0 * _SS], [0, 0, 1]])
    both = cv2.warpPerspective(
        np.dstack([albedo, np.ones_like(albedo)]),
        to_box @ m_ss,
        ((bx1 - bx0) * _SS, (by1 - by0) * _SS),
        flags=cv2.INTER_LINEAR,
    )
    both = cv2.resize(both, (bx1 - bx0, by1 - by0), interpolation=cv2.INTER_AREA)
    both = cv2.filter2D(both, -1, kernel, borderType=cv2.BORDER_REFLECT)
    bg = _background(d.background, rng)
    soft = math.hypot(d.lens_sigma_px, d.defocus_px / 1.5, 0.3)
    frame = cv2.GaussianBlur(bg, (0, 0), soft)
    tint = np.float32(rng.uniform(0.96, 1.0, 3))
    mask = both[..., 1:2]
    frame[by0:by1, bx0:bx1] = frame[by0:by1, bx0:bx1] * (1 - mask) + both[..., 0:1] * tint
    frame *= 255.0
    polygon = cv2.perspectiveTransform(np.float32([code_corners]).astype(np.float64), m)[0]
    frame = _light(frame, d, polygon, rng)
    if d.sharpen > 0:
        soft = cv2.GaussianBlur(frame, (0, 0), 1.0)
        frame = frame + d.sharpen * (frame - soft)
    bgr = np.clip(frame, 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, d.jpeg_quality])
    assert ok
    image = cv2.imdecode(jpeg, cv2.IMREAD_COLOR)
    others = tuple(t for t in (qr_text, ref_text) if t is not None)
    return LabelFrame(
        image=image,
        item_id=item_id,
        module_px=module_px,
        polygon=tuple((float(x), float(y)) for x, y in polygon),
        degradation=d,
        other_texts=others,
    )


def _pose(
    shape: tuple[int, ...],
    corners: tuple[tuple[float, float], ...],
    module_px: float,
    d: Degradation,
    rng: np.random.Generator,
) -> np.ndarray:
    """Label pixels → frame pixels: the label turned, tilted, seen by a pinhole camera.

    Scaled so the symbol's centre line spans ``module_px`` per module, then moved to a random
    spot where the symbol and its quiet zones are inside the frame (the rest of the label may
    not be: a close-up camera sees part of a big label).
    """
    pts = np.float64(corners)
    centre = pts.mean(axis=0)
    n_modules = (pts[1][0] - pts[0][0]) / _HI
    a = math.radians(d.angle_deg)
    rz = np.array([[math.cos(a), -math.sin(a), 0], [math.sin(a), math.cos(a), 0], [0, 0, 1]])
    t = math.radians(d.tilt_axis_deg)
    rt, _ = cv2.Rodrigues(np.float64([math.cos(t), math.sin(t), 0]) * math.radians(d.tilt_deg))
    r = rt @ rz
    distance = _FOCAL_PX * _HI / module_px
    k = np.array([[_FOCAL_PX, 0, 0], [0, _FOCAL_PX, 0], [0, 0, 1]])
    to_centre = np.array([[1, 0, -centre[0]], [0, 1, -centre[1]], [0, 0, 1]])
    m = k @ np.column_stack([r[:, 0], r[:, 1], [0, 0, distance]]) @ to_centre
    mid_y = centre[1]
    ends = np.float64([[[pts[0][0], mid_y], [pts[1][0], mid_y]]])
    left, right = cv2.perspectiveTransform(ends, m)[0]
    scale = n_modules * module_px / float(np.hypot(*(right - left)))
    m = np.diag([scale, scale, 1.0]) @ m
    # The symbol with its quiet zones must be inside the frame.
    q = _QUIET * _HI
    zone = pts + np.float64([[-q, 0], [q, 0], [q, 0], [-q, 0]])
    zone = cv2.perspectiveTransform(zone.reshape(1, -1, 2), m)[0]
    lo, hi = zone.min(axis=0), zone.max(axis=0)
    w, h = FRAME_SIZE
    shift = []
    for low, high, size in ((lo[0], hi[0], w), (lo[1], hi[1], h)):
        a_min, a_max = 4 - low, size - 4 - high
        shift.append(rng.uniform(a_min, a_max) if a_max > a_min else (a_min + a_max) / 2)
    move = np.array([[1, 0, shift[0]], [0, 1, shift[1]], [0, 0, 1]])
    return move @ m


def _blur_kernel(d: Degradation) -> np.ndarray:
    """The lens in frame pixels: defocus disk, linear motion, Gaussian softness.

    Applied at frame resolution after the sensor has integrated the supersampled scene (the
    two commute); the disk is averaged over each pixel on an 8×8 grid so that sub-pixel radii
    still count. That averaging adds the pixel's box once more (~0.3 px of blur), which is
    part of what the calibration against the plain decoders measured.
    """
    radius, length, sigma = d.defocus_px, d.motion_px, d.lens_sigma_px
    half = math.ceil(radius + length / 2 + 3 * sigma) + 1
    sub = (np.arange(8) + 0.5) / 8 - 0.5
    ys, xs = np.mgrid[-half : half + 1, -half : half + 1].astype(np.float32)
    disk = np.zeros_like(xs)
    for oy in sub:
        for ox in sub:
            disk += ((xs + ox) ** 2 + (ys + oy) ** 2) <= radius**2
    if disk.sum() == 0:
        disk[half, half] = 1
    kernel = disk / disk.sum()
    if length > 0:
        a = math.radians(d.motion_deg)
        steps = max(2, math.ceil(length * 4) + 1)
        acc = np.zeros_like(kernel)
        n = kernel.shape[0]
        for s in np.linspace(-length / 2, length / 2, steps):
            shift = np.float32([[1, 0, s * math.cos(a)], [0, 1, s * math.sin(a)]])
            acc += cv2.warpAffine(kernel, shift, (n, n), flags=cv2.INTER_LINEAR)
        kernel = acc
    kernel = cv2.GaussianBlur(kernel, (0, 0), sigma)
    return (kernel / kernel.sum()).astype(np.float32)


def _background(kind: str, rng: np.random.Generator) -> np.ndarray:
    """The parcel or bench around the label: BGR reflectance (0–1) at frame size.

    ``kraft``: brown board with fibres, corrugation showing through, packing tape; ``mailer``:
    a white or grey poly bag with wrinkles; ``bag``: dark plastic; ``printed``: a coloured box
    with large print; ``bench``: a grey desk with the edges of other things.
    """
    w, h = FRAME_SIZE

    def smooth(cells: int, amp: float) -> np.ndarray:
        small = rng.normal(0, amp, (h // cells + 1, w // cells + 1)).astype(np.float32)
        return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)

    if kind == "kraft":
        colour = np.float32([0.32, 0.48, 0.62]) * rng.uniform(0.75, 1.1)
        shade = 1 + smooth(24, 0.05) + smooth(4, 0.03)
        if rng.random() < 0.6:  # flutes of the corrugated board showing through the liner
            period = rng.uniform(14, 30)
            a = rng.uniform(0, math.pi)
            ys, xs = np.mgrid[:h, :w].astype(np.float32)
            phase = (xs * math.cos(a) + ys * math.sin(a)) * (2 * math.pi / period)
            shade = shade + rng.uniform(0.02, 0.06) * np.sin(phase)
        bg = shade[..., None] * colour
        if rng.random() < 0.7:  # packing tape: a glossy band, sometimes printed
            _band(bg, rng, np.float32([0.55, 0.62, 0.68]), printed=rng.random() < 0.5)
    elif kind == "mailer":
        colour = np.float32([1.0, 1.0, 1.0]) * rng.uniform(0.55, 0.9)
        bg = (1 + smooth(40, 0.08) + smooth(12, 0.05))[..., None] * colour
    elif kind == "bag":
        colour = np.float32(rng.uniform(0.08, 0.25, 3))
        bg = (1 + smooth(30, 0.2))[..., None] * colour
    elif kind == "printed":
        colour = np.float32(rng.uniform(0.2, 0.8, 3))
        bg = (1 + smooth(20, 0.04))[..., None] * colour
        for _ in range(int(rng.integers(2, 6))):
            ink = np.float32(rng.uniform(0.05, 0.9, 3))
            org = (int(rng.integers(-200, w)), int(rng.integers(0, h + 100)))
            words = _HEADINGS[int(rng.integers(len(_HEADINGS)))]
            print_mask = np.zeros((h, w), np.uint8)
            cv2.putText(print_mask, words, org, cv2.FONT_HERSHEY_DUPLEX, rng.uniform(2, 6), 255, 9)
            on = print_mask > 0
            bg[on] = ink
    else:
        base = rng.uniform(0.25, 0.6)
        g = np.linspace(-1, 1, w, dtype=np.float32)[None, :] * rng.uniform(-0.12, 0.12)
        bg = np.repeat((base + g + smooth(16, 0.05))[..., None], 3, axis=2)
    bg = np.ascontiguousarray(bg, dtype=np.float32)
    for _ in range(int(rng.integers(0, 4))):  # edges of other parcels, cables, the bench
        p1 = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        p2 = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        shade_v = float(rng.uniform(0.08, 0.35))
        cv2.line(bg, p1, p2, (shade_v, shade_v, shade_v), int(rng.integers(3, 30)))
    return np.clip(bg, 0.0, 1.0)


def _band(bg: np.ndarray, rng: np.random.Generator, colour: np.ndarray, *, printed: bool) -> None:
    """A strip of packing tape across the frame, drawn into ``bg`` in place."""
    h, w = bg.shape[:2]
    a = rng.uniform(0, math.pi)
    width = rng.uniform(60, 140)
    cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    ys, xs = np.mgrid[:h, :w].astype(np.float32)
    dist = (xs - cx) * -math.sin(a) + (ys - cy) * math.cos(a)
    inside = (np.abs(dist) < width / 2).astype(np.float32)[..., None]
    bg[:] = bg * (1 - 0.5 * inside) + colour * 0.5 * inside
    if printed:
        text = np.zeros((h, w), np.uint8)
        for k in range(-4, 5):
            x = int(cx + k * 260 * math.cos(a))
            y = int(cy + k * 260 * math.sin(a))
            cv2.putText(text, "FRAGILE", (x, y), cv2.FONT_HERSHEY_DUPLEX, 1.6, 255, 3)
        layer = (text > 0).astype(np.float32) * inside[..., 0]
        bg[:] = bg * (1 - 0.7 * layer[..., None])


def _light(
    frame: np.ndarray, d: Degradation, polygon: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Light falling on the scene, then the sensor: exposure, vignetting, a side light, a
    shadow, a specular highlight, sensor noise (in that order, as in a camera).

    The highlight is capped so that over the S10 bars the paper/bar contrast never falls below
    a quarter of what it was: glare may wash the bars out a lot, never completely.
    """
    h, w = frame.shape[:2]
    gy, gx = np.mgrid[0:h:8, 0:w:8].astype(np.float32)
    nx, ny = (gx - w / 2) / (w / 2), (gy - h / 2) / (h / 2)
    light = 1 - d.vignette * (nx**2 + ny**2) / 2
    light *= 1 + rng.uniform(-0.2, 0.2) * nx + rng.uniform(-0.2, 0.2) * ny
    centre = polygon.mean(axis=0)
    if d.shadow > 0:
        a = rng.uniform(0, 2 * math.pi)
        off = rng.uniform(-80, 80)
        edge = rng.uniform(15, 80)
        dist = (gx - centre[0]) * math.cos(a) + (gy - centre[1]) * math.sin(a) - off
        light *= 1 - d.shadow / (1 + np.exp(-dist / (edge / 4)))
    light = cv2.resize(light * d.exposure, (w, h), interpolation=cv2.INTER_LINEAR)
    cast = np.float32(rng.uniform(0.92, 1.08, 3))
    out = cv2.multiply(frame, cv2.merge([light * float(c) for c in cast]))
    if d.glare > 0:
        spread = float(np.hypot(*(polygon[1] - polygon[0])))
        cx = centre[0] + rng.uniform(-0.6, 0.6) * spread
        cy = centre[1] + rng.uniform(-0.6, 0.6) * spread
        sx, sy = rng.uniform(20, 150), rng.uniform(6, 45)
        a = rng.uniform(0, math.pi)
        r = 4 * max(sx, sy)
        x0, x1 = int(max(0, cx - r)), int(min(w, cx + r + 1))
        y0, y1 = int(max(0, cy - r)), int(min(h, cy + r + 1))
        if x1 > x0 and y1 > y0:
            # Smooth: computed on every other pixel, then interpolated.
            ys, xs = np.mgrid[y0:y1:2, x0:x1:2].astype(np.float32)
            u = (xs - cx) * math.cos(a) + (ys - cy) * math.sin(a)
            v = -(xs - cx) * math.sin(a) + (ys - cy) * math.cos(a)
            shape = np.exp(-((u / sx) ** 2 + (v / sy) ** 2) / 2)
            shape = cv2.resize(shape, (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR)
            # Cap over the symbol: bars + glare stay a quarter of the contrast under 255.
            symbol = np.zeros((y1 - y0, x1 - x0), np.uint8)
            corners = np.round(polygon - (x0, y0)).astype(np.int32)
            cv2.fillConvexPoly(symbol, corners, 1)
            on = symbol.astype(bool) & (shape > 1e-3)
            peak = d.glare
            if on.any():
                lit = light[y0:y1, x0:x1][on] * 255.0
                room = 255.0 - lit * d.ink - 0.25 * lit * (d.paper - d.ink)
                peak = min(peak, float((np.maximum(room, 0) / shape[on]).min()))
            out[y0:y1, x0:x1] += (peak * shape)[..., None]
    # Shot noise grows with the signal, and the camera's gain amplifies all of it. After
    # demosaicing, most of it is common to the three channels; the colour part is coarser.
    level = np.clip(cv2.cvtColor(out, cv2.COLOR_BGR2GRAY), 0, None)
    amp = d.exposure / max(d.gain, 0.05)
    sigma = d.read_noise * np.sqrt(amp * amp + amp * level / 60.0)
    luma = rng.standard_normal((h, w), dtype=np.float32) * sigma
    chroma = rng.standard_normal((h // 2, w // 2, 3), dtype=np.float32) * (0.5 * d.read_noise)
    chroma = cv2.resize(chroma, (w, h), interpolation=cv2.INTER_LINEAR)
    return out + luma[..., None] + chroma


def label_frames(
    count: int,
    seed: int,
    *,
    module_range: tuple[float, float] = (1.3, 3.0),
    extras: bool = True,
    conditions: Conditions = WEBCAM,
) -> list[LabelFrame]:
    """``count`` frames with random ids, module sizes and conditions; same seed, same frames.

    With ``extras`` about 60 % of the labels also carry a QR code or DataMatrix and 40 % a
    reference Code 128, so the decoder has to pick the parcel id out of several codes.
    """
    rng = np.random.default_rng(seed)
    frames = []
    for _ in range(count):
        item_id = random_s10(rng)
        module = float(rng.uniform(*module_range))
        qr = f"https://track.parcelbench.test/{item_id}?o={int(rng.integers(1e6))}"
        frames.append(
            render_frame(
                item_id,
                module,
                rng,
                qr_text=qr if extras and rng.random() < 0.6 else None,
                ref_text=_reference(rng) if extras and rng.random() < 0.4 else None,
                conditions=conditions,
            )
        )
    return frames


DEMO_IDS: Final = ("UA980512836CN", "HA336870917CN", "UA060715526NL", "LX995242640CN")
"""Parcels of ``resources/demo/aed-demo.xml`` shown by the demo camera clip: a clear one, then a
precursor (held and targeted), a vague declaration (examine) and pill-press parts (held)."""


def write_demo_frames(
    folder: Path, ids: tuple[str, ...] = DEMO_IDS, *, per_label: int = 2, seed: int = 2026
) -> list[Path]:
    """The demo camera clip: ``per_label`` JPEG frames of each label, in scan order.

    A folder of JPEGs plays through :class:`parcelbench.scan.sources.FolderSource` exactly as a
    camera would, so the demo and the tests run the real capture path without a camera.
    """
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    n = 0
    for k, item_id in enumerate(ids):
        module = float(rng.uniform(1.8, 2.6))
        order = f"ORDER {int(rng.integers(10**5, 10**6))}"
        for _ in range(per_label):
            n += 1
            frame = render_frame(item_id, module, rng, qr_text=order, label_seed=seed + k)
            path = folder / f"frame-{n:03d}.jpg"
            # At the camera's own JPEG quality: the file is what the webcam sent.
            quality = frame.degradation.jpeg_quality
            cv2.imwrite(str(path), frame.image, [cv2.IMWRITE_JPEG_QUALITY, quality])
            written.append(path)
    return written


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write the demo camera clip (a folder of JPEGs).")
    parser.add_argument("folder", type=Path)
    write_demo_frames(parser.parse_args().folder)
