"""The volume index: distinct senders per drop address, kept by the AED import itself.

Why on the real import: the counts are only right if every way items arrive (the reader process
for big files, in-process for small ones, new versions superseding old ones, databases made
before the index existed) leaves the same rows, in the same transaction as the items.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from parcelbench.aed.demo import generate
from parcelbench.aed.importer import import_files
from parcelbench.aed.writers import write, write_jsonl
from parcelbench.domain.aed import AedItem
from parcelbench.ids.s10 import make
from parcelbench.risk.engine import RiskEngine
from parcelbench.risk.pack import default_pack
from parcelbench.store import Store, volume
from parcelbench.store import aed as aed_store
from parcelbench.store.aed import get_current
from parcelbench.store.history import StoreHistory
from parcelbench.store.schema import SCHEMA_VERSION
from tests.conftest import make_item

# One drop, spelled the ways shippers spell it.
DROP_SPELLINGS = [
    "4410 Industrial Pkwy Unit 12",
    "4410 Industrial Parkway, Unit #12",
    "4410 INDUSTRIAL PKWY #12",
    "Unit 12, 4410 Industrial Pkwy",
    "4410 W Industrial Pkwy Ste 12",
    "4410 Industrial Parkway PMB 12",
]
SENDERS = [
    "Shenzhen Huaxin Trading Co., Ltd.",
    "Yiwu Star Crafts",
    "Guangzhou Bright Home Co Ltd",
    "Dongguan Jiale Electronics",
    "Hangzhou Tianmu Tea",
    "Ningbo Ocean Gifts",
]
ITEM_IDS = [make("RR", f"{n:08d}", "GB") for n in range(1, 9)]


def parcel(n: int, street: str, sender: str, sent_at: str) -> dict[str, Any]:
    item = make_item(item_id=ITEM_IDS[n], sent_at=sent_at)
    item["sender"] = {**item["sender"], "name": sender}
    item["addressee"] = {
        "name": f"Customer {n}",
        "street": street,
        "city": "Reno",
        "postcode": "89502",
        "country": "US",
    }
    return item


def import_items(store: Store, path: Path, items: list[dict[str, Any]], **kw: Any) -> int:
    """Import as the CLI does (files, then the volume index); returns the rows indexed."""
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(items, out)
    report = import_files(store, [path], **kw)
    assert not report.refused and not report.results[0].rejections, report
    assert report.volume_index is not None
    return report.volume_index.indexed


def current(store: Store, item_id: str) -> AedItem:
    stored = get_current(store.conn, item_id)
    assert stored is not None
    return stored.item


@pytest.mark.parametrize("parallel", [False, True], ids=["in-process", "reader-process"])
def test_senders_to_one_drop_are_counted_across_spellings(
    store: Store, tmp_path: Path, parallel: bool
) -> None:
    items = [
        parcel(n, street, sender, f"2026-11-{10 + n:02d}T09:00:00+08:00")
        for n, (street, sender) in enumerate(zip(DROP_SPELLINGS, SENDERS, strict=True))
    ]
    # the same sender again (not a new sender), and one far outside the window
    items.append(parcel(6, DROP_SPELLINGS[0], SENDERS[0], "2026-11-16T09:00:00+08:00"))
    items.append(parcel(7, DROP_SPELLINGS[1], "Far Away Exports", "2026-09-01T09:00:00+08:00"))
    assert import_items(store, tmp_path / "drop.jsonl", items, parallel=parallel) == 8

    history = StoreHistory(store.conn)
    first = current(store, ITEM_IDS[0])
    assert history.addressee_senders(first, 14, 20) == 6
    assert history.addressee_senders(first, 2, 20) == 3  # Nov 10, 11, 12
    assert history.addressee_senders(first, 14, 4) == 4  # counting stops at the limit
    assert history.addressee_senders(current(store, ITEM_IDS[7]), 14, 20) == 1
    assert history.sender_parcels(first, 14, 20) == 2  # its two parcels (Nov 10 and 16)

    assessment = RiskEngine(default_pack()).assess(first.item_id, first, history=history)
    flag = next(f for f in assessment.flags if f.rule == "drop-address")
    assert "6 distinct senders to this addressee in 14 days" in flag.rationale


def test_a_new_version_moves_the_parcel_to_its_new_address(store: Store, tmp_path: Path) -> None:
    items = [
        parcel(n, DROP_SPELLINGS[n], SENDERS[n], f"2026-11-1{n}T09:00:00+08:00") for n in range(5)
    ]
    import_items(store, tmp_path / "v1.jsonl", items)
    history = StoreHistory(store.conn)
    assert history.addressee_senders(current(store, ITEM_IDS[0]), 14, 20) == 5

    moved = parcel(4, "9 Elm St", SENDERS[4], "2026-11-14T09:00:00+08:00")
    moved["version"] = 2
    import_items(store, tmp_path / "v2.jsonl", [moved])
    assert history.addressee_senders(current(store, ITEM_IDS[0]), 14, 20) == 4
    rows = store.conn.execute("SELECT count(*) FROM aed_volume").fetchone()[0]
    assert rows == 5  # one per current version, the superseded one gone


def test_the_index_catches_up_with_new_rows_only(store: Store, tmp_path: Path) -> None:
    """Incremental: each import indexes what it added, never the whole table again."""
    path = tmp_path / "demo.jsonl"
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(generate(3000, seed=11), out)
    first = import_files(store, [path], index_volume=False)
    assert first.volume_index is None
    assert volume.pending(store.conn) == 3000
    done = volume.catch_up(store, chunk=700)  # several chunks, each its own transaction
    assert 2900 < done.indexed <= 3000  # a few demo parties are too vague to key
    assert volume.pending(store.conn) == 0
    assert volume.catch_up(store).indexed == 0

    more = [parcel(n, DROP_SPELLINGS[n], SENDERS[n], "2026-11-10T09:00:00+08:00") for n in range(4)]
    assert import_items(store, tmp_path / "more.jsonl", more) == 4
    rows = store.conn.execute("SELECT count(*) FROM aed_volume").fetchone()[0]
    assert rows == done.indexed + 4


def test_a_database_from_before_the_index_catches_up(tmp_path: Path) -> None:
    path = tmp_path / "bench.sqlite"
    items = [
        parcel(n, DROP_SPELLINGS[n], SENDERS[n], f"2026-11-1{n}T09:00:00+08:00") for n in range(5)
    ]
    with Store(path) as store:
        import_items(store, tmp_path / "a.jsonl", items)
        expected = store.conn.execute("SELECT * FROM aed_volume ORDER BY item_row").fetchall()
    raw = sqlite3.connect(path)
    raw.executescript(
        # migrations 4 (holds), 5 (operations), 6 (seizure reviews, custody), 10 (the exam),
        # 11 (arrivals), 13 (re-score results) and 14 (search index cursor) are redone too
        "ALTER TABLE scans DROP COLUMN aed_present; ALTER TABLE scans DROP COLUMN aed_on_time; "
        "ALTER TABLE scans DROP COLUMN aed_completeness; "
        "ALTER TABLE seized_entities DROP COLUMN facility; "
        "DROP TABLE lab_results; DROP TABLE referral_answers; DROP TABLE random_draws; "
        "DROP TABLE bench_secret; ALTER TABLE inspections DROP COLUMN selection; "
        "ALTER TABLE inspections DROP COLUMN exam; ALTER TABLE seizures DROP COLUMN substance; "
        "ALTER TABLE seizures DROP COLUMN lab_sample; ALTER TABLE seizures DROP COLUMN seals; "
        "DROP TABLE custody_transfers; DROP TABLE seizure_reviews; DROP INDEX seizures_status; "
        "DROP INDEX seizures_inspection; DROP INDEX photos_inspection; "
        "DROP INDEX inspections_amends; "
        "DROP TABLE operations; "
        "DROP TABLE holds; DROP TABLE hold_imports; "
        "DROP TABLE aed_volume; DROP TABLE volume_state; "
        "DROP TABLE risk_scores; DROP TABLE risk_rescores; DROP TABLE search_index_state; "
        "PRAGMA user_version = 2;"
    )
    raw.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert volume.pending(store.conn) == 5
        assert volume.catch_up(store).indexed == 5
        again = store.conn.execute("SELECT * FROM aed_volume ORDER BY item_row").fetchall()
    assert again == expected and len(expected) == 5


def test_refused_import_leaves_no_volume_rows(store: Store, tmp_path: Path) -> None:
    good = [parcel(n, DROP_SPELLINGS[n], SENDERS[n], "2026-11-10T09:00:00+08:00") for n in range(3)]
    path = tmp_path / "broken.jsonl"
    path.write_text(
        "".join(json.dumps(item) + "\n" for item in good) + '{"item_id": "RR0000', encoding="utf-8"
    )
    report = import_files(store, [path])
    assert report.refused
    assert report.volume_index is not None and report.volume_index.indexed == 0
    assert store.conn.execute("SELECT count(*) FROM aed_volume").fetchone()[0] == 0


def _volume_files(tmp_path: Path, fmt: str) -> list[Path]:
    """Demo AED (some items come back as version 2 later in the file), then a second file
    that corrects items of the first, sends one an older version and repeats one unchanged;
    plus parcels without a send date and parties too vague to key."""
    demo = list(generate(2400, seed=5))
    undated = parcel(0, DROP_SPELLINGS[0], SENDERS[0], "2026-11-10T09:00:00+08:00")
    del undated["sent_at"]
    vague = parcel(1, "Main", "N/A", "2026-11-11T09:00:00+08:00")  # no number, a placeholder
    first = [*demo[:1200], undated, vague, *demo[1200:]]
    corrected = [dict(demo[n], version=3) for n in range(0, 2400, 97)]
    moved = dict(corrected[0], version=4, addressee=dict(corrected[0]["addressee"], city="Reno"))
    older = dict(demo[5], version=1)  # held at 1: unchanged; and a version 2 of an id held at 3
    late = dict(corrected[1], version=2)
    paths = []
    for name, items in (("one", first), ("two", [*corrected, moved, older, late])):
        path = tmp_path / f"{name}.{fmt}"
        with path.open("w", encoding="utf-8", newline="") as out:
            write(fmt, items, out)
        paths.append(path)
    return paths


def _volume_table(store: Store) -> tuple[list[tuple[Any, ...]], int]:
    rows = store.conn.execute("SELECT * FROM aed_volume ORDER BY item_row").fetchall()
    return rows, int(store.conn.execute("SELECT indexed_upto FROM volume_state").fetchone()[0])


@pytest.mark.parametrize(
    ("fmt", "parallel"), [("jsonl", False), ("jsonl", True), ("xml", True)], ids=str
)
def test_the_import_indexes_exactly_what_the_catch_up_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, parallel: bool
) -> None:
    """The same files imported three ways give the same volume table, row for row: indexed by
    the import as it writes; left to the catch-up afterwards; and with a backlog waiting (the
    import then leaves its rows to the catch-up too)."""
    monkeypatch.setattr(aed_store, "utc_now_iso", lambda: "2026-11-30T23:59:59.000Z")
    paths = _volume_files(tmp_path, fmt)
    kw: dict[str, Any] = {"parallel": parallel, "batch_size": 250}
    tables = {}

    with Store(tmp_path / "live.sqlite") as store:
        report = import_files(store, paths, **kw)
        assert not report.refused and not any(r.rejections for r in report.results)
        assert volume.pending(store.conn) == 0
        last_row = store.conn.execute("SELECT max(id) FROM aed_items").fetchone()[0]
        tables["live"] = _volume_table(store)
        live = len(tables["live"][0])
        in_import = [r.volume_indexed for r in report.results]
        # the second file: 25 corrections, one of them corrected again in the same file
        assert in_import[1] == 25 and 2300 < live < 2402
        assert report.volume_index is not None
        assert report.volume_index.indexed == sum(in_import)  # the catch-up found nothing
        assert volume.catch_up(store).indexed == 0
        assert _volume_table(store) == tables["live"]
        history_rows = store.conn.execute(
            "SELECT count(*) FROM aed_volume v JOIN aed_items i ON i.id = v.item_row "
            "WHERE i.is_current = 0"
        ).fetchone()[0]
        assert history_rows == 0

    with Store(tmp_path / "after.sqlite") as store:
        assert import_files(store, paths, index_volume=False, **kw).volume_index is None
        assert store.conn.execute("SELECT count(*) FROM aed_volume").fetchone()[0] == 0
        volume.catch_up(store, chunk=700)
        tables["after"] = _volume_table(store)

    with Store(tmp_path / "backlog.sqlite") as store:
        import_files(store, paths[:1], index_volume=False, **kw)
        report = import_files(store, paths[1:], **kw)
        assert report.results[0].volume_indexed == 0  # left to the catch-up, with the backlog
        assert report.volume_index is not None and report.volume_index.indexed == live
        tables["backlog"] = _volume_table(store)

    live_rows, live_cursor = tables["live"]
    assert tables["after"] == tables["live"]
    assert tables["backlog"] == tables["live"]
    assert live_cursor == last_row  # past the last row, a version written as history
    undated = volume.today_ordinal("2026-11-30")
    assert any(row[1] == undated for row in live_rows)
