"""Fuzz the three AED readers and the importer: anything is read, refused or rejected, never
a crash, and a refused file changes nothing in the database.

The reader's documented error is `FileRefused` (the whole file); `validate_item` answers an
`AedItem` or a list of `Rejection`s (one item). The importer never raises for a bad file: it
reports the refusal and rolls the file back, so the table counts are the same after it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcelbench.aed.errors import FileRefused, Rejection
from parcelbench.aed.fields import XML_NAMESPACE
from parcelbench.aed.importer import import_files
from parcelbench.aed.source import open_aed
from parcelbench.aed.validate import validate_item
from parcelbench.aed.writers import write
from parcelbench.domain.aed import AedItem
from parcelbench.ids.s10 import make
from parcelbench.store import Store
from tests.conftest import BASE_ITEM, TEST_DATA, make_item
from tests.fuzz.common import PROFILE, fuzz, json_values, mutated, no_hang

GOOD = {fmt: (TEST_DATA / f"good.{fmt}").read_bytes() for fmt in ("xml", "jsonl", "csv")}
HEADS = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<AedBatch xmlns="{XML_NAMESPACE}">'.encode(),
    f'<AedBatch xmlns="{XML_NAMESPACE}"><Item>'.encode(),
    b'{"item_id": "RR473124829GB", ',
    b"item_id,version,contents\n",
    GOOD["csv"].split(b"\n", 1)[0] + b"\n",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A real bench database that already holds an import, so 'unchanged' means something."""
    folder = tmp_path_factory.mktemp("aed-fuzz")
    with Store(folder / "bench.sqlite") as opened:
        import_files(opened, [TEST_DATA / "good.jsonl"], index_volume=False)
        yield opened


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("aed-files")


def read_all(path: Path) -> list[AedItem | list[Rejection]]:
    """Open, stream and validate every item as the importer does; `FileRefused` may escape."""
    source = open_aed(path)
    try:
        return [validate_item(raw.data, file=path.name, line=raw.line) for raw in source.reader]
    finally:
        source.close()


def read_or_refuse(path: Path) -> list[AedItem | list[Rejection]] | None:
    """None when the file is refused (the one documented error), else every item's verdict."""
    with no_hang(20):
        try:
            verdicts = read_all(path)
        except FileRefused as exc:
            assert exc.reason and "\n" not in exc.reason
            return None
    for verdict in verdicts:
        assert isinstance(verdict, AedItem) or (
            isinstance(verdict, list) and verdict and all(isinstance(r, Rejection) for r in verdict)
        )
    return verdicts


def import_checked(store: Store, path: Path) -> None:
    """Import `path`: a refused file leaves every table as it was; nothing ever raises."""
    before = store.table_counts()
    with no_hang(30):
        report = import_files(store, [path], index_volume=False)
    [result] = report.results
    if result.refused is not None:
        assert result.refused.strip()
        assert store.table_counts() == before, result.refused
    else:
        assert result.format in ("xml", "jsonl", "csv")
    assert not store.conn.in_transaction


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@fuzz()
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_are_read_or_refused(folder: Path, data: bytes) -> None:
    read_or_refuse(_write(folder, "any.bin", data))


@fuzz()
@given(st.sampled_from(HEADS), st.binary(max_size=2048) | st.text(max_size=512).map(str.encode))
def test_bytes_past_a_plausible_head_are_read_or_refused(
    folder: Path, head: bytes, tail: bytes
) -> None:
    read_or_refuse(_write(folder, "head.aed", head + tail))


@pytest.mark.parametrize("fmt", sorted(GOOD))
@fuzz(scale=0.5)
@given(data=st.data())
def test_mutated_good_files_import_or_are_refused_whole(
    store: Store, folder: Path, fmt: str, data: st.DataObject
) -> None:
    mutant = data.draw(mutated(GOOD[fmt]))
    path = _write(folder, f"mutant.{fmt}", mutant)
    read_or_refuse(path)
    import_checked(store, path)


@pytest.mark.parametrize("fmt", sorted(GOOD))
def test_every_truncation_is_read_or_refused(store: Store, folder: Path, fmt: str) -> None:
    """Prefixes of each good file (a transfer cut short anywhere): every 5th byte in CI, every
    byte in a long run; every 97th prefix is imported as well."""
    whole = GOOD[fmt]
    for n in range(0, len(whole), 1 if PROFILE == "fuzz-long" else 5):
        path = _write(folder, f"cut.{fmt}", whole[:n])
        read_or_refuse(path)
        if n % 97 < 5:
            import_checked(store, path)


#: An item field name, as the readers know them or not.
field_names = st.sampled_from(sorted(BASE_ITEM)) | st.text(max_size=12)


