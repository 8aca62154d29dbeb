"""AED items in the store: bulk import with version history, and lookups by item id.

Import writes with plain `executemany` inside one transaction per file (sqlite-utils' row
helpers are several times slower at a million rows). A file either lands whole or not at all,
so a refused or interrupted file leaves the store as it was. The search index (`search`) is
kept in step inside the same transaction, or — for a big file — left to catch up after the
commit (`store.search_index`); `search` reads rows not yet indexed directly, so it is complete
either way.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any

from parcelbench.domain.aed import (
    CONTENT_FIELDS,
    ITEM_SCALAR_FIELDS,
    PARTY_FIELDS,
    AedItem,
    ContentPiece,
    Party,
    SearchHit,
    StoredItem,
)
from parcelbench.domain.clock import utc_now_iso
from parcelbench.ids.scan import storable
from parcelbench.risk.entities import VolumeKeys, item_volume_keys
from parcelbench.store import audit, search_index, volume
from parcelbench.store.db import Store

_PARTY_COLS = ("id", "role", *PARTY_FIELDS)
_ITEM_COLS = (
    "id",
    "item_id",
    "version",
    "is_current",
    *ITEM_SCALAR_FIELDS,
    "licence_nos",
    "certificate_nos",
    "sender_id",
    "addressee_id",
    "import_id",
    "imported_at",
    "superseded_at",
)
_CONTENT_COLS = ("item_row", "line_no", *CONTENT_FIELDS)


def _insert_sql(table: str, cols: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


_INSERT_PARTY = _insert_sql("aed_parties", _PARTY_COLS)
_INSERT_ITEM = _insert_sql("aed_items", _ITEM_COLS)
_INSERT_CONTENT = _insert_sql("aed_contents", _CONTENT_COLS)
_LOOKUP_CHUNK = 900


_get_item = attrgetter(*ITEM_SCALAR_FIELDS)
_get_party = attrgetter(*PARTY_FIELDS)
_get_content = attrgetter(*CONTENT_FIELDS)


def _parts(item: AedItem) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...], list[Any]]:
    return (
        _get_item(item),
        _get_party(item.sender),
        _get_party(item.addressee),
        [_get_content(piece) for piece in item.contents],
    )


@dataclass
class ImportCounts:
    imported: int = 0
    superseded: int = 0
    unchanged: int = 0
    rejected: int = 0

    def add(self, other: ImportCounts) -> None:
        self.imported += other.imported
        self.superseded += other.superseded
        self.unchanged += other.unchanged
        self.rejected += other.rejected

    def to_json(self) -> dict[str, int]:
        return {
            "imported": self.imported,
            "superseded": self.superseded,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }


@dataclass
class Conflict:
    """An item that cannot be stored: same id and version already held with other content."""

    index: int
    reason: str


class _Known:
    """What the store (or this import so far) holds for one item id.

    A plain slotted class: one is made per item imported, and a dataclass with a
    default_factory costs several times more to create.
    """

    __slots__ = ("current_row", "current_version", "pending_current", "versions")

    def __init__(self) -> None:
        # version -> the row id that holds it, or the item itself while it waits to be written
        self.versions: dict[int, int | AedItem] = {}
        self.current_version = 0
        self.current_row: int | None = None  # the current version's row in the database
        self.pending_current: list[Any] | None = None  # the not-yet-written current row


class AedImport:
    """One file's import: a single write transaction, fed in batches.

    Counting rules: `imported` counts item versions written; `superseded` counts versions that
    went to history because of this import (the older current one, or an arriving version
    older than the one held); `unchanged` counts versions already held with identical content.

    With `index_volume` (the default) the volume index (`store.volume`) is kept in the same
    transaction: each batch's current rows are indexed as they are written, the index's cursor
    moves past them at the commit, and `volume_indexed` says how many of them count. An index
    with a backlog (rows that arrived some other way, not yet caught up) is left to
    `volume.catch_up`, which then indexes this import's rows with the rest, in row order.
    `index_search` does the same for the search index (`store.search_index`); False leaves
    this import's rows to `search_index.catch_up`.
    """

    def __init__(
        self,
        store: Store,
        *,
        source: str,
        fmt: str,
        actor: str,
        index_volume: bool = True,
        index_search: bool = True,
    ) -> None:
        self.store = store
        self.conn = store.conn
        self.source = source
        self.fmt = fmt
        self.actor = actor
        self.index_volume = index_volume
        self.counts = ImportCounts()
        self.volume_indexed = 0
        self.import_id = 0
        self._now = utc_now_iso()
        self._import_day = volume.today_ordinal(self._now)
        self._next_item = 0
        self._next_party = 0
        self._first_item = 0
        self._volume_live = False  # indexing as it writes (index_volume, and no backlog)
        self.index_search = index_search
        self._search_live = False  # the same for the search index
        self._search_upto = 0  # the search index's cursor when the import began

    def __enter__(self) -> AedImport:
        # Row ids are assigned here, inside the one transaction, so references are right by
        # construction; per-row foreign-key checks would only cost time on the bulk path.
        # A bigger page cache keeps the item-id index (random inserts) in memory, so a
        # million-item file keeps its pace. Both settings are restored on every way out.
        self._cache = self.store.bulk_cache()
        self._cache.__enter__()
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            cur = self.conn.execute(
                "INSERT INTO aed_imports (source, format, actor, started_at) VALUES (?, ?, ?, ?)",
                (self.source, self.fmt, self.actor, self._now),
            )
            self.import_id = int(cur.lastrowid or 0)
            self._next_item = self._first_item = self._max_id("aed_items") + 1
            self._next_party = self._max_id("aed_parties") + 1
            # Only an index with no backlog may move its cursor past this import's rows.
            self._volume_live = self.index_volume and volume.is_caught_up(
                self.conn, self._first_item - 1
            )
            self._search_upto = search_index.cursor(self.conn)
            self._search_live = self.index_search and self._search_upto >= self._first_item - 1
        except BaseException:  # e.g. locked by another writer
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self._cache.__exit__(None, None, None)

    def _max_id(self, table: str) -> int:
        return int(self.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])

    def _known(self, item_ids: set[str]) -> dict[str, _Known]:
        known: dict[str, _Known] = {}
        ids = list(item_ids)
        for start in range(0, len(ids), _LOOKUP_CHUNK):
            chunk = ids[start : start + _LOOKUP_CHUNK]
            rows = self.conn.execute(
                "SELECT id, item_id, version, is_current FROM aed_items "
                f"WHERE item_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for row_id, item_id, version, is_current in rows:
                entry = known.setdefault(item_id, _Known())
                entry.versions[version] = row_id
                if is_current:
                    entry.current_version = version
                    entry.current_row = row_id
        return known

    def add_batch(
        self, items: Sequence[AedItem], keys: Sequence[VolumeKeys | None] | None = None
    ) -> list[Conflict]:
        """Store a batch of valid items; return those refused as conflicting versions.

        `keys` may give each item's `item_volume_keys`, computed elsewhere (the reader process);
        an item without them is keyed here.
        """
        known = self._known({item.item_id for item in items})
        parties: list[tuple[Any, ...]] = []
        item_rows: list[list[Any]] = []
        written: list[int] = []  # index in `items` of each row in `item_rows`
        contents: list[tuple[Any, ...]] = []
        demote: list[tuple[str, int]] = []
        conflicts: list[Conflict] = []
        now = self._now
        for index, item in enumerate(items):
            entry = known.get(item.item_id)
            if entry is None:
                entry = known[item.item_id] = _Known()
            held = entry.versions.get(item.version)
            if held is not None:
                if held.__class__ is int:
                    held = _load(self.conn, held)  # type: ignore[arg-type]
                if held == item:
                    self.counts.unchanged += 1
                else:
                    reason = (
                        f"version {item.version} of {item.item_id} is already held with "
                        "other content; send the correction with a higher version"
                    )
                    conflicts.append(Conflict(index, reason))
                continue
            is_current = item.version > entry.current_version
            if is_current and entry.current_version:
                if entry.pending_current is not None:
                    entry.pending_current[3] = 0
                    entry.pending_current[-1] = now
                elif entry.current_row is not None:
                    demote.append((now, entry.current_row))
                self.counts.superseded += 1
            elif not is_current:
                self.counts.superseded += 1
            scalars, sender, addressee, pieces = _parts(item)
            sender_id = self._next_party
            addressee_id = sender_id + 1
            self._next_party += 2
            parties.append((sender_id, "sender", *sender))
            parties.append((addressee_id, "addressee", *addressee))
            row_id = self._next_item
            self._next_item += 1
            row = [
                row_id,
                item.item_id,
                item.version,
                1 if is_current else 0,
                *scalars,
                json.dumps(list(item.licence_nos)) if item.licence_nos else None,
                json.dumps(list(item.certificate_nos)) if item.certificate_nos else None,
                sender_id,
                addressee_id,
                self.import_id,
                now,
                None if is_current else now,
            ]
            item_rows.append(row)
            written.append(index)
            for line_no, piece in enumerate(pieces, start=1):
                contents.append((row_id, line_no, *piece))
            entry.versions[item.version] = item
            if is_current:
                entry.current_version = item.version
                entry.current_row = None
                entry.pending_current = row
            self.counts.imported += 1
        conn = self.conn
        if demote:
            # out of the search index first (the rows it holds: all of them while this import
            # indexes as it writes, else those up to its cursor): it reads the text it removes
            # through a view that shows current rows only
            search_index.remove(
                conn,
                [r for _, r in demote if self._search_live or r <= self._search_upto],
            )
            conn.executemany(
                "UPDATE aed_items SET is_current = 0, superseded_at = ? WHERE id = ?", demote
            )
            volume.forget(conn, [row_id for _, row_id in demote])  # they no longer count
        conn.executemany(_INSERT_PARTY, parties)
        conn.executemany(_INSERT_ITEM, item_rows)
        conn.executemany(_INSERT_CONTENT, contents)
        if item_rows and self._search_live:  # consecutive ids; the view keeps current ones
            search_index.add_range(conn, item_rows[0][0], item_rows[-1][0])
        if self._volume_live:
            self._index_volume(items, keys, item_rows, written)
        return conflicts

    def _index_volume(
        self,
        items: Sequence[AedItem],
        keys: Sequence[VolumeKeys | None] | None,
        item_rows: list[list[Any]],
        written: list[int],
    ) -> None:
        """Index the rows still current after the batch (one a later version in the same batch
        superseded was written as history and does not count)."""
        rows = []
        for row, index in zip(item_rows, written, strict=True):
            if not row[3]:
                continue
            item_keys = keys[index] if keys is not None else None
            if item_keys is None:
                item_keys = item_volume_keys(items[index])
            entry = volume.index_row(row[0], item_keys, self._import_day)
            if entry is not None:
                rows.append(entry)
        volume.add(self.conn, rows)

    def _close_volume(self) -> None:
        """Count this import's indexed rows (superseded ones were forgotten on the way) and
        move the index's cursor past them: every row up to the last is indexed."""
        last = self._next_item - 1
        if last >= self._first_item:
            self.volume_indexed = volume.indexed_between(self.conn, self._first_item, last)
            volume.advance(self.conn, last)

    def reject(self, rejections: Sequence[Any]) -> None:
        """Record rejected items' problems (`Rejection`s) with this import."""
        self.conn.executemany(
            "INSERT INTO aed_rejections (import_id, line, item_id, field, reason) "
            "VALUES (?, ?, ?, ?, ?)",
            [(self.import_id, r.line, r.item_id, r.field, r.reason) for r in rejections],
        )

    def commit(self, *, sha256: str | None) -> None:
        """Close the import: its summary row, one audit row, then COMMIT."""
        if self._volume_live:
            self._close_volume()
        if self._search_live and self._next_item > self._first_item:
            search_index.advance(self.conn, self._next_item - 1)
        finished = utc_now_iso()
        c = self.counts
        self.conn.execute(
            "UPDATE aed_imports SET sha256 = ?, finished_at = ?, imported = ?, superseded = ?, "
            "unchanged = ?, rejected = ? WHERE id = ?",
            (sha256, finished, c.imported, c.superseded, c.unchanged, c.rejected, self.import_id),
        )
        audit.append(
            self.conn,
            actor=self.actor,
            action="aed.import",
            entity=f"aed_import:{self.import_id}",
            payload={"source": self.source, "format": self.fmt, "sha256": sha256, **c.to_json()},
        )
        self.conn.execute("COMMIT")


