"""An arrival: one scan of a parcel at a bench, as HQ counts it — was its AED there, on time,
and how complete.

Why these three: the STOP Act measures the posts by the share of items that arrive with AED and
by the quality of that data, and AED is due before the item is loaded abroad, so data that only
came after the parcel reached the facility was late. The bench knows all three the instant it
scans; HQ adds them up per origin post and month (`parcelbench hq stats`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from parcelbench.domain.aed import AedItem, Party

#: The elements 19 CFR 145.74 and GAO list for AED on goods (DOMAIN.md section 3): sender and
#: addressee name and address, content description, number of pieces, total weight, declared
#: value (the item id is the record's key, always there).
ELEMENTS = (
    "sender name",
    "sender address",
    "addressee name",
    "addressee address",
    "content description",
    "number of pieces",
    "total weight",
    "declared value",
)


def _address(party: Party) -> bool:
    return bool((party.street or "").strip() and (party.city or "").strip() and party.country)


def missing_elements(item: AedItem) -> list[str]:
    """The required AED elements this declaration lacks, in `ELEMENTS` order."""
    pieces = item.contents
    present = {
        "sender name": bool(item.sender.name.strip()),
        "sender address": _address(item.sender),
        "addressee name": bool(item.addressee.name.strip()),
        "addressee address": _address(item.addressee),
        "content description": bool(pieces) and all(p.description.strip() for p in pieces),
        "number of pieces": bool(pieces) and all(p.quantity > 0 for p in pieces),
        "total weight": bool(item.gross_weight_kg)
        or (bool(pieces) and all(p.net_weight_kg for p in pieces)),
        "declared value": item.total_value is not None
        or (bool(pieces) and all(p.value is not None for p in pieces)),
    }
    return [name for name in ELEMENTS if not present[name]]


def completeness(item: AedItem) -> float:
    """The share of the required elements present (1.0: a complete declaration)."""
    return round(1 - len(missing_elements(item)) / len(ELEMENTS), 4)


def on_time(aed_received: str | None, *arrivals: str | None) -> bool:
    """AED that reached the bench no later than the parcel reached the facility: the earliest
    of `arrivals` (ISO 8601; its first scan, a hold located, this scan). A timestamp that
    cannot be read is not on time."""
    if aed_received is None:
        return False
    try:
        arrived = min(datetime.fromisoformat(a) for a in arrivals if a)
        return datetime.fromisoformat(aed_received) <= arrived
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True, slots=True)
class AedAtScan:
    """What a scan knew of the parcel's AED: kept with the scan, sent to HQ as its arrival."""

    present: bool
    on_time: bool
    completeness: float | None  # None without AED
