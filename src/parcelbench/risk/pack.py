"""Rule packs: the versioned, human-editable TOML file that says what is risky and why.

Why TOML and strict validation: HQ analysts edit rule packs by hand and push them to every
bench. A typo must not silently switch a rule off or make it fire on everything, so the pack is
checked completely on load and the first problem is reported as `PackError` naming the file, the
rule id and the field, e.g. ``default.toml: rule 'precursor-4ap': field 'keywords': must be a
non-empty list of strings``. Unknown fields are errors too (a misspelt ``exclude`` would
otherwise be ignored).

Layout (see resources/rules/default.toml for a full example)::

    [pack]
    name = "default"
    version = "2026.12.1"
    format = 2                       # 2: every rule cites `source` and `source_date`
    aed_waivers = []                 # posts exempt from AED: [[pack.aed_waivers]] country,
                                     # covers, source, from, until (see default.toml)
    random_exam_rate = 0.02          # share of `clear` parcels picked for a random exam
    volume_window_days = 14          # window for addressee/sender volume rules
    [pack.thresholds]
    examine = 40                     # score from which a parcel is examined
    detain = 80                      # … and detained for a thorough exam ("hold" in old packs)
    [pack.usd_per_unit]              # rough exchange rates, for plausibility checks only
    USD = 1.0

    [[rules]]
    id = "fentanyl"                  # unique; lower case, digits and '-'
    title = "Fentanyl or an analogue named"
    severity = "critical"            # info | low | medium | high | critical
    score = 100                      # negative only for kind = "known_shipper"
    rationale = "Shown to the officer: why this matters."
    kind = "keywords"                # the condition; its own fields follow
    keywords = ["fentanyl", "carfentanil"]
    source = "21 CFR 1308.12(c)"     # where the indicator comes from (required in format 2)
    source_date = 2025-04-01         # the date of that source

Why format 2 and not always: packs already held by benches, and packs in the feed's history,
were written before rules cited sources; they still load. A pack that declares format 2 — the
shipped one does — must cite a source for every rule, and `dated_entries` lists (sanctions
programmes, AED waivers) cite one for every entry.

Condition kinds and their fields are the dataclasses below (one per kind).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from parcelbench.domain.aed import CATEGORIES, PARTY_FIELDS
from parcelbench.domain.risk import Severity
from parcelbench.ids.countries import COUNTRY_NAMES
from parcelbench.resources import resource
from parcelbench.risk.text import term_tokens

__all__ = [
    "KINDS",
    "MISSING_FIELD_PATHS",
    "TEXT_FIELDS",
    "CasNumber",
    "Category",
    "CheckDigit",
    "Combination",
    "CommercialDrop",
    "Condition",
    "Country",
    "DatedEntry",
    "DeceptiveText",
    "HsGroup",
    "HsMismatch",
    "HsPrefix",
    "Keywords",
    "KnownShipper",
    "LateAed",
    "MissingAed",
    "MissingFields",
    "PackError",
    "Rule",
    "RulePack",
    "SanctionedOrigin",
    "SeizureLink",
    "TermGroup",
    "VagueDescription",
    "ValueBand",
    "ValuePerKg",
    "ValuePerPiece",
    "Volume",
    "Watchlist",
    "WeightMismatch",
    "ZeroValue",
    "default_pack",
    "load_pack",
    "parse_pack",
]

# -- errors --------------------------------------------------------------------------------------


class PackError(ValueError):
    """A rule pack that cannot be used, and exactly where it is wrong."""

    def __init__(self, file: str, rule: str | None, field: str | None, problem: str) -> None:
        self.file = file
        self.rule = rule
        self.field = field
        self.problem = problem
        parts = [file]
        if rule is not None:
            parts.append(f"rule {rule!r}")
        if field is not None:
            parts.append(f"field {field!r}")
        parts.append(problem)
        super().__init__(": ".join(parts))


# -- what a pack holds ---------------------------------------------------------------------------

TEXT_FIELDS: frozenset[str] = frozenset(
    {"contents.description", "category_explanation", "comments", "invoice_no"}
    | {f"{role}.{name}" for role in ("sender", "addressee") for name in PARTY_FIELDS}
)
"""Free-text fields a keyword rule may search ("contents.description" means every piece's)."""

MISSING_FIELD_PATHS: frozenset[str] = frozenset(
    {
        "sent_at",
        "mail_class",
        "category",
        "gross_weight_kg",
        "total_value",
        "currency",
        "postal_charges",
        "invoice_no",
        "contents.net_weight_kg",
        "contents.value",
        "contents.currency",
        "contents.hs_code",
        "contents.origin_country",
    }
    | {f"{role}.{name}" for role in ("sender", "addressee") for name in PARTY_FIELDS}
)
"""Fields a `missing_fields` rule may require ("contents.x" means every piece's)."""


@dataclass(frozen=True, slots=True)
class Keywords:
    """Words, phrases and synonyms in free text.

    `keywords` fire on their own; `weak_keywords` (ordinary words such as "die" or "mold") fire
    only when a `context` term or `context_patterns` regex also occurs elsewhere in the same
    field. Nothing fires in a field that contains an `exclude` term or matches an
    `exclude_patterns` regex — keep exclusions off rules whose words are never innocent: every
    exclusion is also a way around the rule. `patterns`, `context_patterns` and
    `exclude_patterns` are regexes run on the folded text (lower case, no accents, punctuation
    turned into spaces).

    `categories` limits the rule to items declared in those categories (cash declared as
    "documents"); `min_value_usd` to items whose total declared value reaches it (currency over
    the USD 10,000 reporting line): some goods are lawful in the mail and only matter so.
    """

    fields: tuple[str, ...]
    keywords: tuple[str, ...]
    weak_keywords: tuple[str, ...]
    context: tuple[str, ...]
    context_patterns: tuple[str, ...]
    patterns: tuple[str, ...]
    exclude: tuple[str, ...]
    exclude_patterns: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    min_value_usd: float | None = None


@dataclass(frozen=True, slots=True)
class CasNumber:
    """Any CAS registry number (with a valid check digit) in free text, except `ignore`."""

    fields: tuple[str, ...]
    ignore: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DeceptiveText:
    """Text built to read differently to a person than to a machine, in any of `fields`.

    A word mixing alphabets with Latin look-alikes (a Cyrillic "е" in "fеntanyl"), or a
    direction control (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) that makes text display
    in another order than it was written. Without `fields`: every free-text field.
    """

    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HsPrefix:
    """A content piece's HS code starts with one of `prefixes` (digits; dots allowed)."""

    prefixes: tuple[str, ...]
    exclude_prefixes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HsGroup:
    """Descriptions matching `keywords` belong under one of `hs_prefixes`."""

    keywords: tuple[str, ...]
    exclude: tuple[str, ...]
    hs_prefixes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HsMismatch:
    """The description names goods of one kind, the HS code another."""

    groups: tuple[HsGroup, ...]


@dataclass(frozen=True, slots=True)
class Country:
    """The sender's, addressee's or a piece's origin country is one of `countries`."""

    roles: tuple[str, ...]  # sender | addressee | origin
    countries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Category:
    """A category condition: e.g. a gift in commercial quantity, documents that are too heavy."""

    categories: tuple[str, ...]
    min_quantity: int | None  # any piece with at least this quantity
    min_weight_kg: float | None  # gross weight at least this


@dataclass(frozen=True, slots=True)
class VagueDescription:
    """The WHOLE description is vague: nothing but vague words (and filler / quantities)."""

    descriptions: tuple[str, ...]
    filler: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ValueBand:
    """Goods matched by keywords or HS prefixes, and the least plausible value for them.

    With `context`, a keyword match counts only if a context word occurs too ("Chanel" with
    "lipstick" is a cosmetic, priced differently from a Chanel bag).
    """

    keywords: tuple[str, ...]
    hs_prefixes: tuple[str, ...]
    minimum: float  # USD per piece or per kg
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ValuePerPiece:
    """Declared value per piece below the band's `min_usd` (brand goods at implausible prices)."""

    bands: tuple[ValueBand, ...]
    exclude: tuple[str, ...]
    exclude_patterns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ValuePerKg:
    """Declared value per kilogram below the band's `min_usd_per_kg`."""

    bands: tuple[ValueBand, ...]
    exclude: tuple[str, ...]
    min_weight_kg: float
    exclude_patterns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WeightMismatch:
    """Gross weight far off the sum of the pieces' net weights."""

    min_ratio: float  # gross below net × this: lighter than its own contents
    max_ratio: float  # gross above net × this (and by min_difference_kg): something undeclared
    min_difference_kg: float


@dataclass(frozen=True, slots=True)
class ZeroValue:
    """Total declared value is zero."""

    exclude_categories: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MissingAed:
    """No AED record for a scanned item, for the ids this rule is about.

    The STOP Act requires AED for items carrying goods, not for letters holding only documents,
    and CBP may exempt the mail of some posts (the pack's `aed_waivers`). Without AED the bench
    knows only the identifier: an S10 id's service indicator (its first letter) says the mail
    class, its last two letters the issuing post. So a rule selects ids by `service_indicators`
    (only these first letters; an id that is not S10 has none) and
    `exclude_service_indicators`, and by `waived`: "exclude" skips posts with a waiver in
    force, "only" fires only for them, "any" ignores waivers.
    """

    service_indicators: tuple[str, ...] = ()
    exclude_service_indicators: tuple[str, ...] = ()
    waived: str = "exclude"


@dataclass(frozen=True, slots=True)
class LateAed:
    """The AED reached the bench at least `min_hours` after the parcel was first scanned."""

    min_hours: float


@dataclass(frozen=True, slots=True)
class MissingFields:
    """Fields the law or targeting needs are absent (only for `categories`, if given)."""

    fields: tuple[str, ...]
    categories: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckDigit:
    """The scanned identifier's check digit is wrong."""


@dataclass(frozen=True, slots=True)
class Watchlist:
    """A party matches a watchlist entry pushed from HQ."""


@dataclass(frozen=True, slots=True)
class SeizureLink:
    """A party matches a party of an earlier seizure (name, address, phone, e-mail)."""

    min_similarity: float


@dataclass(frozen=True, slots=True)
class Volume:
    """Many distinct senders to one addressee (or addressees from one sender) in a window."""

    role: str  # addressee: distinct senders to it · sender: parcels from it
    min_count: int
    days: int | None  # None: the pack's volume_window_days


@dataclass(frozen=True, slots=True)
class KnownShipper:
    """The sender is a vetted shipper (score must not be positive)."""


@dataclass(frozen=True, slots=True)
class DatedEntry:
    """One entry of a dated list in a pack (a sanctions programme, a post's AED waiver).

    It applies from `start` to `end` inclusive (`end` None: still in force) — lists change by
    law on a known day, and a parcel is judged by the list in force on its own date.
    """

    country: str
    label: str  # the programme, or what the waiver covers
    source: str  # citation or URL
    start: str  # ISO date, first day in force
    end: str | None  # ISO date, last day in force

    def in_force(self, day: str) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class SanctionedOrigin:
    """Sender's or a piece's origin country under a sanctions programme in force that day.

    The day is the item's `sent_at` date, else today. Entries are data, so HQ publishes a new
    pack when a programme starts or is revoked, and an old parcel is still judged by the
    programme that applied when it was sent.
    """

    roles: tuple[str, ...]
    entries: tuple[DatedEntry, ...]


@dataclass(frozen=True, slots=True)
class TermGroup:
    """One part of a combination: words and patterns, with words that veto this part."""

    keywords: tuple[str, ...]
    patterns: tuple[str, ...]
    exclude: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Combination:
    """Every group matches some content piece of the same parcel (each innocent alone).

    Empty capsules are sold for supplements and a scale for the kitchen; bulk empty capsules
    together with a scale, binders or dies are a pill-making kit.
    """

    groups: tuple[TermGroup, ...]


@dataclass(frozen=True, slots=True)
class CommercialDrop:
    """Cheap consumer goods to a person at a commercial unit that many senders hit at once.

    A drop address in an industrial park or business unit receives from several senders
    (often in several countries) within a day, in a private name. The address words and the
    company words are data; the count comes from the history's addressee volume lookup, asked
    only when the cheap text checks already matched.
    """

    address_terms: tuple[str, ...]
    address_patterns: tuple[str, ...]
    company_terms: tuple[str, ...]
    max_value_usd: float
    min_senders: int
    days: int


Condition = (
    Keywords
    | CasNumber
    | DeceptiveText
    | HsPrefix
    | HsMismatch
    | Country
    | Category
    | VagueDescription
    | ValuePerPiece
    | ValuePerKg
    | WeightMismatch
    | ZeroValue
    | MissingAed
    | LateAed
    | MissingFields
    | CheckDigit
    | Watchlist
    | SeizureLink
    | Volume
    | KnownShipper
    | SanctionedOrigin
    | Combination
    | CommercialDrop
)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    severity: Severity
    score: int
    rationale: str
    kind: str
    condition: Condition
    source: str | None = None  # where the indicator comes from: act, list, CFR section, URL
    source_date: str | None = None  # ISO date of that source (its version or the day read)


@dataclass(frozen=True, slots=True)
class RulePack:
    name: str
    version: str
    description: str
    examine: int
    detain: int
    random_exam_rate: float
    random_salt: str
    volume_window_days: int
    usd_per_unit: dict[str, float]
    rules: tuple[Rule, ...]
    source: str  # file name, for messages
    format: int = 1
    aed_waivers: tuple[DatedEntry, ...] = ()

    @property
    def label(self) -> str:
        """ "name@version", as stored with every assessment."""
        return f"{self.name}@{self.version}"


# -- reading tables with precise errors ----------------------------------------------------------

_RULE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_PACK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_CURRENCY = re.compile(r"[A-Z]{3}")
_HS_PREFIX = re.compile(r"\d{2,10}")
_MISSING = object()


class _Reader:
    """One TOML table being read: typed getters that raise PackError naming the field."""

    def __init__(self, file: str, rule: str | None, table: dict[str, Any], prefix: str = ""):
        self.file = file
        self.rule = rule
        self.table = table
        self.prefix = prefix
        self.used: set[str] = set()

    def error(self, key: str | None, problem: str) -> PackError:
        field = None if key is None else f"{self.prefix}{key}"
        return PackError(self.file, self.rule, field, problem)

    def _get(self, key: str) -> Any:
        self.used.add(key)
        return self.table.get(key, _MISSING)

    def has(self, key: str) -> bool:
        return key in self.table

    def text(self, key: str, default: str | None = None) -> str:
        value = self._get(key)
        if value is _MISSING:
            if default is not None:
                return default
            raise self.error(key, "is required")
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "must be a non-empty string")
        return value.strip()

    def strings(self, key: str, *, required: bool = True, terms: bool = False) -> tuple[str, ...]:
        """A list of non-empty strings; `terms`: each must contain a letter or digit."""
        value = self._get(key)
        if value is _MISSING and not required:
            return ()
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise self.error(key, "must be a non-empty list of strings")
        out = tuple(v.strip() for v in value)
        if terms:
            for i, v in enumerate(out):
                if not term_tokens(v):
                    raise self.error(key, f"entry {i} ({v!r}) has no letters or digits")
        return out

    def choices(self, key: str, allowed: frozenset[str] | set[str], what: str) -> tuple[str, ...]:
        values = self.strings(key)
        for v in values:
            if v not in allowed:
                raise self.error(key, f"{v!r} is not {what}")
        return values

    def integer(self, key: str, *, low: int, high: int, default: int | None = None) -> int:
        value = self._get(key)
        if value is _MISSING:
            if default is not None:
                return default
            raise self.error(key, "is required")
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"must be a whole number, got {value!r}")
        if not low <= value <= high:
            raise self.error(key, f"must be between {low} and {high}, got {value}")
        return value

    def number(self, key: str, *, low: float, high: float, default: float | None = None) -> float:
        value = self._get(key)
        if value is _MISSING:
            if default is not None:
                return default
            raise self.error(key, "is required")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(key, f"must be a number, got {value!r}")
        if not low <= value <= high:
            raise self.error(key, f"must be between {low} and {high}, got {value}")
        return float(value)

    def date(self, key: str, *, required: bool = True, how: str = "") -> str | None:
        """An ISO date: a TOML date (2025-07-01) or the string "2025-07-01"."""
        value = self._get(key)
        if value is _MISSING:
            if not required:
                return None
            raise self.error(key, f"is required{how}")
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        raise self.error(key, f"must be a date written YYYY-MM-DD (e.g. 2025-07-01), got {value!r}")

    def regexes(self, key: str) -> tuple[str, ...]:
        values = self.strings(key, required=False)
        for v in values:
            try:
                re.compile(v)
            except re.error as exc:
                raise self.error(key, f"bad regular expression {v!r}: {exc}") from None
        return values

    def hs_prefixes(self, key: str, *, required: bool = True) -> tuple[str, ...]:
        values = self.strings(key, required=required)
        out = []
        for v in values:
            digits = v.replace(".", "").replace(" ", "")
            if not _HS_PREFIX.fullmatch(digits):
                raise self.error(key, f"{v!r} is not an HS code prefix (2–10 digits, dots allowed)")
            out.append(digits)
        return tuple(out)

    def tables(self, key: str) -> list[_Reader]:
        value = self._get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            raise self.error(key, "must be a non-empty list of tables")
        return [
            _Reader(self.file, self.rule, v, f"{self.prefix}{key}[{i}].")
            for i, v in enumerate(value)
        ]

    def finish(self) -> None:
        """Refuse fields nobody read: a misspelt field must not be silently ignored."""
        for key in self.table:
            if key not in self.used:
                raise self.error(key, "unknown field")


