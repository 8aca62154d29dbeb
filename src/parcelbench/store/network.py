"""The counter-network in the store: seized parties, watchlist, known shippers, settings.

When a parcel is seized, the entity keys of both its parties are stored (`mark_seizure`); every
later parcel is looked up against them (`seizure_links`), exactly by key and, for addresses,
fuzzily among the seized addresses with the same postcode and house number. The watchlist
(parties HQ or a supervisor flagged) and the known-shipper list (a vetted-shipper programme) use
the same keys. `StoreHistory` hands all of it to the risk engine through the `RiskHistory`
protocol, so the engine never sees SQL.

Keys come from `parcelbench.risk.entities` (pure functions); the text as entered is stored next
to every key, so keys can be recomputed if the normalisation rules change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz import fuzz, process

from parcelbench.domain.aed import AedItem, Party
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.risk import NetworkLink
from parcelbench.risk.entities import (
    ADDRESS_MATCH_THRESHOLD,
    KINDS,
    NAME_MATCH_THRESHOLD,
    VolumeKeys,
    address_block,
    address_display,
    address_key,
    address_matches,
    address_similarity,
    entity_keys,
    item_volume_keys,
    key_for,
    name_key,
    name_similarity,
)
from parcelbench.risk.history import WatchHit
from parcelbench.store import audit, volume
from parcelbench.store.aed import first_received_at
from parcelbench.store.db import Store
from parcelbench.store.scans import first_scanned_at

ROLES: tuple[str, ...] = ("sender", "addressee")


class ListError(ValueError):
    """A watchlist / known-shipper change that cannot be made; the message is one line."""


class ListNotFound(ListError):
    """The entry to remove does not exist or was already removed."""


def _parties(item: AedItem) -> tuple[tuple[str, Party], ...]:
    return (("sender", item.sender), ("addressee", item.addressee))


# -- seizures ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeizedEntity:
    seizure_number: str
    item_id: str
    role: str
    kind: str
    key: str
    display: str
    created_at: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _display(party: Party, kind: str, key: str, business_key: str | None) -> str:
    if kind == "name":
        return (party.business if key == business_key else party.name) or party.name
    if kind == "address":
        return address_display(party)
    if kind == "phone":
        return party.phone or ""
    return party.email or ""


def mark_seizure(
    conn: sqlite3.Connection, *, seizure_number: str, item_id: str, item: AedItem
) -> int:
    """Store the entity keys of both parties of a seized parcel; returns the rows written.

    Runs inside the caller's transaction (the one that records the seizure), so a seizure and
    its network entries commit together. No audit row of its own: the entries are derived from
    the AED and the audited seizure, and can be rebuilt from them. Marking twice is harmless.
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
            for seizure, seized_item in conn.execute(
                "SELECT seizure_number, item_id FROM seized_entities "
                "WHERE kind = ? AND key = ? AND item_id != ?",
                (kind, key, item.item_id),
            ):
                _keep(best, NetworkLink(entity, kind, seizure, seized_item, 1.0))
        if keys.address is not None:
            entity = f"{role} address"
            for seizure, seized_item, other in conn.execute(
                "SELECT seizure_number, item_id, key FROM seized_entities "
                "WHERE kind = 'address' AND block = ? AND key != ? AND item_id != ?",
                (address_block(keys.address), keys.address, item.item_id),
            ):
                similarity = address_similarity(keys.address, other)
                if similarity >= ADDRESS_MATCH_THRESHOLD:
                    _keep(best, NetworkLink(entity, "address", seizure, seized_item, similarity))
    return sorted(best.values(), key=lambda link: (-link.similarity, link.seizure, link.entity))


# -- watchlist --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WatchEntry:
    """One watchlist entry: the value as entered, its key, and why it is listed."""

    id: int
    kind: str
    value: str
    country: str | None
    city: str | None
    postcode: str | None
    key: str
    reason: str
    source: str
    added_by: str
    added_at: str
    active: bool
    removed_by: str | None = None
    removed_at: str | None = None

    @property
    def label(self) -> str:
        """The entry as an officer reads it: value plus the place that qualifies it."""
        place = ", ".join(v for v in (self.city, self.postcode, self.country) if v)
        return f"{self.value} ({place})" if place and self.kind == "address" else self.value

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


