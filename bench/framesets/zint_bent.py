"""Webcam frames of worn, bent S10 shipping labels, with the symbols encoded by Zint.

A test set for the S10 reader made independently of its own synthetic frames, which show flat
labels. Real parcels are rarely flat, so every frame here is a physical scene rendered through a
pinhole webcam (1280x720, focal length about 1000 px, slight barrel distortion):

* Symbols: the id (two service letters, eight digits, the check digit, a country code) is
  encoded by the ``zint`` command line tool as Code 128 or, on about one label in eight, as a QR
  code. Zint's module dump is used, so the symbol is exact and is printed dot by dot.
* Printing: a direct thermal printer at 203 or 300 dpi lays the label out (registration box,
  headings, symbol, human readable line, address) as a raster of dots. Print wear is modelled
  where it happens, on the dots: dead heater elements (white lines along the feed direction;
  1-4 dots wide when they cross the bars, a single dot and often intermittent when the bars run
  along the feed, so a bar is thinned but never wiped out), ink spread or starved dots (bar
  gain), uneven darkness across the head, banding along the feed, speckle voids, ribbon smear,
  faded grey or brownish print, cracked print along a fold, grubby paper.
* Surfaces: the label is glued onto a 3D surface and every pixel's ray is intersected with it
  exactly (label coordinates per pixel, then ``cv2.remap`` of the label texture; the frame at
  half resolution, the label at full resolution, the symbol supersampled 2x2). Kinds: flat
  box tops and envelopes; tube mailers (cylinders of radius 20-60 mm, axis at any angle, bars
  along or across the axis, end caps, spiral seam); soft poly mailer bags (smooth random
  height field plus wrinkle ridges and valleys that the label follows); creases and folds (two
  developable planes meeting at a fold line through or near the symbol, ridge or valley, with
  the kink in the surface normal, a crushed-fibre line and cracked ink).
* Light: a warm tungsten desk lamp (2600-3300 K, partly corrected by the webcam's white
  balance) with spot cone, hot spot and inverse-square falloff, plus a cool ambient fill;
  Blinn-Phong sheen on glossy bags, tubes, document pouches and steel benches; the object's
  shadow on the bench and soft shadows (an arm, the lamp head) across the label.
* Camera: auto exposure, vignetting, defocus, slight motion blur, shot and read noise, webcam
  sharpening, JPEG at quality 55-90 (the frame is saved as PNG after the JPEG round trip).
* Backgrounds: wood, laminate, steel and cutting-mat benches, or other parcels with tape and
  printed labels.

Difficulty is set by the module size of the symbol in the final frame, measured by projecting
the symbol's centre line (both centre lines for QR) through the actual surface: easy 2.4-3.2
px, medium 1.7-2.4 px, hard 1.25-1.7 px, in equal thirds. Bending, obliquity, print wear, blur,
noise and compression grow with difficulty. Every frame is checked to keep the whole symbol and
its quiet zone inside the frame, facing the camera (no point steeper than 72 degrees and no
hidden part, verified by casting rays back at sampled symbol points), with no module
foreshortened below 1 px (or 0.55 of the mean), and with the palest bars still clearly darker
than the paper everywhere under the lamp's glare, so a person can read every frame.

    python bench/framesets/zint_bent.py --out DIR [--count 240] [--seed 1] [--verify-symbols]

writes DIR/frame_0001.png ... and DIR/truth.json (one object per frame: file, expected,
difficulty, module_px, symbology and the scene parameters). Output is deterministic for a given
seed and count. ``--verify-symbols`` first decodes a flat, undegraded rendering of every symbol
with zxing-cpp (both Zint's own PNG and the module dump) and stops if any fails.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np

FRAME_W, FRAME_H = 1280, 720
SUPERSAMPLE = 2
MAX_OBLIQUITY_DEG = 72.0
FRAME_MARGIN_PX = 6.0
MIN_LOCAL_MODULE_PX = 1.0
DIFFICULTIES = ("easy", "medium", "hard")
MODULE_BANDS = {"easy": (2.4, 3.2), "medium": (1.7, 2.4), "hard": (1.25, 1.7)}
QUIET_MODULES = {"code128": 10, "qr": 4}
ZINT_TYPES = {"code128": "20", "qr": "58"}
S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
SERVICES = ("RR", "RA", "RB", "RD", "RE", "EE", "EA", "EB", "EM", "CP", "CX", "LX", "LA", "UA")
COUNTRIES = ("GB", "DE", "FR", "US", "CN", "NL", "BE", "CH", "JP", "AU", "CA", "IT", "ES", "SE")
COUNTRIES += ("PL", "IE", "NZ", "HK", "SG", "TR", "AT", "DK", "NO", "FI", "PT", "KR", "IN")
FONT = cv2.FONT_HERSHEY_SIMPLEX
F32 = np.float32


def rows_times(v: np.ndarray, m: np.ndarray) -> np.ndarray:
    """v @ m for many 3-vectors (N, 3), in float32."""
    src = np.ascontiguousarray(v, F32).reshape(-1, 1, 3)
    return cv2.transform(src, np.ascontiguousarray(m.T, F32)).reshape(-1, 3)


def rowdot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise dot products of (N, 3) arrays, or of (N, 3) with one 3-vector."""
    if b.ndim == 1:
        return a @ b.astype(a.dtype)
    return np.einsum("ij,ij->i", a, b)