# -- one parser per condition kind ---------------------------------------------------------------

_DEFAULT_TEXT_FIELDS = ("contents.description", "category_explanation", "comments")


def _fields(r: _Reader) -> tuple[str, ...]:
    if not r.has("fields"):
        r.used.add("fields")
        return _DEFAULT_TEXT_FIELDS
    return r.choices("fields", TEXT_FIELDS, "a text field (" + ", ".join(sorted(TEXT_FIELDS)) + ")")


def _keywords(r: _Reader) -> Keywords:
    fields = _fields(r)
    keywords = r.strings("keywords", required=False, terms=True)
    weak = r.strings("weak_keywords", required=False, terms=True)
    context = r.strings("context", required=False, terms=True)
    context_patterns = r.regexes("context_patterns")
    patterns = r.regexes("patterns")
    exclude = r.strings("exclude", required=False, terms=True)
    exclude_patterns = r.regexes("exclude_patterns")
    if not (keywords or weak or patterns):
        raise r.error("keywords", "must be a non-empty list of strings")
    if weak and not (context or context_patterns):
        raise r.error("context", "is required with weak_keywords (what makes them count)")
    if (context or context_patterns) and not weak:
        raise r.error("weak_keywords", "is required with context")
    categories = r.choices("categories", CATEGORIES, "a category") if r.has("categories") else ()
    r.used.add("categories")
    minimum = r.number("min_value_usd", low=0.0, high=1e9) if r.has("min_value_usd") else None
    r.used.add("min_value_usd")
    return Keywords(
        fields,
        keywords,
        weak,
        context,
        context_patterns,
        patterns,
        exclude,
        exclude_patterns,
        categories,
        minimum,
    )


