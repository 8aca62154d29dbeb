"""The watchlist: parties HQ or a supervisor flagged, and the hits of a parcel on it.

Entries are matched on normalised entity keys (`parcelbench.risk.entities`), so spelling
variants of an address, phone or e-mail still hit; addresses and names also match fuzzily.
Every entry carries the reason it is listed, shown to the officer with each hit.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from parcelbench.domain.aed import AedItem, Party
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.lists import WatchEntry
from parcelbench.risk.entities import (
    KINDS,
    NAME_MATCH_THRESHOLD,
    address_block,
    address_matches,
    entity_keys,
    key_for,
    name_similarity,
)
from parcelbench.risk.history import WatchHit
from parcelbench.store import audit
from parcelbench.store.db import Store
from parcelbench.store.lists import ListError, clean, deactivate, why_no_key


def _parties(item: AedItem) -> tuple[tuple[str, Party], ...]:
    return (("sender", item.sender), ("addressee", item.addressee))


_WATCH_COLS = (
    "id, kind, value, country, city, postcode, key, reason, source, added_by, added_at, "
    "active, removed_by, removed_at"
)


def _watch(row: tuple[Any, ...]) -> WatchEntry:
    values = list(row)
    values[11] = bool(values[11])
    return WatchEntry(*values)


def get_watch(conn: sqlite3.Connection, entry_id: int) -> WatchEntry | None:
    row = conn.execute(f"SELECT {_WATCH_COLS} FROM watchlist WHERE id = ?", (entry_id,)).fetchone()
    return _watch(row) if row else None


def add_watch(
    store: Store,
    *,
    kind: str,
    value: str,
    reason: str,
    actor: str,
    country: str | None = None,
    city: str | None = None,
    postcode: str | None = None,
    source: str = "local",
) -> WatchEntry:
    """Put a party on the watchlist; one transaction with its audit row.

    The reason is required: a watchlist hit must tell the officer why it matters. The same key
    listed twice (active) is refused, naming the entry that holds it.
    """
    if kind not in KINDS:
        raise ListError(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    value_text = clean(value)
    reason_text = clean(reason)
    if value_text is None:
        raise ListError(f"a watchlist {kind} needs a value")
    if reason_text is None:
        raise ListError("a watchlist entry needs a reason (it is shown with every hit)")
    cc = (clean(country) or "").upper() or None
    key = key_for(kind, value_text, country=cc, city=clean(city), postcode=clean(postcode))
    if key is None:
        raise ListError(f"{value_text!r} {why_no_key(kind)}")
    block = address_block(key) if kind == "address" else None
    with store.transaction() as conn:
        held = conn.execute(
            "SELECT id, value FROM watchlist WHERE active = 1 AND kind = ? AND key = ?",
            (kind, key),
        ).fetchone()
        if held is not None:
            raise ListError(f"already on the watchlist as #{held[0]}: {held[1]}")
        cursor = conn.execute(
            "INSERT INTO watchlist (kind, value, country, city, postcode, key, block, reason, "
            "source, added_by, added_at, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            (
                kind,
                value_text,
                cc,
                clean(city),
                clean(postcode),
                key,
                block,
                reason_text,
                source,
                actor,
                utc_now_iso(),
            ),
        )
        entry = get_watch(conn, int(cursor.lastrowid or 0))
        assert entry is not None
        audit.append(
            conn,
            actor=actor,
            action="watchlist.added",
            entity=f"watchlist:{entry.id}",
            payload=entry.to_json(),
        )
    return entry


def remove_watch(store: Store, entry_id: int, *, actor: str) -> WatchEntry:
    """Deactivate a watchlist entry."""
    return deactivate(
        store,
        table="watchlist",
        row_id=entry_id,
        get=get_watch,
        action="watchlist.removed",
        entity=f"watchlist:{entry_id}",
        missing=f"no active watchlist entry #{entry_id}",
        actor=actor,
    )


def list_watch(
    conn: sqlite3.Connection, *, include_removed: bool = False, kind: str | None = None
) -> list[WatchEntry]:
    where = [] if include_removed else ["active = 1"]
    params: list[Any] = []
    if kind is not None:
        where.append("kind = ?")
        params.append(kind)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = conn.execute(f"SELECT {_WATCH_COLS} FROM watchlist{clause} ORDER BY id", params)
    return [_watch(row) for row in rows]


@dataclass(frozen=True, slots=True)
class WatchName:
    """An active name entry as the fuzzy name pass needs it (`StoreHistory` caches the list)."""

    value: str
    key: str
    reason: str


def watch_names(conn: sqlite3.Connection) -> list[WatchName]:
    """The active name entries, oldest first."""
    rows = conn.execute(
        "SELECT value, key, reason FROM watchlist WHERE active = 1 AND kind = 'name' ORDER BY id"
    )
    return [WatchName(*row) for row in rows]


def watchlist_hits(
    conn: sqlite3.Connection, item: AedItem, *, names: list[WatchName] | None = None
) -> list[WatchHit]:
    """Parties of this parcel on the watchlist: exact keys, fuzzy addresses and names.

    Names are matched fuzzily too (one letter off, a dropped middle name) because a watchlist
    is short and every hit is read by a person with the reason beside it; `names` lets a caller
    pass a cached list of the active name entries.
    """
    hits: list[WatchHit] = []
    seen: set[tuple[str, str, str]] = set()

    def hit(role: str, kind: str, value: str, reason: str) -> None:
        if (role, kind, value) not in seen:
            seen.add((role, kind, value))
            hits.append(WatchHit(role, kind, value, reason))

    name_entries = watch_names(conn) if names is None else names
    name_keys = [entry.key for entry in name_entries]
    for role, party in _parties(item):
        keys = entity_keys(party)
        for kind, key in keys.pairs():
            if kind == "name":
                continue  # below, with the fuzzy pass
            for value, reason in conn.execute(
                "SELECT value, reason FROM watchlist WHERE active = 1 AND kind = ? AND key = ?",
                (kind, key),
            ):
                hit(role, kind, value, reason)
        if keys.address is not None:
            for value, reason, other in conn.execute(
                "SELECT value, reason, key FROM watchlist "
                "WHERE active = 1 AND kind = 'address' AND block = ? AND key != ?",
                (address_block(keys.address), keys.address),
            ):
                if address_matches(keys.address, other):
                    hit(role, "address", value, reason)
        for key in (keys.name, keys.business):
            if key is None or not name_keys:
                continue
            candidates = process.extract(
                key,
                name_keys,
                scorer=fuzz.token_sort_ratio,
                score_cutoff=NAME_MATCH_THRESHOLD * 100,
                limit=None,
            )
            for _choice, _score, index in sorted(candidates, key=lambda c: c[2]):
                entry = name_entries[index]
                if name_similarity(key, entry.key) >= NAME_MATCH_THRESHOLD:
                    hit(role, "name", entry.value, entry.reason)
    return hits
