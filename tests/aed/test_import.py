"""Importing AED into the real store: three encodings, rejections, versions, re-imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from parcelbench.aed.importer import import_file, import_files
from parcelbench.aed.writers import FORMATS, write
from parcelbench.store import Store
from parcelbench.store.aed import get_current, get_history
from tests.conftest import dump, make_item

OTHER_ID = "EE471108151FR"


def write_file(path: Path, fmt: str, items: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        write(fmt, items, fh)
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_encoding_round_trips_every_field(store: Store, tmp_path: Path, fmt: str) -> None:
    item = make_item()
    result = import_file(store, write_file(tmp_path / f"a.{fmt}", fmt, [item]))
    assert result.refused is None
    assert result.format == fmt
    assert (result.counts.imported, result.counts.rejected) == (1, 0)
    stored = get_current(store.conn, "RR473124829GB")
    assert stored is not None and stored.is_current
    expected = make_item()
    for piece in expected["contents"]:
        piece["hs_code"] = piece["hs_code"].replace(".", "")
    assert stored.item.to_json() == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_bad_items_are_rejected_with_location_and_good_ones_import(
    store: Store, tmp_path: Path, fmt: str
) -> None:
    items = [
        make_item(),
        make_item(item_id="RB123456786US"),  # wrong check digit
        make_item(item_id=OTHER_ID, currency="XYZ"),
        make_item(item_id="CP100000140DE", sender={"country": "CN"}),  # no sender name
        make_item(item_id="LX806576725TW", gross_weight_kg=-3),
        make_item(item_id="RR287043775IN", contents=[]),
    ]
    result = import_file(store, write_file(tmp_path / f"b.{fmt}", fmt, items))
    assert result.refused is None
    assert result.counts.imported == 1
    assert result.counts.rejected == 5
    got = {(r.item_id, r.field) for r in result.rejections}
    assert ("RB123456786US", "item_id") in got
    assert (OTHER_ID, "currency") in got
    assert ("CP100000140DE", "sender.name") in got
    assert ("LX806576725TW", "gross_weight_kg") in got
    assert ("RR287043775IN", "contents") in got
    for rejection in result.rejections:
        assert rejection.file.endswith(f"b.{fmt}")
        assert rejection.line > 0
        assert rejection.reason
    check = next(r for r in result.rejections if r.field == "item_id")
    assert "check digit is 6, expected 5" in check.reason
    assert get_current(store.conn, "RB123456786US") is None
    rows = store.conn.execute("SELECT count(*) FROM aed_rejections").fetchone()[0]
    assert rows == 5


def test_rejection_lines_point_at_the_item(store: Store, tmp_path: Path) -> None:
    items = [make_item(), make_item(item_id=OTHER_ID, category="bribe")]
    result = import_file(store, write_file(tmp_path / "c.jsonl", "jsonl", items))
    assert [(r.line, r.field) for r in result.rejections] == [(2, "category")]
    csv_result = import_file(store, write_file(tmp_path / "c.csv", "csv", items))
    # header, then two content rows of the first item: the second item starts on line 4
    assert [(r.line, r.field) for r in csv_result.rejections] == [(4, "category")]


def test_reimport_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = write_file(tmp_path / "d.xml", "xml", [make_item(), make_item(item_id=OTHER_ID)])
    first = import_file(store, path)
    assert first.counts.imported == 2
    aed_before = [line for line in dump(store.path) if "aed_items" in line or "aed_c" in line]
    again = import_file(store, path)
    assert again.counts.to_json() == {
        "imported": 0,
        "superseded": 0,
        "unchanged": 2,
        "rejected": 0,
    }
    aed_after = [line for line in dump(store.path) if "aed_items" in line or "aed_c" in line]
    assert aed_after == aed_before


def test_higher_version_supersedes_and_history_is_kept(store: Store, tmp_path: Path) -> None:
    import_file(store, write_file(tmp_path / "v1.jsonl", "jsonl", [make_item()]))
    v2 = make_item(version=2, total_value="99.00")
    result = import_file(store, write_file(tmp_path / "v2.jsonl", "jsonl", [v2]))
    assert (result.counts.imported, result.counts.superseded) == (1, 1)
    current = get_current(store.conn, "RR473124829GB")
    assert current is not None and current.item.version == 2
    assert current.item.total_value == "99.00"
    history = get_history(store.conn, "RR473124829GB")
    assert [(h.item.version, h.is_current) for h in history] == [(2, True), (1, False)]
    assert history[1].superseded_at is not None
    assert history[1].item.total_value == "23.50"


def test_older_version_arriving_late_goes_to_history(store: Store, tmp_path: Path) -> None:
    import_file(store, write_file(tmp_path / "v3.jsonl", "jsonl", [make_item(version=3)]))
    result = import_file(store, write_file(tmp_path / "v2.jsonl", "jsonl", [make_item(version=2)]))
    assert (result.counts.imported, result.counts.superseded) == (1, 1)
    current = get_current(store.conn, "RR473124829GB")
    assert current is not None and current.item.version == 3


def test_versions_within_one_file(store: Store, tmp_path: Path) -> None:
    items = [
        make_item(),
        make_item(version=2, comments="corrected"),
        make_item(version=2, comments="corrected"),
    ]
    result = import_file(store, write_file(tmp_path / "v.jsonl", "jsonl", items))
    assert result.counts.to_json() == {
        "imported": 2,
        "superseded": 1,
        "unchanged": 1,
        "rejected": 0,
    }
    current = get_current(store.conn, "RR473124829GB")
    assert current is not None and current.item.comments == "corrected"


def test_same_version_with_other_content_is_rejected(store: Store, tmp_path: Path) -> None:
    import_file(store, write_file(tmp_path / "a.jsonl", "jsonl", [make_item()]))
    changed = make_item(total_value="1.00")
    result = import_file(store, write_file(tmp_path / "b.jsonl", "jsonl", [changed]))
    assert result.counts.rejected == 1
    assert result.rejections[0].field == "version"
    assert "higher version" in result.rejections[0].reason
    current = get_current(store.conn, "RR473124829GB")
    assert current is not None and current.item.total_value == "23.50"


def test_many_batches_in_one_file(store: Store, tmp_path: Path) -> None:
    from parcelbench.ids.s10 import make

    items = [make_item(item_id=make("LX", f"{i:08d}", "CN")) for i in range(5000)]
    path = write_file(tmp_path / "many.xml", "xml", items)
    report = import_files(store, [path], batch_size=700)
    assert report.to_json()["imported"] == 5000
    assert store.conn.execute("SELECT count(*) FROM aed_contents").fetchone()[0] == 10000


def test_ids_are_normalized_on_import(store: Store, tmp_path: Path) -> None:
    items = [
        make_item(item_id="rr 473 124 829 gb"),
        make_item(item_id="]C1420100239400111201080805483016"),
    ]
    result = import_file(store, write_file(tmp_path / "n.jsonl", "jsonl", items))
    assert result.counts.imported == 2, result.rejections
    assert get_current(store.conn, "RR473124829GB") is not None
    assert get_current(store.conn, "9400111201080805483016") is not None


def test_unknown_fields_are_warned_not_fatal(store: Store, tmp_path: Path) -> None:
    item = make_item(colour="red")
    result = import_file(store, write_file(tmp_path / "u.jsonl", "jsonl", [item]))
    assert result.counts.imported == 1
    assert result.unknown_fields == ["colour"]


def test_import_writes_one_audit_row_with_the_file_hash(store: Store, tmp_path: Path) -> None:
    import hashlib

    path = write_file(tmp_path / "a.xml", "xml", [make_item()])
    import_file(store, path, actor="cli")
    row = store.conn.execute("SELECT actor, action, payload FROM audit_log").fetchall()
    assert len(row) == 1
    assert row[0][:2] == ("cli", "aed.import")
    assert hashlib.sha256(path.read_bytes()).hexdigest() in row[0][2]