def _cas(r: _Reader) -> CasNumber:
    fields = _fields(r)
    ignore = r.strings("ignore", required=False)
    for v in ignore:
        if not re.fullmatch(r"\d{2,7}-\d{2}-\d", v):
            raise r.error("ignore", f"{v!r} is not a CAS number like 7732-18-5")
    return CasNumber(fields, ignore)


def _deceptive(r: _Reader) -> DeceptiveText:
    if not r.has("fields"):
        r.used.add("fields")
        return DeceptiveText(tuple(sorted(TEXT_FIELDS)))
    return DeceptiveText(_fields(r))


def _hs_prefix(r: _Reader) -> HsPrefix:
    return HsPrefix(r.hs_prefixes("prefixes"), r.hs_prefixes("exclude_prefixes", required=False))


def _hs_mismatch(r: _Reader) -> HsMismatch:
    groups = []
    for g in r.tables("groups"):
        groups.append(
            HsGroup(
                g.strings("keywords", terms=True),
                g.strings("exclude", required=False, terms=True),
                g.hs_prefixes("hs_prefixes"),
            )
        )
        g.finish()
    return HsMismatch(tuple(groups))


def _country(r: _Reader) -> Country:
    roles = r.choices("roles", {"sender", "addressee", "origin"}, "sender, addressee or origin")
    countries = r.choices("countries", set(COUNTRY_NAMES), "an ISO 3166-1 alpha-2 country code")
    return Country(roles, countries)