@st.composite
def hostile_items(draw: st.DrawFn) -> dict[str, Any]:
    """A valid item with some fields (top level, a party's, a content piece's) replaced by
    JSON values of any type, or removed."""
    item = make_item()
    for _ in range(draw(st.integers(1, 5))):
        where = draw(st.sampled_from(("top", "sender", "addressee", "content", "drop")))
        value = draw(json_values)
        if where == "top":
            item[draw(field_names)] = value
        elif where in ("sender", "addressee") and isinstance(item.get(where), dict):
            item[where][draw(st.sampled_from(sorted(BASE_ITEM[where])))] = value
        elif where == "content" and isinstance(item.get("contents"), list) and item["contents"]:
            piece = item["contents"][0]
            if isinstance(piece, dict):
                piece[draw(st.sampled_from(sorted(BASE_ITEM["contents"][0])))] = value
        elif where == "drop":
            item.pop(draw(st.sampled_from(sorted(BASE_ITEM))), None)
    return item


@fuzz()
@given(hostile_items())
def test_any_field_value_is_validated_never_raises(item: dict[str, Any]) -> None:
    verdict = validate_item(item, file="f.jsonl", line=1)
    assert isinstance(verdict, AedItem) or (verdict and isinstance(verdict, list))


@fuzz(scale=0.5)
@given(st.lists(hostile_items(), min_size=1, max_size=4))
def test_jsonl_of_hostile_items_imports_or_is_refused(
    store: Store, folder: Path, items: list[dict[str, Any]]
) -> None:
    text = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    path = _write(folder, "hostile.jsonl", text.encode("utf-8", "surrogatepass"))
    read_or_refuse(path)
    import_checked(store, path)


#: Field text for the XML and CSV writers (they write strings exactly, escaped as needed).
cell_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@pytest.mark.parametrize("fmt", ["xml", "csv"])
@fuzz(scale=0.5)
@given(data=st.data())
def test_xml_and_csv_with_any_field_text_import_or_are_refused(
    store: Store, folder: Path, fmt: str, data: st.DataObject
) -> None:
    item = make_item()
    for _ in range(data.draw(st.integers(1, 4))):
        key = data.draw(st.sampled_from(["item_id", "version", "currency", "total_value"]))
        item[key] = data.draw(cell_text)
    item["sender"]["name"] = data.draw(cell_text)
    item["contents"][0]["description"] = data.draw(cell_text)
    item["contents"][0]["quantity"] = data.draw(cell_text)
    out = io.StringIO()
    try:
        write(fmt, [item], out)
    except ValueError:  # the XML writer refuses text XML cannot hold (controls)
        return
    path = _write(folder, f"fields.{fmt}", out.getvalue().encode("utf-8"))
    read_or_refuse(path)
    import_checked(store, path)


@st.composite
def valid_items(draw: st.DrawFn) -> dict[str, Any]:
    si = draw(st.sampled_from(("RR", "CP", "EA", "LX", "UA")))
    serial = draw(st.text("0123456789", min_size=8, max_size=8))
    cc = draw(st.sampled_from(("CN", "GB", "US", "DE", "HK")))
    pieces = [
        {
            "description": draw(st.sampled_from(("phone case", "LED strip", "tea", "socks"))),
            "quantity": draw(st.integers(1, 1000)),
            "value": f"{draw(st.integers(0, 99999))}.{draw(st.integers(0, 99)):02d}",
            "currency": "USD",
        }
        for _ in range(draw(st.integers(1, 3)))
    ]
    return make_item(
        item_id=make(si, serial, cc), version=draw(st.integers(1, 50)), contents=pieces
    )


@pytest.mark.parametrize("fmt", sorted(GOOD))
@fuzz(scale=0.1)
@given(st.lists(valid_items(), min_size=1, max_size=5, unique_by=lambda i: i["item_id"]))
def test_valid_files_import_every_item(
    tmp_path_factory: pytest.TempPathFactory, fmt: str, items: list[dict[str, Any]]
) -> None:
    """The documented result: every valid item of a file in any format is read and stored."""
    folder = tmp_path_factory.mktemp("valid")
    out = io.StringIO()
    write(fmt, items, out)
    path = _write(folder, f"valid.{fmt}", out.getvalue().encode("utf-8"))
    verdicts = read_or_refuse(path)
    assert verdicts is not None and all(isinstance(v, AedItem) for v in verdicts)
    assert [v.item_id for v in verdicts] == [i["item_id"] for i in items]  # type: ignore[union-attr]
    with Store(folder / "fresh.sqlite") as fresh:
        report = import_files(fresh, [path], index_volume=False)
        assert report.to_json()["imported"] == len(items), report.to_json()
        assert report.refused == [] and report.to_json()["rejected"] == 0
