"""The rule on deceptive text: look-alike letters from another alphabet, hidden direction controls.

Why a rule of its own when matching already sees through both: the disguise is evidence. A
sender who writes "fеntanyl" with a Cyrillic "е", or hides a right-to-left override in a name,
meant the text to read one way to a person and another to a filter; the officer should know that
even when no keyword fired, and should see where. The hit quotes the word or text as written
(the card shows direction controls as visible markers, see `parcelbench.domain.display`), and
the detail says in plain words what was found and what the word reads as.
"""

from __future__ import annotations

import re
import unicodedata

from parcelbench.domain.aed import AedItem
from parcelbench.domain.display import BIDI_CONTROLS
from parcelbench.risk.confusables import OTHER_ALPHABETS, mixed_script_words
from parcelbench.risk.pack import DeceptiveText, RulePack
from parcelbench.risk.rules_base import Context, Hit, field_reader
from parcelbench.risk.text import match_text

__all__ = ["DeceptiveTextCheck"]

_AROUND = 30  # characters quoted either side of a direction control in a long text
_CONTROL = re.compile("[" + "".join(BIDI_CONTROLS) + "]")
#: Either kind of disguise is possible: one regex pass over a parcel's text decides most parcels.
_SUSPECT = re.compile("[" + "".join(BIDI_CONTROLS) + OTHER_ALPHABETS + "]")


def _suspect(text: str) -> bool:
    """True if `text` holds a direction control or letters of an alphabet with look-alikes."""
    return not text.isascii() and _SUSPECT.search(text) is not None


def _control_names(text: str) -> list[str]:
    """ "right-to-left override (U+202E)" for each kind of direction control in `text`."""
    found = sorted({ch for ch in text if ch in BIDI_CONTROLS})
    return [f"{unicodedata.name(ch).lower()} (U+{ord(ch):04X})" for ch in found]


def _quote(text: str) -> str:
    """The text around the first direction control, or all of it when it is short."""
    text = text.strip()
    if len(text) <= 2 * _AROUND:
        return text
    at = next(i for i, ch in enumerate(text) if ch in BIDI_CONTROLS)
    start = max(0, at - _AROUND)
    return ("…" if start else "") + text[start : at + _AROUND] + "…"


class DeceptiveTextCheck:
    """Words mixing alphabets, and direction controls, in the pack's text fields."""

    needs_item = True

    def __init__(self, cond: DeceptiveText, pack: RulePack) -> None:
        self.pieces = "contents.description" in cond.fields
        owners: dict[str, list[str]] = {}
        for spec in cond.fields:
            if spec != "contents.description":
                owner, _, name = spec.rpartition(".")
                owners.setdefault(owner, []).append(name)
        # per owner ("" the item, "sender", "addressee") its field names and one reader for all
        self.groups = tuple(
            (owner, tuple(names), field_reader(names)) for owner, names in owners.items()
        )

    def _texts(self, item: AedItem) -> list[tuple[str, str]]:
        """(field, text) of every non-empty field the rule reads."""
        out: list[tuple[str, str]] = []
        if self.pieces:
            out.extend(
                (f"contents[{i}].description", p.description) for i, p in enumerate(item.contents)
            )
        for owner, names, read in self.groups:
            values = read(getattr(item, owner) if owner else item)
            prefix = f"{owner}." if owner else ""
            out.extend((prefix + n, v) for n, v in zip(names, values, strict=True) if v)
        return out

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        # This rule reads two dozen fields of every parcel, nearly all ASCII or ordinary accented
        # or CJK text: one test over all of them first decides most parcels.
        everything = [p.description for p in item.contents] if self.pieces else []
        for owner, _, read in self.groups:
            everything.extend(read(getattr(item, owner) if owner else item))
        if not _suspect("\n".join(filter(None, everything))):
            return []
        hits: list[Hit] = []
        for field, text in self._texts(item):
            if not _suspect(text):
                continue
            if _CONTROL.search(text) is not None:
                names = _control_names(text)
                hits.append(
                    Hit(
                        field,
                        _quote(text),
                        "hidden direction control: "
                        + ", ".join(names)
                        + "; it makes the text display in a different order than it was "
                        "written (shown here as [RLO], [LRM]…)",
                    )
                )
            for word, scripts in mixed_script_words(text):
                alphabets = " and ".join(s.title() for s in scripts)
                reads = match_text(word).folded.strip()
                hits.append(
                    Hit(
                        field,
                        word,
                        f"one word mixing {alphabets} letters that look alike; "
                        f"it reads as “{reads}”",
                    )
                )
        return hits
