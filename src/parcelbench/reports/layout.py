"""What every report page shares: styles, a header line, "Page X of Y" and a QR stamp.

"Page X of Y" needs the page count before the first page is written, so the canvas keeps each
page's drawing state and stamps all of them when the document is saved (a second layout pass
would double the build time). The QR on every page lets a loose page be tied back to its
report and to the exact record it was printed from.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from parcelbench.reports import fonts
from parcelbench.reports.fonts import markup

# Photos go into the PDF as their JPEG bytes; ASCII85-encoding them in pure Python cost ~0.7 s
# per camera photo, and binary streams are smaller too.
rl_config.useA85 = 0

PAGE = letter
QR_FORM = "pbQrStamp"
MARGIN = 15 * mm
QR_SIZE = 22 * mm
GRID = colors.HexColor("#9aa5b1")
HEAD_BG = colors.HexColor("#e4e9ef")


@dataclass(frozen=True, slots=True)
class Stamp:
    """What every page carries: title, a left and right header line, the QR payload."""

    title: str
    left: str
    right: str
    qr: str
    footer: str


def styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts.register()
    base = ParagraphStyle("body", fontName=regular, fontSize=8.5, leading=10.5)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7, leading=8.5),
        "mono": ParagraphStyle("mono", parent=base, fontSize=5.8, leading=7),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9),
        "head": ParagraphStyle("head", parent=base, fontName=bold, fontSize=7.5, leading=9),
        "h1": ParagraphStyle("h1", parent=base, fontName=bold, fontSize=14, leading=17),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=bold,
            fontSize=10.5,
            leading=13,
            spaceBefore=7,
            spaceAfter=3,
            keepWithNext=1,
        ),
    }


def style(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A table style whose plain-string cells (even empty ones) use the embedded font."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), *commands])


def para(text: Any, style: ParagraphStyle) -> Paragraph:
    """Any value as a paragraph: escaped, with the CJK fallback font where needed."""
    return Paragraph(markup("" if text is None else str(text)), style)


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    st: dict[str, ParagraphStyle],
    *,
    extra: Sequence[tuple[Any, ...]] = (),
    row_height: float | None = None,
) -> Table:
    """A grid table whose header row repeats on every page it splits across."""
    data = [[para(h, st["head"]) for h in header]]
    data += [[c if hasattr(c, "wrapOn") else para(c, st["cell"]) for c in row] for row in rows]
    heights = None if row_height is None else [None] + [row_height] * len(rows)
    t = Table(data, colWidths=list(widths), rowHeights=heights, repeatRows=1, hAlign="LEFT")
    t.setStyle(
        style(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                *extra,
            ]
        )
    )
    return t


def _qr(payload: str) -> Drawing:
    widget = QrCodeWidget(payload, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0]
    )
    drawing.add(widget)
    return embedded_fonts(drawing)


def embedded_fonts(drawing: Drawing) -> Drawing:
    """Start the drawing in the report font, not reportlab's non-embedded Helvetica."""
    drawing.initialFontName = fonts.REGULAR
    return drawing


def _text(
    c: pdfcanvas.Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    right: bool = False,
    bold: bool = False,
) -> None:
    font = fonts.draw_font(text)
    if font == fonts.REGULAR and bold:
        font = fonts.BOLD
    c.setFont(font, size)
    (c.drawRightString if right else c.drawString)(x, y, text)


def stamp_page(c: pdfcanvas.Canvas, stamp: Stamp, qr: Drawing, page: int, total: int) -> None:
    """Header, QR and footer of one page. The QR is drawn once as a form and reused."""
    width, height = PAGE
    if page == 1:
        c.beginForm(QR_FORM, 0, 0, QR_SIZE, QR_SIZE)
        renderPDF.draw(qr, c, 0, 0)
        c.endForm()
    top = height - MARGIN + 4 * mm
    c.saveState()
    _text(c, MARGIN, top, stamp.title, 9, bold=True)
    _text(c, MARGIN, top - 4 * mm, stamp.left, 7)
    _text(c, width - MARGIN - QR_SIZE - 3 * mm, top, stamp.right, 7, right=True)
    c.setStrokeColor(GRID)
    c.setLineWidth(0.5)
    c.line(MARGIN, top - 6 * mm, width - MARGIN - QR_SIZE - 3 * mm, top - 6 * mm)
    c.saveState()
    c.translate(width - MARGIN - QR_SIZE, height - MARGIN - QR_SIZE + 8 * mm)
    c.doForm(QR_FORM)
    c.restoreState()
    c.line(MARGIN, MARGIN - 3 * mm, width - MARGIN, MARGIN - 3 * mm)
    _text(c, MARGIN, MARGIN - 7 * mm, stamp.footer, 6.5)
    _text(c, width - MARGIN, MARGIN - 7 * mm, f"Page {page} of {total}", 8, right=True, bold=True)
    c.restoreState()


def _numbered_canvas(stamp: Stamp) -> Callable[..., pdfcanvas.Canvas]:
    qr = _qr(stamp.qr)

    class NumberedCanvas(pdfcanvas.Canvas):
        """Holds each page until the total is known, then stamps and writes them all."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                stamp_page(self, stamp, qr, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def build(story: list[Any], stamp: Stamp, *, subject: str) -> bytes:
    """Lay out the story on Letter pages; the same story always gives the same bytes."""
    fonts.register()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 12 * mm,
        bottomMargin=MARGIN + 2 * mm,
        title=stamp.title,
        subject=subject,
        author="ParcelBench",
        creator="ParcelBench",
        initialFontName=fonts.REGULAR,
        invariant=1,
    )
    doc.build(story, canvasmaker=_numbered_canvas(stamp))
    return out.getvalue()
