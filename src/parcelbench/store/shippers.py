"""Known shippers: vetted shippers (a trusted-shipper programme) that lower a parcel's score.

A name alone is never enough to count as a known shipper: the country must match, and the
address too when the entry has one. Entries are added and removed like watchlist entries
(`store.lists`), each change with its audit row.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from parcelbench.domain.aed import AedItem
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.lists import KnownShipper
from parcelbench.risk.entities import address_key, address_matches, entity_keys, name_key
from parcelbench.store import audit
from parcelbench.store.db import Store
from parcelbench.store.lists import ListError, clean, deactivate, why_no_key

_SHIPPER_COLS = (
    "id, name, street, city, postcode, country, programme, reference, name_key, address_key, "
    "source, added_by, added_at, active, removed_by, removed_at"
)


def _shipper(row: tuple[Any, ...]) -> KnownShipper:
    values = list(row)
    values[13] = bool(values[13])
    return KnownShipper(*values)


def get_shipper(conn: sqlite3.Connection, shipper_id: int) -> KnownShipper | None:
    row = conn.execute(
        f"SELECT {_SHIPPER_COLS} FROM known_shippers WHERE id = ?", (shipper_id,)
    ).fetchone()
    return _shipper(row) if row else None


def add_shipper(
    store: Store,
    *,
    name: str,
    country: str,
    programme: str,
    actor: str,
    street: str | None = None,
    city: str | None = None,
    postcode: str | None = None,
    reference: str | None = None,
    source: str = "local",
) -> KnownShipper:
    """Add a vetted shipper; one transaction with its audit row.

    With an address, a parcel must match name, country AND address to count as this shipper;
    without one, name and country. The same (name, country, address) listed twice is refused.
    """
    name_text = clean(name)
    programme_text = clean(programme)
    cc = (clean(country) or "").upper()
    if name_text is None or (nkey := name_key(name_text)) is None:
        raise ListError(f"{name!r} is not a usable shipper name")
    if not cc:
        raise ListError("a known shipper needs a country")
    if programme_text is None:
        raise ListError("a known shipper needs the programme that vetted it")
    street_text, city_text, postcode_text = clean(street), clean(city), clean(postcode)
    akey = None
    if street_text is not None:
        akey = address_key(street_text, city=city_text, postcode=postcode_text, country=cc)
        if akey is None:
            raise ListError(f"{street_text!r} {why_no_key('address')}")
    with store.transaction() as conn:
        for held_id, held_key, held_country in conn.execute(
            "SELECT id, address_key, country FROM known_shippers WHERE active = 1 AND name_key = ?",
            (nkey,),
        ):
            if held_country == cc and held_key == akey:
                raise ListError(f"already a known shipper as #{held_id}: {name_text}")
        cursor = conn.execute(
            "INSERT INTO known_shippers (name, street, city, postcode, country, name_key, "
            "address_key, programme, reference, source, added_by, added_at, active) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            (
                name_text,
                street_text,
                city_text,
                postcode_text,
                cc,
                nkey,
                akey,
                programme_text,
                clean(reference),
                source,
                actor,
                utc_now_iso(),
            ),
        )
        shipper = get_shipper(conn, int(cursor.lastrowid or 0))
        assert shipper is not None
        audit.append(
            conn,
            actor=actor,
            action="shipper.added",
            entity=f"shipper:{shipper.id}",
            payload=shipper.to_json(),
        )
    return shipper


def remove_shipper(store: Store, shipper_id: int, *, actor: str) -> KnownShipper:
    """Deactivate a known shipper."""
    return deactivate(
        store,
        table="known_shippers",
        row_id=shipper_id,
        get=get_shipper,
        action="shipper.removed",
        entity=f"shipper:{shipper_id}",
        missing=f"no active known shipper #{shipper_id}",
        actor=actor,
    )


def list_shippers(conn: sqlite3.Connection, *, include_removed: bool = False) -> list[KnownShipper]:
    clause = "" if include_removed else " WHERE active = 1"
    rows = conn.execute(f"SELECT {_SHIPPER_COLS} FROM known_shippers{clause} ORDER BY id")
    return [_shipper(row) for row in rows]


def known_shipper(conn: sqlite3.Connection, item: AedItem) -> KnownShipper | None:
    """The known-shipper entry this parcel's sender matches, if any.

    A name alone is never enough (anyone can write "DHL" on a label): the country must match,
    and the address too when the entry has one (exactly or fuzzily). Names match by exact key
    only: a lowered score must not be earned by a look-alike name.
    """
    keys = entity_keys(item.sender)
    names = [k for k in (keys.name, keys.business) if k is not None]
    if not names:
        return None
    country = (item.sender.country or "").strip().upper()
    marks = ", ".join("?" * len(names))
    rows = conn.execute(
        f"SELECT {_SHIPPER_COLS} FROM known_shippers WHERE active = 1 AND name_key IN ({marks}) "
        "ORDER BY id",
        names,
    ).fetchall()
    for row in rows:
        shipper = _shipper(row)
        if shipper.country != country:
            continue
        if shipper.address_key is not None and not address_matches(
            shipper.address_key, keys.address
        ):
            continue
        return shipper
    return None
