"""The AED interchange vocabulary: one list of names, three encodings.

JSON and CSV use snake_case names; XML uses the same names in PascalCase. Keeping the mapping in
one place means the readers and writers cannot drift apart.
"""

from __future__ import annotations

from parcelbench.domain.aed import CONTENT_FIELDS, ITEM_SCALAR_FIELDS, PARTY_FIELDS

XML_NAMESPACE = "urn:parcelbench:aed:1"

__all__ = ["CONTENT_FIELDS", "ITEM_SCALAR_FIELDS", "PARTY_FIELDS"]

LIST_FIELDS: dict[str, str] = {"licence_nos": "LicenceNo", "certificate_nos": "CertificateNo"}
PARTY_ROLES: tuple[str, ...] = ("sender", "addressee")

#: Separator for list fields (licence/certificate numbers) inside one CSV cell.
CSV_LIST_SEPARATOR = "|"


def pascal(name: str) -> str:
    """`gross_weight_kg` → `GrossWeightKg` (the XML element name)."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


ITEM_XML_TAGS: dict[str, str] = {
    pascal(name): name for name in ("item_id", "version", *ITEM_SCALAR_FIELDS)
}
PARTY_XML_TAGS: dict[str, str] = {pascal(name): name for name in PARTY_FIELDS}
CONTENT_XML_TAGS: dict[str, str] = {pascal(name): name for name in CONTENT_FIELDS}

CSV_ITEM_COLUMNS: tuple[str, ...] = (
    "item_id",
    "version",
    *ITEM_SCALAR_FIELDS,
    *LIST_FIELDS,
    *(f"{role}_{name}" for role in PARTY_ROLES for name in PARTY_FIELDS),
)
CSV_CONTENT_COLUMNS: tuple[str, ...] = tuple(f"content_{name}" for name in CONTENT_FIELDS)
CSV_COLUMNS: tuple[str, ...] = CSV_ITEM_COLUMNS + CSV_CONTENT_COLUMNS