def _category(r: _Reader) -> Category:
    categories = r.choices(
        "categories", CATEGORIES, "a category (" + ", ".join(sorted(CATEGORIES)) + ")"
    )
    quantity = r.integer("min_quantity", low=1, high=1_000_000) if r.has("min_quantity") else None
    weight = r.number("min_weight_kg", low=0.001, high=1000) if r.has("min_weight_kg") else None
    if (quantity is None) == (weight is None):
        raise r.error("min_quantity", "give exactly one of min_quantity and min_weight_kg")
    return Category(categories, quantity, weight)


def _vague(r: _Reader) -> VagueDescription:
    return VagueDescription(
        r.strings("descriptions", terms=True), r.strings("filler", required=False, terms=True)
    )


def _bands(r: _Reader, limit: str) -> tuple[ValueBand, ...]:
    bands = []
    for b in r.tables("bands"):
        keywords = b.strings("keywords", required=False, terms=True)
        prefixes = b.hs_prefixes("hs_prefixes", required=False)
        if not (keywords or prefixes):
            raise b.error("keywords", "give keywords or hs_prefixes")
        context = b.strings("context", required=False, terms=True)
        if context and not keywords:
            raise b.error("context", "needs keywords")
        minimum = b.number(limit, low=0.01, high=1e7)
        bands.append(ValueBand(keywords, prefixes, minimum, context))
        b.finish()
    return tuple(bands)


