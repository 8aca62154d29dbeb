"""Per-item validation: turn a raw item into an `AedItem`, or say exactly what is wrong.

Every problem is reported with the field it is in, so an HQ operator can fix the sending system.
Only the fields the law and the bench cannot do without are required (item id, the two parties'
names and countries, at least one described content piece with a quantity); other gaps are kept
as gaps, because the risk engine flags incomplete AED and that is more use to an officer than
no AED at all.

This runs once per item on million-item imports, so each check has a fast path for the common
well-formed value and falls back to a slower path only to explain a problem.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from parcelbench.aed.errors import Rejection
from parcelbench.domain.aed import (
    CATEGORIES,
    MAIL_CLASSES,
    PARTY_FIELDS,
    AedItem,
    ContentPiece,
    Party,
)
from parcelbench.domain.currencies import CURRENCY_CODES
from parcelbench.ids import parse as parse_id
from parcelbench.ids.countries import COUNTRY_NAMES

MAX_TEXT = 512
MAX_WEIGHT_KG = 1000.0
MAX_VALUE = Decimal(10_000_000)
MAX_QUANTITY = 1_000_000
MAX_VERSION = 1_000_000
AED_ID_KINDS = ("s10", "impb")

_PLAIN_DECIMAL = re.compile(r"(?:0|[1-9]\d{0,6})(?:\.\d{1,4})?")  # < MAX_VALUE
_PLAIN_WEIGHT = re.compile(r"\d{1,4}(?:\.\d{1,6})?")
_HS_CODE = re.compile(r"\d{6,10}")
_HS_STRIP = str.maketrans("", "", ". -")
_PARTY_FIELD_SET = frozenset(PARTY_FIELDS)


class _Problems:
    """Collects the problems of one item (all of them, not just the first)."""

    __slots__ = ("file", "item_id", "line", "rejections")

    def __init__(self, file: str, line: int) -> None:
        self.file = file
        self.line = line
        self.item_id: str | None = None
        self.rejections: list[Rejection] = []

    def add(self, field: str, reason: str) -> None:
        self.rejections.append(Rejection(self.file, self.line, self.item_id, field, reason))


def _text(value: Any, field: str, p: _Problems) -> str | None:
    if value.__class__ is str:
        value = value.strip()
        if not value:
            return None
        if len(value) > MAX_TEXT:
            p.add(field, f"is {len(value)} characters long; at most {MAX_TEXT} are allowed")
            return None
        return value
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        p.add(field, f"must be text, got {type(value).__name__}")
        return None
    return _text(str(value), field, p)


def _number_text(value: Any, field: str, p: _Problems) -> str | None:
    """A number's text: JSON numbers are accepted as well as strings."""
    if isinstance(value, bool):
        p.add(field, "must be a number, got true/false")
        return None
    if isinstance(value, int | float):
        return repr(value)
    return _text(value, field, p)


