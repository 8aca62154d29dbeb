"""The report fonts: DejaVu Sans (Latin, Cyrillic, Greek, accents) with Droid Sans Fallback
for Chinese, Japanese and Korean, both shipped in `resources/fonts/`.

Why TrueType files of our own: the PDF base-14 fonts hold no Cyrillic or CJK glyphs, and names
on a custody receipt must print exactly as declared. reportlab has no per-glyph fallback, so
`markup()` wraps each run of characters DejaVu lacks in the fallback font.
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from parcelbench.resources import resource

REGULAR = "PBSans"
BOLD = "PBSans-Bold"
FALLBACK = "PBFallback"
_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    FALLBACK: "DroidSansFallback.ttf",
}


@cache
def register() -> tuple[str, str]:
    """Register the fonts once per process; returns (regular, bold) font names."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return REGULAR, BOLD


@cache
def _covered() -> frozenset[int]:
    register()
    face = pdfmetrics.getFont(REGULAR).face
    return frozenset(face.charToGlyph)


def runs(text: str) -> list[tuple[str, bool]]:
    """Split text into (run, needs_fallback) pieces; whitespace stays with the current run."""
    covered = _covered()
    out: list[tuple[str, bool]] = []
    for ch in text:
        fallback = ord(ch) not in covered and not ch.isspace()
        if out and (out[-1][1] == fallback or ch.isspace()):
            out[-1] = (out[-1][0] + ch, out[-1][1])
        else:
            out.append((ch, fallback))
    return out


def markup(text: str | None) -> str:
    """Paragraph markup for any text: XML-escaped, CJK runs in the fallback font."""
    if not text:
        return ""
    return "".join(
        f'<font name="{FALLBACK}">{escape(run)}</font>' if fallback else escape(run)
        for run, fallback in runs(text)
    )


def draw_font(text: str) -> str:
    """The one font a canvas `drawString` of this text needs (short header/footer strings)."""
    return FALLBACK if any(fallback for _, fallback in runs(text)) else REGULAR