def _value_per_piece(r: _Reader) -> ValuePerPiece:
    return ValuePerPiece(
        _bands(r, "min_usd"),
        r.strings("exclude", required=False, terms=True),
        r.regexes("exclude_patterns"),
    )


def _value_per_kg(r: _Reader) -> ValuePerKg:
    return ValuePerKg(
        _bands(r, "min_usd_per_kg"),
        r.strings("exclude", required=False, terms=True),
        r.number("min_weight_kg", low=0.0, high=1000, default=0.0),
        r.regexes("exclude_patterns"),
    )


def _weight(r: _Reader) -> WeightMismatch:
    low = r.number("min_ratio", low=0.01, high=1.0)
    high = r.number("max_ratio", low=1.0, high=1000)
    return WeightMismatch(low, high, r.number("min_difference_kg", low=0.0, high=1000, default=0.0))


def _zero(r: _Reader) -> ZeroValue:
    if not r.has("exclude_categories"):
        r.used.add("exclude_categories")
        return ZeroValue(())
    return ZeroValue(r.choices("exclude_categories", CATEGORIES, "a category"))


def _missing_fields(r: _Reader) -> MissingFields:
    fields = r.choices("fields", MISSING_FIELD_PATHS, "a field the AED format has")
    categories = r.choices("categories", CATEGORIES, "a category") if r.has("categories") else ()
    return MissingFields(fields, categories)