def _explain_number(text: str, field: str, p: _Problems, *, positive: bool, limit: Any) -> None:
    """Slow path: say why a number was not accepted."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        p.add(field, f"{text!r} is not a number")
        return
    if not number.is_finite():
        p.add(field, f"{text!r} is not a finite number")
    elif number < 0:
        p.add(field, f"must not be negative, got {text}")
    elif positive and number == 0:
        p.add(field, f"must be greater than 0, got {text}")
    elif number > limit:
        p.add(field, f"{text} is out of range (at most {limit})")
    else:
        p.add(field, f"{text} has too many decimal places")


def _money(value: Any, field: str, p: _Problems) -> str | None:
    text = _number_text(value, field, p)
    if text is None:
        return None
    if _PLAIN_DECIMAL.fullmatch(text):
        return text
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is not None and number.is_finite() and 0 <= number <= MAX_VALUE:
        normal = format(number, "f")
        if _PLAIN_DECIMAL.fullmatch(normal) or _PLAIN_DECIMAL.fullmatch(normal.lstrip("+")):
            return normal
    _explain_number(text, field, p, positive=False, limit=MAX_VALUE)
    return None


def _weight(value: Any, field: str, p: _Problems) -> float | None:
    text = _number_text(value, field, p)
    if text is None:
        return None
    if _PLAIN_WEIGHT.fullmatch(text):
        number = float(text)
        if 0 < number <= MAX_WEIGHT_KG:
            return number
    else:
        try:
            number = float(Decimal(text))
        except InvalidOperation:
            number = math.nan
        if 0 < number <= MAX_WEIGHT_KG:
            return number
    _explain_number(text, field, p, positive=True, limit=MAX_WEIGHT_KG)
    return None


def _int(value: Any, field: str, p: _Problems, *, low: int, high: int) -> int | None:
    if isinstance(value, bool):
        p.add(field, "must be a whole number, got true/false")
        return None
    if value.__class__ is int:
        number = value
    else:
        text = _number_text(value, field, p)
        if text is None:
            return None
        if text.isascii() and text.isdigit() and len(text) < 10:  # "²" is a digit, not a number
            number = int(text)
        else:
            try:
                dec = Decimal(text)
                if not dec.is_finite() or dec != dec.to_integral_value():
                    raise InvalidOperation
                number = int(dec)
            except InvalidOperation:
                p.add(field, f"{text!r} is not a whole number")
                return None
    if not low <= number <= high:
        p.add(field, f"{number} is out of range ({low}–{high})")
        return None
    return number


def _code(value: Any, field: str, p: _Problems, known: Any, what: str) -> str | None:
    text = _text(value, field, p)
    if text is None:
        return None
    code = text.upper()
    if code not in known:
        p.add(field, f"{text!r} is not {what}")
        return None
    return code


def _country(value: Any, field: str, p: _Problems) -> str | None:
    return _code(value, field, p, COUNTRY_NAMES, "an ISO 3166-1 alpha-2 country code")


def _currency(value: Any, field: str, p: _Problems) -> str | None:
    return _code(value, field, p, CURRENCY_CODES, "an ISO 4217 currency code")


def _choice(value: Any, field: str, p: _Problems, allowed: frozenset[str]) -> str | None:
    text = _text(value, field, p)
    if text is None:
        return None
    lowered = text.lower()
    if lowered not in allowed:
        p.add(field, f"{text!r} is not one of {', '.join(sorted(allowed))}")
        return None
    return lowered


def _timestamp(value: Any, field: str, p: _Problems) -> str | None:
    text = _text(value, field, p)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        p.add(field, f"{text!r} is not an ISO 8601 date-time")
        return None
    if not 2000 <= moment.year <= 2100:
        p.add(field, f"{text} is out of range (years 2000–2100)")
        return None
    return text


def _party(value: Any, role: str, p: _Problems) -> Party | None:
    if value is None:
        value = {}
    elif value.__class__ is not dict:
        p.add(role, "must be an object with name, street, city, country, …")
        return None
    fields: dict[str, str] = {}
    for name, raw in value.items():
        if name not in _PARTY_FIELD_SET:
            continue
        if raw.__class__ is str:  # fast path: inline `_text`
            raw = raw.strip()
            if raw and len(raw) <= MAX_TEXT:
                fields[name] = raw
                continue
        text = _text(raw, f"{role}.{name}", p)
        if text is not None:
            fields[name] = text
    country = fields.get("country")
    if country is not None:
        code = country.upper()
        if code in COUNTRY_NAMES:
            fields["country"] = code
        else:
            p.add(f"{role}.country", f"{country!r} is not an ISO 3166-1 alpha-2 country code")
            return None
    email = fields.get("email")
    if email is not None and "@" not in email:
        p.add(f"{role}.email", f"{email!r} is not an e-mail address")
    if "name" in fields and "country" in fields:
        return Party(**fields)  # type: ignore[arg-type]
    for name in ("name", "country"):
        if name not in fields and value.get(name) in (None, ""):
            p.add(f"{role}.{name}", "is required")
    return None


def _hs_code(value: Any, field: str, p: _Problems) -> str | None:
    text = _text(value, field, p)
    if text is None:
        return None
    digits = text if text.isdigit() else text.translate(_HS_STRIP)
    if not _HS_CODE.fullmatch(digits):
        p.add(field, f"{text!r} is not an HS code (6–10 digits, dots allowed)")
        return None
    return digits


def _content(value: Any, index: int, p: _Problems) -> ContentPiece | None:
    if value.__class__ is not dict:
        p.add(f"contents[{index}]", "must be an object with description, quantity, …")
        return None
    get = value.get
    description = get("description")
    if description.__class__ is str and 0 < len(description) <= MAX_TEXT:
        description = description.strip()
    else:
        description = _text(description, f"contents[{index}].description", p)
    if not description and not get("description"):
        p.add(f"contents[{index}].description", "is required")
    quantity = get("quantity")
    if (
        quantity.__class__ is str
        and quantity.isascii()
        and quantity.isdigit()
        and len(quantity) < 7
    ):
        quantity = int(quantity)
    elif quantity.__class__ is not int:
        if quantity is None or quantity == "":
            p.add(f"contents[{index}].quantity", "is required")
            quantity = None
        else:
            quantity = _int(quantity, f"contents[{index}].quantity", p, low=1, high=MAX_QUANTITY)
    if quantity is not None and not 1 <= quantity <= MAX_QUANTITY:
        p.add(f"contents[{index}].quantity", f"{quantity} is out of range (1–{MAX_QUANTITY})")
        quantity = None
    weight = get("net_weight_kg")
    money = get("value")
    currency = get("currency")
    hs_code = get("hs_code")
    origin = get("origin_country")
    if weight is not None:
        if weight.__class__ is str and _PLAIN_WEIGHT.fullmatch(weight):
            weight = float(weight)
            if not 0 < weight <= MAX_WEIGHT_KG:
                weight = _weight(get("net_weight_kg"), f"contents[{index}].net_weight_kg", p)
        else:
            weight = _weight(weight, f"contents[{index}].net_weight_kg", p)
    if money is not None and not (money.__class__ is str and _PLAIN_DECIMAL.fullmatch(money)):
        money = _money(money, f"contents[{index}].value", p)
    # A list or an object (JSON Lines) is not hashable: only a string is looked up directly.
    if currency is not None and (currency.__class__ is not str or currency not in CURRENCY_CODES):
        currency = _currency(currency, f"contents[{index}].currency", p)
    if hs_code is not None and not (hs_code.__class__ is str and _HS_CODE.fullmatch(hs_code)):
        hs_code = _hs_code(hs_code, f"contents[{index}].hs_code", p)
    if origin is not None and (origin.__class__ is not str or origin not in COUNTRY_NAMES):
        origin = _country(origin, f"contents[{index}].origin_country", p)
    if description and quantity:
        return ContentPiece(description, quantity, weight, money, currency, hs_code, origin)
    return None


def _list(value: Any, field: str, p: _Problems) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        p.add(field, "must be a list of text")
        return ()
    out = []
    for i, entry in enumerate(value):
        text = _text(entry, f"{field}[{i}]", p)
        if text is not None:
            out.append(text)
    return tuple(out)


def _item_id(raw_id: Any, p: _Problems) -> str | None:
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        p.add("item_id", "is required")
        return None
    if not isinstance(raw_id, str):
        p.add("item_id", f"must be text, got {type(raw_id).__name__}")
        return None
    parsed = parse_id(raw_id)
    p.item_id = parsed.normalized or raw_id
    if parsed.kind not in AED_ID_KINDS:
        p.add("item_id", f"{raw_id!r} is not a UPU S10 or USPS IMpb item id")
        return None
    if not parsed.valid:
        p.add("item_id", f"{raw_id!r}: {parsed.error}")
        return None
    return parsed.normalized


_TEXT_FIELDS = frozenset({"category_explanation", "invoice_no", "comments"})


def validate_item(data: dict[str, Any], *, file: str, line: int) -> AedItem | list[Rejection]:
    """Return the item, or every problem found in it (the item is then not imported)."""
    p = _Problems(file, line)
    get = data.get
    item_id = _item_id(get("item_id"), p)
    raw_version = get("version")
    if raw_version is None or raw_version == "":
        version: int | None = 1
    elif (
        raw_version.__class__ is str
        and raw_version.isascii()
        and raw_version.isdigit()
        and len(raw_version) < 7
    ):
        version = int(raw_version) or _int(raw_version, "version", p, low=1, high=MAX_VERSION)
    else:
        version = _int(raw_version, "version", p, low=1, high=MAX_VERSION)

    contents_raw = get("contents")
    contents: list[ContentPiece] = []
    if contents_raw.__class__ is not list or not contents_raw:
        p.add("contents", "at least one content piece (description and quantity) is required")
    else:
        for i, entry in enumerate(contents_raw):
            piece = _content(entry, i, p)
            if piece is not None:
                contents.append(piece)

    fields: dict[str, Any] = {}
    for name, raw in data.items():
        if raw is None:
            continue
        if name in _TEXT_FIELDS:
            if raw.__class__ is str:
                raw = raw.strip()
                if raw and len(raw) <= MAX_TEXT:
                    fields[name] = raw
                    continue
            text = _text(raw, name, p)
            if text is not None:
                fields[name] = text
        elif name == "total_value" or name == "postal_charges":
            if raw.__class__ is str and _PLAIN_DECIMAL.fullmatch(raw):
                fields[name] = raw
            else:
                fields[name] = _money(raw, name, p)
        elif name == "currency":
            if raw.__class__ is str and raw in CURRENCY_CODES:
                fields[name] = raw
            else:
                fields[name] = _currency(raw, name, p)
        elif name == "gross_weight_kg":
            fields[name] = _weight(raw, name, p)
        elif name == "sent_at":
            fields[name] = _timestamp(raw, name, p)
        elif name == "mail_class":
            fields[name] = (
                raw
                if raw.__class__ is str and raw in MAIL_CLASSES
                else _choice(raw, name, p, MAIL_CLASSES)
            )
        elif name == "category":
            fields[name] = (
                raw
                if raw.__class__ is str and raw in CATEGORIES
                else _choice(raw, name, p, CATEGORIES)
            )
        elif (name == "licence_nos" or name == "certificate_nos") and raw:
            fields[name] = _list(raw, name, p)
    if fields.get("total_value") is not None and not get("currency"):
        p.add("currency", "is required when total_value is given")

    sender = _party(get("sender"), "sender", p)
    addressee = _party(get("addressee"), "addressee", p)
    if p.rejections or item_id is None or version is None or sender is None or addressee is None:
        if not p.rejections:  # defensive: never drop an item without saying why
            p.add("item", "could not be read")
        return p.rejections
    return AedItem(item_id, sender, addressee, tuple(contents), version, **fields)
