"""Read a barcode sample corpus laid out as zxing-cpp's black-box test set.

Why in the package: the benchmark and the tests score the decoder on the same public images
(``shared/corpus/barcodes``), and must agree on what "read" means. Each image ``NAME.png|jpg|
webp`` in a folder such as ``qrcode-3`` has its expected content in ``NAME.txt`` (UTF-8 text)
or ``NAME.bin`` (raw bytes); folders named ``falsepositives-*`` hold images with no code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

IMAGE_SUFFIXES: Final = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".pgm")


@dataclass(frozen=True)
class Sample:
    """One corpus image and what it must decode to (None for a false-positive image)."""

    path: Path
    format: str
    """The folder name without its number: ``code128``, ``qrcode``, ``falsepositives``."""
    text: str | None
    data: bytes | None

    def matches(self, text: str, data: bytes) -> bool:
        """Whether one decoded symbol is this sample's expected content.

        Line ends are compared loosely: the expected files were stored with ``\n`` where many
        of the QR codes hold ``\r\n``.
        """
        if self.data is not None:
            return data == self.data
        return self.text is not None and _lines(text) == _lines(self.text)


def samples(root: Path, formats: tuple[str, ...] | None = None) -> Iterator[Sample]:
    """Every sample under ``root``, folder by folder in name order."""
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        fmt = folder.name.rsplit("-", 1)[0]
        if formats is not None and fmt not in formats:
            continue
        for image in sorted(folder.iterdir()):
            if image.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            txt, binary = image.with_suffix(".txt"), image.with_suffix(".bin")
            if binary.exists():
                yield Sample(image, fmt, None, binary.read_bytes())
            elif txt.exists():
                yield Sample(image, fmt, txt.read_text(encoding="utf-8"), None)
            elif fmt == "falsepositives":
                yield Sample(image, fmt, None, None)


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n")
