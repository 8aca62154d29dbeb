"""Per-item validation: turn a raw item into an `AedItem`, or say exactly what is wrong.

Every problem is reported with the field it is in, so an HQ operator can fix the sending system.
Only the fields the law and the bench cannot do without are required (item id, the two parties'
names and countries, at least one described content piece with a quantity); other gaps are kept
as gaps, because the risk engine flags incomplete AED and that is more use to an officer than
no AED at all.
"""

from __future__ import annotations

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
from parcelbench.domain.currencies import is_currency
from parcelbench.ids import parse as parse_id
from parcelbench.ids.countries import is_country

MAX_TEXT = 512
MAX_WEIGHT_KG = Decimal(1000)
MAX_VALUE = Decimal(10_000_000)
MAX_QUANTITY = 1_000_000
MAX_VERSION = 1_000_000
_HS_CODE = re.compile(r"^\d{6,10}$")
_HS_STRIP = str.maketrans("", "", ". -")
AED_ID_KINDS = ("s10", "impb")


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
    if value is None:
        return None
    if not isinstance(value, str):
        if isinstance(value, bool) or not isinstance(value, int | float):
            p.add(field, f"must be text, got {type(value).__name__}")
            return None
        value = str(value)
    value = value.strip()
    if not value:
        return None
    if len(value) > MAX_TEXT:
        p.add(field, f"is {len(value)} characters long; at most {MAX_TEXT} are allowed")
        return None
    return value


def _decimal(
    value: Any, field: str, p: _Problems, *, limit: Decimal, positive: bool
) -> Decimal | None:
    text = (
        _text(value, field, p)
        if not isinstance(value, int | float) or isinstance(value, bool)
        else str(value)
    )
    if text is None:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        p.add(field, f"{text!r} is not a number")
        return None
    if not number.is_finite():
        p.add(field, f"{text!r} is not a finite number")
        return None
    if positive and number <= 0:
        p.add(field, f"must be greater than 0, got {text}")
        return None
    if number < 0:
        p.add(field, f"must not be negative, got {text}")
        return None
    if number > limit:
        p.add(field, f"{text} is out of range (at most {limit})")
        return None
    return number


def _money(value: Any, field: str, p: _Problems) -> str | None:
    number = _decimal(value, field, p, limit=MAX_VALUE, positive=False)
    if number is None:
        return None
    if number.as_tuple().exponent < -4:  # type: ignore[operator]
        p.add(field, f"{value} has more than 4 decimal places")
        return None
    return format(number, "f")


def _weight(value: Any, field: str, p: _Problems) -> float | None:
    number = _decimal(value, field, p, limit=MAX_WEIGHT_KG, positive=True)
    return None if number is None else float(number)


def _int(value: Any, field: str, p: _Problems, *, low: int, high: int) -> int | None:
    if isinstance(value, bool):
        p.add(field, "must be a whole number, got true/false")
        return None
    if isinstance(value, int):
        number = value
    else:
        text = _text(value, field, p)
        if text is None:
            return None
        try:
            dec = Decimal(text)
            if dec != dec.to_integral_value():
                raise InvalidOperation
            number = int(dec)
        except InvalidOperation:
            p.add(field, f"{text!r} is not a whole number")
            return None
    if not low <= number <= high:
        p.add(field, f"{number} is out of range ({low}–{high})")
        return None
    return number


def _country(value: Any, field: str, p: _Problems) -> str | None:
    text = _text(value, field, p)
    if text is None:
        return None
    code = text.upper()
    if not is_country(code):
        p.add(field, f"{text!r} is not an ISO 3166-1 alpha-2 country code")
        return None
    return code


def _currency(value: Any, field: str, p: _Problems) -> str | None:
    text = _text(value, field, p)
    if text is None:
        return None
    code = text.upper()
    if not is_currency(code):
        p.add(field, f"{text!r} is not an ISO 4217 currency code")
        return None
    return code


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
    if not isinstance(value, dict):
        p.add(role, "must be an object with name, street, city, country, …")
        return None
    fields: dict[str, str | None] = {}
    for name in PARTY_FIELDS:
        if name == "country":
            fields[name] = _country(value.get(name), f"{role}.country", p)
        else:
            fields[name] = _text(value.get(name), f"{role}.{name}", p)
    email = fields.get("email")
    if email is not None and "@" not in email:
        p.add(f"{role}.email", f"{email!r} is not an e-mail address")
    missing = [n for n in ("name", "country") if not fields[n] and value.get(n) in (None, "")]
    for name in missing:
        p.add(f"{role}.{name}", "is required")
    if not fields["name"] or not fields["country"]:
        return None
    return Party(**fields)  # type: ignore[arg-type]


