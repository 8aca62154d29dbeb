"""Labels that never interpret what they show: the one way the window makes a QLabel.

Why: a QLabel left at its default (`Qt.AutoText`) renders anything that looks like HTML as
HTML. A barcode or an AED field holding ``<h1 style='color:green'>CLEAR</h1>`` would then print a
big green CLEAR on the card. Every label is made here as plain text, so scanned payloads, AED
fields, names, hold reasons and messages quoting them show literally, whatever they contain.

The card's flag list and parties line use a little fixed markup (bold words, severity colours);
`markup_label` makes those, explicitly rich text, and their code escapes every outside value
with `html.escape` (and passes it through `shown` for direction controls) before it goes in.
Tooltips auto-detect rich text too: `plain_tooltip` wraps outside text so it shows literally.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from parcelbench.domain.display import shown

__all__ = ["markup_label", "plain_label", "plain_tooltip"]


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows `text` (and whatever is set later) exactly as it is."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def markup_label(parent: QWidget | None = None) -> QLabel:
    """A label for fixed markup built in code; outside values in it must be escaped."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def plain_tooltip(text: str) -> str:
    """Outside text as a tooltip that shows literally (escaped inside an explicit rich text)."""
    return "<qt>" + html.escape(shown(text)).replace("\n", "<br>") + "</qt>"