# -- reading -------------------------------------------------------------------------------

_SELECT_ITEM = f"SELECT {', '.join(_ITEM_COLS)} FROM aed_items"
_SELECT_PARTY = f"SELECT {', '.join(PARTY_FIELDS)} FROM aed_parties WHERE id = ?"
_SELECT_CONTENTS = (
    "SELECT description, quantity, net_weight_kg, value, currency, hs_code, origin_country "
    "FROM aed_contents WHERE item_row = ? ORDER BY line_no"
)


def _party(conn: sqlite3.Connection, party_id: int) -> Party:
    row = conn.execute(_SELECT_PARTY, (party_id,)).fetchone()
    return Party(**dict(zip(PARTY_FIELDS, row, strict=True)))


def _stored(conn: sqlite3.Connection, row: tuple[Any, ...]) -> StoredItem:
    values = dict(zip(_ITEM_COLS, row, strict=True))
    contents = tuple(
        ContentPiece(*piece) for piece in conn.execute(_SELECT_CONTENTS, (values["id"],))
    )
    item = AedItem(
        item_id=values["item_id"],
        version=values["version"],
        sender=_party(conn, values["sender_id"]),
        addressee=_party(conn, values["addressee_id"]),
        contents=contents,
        licence_nos=tuple(json.loads(values["licence_nos"] or "[]")),
        certificate_nos=tuple(json.loads(values["certificate_nos"] or "[]")),
        **{f: values[f] for f in ITEM_SCALAR_FIELDS},
    )
    return StoredItem(
        item, bool(values["is_current"]), values["imported_at"], values["superseded_at"]
    )


