"""Rules on the declared goods: HS codes, countries, category, value and weight plausibility.

Why values are converted with the pack's rough rates: a brand bag declared at 90 CNY is as
implausible as one at 12 USD; the rates only need to be right within a few per cent for a
plausibility check, and HQ can update them with the pack. Money stays a decimal string in the
AED; it becomes a float only here, for a comparison, never for storage.
"""

from __future__ import annotations

import re

from parcelbench.risk.pack import (
    Category,
    Country,
    HsPrefix,
    RulePack,
    SanctionedOrigin,
    ValueBand,
    ValuePerKg,
    ValuePerPiece,
    WeightMismatch,
    ZeroValue,
)
from parcelbench.risk.rules_base import Context, Hit, piece_currency, piece_value
from parcelbench.risk.rules_data import today_iso
from parcelbench.risk.text import TermSet, per_text

__all__ = [
    "CategoryCheck",
    "CountryCheck",
    "HsPrefixCheck",
    "SanctionedOriginCheck",
    "ValuePerKgCheck",
    "ValuePerPieceCheck",
    "WeightCheck",
    "ZeroValueCheck",
]


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None


class HsPrefixCheck:
    needs_item = True

    def __init__(self, cond: HsPrefix, pack: RulePack) -> None:
        self.prefixes = cond.prefixes
        self.exclude = cond.exclude_prefixes

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        hits = []
        for i, piece in enumerate(item.contents):
            hs = piece.hs_code
            if hs and hs.startswith(self.prefixes) and not hs.startswith(self.exclude):
                hits.append(Hit(f"contents[{i}].hs_code", hs))
        return hits


class CountryCheck:
    needs_item = True

    def __init__(self, cond: Country, pack: RulePack) -> None:
        self.roles = cond.roles
        self.countries = frozenset(cond.countries)

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        hits = []
        for role in self.roles:
            if role == "origin":
                for i, piece in enumerate(item.contents):
                    if piece.origin_country in self.countries:
                        hits.append(Hit(f"contents[{i}].origin_country", piece.origin_country))
            else:
                country = getattr(item, role).country
                if country in self.countries:
                    hits.append(Hit(f"{role}.country", country))
        return hits


class SanctionedOriginCheck:
    """Sender or piece origin under a sanctions programme in force on the item's date.

    The date is the item's `sent_at` (ISO 8601; its first ten characters are the day), else
    today: a parcel posted in June 2025 from Syria was under the programme, one posted in
    August 2025 was not.
    """

    needs_item = True

    def __init__(self, cond: SanctionedOrigin, pack: RulePack) -> None:
        self.roles = cond.roles
        self.entries = cond.entries
        self.countries = frozenset(e.country for e in cond.entries)

    def _programme(self, country: str | None, day: str) -> str | None:
        for entry in self.entries:
            if entry.country == country and entry.in_force(day):
                return f"{entry.label} ({entry.source}), in force from {entry.start}"
        return None

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        countries = self.countries
        places: list[tuple[str, str]] = []
        for role in self.roles:
            if role == "origin":
                for i, piece in enumerate(item.contents):
                    if piece.origin_country in countries:
                        places.append((f"contents[{i}].origin_country", piece.origin_country))
            elif item.sender.country in countries:
                places.append(("sender.country", item.sender.country))
        if not places:
            return []
        sent = item.sent_at[:10] if item.sent_at and len(item.sent_at) >= 10 else None
        day = sent or today_iso()
        hits = []
        for field, country in places:
            programme = self._programme(country, day)
            if programme is not None:
                hits.append(Hit(field, country, f"{programme}; item dated {day}"))
        return hits


class CategoryCheck:
    needs_item = True

    def __init__(self, cond: Category, pack: RulePack) -> None:
        self.categories = frozenset(cond.categories)
        self.min_quantity = cond.min_quantity
        self.min_weight = cond.min_weight_kg

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        category = item.category
        if category not in self.categories:
            return []
        hits = []
        if self.min_quantity is not None:
            for i, piece in enumerate(item.contents):
                if piece.quantity >= self.min_quantity:
                    hits.append(
                        Hit(
                            f"contents[{i}].quantity",
                            str(piece.quantity),
                            f"{piece.quantity} × “{piece.description}” declared as {category}",
                        )
                    )
        elif self.min_weight is not None:
            gross = item.gross_weight_kg
            if gross is not None and gross >= self.min_weight:
                hits.append(
                    Hit("gross_weight_kg", f"{gross:g}", f"{gross:g} kg declared as {category}")
                )
        return hits


