"""Undo what barcode scanners add around the data: symbology identifiers and GS separators.

Why: a keyboard-wedge scanner configured for GS1 sends ``]C1`` (ISO/IEC 15424 symbology
identifier) before a GS1-128 payload and a GS (0x1D) where the barcode had FNC1, so the same
label reads differently on two workstations. Every identifier parser starts from the same
cleaned text so lookups agree whatever the scanner settings.
"""

from __future__ import annotations

import string
from typing import Final

GS: Final = "\x1d"
"""ASCII group separator: how scanners transmit a GS1 FNC1 between element strings."""

_LETTERS: Final = frozenset(string.ascii_letters)
_DIGITS: Final = frozenset(string.digits)


def strip_symbology(payload: str) -> str:
    """Remove surrounding whitespace and a leading AIM symbology identifier.

    An AIM identifier is ``]`` + a symbology letter + a modifier digit: ``]C0``/``]C1`` for Code
    128 / GS1-128, and likewise ``]d2`` (GS1 DataMatrix), ``]Q1`` (QR), ``]E0`` (EAN). GS
    characters are left in place because they carry the boundary between the IMpb routing
    element and the tracking number; callers remove them when they no longer need it.
    """
    text = payload.strip()
    if len(text) >= 3 and text[0] == "]" and text[1] in _LETTERS and text[2] in _DIGITS:
        text = text[3:].strip()
    return text


def strip_gs(text: str) -> str:
    """Remove every GS separator and the whitespace that may surround the result."""
    return text.replace(GS, "").strip()


def remove_spaces(text: str) -> str:
    """Remove all whitespace but keep GS separators.

    ``str.split()`` treats GS (and the other C0 separators) as whitespace, so a plain
    ``"".join(text.split())`` would silently lose the routing/tracking boundary.
    """
    if GS not in text:
        return "".join(text.split())
    return GS.join("".join(chunk.split()) for chunk in text.split(GS))


def storable(text: str) -> str:
    """`text` with any lone surrogate replaced by U+FFFD.

    Python keeps bytes that were not UTF-8 as lone surrogates (command-line arguments, a lenient
    decoder); SQLite, files and screens take only real characters, so a query or a record of
    such text would fail with an encoding error instead of finding nothing.
    """
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