def white_noise(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Zero-mean, unit-variance noise (uniform, cheap; it is blurred before use)."""
    return (rng.random(shape, dtype=F32) - F32(0.5)) * F32(math.sqrt(12.0))


def unit_rows(v: np.ndarray) -> np.ndarray:
    return v / np.sqrt(rowdot(v, v))[:, None]


# ---------------------------------------------------------------------------------------------
# Difficulty profiles: ranges are (low, high) for uniform draws.


@dataclass(frozen=True)
class Profile:
    kinds: dict[str, float]
    tilt_deg: tuple[float, float]
    tube_radius_mm: tuple[float, float]
    tube_bars_along_axis: float
    bag_slope: tuple[float, float]
    bag_wrinkles: tuple[int, int]
    fold_kink_deg: tuple[float, float]
    fold_through: float
    dead_lines: tuple[int, int]
    ink_rel: tuple[float, float]
    density_min: tuple[float, float]
    void_rate: tuple[float, float]
    smear_prob: float
    defocus_rel: tuple[float, float]
    motion_rel: tuple[float, float]
    noise_gain: tuple[float, float]
    jpeg: tuple[int, int]
    shadow_prob: float
    pouch_prob: float


PROFILES = {
    "easy": Profile(
        kinds={"flat": 0.28, "tube": 0.26, "bag": 0.26, "fold": 0.20},
        tilt_deg=(0, 25),
        tube_radius_mm=(32, 60),
        tube_bars_along_axis=0.3,
        bag_slope=(0.12, 0.28),
        bag_wrinkles=(0, 2),
        fold_kink_deg=(8, 25),
        fold_through=0.6,
        dead_lines=(0, 1),
        ink_rel=(0.05, 0.2),
        density_min=(0.85, 0.95),
        void_rate=(0.0005, 0.002),
        smear_prob=0.15,
        defocus_rel=(0.1, 0.22),
        motion_rel=(0.0, 0.25),
        noise_gain=(0.6, 1.2),
        jpeg=(75, 90),
        shadow_prob=0.2,
        pouch_prob=0.12,
    ),
    "medium": Profile(
        kinds={"flat": 0.16, "tube": 0.30, "bag": 0.30, "fold": 0.24},
        tilt_deg=(5, 38),
        tube_radius_mm=(25, 55),
        tube_bars_along_axis=0.45,
        bag_slope=(0.2, 0.42),
        bag_wrinkles=(1, 3),
        fold_kink_deg=(14, 42),
        fold_through=0.75,
        dead_lines=(1, 2),
        ink_rel=(0.1, 0.32),
        density_min=(0.72, 0.88),
        void_rate=(0.002, 0.006),
        smear_prob=0.3,
        defocus_rel=(0.13, 0.27),
        motion_rel=(0.0, 0.4),
        noise_gain=(1.0, 2.0),
        jpeg=(62, 85),
        shadow_prob=0.35,
        pouch_prob=0.22,
    ),
    "hard": Profile(
        kinds={"flat": 0.10, "tube": 0.32, "bag": 0.31, "fold": 0.27},
        tilt_deg=(10, 48),
        tube_radius_mm=(20, 48),
        tube_bars_along_axis=0.5,
        bag_slope=(0.3, 0.55),
        bag_wrinkles=(2, 5),
        fold_kink_deg=(20, 55),
        fold_through=0.85,
        dead_lines=(1, 3),
        ink_rel=(0.15, 0.4),
        density_min=(0.65, 0.82),
        void_rate=(0.004, 0.01),
        smear_prob=0.4,
        defocus_rel=(0.15, 0.3),
        motion_rel=(0.0, 0.45),
        noise_gain=(1.5, 3.0),
        jpeg=(55, 75),
        shadow_prob=0.45,
        pouch_prob=0.3,
    ),
}


def uniform(rng: np.random.Generator, bounds: tuple[float, float]) -> float:
    return float(rng.uniform(bounds[0], bounds[1]))


def pick(rng: np.random.Generator, options: tuple[str, ...] | list[str]) -> str:
    return options[int(rng.integers(len(options)))]


# ---------------------------------------------------------------------------------------------
# S10 ids and Zint symbols


def s10_check_digit(serial: str) -> int:
    """UPU S10 check digit over the eight serial digits."""
    c = 11 - sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(c, c)


def random_s10(rng: np.random.Generator) -> str:
    serial = "".join(str(int(d)) for d in rng.integers(0, 10, 8))
    return f"{pick(rng, SERVICES)}{serial}{s10_check_digit(serial)}{pick(rng, COUNTRIES)}"


def require_zint() -> str:
    exe = shutil.which("zint")
    if exe is None:
        sys.exit(
            "error: the Zint barcode encoder command 'zint' was not found on PATH.\n"
            "Install it first, e.g. 'apt-get install -y zint' (Debian/Ubuntu)."
        )
    return exe


def zint_version() -> str:
    out = subprocess.run(["zint", "--version"], capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[0]


def zint_args(symbology: str, text: str) -> list[str]:
    args = ["zint", "-b", ZINT_TYPES[symbology], "-d", text]
    return [*args, "--secure=2"] if symbology == "qr" else args


def zint_modules(symbology: str, text: str) -> np.ndarray:
    """Module matrix (1 = dark) of the symbol as Zint encodes it, without quiet zones."""
    out = subprocess.run(
        [*zint_args(symbology, text), "--dump"], capture_output=True, text=True, check=True
    ).stdout
    rows = []
    for line in out.split("\n"):
        digits = line.replace(" ", "").strip()
        if digits:
            bits = "".join(f"{int(ch, 16):04b}" for ch in digits)
            rows.append([int(b) for b in bits])
    if symbology == "code128":
        bits = rows[0]
        width = len(bits) - bits[::-1].index(1)  # the stop pattern ends with a bar
        if (width - 2) % 11:
            raise RuntimeError(f"unexpected Code 128 width {width} from zint for {text}")
        return np.array([bits[:width]], dtype=np.uint8)
    size = len(rows)
    return np.array([r[:size] for r in rows], dtype=np.uint8)


def flat_symbol_image(modules: np.ndarray, symbology: str, px: int = 4) -> np.ndarray:
    """Clean black-on-white rendering of a module matrix with its quiet zone."""
    quiet = QUIET_MODULES[symbology]
    grid = modules if symbology == "qr" else np.repeat(modules, 30, axis=0)
    padded = np.pad(grid, quiet if symbology == "qr" else ((4, 4), (quiet, quiet)))
    return np.kron(1 - padded, np.ones((px, px), dtype=np.uint8)) * 255


# ---------------------------------------------------------------------------------------------
# Label artwork: a dot raster as the thermal printer lays it out, then print wear.


@dataclass
class PrintSpec:
    dpmm: int
    x_dots: int
    bar_height_dots: int
    bars_along_feed: bool

    @property
    def x_mm(self) -> float:
        return self.x_dots / self.dpmm


@dataclass
class Layout:
    raster: np.ndarray  # uint8, 1 = ink, row 0 at the top of the label
    sym_x0: int
    sym_y0: int
    sym_w: int
    sym_h: int

    @property
    def center(self) -> tuple[float, float]:
        return self.sym_x0 + self.sym_w / 2, self.sym_y0 + self.sym_h / 2


@dataclass
class LabelArt:
    albedo: np.ndarray  # (H, W, 3) linear RGB, row 0 at the top of the label
    texels_per_mm: float
    a_left: float  # label coordinate a (mm, along the symbol axis) of texture column 0
    b_top: float  # label coordinate b (mm, up the label) of texture row 0
    width_mm: float
    height_mm: float
    paper_lum: float
    ink_lum_max: float  # luminance of the palest printed ink
    level_ss: int  # pyramid levels matched to the on-screen size, supersampled and plain
    level_1x: int
    info: dict[str, Any]
    pyramid: list[np.ndarray] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.pyramid = [self.albedo]

    @property
    def a_range(self) -> tuple[float, float]:
        return self.a_left, self.a_left + self.width_mm

    @property
    def b_range(self) -> tuple[float, float]:
        return self.b_top - self.height_mm, self.b_top


def random_word(rng: np.random.Generator, lo: int = 3, hi: int = 9) -> str:
    consonants, vowels = "BCDFGHKLMNPRSTVWZ", "AEIOUY"
    n = int(rng.integers(lo, hi + 1))
    return "".join(pick(rng, tuple(consonants if i % 2 == 0 else vowels)) for i in range(n))


def address_lines(rng: np.random.Generator) -> list[str]:
    lines = [f"{random_word(rng)} {random_word(rng)}"]
    lines.append(f"{int(rng.integers(1, 300))} {random_word(rng)} {pick(rng, ('ST', 'RD', 'AVE'))}")
    lines.append(f"{int(rng.integers(1000, 99999))} {random_word(rng, 4, 10)}")
    if rng.random() < 0.6:
        lines.append(random_word(rng, 5, 11))
    return lines


def put_text(
    raster: np.ndarray, text: str, x: int, y_top: int, height: int, max_w: int, ink: int = 1
) -> int:
    """Draws text with binary glyphs; returns the used width in dots."""
    thick = max(1, round(height / 9))
    scale = height / 22.0
    (w, _h), _ = cv2.getTextSize(text, FONT, scale, thick)
    if w > max_w:
        scale *= max_w / w
        w = max_w
    cv2.putText(raster, text, (x, y_top + height), FONT, scale, ink, thick, cv2.LINE_8)
    return w


def human_readable(s10: str) -> str:
    return f"{s10[:2]} {s10[2:5]} {s10[5:8]} {s10[8:11]} {s10[11:]}"


def draw_symbol(raster: np.ndarray, modules: np.ndarray, spec: PrintSpec, x0: int, y0: int) -> None:
    if modules.shape[0] == 1:
        row = np.repeat(modules[0], spec.x_dots)
        raster[y0 : y0 + spec.bar_height_dots, x0 : x0 + row.size] = row[None, :]
    else:
        block = np.kron(modules, np.ones((spec.x_dots, spec.x_dots), dtype=np.uint8))
        raster[y0 : y0 + block.shape[0], x0 : x0 + block.shape[1]] = block


def layout_label(
    rng: np.random.Generator, s10: str, modules: np.ndarray, spec: PrintSpec, symbology: str
) -> Layout:
    """Registration box and headings, the symbol, the human readable id and an address."""
    d = spec.dpmm
    quiet = QUIET_MODULES[symbology] * spec.x_dots
    sym_w = modules.shape[1] * spec.x_dots
    sym_h = spec.bar_height_dots if symbology == "code128" else sym_w
    margin = quiet + int(rng.uniform(2, 7) * d)
    width = max(sym_w + 2 * margin, int(rng.uniform(62, 80) * d))
    gap = max(int(2.5 * d), quiet if symbology == "qr" else 0)
    head_h, text_h = int(rng.uniform(7, 12) * d), int(rng.uniform(2.4, 3.4) * d)
    n_addr = 4
    height = int(3 * d) + head_h + gap + sym_h + gap + text_h + int(4 * d)
    height += n_addr * (text_h + int(1.2 * d)) + int(3 * d)
    raster = np.zeros((height, width), dtype=np.uint8)
    edge = int(2 * d)
    y = int(3 * d)
    box = head_h
    cv2.rectangle(raster, (edge, y), (edge + box, y + box), 1, -1)
    letter = s10[0] if s10[0] in "RECLUV" else "R"
    put_text(raster, letter, edge + box // 4, y + box // 6, int(box * 0.62), box, ink=0)
    heads = ("REGISTERED", "RECOMMANDE", "PRIORITY", "PRIORITAIRE", "PAR AVION", "TRACKED")
    put_text(raster, pick(rng, heads), edge + box + d * 3, y, int(box * 0.42), width - box - 8 * d)
    put_text(
        raster,
        pick(rng, heads),
        edge + box + d * 3,
        y + box // 2 + d // 2,
        int(box * 0.32),
        width - box - 8 * d,
    )
    y += head_h + gap
    x0 = (width - sym_w) // 2
    draw_symbol(raster, modules, spec, x0, y)
    sym_y0 = y
    y += sym_h + int(1.2 * d) if symbology == "code128" else sym_h + gap
    text_x, text_w = (x0, sym_w) if symbology == "code128" else (edge * 2, width - 4 * edge)
    put_text(raster, human_readable(s10), text_x, y, text_h, text_w)
    y += text_h + int(2.5 * d)
    rule = max(2, d // 4)
    raster[y : y + rule, edge : width - edge] = 1
    y += rule + int(1.5 * d)
    for line in address_lines(rng)[:n_addr]:
        put_text(raster, line, edge + d * 2, y, text_h, width - 2 * edge - 4 * d)
        y += text_h + int(1.2 * d)
    if rng.random() < 0.5:
        t = max(2, d // 4)
        cv2.rectangle(raster, (t, t), (width - 1 - t, height - 1 - t), 1, t)
    return Layout(raster, x0, sym_y0, sym_w, sym_h)


@dataclass
class Wear:
    dead_lines: list[dict[str, Any]]
    ink_rel: float
    density_min: float
    void_rate: float
    spread_dots: float
    gain: float
    smear: float
    smear_len_dots: int
    banding: float
    crack: tuple[float, float, float] | None  # fold line in label mm: (na, nb, offset)
    ink_tint: tuple[float, float, float]
    paper_rgb: tuple[float, float, float]

    def describe(self) -> dict[str, Any]:
        return {
            "dead_lines": self.dead_lines,
            "ink_reflectance": round(self.ink_rel, 3),
            "head_density_min": round(self.density_min, 3),
            "speckle_void_rate": round(self.void_rate, 4),
            "bar_gain": round(self.gain, 3),
            "ribbon_smear": round(self.smear, 3),
            "cracked_fold": self.crack is not None,
        }


def sample_wear(
    rng: np.random.Generator, prof: Profile, layout: Layout, spec: PrintSpec, symbology: str
) -> Wear:
    """Dead heater elements across the symbol and the other print defects."""
    n_dead = int(rng.integers(prof.dead_lines[0], prof.dead_lines[1] + 1))
    # cross-feed coordinate: column index if the feed runs down the label, else row index
    lo, span = (
        (layout.sym_x0, layout.sym_w) if spec.bars_along_feed else (layout.sym_y0, layout.sym_h)
    )
    dead = []
    for _ in range(n_dead):
        if spec.bars_along_feed:
            width = 1 if symbology == "code128" else int(rng.integers(1, 3))
        else:
            width = int(rng.integers(1, 5))
        pos = int(lo + rng.uniform(0.08, 0.92) * span)
        partial = bool(spec.bars_along_feed or rng.random() < 0.3)
        duty = float(rng.uniform(0.35, 0.8)) if partial else 1.0
        dead.append(
            {
                "cross_feed_dot": pos,
                "width_dots": width,
                "crosses_bars": not spec.bars_along_feed,
                "intermittent": partial,
                "dead_fraction": round(duty, 2),
            }
        )
    tints = ((1.0, 1.0, 1.0), (1.0, 0.97, 0.92), (1.05, 0.95, 0.82), (0.92, 0.95, 1.05))
    ink_rel = uniform(rng, prof.ink_rel)
    tint = tints[int(rng.integers(len(tints)))] if ink_rel > 0.12 else tints[0]
    yellow = rng.uniform(0.0, 0.07)
    paper = rng.uniform(0.78, 0.88)
    return Wear(
        dead_lines=dead,
        ink_rel=ink_rel,
        density_min=uniform(rng, prof.density_min),
        void_rate=uniform(rng, prof.void_rate),
        spread_dots=float(rng.uniform(0.35, 0.6)),
        gain=float(rng.uniform(-0.12, 0.15)),
        smear=float(rng.uniform(0.12, 0.35)) if rng.random() < prof.smear_prob else 0.0,
        smear_len_dots=int(rng.integers(2, 8)),
        banding=float(rng.uniform(0.0, 0.06)),
        crack=None,
        ink_tint=tint,
        paper_rgb=(paper, paper * (1 - 0.3 * yellow), paper * (1 - yellow)),
    )


def smooth_profile(rng: np.random.Generator, n: int, knots: int) -> np.ndarray:
    """Smooth random curve in [0, 1] with n samples."""
    pts = rng.random(knots + 1)
    curve = np.interp(np.linspace(0, knots, n), np.arange(knots + 1), pts)
    curve = np.convolve(curve, np.ones(max(1, n // knots)) / max(1, n // knots), mode="same")
    lo, hi = float(curve.min()), float(curve.max())
    return (curve - lo) / (hi - lo + 1e-9)


def apply_dot_defects(
    rng: np.random.Generator, raster: np.ndarray, wear: Wear, spec: PrintSpec, dpmm: float
) -> np.ndarray:
    """Dead elements, voids and fold cracks act on printed dots."""
    dots = raster.astype(np.float32)
    feed_len = raster.shape[0] if spec.bars_along_feed else raster.shape[1]
    for line in wear.dead_lines:
        alive = np.ones(feed_len, dtype=np.float32)
        if line["intermittent"]:
            seg = np.repeat(rng.random(feed_len // 12 + 1) > line["dead_fraction"], 12)[:feed_len]
            alive = seg.astype(np.float32)
        sl = slice(line["cross_feed_dot"], line["cross_feed_dot"] + line["width_dots"])
        if spec.bars_along_feed:
            dots[:, sl] *= alive[:, None]
        else:
            dots[sl, :] *= alive[None, :]
    voids = (rng.random(raster.shape) < wear.void_rate).astype(np.uint8)
    voids = cv2.dilate(voids, np.ones((2, 2), np.uint8))
    dots *= 1.0 - voids
    if wear.crack is not None:
        dots *= 1.0 - fold_line_mask(rng, raster.shape, wear.crack, dpmm * rng.uniform(2, 6))
    return dots


def fold_line_mask(
    rng: np.random.Generator,
    shape: tuple[int, ...],
    line: tuple[float, float, float],
    period: float,
    thickness: int = 1,
) -> np.ndarray:
    """A line (normal na, nb and offset, in pixel units) drawn dashed; period 0 = solid."""
    na, nb, off = line
    mask = np.zeros(shape[:2], np.uint8)
    reach = float(math.hypot(*shape[:2]))
    p0 = np.array([na * off, nb * off])
    step = np.array([-nb, na])
    if period <= 0:
        a, b = p0 - reach * step, p0 + reach * step
        cv2.line(mask, tuple(np.round(a).astype(int)), tuple(np.round(b).astype(int)), 1, thickness)
        return mask.astype(F32)
    t = -reach + rng.uniform(0, period)
    while t < reach:
        length = period * rng.uniform(0.3, 0.9)
        a, b = p0 + t * step, p0 + (t + length) * step
        cv2.line(mask, tuple(np.round(a).astype(int)), tuple(np.round(b).astype(int)), 1, thickness)
        t += period * rng.uniform(0.8, 1.6)
    return mask.astype(F32)


def print_coverage(
    rng: np.random.Generator, dots: np.ndarray, wear: Wear, spec: PrintSpec, tpd: int
) -> np.ndarray:
    """Ink coverage per texel: dot spread, bar gain, ribbon smear, head and feed unevenness."""
    up = cv2.resize(dots, None, fx=tpd, fy=tpd, interpolation=cv2.INTER_NEAREST)
    sigma = wear.spread_dots * tpd
    blur = cv2.GaussianBlur(up, (0, 0), sigma)
    cov = np.clip((blur - 0.5 + wear.gain) * 2.2 + 0.5, 0.0, 1.0)
    along_axis = 0 if spec.bars_along_feed else 1
    if wear.smear > 0:
        n = wear.smear_len_dots * tpd
        kernel = np.zeros((2 * n + 1,), np.float32)
        kernel[n:] = 1.0 / (n + 1)
        k2 = kernel[:, None] if along_axis == 0 else kernel[None, :]
        trail = cv2.filter2D(cov, -1, k2, borderType=cv2.BORDER_CONSTANT)
        cov = np.maximum(cov, wear.smear * trail)
    cross_len = cov.shape[1] if spec.bars_along_feed else cov.shape[0]
    head = 1.0 - (1.0 - wear.density_min) * smooth_profile(rng, cross_len, int(rng.integers(3, 9)))
    feed_len = cov.shape[0] if spec.bars_along_feed else cov.shape[1]
    band = 1.0 - wear.banding * smooth_profile(rng, feed_len, int(rng.integers(6, 20)))
    if spec.bars_along_feed:
        cov *= head[None, :].astype(np.float32) * band[:, None].astype(np.float32)
    else:
        cov *= head[:, None].astype(np.float32) * band[None, :].astype(np.float32)
    return cov


def paper_tone(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """Paper brightness: fibre grain and a few grubby smudges."""
    tone = 1.0 + 0.04 * cv2.GaussianBlur(white_noise(rng, shape), (0, 0), 1.0)
    small = rng.standard_normal((6, 6), dtype=F32)
    smudge = cv2.resize(small, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)
    return tone * (1.0 - F32(rng.uniform(0.0, 0.06)) * np.maximum(smudge, 0))


def make_label_art(
    rng: np.random.Generator,
    layout: Layout,
    wear: Wear,
    spec: PrintSpec,
    tpd: int,
    levels: tuple[int, int],
) -> LabelArt:
    dots = apply_dot_defects(rng, layout.raster, wear, spec, spec.dpmm)
    cov = print_coverage(rng, dots, wear, spec, tpd)
    tone = paper_tone(rng, cov.shape)
    if wear.crack is not None:  # crushed fibres along the fold
        crease = fold_line_mask(rng, cov.shape, scale_line(wear.crack, tpd), 0, max(1, tpd))
        tone *= 1.0 - 0.12 * cv2.GaussianBlur(crease, (0, 0), 0.8 * tpd)
    inked = tone * cov
    channels = []
    for paper, tint in zip(wear.paper_rgb, wear.ink_tint, strict=True):
        channels.append(F32(paper) * tone - F32(paper * (1.0 - wear.ink_rel * tint)) * inked)
    albedo = cv2.merge(channels)
    tpm = spec.dpmm * tpd
    cx, cy = layout.center
    paper_lum = float(np.dot(wear.paper_rgb, (0.2126, 0.7152, 0.0722)))
    ink_max = paper_lum * (1.0 - wear.density_min * (1.0 - wear.ink_rel))
    return LabelArt(
        albedo=albedo,
        texels_per_mm=tpm,
        a_left=-cx / spec.dpmm,
        b_top=cy / spec.dpmm,
        width_mm=layout.raster.shape[1] / spec.dpmm,
        height_mm=layout.raster.shape[0] / spec.dpmm,
        paper_lum=paper_lum,
        ink_lum_max=ink_max,
        level_ss=levels[0],
        level_1x=levels[1],
        info=wear.describe(),
    )


def scale_line(line: tuple[float, float, float], k: float) -> tuple[float, float, float]:
    return line[0], line[1], line[2] * k


# ---------------------------------------------------------------------------------------------
# Camera


@dataclass(frozen=True)
class Camera:
    f: float
    cx: float
    cy: float
    k1: float

    def project(self, p: np.ndarray) -> np.ndarray:
        x, y = p[..., 0] / p[..., 2], p[..., 1] / p[..., 2]
        g = 1.0 + self.k1 * (x * x + y * y)
        return np.stack([self.f * x * g + self.cx, self.f * y * g + self.cy], axis=-1)

    def rays(self, px: np.ndarray) -> np.ndarray:
        """Unnormalised ray directions (z = 1) through pixel positions (..., 2)."""
        xd, yd = (px[..., 0] - self.cx) / self.f, (px[..., 1] - self.cy) / self.f
        x, y = xd.copy(), yd.copy()
        for _ in range(8):
            g = 1.0 + self.k1 * (x * x + y * y)
            x, y = xd / g, yd / g
        return np.stack([x, y, np.ones_like(x)], axis=-1).astype(np.float32)


def pixel_grid(x0: int, y0: int, w: int, h: int, ss: int) -> np.ndarray:
    """Sample positions (in frame pixels) of a w x h window supersampled ss x ss."""
    xs = x0 + (np.arange(w * ss, dtype=np.float32) + 0.5) / ss - 0.5
    ys = y0 + (np.arange(h * ss, dtype=np.float32) + 0.5) / ss - 0.5
    gx, gy = np.meshgrid(xs, ys)
    return np.stack([gx, gy], axis=-1)


# ---------------------------------------------------------------------------------------------
# Surfaces, each in its own local frame: material coordinates m = (m1, m2) in mm, the symbol
# centre at m = 0, local +z towards the camera side.


@dataclass
class Hits:
    hit: np.ndarray  # bool (N,)
    m: np.ndarray  # (N, 2) material coordinates
    p: np.ndarray  # (N, 3) points, local frame
    n: np.ndarray  # (N, 3) unit normals, local frame
    part: np.ndarray  # int8 (N,): 0 main surface, 1 end cap


class Surface(Protocol):
    kind: str

    def point(self, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...

    def intersect(self, o: np.ndarray, d: np.ndarray) -> Hits: ...

    def describe(self) -> dict[str, Any]: ...


def empty_hits(n: int) -> Hits:
    return Hits(
        hit=np.zeros(n, bool),
        m=np.zeros((n, 2), np.float32),
        p=np.zeros((n, 3), np.float32),
        n=np.zeros((n, 3), np.float32),
        part=np.zeros(n, np.int8),
    )


def in_extent(m: np.ndarray, ext: tuple[float, float, float, float]) -> np.ndarray:
    return (m[:, 0] >= ext[0]) & (m[:, 0] <= ext[1]) & (m[:, 1] >= ext[2]) & (m[:, 1] <= ext[3])


def plane_hits(o: np.ndarray, d: np.ndarray, origin: np.ndarray, normal: np.ndarray):
    """Ray parameter t of the intersection with a plane (inf where parallel or behind)."""
    normal = normal.astype(F32)
    den = d @ normal
    with np.errstate(divide="ignore", invalid="ignore"):
        t = float((origin - o) @ normal) / den
    return np.where((den < -1e-6) & (t > 0), t, np.inf)


@dataclass
class PlaneSurface:
    extent: tuple[float, float, float, float]
    kind: str = "flat"
    base: str = "box"

    def point(self, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        p = np.concatenate([m, np.zeros_like(m[..., :1])], axis=-1)
        return p, np.broadcast_to(np.array([0.0, 0.0, 1.0]), p.shape).copy()

    def intersect(self, o: np.ndarray, d: np.ndarray) -> Hits:
        t = plane_hits(o, d, np.zeros(3), np.array([0.0, 0.0, 1.0]))
        out = empty_hits(len(d))
        ok = np.isfinite(t)
        p = o + t[ok, None] * d[ok]
        out.m[ok] = p[:, :2]
        out.p[ok] = p
        out.n[ok] = (0, 0, 1)
        out.hit[ok] = in_extent(p[:, :2], self.extent)
        return out

    def describe(self) -> dict[str, Any]:
        return {"kind": self.kind, "object": self.base}


@dataclass
class FoldSurface:
    """Two planes meeting at a fold line {m : m . u = offset}; side m . u > offset is turned."""

    extent: tuple[float, float, float, float]
    beta: float  # direction of the fold normal u in material coordinates
    offset: float
    kink: float  # radians
    ridge: bool  # True: turned side falls away (box edge); False: valley
    through_symbol: bool
    base: str = "box"
    kind: str = "fold"

    @property
    def u(self) -> np.ndarray:
        return np.array([math.cos(self.beta), math.sin(self.beta)])

    def frame_b(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        u = self.u
        s = -1.0 if self.ridge else 1.0
        e_b = np.array(
            [math.cos(self.kink) * u[0], math.cos(self.kink) * u[1], s * math.sin(self.kink)]
        )
        n_b = np.array(
            [-s * math.sin(self.kink) * u[0], -s * math.sin(self.kink) * u[1], math.cos(self.kink)]
        )
        along = np.array([-u[1], u[0], 0.0])
        foot = np.array([self.offset * u[0], self.offset * u[1], 0.0])
        return foot, e_b, n_b, along

    def point(self, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        foot, e_b, n_b, along = self.frame_b()
        s = m @ self.u - self.offset
        q = m @ along[:2]
        flat = np.concatenate([m, np.zeros_like(m[..., :1])], axis=-1)
        bent = foot + q[..., None] * along + s[..., None] * e_b
        turned = (s > 0)[..., None]
        p = np.where(turned, bent, flat)
        n = np.where(turned, n_b, np.array([0.0, 0.0, 1.0]))
        return p, n

    def intersect(self, o: np.ndarray, d: np.ndarray) -> Hits:
        foot, e_b, n_b, along = self.frame_b()
        t_a = plane_hits(o, d, np.zeros(3), np.array([0.0, 0.0, 1.0]))
        t_b = plane_hits(o, d, foot, n_b)
        with np.errstate(invalid="ignore"):
            pa = o + np.where(np.isfinite(t_a), t_a, 0)[:, None] * d
            pb = o + np.where(np.isfinite(t_b), t_b, 0)[:, None] * d
        ma = pa[:, :2]
        rel = pb - foot.astype(F32)
        sb = rel @ e_b.astype(F32)
        mb = (self.offset + sb)[:, None] * self.u.astype(F32)
        mb += (rel @ along.astype(F32))[:, None] * along[:2].astype(F32)
        ok_a = (
            np.isfinite(t_a) & (ma @ self.u.astype(F32) <= self.offset) & in_extent(ma, self.extent)
        )
        ok_b = np.isfinite(t_b) & (sb >= 0) & in_extent(mb, self.extent)
        use_b = ok_b & (~ok_a | (t_b < t_a))
        out = empty_hits(len(d))
        out.hit = ok_a | ok_b
        out.m = np.where(use_b[:, None], mb, ma).astype(np.float32)
        out.p = np.where(use_b[:, None], pb, pa).astype(np.float32)
        out.n = np.where(use_b[:, None], n_b, np.array([0.0, 0.0, 1.0])).astype(np.float32)
        return out

    def describe(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "object": self.base,
            "fold": "ridge" if self.ridge else "valley",
            "kink_deg": round(math.degrees(self.kink), 1),
            "fold_offset_mm": round(self.offset, 1),
            "through_symbol": self.through_symbol,
        }


@dataclass
class TubeSurface:
    """Cylinder with its axis along local x, through (0, 0, -radius); m2 is arc length."""

    radius: float
    m1_range: tuple[float, float]
    bars_along_axis: bool
    base: str = "kraft tube"
    kind: str = "tube"

    def point(self, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        phi = m[..., 1] / self.radius
        n = np.stack([np.zeros_like(phi), np.sin(phi), np.cos(phi)], axis=-1)
        p = np.stack([m[..., 0], self.radius * n[..., 1], self.radius * (n[..., 2] - 1)], axis=-1)
        return p, n

    def intersect(self, o: np.ndarray, d: np.ndarray) -> Hits:
        r = self.radius
        wy, wz = o[1], o[2] + r
        a = d[:, 1] ** 2 + d[:, 2] ** 2
        b = 2 * (d[:, 1] * wy + d[:, 2] * wz)
        c = wy * wy + wz * wz - r * r
        disc = b * b - 4 * a * c
        with np.errstate(invalid="ignore", divide="ignore"):
            t = (-b - np.sqrt(np.maximum(disc, 0))) / (2 * a)
        t = np.where((disc > 0) & (t > 0), t, np.inf)
        ok = np.isfinite(t)
        p = o + np.where(ok, t, 0)[:, None] * d
        ok &= (p[:, 0] >= self.m1_range[0]) & (p[:, 0] <= self.m1_range[1])
        phi = np.arctan2(p[:, 1], p[:, 2] + r)
        out = empty_hits(len(d))
        out.hit = ok
        out.m = np.stack([p[:, 0], r * phi], axis=-1).astype(np.float32)
        out.p = p.astype(np.float32)
        out.n = np.stack([np.zeros_like(phi), p[:, 1] / r, (p[:, 2] + r) / r], -1).astype(
            np.float32
        )
        t_best = np.where(ok, t, np.inf)
        for end, sign in ((self.m1_range[0], -1.0), (self.m1_range[1], 1.0)):
            normal = np.array([sign, 0.0, 0.0])
            tc = plane_hits(o, d, np.array([end, 0.0, 0.0]), normal)
            pc = o + np.where(np.isfinite(tc), tc, 0)[:, None] * d
            inside = np.isfinite(tc) & (pc[:, 1] ** 2 + (pc[:, 2] + r) ** 2 <= r * r)
            cap = inside & (tc < t_best)
            t_best = np.where(cap, tc, t_best)
            out.hit |= cap
            out.part[cap] = 1
            out.p[cap] = pc[cap]
            out.n[cap] = normal
            out.m[cap] = pc[cap][:, 1:3]
        return out

    def describe(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "object": self.base,
            "radius_mm": round(self.radius, 1),
            "bars": "along_axis" if self.bars_along_axis else "across_axis",
        }


@dataclass
class BagSurface:
    """Height field z = h(m) over a grid (poly mailer bag), the label following it."""

    height: np.ndarray  # (G, G) mm
    step: float
    half: float
    extent: tuple[float, float, float, float]
    max_slope: float
    wrinkles: int
    base: str = "poly bag"
    kind: str = "bag"
    fields: np.ndarray = field(init=False)  # (G, G, 3): h, dh/dm1, dh/dm2

    def __post_init__(self) -> None:
        gy, gx = np.gradient(self.height, self.step)
        self.fields = cv2.merge([self.height, gx, gy]).astype(F32)

    def sample(self, m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        shape = m.shape[:-1]
        flat = m.reshape(-1, 2)
        u = (flat[:, 0] + self.half) / self.step
        v = (flat[:, 1] + self.half) / self.step
        res = remap_points(self.fields, u, v, cv2.BORDER_REPLICATE)
        return res[:, 0].reshape(shape), res[:, 1].reshape(shape), res[:, 2].reshape(shape)

    def point(self, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        h, hx, hy = self.sample(m)
        p = np.concatenate([m, h[..., None]], axis=-1)
        n = np.stack([-hx, -hy, np.ones_like(h)], axis=-1)
        return p, n / np.linalg.norm(n, axis=-1, keepdims=True)

    def intersect(self, o: np.ndarray, d: np.ndarray) -> Hits:
        h = np.zeros(len(d), np.float32)
        valid = d[:, 2] < -1e-6
        dz = np.where(valid, d[:, 2], -1.0)
        for it in range(9):
            t = (h - o[2]) / dz
            m = (o[:2] + t[:, None] * d[:, :2]).astype(np.float32)
            h_new, hx, hy = self.sample(m)
            h = 0.35 * h + 0.65 * h_new if it < 3 else h_new
        p = np.concatenate([m, h[:, None]], axis=-1)
        n = np.stack([-hx, -hy, np.ones_like(h)], axis=-1)
        n = unit_rows(n)
        out = empty_hits(len(d))
        out.hit = valid & (t > 0) & in_extent(m, self.extent) & (rowdot(d, n) < 0)
        out.m, out.p, out.n = m, p.astype(np.float32), n.astype(np.float32)
        return out

    def describe(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "object": self.base,
            "max_slope": round(self.max_slope, 3),
            "wrinkles": self.wrinkles,
        }


# ---------------------------------------------------------------------------------------------
# Surface samplers


def rand_extent(
    rng: np.random.Generator, lo: float, hi: float
) -> tuple[float, float, float, float]:
    a, b, c, d = rng.uniform(lo, hi, 4)
    return (-float(a), float(b), -float(c), float(d))


def sample_flat(rng: np.random.Generator, label_half: float) -> PlaneSurface:
    base = pick(rng, ("kraft box", "white box", "manila envelope", "white envelope"))
    return PlaneSurface(rand_extent(rng, label_half + 15, label_half + 260), base=base)


def sample_fold(
    rng: np.random.Generator, prof: Profile, sym_half: tuple[float, float], label_half: float
) -> FoldSurface:
    beta = float(rng.uniform(0, 2 * math.pi))
    u = np.array([math.cos(beta), math.sin(beta)])
    reach = abs(u[0]) * sym_half[0] + abs(u[1]) * sym_half[1]  # symbol half extent along u
    through = bool(rng.random() < prof.fold_through)
    if through:
        offset = float(rng.uniform(-0.75, 0.75) * reach)
    else:
        offset = float(np.sign(rng.random() - 0.5) * (reach + rng.uniform(1.0, 10.0)))
    ridge = bool(rng.random() < 0.6)
    base = pick(rng, ("kraft box", "white box")) if ridge else pick(rng, ("kraft box", "envelope"))
    return FoldSurface(
        extent=rand_extent(rng, label_half + 15, label_half + 220),
        beta=beta,
        offset=offset,
        kink=math.radians(uniform(rng, prof.fold_kink_deg)),
        ridge=ridge,
        through_symbol=through,
        base=base,
    )


def sample_tube(
    rng: np.random.Generator, prof: Profile, label_wh: tuple[float, float], sym_len: float
) -> tuple[TubeSurface, float]:
    """Tube and the label's rotation on it (0: symbol along the axis, bars wrapped round)."""
    radius = uniform(rng, prof.tube_radius_mm)
    along_axis = bool(rng.random() < prof.tube_bars_along_axis)
    # a symbol wrapped round the tube must stay on the visible half
    if along_axis and sym_len / radius > math.radians(150):
        radius = min(60.0, max(radius, sym_len / math.radians(150)))
        along_axis = sym_len / radius <= math.radians(150)
    arc_extent = label_wh[0] if along_axis else label_wh[1]
    if arc_extent > 0.9 * 2 * math.pi * radius:
        along_axis = False
    jitter = math.radians(rng.uniform(-6, 6))
    alpha = (math.pi / 2 if along_axis else 0.0) + jitter
    axial = label_wh[1] if along_axis else label_wh[0]
    m1_range = (-axial / 2 - rng.uniform(10, 300), axial / 2 + rng.uniform(10, 300))
    base = pick(rng, ("kraft tube", "white tube", "grey tube"))
    return TubeSurface(radius, m1_range, along_axis, base=base), alpha


def add_wrinkle(
    rng: np.random.Generator, h: np.ndarray, xs: np.ndarray, ys: np.ndarray, centre: np.ndarray
) -> None:
    """A ridge or valley of limited length (a crease in the poly film)."""
    ang = rng.uniform(0, math.pi)
    dist = (xs - centre[0]) * math.cos(ang) + (ys - centre[1]) * math.sin(ang)
    along = -(xs - centre[0]) * math.sin(ang) + (ys - centre[1]) * math.cos(ang)
    width, length = rng.uniform(4, 12), rng.uniform(30, 160)
    amp = rng.uniform(0.6, 1.6) * width / 6 * np.sign(rng.random() - 0.5)
    h += F32(amp) * np.exp(-((dist / width) ** 2) - (along / length) ** 2)


def sample_bag(rng: np.random.Generator, prof: Profile, label_half: float) -> BagSurface:
    """Soft undulation plus wrinkles, some through the label; scaled to a maximum slope."""
    step, half = 2.0, 320.0
    g = int(2 * half / step) + 1
    h = cv2.GaussianBlur(rng.standard_normal((g, g), dtype=F32), (0, 0), rng.uniform(12, 30))
    h *= F32(rng.uniform(4, 10) / (float(h.std()) + 1e-9))
    ys, xs = np.mgrid[0:g, 0:g].astype(F32) * step - half
    n_wr = int(rng.integers(prof.bag_wrinkles[0], prof.bag_wrinkles[1] + 1))
    for _ in range(n_wr):
        add_wrinkle(rng, h, xs, ys, rng.uniform(-0.8, 0.8, 2) * label_half)
    for _ in range(int(rng.integers(3, 9))):
        add_wrinkle(rng, h, xs, ys, rng.uniform(-220, 220, 2))
    gy, gx = np.gradient(h, step)
    core = (np.abs(xs) < label_half * 1.5) & (np.abs(ys) < label_half * 1.5)
    slope = float(np.hypot(gx, gy)[core].max())
    target = uniform(rng, prof.bag_slope)
    h *= F32(target / max(slope, 1e-6))
    h -= h[g // 2, g // 2]
    base = pick(rng, ("grey poly bag", "white poly bag", "pink poly bag", "black poly bag"))
    extent = rand_extent(rng, label_half + 20, 300)
    return BagSurface(h.astype(F32), step, half, extent, target, n_wr, base=base)


# ---------------------------------------------------------------------------------------------
# Scene geometry: pose of the surface in front of the camera


def rotation_to(v: np.ndarray, axis: np.ndarray, angle: float) -> np.ndarray:
    """Rodrigues rotation of v about a unit axis."""
    return (
        v * math.cos(angle)
        + np.cross(axis, v) * math.sin(angle)
        + axis * (axis @ v) * (1 - math.cos(angle))
    )


def local_frame(normal: np.ndarray, psi: float) -> np.ndarray:
    """Columns: local x, y, z in camera coordinates (z = normal, x at image angle psi)."""
    r = np.array([math.cos(psi), math.sin(psi), 0.0])
    x = r - (r @ normal) * normal
    x /= np.linalg.norm(x)
    return np.stack([x, np.cross(normal, x), normal], axis=1)


@dataclass
class Geometry:
    surface: Any
    alpha: float  # rotation of the label on the material
    rot: np.ndarray
    trans: np.ndarray
    tilt_deg: float

    def to_material(self, ab: np.ndarray) -> np.ndarray:
        c, s = math.cos(self.alpha), math.sin(self.alpha)
        return np.stack([c * ab[..., 0] - s * ab[..., 1], s * ab[..., 0] + c * ab[..., 1]], -1)

    def to_label(self, m: np.ndarray) -> np.ndarray:
        c, s = math.cos(self.alpha), math.sin(self.alpha)
        return np.stack([c * m[..., 0] + s * m[..., 1], -s * m[..., 0] + c * m[..., 1]], -1)

    def label_points(self, ab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        p, n = self.surface.point(self.to_material(ab))
        return p @ self.rot.T + self.trans, n @ self.rot.T

    def cast(self, rays: np.ndarray) -> Hits:
        o = (-self.rot.T @ self.trans).astype(F32)
        hits = self.surface.intersect(o, rows_times(rays, self.rot))
        hits.p = rows_times(hits.p, self.rot.T) + self.trans.astype(F32)
        hits.n = rows_times(hits.n, self.rot.T)
        return hits


@dataclass
class SymbolFrame:
    """Symbol extent in label millimetres."""

    n_modules: int
    x_mm: float
    height_mm: float
    quiet_mm: float
    is_2d: bool

    @property
    def half(self) -> tuple[float, float]:
        return self.n_modules * self.x_mm / 2, self.height_mm / 2

    def check_points(self) -> np.ndarray:
        ha, hb = self.half
        qa = ha + self.quiet_mm
        qb = hb + (self.quiet_mm if self.is_2d else 0.0)
        a, b = np.meshgrid(np.linspace(-qa, qa, 41), np.linspace(-qb, qb, 9))
        return np.stack([a.ravel(), b.ravel()], -1)


def measure_modules(geo: Geometry, cam: Camera, sym: SymbolFrame) -> dict[str, float]:
    """Projected module size along the symbol's centre line(s), in frame pixels."""
    per = 4
    n = sym.n_modules
    t = np.linspace(-n * sym.x_mm / 2, n * sym.x_mm / 2, n * per + 1)
    lines = [np.stack([t, np.zeros_like(t)], -1)]
    if sym.is_2d:
        lines.append(np.stack([np.zeros_like(t), t], -1))
    lengths, locals_ = [], []
    angle = 0.0
    for k, ab in enumerate(lines):
        px = cam.project(geo.label_points(ab)[0])
        seg = np.linalg.norm(np.diff(px, axis=0), axis=1)
        lengths.append(seg.sum())
        locals_.append(seg.reshape(n, per).sum(1))
        if k == 0:
            dx, dy = px[-1] - px[0]
            angle = math.degrees(math.atan2(dy, dx))
    loc = np.concatenate(locals_)
    return {
        "module_px": float(np.mean(lengths) / n),
        "module_px_min": float(loc.min()),
        "module_px_max": float(loc.max()),
        "rotation_deg": round(angle, 1),
    }


def geometry_ok(geo: Geometry, cam: Camera, sym: SymbolFrame) -> bool:
    """Symbol and quiet zone in frame, facing the camera, nothing hidden."""
    ab = sym.check_points()
    p, n = geo.label_points(ab)
    if (p[:, 2] < 60).any():
        return False
    view = -p / np.linalg.norm(p, axis=1, keepdims=True)
    if ((n * view).sum(1) < math.cos(math.radians(MAX_OBLIQUITY_DEG))).any():
        return False
    px = cam.project(p)
    m = FRAME_MARGIN_PX
    if (px[:, 0] < m).any() or (px[:, 0] > FRAME_W - 1 - m).any():
        return False
    if (px[:, 1] < m).any() or (px[:, 1] > FRAME_H - 1 - m).any():
        return False
    hits = geo.cast(cam.rays(px).reshape(-1, 3))
    if not hits.hit.all() or (hits.part != 0).any():
        return False
    back = geo.to_label(hits.m.astype(np.float64))
    return bool(np.abs(back - ab).max() < 0.3)


def place_geometry(
    rng: np.random.Generator,
    cam: Camera,
    surface: Any,
    alpha: float,
    sym: SymbolFrame,
    target_module: float,
    tilt_deg: float,
) -> Geometry | None:
    """Poses the surface so the symbol lands in the frame with the requested module size."""
    target_px = np.array([rng.uniform(240, FRAME_W - 240), rng.uniform(170, FRAME_H - 170)])
    ray = cam.rays(target_px)
    ray = ray / np.linalg.norm(ray)
    azim = rng.uniform(0, 2 * math.pi)
    perp = np.cross(ray, np.array([math.cos(azim), math.sin(azim), 0.3]))
    perp /= np.linalg.norm(perp)
    normal = rotation_to(-ray, perp, math.radians(tilt_deg))
    rot = local_frame(normal, rng.uniform(0, 2 * math.pi))
    p0 = surface.point(np.zeros(2))[0]
    dist = 1000.0 * sym.x_mm / target_module
    geo = Geometry(surface, alpha, rot, ray * dist - rot @ p0, tilt_deg)
    for _ in range(6):
        mods = measure_modules(geo, cam, sym)
        if abs(mods["module_px"] - target_module) < 0.002:
            break
        dist *= mods["module_px"] / target_module
        geo.trans = ray * dist - rot @ p0
    # foreshortened ends of a bent symbol must stay resolvable
    if mods["module_px_min"] < max(MIN_LOCAL_MODULE_PX, 0.55 * target_module):
        return None
    return geo if geometry_ok(geo, cam, sym) else None


def sample_surface(
    rng: np.random.Generator,
    prof: Profile,
    kind: str,
    sym: SymbolFrame,
    label_wh: tuple[float, float],
) -> tuple[Any, float]:
    label_half = 0.5 * math.hypot(*label_wh)
    if kind == "tube":
        return sample_tube(rng, prof, label_wh, sym.n_modules * sym.x_mm)
    if kind == "bag":
        return sample_bag(rng, prof, label_half), 0.0
    if kind == "fold":
        return sample_fold(rng, prof, sym.half, label_half), 0.0
    return sample_flat(rng, label_half), 0.0


def plan_geometry(
    rng: np.random.Generator,
    cam: Camera,
    prof: Profile,
    sym: SymbolFrame,
    label_wh: tuple[float, float],
    target_module: float,
) -> Geometry:
    kinds = list(prof.kinds)
    kind = str(rng.choice(kinds, p=np.array([prof.kinds[k] for k in kinds])))
    for attempt in range(400):
        if attempt % 12 == 0:
            surface, alpha = sample_surface(rng, prof, kind, sym, label_wh)
        shrink = 1.0 - min(attempt, 200) / 260
        tilt = uniform(rng, prof.tilt_deg) * shrink
        geo = place_geometry(rng, cam, surface, alpha, sym, target_module, tilt)
        if geo is not None:
            return geo
        if attempt == 240:
            kind = "flat"
    raise RuntimeError("no valid geometry found")


# ---------------------------------------------------------------------------------------------
# Light


@dataclass
class Lighting:
    lamp_pos: np.ndarray
    lamp_axis: np.ndarray
    lamp_power: float
    cone_exp: float
    lamp_rgb: np.ndarray
    ambient_rgb: np.ndarray
    shadow_lines: list[tuple[float, float, float, float, float]]  # nx, ny, c, softness, depth
    info: dict[str, Any]

    def shadow(self, px: np.ndarray) -> np.ndarray:
        """Fraction of lamp light reaching each pixel position (soft occluder edges)."""
        keep = np.ones(px.shape[:-1], np.float32)
        for nx, ny, c, soft, depth in self.shadow_lines:
            s = (px[..., 0] * nx + px[..., 1] * ny - c) / soft
            keep *= 1.0 - depth / (1.0 + np.exp(-np.clip(s, -30, 30)))
        return keep


def tungsten_rgb(kelvin: float) -> np.ndarray:
    """Approximate linear-sRGB colour of a blackbody, normalised to green = 1."""
    t = kelvin / 100.0
    r = 255.0
    g = 99.47 * math.log(t) - 161.12
    b = 138.52 * math.log(t - 10) - 305.04
    rgb = (np.clip(np.array([r, g, b]), 1, 255) / 255.0) ** 2.2
    return rgb / rgb[1]


def sample_lighting(
    rng: np.random.Generator, prof: Profile, geo: Geometry, cam: Camera
) -> Lighting:
    centre, normal = geo.label_points(np.zeros((1, 2)))
    centre, normal = centre[0], normal[0]
    side = rng.standard_normal(3)
    side -= (side @ normal) * normal
    side /= np.linalg.norm(side)
    elev = math.radians(rng.uniform(25, 70))
    direction = normal * math.sin(elev) + side * math.cos(elev)
    dist = rng.uniform(220, 650)
    lamp = centre + direction * dist
    aim = centre + rng.standard_normal(3) * np.array([1, 1, 0.3]) * dist * 0.12
    axis = (aim - lamp) / np.linalg.norm(aim - lamp)
    cone = rng.uniform(2, 10)
    to_c = (centre - lamp) / dist
    power = dist**2 / max(float(axis @ to_c), 0.2) ** cone
    kelvin = rng.uniform(2600, 3300)
    awb = rng.uniform(0.35, 0.75)
    lamp_rgb = (1 - awb) * tungsten_rgb(kelvin) + awb * np.ones(3)
    lamp_rgb /= lamp_rgb @ np.array([0.2126, 0.7152, 0.0722])
    amb_col = np.array([0.92, 1.0, 1.1]) * (1 - awb) + awb
    ambient = rng.uniform(0.1, 0.35) * amb_col / (amb_col @ np.array([0.2126, 0.7152, 0.0722]))
    shadows = []
    if rng.random() < prof.shadow_prob:
        c_px = cam.project(centre[None])[0]
        for _ in range(int(rng.integers(1, 3))):
            ang = rng.uniform(0, 2 * math.pi)
            nx, ny = math.cos(ang), math.sin(ang)
            c = c_px[0] * nx + c_px[1] * ny + rng.uniform(-120, 120)
            shadows.append((nx, ny, c, rng.uniform(6, 40), rng.uniform(0.3, 0.6)))
    info = {
        "colour_temp_k": round(kelvin),
        "white_balance_correction": round(awb, 2),
        "lamp_distance_mm": round(dist),
        "lamp_cone_exponent": round(cone, 1),
        "ambient": round(float(ambient[1]), 3),
        "shadow_edges": len(shadows),
    }
    return Lighting(
        lamp,
        axis,
        power,
        cone,
        lamp_rgb.astype(np.float32),
        ambient.astype(np.float32),
        shadows,
        info,
    )


def shade(
    light: Lighting,
    p: np.ndarray,
    n: np.ndarray,
    px: np.ndarray,
    ks: np.ndarray,
    shininess: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Diffuse irradiance (N, 3) and specular radiance (N, 3) at surface points."""
    to_l = light.lamp_pos.astype(F32) - p
    r2 = rowdot(to_l, to_l)
    ldir = to_l / np.sqrt(r2)[:, None]
    spot = np.clip(-(ldir @ light.lamp_axis.astype(F32)), 0, 1) ** F32(light.cone_exp)
    irr = F32(light.lamp_power) * spot / r2 * light.shadow(px)
    ndl = np.clip(rowdot(n, ldir), 0, 1)
    view = -unit_rows(p)
    ndv = np.clip(rowdot(n, view), 0, 1)
    half = unit_rows(ldir + view + F32(1e-6))
    ndh = np.clip(rowdot(n, half), 0, 1)
    norm = (shininess + 8) / F32(8 * math.pi)
    lobe = np.exp(shininess * np.log(np.maximum(ndh, F32(1e-6))))
    fresnel = 0.5 + 0.5 * np.square(np.square(1 - ndv)) * (1 - ndv)
    spec = ks * norm * lobe * irr * (ndl > 0) * fresnel
    diffuse = light.ambient_rgb * (0.6 + 0.4 * ndv)[:, None] + light.lamp_rgb * (irr * ndl)[:, None]
    return diffuse.astype(np.float32), (light.lamp_rgb * spec[:, None]).astype(np.float32)


# ---------------------------------------------------------------------------------------------
# Materials and backgrounds


OBJECT_COLOURS = {
    "kraft box": (0.42, 0.29, 0.17),
    "white box": (0.72, 0.71, 0.68),
    "manila envelope": (0.62, 0.5, 0.3),
    "white envelope": (0.8, 0.8, 0.78),
    "envelope": (0.7, 0.62, 0.45),
    "kraft tube": (0.45, 0.31, 0.18),
    "white tube": (0.75, 0.75, 0.73),
    "grey tube": (0.4, 0.41, 0.42),
    "grey poly bag": (0.32, 0.33, 0.35),
    "white poly bag": (0.7, 0.71, 0.72),
    "pink poly bag": (0.75, 0.3, 0.42),
    "black poly bag": (0.04, 0.04, 0.045),
}


TILE, TILE_MM = 512, 0.25  # material texture: texels, mm per texel
CAP_COLOURS = ((0.8, 0.8, 0.78), (0.06, 0.06, 0.06), (0.6, 0.08, 0.06))


@dataclass
class Material:
    tile: np.ndarray  # (TILE, TILE, 3) albedo, TILE_MM per texel, wraps
    ks: float
    shininess: float
    cap_rgb: np.ndarray
    seam_pitch: float  # tube spiral seam, 0 = none
    label_ks: float
    label_shininess: float
    label_finish: str


def noise_tile(rng: np.random.Generator, size: int, sigma: float) -> np.ndarray:
    tile = rng.standard_normal((size, size), dtype=F32)
    tile = cv2.GaussianBlur(np.tile(tile, (3, 3)), (0, 0), sigma)[size : 2 * size, size : 2 * size]
    return tile / (float(tile.std()) + 1e-9)


def sample_material(rng: np.random.Generator, prof: Profile, base: str) -> Material:
    colour = np.array(OBJECT_COLOURS.get(base, (0.5, 0.45, 0.4)), np.float32)
    colour *= rng.uniform(0.85, 1.15)
    grain = 0.03 * noise_tile(rng, TILE, 1.0) + 0.015 * noise_tile(rng, TILE, 12.0)
    tile = colour * (1.0 + grain)[..., None]
    glossy = "bag" in base
    pouch = rng.random() < prof.pouch_prob
    return Material(
        tile=np.clip(tile, 0.01, 0.95).astype(np.float32),
        ks=rng.uniform(0.15, 0.5) if glossy else rng.uniform(0.01, 0.08),
        shininess=rng.uniform(12, 60) if glossy else rng.uniform(4, 12),
        cap_rgb=np.array(CAP_COLOURS[int(rng.integers(len(CAP_COLOURS)))], np.float32),
        seam_pitch=rng.uniform(60, 140) if "tube" in base else 0.0,
        label_ks=rng.uniform(0.15, 0.35) if pouch else rng.uniform(0.02, 0.07),
        label_shininess=rng.uniform(30, 90) if pouch else rng.uniform(5, 15),
        label_finish="document pouch" if pouch else "matte paper",
    )


def material_albedo(mat: Material, m: np.ndarray, part: np.ndarray) -> np.ndarray:
    alb = remap_points(mat.tile, m[:, 0] / TILE_MM, m[:, 1] / TILE_MM, cv2.BORDER_WRAP)
    if mat.seam_pitch:
        phase = np.mod(m[:, 1] - 0.7 * m[:, 0], mat.seam_pitch)
        alb = alb * np.where(phase < 1.2, 0.75, 1.0)[:, None]
    return np.where((part == 1)[:, None], mat.cap_rgb, alb).astype(np.float32)


def background_albedo(rng: np.random.Generator) -> tuple[np.ndarray, str, float]:
    """Bench surface or other parcels at half resolution; returns albedo, kind and gloss."""
    kind = pick(rng, ("wood bench", "grey laminate", "steel bench", "cutting mat", "parcels"))
    h, w = FRAME_H // 2, FRAME_W // 2
    ys, xs = np.mgrid[0:h, 0:w].astype(F32) * 2  # in frame pixels
    low = cv2.resize(rng.standard_normal((9, 16), dtype=F32), (w, h), interpolation=cv2.INTER_CUBIC)
    fine = cv2.GaussianBlur(white_noise(rng, (h, w)), (0, 0), 0.6)
    ang = rng.uniform(0, math.pi)
    u = xs * math.cos(ang) + ys * math.sin(ang)
    v = -xs * math.sin(ang) + ys * math.cos(ang)
    gloss = 0.0
    if kind == "wood bench":
        warp = 0.6 * low + 0.02 * v / rng.uniform(8, 20)
        grain = np.sin(u / rng.uniform(5, 12) + 2 * np.sin(warp)) * 0.5 + 0.5
        base = np.array([0.38, 0.24, 0.12], F32) * F32(rng.uniform(0.7, 1.3))
        img = base * (0.8 + 0.22 * grain + 0.05 * fine)[..., None]
        gloss = 0.06
    elif kind == "grey laminate":
        tone = F32(rng.uniform(0.6, 1.4)) * (1 + 0.02 * low + 0.04 * fine)
        img = np.array([0.35, 0.36, 0.36], F32) * tone[..., None]
        gloss = 0.1
    elif kind == "steel bench":
        streak = cv2.GaussianBlur(white_noise(rng, (h, w)), (21, 1), 0)
        img = np.array([0.45, 0.46, 0.48], F32) * (1 + 0.03 * low + 0.2 * streak)[..., None]
        gloss = 0.3
    elif kind == "cutting mat":
        pitch = rng.uniform(30, 60)
        grid = (np.mod(u, pitch) < 2.5) | (np.mod(v, pitch) < 2.5)
        img = np.array([0.05, 0.22, 0.12], F32) * (1 + 0.05 * fine + 0.05 * low)[..., None]
        img = np.where(grid[..., None], np.array([0.45, 0.5, 0.45], F32), img)
        gloss = 0.04
    else:
        img = np.array([0.35, 0.34, 0.33], F32) * (1 + 0.05 * fine)[..., None]
        for _ in range(int(rng.integers(2, 6))):
            draw_parcel(rng, img)
    return np.clip(img, 0.005, 0.95).astype(F32), kind, gloss


def draw_parcel(rng: np.random.Generator, img: np.ndarray) -> None:
    """A box seen from above (half resolution): kraft face, tape strip, printed text."""
    h, w = img.shape[:2]
    cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    bw, bh, ang = rng.uniform(100, 350), rng.uniform(75, 250), rng.uniform(0, 180)
    box = cv2.boxPoints(((cx, cy), (bw, bh), ang)).astype(np.int32)
    colour = np.array((0.42, 0.29, 0.17) if rng.random() < 0.7 else (0.7, 0.7, 0.68))
    cv2.fillPoly(img, [box], (colour * rng.uniform(0.8, 1.1)).tolist())
    tape = cv2.boxPoints(((cx, cy), (bw, rng.uniform(15, 30)), ang)).astype(np.int32)
    cv2.fillPoly(img, [tape], (colour * 0.8 + 0.08).tolist())
    text = np.zeros(img.shape[:2], np.uint8)
    x, y = int(cx + rng.uniform(-bw, bw) / 3), int(cy + rng.uniform(-bh, bh) / 3)
    scale = rng.uniform(0.3, 0.5)
    for k in range(int(rng.integers(0, 6))):
        word = random_word(rng, 4, 12)
        cv2.putText(text, word, (x, y + int(30 * scale) * k), FONT, scale, 255, 1, cv2.LINE_AA)
    alpha = text.astype(F32)[..., None] / 255.0
    img[:] = img * (1 - alpha) + 0.05 * alpha


# ---------------------------------------------------------------------------------------------
# Rendering


@dataclass
class Scene:
    cam: Camera
    geo: Geometry
    art: LabelArt
    sym: SymbolFrame
    mat: Material
    light: Lighting
    bg: np.ndarray
    bg_gloss: float
    bench_depth: float


@dataclass
class Layer:
    """Per-sample components of a set of rendered pixel samples (flat arrays)."""

    albedo: np.ndarray  # (N, 3)
    diffuse: np.ndarray  # (N, 3)
    spec: np.ndarray  # (N, 3)
    label: np.ndarray  # bool (N,): on the label (its specular part can be turned down)
    symbol: np.ndarray  # bool (N,): inside the symbol and its quiet zone
    obj: np.ndarray  # bool (N,): the parcel, not the bench

    def compose(self, label_spec_scale: float) -> np.ndarray:
        k = np.where(self.label, F32(label_spec_scale), F32(1.0))[:, None]
        return self.albedo * self.diffuse + self.spec * k

    def fill_bench(self, albedo: np.ndarray, diffuse: np.ndarray, spec: np.ndarray) -> None:
        bench = ~self.obj
        self.albedo[bench], self.diffuse[bench], self.spec[bench] = (
            albedo[bench],
            diffuse[bench],
            spec[bench],
        )


def label_texture(art: LabelArt, level: int) -> tuple[np.ndarray, float]:
    """Label albedo at a pyramid level, with its texels per mm (levels are cached)."""
    while len(art.pyramid) <= level:
        art.pyramid.append(cv2.pyrDown(art.pyramid[-1]))
    return art.pyramid[level], art.texels_per_mm / 2**level


def remap_points(tex: np.ndarray, u: np.ndarray, v: np.ndarray, border: int) -> np.ndarray:
    """Bilinear lookup of a texture at many points (cv2.remap on a padded 2D map)."""
    n = len(u)
    if n == 0:
        return np.zeros((0, tex.shape[2] if tex.ndim == 3 else 1), F32)
    cols = 1024 if n > 1024 else n
    rows = -(-n // cols)
    pad = rows * cols - n
    mx = np.pad(u.astype(F32), (0, pad)).reshape(rows, cols)
    my = np.pad(v.astype(F32), (0, pad)).reshape(rows, cols)
    out = cv2.remap(tex, mx, my, cv2.INTER_LINEAR, borderMode=border)
    return out.reshape(rows * cols, -1)[:n]


def sample_label(art: LabelArt, ab: np.ndarray, level: int) -> np.ndarray:
    tex, scale = label_texture(art, level)
    u = (ab[:, 0] - art.a_left) * scale - 0.5
    v = (art.b_top - ab[:, 1]) * scale - 0.5
    return remap_points(tex, u, v, cv2.BORDER_REPLICATE)


def render_samples(scene: Scene, px: np.ndarray, rays: np.ndarray, level: int) -> Layer:
    """Ray-casts samples onto the parcel; bench samples are left for fill_bench."""
    n_all = len(rays)
    hits = scene.geo.cast(rays)
    layer = Layer(
        albedo=np.zeros((n_all, 3), F32),
        diffuse=np.zeros((n_all, 3), F32),
        spec=np.zeros((n_all, 3), F32),
        label=np.zeros(n_all, bool),
        symbol=np.zeros(n_all, bool),
        obj=hits.hit,
    )
    every = bool(hits.hit.all())
    idx = slice(None) if every else np.flatnonzero(hits.hit)
    if not every and not len(idx):
        return layer
    m, part = hits.m[idx], hits.part[idx]
    ab = scene.geo.to_label(m)
    a0, a1 = scene.art.a_range
    b0, b1 = scene.art.b_range
    on_label = (ab[:, 0] > a0) & (ab[:, 0] < a1) & (ab[:, 1] > b0) & (ab[:, 1] < b1)
    on_label &= part == 0
    alb = np.empty((len(m), 3), F32)
    alb[on_label] = sample_label(scene.art, ab[on_label], level)
    off = ~on_label
    alb[off] = material_albedo(scene.mat, m[off], part[off])
    ha, hb = scene.sym.half
    qa = ha + scene.sym.quiet_mm
    qb = hb + (scene.sym.quiet_mm if scene.sym.is_2d else 0.0)
    layer.symbol[idx] = on_label & (np.abs(ab[:, 0]) <= qa) & (np.abs(ab[:, 1]) <= qb)
    layer.label[idx] = on_label
    mat = scene.mat
    ks = np.where(on_label, F32(mat.label_ks), F32(mat.ks))
    shin = np.where(on_label, F32(mat.label_shininess), F32(mat.shininess))
    d, s = shade(scene.light, hits.p[idx], hits.n[idx], px[idx], ks, shin)
    layer.albedo[idx], layer.diffuse[idx], layer.spec[idx] = alb, d, s
    return layer


def bench_lighting(scene: Scene, shadow: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lamp light on the bench plane at half resolution (computed at quarter, it is smooth)."""
    q = 4
    px = (pixel_grid(0, 0, FRAME_W // q, FRAME_H // q, 1) * q + (q - 1) / 2).reshape(-1, 2)
    p = scene.cam.rays(px) * F32(scene.bench_depth)
    n = np.broadcast_to(np.array([0.0, 0.0, -1.0], F32), p.shape)
    ks = np.full(len(p), F32(scene.bg_gloss))
    d, s = shade(scene.light, p, n, px, ks, np.full(len(p), F32(20.0)))
    size = (FRAME_W // 2, FRAME_H // 2)
    d = cv2.resize(d.reshape(FRAME_H // q, FRAME_W // q, 3), size, interpolation=cv2.INTER_LINEAR)
    s = cv2.resize(s.reshape(FRAME_H // q, FRAME_W // q, 3), size, interpolation=cv2.INTER_LINEAR)
    return d * shadow[..., None], s * shadow[..., None]


def half_lookup(img: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Bilinear lookup of a half-resolution image at frame pixel positions (N, 2)."""
    return remap_points(img, (pos[:, 0] - 0.5) / 2, (pos[:, 1] - 0.5) / 2, cv2.BORDER_REPLICATE)


def bench_shadow_map(obj: np.ndarray, scene: Scene) -> np.ndarray:
    """Soft shadow of the parcel on the bench, thrown away from the lamp (half resolution)."""
    lamp_px = scene.cam.project(scene.light.lamp_pos[None])[0] / 2
    ys, xs = np.nonzero(obj)
    if len(xs) == 0:
        return np.ones(obj.shape, F32)
    centre = np.array([xs.mean(), ys.mean()])
    away = centre - lamp_px
    away /= np.linalg.norm(away) + 1e-9
    shift = away * np.clip(20000.0 / scene.bench_depth, 5, 45)
    m = np.float32([[1, 0, shift[0]], [0, 1, shift[1]]])
    sh = cv2.warpAffine(obj.astype(F32), m, (obj.shape[1], obj.shape[0]))
    sh = cv2.GaussianBlur(sh, (0, 0), 4 + float(np.linalg.norm(shift)) / 4)
    return (1.0 - 0.6 * sh).astype(F32)


@dataclass
class Optics:
    """The webcam's geometry with its ray grids, computed once per set."""

    cam: Camera
    px: np.ndarray  # (H*W, 2) pixel centres
    rays: np.ndarray  # (H*W, 3)
    px_half: np.ndarray  # (H*W/4, 2) centres of 2x2 pixel blocks
    rays_half: np.ndarray
    rays_ss: np.ndarray  # (H*ss, W*ss, 3) rays of the supersamples

    @classmethod
    def build(cls, cam: Camera) -> Optics:
        px = pixel_grid(0, 0, FRAME_W, FRAME_H, 1).reshape(-1, 2)
        half = (pixel_grid(0, 0, FRAME_W // 2, FRAME_H // 2, 1) * 2 + 0.5).reshape(-1, 2)
        rays_ss = cam.rays(pixel_grid(0, 0, FRAME_W, FRAME_H, SUPERSAMPLE))
        return cls(cam, px, cam.rays(px), half, cam.rays(half), rays_ss)

    def subsamples(self, ys: np.ndarray, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions and rays of the ss x ss supersamples of pixels, grouped by offset."""
        ss = SUPERSAMPLE
        pos, rays = [], []
        for dy in range(ss):
            for dx in range(ss):
                off = np.array([(dx + 0.5) / ss - 0.5, (dy + 0.5) / ss - 0.5], F32)
                pos.append(np.stack([xs, ys], -1).astype(F32) + off)
                rays.append(self.rays_ss[ys * ss + dy, xs * ss + dx])
        return np.concatenate(pos), np.concatenate(rays)


# ---------------------------------------------------------------------------------------------
# Webcam


@dataclass
class Webcam:
    defocus_px: float
    motion_px: float
    motion_angle: float
    shot: float
    read: float
    sharpen: float
    sharpen_sigma: float
    jpeg: int
    vignette: float

    def describe(self) -> dict[str, Any]:
        return {
            "defocus_sigma_px": round(self.defocus_px, 2),
            "motion_blur_px": round(self.motion_px, 2),
            "shot_noise": round(self.shot, 5),
            "read_noise": round(self.read, 4),
            "sharpen": round(self.sharpen, 2),
            "jpeg_quality": self.jpeg,
        }


def sample_webcam(rng: np.random.Generator, prof: Profile, module_px: float) -> Webcam:
    gain = uniform(rng, prof.noise_gain)
    return Webcam(
        defocus_px=max(0.35, module_px * uniform(rng, prof.defocus_rel)),
        motion_px=module_px * uniform(rng, prof.motion_rel),
        motion_angle=rng.uniform(0, math.pi),
        shot=0.0012 * gain,
        read=0.004 * gain,
        sharpen=rng.uniform(0.3, 1.1),
        sharpen_sigma=rng.uniform(0.8, 1.5),
        jpeg=int(rng.integers(prof.jpeg[0], prof.jpeg[1] + 1)),
        vignette=rng.uniform(0.1, 0.3),
    )


def motion_kernel(length: float, angle: float) -> np.ndarray:
    size = 2 * math.ceil(length / 2) + 1
    k = np.zeros((size, size), np.float32)
    c = size // 2
    for t in np.linspace(-length / 2, length / 2, 4 * size):
        x, y = c + t * math.cos(angle), c + t * math.sin(angle)
        x0, y0 = math.floor(x), math.floor(y)
        fx, fy = x - x0, y - y0
        for dx, dy, wgt in (
            (0, 0, (1 - fx) * (1 - fy)),
            (1, 0, fx * (1 - fy)),
            (0, 1, (1 - fx) * fy),
            (1, 1, fx * fy),
        ):
            if 0 <= x0 + dx < size and 0 <= y0 + dy < size:
                k[y0 + dy, x0 + dx] += wgt
    return k / k.sum()


@functools.cache
def noise_pool() -> np.ndarray:
    """Gaussian noise shared by all frames; each frame reads it from a random offset."""
    rng = np.random.default_rng(20240601)
    return rng.standard_normal(FRAME_H * FRAME_W * 3 + (1 << 20), dtype=F32)


def sensor_noise(rng: np.random.Generator) -> np.ndarray:
    pool = noise_pool()
    start = int(rng.integers(0, 1 << 20))
    return pool[start : start + FRAME_H * FRAME_W * 3].reshape(FRAME_H, FRAME_W, 3)


@functools.cache
def radial_falloff() -> np.ndarray:
    """Squared distance from the frame centre, 1 at the corners."""
    ys, xs = np.mgrid[0:FRAME_H, 0:FRAME_W].astype(F32)
    h, w = FRAME_H, FRAME_W
    return ((xs - w / 2) ** 2 + (ys - h / 2) ** 2) / F32((w / 2) ** 2 + (h / 2) ** 2)


def capture(rng: np.random.Generator, radiance: np.ndarray, cam: Webcam) -> np.ndarray:
    """Optics, sensor and webcam processing; returns the decoded JPEG frame (BGR uint8)."""
    img = radiance * (1.0 - F32(cam.vignette) * radial_falloff())[..., None]
    img = cv2.GaussianBlur(img, (0, 0), cam.defocus_px)
    if cam.motion_px > 0.3:
        img = cv2.filter2D(img, -1, motion_kernel(cam.motion_px, cam.motion_angle))
    img = np.clip(img, 0, None)
    img = img + np.sqrt(F32(cam.shot) * img + F32(cam.read**2)) * sensor_noise(rng)
    img = np.clip(img, 0.0, 1.0) ** F32(1 / 2.2)
    soft = cv2.GaussianBlur(img, (0, 0), cam.sharpen_sigma)
    img = np.clip(img + cam.sharpen * (img - soft), 0.0, 1.0)
    bgr = (img[..., ::-1] * 255.0 + 0.5).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, cam.jpeg])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


# ---------------------------------------------------------------------------------------------
# Exposure and legibility


LUMA = np.array([0.2126, 0.7152, 0.0722], np.float32)


def auto_exposure(radiance: np.ndarray) -> float:
    lum = radiance @ LUMA
    h, w = lum.shape
    ys, xs = np.mgrid[0:h:8, 0:w:8]
    wgt = np.exp(-(((xs - w / 2) / (w / 2.5)) ** 2) - ((ys - h / 2) / (h / 2.5)) ** 2)
    mean = float((lum[::8, ::8] * wgt).sum() / wgt.sum())
    return 0.2 / max(mean, 1e-4)


def symbol_contrast(layer: Layer, art: LabelArt, exposure: float, spec_scale: float) -> float:
    """Worst-case (1st percentile) sRGB difference between paper and the palest ink."""
    sel = layer.symbol
    if not sel.any():
        return 0.0
    d = layer.diffuse[sel] @ LUMA
    s = (layer.spec[sel] @ LUMA) * np.where(layer.label[sel], spec_scale, 1.0)
    white = np.clip(exposure * (art.paper_lum * d + s), 0, 1) ** (1 / 2.2)
    dark = np.clip(exposure * (art.ink_lum_max * d + s), 0, 1) ** (1 / 2.2)
    return float(np.percentile(white - dark, 1))


def paper_level(layer: Layer, art: LabelArt, exposure: float) -> float:
    d = layer.diffuse[layer.symbol] @ LUMA
    return float(np.percentile(exposure * art.paper_lum * d, 90)) if d.size else 1.0


# ---------------------------------------------------------------------------------------------
# One frame


@dataclass
class FramePlan:
    index: int
    difficulty: str
    symbology: str
    s10: str


def symbol_frame(modules: np.ndarray, spec: PrintSpec, symbology: str) -> SymbolFrame:
    n = modules.shape[1]
    is_2d = symbology == "qr"
    height = n * spec.x_mm if is_2d else spec.bar_height_dots / spec.dpmm
    return SymbolFrame(n, spec.x_mm, height, QUIET_MODULES[symbology] * spec.x_mm, is_2d)


def sample_print_spec(rng: np.random.Generator, symbology: str) -> PrintSpec:
    dpmm = 8 if rng.random() < 0.6 else 12
    if symbology == "qr":
        x = int(rng.integers(5, 9)) if dpmm == 8 else int(rng.integers(8, 13))
    else:
        x = int(rng.integers(3, 5)) if dpmm == 8 else int(rng.integers(4, 7))
    bar_h = int(rng.uniform(12, 22) * dpmm)
    return PrintSpec(dpmm, x, bar_h, bars_along_feed=bool(rng.random() < 0.45))


def fold_crack(geo: Geometry, layout: Layout, spec: PrintSpec) -> tuple[float, float, float]:
    """The fold line expressed in dot (column, row) coordinates of the label raster."""
    surf = geo.surface
    u_ab = geo.to_label(surf.u[None])[0]  # fold normal in label (a, b) axes
    na, nb = float(u_ab[0]), float(-u_ab[1])  # rows grow downwards, b grows upwards
    cx, cy = layout.center
    # point on the fold: a = offset * u_a, b = offset * u_b
    col = cx + surf.offset * u_ab[0] * spec.dpmm
    row = cy - surf.offset * u_ab[1] * spec.dpmm
    return na, nb, col * na + row * nb


def texels_per_dot(spec: PrintSpec, module_px: float) -> tuple[int, int, int]:
    """Texture resolution and the pyramid levels for the supersampled and plain passes."""
    px_per_dot = module_px / spec.x_dots
    tpd = 2 if SUPERSAMPLE * px_per_dot > 2.5 else 1
    levels = []
    for ss in (SUPERSAMPLE, 1):
        ratio, level = tpd / (ss * px_per_dot), 0
        while ratio > 2.0:
            ratio /= 2
            level += 1
        levels.append(level)
    return tpd, levels[0], levels[1]


def make_frame(plan: FramePlan, seed: int, optics: Optics) -> tuple[np.ndarray, dict[str, Any]]:
    cam = optics.cam
    rng = np.random.default_rng([seed, plan.index])
    prof = PROFILES[plan.difficulty]
    modules = zint_modules(plan.symbology, plan.s10)
    spec = sample_print_spec(rng, plan.symbology)
    layout = layout_label(rng, plan.s10, modules, spec, plan.symbology)
    sym = symbol_frame(modules, spec, plan.symbology)
    label_wh = (layout.raster.shape[1] / spec.dpmm, layout.raster.shape[0] / spec.dpmm)
    lo, hi = MODULE_BANDS[plan.difficulty]
    target = float(rng.uniform(lo + 0.03, hi - 0.03))
    geo = plan_geometry(rng, cam, prof, sym, label_wh, target)
    mods = measure_modules(geo, cam, sym)
    wear = sample_wear(rng, prof, layout, spec, plan.symbology)
    if geo.surface.kind == "fold" and rng.random() < 0.5:
        wear.crack = fold_crack(geo, layout, spec)
    tpd, level_ss, level_1x = texels_per_dot(spec, mods["module_px"])
    art = make_label_art(rng, layout, wear, spec, tpd, (level_ss, level_1x))
    light = sample_lighting(rng, prof, geo, cam)
    mat = sample_material(rng, prof, geo.surface.base)
    bg, bg_kind, bg_gloss = background_albedo(rng)
    centre = geo.label_points(np.zeros((1, 2)))[0][0]
    bench = float(centre[2] + rng.uniform(60, 250))
    scene = Scene(cam, geo, art, sym, mat, light, bg, bg_gloss, bench)
    radiance, exposure, spec_scale, contrast = render_frame(scene, optics)
    webcam = sample_webcam(rng, prof, mods["module_px"])
    frame = capture(rng, radiance, webcam)
    truth = {
        "file": f"frame_{plan.index + 1:04d}.png",
        "expected": plan.s10,
        "difficulty": plan.difficulty,
        "symbology": plan.symbology,
        "module_px": round(mods["module_px"], 3),
        "module_px_min": round(mods["module_px_min"], 3),
        "module_px_max": round(mods["module_px_max"], 3),
        "rotation_deg": mods["rotation_deg"],
        "surface": geo.surface.describe(),
        "label": {
            "x_dim_mm": round(spec.x_mm, 3),
            "printer_dpi": 203 if spec.dpmm == 8 else 300,
            "bars_along_feed": spec.bars_along_feed,
            "bar_height_mm": round(sym.height_mm, 1),
            "finish": mat.label_finish,
            "glare_scale": round(spec_scale, 2),
            **art.info,
        },
        "camera": {
            "distance_mm": round(float(np.linalg.norm(centre))),
            "tilt_deg": round(geo.tilt_deg, 1),
            **webcam.describe(),
        },
        "lamp": light.info,
        "exposure": round(exposure, 3),
        "min_symbol_contrast": round(contrast, 3),
        "background": bg_kind,
    }
    return frame, truth


def render_frame(scene: Scene, optics: Optics) -> tuple[np.ndarray, float, float, float]:
    """Linear radiance of the frame, exposed for the webcam.

    Three tiers: the whole frame at half resolution, the label and the parcel's outline at
    full resolution, the symbol and its quiet zone supersampled.
    """
    art, w2, h2 = scene.art, FRAME_W // 2, FRAME_H // 2
    coarse = render_samples(scene, optics.px_half, optics.rays_half, art.level_1x + 1)
    obj_half = coarse.obj.reshape(h2, w2).astype(np.uint8)
    bench = (scene.bg, *bench_lighting(scene, bench_shadow_map(obj_half, scene)))
    coarse.fill_bench(*(a.reshape(-1, 3) for a in bench))
    edges = cv2.morphologyEx(obj_half, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    near = coarse.label.reshape(h2, w2).astype(np.uint8) | edges
    near = cv2.resize(near, (FRAME_W, FRAME_H), interpolation=cv2.INTER_NEAREST)
    near = cv2.dilate(near, np.ones((5, 5), np.uint8))
    flat1 = np.flatnonzero(near)
    mid = render_samples(scene, optics.px[flat1], optics.rays[flat1], art.level_1x)
    mid.fill_bench(*(half_lookup(a, optics.px[flat1]) for a in bench))
    sym = np.zeros(FRAME_H * FRAME_W, np.uint8)
    sym[flat1] = mid.symbol
    sym = cv2.dilate(sym.reshape(FRAME_H, FRAME_W), np.ones((7, 7), np.uint8))
    ys, xs = np.nonzero(sym)
    pos, rays = optics.subsamples(ys, xs)
    fine = render_samples(scene, pos, rays, art.level_ss)
    fine.fill_bench(*(half_lookup(a, pos) for a in bench))
    spec_scale, exposure, contrast = 1.0, 1.0, 0.0
    for _ in range(8):
        low = coarse.compose(spec_scale).reshape(h2, w2, 3)
        radiance = cv2.resize(low, (FRAME_W, FRAME_H), interpolation=cv2.INTER_LINEAR)
        radiance.reshape(-1, 3)[flat1] = mid.compose(spec_scale)
        radiance[ys, xs] = fine.compose(spec_scale).reshape(SUPERSAMPLE**2, -1, 3).mean(0)
        paper = max(paper_level(fine, art, 1.0), 1e-6)
        exposure = float(np.clip(auto_exposure(radiance), 0.35 / paper, 1.0 / paper))
        contrast = symbol_contrast(fine, art, exposure, spec_scale)
        if contrast >= 0.12:
            break
        spec_scale *= 0.6
    if contrast < 0.08:
        raise LegibilityError(f"symbol contrast {contrast:.3f} too low")
    return radiance * F32(exposure), exposure, spec_scale, contrast


class LegibilityError(RuntimeError):
    pass


# ---------------------------------------------------------------------------------------------
# Set generation


def frame_plans(count: int, seed: int) -> list[FramePlan]:
    """Equal thirds per difficulty, about one QR code in eight, shuffled deterministically."""
    rng = np.random.default_rng([seed, 1 << 20])
    diffs = [DIFFICULTIES[i % 3] for i in range(count)]
    rng.shuffle(diffs)
    n_qr = round(count / 8)
    qr = set()
    for k, d in enumerate(DIFFICULTIES):
        idx = [i for i, x in enumerate(diffs) if x == d]
        share = n_qr // 3 + (1 if k < n_qr % 3 else 0)
        qr.update(int(i) for i in rng.choice(idx, size=min(share, len(idx)), replace=False))
    return [
        FramePlan(i, diffs[i], "qr" if i in qr else "code128", random_s10(rng))
        for i in range(count)
    ]


def make_camera(seed: int) -> Camera:
    rng = np.random.default_rng([seed, 1 << 21])
    return Camera(
        f=float(rng.uniform(960, 1040)),
        cx=FRAME_W / 2 + float(rng.uniform(-6, 6)),
        cy=FRAME_H / 2 + float(rng.uniform(-6, 6)),
        k1=float(rng.uniform(-0.06, -0.01)),
    )


def verify_symbols(plans: list[FramePlan], scratch: Path) -> None:
    """Decodes Zint's own flat PNG and the module dump of every symbol with zxing-cpp."""
    import zxingcpp

    failures = []
    for plan in plans:
        png = scratch / "zint_check.png"
        subprocess.run(
            [*zint_args(plan.symbology, plan.s10), "--scale=2", "--notext", "-o", str(png)],
            check=True,
            capture_output=True,
        )
        zint_img = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
        dump_img = flat_symbol_image(zint_modules(plan.symbology, plan.s10), plan.symbology)
        for name, img in (("zint png", zint_img), ("dump", dump_img)):
            texts = [r.text for r in zxingcpp.read_barcodes(img)]
            if plan.s10 not in texts:
                failures.append((plan.s10, name, texts))
    png.unlink(missing_ok=True)
    if failures:
        sys.exit(f"error: flat symbols failed to decode: {failures[:5]}")
    print(f"verified {len(plans)} flat symbols (zint PNG and module dump) with zxing-cpp")


def generate(out: Path, count: int, seed: int, verify: bool) -> None:
    require_zint()
    cv2.setNumThreads(1)
    out.mkdir(parents=True, exist_ok=True)
    plans = frame_plans(count, seed)
    if verify:
        verify_symbols(plans, out)
    cam = make_camera(seed)
    optics = Optics.build(cam)
    truth = []
    start = time.monotonic()
    for plan in plans:
        frame, info = make_frame_retrying(plan, seed, optics)
        cv2.imwrite(str(out / info["file"]), frame)
        truth.append(info)
        if (plan.index + 1) % 20 == 0:
            print(f"{plan.index + 1}/{count} frames, {time.monotonic() - start:.0f} s", flush=True)
    meta = {"zint": zint_version(), "seed": seed}
    for item in truth:
        item["generator"] = meta
    (out / "truth.json").write_text(json.dumps(truth, indent=1))
    print(f"wrote {count} frames and truth.json to {out} in {time.monotonic() - start:.0f} s")


def make_frame_retrying(
    plan: FramePlan, seed: int, optics: Optics
) -> tuple[np.ndarray, dict[str, Any]]:
    for attempt in range(6):
        try:
            return make_frame(plan, seed + 7919 * attempt, optics)
        except LegibilityError:
            continue
    raise RuntimeError(f"frame {plan.index + 1}: could not make a legible scene")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--count", type=int, default=240, help="number of frames")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument(
        "--verify-symbols",
        action="store_true",
        help="decode every flat symbol with zxing-cpp before rendering",
    )
    args = parser.parse_args(argv)
    generate(args.out, args.count, args.seed, args.verify_symbols)


if __name__ == "__main__":
    main()