def _late_aed(r: _Reader) -> LateAed:
    return LateAed(r.number("min_hours", low=0.0, high=24 * 90, default=0.0))


def _seizure(r: _Reader) -> SeizureLink:
    return SeizureLink(r.number("min_similarity", low=0.0, high=1.0, default=0.0))


def _volume(r: _Reader) -> Volume:
    role = r.text("role")
    if role not in ("addressee", "sender"):
        raise r.error("role", f"{role!r} is not addressee or sender")
    days = r.integer("days", low=1, high=366) if r.has("days") else None
    return Volume(role, r.integer("min_count", low=2, high=1_000_000), days)


_SERVICE_LETTER = re.compile(r"[A-Z]")
_COUNTRIES = frozenset(COUNTRY_NAMES)


def _service_letters(r: _Reader, key: str) -> tuple[str, ...]:
    values = r.strings(key, required=False)
    for v in values:
        if not _SERVICE_LETTER.fullmatch(v):
            raise r.error(key, f"{v!r} is not an S10 service indicator letter (one of A–Z)")
    return values


def _missing_aed(r: _Reader) -> MissingAed:
    only = _service_letters(r, "service_indicators")
    skip = _service_letters(r, "exclude_service_indicators")
    waived = r.text("waived", default="exclude")
    if waived not in ("exclude", "only", "any"):
        raise r.error("waived", f"{waived!r} is not exclude, only or any")
    return MissingAed(only, skip, waived)


_ENTRY_FIX = {
    "country": ' (the ISO 3166-1 alpha-2 code, e.g. country = "CU")',
    "source": ' (cite the act or list and where it is published, e.g. "31 CFR 515; EO 14312")',
    "from": " (the first day the entry applies, e.g. from = 2025-07-01)",
}


def dated_entries(
    reader: _Reader, key: str, label: str, *, allow_empty: bool
) -> tuple[DatedEntry, ...]:
    """Read a list of dated entries, each checked field by field.

    The message names the entry by its place and country and says how to fix it: HQ edits
    these lists by hand when a programme or waiver changes, and a wrong date would silently
    flag (or clear) parcels.
    """
    value = reader._get(key)
    if value is _MISSING or (allow_empty and value == []):
        if value is _MISSING and not allow_empty:
            raise reader.error(key, "is required: a list of tables")
        return ()
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise reader.error(key, "must be a non-empty list of tables ([[...]] entries)")
    out = []
    for i, table in enumerate(value):
        where = f"{reader.prefix}{key}[{i}]"
        country = table.get("country")
        if isinstance(country, str):
            where += f" ({country})"
        e = _Reader(reader.file, reader.rule, table, where + ".")
        code = e.text("country", default="-") if e.has("country") else None
        if code is None:
            raise e.error("country", "is required" + _ENTRY_FIX["country"])
        if code not in _COUNTRIES:
            raise e.error(
                "country",
                f"{code!r} is not an ISO 3166-1 alpha-2 country code" + _ENTRY_FIX["country"],
            )
        if not e.has(label):
            raise e.error(label, f'is required (what the entry is, e.g. {label} = "…")')
        what = e.text(label)
        if not e.has("source"):
            raise e.error("source", "is required" + _ENTRY_FIX["source"])
        source = e.text("source")
        start = e.date("from", how=_ENTRY_FIX["from"])
        end = e.date("until", required=False)
        assert start is not None
        if end is not None and end < start:
            raise e.error(
                "until", f"{end} is before from ({start}); until is the last day the entry applies"
            )
        e.text("note", default=" ")
        e.finish()
        out.append(DatedEntry(code, what, source, start, end))
    return tuple(out)


