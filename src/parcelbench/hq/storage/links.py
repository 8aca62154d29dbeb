"""HQ's own link search: the parties of every AED item HQ published, against the parties of
every seizure anywhere — the parcels not yet examined that share a sender or addressee (name,
address, phone, e-mail) with a seizure, for a targeter to turn into holds.

Why at HQ as well as on the benches: a bench links only the parcels it scans; HQ holds the AED
of every facility and can list a linked parcel before it reaches any bench. Keys are the
benches' own (`risk.entities`), matched as the benches match them: exactly, and for addresses
also fuzzily among the seized addresses of the same block (country, postcode or city, house
number), so a misspelt street still links.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from parcelbench.domain.aed import Party
from parcelbench.hq.storage.db import Database, Tx
from parcelbench.ids import parse
from parcelbench.risk.entities import (
    ADDRESS_MATCH_THRESHOLD,
    address_block,
    address_similarity,
    entity_keys,
)

BATCH = 5000


def _party(data: Any) -> Party | None:
    if not isinstance(data, dict):
        return None

    def text(name: str) -> str | None:
        value = data.get(name)
        return value.strip() if isinstance(value, str) and value.strip() else None

    return Party(
        name=text("name") or "",
        country=text("country") or "",
        business=text("business"),
        street=text("street"),
        city=text("city"),
        postcode=text("postcode"),
        state=text("state"),
        phone=text("phone"),
        email=text("email"),
    )


Row = tuple[str, str, str, str, str, str, str | None]


def rows_of(item: dict[str, Any]) -> list[Row]:
    """(item, origin, role, kind, key, display, block) for both parties of one AED item as
    read; the block (addresses only) is what fuzzy matching compares within."""
    parsed = parse(str(item.get("item_id", "")))
    if not parsed.valid:
        return []
    item_id = parsed.normalized
    origin = item_id[11:] if parsed.kind == "s10" and len(item_id) == 13 else "other"
    out = []
    for role in ("sender", "addressee"):
        party = _party(item.get(role))
        if party is None:
            continue
        for kind, key in entity_keys(party).pairs():
            shown = {"name": party.name, "phone": party.phone, "email": party.email}.get(kind)
            block = address_block(key) if kind == "address" else None
            out.append((item_id, origin, role, kind, key, shown or key, block))
    return out


def index(db: Database, items: Iterable[dict[str, Any]]) -> int:
    """Index the parties of AED items as they are read, in ONE transaction: a file refused
    part-way (its reader raises) leaves nothing behind. The rows written."""
    written = 0
    batch: list[Row] = []
    with db.tx() as tx:
        for item in items:
            batch.extend(rows_of(item))
            if len(batch) >= BATCH:
                written += _write(tx, batch)
                batch = []
        if batch:
            written += _write(tx, batch)
    return written


def _write(tx: Tx, rows: list[Row]) -> int:
    tx.many(
        "INSERT INTO rm_aed_parties (item_id, origin, role, kind, key, display, block) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id, role, kind, key) DO NOTHING",
        rows,
    )
    return len(rows)


def fill_blocks(tx: Tx) -> None:
    """The block of every address HQ indexed before blocks were kept (migration 5)."""
    rows = tx.rows("SELECT item_id, role, key FROM rm_aed_parties WHERE kind = 'address'")
    tx.many(
        "UPDATE rm_aed_parties SET block = ? WHERE item_id = ? AND role = ? "
        "AND kind = 'address' AND key = ?",
        [(address_block(key), item_id, role, key) for item_id, role, key in rows],
    )


@dataclass(frozen=True, slots=True)
class Link:
    item_id: str
    origin: str
    entity: str  # "addressee phone"
    shown: str
    seizure_number: str
    facility: str
    seized_item: str
    similarity: float = 1.0  # below 1: addresses alike, not the same


def unexamined_links(db: Database, limit: int = 10_000) -> list[Link]:
    """Published parcels no bench has inspected that share a party key with a seizure."""
    with db.tx(write=False) as tx:
        return _links(tx, limit)


_NOT_EXAMINED = "NOT EXISTS (SELECT 1 FROM rm_inspections i WHERE i.item_id = a.item_id)"


def _links(tx: Tx, limit: int) -> list[Link]:
    exact = tx.rows(
        "SELECT a.item_id, a.origin, a.role, a.kind, a.display, s.seizure_number, s.facility, "
        "s.item_id FROM rm_aed_parties a JOIN rm_seized_parties s "
        "ON s.kind = a.kind AND s.key = a.key "
        f"WHERE a.item_id <> s.item_id AND {_NOT_EXAMINED} "
        "ORDER BY a.item_id, s.seizure_number, a.role, a.kind LIMIT ?",
        (limit,),
    )
    found = {
        (r[0], r[5], r[2], r[3]): Link(r[0], r[1], f"{r[2]} {r[3]}", r[4], r[5], r[6], r[7])
        for r in exact
    }
    alike = tx.rows(
        "SELECT a.item_id, a.origin, a.role, a.display, s.seizure_number, s.facility, "
        "s.item_id, a.key, s.key FROM rm_aed_parties a JOIN rm_seized_parties s "
        "ON s.block = a.block AND s.kind = 'address' "
        "WHERE a.kind = 'address' AND a.key <> s.key AND a.item_id <> s.item_id "
        f"AND {_NOT_EXAMINED}"
    )
    for item, origin, role, shown, number, facility, seized, key, other in alike:
        similarity = address_similarity(key, other)
        where = (item, number, role, "address")
        if similarity >= ADDRESS_MATCH_THRESHOLD and where not in found:
            found[where] = Link(
                item, origin, f"{role} address", shown, number, facility, seized, similarity
            )
    ordered = sorted(found.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2], kv[0][3]))
    return [link for _, link in ordered][:limit]
