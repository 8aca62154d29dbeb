"""What every compiled rule shares: the per-assessment context and the shape of a hit.

Why a context object: several rules read the same texts (each piece's description is searched by
a dozen keyword rules); the context folds each text once per assessment (`match_text`: the
normalised copy the rules search and the map back to what the sender wrote) and hands out the
cached result, and it carries what the engine already asked the history (seizure links) so no
rule asks twice.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, NamedTuple, Protocol

from parcelbench.domain.aed import AedItem, ContentPiece, Party
from parcelbench.domain.risk import NetworkLink
from parcelbench.risk.history import RiskHistory
from parcelbench.risk.text import MatchText, TermSet, match_text, per_text

__all__ = [
    "Checker",
    "Context",
    "Hit",
    "field_reader",
    "party_value",
    "piece_currency",
    "piece_value",
]


#: `match_text` of a content description, kept per distinct description (`per_text`).
_description_text = per_text(match_text)


class Hit(NamedTuple):
    """One place a rule fired: the field, the original text there, and a detail for the officer."""

    field: str
    matched: str
    detail: str = ""


class Context:
    """One assessment's inputs plus caches shared by the rules."""

    __slots__ = ("_gates", "_pieces", "_texts", "history", "id_valid", "item", "item_id", "links")

    def __init__(
        self, item_id: str, item: AedItem | None, id_valid: bool, history: RiskHistory
    ) -> None:
        self.item_id = item_id
        self.item = item
        self.id_valid = id_valid
        self.history = history
        self.links: tuple[NetworkLink, ...] = ()
        self._texts: dict[str, list[tuple[str, MatchText]]] = {}
        self._gates: dict[int, bool] = {}
        self._pieces: tuple[MatchText, ...] | None = None

    def values(self, spec: str) -> list[tuple[str, str]]:
        """(field, text as written) for a text field spec such as "contents.description"."""
        item = self.item
        if item is None:
            return []
        if spec == "contents.description":
            return [
                (f"contents[{i}].description", p.description) for i, p in enumerate(item.contents)
            ]
        role, _, name = spec.partition(".")
        value = getattr(getattr(item, role), name) if name else getattr(item, role)
        return [(spec, value)] if value else []

    def texts(self, spec: str) -> list[tuple[str, MatchText]]:
        """(field, text as written and as matched) for a text field spec."""
        cached = self._texts.get(spec)
        if cached is None:
            # descriptions repeat from parcel to parcel, names and streets hardly ever
            fold = _description_text if spec == "contents.description" else match_text
            cached = [(field, fold(value)) for field, value in self.values(spec)]
            self._texts[spec] = cached
        return cached

    def gate_open(self, text: MatchText, gate: TermSet) -> bool:
        """Whether `gate` (the keyword rules' shared word set) matches `text`; searched once.

        Keyed by the text object, which `texts` caches for the whole assessment.
        """
        key = id(text)
        open_ = self._gates.get(key)
        if open_ is None:
            open_ = self._gates[key] = gate.search(text.folded) is not None
        return open_

    def description(self, index: int) -> MatchText:
        """The description of piece `index`, as written and as matched."""
        pieces = self._pieces
        if pieces is None:  # asked for by half a dozen rules per piece
            pieces = self._pieces = tuple(t for _, t in self.texts("contents.description"))
        return pieces[index]


class Checker(Protocol):
    """A compiled rule condition."""

    needs_item: bool  # False: also runs when there is no AED (missing AED, check digit)

    def check(self, ctx: Context) -> list[Hit]: ...


def field_reader(names: list[str]) -> Callable[[object], tuple[Any, ...]]:
    """One C-level call that reads `names` (dotted for a party's: "sender.name") of an
    object, always as a tuple."""
    if not names:
        return lambda obj: ()
    getter = attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (getter(obj),)
    return getter


def piece_value(item: AedItem, piece: ContentPiece) -> str | None:
    """A piece's declared value; a single piece without one takes the item's total value."""
    if piece.value is not None:
        return piece.value
    if len(item.contents) == 1:
        return item.total_value
    return None


def piece_currency(item: AedItem, piece: ContentPiece) -> str:
    """The currency of a piece's value (piece, else item, else USD as the form's default)."""
    return piece.currency or item.currency or "USD"


_PARTY_KIND_FIELD = {"name": "name", "address": "street", "phone": "phone", "email": "email"}


def party_value(item: AedItem, role: str, kind: str) -> tuple[str, str]:
    """(field, the item's own text) for a party attribute named by a history match kind."""
    party: Party | None = getattr(item, role, None) if role in ("sender", "addressee") else None
    name = _PARTY_KIND_FIELD.get(kind, kind)
    if party is None:
        return f"{role}.{name}", ""
    if kind == "address":
        parts = [p for p in (party.street, party.city, party.postcode) if p]
        return f"{role}.street", ", ".join(parts)
    value = getattr(party, name, None) if name in Party.__slots__ else None
    return f"{role}.{name}", value or ""