def _load(conn: sqlite3.Connection, row_id: int) -> AedItem:
    row = conn.execute(f"{_SELECT_ITEM} WHERE id = ?", (row_id,)).fetchone()
    return _stored(conn, row).item


def first_received_at(conn: sqlite3.Connection, item_id: str) -> str | None:
    """When any version of the item's AED first reached this store (ISO 8601 UTC), or None."""
    row = conn.execute(
        "SELECT min(imported_at) FROM aed_items WHERE item_id = ?", (item_id,)
    ).fetchone()
    return row[0] if row else None


def get_current(conn: sqlite3.Connection, item_id: str) -> StoredItem | None:
    """The current AED for a normalized item id, or None when none was received."""
    row = conn.execute(
        f"{_SELECT_ITEM} WHERE item_id = ? AND is_current = 1", (storable(item_id),)
    ).fetchone()
    return None if row is None else _stored(conn, row)


def get_history(conn: sqlite3.Connection, item_id: str) -> list[StoredItem]:
    """Every version held for an item id, newest first."""
    rows = conn.execute(
        f"{_SELECT_ITEM} WHERE item_id = ? ORDER BY version DESC", (storable(item_id),)
    ).fetchall()
    return [_stored(conn, row) for row in rows]


def max_row_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM aed_items").fetchone()[0])


