"""Live feedback while an officer types an id from a torn label.

Why: a typed id is the easiest place for a wrong parcel to slip in (one digit off), so the entry
box says at every keystroke how far the text is from an id and, once complete, whether the check
digit holds — with the very message :func:`parcelbench.ids.parse` gives ("check digit is 6,
expected 5"), so the screen, the CLI and the logs agree. Only a ``valid`` entry may be submitted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from parcelbench.ids import ParsedId, parse

State = Literal["empty", "incomplete", "valid", "invalid"]

_S10_PREFIX: Final = re.compile(r"[A-Z]{0,2}|[A-Z]{2}[0-9]{1,9}|[A-Z]{2}[0-9]{9}[A-Z]")
_USPS_LENGTHS: Final = (20, 22, 26, 30, 34, 38)


@dataclass(frozen=True)
class EntryFeedback:
    state: State
    message: str
    parsed: ParsedId | None
    """The parse of the text when it is complete (valid or not)."""

    @property
    def can_submit(self) -> bool:
        return self.state == "valid"


def check_entry(text: str) -> EntryFeedback:
    """What to show under the entry box for ``text`` as typed so far."""
    compact = "".join(text.split()).upper()
    if not compact:
        return EntryFeedback("empty", "Type or scan a parcel id", None)
    parsed = parse(text)
    if parsed.valid:
        return EntryFeedback(
            "valid", f"{parsed.display()} · valid {_KIND_NAMES[parsed.kind]}", parsed
        )
    if parsed.kind == "unknown" and _S10_PREFIX.fullmatch(compact):
        return EntryFeedback(
            "incomplete", f"S10: {len(compact)} of 13 characters (AA 00000000 9 BB)", None
        )
    if parsed.kind == "unknown" and compact.isdigit() and len(compact) < max(_USPS_LENGTHS):
        nxt = next(n for n in _USPS_LENGTHS if n > len(compact))
        return EntryFeedback("incomplete", f"USPS: {len(compact)} digits (next length {nxt})", None)
    return EntryFeedback("invalid", _sentence(parsed.error or "not a parcel identifier"), parsed)


_KIND_NAMES: Final = {"s10": "S10", "impb": "IMpb", "usps20": "USPS 20-digit", "unknown": "code"}


def _sentence(error: str) -> str:
    return error[:1].upper() + error[1:]