def _sanctioned(r: _Reader) -> SanctionedOrigin:
    roles = r.choices("roles", {"sender", "origin"}, "sender or origin")
    return SanctionedOrigin(roles, dated_entries(r, "entries", "programme", allow_empty=False))


def _combination(r: _Reader) -> Combination:
    groups = []
    tables = r.tables("groups")
    if len(tables) < 2:
        raise r.error("groups", "needs at least two groups (what must occur together)")
    for g in tables:
        keywords = g.strings("keywords", required=False, terms=True)
        patterns = g.regexes("patterns")
        if not (keywords or patterns):
            raise g.error("keywords", "give keywords or patterns")
        groups.append(
            TermGroup(keywords, patterns, g.strings("exclude", required=False, terms=True))
        )
        g.finish()
    return Combination(tuple(groups))


def _commercial_drop(r: _Reader) -> CommercialDrop:
    return CommercialDrop(
        r.strings("address_terms", terms=True),
        r.regexes("address_patterns"),
        r.strings("company_terms", terms=True),
        r.number("max_value_usd", low=0.01, high=1e7),
        r.integer("min_senders", low=2, high=1000),
        r.integer("days", low=1, high=366),
    )


def _none(cls: type) -> Callable[[_Reader], Condition]:
    return lambda _r: cls()


KINDS: dict[str, Callable[[_Reader], Condition]] = {
    "keywords": _keywords,
    "cas_number": _cas,
    "deceptive_text": _deceptive,
    "hs_prefix": _hs_prefix,
    "hs_mismatch": _hs_mismatch,
    "country": _country,
    "category": _category,
    "vague_description": _vague,
    "value_per_piece": _value_per_piece,
    "value_per_kg": _value_per_kg,
    "weight_mismatch": _weight,
    "zero_value": _zero,
    "missing_aed": _missing_aed,
    "late_aed": _late_aed,
    "missing_fields": _missing_fields,
    "check_digit": _none(CheckDigit),
    "watchlist": _none(Watchlist),
    "seizure_link": _seizure,
    "volume": _volume,
    "known_shipper": _none(KnownShipper),
    "sanctioned_origin": _sanctioned,
    "combination": _combination,
    "commercial_drop": _commercial_drop,
}
"""Condition kinds a rule may use, and the parser of each one's fields."""


# -- the pack ------------------------------------------------------------------------------------


_SOURCE_HOW = (
    " (every rule of a format-2 pack cites where its indicator comes from: the act, list or"
    ' CFR section, e.g. source = "21 CFR 1310.02(a)", and the date of that source,'
    " e.g. source_date = 2025-10-02)"
)


def _rule(file: str, index: int, table: Any, seen: dict[str, int], fmt: int = 1) -> Rule | None:
    if not isinstance(table, dict):
        raise PackError(file, None, f"rules[{index}]", "must be a table")
    raw_id = table.get("id")
    if not isinstance(raw_id, str) or not _RULE_ID.fullmatch(raw_id):
        where = raw_id if isinstance(raw_id, str) else f"#{index + 1}"
        problem = (
            "is required"
            if raw_id is None
            else "must be lower-case letters, digits and '-' (at most 64)"
        )
        raise PackError(file, where, "id", problem)
    if raw_id in seen:
        raise PackError(file, raw_id, "id", f"duplicate id (also rule #{seen[raw_id] + 1})")
    seen[raw_id] = index
    r = _Reader(file, raw_id, table)
    r.used.add("id")
    title = r.text("title")
    severity_text = r.text("severity")
    try:
        severity = Severity(severity_text)
    except ValueError:
        allowed = ", ".join(s.value for s in Severity)
        raise r.error("severity", f"{severity_text!r} is not one of {allowed}") from None
    kind = r.text("kind")
    if kind not in KINDS:
        raise r.error("kind", f"unknown condition kind {kind!r} (one of {', '.join(KINDS)})")
    score = r.integer("score", low=-1000, high=1000)
    if kind == "known_shipper" and score > 0:
        raise r.error("score", "must not be positive for a known_shipper rule")
    if kind != "known_shipper" and score < 0:
        raise r.error("score", "may be negative only for a known_shipper rule")
    rationale = r.text("rationale")
    enabled = table.get("enabled", True)
    r.used.add("enabled")
    if not isinstance(enabled, bool):
        raise r.error("enabled", "must be true or false")
    if fmt >= 2 and not r.has("source"):
        raise r.error("source", "is required" + _SOURCE_HOW)
    source = " ".join(r.text("source").split()) if r.has("source") else None
    r.used.add("source")
    source_date = r.date("source_date", required=fmt >= 2, how=_SOURCE_HOW)
    condition = KINDS[kind](r)
    r.finish()
    if not enabled:
        return None
    return Rule(
        raw_id,
        title,
        severity,
        score,
        " ".join(rationale.split()),
        kind,
        condition,
        source,
        source_date,
    )


