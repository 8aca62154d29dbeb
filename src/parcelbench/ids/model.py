"""The result of reading one scanned payload: :class:`ParsedId`.

Why one record for every identifier family: the scan box, the AED importer, the store lookups and
the reports all need the same answers (what kind, is it trustworthy, what key to look up, what to
show the officer, why it was rejected) without knowing S10 from IMpb. Keeping the record in its
own module lets :mod:`parcelbench.ids.s10` and :mod:`parcelbench.ids.usps` build it without
importing the package ``__init__`` (no import cycle).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeAlias

Kind: TypeAlias = Literal["s10", "impb", "usps20", "unknown"]
FieldValue: TypeAlias = str | int | None

NOT_A_PARCEL_ID = "not a parcel identifier"
"""Error text for payloads that are not shaped like any parcel identifier."""


@dataclass(frozen=True, slots=True)
class ParsedId:
    """One scanned payload, classified and checked.

    ``valid`` is only True when every rule of the identifier's standard holds; a code that is
    *shaped* like an S10/IMpb but fails a rule keeps its ``kind`` with ``valid=False`` and a
    human ``error``, so the UI can say "bad check digit" instead of "unknown", and never looks it
    up as if it were a real parcel.
    """

    kind: Kind
    raw: str
    """Exactly what the scanner or officer gave, for the audit trail."""
    normalized: str
    """The lookup key (see :func:`parcelbench.ids.parse`)."""
    valid: bool
    error: str | None
    """None when valid; otherwise every rule that failed, joined with ``"; "``."""
    fields: dict[str, FieldValue] = field(hash=False, compare=True)
    """Kind-specific parts (service indicator, country, routing ZIP, mailer id, ...)."""

    def display(self) -> str:
        """Group the identifier the way it is printed on labels, so officers can compare by eye.

        S10 → ``"RR 4731 2482 9 GB"``; IMpb/USPS 20 → blocks of four digits
        (``"9400 1112 0108 0805 4830 16"``); anything else → the normalized text unchanged.
        """
        text = self.normalized
        if self.kind == "s10" and len(text) == 13:
            return f"{text[:2]} {text[2:6]} {text[6:10]} {text[10]} {text[11:]}"
        if self.kind in ("impb", "usps20"):
            return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
        return text

    def to_json(self) -> dict[str, FieldValue | bool]:
        """Flat JSON-ready dict: the common keys, ``display``, then the kind-specific fields."""
        return {
            "kind": self.kind,
            "valid": self.valid,
            "normalized": self.normalized,
            "error": self.error,
            "raw": self.raw,
            "display": self.display(),
            **self.fields,
        }


def untrusted_id_message(parsed: ParsedId) -> str:
    """The one sentence for a payload that is not a valid parcel id, wherever it is refused.

    Why one place: the window's card, `parcelbench risk` and `parcelbench record` must give an
    officer the same words for the same mistyped id
    ("HA336870918CN is not a parcel id we can trust: check digit is 8, expected 7").
    """
    shown = parsed.normalized or repr(parsed.raw)
    return f"{shown} is not a parcel id we can trust: {parsed.error or NOT_A_PARCEL_ID}"


def unknown(raw: str, normalized: str, error: str = NOT_A_PARCEL_ID) -> ParsedId:
    """Build the "not a parcel identifier" result; such payloads are kept raw, never matched."""
    return ParsedId("unknown", raw, normalized, False, error, {})
