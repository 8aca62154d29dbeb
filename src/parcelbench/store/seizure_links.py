"""Seizure links: the parties of seized parcels, and the later parcels that share them.

When a parcel is seized, the entity keys of both its parties are stored (`mark_seizure`, inside
the seizure's own transaction); every later parcel is looked up against them
(`seizure_links`), exactly by key and, for addresses, fuzzily among the seized addresses with
the same postcode and house number. This is the counter-network the risk engine reads through
`store.history.StoreHistory`.

Keys come from `parcelbench.risk.entities` (pure functions); the text as entered is stored next
to every key, so keys can be recomputed if the normalisation rules change.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from parcelbench.domain.aed import AedItem, Party
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.risk import NetworkLink
from parcelbench.domain.seizures import SeizedEntity
from parcelbench.risk.entities import (
    ADDRESS_MATCH_THRESHOLD,
    address_block,
    address_display,
    address_similarity,
    entity_keys,
)
from parcelbench.store.journal import audit_and_enqueue


def _parties(item: AedItem) -> tuple[tuple[str, Party], ...]:
    return (("sender", item.sender), ("addressee", item.addressee))


def _display(party: Party, kind: str, key: str, business_key: str | None) -> str:
    if kind == "name":
        return (party.business if key == business_key else party.name) or party.name
    if kind == "address":
        return address_display(party)
    if kind == "phone":
        return party.phone or ""
    return party.email or ""


def mark_seizure(
    conn: sqlite3.Connection,
    *,
    seizure_number: str,
    item_id: str,
    item: AedItem,
    actor: str = "bench",
) -> int:
    """Store the entity keys of both parties of a seized parcel; returns the rows written.

    Runs inside the caller's transaction (the one that records the seizure), so a seizure and
    its network entries commit together, with their event for HQ (`seizure.parties`), which
    fans them out to every other bench. Marking twice is harmless.
    """
    if not conn.in_transaction:
        raise RuntimeError("mark_seizure runs inside the seizure's own transaction")
    now = utc_now_iso()
    rows: list[tuple[Any, ...]] = []
    for role, party in _parties(item):
        keys = entity_keys(party)
        for kind, key in keys.pairs():
            rows.append(
                (
                    seizure_number,
                    item_id,
                    role,
                    kind,
                    key,
                    address_block(key) if kind == "address" else None,
                    _display(party, kind, key, keys.business),
                    now,
                )
            )
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO seized_entities (seizure_number, item_id, role, kind, key, block, "
        "display, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    written = conn.total_changes - before
    if written:  # HQ fans them out to every bench of every facility (the counter-network)
        audit_and_enqueue(
            conn,
            actor=actor,
            action="seizure.parties",
            entity=f"seizure_parties:{seizure_number}",
            payload={
                "seizure_number": seizure_number,
                "item_id": item_id,
                "entities": [
                    {"role": r[2], "kind": r[3], "key": r[4], "block": r[5], "display": r[6]}
                    for r in rows
                ],
            },
        )
    return written


def add_remote(
    conn: sqlite3.Connection,
    *,
    seizure_number: str,
    item_id: str,
    facility: str,
    entities: list[dict[str, Any]],
) -> int:
    """The parties of a seizure made at another bench (HQ's feed), into this bench's network,
    with the facility it was made at; a seizure this bench made itself is already there.
    Inside the caller's transaction; no audit row (derived, and rebuilt from the feed)."""
    now = utc_now_iso()
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO seized_entities (seizure_number, item_id, role, kind, key, block, "
        "display, created_at, facility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (seizure_number, item_id, e["role"], e["kind"], e["key"], e.get("block"),
             e.get("display") or "", now, facility)
            for e in entities
        ],
    )  # fmt: skip
    return conn.total_changes - before


def seized_entities(conn: sqlite3.Connection, seizure_number: str) -> list[SeizedEntity]:
    """What a seizure put into the network (for the seizure report and for tests)."""
    rows = conn.execute(
        "SELECT seizure_number, item_id, role, kind, key, display, created_at "
        "FROM seized_entities WHERE seizure_number = ? ORDER BY role, kind, key",
        (seizure_number,),
    ).fetchall()
    return [SeizedEntity(*row) for row in rows]


def _keep(best: dict[tuple[str, str], NetworkLink], link: NetworkLink) -> None:
    slot = (link.entity, link.seizure)
    held = best.get(slot)
    if held is None or link.similarity > held.similarity:
        best[slot] = link


def seizure_links(conn: sqlite3.Connection, item: AedItem) -> list[NetworkLink]:
    """This parcel's parties that match parties of earlier seizures, best first.

    Exact key lookups for every kind (indexed), then fuzzy address matching against the seized
    addresses in the same block (country, postcode — or city without one — and house number):
    a block holds a handful of seized addresses, so the comparison stays far under a
    millisecond even with thousands of seizures in one postcode. A match may cross
    roles (this sender's phone was a seized addressee's phone): the number is the link. One
    link per (entity, seizure), the strongest; a parcel never links to its own seizure.
    """
    best: dict[tuple[str, str], NetworkLink] = {}
    for role, party in _parties(item):
        keys = entity_keys(party)
        for kind, key in keys.pairs():
            entity = f"{role} {kind}"
            for seizure, seized_item, facility in conn.execute(
                "SELECT seizure_number, item_id, facility FROM seized_entities "
                "WHERE kind = ? AND key = ? AND item_id != ?",
                (kind, key, item.item_id),
            ):
                _keep(best, NetworkLink(entity, kind, seizure, seized_item, 1.0, facility))
        if keys.address is not None:
            entity = f"{role} address"
            for seizure, seized_item, other, facility in conn.execute(
                "SELECT seizure_number, item_id, key, facility FROM seized_entities "
                "WHERE kind = 'address' AND block = ? AND key != ? AND item_id != ?",
                (address_block(keys.address), keys.address, item.item_id),
            ):
                similarity = address_similarity(keys.address, other)
                if similarity >= ADDRESS_MATCH_THRESHOLD:
                    link = NetworkLink(
                        entity, "address", seizure, seized_item, similarity, facility
                    )
                    _keep(best, link)
    return sorted(best.values(), key=lambda link: (-link.similarity, link.seizure, link.entity))
