"""Synthetic camera frames of parcel labels, drawn with the real barcode encoders.

Why: the decoder must be measured on what a bench camera sees — a label lying at any angle,
tilted, slightly out of focus, under glare or poor light, JPEG-compressed by the webcam — and
tests, the benchmark and the demo camera clip must share one generator so a figure in the docs
is the figure the tests check. The S10 bars come from python-barcode's Code 128 encoder and the
QR code from segno, so the symbols are exactly what a label printer would print; only the
camera is simulated.

Rendering: the label is drawn at ``_HI`` pixels per module, low-pass filtered for the target
scale (so thin bars blur into grey instead of aliasing), then projected into the frame with a
perspective warp. The module size in the frame (``module_px``) is the label scale along the
code, before the tilt, which changes it by up to about ±15 %.
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
from barcode import Code128  # type: ignore[import-untyped]

from parcelbench.ids.s10 import check_digit

FRAME_SIZE: Final = (1280, 720)
_HI: Final = 4  # label pixels per module while drawing
_QUIET: Final = 10  # quiet zone in modules on each side of the Code 128 symbol
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
)


@dataclass(frozen=True)
class Degradation:
    """What the simulated camera did to one frame (all drawn at random per frame)."""

    angle_deg: float
    tilt: float
    """Largest corner displacement of the perspective tilt, as a fraction of the label size."""
    blur_sigma: float
    noise_sigma: float
    gain: float
    """Light level: 1.0 is a well-lit bench, 0.3 a dim one."""
    glare: float
    """Peak brightness added by a specular highlight, in grey levels (0: none)."""
    jpeg_quality: int


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
    """Payloads of the other codes on the label (a QR code, a reference Code 128)."""


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


def _words(rng: np.random.Generator, n: int) -> str:
    return " ".join(_WORDS[int(i)] for i in rng.integers(len(_WORDS), size=n))


def _reference(rng: np.random.Generator) -> str:
    letters = "".join(rng.choice(list(string.ascii_uppercase), 3))
    return f"REF-{letters}-{int(rng.integers(10**6, 10**7))}"


def draw_label(
    item_id: str, rng: np.random.Generator, *, qr_text: str | None, ref_text: str | None
) -> tuple[np.ndarray, tuple[tuple[float, float], ...]]:
    """The label at ``_HI`` px per module and the S10 symbol's corners in label pixels."""
    code = draw_code128(item_id, _HI, height=1)
    code_w = code.shape[1]
    bar_h = int(code_w * rng.uniform(0.22, 0.3))
    label_w = int(code_w * 1.08)
    text_h = int(bar_h * 0.35)
    top = int(bar_h * 1.2)
    label_h = top + bar_h + text_h * 2 + 20
    label = np.full((label_h, label_w), int(rng.integers(225, 250)), np.uint8)
    scale = bar_h / 110
    for i in range(2):
        cv2.putText(
            label,
            _words(rng, 4),
            (int(label_w * 0.04), int(bar_h * (0.35 + 0.4 * i))),
            cv2.FONT_HERSHEY_SIMPLEX,
            scale,
            30,
            max(1, int(scale * 2)),
            cv2.LINE_AA,
        )
    x0 = (label_w - code_w) // 2
    symbol = draw_code128(item_id, _HI, bar_h)
    label[top : top + bar_h, x0 : x0 + code_w] = np.minimum(
        label[top : top + bar_h, x0 : x0 + code_w], symbol
    )
    human = f"{item_id[:2]} {item_id[2:6]} {item_id[6:10]} {item_id[10]} {item_id[11:]}"
    cv2.putText(
        label,
        human,
        (x0 + _QUIET * _HI * 2, top + bar_h + text_h + 5),
        cv2.FONT_HERSHEY_SIMPLEX,
        scale * 1.2,
        20,
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


def _background(rng: np.random.Generator) -> np.ndarray:
    """A bench surface: a lit gradient, coarse texture and a few dark edges of other things."""
    w, h = FRAME_SIZE
    base = rng.uniform(60, 150)
    gx = np.linspace(-1, 1, w, dtype=np.float32)[None, :] * rng.uniform(-30, 30)
    gy = np.linspace(-1, 1, h, dtype=np.float32)[:, None] * rng.uniform(-30, 30)
    texture = cv2.resize(
        rng.normal(0, 12, (h // 16, w // 16)).astype(np.float32),
        (w, h),
        interpolation=cv2.INTER_CUBIC,
    )
    bg = base + gx + gy + texture
    for _ in range(int(rng.integers(0, 4))):
        p1 = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        p2 = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        cv2.line(bg, p1, p2, float(rng.uniform(20, 90)), int(rng.integers(3, 30)))
    return bg


def random_degradation(rng: np.random.Generator) -> Degradation:
    """A frame's camera conditions: any angle, tilt, focus, noise, light, glare, JPEG.

    A dim bench makes the camera raise its gain, so noise grows as the light falls.
    """
    gain = float(rng.uniform(0.3, 0.6) if rng.random() < 0.3 else rng.uniform(0.75, 1.0))
    return Degradation(
        angle_deg=float(rng.uniform(0, 360)),
        tilt=float(rng.uniform(0, 0.15)),
        blur_sigma=float(rng.uniform(0.3, 0.9)),
        noise_sigma=float(rng.uniform(1.5, 4.5) / math.sqrt(gain)),
        gain=gain,
        glare=float(rng.uniform(40, 120) if rng.random() < 0.4 else 0.0),
        jpeg_quality=int(rng.integers(50, 92)),
    )


def render_frame(
    item_id: str,
    module_px: float,
    rng: np.random.Generator,
    degradation: Degradation | None = None,
    *,
    qr_text: str | None = None,
    ref_text: str | None = None,
) -> LabelFrame:
    """Draw one 1280×720 frame with the label of ``item_id`` at ``module_px`` px per module."""
    d = degradation or random_degradation(rng)
    label, code_corners = draw_label(item_id, rng, qr_text=qr_text, ref_text=ref_text)
    s = module_px / _HI
    # Low-pass for the downscale, plus the lens blur measured in frame pixels.
    sigma_hi = math.hypot(0.45 / s, d.blur_sigma / s)
    label_f = cv2.GaussianBlur(label.astype(np.float32), (0, 0), sigma_hi)
    lh, lw = label.shape
    src = np.float32([[0, 0], [lw, 0], [lw, lh], [0, lh]])
    dst = _place(src, s, d, rng)
    m = cv2.getPerspectiveTransform(src, dst)
    w, h = FRAME_SIZE
    warped = cv2.warpPerspective(label_f, m, (w, h), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones_like(label_f), m, (w, h), flags=cv2.INTER_LINEAR)
    frame = _background(rng) * (1 - mask) + warped * mask
    frame = _light(frame, d, rng)
    polygon = cv2.perspectiveTransform(np.float32([code_corners]), m)[0]
    gray = np.clip(frame, 0, 255).astype(np.uint8)
    bgr = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    bgr = _tint(bgr, rng)
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


def _place(src: np.ndarray, s: float, d: Degradation, rng: np.random.Generator) -> np.ndarray:
    """Scale, tilt and rotate the label corners, then shift them to a spot inside the frame."""
    w, h = FRAME_SIZE
    lw, lh = float(src[2][0]), float(src[2][1])
    pts = (src - np.float32([lw / 2, lh / 2])) * s
    jitter = rng.uniform(-d.tilt, d.tilt, (4, 2)) * np.float32([lw * s, lh * s])
    pts = pts + jitter
    a = math.radians(d.angle_deg)
    rot = np.float32([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    pts = pts @ rot.T
    span = pts.max(axis=0) - pts.min(axis=0)
    margin_x = max(0.0, (w - span[0]) / 2 - 4)
    margin_y = max(0.0, (h - span[1]) / 2 - 4)
    centre = np.float32(
        [w / 2 + rng.uniform(-margin_x, margin_x), h / 2 + rng.uniform(-margin_y, margin_y)]
    )
    return (pts + centre).astype(np.float32)


def _light(frame: np.ndarray, d: Degradation, rng: np.random.Generator) -> np.ndarray:
    """Light level, a specular highlight and sensor noise, in that order (as in a camera)."""
    h, w = frame.shape
    out = frame * d.gain
    if d.glare > 0:
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        sx, sy = rng.uniform(40, 160), rng.uniform(30, 120)
        ys, xs = np.ogrid[:h, :w]
        out = out + d.glare * np.exp(
            -(((xs - cx) / sx) ** 2 + ((ys - cy) / sy) ** 2) / 2, dtype=np.float32
        )
    out = out + rng.normal(0, d.noise_sigma, out.shape).astype(np.float32)
    return out


def _tint(bgr: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A mild white-balance cast, so colour-to-grey conversion is exercised."""
    gains = rng.uniform(0.9, 1.1, 3)
    return np.clip(bgr.astype(np.float32) * gains, 0, 255).astype(np.uint8)


def label_frames(
    count: int,
    seed: int,
    *,
    module_range: tuple[float, float] = (1.3, 3.0),
    extras: bool = True,
) -> list[LabelFrame]:
    """``count`` frames with random ids, module sizes and conditions; same seed, same frames.

    With ``extras`` about half the labels also carry a QR code and a third a reference Code
    128, so the decoder has to pick the parcel id out of several codes.
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
                qr_text=qr if extras and rng.random() < 0.5 else None,
                ref_text=_reference(rng) if extras and rng.random() < 0.33 else None,
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
    for item_id in ids:
        module = float(rng.uniform(1.8, 2.6))
        order = f"ORDER {int(rng.integers(10**5, 10**6))}"
        for _ in range(per_label):
            n += 1
            frame = render_frame(item_id, module, rng, qr_text=order)
            path = folder / f"frame-{n:03d}.jpg"
            cv2.imwrite(str(path), frame.image, [cv2.IMWRITE_JPEG_QUALITY, 80])
            written.append(path)
    return written


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write the demo camera clip (a folder of JPEGs).")
    parser.add_argument("folder", type=Path)
    write_demo_frames(parser.parse_args().folder)