def parse_pack(data: dict[str, Any], file: str = "<pack>") -> RulePack:
    """Validate a decoded TOML document as a rule pack."""
    top = _Reader(file, None, data)
    header = top._get("pack")
    if not isinstance(header, dict):
        raise PackError(file, None, "pack", "a [pack] table is required")
    h = _Reader(file, None, header, "pack.")
    name = h.text("name")
    if not _PACK_NAME.fullmatch(name):
        raise h.error("name", "must be letters, digits, '.', '_' or '-' (no '@')")
    raw_version = h._get("version")
    if isinstance(raw_version, int) and not isinstance(raw_version, bool):
        version = str(raw_version)
    else:
        version = h.text("version")
    description = h.text("description", default=" ").strip()
    fmt = h.integer("format", low=1, high=2, default=1)
    waivers = dated_entries(h, "aed_waivers", "covers", allow_empty=True)
    rate = h.number("random_exam_rate", low=0.0, high=1.0)
    salt = h.text("random_salt", default="parcelbench-random-exam")
    window = h.integer("volume_window_days", low=1, high=366)
    thresholds = h._get("thresholds")
    if not isinstance(thresholds, dict):
        raise h.error("thresholds", "a [pack.thresholds] table with examine and detain is required")
    t = _Reader(file, None, thresholds, "pack.thresholds.")
    examine = t.integer("examine", low=1, high=10_000)
    # "hold" is the same threshold in packs written before the level was called "detain"
    top_key = "hold" if "hold" in thresholds and "detain" not in thresholds else "detain"
    if "hold" in thresholds and "detain" in thresholds:
        raise t.error("hold", "give the detain threshold once, as detain (hold is its old name)")
    detain = t.integer(top_key, low=1, high=10_000)
    if detain <= examine:
        raise t.error(top_key, f"must be above examine ({examine}), got {detain}")
    t.finish()
    rates_table = h._get("usd_per_unit")
    rates: dict[str, float] = {"USD": 1.0}
    if rates_table is not _MISSING:
        if not isinstance(rates_table, dict):
            raise h.error("usd_per_unit", "must be a table of currency = USD per unit")
        u = _Reader(file, None, rates_table, "pack.usd_per_unit.")
        for code in rates_table:
            if not _CURRENCY.fullmatch(code):
                raise u.error(code, "is not an ISO 4217 currency code")
            rates[code] = u.number(code, low=1e-9, high=1e6)
        u.finish()
    h.finish()

    raw_rules = top._get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise PackError(file, None, "rules", "at least one [[rules]] table is required")
    top.finish()
    seen: dict[str, int] = {}
    rules = tuple(
        rule
        for i, table in enumerate(raw_rules)
        if (rule := _rule(file, i, table, seen, fmt)) is not None
    )
    return RulePack(
        name,
        version,
        description,
        examine,
        detain,
        rate,
        salt,
        window,
        rates,
        rules,
        file,
        fmt,
        waivers,
    )


def load_pack(path: str | Path) -> RulePack:
    """Read and validate a rule pack file; `PackError` says what is wrong and where."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PackError(path.name, None, None, f"cannot be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise PackError(path.name, None, None, f"is not UTF-8 text: {exc.reason}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PackError(path.name, None, None, f"is not valid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise PackError(
            path.name, None, None, "is not a rule pack: values nested too deeply"
        ) from None
    return parse_pack(data, path.name)


def default_pack() -> RulePack:
    """The rule pack that ships with ParcelBench (resources/rules/default.toml)."""
    return load_pack(resource("rules", "default.toml"))
