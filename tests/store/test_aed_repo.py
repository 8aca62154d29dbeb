"""AED lookups on imported files, and that an interrupted import leaves the store as it was."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from parcelbench.aed.importer import Progress, import_file
from parcelbench.aed.writers import write
from parcelbench.domain.records import Inspection, Outcome, Seizure
from parcelbench.ids.s10 import make
from parcelbench.store import Store
from parcelbench.store.aed import count_current, get_current, get_history, sample_item_ids
from parcelbench.store.audit import verify_chain
from parcelbench.store.evidence import record_inspection, record_seizure
from tests.conftest import dump, make_item


def item_id(i: int) -> str:
    return make("LX", f"{i:08d}", "CN")


def items(ids: range, **changes: Any) -> list[dict[str, Any]]:
    return [make_item(item_id=item_id(i), **changes) for i in ids]


def write_file(path: Path, fmt: str, rows: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        write(fmt, rows, fh)
    return path


def imported(store: Store, path: Path, **kwargs: Any) -> None:
    result = import_file(store, path, **kwargs)
    assert result.refused is None and not result.rejections, result


@pytest.fixture
def loaded(store: Store, tmp_path: Path) -> Store:
    """300 items at version 1, then 40 of them corrected to version 2 in a second file."""
    imported(store, write_file(tmp_path / "v1.jsonl", "jsonl", items(range(300))))
    imported(
        store,
        write_file(
            tmp_path / "v2.xml", "xml", items(range(0, 400, 10), version=2, total_value="99.00")
        ),
    )
    return store


# -- lookups -----------------------------------------------------------------------------------


def test_get_current_returns_the_newest_version(loaded: Store) -> None:
    corrected = get_current(loaded.conn, item_id(10))
    assert corrected is not None
    assert (corrected.item.version, corrected.item.total_value) == (2, "99.00")
    assert corrected.is_current and corrected.superseded_at is None
    plain = get_current(loaded.conn, item_id(11))
    assert plain is not None and plain.item.version == 1
    assert plain.item.total_value == "23.50"
    assert plain.item.sender.name == "Shenzhen Huaxin Trading Co., Ltd."
    assert plain.item.addressee.name == "José Núñez"
    assert [c.description for c in plain.item.contents] == ["silicone phone case", "LED strip 5 m"]
    assert plain.to_json()["status"]["current"] is True


def test_get_current_of_unknown_item_is_none(loaded: Store) -> None:
    assert get_current(loaded.conn, item_id(999)) is None
    assert get_history(loaded.conn, item_id(999)) == []


def test_get_history_is_newest_first_with_superseded_marked(loaded: Store) -> None:
    history = get_history(loaded.conn, item_id(20))
    assert [(h.item.version, h.is_current) for h in history] == [(2, True), (1, False)]
    assert history[1].superseded_at is not None
    assert history[1].item.total_value == "23.50"
    assert history[1].to_json()["status"]["superseded_at"] == history[1].superseded_at
    assert [h.item.version for h in get_history(loaded.conn, item_id(21))] == [1]
    new_only = get_history(loaded.conn, item_id(350))  # first seen at version 2
    assert [(h.item.version, h.is_current) for h in new_only] == [(2, True)]


def test_count_current_counts_items_not_versions(loaded: Store) -> None:
    # 300 from v1 plus 10 ids (300..390) first seen in the v2 file
    assert count_current(loaded.conn) == 310
    rows = loaded.conn.execute("SELECT count(*) FROM aed_items").fetchone()[0]
    assert rows == 340
    per_item = loaded.conn.execute(
        "SELECT max(c) FROM (SELECT count(*) AS c FROM aed_items WHERE is_current = 1 "
        "GROUP BY item_id)"
    ).fetchone()[0]
    assert per_item == 1  # never two current versions of one item


def test_count_current_of_empty_store_is_zero(store: Store) -> None:
    assert count_current(store.conn) == 0
    assert sample_item_ids(store.conn, 10) == []


def test_sample_item_ids_are_current_distinct_and_spread(loaded: Store) -> None:
    sample = sample_item_ids(loaded.conn, 20)
    assert 0 < len(sample) <= 20
    assert len(set(sample)) == len(sample)
    for sampled in sample:
        found = get_current(loaded.conn, sampled)
        assert found is not None and found.item.item_id == sampled
    numbers = sorted(int(s[2:10]) for s in sample)
    assert numbers[-1] - numbers[0] > 150  # spread over the table, not its first rows
    assert sample_item_ids(loaded.conn, 20) == sample  # repeatable for benchmarks
    assert sample_item_ids(loaded.conn, 20, seed=3) != sample


def test_sample_larger_than_the_table_gives_every_current_item(loaded: Store) -> None:
    everything = sample_item_ids(loaded.conn, 10_000)
    assert len(everything) == len(set(everything)) == count_current(loaded.conn)
    assert sample_item_ids(loaded.conn, 0) == []


# -- interrupted import ------------------------------------------------------------------------

#: The importer reports progress every 1000 items, so the file must be longer than that for
#: the callback to fire mid-file (with batch_size 50, twenty batches are already written).
INTERRUPTED_ITEMS = 1500


class Interrupt:
    """A progress callback that presses Ctrl-C the first time it is called."""

    def __init__(self) -> None:
        self.seen: list[Progress] = []

    def __call__(self, progress: Progress) -> None:
        self.seen.append(progress)
        raise KeyboardInterrupt


@pytest.mark.parametrize(
    ("fmt", "parallel"),
    [("jsonl", False), ("xml", False), ("csv", True)],
    ids=["jsonl", "xml", "csv-helper-process"],
)
def test_interrupted_import_leaves_the_store_as_it_was(
    loaded: Store, tmp_path: Path, fmt: str, parallel: bool
) -> None:
    """Ctrl-C mid-file: no items, parties, rejections, import row or audit row remain, and
    the versions it would have superseded are still current."""
    rows = items(range(INTERRUPTED_ITEMS), version=3, comments="would supersede")
    rows[7] = make_item(item_id="RB123456786US")  # a rejection, written before the interrupt
    path = write_file(tmp_path / f"big.{fmt}", fmt, rows)
    before = dump(loaded.path)
    interrupt = Interrupt()

    with pytest.raises(KeyboardInterrupt):
        import_file(loaded, path, progress=interrupt, batch_size=50, parallel=parallel)

    assert len(interrupt.seen) == 1
    assert 0 < interrupt.seen[0].items < INTERRUPTED_ITEMS  # it really was mid-file
    assert not loaded.conn.in_transaction
    assert dump(loaded.path) == before
    current = get_current(loaded.conn, item_id(10))
    assert current is not None and current.item.version == 2


def test_store_is_usable_after_an_interrupted_import(loaded: Store, tmp_path: Path) -> None:
    """After Ctrl-C the same connection imports again and still enforces foreign keys."""
    path = write_file(tmp_path / "big.jsonl", "jsonl", items(range(INTERRUPTED_ITEMS), version=3))
    with pytest.raises(KeyboardInterrupt):
        import_file(loaded, path, progress=Interrupt(), batch_size=50)

    assert loaded.conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    result = import_file(loaded, path, batch_size=50)
    assert result.counts.imported == INTERRUPTED_ITEMS
    assert count_current(loaded.conn) == INTERRUPTED_ITEMS
    current = get_current(loaded.conn, item_id(10))
    assert current is not None and current.item.version == 3
    assert [h.item.version for h in get_history(loaded.conn, item_id(10))] == [3, 2, 1]
    assert verify_chain(loaded.conn).entries == 3  # three files committed, one audit row each
    assert loaded.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert loaded.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    _assert_orphan_seizure_refused(loaded)


def test_import_that_cannot_start_leaves_foreign_keys_on(store: Store, tmp_path: Path) -> None:
    """The import turns foreign keys off for its bulk insert; if it cannot even begin (another
    writer holds the lock), they must come back on, or later evidence could be orphaned."""
    path = write_file(tmp_path / "a.jsonl", "jsonl", items(range(5)))
    before = dump(store.path)
    store.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            import_file(store, path)
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert not store.conn.in_transaction
    assert store.conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert dump(store.path) == before
    _assert_orphan_seizure_refused(store)


def _assert_orphan_seizure_refused(store: Store) -> None:
    record_inspection(
        store,
        Inspection(str(uuid.uuid4()), item_id(1), Outcome.SEIZED, "B-1", "2026-11-20T10:00:00Z"),
    )
    orphan = Seizure("SZ-1", str(uuid.uuid4()), "drugs", "pills", 1, "bag", 10.0, "2026-11-20")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        record_seizure(store, orphan, actor="B-1")


def test_search_by_id_prefix_party_street_and_goods(store: Store, tmp_path: Path) -> None:
    from parcelbench.store.aed import search

    rows = items(range(1, 4))
    rows[1]["contents"][0]["description"] = "100% cotton T-shirt"
    rows[2]["addressee"] = {**rows[2]["addressee"], "street": "4410 Industrial Pkwy Unit 12"}
    path = tmp_path / "a.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write("jsonl", rows, fh)
    import_file(store, path)
    assert [h.item_id for h in search(store.conn, item_id(2)[:6].lower())] == [
        item_id(1),
        item_id(2),
        item_id(3),
    ]
    assert [h.item_id for h in search(store.conn, "100% cotton")] == [item_id(2)]
    assert search(store.conn, "100%")[0].first_description == "100% cotton T-shirt"
    assert [h.item_id for h in search(store.conn, "industrial pkwy")] == [item_id(3)]
    assert search(store.conn, "0_0") == []  # LIKE wildcards in the text are literal
    assert search(store.conn, "   ") == []