_WATCH_COLS = (
    "id, kind, value, country, city, postcode, key, reason, source, added_by, added_at, "
    "active, removed_by, removed_at"
)


def _watch(row: tuple[Any, ...]) -> WatchEntry:
    values = list(row)
    values[11] = bool(values[11])
    return WatchEntry(*values)


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _why_no_key(kind: str) -> str:
    return {
        "name": "is not a usable name (empty or a placeholder such as 'N/A')",
        "address": (
            "is not a usable address: give the street with a house number or unit, "
            "--country, and --postcode or --city"
        ),
        "phone": (
            "is not a usable phone number: at least 7 digits, written with +country code "
            "or with --country"
        ),
        "email": "is not a usable e-mail address",
    }[kind]


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
    value_text = _clean(value)
    reason_text = _clean(reason)
    if value_text is None:
        raise ListError(f"a watchlist {kind} needs a value")
    if reason_text is None:
        raise ListError("a watchlist entry needs a reason (it is shown with every hit)")
    cc = (_clean(country) or "").upper() or None
    key = key_for(kind, value_text, country=cc, city=_clean(city), postcode=_clean(postcode))
    if key is None:
        raise ListError(f"{value_text!r} {_why_no_key(kind)}")
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
                _clean(city),
                _clean(postcode),
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


def _deactivate(
    store: Store,
    *,
    table: str,
    row_id: int,
    get: Callable[[sqlite3.Connection, int], Any],
    action: str,
    entity: str,
    missing: str,
    actor: str,
) -> Any:
    """Deactivate one list entry with its audit row (kept, never deleted: past hits must
    stay explainable). `table` is one of this module's list tables, never user input."""
    with store.transaction() as conn:
        entry = get(conn, row_id)
        if entry is None or not entry.active:
            raise ListNotFound(missing)
        conn.execute(
            f"UPDATE {table} SET active = 0, removed_by = ?, removed_at = ? WHERE id = ?",
            (actor, utc_now_iso(), row_id),
        )
        removed = get(conn, row_id)
        audit.append(conn, actor=actor, action=action, entity=entity, payload=removed.to_json())
    return removed


