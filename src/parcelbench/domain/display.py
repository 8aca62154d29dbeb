"""Outside text (AED fields, scanned payloads) made safe to show on a screen or a report.

Why: Unicode direction controls change the order in which text is *displayed* without changing
what it *is*. A right-to-left override (U+202E) in front of "lynatnef" shows "fentanyl"; one in a
name can make "Ali" of one record look like another's. The officer must see what was sent, so:

* every direction control is replaced by a visible marker naming it ("[RLO]"). Stripping the
  controls silently would hide that someone used them; isolating the string in FSI…PDI alone
  would not help, because an override *inside* the isolate still reorders the string itself.
  With the controls gone, the text shows in the order the sender typed it, and the marker tells
  the officer why the risk engine flagged it.
* text with right-to-left letters (a genuine Arabic or Hebrew name) is wrapped in a first-strong
  isolate (FSI … PDI) so it cannot pull the punctuation and numbers around it ("From …, 12")
  into its own direction. Text without right-to-left letters is returned unchanged (markers
  aside), so ordinary labels keep exactly the text they had.

Pure Python: the window, the reports and the risk engine share the one list of controls.
"""

from __future__ import annotations

import unicodedata

__all__ = ["BIDI_CONTROLS", "has_bidi_controls", "shown"]

BIDI_CONTROLS: dict[str, str] = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u061c": "ALM",
}
"""Characters that steer the display direction, with the short name shown in their place."""

_MARKERS = str.maketrans({ch: f"[{name}]" for ch, name in BIDI_CONTROLS.items()})
_FSI, _PDI = "\u2068", "\u2069"
_RTL_CLASSES = frozenset({"R", "AL"})


def has_bidi_controls(text: str) -> bool:
    """True if `text` holds any direction control."""
    return not text.isascii() and any(ch in BIDI_CONTROLS for ch in text)


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def shown(text: str | None) -> str:
    """`text` as it may be displayed: controls as visible markers, RTL text isolated."""
    if not text:
        return ""
    if text.isascii():  # nearly all AED text: nothing to do
        return text
    visible = text.translate(_MARKERS)
    return f"{_FSI}{visible}{_PDI}" if _has_rtl(visible) else visible