def _hs_code(value: Any, field: str, p: _Problems) -> str | None:
    text = _text(value, field, p)
    if text is None:
        return None
    digits = text.translate(_HS_STRIP)
    if not _HS_CODE.match(digits):
        p.add(field, f"{text!r} is not an HS code (6–10 digits, dots allowed)")
        return None
    return digits


def _content(value: Any, index: int, p: _Problems) -> ContentPiece | None:
    where = f"contents[{index}]"
    if not isinstance(value, dict):
        p.add(where, "must be an object with description, quantity, …")
        return None
    description = _text(value.get("description"), f"{where}.description", p)
    if description is None and not value.get("description"):
        p.add(f"{where}.description", "is required")
    raw_quantity = value.get("quantity")
    if raw_quantity is None or raw_quantity == "":
        p.add(f"{where}.quantity", "is required")
        quantity = None
    else:
        quantity = _int(raw_quantity, f"{where}.quantity", p, low=1, high=MAX_QUANTITY)
    piece = ContentPiece(
        description=description or "",
        quantity=quantity or 0,
        net_weight_kg=_weight(value.get("net_weight_kg"), f"{where}.net_weight_kg", p),
        value=_money(value.get("value"), f"{where}.value", p),
        currency=_currency(value.get("currency"), f"{where}.currency", p),
        hs_code=_hs_code(value.get("hs_code"), f"{where}.hs_code", p),
        origin_country=_country(value.get("origin_country"), f"{where}.origin_country", p),
    )
    return piece if description and quantity else None


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


def validate_item(data: dict[str, Any], *, file: str, line: int) -> AedItem | list[Rejection]:
    """Return the item, or every problem found in it (the item is then not imported)."""
    p = _Problems(file, line)
    raw_id = data.get("item_id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        p.add("item_id", "is required")
        item_id = None
    elif not isinstance(raw_id, str):
        p.add("item_id", f"must be text, got {type(raw_id).__name__}")
        item_id = None
    else:
        parsed = parse_id(raw_id)
        p.item_id = parsed.normalized or raw_id
        if parsed.kind not in AED_ID_KINDS:
            p.add("item_id", f"{raw_id!r} is not a UPU S10 or USPS IMpb item id")
            item_id = None
        elif not parsed.valid:
            p.add("item_id", f"{raw_id!r}: {parsed.error}")
            item_id = None
        else:
            item_id = parsed.normalized

    raw_version = data.get("version")
    version = (
        1 if raw_version in (None, "") else _int(raw_version, "version", p, low=1, high=MAX_VERSION)
    )

    contents_raw = data.get("contents")
    contents: list[ContentPiece] = []
    if not isinstance(contents_raw, list) or not contents_raw:
        p.add("contents", "at least one content piece (description and quantity) is required")
    else:
        for i, entry in enumerate(contents_raw):
            piece = _content(entry, i, p)
            if piece is not None:
                contents.append(piece)

    total_value = _money(data.get("total_value"), "total_value", p)
    currency = _currency(data.get("currency"), "currency", p)
    if total_value is not None and currency is None and not data.get("currency"):
        p.add("currency", "is required when total_value is given")

    item_kwargs: dict[str, Any] = {
        "sent_at": _timestamp(data.get("sent_at"), "sent_at", p),
        "mail_class": _choice(data.get("mail_class"), "mail_class", p, MAIL_CLASSES),
        "category": _choice(data.get("category"), "category", p, CATEGORIES),
        "category_explanation": _text(data.get("category_explanation"), "category_explanation", p),
        "gross_weight_kg": _weight(data.get("gross_weight_kg"), "gross_weight_kg", p),
        "total_value": total_value,
        "currency": currency,
        "postal_charges": _money(data.get("postal_charges"), "postal_charges", p),
        "invoice_no": _text(data.get("invoice_no"), "invoice_no", p),
        "licence_nos": _list(data.get("licence_nos"), "licence_nos", p),
        "certificate_nos": _list(data.get("certificate_nos"), "certificate_nos", p),
        "comments": _text(data.get("comments"), "comments", p),
    }
    sender = _party(data.get("sender"), "sender", p)
    addressee = _party(data.get("addressee"), "addressee", p)
    if p.rejections or item_id is None or version is None or sender is None or addressee is None:
        if not p.rejections:  # defensive: never drop an item without saying why
            p.add("item", "could not be read")
        return p.rejections
    return AedItem(
        item_id=item_id,
        version=version,
        sender=sender,
        addressee=addressee,
        contents=tuple(contents),
        **item_kwargs,
    )
