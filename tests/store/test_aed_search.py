"""AED search on its trigram index, against what the text really holds.

Why on real imports and real files: the index is only right if every way an AED version arrives
(a batch, a later batch of the same file, a later file, an older version after a newer one) and
every database made before the index leave it holding exactly the current versions' text.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parcelbench.aed.demo import generate
from parcelbench.aed.importer import import_file
from parcelbench.aed.writers import write_jsonl
from parcelbench.domain.aed import AedItem
from parcelbench.ids.s10 import make
from parcelbench.store import Store, aed, search_index
from parcelbench.store.aed import iter_current, match_query, search
from parcelbench.store.schema import MIGRATIONS
from tests.conftest import BASE_ITEM, make_item

DEMO_ITEMS = 1500

#: The text search before the index (a LIKE scan), kept as the reference the index must cover.
LIKE_SEARCH = (
    "SELECT i.item_id FROM aed_items i JOIN aed_parties s ON s.id = i.sender_id "
    "JOIN aed_parties a ON a.id = i.addressee_id WHERE i.is_current = 1 AND "
    "(s.name LIKE ?1 ESCAPE '\\' OR a.name LIKE ?1 ESCAPE '\\' "
    "OR a.street LIKE ?1 ESCAPE '\\' OR s.email LIKE ?1 ESCAPE '\\' "
    "OR a.email LIKE ?1 ESCAPE '\\' OR EXISTS (SELECT 1 FROM aed_contents c "
    "WHERE c.item_row = i.id AND c.description LIKE ?1 ESCAPE '\\'))"
)


def like_search(conn: sqlite3.Connection, text: str) -> list[str]:
    like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [row[0] for row in conn.execute(LIKE_SEARCH, (like,))]


def ids(hits: list[aed.SearchHit]) -> list[str]:
    return [hit.item_id for hit in hits]


def indexed(store: Store, text: str) -> list[int]:
    """The rows the index itself holds for `text` (`search` also checks rows are current)."""
    query = match_query(text)
    rows = store.conn.execute(
        "SELECT rowid FROM aed_search WHERE aed_search MATCH ? ORDER BY rowid", (query,)
    )
    return [row[0] for row in rows]


def texts(item: AedItem) -> list[str]:
    """What the index covers: names and businesses, streets, e-mails, descriptions."""
    fields = [
        item.sender.name,
        item.sender.business,
        item.addressee.name,
        item.addressee.business,
        item.sender.street,
        item.addressee.street,
        item.sender.email,
        item.addressee.email,
        *(piece.description for piece in item.contents),
    ]
    return [f for f in fields if f]


def fold(text: str) -> str:
    """Case folding as FTS5 does it: one character for one (Python's may make two)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def write(path: Path, items: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(items, out)
    return path


def load(store: Store, path: Path, items: list[dict[str, Any]], **kwargs: Any) -> None:
    result = import_file(store, write(path, items), **kwargs)
    assert result.refused is None and not result.rejections, result


def with_goods(description: str, **changes: Any) -> dict[str, Any]:
    pieces = [{**BASE_ITEM["contents"][0], "description": description}]
    return make_item(contents=pieces, **changes)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Demo AED in batches of 100, so later versions supersede rows of earlier batches."""
    folder = tmp_path_factory.mktemp("search")
    with Store(folder / "bench.sqlite") as store:
        load(store, folder / "demo.jsonl", list(generate(DEMO_ITEMS, seed=11)), batch_size=100)
        yield store


def sample_queries(store: Store, n: int, seed: int) -> list[str]:
    """Substrings (3 to 10 characters, one word) of the indexed fields, in mixed case."""
    items = list(iter_current(store.conn))
    current_ids = [item.item_id for item in items]
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < n:
        words = [w for w in rng.choice(texts(rng.choice(items))).split() if len(w) >= 3]
        if not words:
            continue
        word = rng.choice(words)
        size = rng.randint(3, min(10, len(word)))
        start = rng.randint(0, len(word) - size)
        query = rng.choice((str.upper, str.lower, str))(word[start : start + size])
        if any(i.startswith(query.upper()) for i in current_ids):
            continue  # an id prefix: answered from the ids, not the text
        queries.append(query)
    return queries


# -- what it finds ------------------------------------------------------------------------------


def test_every_substring_finds_exactly_the_items_holding_it(demo: Store) -> None:
    """Names, businesses, streets, e-mails, descriptions; any substring; any case; all of the
    hits, in storage order — and everything the LIKE scan found before the index."""
    items = list(iter_current(demo.conn))
    folded = [(item.item_id, [fold(t) for t in texts(item)]) for item in items]
    for query in sample_queries(demo, 150, seed=3):
        expected = [item_id for item_id, fields in folded if any(fold(query) in f for f in fields)]
        found = ids(search(demo.conn, query, limit=DEMO_ITEMS))
        assert found == expected, query
        assert found, query
        assert set(like_search(demo.conn, query)) <= set(found), query


def test_each_kind_of_field_is_found(store: Store, tmp_path: Path) -> None:
    parties = {
        "sender": {**BASE_ITEM["sender"], "business": "Huaxin Export Dept"},
        "addressee": {**BASE_ITEM["addressee"], "email": "jnunez@correo.example"},
    }
    load(store, tmp_path / "a.jsonl", [make_item(**parties)])
    rr = ["RR473124829GB"]
    for query in (
        "Huaxin Trading",  # sender name
        "export dept",  # sender business (the LIKE scan never looked there)
        "JOSÉ NÚÑEZ",  # addressee name, non-ASCII case folded
        "nanshan rd",  # sender street (nor there)
        "Main St Apt",  # addressee street
        "sales@huaxin",  # sender e-mail
        "nunez@correo",  # addressee e-mail
        "icone pho",  # inside a description
        "LED strip",  # the second content line
    ):
        assert ids(search(store.conn, query)) == rr, query
    assert search(store.conn, "silicone")[0].first_description == "silicone phone case"


def test_every_word_must_match_in_any_field_and_any_order(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path / "a.jsonl", [make_item()])
    rr = ["RR473124829GB"]
    assert ids(search(store.conn, "Núñez silicone")) == rr  # addressee + description
    assert ids(search(store.conn, "silicone   núñez")) == rr
    assert search(store.conn, "Núñez radio") == []
    # short words stay with the word before them, as typed: "5 m" alone is no substring
    assert ids(search(store.conn, "LED strip 5 m")) == rr
    assert ids(search(store.conn, "5 m")) == rr
    assert search(store.conn, "strip 5 x") == []


def test_short_text_searches_item_ids_only(store: Store, tmp_path: Path) -> None:
    """One or two characters are no trigram; a scan for them would list parcels at random."""
    load(store, tmp_path / "a.jsonl", [make_item()])
    assert ids(search(store.conn, "rr")) == ["RR473124829GB"]
    assert search(store.conn, "ph") == []
    assert search(store.conn, "é") == []
    assert match_query("ph") is None and match_query(" a ") is None
    assert match_query("a b") == '"a b"'


def test_id_prefix_comes_first_in_id_order_and_limit_holds(store: Store, tmp_path: Path) -> None:
    rows = [with_goods("phone case", item_id=make("LX", f"{n:08d}", "CN")) for n in (5, 3, 4, 1)]
    load(store, tmp_path / "a.jsonl", rows)
    in_file_order = [row["item_id"] for row in rows]
    assert ids(search(store.conn, "lx 0000")) == sorted(in_file_order)
    assert ids(search(store.conn, "LX0000", limit=2)) == sorted(in_file_order)[:2]
    assert ids(search(store.conn, "phone case")) == in_file_order  # storage order
    assert ids(search(store.conn, "PHONE", limit=3)) == in_file_order[:3]
    assert search(store.conn, "phone", limit=0) == []


def test_the_text_search_reads_the_index_and_the_id_search_the_id_index(store: Store) -> None:
    """The plans that keep both fast on a million items: no scan of the AED tables."""

    def plan(sql: str, *args: object) -> str:
        return " ".join(
            str(row[-1]) for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql, args)
        )

    text = plan(aed._BY_TEXT, '"phone"', 50)
    assert "VIRTUAL TABLE INDEX" in text and "SCAN i" not in text, text
    by_id = plan(aed._BY_ID_PREFIX, "LX", "LX\uffff", 50)
    assert "USING INDEX" in by_id and "SCAN i" not in by_id, by_id


# -- query syntax is text -----------------------------------------------------------------------

SYNTAX = (
    '"',
    '""',
    'say "hi',
    "*",
    "phone*",
    "-phone",
    "NOT phone",
    "phone OR case",
    "phone AND",
    "NEAR(phone case)",
    "body:phone",
    "^phone",
    "{body}: phone",
    "(phone",
    "phone)",
    "+",
    "a\x00b phone",
    "'; DROP TABLE aed_items; --",
)


@pytest.mark.parametrize("query", SYNTAX)
def test_fts_syntax_in_the_text_never_raises(store: Store, tmp_path: Path, query: str) -> None:
    load(store, tmp_path / "a.jsonl", [with_goods("phone case")])
    search(store.conn, query)
    assert ids(search(store.conn, "phone case")) == ["RR473124829GB"]


def test_syntax_characters_are_found_as_text(store: Store, tmp_path: Path) -> None:
    odd = 'Cable "USB-C" (2 m) * NEAR: AND/OR {x} ^yz'
    load(store, tmp_path / "a.jsonl", [with_goods(odd)])
    rr = ["RR473124829GB"]
    for query in ('"USB-C"', "(2 m)", "NEAR:", "AND/OR", "{x}", "^yz", '"usb-c" NEAR:', 'C" (2'):
        assert ids(search(store.conn, query)) == rr, query
    assert search(store.conn, "USB-A") == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_at_all_is_a_search(demo: Store, text: str) -> None:
    hits = search(demo.conn, text, limit=5)
    assert len(hits) <= 5


# -- kept in step with the AED ------------------------------------------------------------------


@pytest.mark.parametrize(
    "arrival",
    ["later file", "same batch", "later batch", "older version after the newer"],
)
def test_only_the_current_versions_text_is_found(
    store: Store, tmp_path: Path, arrival: str
) -> None:
    v1 = with_goods("antique mantel clock")
    v2 = with_goods("gramophone horn", version=2)
    other = with_goods("antique lamp", item_id=make("LX", "00000001", "CN"))
    if arrival == "later file":
        load(store, tmp_path / "a.jsonl", [v1, other])
        load(store, tmp_path / "b.jsonl", [v2])
    elif arrival == "same batch":
        load(store, tmp_path / "a.jsonl", [v1, other, v2])
    elif arrival == "later batch":
        load(store, tmp_path / "a.jsonl", [v1, other, v2], batch_size=1)
    else:
        load(store, tmp_path / "a.jsonl", [v2, other])
        load(store, tmp_path / "b.jsonl", [v1])
    assert ids(search(store.conn, "antique")) == [other["item_id"]]
    assert ids(search(store.conn, "antique", limit=1)) == [other["item_id"]]
    assert ids(search(store.conn, "mantel")) == []
    assert ids(search(store.conn, "gramophone")) == ["RR473124829GB"]
    assert indexed(store, "mantel") == []  # gone from the index, not only filtered out
    assert len(indexed(store, "antique")) == len(indexed(store, "gramophone")) == 1
    store.conn.execute("INSERT INTO aed_search (aed_search) VALUES ('integrity-check')")


def test_the_index_equals_one_rebuilt_from_the_current_text(store: Store, tmp_path: Path) -> None:
    """Two files, the second correcting items of the first across batches: every query answers
    as an index rebuilt from scratch (from the current versions' text) does."""
    first = list(generate(600, seed=21))
    load(store, tmp_path / "a.jsonl", first, batch_size=50)
    corrected = [
        {**item, "version": item["version"] + 1, "contents": [{**item["contents"][0]}]}
        for item in first[::7]
    ]
    for n, item in enumerate(corrected):
        item["contents"][0]["description"] = f"corrected goods {n:03d}"
    load(store, tmp_path / "b.jsonl", corrected, batch_size=50)
    queries = [*sample_queries(store, 60, seed=4), "corrected goods", "goods 01"]
    for item in corrected[:20]:
        queries.extend(texts_of_first_version(item, first))
    before = {q: indexed(store, q) for q in queries}
    with store.transaction() as conn:
        conn.execute("INSERT INTO aed_search (aed_search) VALUES ('rebuild')")
    assert {q: indexed(store, q) for q in queries} == before
    assert len(before["corrected goods"]) == len({i["item_id"] for i in corrected})


def texts_of_first_version(item: dict[str, Any], first: list[dict[str, Any]]) -> list[str]:
    """The description a correction replaced (what the index must have dropped)."""
    old = next(f for f in first if f["item_id"] == item["item_id"])
    return [old["contents"][0]["description"]]


# -- a database from before the index -----------------------------------------------------------


def _index_migration() -> int:
    """How many migrations a database made just before the search index has."""
    return next(n for n, script in enumerate(MIGRATIONS) if "aed_search" in script)


def test_a_database_from_before_the_index_searches_after_the_upgrade(
    demo: Store, tmp_path: Path
) -> None:
    """The previous schema, holding the demo AED (superseded versions too), opened by this
    version: the migration indexes it and every search answers as on a fresh import."""
    old = tmp_path / "old.sqlite"
    raw = sqlite3.connect(old, isolation_level=None)
    for version, script in enumerate(MIGRATIONS[: _index_migration()], start=1):
        raw.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
    assert raw.execute(
        "SELECT count(*) FROM sqlite_master WHERE name LIKE 'aed_search%'"
    ).fetchone() == (0,)
    raw.execute("ATTACH DATABASE ? AS fresh", (str(demo.path),))
    raw.execute("BEGIN")
    for table in ("aed_imports", "aed_parties", "aed_items", "aed_contents"):
        raw.execute(f"INSERT INTO {table} SELECT * FROM fresh.{table}")
    raw.execute("COMMIT")
    raw.execute("DETACH DATABASE fresh")
    superseded = raw.execute("SELECT count(*) FROM aed_items WHERE is_current = 0").fetchone()[0]
    raw.close()
    assert superseded > 0  # the demo data corrects some items: their old text must not be found

    queries = [*sample_queries(demo, 80, seed=9), "gmail", "Co., Ltd"]
    with Store(old) as upgraded:
        assert upgraded.schema_version == len(MIGRATIONS)
        for query in queries:
            assert ids(search(upgraded.conn, query, limit=DEMO_ITEMS)) == ids(
                search(demo.conn, query, limit=DEMO_ITEMS)
            ), query
        # and it stays in step with what arrives after the upgrade
        load(upgraded, tmp_path / "new.jsonl", [with_goods("zeppelin model kit")])
        assert ids(search(upgraded.conn, "zeppelin")) == ["RR473124829GB"]


# -- indexed after the import (big files) -------------------------------------------------------


def expected_hits(store: Store, query: str) -> list[str]:
    """The current items holding `query` in an indexed field, in storage order."""
    return [
        item.item_id
        for item in iter_current(store.conn)
        if any(fold(query) in fold(t) for t in texts(item))
    ]


def corrections(first: list[dict[str, Any]], step: int, tag: str) -> list[dict[str, Any]]:
    out = [
        {**item, "version": item["version"] + 1, "contents": [{**item["contents"][0]}]}
        for item in first[::step]
    ]
    for n, item in enumerate(out):
        item["contents"][0]["description"] = f"{tag} goods {n:03d}"
    return out


def assert_equals_a_rebuild(store: Store, queries: list[str]) -> None:
    store.conn.execute("INSERT INTO aed_search (aed_search) VALUES ('integrity-check')")
    held = {q: indexed(store, q) for q in queries}
    with store.transaction() as conn:
        conn.execute("INSERT INTO aed_search (aed_search) VALUES ('rebuild')")
    assert {q: indexed(store, q) for q in queries} == held


def test_rows_left_for_the_index_are_found_before_and_after_it_catches_up(
    store: Store, tmp_path: Path
) -> None:
    """A big import commits before it is indexed: its parcels, and what it superseded of rows
    the index holds, are searched right at once, and the catch-up leaves the index as a
    rebuild would — whatever arrives while it waits."""
    first = list(generate(600, seed=21))
    load(store, tmp_path / "a.jsonl", first, batch_size=50)  # indexed as it is written
    assert search_index.pending(store.conn) == 0
    cursor = search_index.cursor(store.conn)
    corrected = corrections(first, 7, "corrected")
    later = list(generate(300, seed=22))
    load(store, tmp_path / "b.jsonl", corrected + later, batch_size=50, index_search=False)
    assert search_index.cursor(store.conn) == cursor  # nothing of it indexed
    small = corrections(corrected, 3, "small")  # supersedes rows the index does not hold yet
    load(store, tmp_path / "c.jsonl", small)  # would index as it writes: not with a backlog
    waiting = search_index.pending(store.conn)
    assert (
        waiting
        == store.conn.execute(
            "SELECT count(*) FROM aed_items WHERE is_current = 1 AND id > ?", (cursor,)
        ).fetchone()[0]
    )
    assert waiting >= len(later)

    queries = [
        *sample_queries(store, 60, seed=5),
        "corrected goods",
        "small goods",
        *texts_of_first_version(corrected[0], first),
    ]
    answers = {q: expected_hits(store, q) for q in queries}
    assert all(answers["corrected goods"]) and answers["small goods"]
    for query in queries:  # before the catch-up: the index's rows and the rest read directly
        assert ids(search(store.conn, query, limit=5000)) == answers[query], query
    assert ids(search(store.conn, "small goods", limit=2)) == answers["small goods"][:2]

    seen: list[tuple[int, int]] = []
    done = search_index.catch_up(store, chunk=97, progress=lambda d, t: seen.append((d, t)))
    assert done.indexed == waiting and search_index.pending(store.conn) == 0
    assert len(seen) >= 4 and seen[-1] == (waiting, waiting)  # one chunk at a time
    for query in queries:
        assert ids(search(store.conn, query, limit=5000)) == answers[query], query
    assert_equals_a_rebuild(store, queries)
    assert search_index.catch_up(store).indexed == 0  # nothing left: no write at all


def test_an_import_while_the_index_catches_up_keeps_it_right(store: Store, tmp_path: Path) -> None:
    """Another process imports corrections between two chunks of the catch-up — of rows already
    caught up and of rows still waiting; both end up as a rebuild would have them."""
    first = list(generate(400, seed=31))
    load(store, tmp_path / "a.jsonl", first, index_search=False)
    other = Store(store.path)
    fixes = corrections(first, 5, "midway")

    def import_once(done: int, _total: int) -> None:
        if done and not other.conn.in_transaction and fixes:
            load(other, tmp_path / "fix.jsonl", fixes)
            fixes.clear()

    try:
        search_index.catch_up(store, chunk=150, progress=import_once)
    finally:
        other.close()
    assert not fixes and search_index.pending(store.conn) == 0
    queries = [*sample_queries(store, 40, seed=6), "midway goods"]
    for query in queries:
        assert ids(search(store.conn, query, limit=5000)) == expected_hits(store, query), query
    assert_equals_a_rebuild(store, queries)