def remove_watch(store: Store, entry_id: int, *, actor: str) -> WatchEntry:
    """Deactivate a watchlist entry."""
    return _deactivate(
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
class _WatchName:
    value: str
    key: str
    reason: str


def _watch_names(conn: sqlite3.Connection) -> list[_WatchName]:
    rows = conn.execute(
        "SELECT value, key, reason FROM watchlist WHERE active = 1 AND kind = 'name' ORDER BY id"
    )
    return [_WatchName(*row) for row in rows]


def watchlist_hits(
    conn: sqlite3.Connection, item: AedItem, *, names: list[_WatchName] | None = None
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

    name_entries = _watch_names(conn) if names is None else names
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


# -- known shippers ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KnownShipper:
    """A vetted shipper: name and country, and the address when the programme gives one."""

    id: int
    name: str
    street: str | None
    city: str | None
    postcode: str | None
    country: str
    programme: str
    reference: str | None
    name_key: str
    address_key: str | None
    source: str
    added_by: str
    added_at: str
    active: bool
    removed_by: str | None = None
    removed_at: str | None = None

    @property
    def label(self) -> str:
        """What the officer sees on a known-shipper flag."""
        ref = f" {self.reference}" if self.reference else ""
        return f"{self.name} ({self.programme}{ref})"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


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
    name_text = _clean(name)
    programme_text = _clean(programme)
    cc = (_clean(country) or "").upper()
    if name_text is None or (nkey := name_key(name_text)) is None:
        raise ListError(f"{name!r} is not a usable shipper name")
    if not cc:
        raise ListError("a known shipper needs a country")
    if programme_text is None:
        raise ListError("a known shipper needs the programme that vetted it")
    street_text, city_text, postcode_text = _clean(street), _clean(city), _clean(postcode)
    akey = None
    if street_text is not None:
        akey = address_key(street_text, city=city_text, postcode=postcode_text, country=cc)
        if akey is None:
            raise ListError(f"{street_text!r} {_why_no_key('address')}")
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
                _clean(reference),
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
    return _deactivate(
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


# -- settings ---------------------------------------------------------------------------------


def get_setting(conn: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else default


def set_setting(store: Store, key: str, value: str, actor: str) -> None:
    """Set a workstation setting (facility, port code…); audited, since reports print them."""
    with store.transaction() as conn:
        previous = get_setting(conn, key)
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
        audit.append(
            conn,
            actor=actor,
            action="setting.changed",
            entity=f"setting:{key}",
            payload={"key": key, "value": value, "previous": previous},
        )


# -- the engine's view ------------------------------------------------------------------------


_MAX_CACHED_COUNTS = 200_000


class StoreHistory:
    """`RiskHistory` backed by the workstation store (one per connection / thread).

    The active watchlist names are cached and reloaded only when the database changed (this
    connection's `total_changes`, or `PRAGMA data_version` for other connections' commits), so
    fuzzy name matching costs one C-level pass per parcel, not a table read.
    """

    def __init__(self, conn: sqlite3.Connection, *, snapshot: bool = False) -> None:
        """`snapshot=True` reads the lists once and never looks for changes: for a rescore,
        which assesses a million parcels against one state of the database."""
        self.conn = conn
        self._snapshot = snapshot
        self._names: list[_WatchName] = []
        self._present: tuple[bool, bool, bool] = (True, True, True)
        self._names_version: tuple[int, int] | None = None
        #: The day a parcel without a send date is counted on (as the import does).
        self._today = volume.today_ordinal(utc_now_iso())
        # Volume counts repeat: a shipper's parcels of one day all ask the same question, and
        # a rescore asks it for each of them. Kept until the database changes.
        self._counts: dict[tuple[str, int, int, int, int], int] = {}
        self._keyed: tuple[AedItem, VolumeKeys] | None = None

    def _refresh(self) -> None:
        """Reload the cached list state when the database changed since the last look."""
        if self._snapshot and self._names_version is not None:
            return
        version = (
            int(self.conn.execute("PRAGMA data_version").fetchone()[0]),
            self.conn.total_changes,
        )
        if version != self._names_version:
            self._names = _watch_names(self.conn)
            self._present = tuple(  # type: ignore[assignment]
                self.conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0] == 1
                for table in ("seized_entities", "watchlist", "known_shippers")
            )
            self._names_version = version
            self._counts.clear()

    def _watch_names(self) -> list[_WatchName]:
        self._refresh()
        return self._names

    def seizure_links(self, item: AedItem) -> list[NetworkLink]:
        self._refresh()
        if not self._present[0]:  # no seizure recorded yet: nothing to link to
            return []
        return seizure_links(self.conn, item)

    def _volume(self, item: AedItem, role: str, days: int, limit: int) -> int:
        if self._keyed is None or self._keyed[0] is not item:  # both volume rules ask in turn
            self._refresh()  # once per parcel: it clears the memo when the database changed
            self._keyed = (item, item_volume_keys(item))
        day, sender, address = self._keyed[1]
        key = address if role == "addressee" else sender
        if key is None:
            return 0
        if day is None:
            day = self._today
        slot = (role, key, day, days, limit)
        count = self._counts.get(slot)
        if count is None:
            if len(self._counts) >= _MAX_CACHED_COUNTS:
                self._counts.clear()
            count_of = volume.addressee_senders if role == "addressee" else volume.sender_parcels
            count = self._counts[slot] = count_of(self.conn, key, day, days, limit)
        return count

    def addressee_senders(self, item: AedItem, days: int, limit: int) -> int:
        return self._volume(item, "addressee", days, limit)

    def sender_parcels(self, item: AedItem, days: int, limit: int) -> int:
        return self._volume(item, "sender", days, limit)

    def watchlist_hits(self, item: AedItem) -> list[WatchHit]:
        names = self._watch_names()
        if not self._present[1]:
            return []
        return watchlist_hits(self.conn, item, names=names)

    def aed_timing(self, item_id: str) -> tuple[str | None, str | None]:
        scanned = first_scanned_at(self.conn, item_id)
        if scanned is None:  # most parcels: one index probe and done
            return None, None
        return scanned, first_received_at(self.conn, item_id)

    def known_shipper(self, item: AedItem) -> str | None:
        self._refresh()
        if not self._present[2]:
            return None
        shipper = known_shipper(self.conn, item)
        return shipper.label if shipper else None
