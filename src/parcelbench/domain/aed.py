"""Advance electronic data (AED) for one postal item, as the interchange format defines it.

Field names follow the JSON/CSV names of the ParcelBench AED interchange format, so an item can
be turned back into the exact JSON an officer or HQ operator sees (`to_json`). Money stays a
decimal string: declared values are evidence and must not pick up binary rounding.

The classes are slotted but not frozen: a frozen dataclass's __init__ costs several times more,
and a million-item import builds four of them per item. Nothing mutates them after
validation; treat them as values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PARTY_FIELDS: tuple[str, ...] = (
    "name",
    "business",
    "street",
    "city",
    "postcode",
    "state",
    "country",
    "phone",
    "email",
    "tax_id",
)

CONTENT_FIELDS: tuple[str, ...] = (
    "description",
    "quantity",
    "net_weight_kg",
    "value",
    "currency",
    "hs_code",
    "origin_country",
)

MAIL_CLASSES: frozenset[str] = frozenset({"letter", "parcel", "ems", "other"})
CATEGORIES: frozenset[str] = frozenset(
    {
        "gift",
        "documents",
        "commercial_sample",
        "returned_goods",
        "sale_of_goods",
        "mixed",
        "other",
    }
)


@dataclass(slots=True)
class Party:
    """Sender or addressee as declared; normalisation for matching lives in `risk`."""

    name: str
    country: str
    business: str | None = None
    street: str | None = None
    city: str | None = None
    postcode: str | None = None
    state: str | None = None
    phone: str | None = None
    email: str | None = None
    tax_id: str | None = None

    def to_json(self) -> dict[str, str]:
        return {k: v for k in PARTY_FIELDS if (v := getattr(self, k)) is not None}


@dataclass(slots=True)
class ContentPiece:
    """One declared content line (the electronic CN 22/CN 23 line)."""

    description: str
    quantity: int
    net_weight_kg: float | None = None
    value: str | None = None
    currency: str | None = None
    hs_code: str | None = None
    origin_country: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"description": self.description, "quantity": self.quantity}
        for key in ("net_weight_kg", "value", "currency", "hs_code", "origin_country"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(slots=True)
class AedItem:
    """One version of the AED for a postal item.

    `item_id` is the normalized identifier (S10 13 chars, IMpb tracking digits without the
    routing prefix) so a scan and an import always meet on the same key.
    """

    item_id: str
    sender: Party
    addressee: Party
    contents: tuple[ContentPiece, ...]
    version: int = 1
    sent_at: str | None = None
    mail_class: str | None = None
    category: str | None = None
    category_explanation: str | None = None
    gross_weight_kg: float | None = None
    total_value: str | None = None
    currency: str | None = None
    postal_charges: str | None = None
    invoice_no: str | None = None
    licence_nos: tuple[str, ...] = field(default=())
    certificate_nos: tuple[str, ...] = field(default=())
    comments: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The item in the interchange format's JSON shape (absent fields omitted)."""
        out: dict[str, Any] = {"item_id": self.item_id, "version": self.version}
        for key in ITEM_SCALAR_FIELDS:
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.licence_nos:
            out["licence_nos"] = list(self.licence_nos)
        if self.certificate_nos:
            out["certificate_nos"] = list(self.certificate_nos)
        out["sender"] = self.sender.to_json()
        out["addressee"] = self.addressee.to_json()
        out["contents"] = [c.to_json() for c in self.contents]
        return out


ITEM_SCALAR_FIELDS: tuple[str, ...] = (
    "sent_at",
    "mail_class",
    "category",
    "category_explanation",
    "gross_weight_kg",
    "total_value",
    "currency",
    "postal_charges",
    "invoice_no",
    "comments",
)


@dataclass(frozen=True, slots=True)
class StoredItem:
    """An item version as held: the AED plus its place in the history."""

    item: AedItem
    is_current: bool
    imported_at: str
    superseded_at: str | None

    def to_json(self) -> dict[str, Any]:
        out = self.item.to_json()
        out["status"] = {
            "current": self.is_current,
            "imported_at": self.imported_at,
            "superseded_at": self.superseded_at,
        }
        return out


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One current item found by `search`: enough for a results list."""

    item_id: str
    sender: str
    addressee: str
    first_description: str

    def to_json(self) -> dict[str, str]:
        return {
            "item_id": self.item_id,
            "sender": self.sender,
            "addressee": self.addressee,
            "first_description": self.first_description,
        }
