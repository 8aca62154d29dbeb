"""The parcel card: id, AED status, the risk banner with every flag, parties, contents.

The officer reads the answer first (level word + icon + colour and the score), then the reasons
(each flag with its severity and the exact text that matched), then the facts. Missing AED is a
loud state of its own, not an empty card; an unreadable code says so and shows no parcel.

Everything on the card that came from outside (the scanned payload, AED fields, hold reasons,
flags quoting AED text) is shown literally and in the order it was written: labels are plain
text (`ui.labels`), the two that use markup escape every outside value, and each value passes
through `domain.display.shown`, which turns direction controls into visible markers ("[RLO]")
and isolates right-to-left names, so an override cannot reorder a name or its neighbours.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from parcelbench.domain.aed import Party
from parcelbench.domain.display import shown
from parcelbench.domain.risk import Assessment
from parcelbench.domain.words import words
from parcelbench.ids import untrusted_id_message
from parcelbench.services.bench import ParcelView
from parcelbench.ui.labels import markup_label, plain_label
from parcelbench.ui.models import ContentsModel
from parcelbench.ui.theme import (
    DARK_SEVERITY_COLOURS,
    INVALID_ID,
    LEVELS,
    MISSING_AED,
    NOT_A_PARCEL_ID,
    SEVERITY_COLOURS,
    LevelStyle,
)

_CONTENT_ROW = re.compile(r"^contents\[(\d+)\]")
#: A table cell's text margins, both sides together (the style's focus-frame margin + 1 each
#: side, and a little air), in pixels; and above and below, with the grid line.
CELL_PAD = 8
ROW_PAD = 5


def _party_line(party: Party) -> str:
    """Name, business and address, each as `shown` (direction controls visible, RTL isolated)."""
    values = (party.street, party.city, party.postcode, party.country)
    place = ", ".join(shown(v) for v in values if v)
    name = shown(party.name)
    who = f"{name} ({shown(party.business)})" if party.business else name
    return f"{who} · {place}"


def id_line(view: ParcelView) -> str:
    """The id as printed and what it says: "RR 4731 2482 9 GB — registered, United Kingdom"."""
    about = id_about(view)
    return f"{view.parsed.display()} — {about}" if about else view.parsed.display()


def id_about(view: ParcelView) -> str:
    """What the identifier itself says: "registered, United Kingdom"."""
    fields = view.parsed.fields
    return ", ".join(str(v) for v in (fields.get("service_name"), fields.get("country_name")) if v)


def flagged_rows(assessment: Assessment | None) -> dict[int, str]:
    """Content rows a flag points at, with the text it matched (for highlighting)."""
    rows: dict[int, str] = {}
    if assessment is None:
        return rows
    for flag in assessment.flags:
        match = _CONTENT_ROW.match(flag.field)
        if match:
            rows.setdefault(int(match.group(1)), flag.matched)
    return rows


class ParcelCard(QFrame):
    """Shows one `ParcelView`; `clear()` returns it to the idle state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.id_label = plain_label(self.tr("Scan a parcel"), self)
        self.id_label.setObjectName("parcelId")
        self.aed_label = plain_label("", self)
        self.banner = plain_label("", self)
        self.banner.setObjectName("levelBanner")
        self.flags = markup_label(self)  # fixed markup; every outside value escaped
        self.flags.setObjectName("flags")
        self.flags.setWordWrap(True)
        self.parties = markup_label(self)
        self.parties.setWordWrap(True)
        self.contents = ContentsModel()
        self.table = QTableView(self)
        self.table.setObjectName("contents")
        self.table.setModel(self.contents)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().hide()
        # Sized from the font's metrics (`_fit_table`), not by Qt's ResizeToContents: that asks
        # the model for every role of every cell twice, a few milliseconds of every scan.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # numbers, HS codes whole
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # descriptions wrap
        self.contents.modelReset.connect(self._fit_table)
        # wrapped descriptions change the rows' heights whenever the card's width changes
        header.sectionResized.connect(self._fit_rows)

        # The answer (id, AED state, level) stays in view; the reasons and facts below it scroll
        # when they are longer than the screen, instead of being squeezed until lines are cut.
        layout = QVBoxLayout(self)
        for widget in (self.id_label, self.aed_label, self.banner):
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
            layout.addWidget(widget)
        self.aed_label.setWordWrap(True)
        details = QWidget(self)
        details.setObjectName("cardDetails")
        below = QVBoxLayout(details)
        below.setContentsMargins(0, 0, 0, 0)
        for widget in (self.flags, self.parties):
            # long text wraps; it never pushes the camera column off the screen
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
            below.addWidget(widget)
        below.addWidget(self.table)
        below.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("cardScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(details)
        layout.addWidget(self.scroll, 1)
        self.view: ParcelView | None = None
        self.dark = False
        self.clear()

    def clear(self) -> None:
        self.view = None
        self.id_label.setText(self.tr("Scan a parcel"))
        self.aed_label.setText(
            self.tr("Scan with the camera or a handheld scanner, or type the id.")
        )
        self.banner.hide()
        self.flags.setText("")
        self.parties.setText("")
        self.contents.show(None, {})

    def _fit_table(self, *_: object) -> None:
        """The contents table as tall as its rows, every column but the description as wide
        as its widest text: the card scrolls, the table never does.

        No declared contents (an empty card, no AED): no table, not an empty header."""
        rows = self.contents.rows
        self.table.setVisible(bool(rows))
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for col in range(1, len(ContentsModel.HEADERS)):
            widest = max((metrics.horizontalAdvance(row[col]) for row in rows), default=0)
            header.resizeSection(col, max(header.sectionSizeHint(col), widest + CELL_PAD + 1))
        self._fit_rows()

    def _fit_rows(self, *_: object) -> None:
        """Each row as tall as its description wrapped in the description column's width."""
        table, metrics = self.table, self.table.fontMetrics()
        width = table.horizontalHeader().sectionSize(0) - CELL_PAD
        line = metrics.height() + ROW_PAD
        rows = table.verticalHeader()
        rows.blockSignals(True)  # one height for the table below, not one per row
        try:
            for index, row in enumerate(self.contents.rows):
                wrapped = metrics.boundingRect(
                    QRect(0, 0, max(width, 1), 100_000), Qt.TextFlag.TextWordWrap, row[0]
                ).height()
                rows.resizeSection(index, max(line, wrapped + ROW_PAD))
        finally:
            rows.blockSignals(False)
        frame = 2 * table.frameWidth()
        head = table.horizontalHeader().sizeHint().height()
        table.setFixedHeight(head + rows.length() + frame)

    def _banner(self, style: LevelStyle, text: str) -> None:
        word = QCoreApplication.translate("Level", style.word)
        self.banner.setText(f"{style.icon} {word}{text}")
        self.banner.setStyleSheet(f"background: {style.colour}; color: {style.ink};")
        self.banner.show()

    def show_view(self, view: ParcelView) -> None:
        self.view = view
        parsed = view.parsed
        if view.assessment is None:  # not a valid parcel id: never shown as a parcel
            self.id_label.setText(shown(parsed.raw) or self.tr("(empty scan)"))
            self._banner(NOT_A_PARCEL_ID if parsed.kind == "unknown" else INVALID_ID, "")
            self.aed_label.setText(
                self.tr("{verdict}. Scan again or type the id.").format(
                    verdict=untrusted_id_message(parsed)
                )
            )
            self.aed_label.setStyleSheet("")
            self.flags.setText("")
            self.parties.setText("")
            self.contents.show(None, {})
            return
        a = view.assessment
        self.id_label.setText(view.parsed.display())
        self.id_label.setToolTip(id_line(view))
        about = id_about(view)
        item = view.item
        if item is None:
            self.aed_label.setText(
                self.tr(
                    "{about} · AED MISSING — no advance electronic data for this parcel"
                ).format(about=about)
            )
            self.aed_label.setStyleSheet(f"color: {MISSING_AED.colour}; font-weight: 700;")
        else:
            received = view.stored.imported_at[:16].replace("T", " ") if view.stored else ""
            self.aed_label.setText(
                self.tr("{about} · AED received {received} UTC · version {version}").format(
                    about=about, received=received, version=item.version
                )
            )
            self.aed_label.setStyleSheet("")
        style = LEVELS[a.level]
        extra = self.tr(" · RANDOM EXAM") if a.random_exam else ""
        self._banner(style, self.tr(" · score {score}").format(score=a.score) + extra)
        flags = self._flags_html(a)
        hold = view.hold
        if hold is not None and hold.open:
            when = hold.targeted_on
            flags = (
                "<div style='background:#c62828; color:#ffffff; padding:4px'>"
                + self.tr("<b>⚑ TARGETED FOR EXAMINATION</b> — {reason} ({source}, {when})").format(
                    reason=html.escape(shown(hold.reason)),
                    source=html.escape(shown(hold.source)),
                    when=html.escape(when),
                )
                + (
                    " · " + html.escape(shown(hold.elsewhere))  # located at another bench
                    if hold.elsewhere
                    else ""
                )
                + "</div>"
                + flags
            )
        elif hold is not None and hold.elsewhere:  # examined at another bench of the facility
            flags = (
                "<div style='background:#ffe082; color:#111111; padding:4px'>"
                + self.tr("⚑ Targeted {when} — already {where}").format(
                    when=html.escape(hold.targeted_on), where=html.escape(shown(hold.elsewhere))
                )
                + "</div>"
                + flags
            )
        self.flags.setText(flags)
        if item is not None:
            total = sum(float(p.value or 0) for p in item.contents)
            self.parties.setText(
                self.tr(
                    "<b>From</b> {sender}<br><b>To</b> {addressee}<br><b>Category</b> {category} · "
                    "{kg:g} kg · {currency} {total:.2f}"
                ).format(
                    sender=html.escape(_party_line(item.sender)),
                    addressee=html.escape(_party_line(item.addressee)),
                    category=html.escape(words(item.category) or "-"),
                    kg=item.gross_weight_kg or 0,
                    currency=item.currency or "",
                    total=total,
                )
            )
        else:
            self.parties.setText("")
        self.contents.show(item, flagged_rows(a))

    def set_dark(self, dark: bool) -> None:
        """Severity colours follow the theme (dark red on near-black does not read)."""
        self.dark = dark
        if self.view is not None:
            self.show_view(self.view)

    def _flags_html(self, a: Assessment) -> str:
        if not a.flags:
            return QCoreApplication.translate("ParcelCard", "No risk indicators.")
        lines = []
        for flag in a.flags:
            colour = (DARK_SEVERITY_COLOURS if self.dark else SEVERITY_COLOURS)[flag.severity]
            matched = f" “{html.escape(shown(flag.matched))}”" if flag.matched else ""
            lines.append(
                f"<span style='color:{colour}; font-weight:700'>● {flag.severity}</span> "
                f"<b>{html.escape(flag.title)}</b>{matched} <i>({html.escape(flag.field)})</i>"
                f"<br><span style='margin-left:1em'>{html.escape(shown(flag.rationale))}</span>"
            )
        return "<br>".join(lines)