class _ValueBands:
    """Find the first band a piece belongs to, by description keywords or HS prefix."""

    def __init__(
        self, bands: tuple[ValueBand, ...], exclude: tuple[str, ...], patterns: tuple[str, ...]
    ) -> None:
        self.bands = [
            (TermSet.compile(b.keywords), TermSet.compile(b.context), b.hs_prefixes, b.minimum)
            for b in bands
        ]
        self.any = TermSet.compile(k for b in bands for k in b.keywords)
        self.has_hs = any(b.hs_prefixes for b in bands)
        self.exclude = TermSet.compile(exclude)
        self.exclude_re = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
        self.band = per_text(self._band)

    def _band(self, folded: str, hs: str | None) -> tuple[float, tuple[int, int] | None] | None:
        """(minimum, span of the matching keyword or None for an HS match), or None."""
        if self.any.search(folded) is None and not (self.has_hs and hs):
            return None
        if self.exclude.search(folded) is not None or (
            self.exclude_re is not None and self.exclude_re.search(folded) is not None
        ):
            return None
        for keywords, context, prefixes, minimum in self.bands:
            span = keywords.search(folded)
            if span is not None and (not context or context.search(folded) is not None):
                return minimum, span
            if hs and prefixes and hs.startswith(prefixes):
                return minimum, None
        return None


class ValuePerPieceCheck:
    needs_item = True

    def __init__(self, cond: ValuePerPiece, pack: RulePack) -> None:
        self.bands = _ValueBands(cond.bands, cond.exclude, cond.exclude_patterns)
        self.rates = pack.usd_per_unit

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        hits = []
        for i, piece in enumerate(item.contents):
            text = ctx.description(i)
            found = self.bands.band(text.folded, piece.hs_code)
            if found is None:
                continue
            minimum, span = found
            value_text = piece_value(item, piece)
            value = _number(value_text)
            currency = piece_currency(item, piece)
            rate = self.rates.get(currency)
            if value is None or rate is None:
                continue
            each = value * rate / piece.quantity
            if each < minimum:
                what = f"“{text.excerpt(*span)}”" if span else f"HS {piece.hs_code}"
                hits.append(
                    Hit(
                        f"contents[{i}].value",
                        str(value_text),
                        f"{what} declared at {value_text} {currency} for {piece.quantity}, "
                        f"about {each:.2f} USD each; plausible from {minimum:g} USD",
                    )
                )
        return hits


class ValuePerKgCheck:
    needs_item = True

    def __init__(self, cond: ValuePerKg, pack: RulePack) -> None:
        self.bands = _ValueBands(cond.bands, cond.exclude, cond.exclude_patterns)
        self.rates = pack.usd_per_unit
        self.min_weight = cond.min_weight_kg

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        hits = []
        for i, piece in enumerate(item.contents):
            weight = piece.net_weight_kg
            if weight is None or weight <= 0 or weight < self.min_weight:
                continue
            text = ctx.description(i)
            found = self.bands.band(text.folded, piece.hs_code)
            if found is None:
                continue
            minimum, span = found
            value_text = piece_value(item, piece)
            value = _number(value_text)
            currency = piece_currency(item, piece)
            rate = self.rates.get(currency)
            if value is None or rate is None:
                continue
            per_kg = value * rate / weight
            if per_kg < minimum:
                what = f"“{text.excerpt(*span)}”" if span else f"HS {piece.hs_code}"
                hits.append(
                    Hit(
                        f"contents[{i}].value",
                        str(value_text),
                        f"{what}: {value_text} {currency} for {weight:g} kg, about "
                        f"{per_kg:.2f} USD/kg; plausible from {minimum:g} USD/kg",
                    )
                )
        return hits


class WeightCheck:
    needs_item = True

    def __init__(self, cond: WeightMismatch, pack: RulePack) -> None:
        self.cond = cond

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        gross = item.gross_weight_kg
        if gross is None:
            return []
        net = 0.0
        for piece in item.contents:
            if piece.net_weight_kg is None:
                return []
            net += piece.net_weight_kg
        if net <= 0:
            return []
        c = self.cond
        if gross < net * c.min_ratio:
            detail = f"gross {gross:g} kg is less than the {net:g} kg of the declared pieces"
        elif gross > net * c.max_ratio and gross - net >= c.min_difference_kg:
            detail = f"gross {gross:g} kg is far above the {net:g} kg of the declared pieces"
        else:
            return []
        return [Hit("gross_weight_kg", f"{gross:g}", detail)]


class ZeroValueCheck:
    needs_item = True

    def __init__(self, cond: ZeroValue, pack: RulePack) -> None:
        self.exclude = frozenset(cond.exclude_categories)

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        if item.category in self.exclude:
            return []
        if item.total_value is not None:
            if _number(item.total_value) == 0:
                return [Hit("total_value", item.total_value)]
            return []
        values = [piece.value for piece in item.contents]
        if values and all(v is not None and _number(v) == 0 for v in values):
            return [Hit("contents[0].value", str(values[0]), "every piece is declared at zero")]
        return []
