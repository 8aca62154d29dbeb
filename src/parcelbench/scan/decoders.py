"""The two barcode decoders behind one small interface: zbar (pyzbar) and zxing-cpp.

Why both, measured (docs/scanning.md): zbar is the design card's decoder and reads some
whole-frame codes zxing-cpp does not; zxing-cpp reads DataMatrix, PDF417 and Aztec, which zbar
cannot, and reads the averaged, sharpened scanlines of small rotated codes far better. Each
wrapper returns :class:`Read` records with one vocabulary of symbology names, so the pipeline
and its callers never see which library said what, except in ``decoder`` (kept for the
benchmark and the audit trail).

zxing-cpp runs with ``text_mode=Plain``: GS1 codes keep their raw digits (and GS separators)
instead of the "(420)…" human-readable form, which is what :func:`parcelbench.ids.parse`
expects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import zxingcpp
from pyzbar import pyzbar
from pyzbar.pyzbar import ZBarSymbol

Polygon = tuple[tuple[float, float], ...]

_ZXING_NAMES: Final[dict[str, str]] = {
    "Code128": "code128",
    "Code39": "code39",
    "Code39Ext": "code39",
    "Code39Std": "code39",
    "Code93": "code93",
    "EAN13": "ean13",
    "EAN8": "ean8",
    "UPCA": "upca",
    "UPCE": "upce",
    "ITF": "itf",
    "ITF14": "itf",
    "Codabar": "codabar",
    "QRCode": "qr",
    "QRCodeModel2": "qr",
    "QRCodeModel1": "qr",
    "MicroQRCode": "microqr",
    "RMQRCode": "rmqr",
    "DataMatrix": "datamatrix",
    "PDF417": "pdf417",
    "CompactPDF417": "pdf417",
    "MicroPDF417": "micropdf417",
    "Aztec": "aztec",
    "AztecCode": "aztec",
    "AztecRune": "aztec",
    "DataBar": "databar",
    "DataBarExp": "databar",
    "DataBarLtd": "databar",
    "DataBarOmni": "databar",
    "MaxiCode": "maxicode",
}
_ZBAR_NAMES: Final[dict[str, str]] = {
    "CODE128": "code128",
    "CODE39": "code39",
    "CODE93": "code93",
    "EAN13": "ean13",
    "EAN8": "ean8",
    "UPCA": "upca",
    "UPCE": "upce",
    "ISBN13": "ean13",
    "ISBN10": "ean13",
    "I25": "itf",
    "CODABAR": "codabar",
    "QRCODE": "qr",
    "DATABAR": "databar",
    "DATABAR_EXP": "databar",
    "PDF417": "pdf417",
}

LINEAR_SYMBOLOGIES: Final = frozenset(
    ("code128", "code39", "code93", "ean13", "ean8", "upca", "upce", "itf", "codabar", "databar")
)

ZBAR_LINEAR: Final = (
    ZBarSymbol.CODE128,
    ZBarSymbol.CODE39,
    ZBarSymbol.CODE93,
    ZBarSymbol.EAN13,
    ZBarSymbol.EAN8,
    ZBarSymbol.UPCA,
    ZBarSymbol.UPCE,
    ZBarSymbol.I25,
    ZBarSymbol.CODABAR,
)
ZBAR_ALL: Final = (*ZBAR_LINEAR, ZBarSymbol.QRCODE, ZBarSymbol.DATABAR, ZBarSymbol.DATABAR_EXP)

_F = zxingcpp.BarcodeFormat
ZXING_LINEAR: Final = (_F.Code128, _F.Code39, _F.Code93, _F.EAN13, _F.EAN8, _F.UPCA, _F.ITF)
ZXING_MATRIX: Final = (_F.QRCode, _F.MicroQRCode, _F.DataMatrix, _F.PDF417, _F.Aztec)
ZXING_ALL: Final = (*ZXING_LINEAR, _F.UPCE, _F.Codabar, _F.DataBar, _F.DataBarExp, *ZXING_MATRIX)


@dataclass(frozen=True)
class Read:
    """One decoded symbol, as one decoder reported it."""

    text: str
    symbology: str
    polygon: Polygon
    """Corners in the pixel coordinates of the image that was decoded."""
    decoder: str
    """``"zbar"`` or ``"zxing"``."""
    data: bytes


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def zbar(gray: np.ndarray, symbols: Sequence[ZBarSymbol] = ZBAR_LINEAR) -> list[Read]:
    """zbar on a grey uint8 image."""
    reads = []
    for r in pyzbar.decode(gray, symbols=list(symbols)):
        name = _ZBAR_NAMES.get(r.type, r.type.lower())
        poly = tuple((float(p.x), float(p.y)) for p in r.polygon)
        reads.append(Read(_text(r.data), name, poly, "zbar", bytes(r.data)))
    return reads


def zxing(
    gray: np.ndarray,
    formats: Sequence[zxingcpp.BarcodeFormat] = ZXING_ALL,
    *,
    try_rotate: bool = True,
    try_downscale: bool = True,
    try_invert: bool = True,
) -> list[Read]:
    """zxing-cpp on a grey uint8 image."""
    results = zxingcpp.read_barcodes(
        gray,
        formats=list(formats),
        try_rotate=try_rotate,
        try_downscale=try_downscale,
        try_invert=try_invert,
        text_mode=zxingcpp.TextMode.Plain,
    )
    reads = []
    for r in results:
        p = r.position
        poly = tuple(
            (float(q.x), float(q.y))
            for q in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
        )
        name = _ZXING_NAMES.get(r.format.name, r.format.name.lower())
        reads.append(Read(r.text, name, poly, "zxing", bytes(r.bytes)))
    return reads