def count_current(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM aed_items WHERE is_current = 1").fetchone()[0])


def sample_item_ids(conn: sqlite3.Connection, n: int, *, seed: int = 0) -> list[str]:
    """Up to n current item ids spread over the table (for benchmarks and the demo)."""
    total = int(conn.execute("SELECT coalesce(max(id), 0) FROM aed_items").fetchone()[0])
    if total == 0:
        return []
    step = max(1, total // max(n, 1))
    rows = conn.execute(
        "SELECT item_id FROM aed_items WHERE is_current = 1 AND (id + ?) % ? = 0 LIMIT ?",
        (seed, step, n),
    ).fetchall()
    return [r[0] for r in rows]


#: The party columns in the order `Party` takes them, so a row's slice builds one directly.
_PARTY_ORDER = tuple(f.name for f in fields(Party))
_ITER_SQL = (
    "SELECT i.id, i.item_id, i.version, "
    + ", ".join(f"i.{f}" for f in ITEM_SCALAR_FIELDS)
    + ", i.licence_nos, i.certificate_nos, "
    + ", ".join(f"s.{f}" for f in _PARTY_ORDER)
    + ", "
    + ", ".join(f"a.{f}" for f in _PARTY_ORDER)
    + " FROM aed_items i JOIN aed_parties s ON s.id = i.sender_id "
    "JOIN aed_parties a ON a.id = i.addressee_id "
    "WHERE i.is_current = 1 AND i.id > ? ORDER BY i.id LIMIT ?"
)
#: The same rows with their volume-index row (`store.volume`): a re-score counts with the keys
#: the import stored instead of keying every parcel again.
_ITER_KEYED_SQL = _ITER_SQL.replace(
    " FROM aed_items i ",
    ", v.item_row IS NOT NULL, v.day, v.sender_key, v.addressee_key FROM aed_items i ",
).replace(" WHERE i.is_current", " LEFT JOIN aed_volume v ON v.item_row = i.id WHERE i.is_current")
_ITER_CONTENTS = (
    f"SELECT item_row, {', '.join(CONTENT_FIELDS)} FROM aed_contents "
    "WHERE item_row BETWEEN ? AND ? ORDER BY item_row, line_no"
)


def iter_current(
    conn: sqlite3.Connection, *, chunk: int = 2000, after: int = 0, upto: int | None = None
) -> Iterator[AedItem]:
    """Every current item, in storage order, a few queries per `chunk` items.

    Rescoring a million items cannot afford four queries per item; this walks the table in id
    order with one join for items and parties and one range query for their contents.
    `after`/`upto` bound the row ids, so workers can split the table.
    """
    for item, _ in _iter_rows(conn, _ITER_SQL, chunk, after, upto):
        yield item


def iter_current_keyed(
    conn: sqlite3.Connection, *, chunk: int = 2000, after: int = 0, upto: int | None = None
) -> Iterator[tuple[AedItem, volume.StoredVolumeRow | None]]:
    """`iter_current` with each item's volume-index row, None for an item without one (its
    keys name nothing to count, or the index has not caught up with it)."""
    return _iter_rows(conn, _ITER_KEYED_SQL, chunk, after, upto)


def _iter_rows(
    conn: sqlite3.Connection, sql: str, chunk: int, after: int, upto: int | None
) -> Iterator[tuple[AedItem, volume.StoredVolumeRow | None]]:
    n_scalar = len(ITEM_SCALAR_FIELDS)
    n_party = len(_PARTY_ORDER)
    end = 3 + n_scalar + 2 + 2 * n_party  # the columns of `_ITER_SQL`; then the volume row's
    keyed = sql is _ITER_KEYED_SQL
    last = after
    while True:
        rows = conn.execute(sql, (last, chunk)).fetchall()
        if upto is not None:
            rows = [row for row in rows if row[0] <= upto]
        if not rows:
            return
        pieces: dict[int, list[ContentPiece]] = {}
        for row in conn.execute(_ITER_CONTENTS, (rows[0][0], rows[-1][0])):
            pieces.setdefault(row[0], []).append(ContentPiece(*row[1:]))
        for row in rows:
            scalars = row[3 : 3 + n_scalar]
            rest = row[3 + n_scalar : end]
            licences, certificates = rest[0], rest[1]
            item = AedItem(
                row[1],
                Party(*rest[2 : 2 + n_party]),
                Party(*rest[2 + n_party :]),
                tuple(pieces.get(row[0], ())),
                row[2],
                *scalars[:9],
                tuple(json.loads(licences)) if licences else (),
                tuple(json.loads(certificates)) if certificates else (),
                scalars[9],
            )
            yield item, (row[end + 1 :] if keyed and row[end] else None)
        last = rows[-1][0]


_SEARCH_SELECT = (
    "SELECT i.item_id, s.name, a.name, "
    "(SELECT description FROM aed_contents c WHERE c.item_row = i.id ORDER BY line_no LIMIT 1) "
    "FROM aed_items i JOIN aed_parties s ON s.id = i.sender_id "
    "JOIN aed_parties a ON a.id = i.addressee_id WHERE i.is_current = 1 AND "
)
_BY_ID_PREFIX = _SEARCH_SELECT + "i.item_id >= ? AND i.item_id < ? ORDER BY i.item_id LIMIT ?"
_BY_TEXT = _SEARCH_SELECT + (
    "i.id IN (SELECT rowid FROM aed_search WHERE aed_search MATCH ? ORDER BY rowid LIMIT ?) "
    "ORDER BY i.id"
)
#: The trigram tokenizer's shortest term: a shorter one can only match nothing.
MIN_TERM = 3


def search_terms(text: str) -> list[str] | None:
    """The substrings `text` asks for, every one of which must appear.

    A word shorter than three characters is not searchable on its own in a trigram index, so
    it stays joined to the word before it as typed (the one after it when it leads): "LED 5 m"
    is one substring, "Li Wei" too. None when the whole text is shorter than three characters.
    """
    groups: list[list[str]] = []
    leading: list[str] = []
    for word in text.replace("\x00", " ").split():  # FTS5 ends a query string at a NUL
        if len(word) >= MIN_TERM:
            groups.append([*leading, word])
            leading = []
        elif groups:
            groups[-1].append(word)
        else:
            leading.append(word)
    if leading:
        groups.append(leading)  # only short words: one term, if long enough with its spaces
    terms = [" ".join(group) for group in groups]
    if not terms or len(terms[0]) < MIN_TERM:
        return None
    return terms


def match_query(text: str) -> str | None:
    """The FTS5 query for `text`: every term of `search_terms` as a substring (AND).

    Every term is quoted, so quotes, `*`, `-`, `:`, parentheses, `AND`/`OR`/`NOT`/`NEAR` are
    text to find, never query syntax.
    """
    terms = search_terms(text)
    if terms is None:
        return None
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)


_NOT_YET_INDEXED = "SELECT id, body FROM aed_search_text WHERE id > ? ORDER BY id"


def _not_yet_indexed(
    conn: sqlite3.Connection, terms: list[str], limit: int
) -> list[tuple[Any, ...]]:
    """Rows the search index has not caught up with, read and matched one by one (the
    trigram index folds case the same way), so a search is complete while it catches up."""
    after = search_index.cursor(conn)
    folded_terms = [term.lower() for term in terms]
    found: list[int] = []
    for row_id, body in conn.execute(_NOT_YET_INDEXED, (after,)):
        folded = body.lower()
        if all(term in folded for term in folded_terms):
            found.append(row_id)
            if len(found) >= limit:
                break
    if not found:
        return []
    marks = ",".join("?" * len(found))
    return conn.execute(_SEARCH_SELECT + f"i.id IN ({marks}) ORDER BY i.id", found).fetchall()


def search(conn: sqlite3.Connection, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Current items whose id starts with `text`, or else whose party names or businesses,
    streets, e-mails or content descriptions contain every word of it (case-insensitive).

    Id-prefix hits come in id order from the item-id index; only when there are none is the
    text searched, through the trigram index (migration 8), in storage order (oldest first)
    up to `limit`: a rare word and a common one both answer in milliseconds on a million
    items. Text under three characters searches item ids only: a trigram index cannot look up
    one or two characters, and a scan for them would take a second and list parcels at random.
    See `match_query` for how words become the query. Rows a big import left for the index
    to catch up with (`store.search_index`) are read directly after the indexed ones, so the
    answer is the same, only slower, until it has.
    """
    text = storable(text).strip()
    if not text:
        return []
    prefix = text.replace(" ", "").upper()
    rows = conn.execute(_BY_ID_PREFIX, (prefix, prefix + "\uffff", limit)).fetchall()
    if not rows:
        terms = search_terms(text)
        if terms is not None:
            rows = conn.execute(_BY_TEXT, (match_query(text), limit)).fetchall()
            if len(rows) < limit:
                rows += _not_yet_indexed(conn, terms, limit - len(rows))
    return [SearchHit(r[0], r[1], r[2], r[3] or "") for r in rows]
