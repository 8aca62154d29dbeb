"""Files that must import NOTHING: each refused with a one-line reason, the store unchanged.

Runs the real `parcelbench aed import` command against the real database file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parcelbench.aed.importer import import_file
from parcelbench.aed.writers import write
from parcelbench.ids.s10 import make
from parcelbench.store import Store
from tests.conftest import TEST_DATA, dump, make_item

REFUSED = {
    "truncated.xml": "not well-formed XML",
    "mismatched-tags.xml": "not well-formed XML",
    "billion-laughs.xml": "DTD",
    "external-entity.xml": "DTD",
    "xxe-file.xml": "DTD",
    "undeclared-entity.xml": "entit",
    "latin1-declared.xml": "not UTF-8",
    "latin1-undeclared.xml": "not UTF-8",
    "latin1.jsonl": "not UTF-8",
    "latin1.csv": "not UTF-8",
    "utf16.jsonl": "not UTF-8",
    "binary.bin": "binary file",
    "image.png": "binary file (a PNG image)",
    "html.xml": "not AED: root element is <html>",
    "other-namespace.xml": "namespace",
    "array.json": "JSON array, not JSON Lines",
    "not-aed.csv": "not AED",
    "notes.txt": "not AED",
    "empty.xml": "empty file",
    "broken.jsonl": "not well-formed JSON Lines",
    "scalar-line.jsonl": "each line must be one item object",
    "ragged.csv": "not well-formed CSV",
}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "parcelbench", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def populated(tmp_path: Path) -> Path:
    """A database that already holds an import, so 'unchanged' means something."""
    db = tmp_path / "bench.sqlite"
    result = cli("aed", "import", str(TEST_DATA / "good.jsonl"), "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["imported"] == 2
    return db


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_file_imports_nothing_and_says_why(populated: Path, name: str) -> None:
    before = dump(populated)
    result = cli("aed", "import", str(TEST_DATA / name), "--db", str(populated), "--json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["imported"] == 0 and report["rejected"] == 0
    [refusal] = report["refused"]
    assert REFUSED[name] in refusal["reason"]
    # one line on stderr naming the file and the reason, never a traceback
    err_lines = result.stderr.strip().splitlines()
    assert len(err_lines) == 1, result.stderr
    assert name in err_lines[0] and REFUSED[name] in err_lines[0]
    assert "Traceback" not in result.stderr
    assert dump(populated) == before


def test_no_entity_is_ever_expanded(tmp_path: Path) -> None:
    with Store(tmp_path / "x.sqlite") as store:
        result = import_file(store, TEST_DATA / "xxe-file.xml")
        assert result.refused is not None
        rows = store.conn.execute("SELECT count(*) FROM aed_items").fetchone()[0]
        assert rows == 0


def test_good_files_beside_a_refused_one_still_import(tmp_path: Path) -> None:
    db = tmp_path / "b.sqlite"
    result = cli(
        "aed",
        "import",
        str(TEST_DATA / "good.xml"),
        str(TEST_DATA / "binary.bin"),
        str(TEST_DATA / "good.csv"),
        "--db",
        str(db),
        "--json",
    )
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["files"] == 3
    assert report["unchanged"] == 2 and report["imported"] == 2
    assert [r["file"].endswith("binary.bin") for r in report["refused"]] == [True]


def test_rejected_items_do_not_fail_the_command(tmp_path: Path) -> None:
    result = cli(
        "aed",
        "import",
        str(TEST_DATA / "bad-items.jsonl"),
        "--db",
        str(tmp_path / "c.sqlite"),
        "--json",
    )
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert (report["imported"], report["rejected"]) == (1, 2)
    assert {r["field"] for r in report["rejections"]} == {"item_id", "currency"}
    for rejection in report["rejections"]:
        assert set(rejection) == {"file", "line", "item_id", "field", "reason"}


def _many(n: int) -> list[dict[str, object]]:
    return [make_item(item_id=make("LX", f"{i:08d}", "CN")) for i in range(n)]


@pytest.mark.parametrize("fmt", ["xml", "jsonl", "csv"])
def test_bad_byte_deep_in_the_file_rolls_back_every_batch(tmp_path: Path, fmt: str) -> None:
    """Thousands of good items are written before the bad byte is met: none may stay."""
    path = tmp_path / f"deep.{fmt}"
    with path.open("w", encoding="utf-8", newline="") as fh:
        write(fmt, _many(6000), fh)
    data = path.read_bytes()
    cut = data.rfind(b"silicone phone case")
    path.write_bytes(data[:cut] + b"silicone \xff case" + data[cut + 19 :])
    db = tmp_path / "deep.sqlite"
    with Store(db) as store:
        before = dump(db)
        result = import_file(store, path, batch_size=500)
        assert result.refused is not None and "not UTF-8" in result.refused
        assert dump(db) == before


def test_truncated_large_xml_rolls_back(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    with path.open("w", encoding="utf-8") as fh:
        write("xml", _many(5000), fh)
    data = path.read_bytes()
    path.write_bytes(data[: data.rfind(b"</Item>") - 40])  # cut inside the last item
    db = tmp_path / "t.sqlite"
    with Store(db) as store:
        before = dump(db)
        result = import_file(store, path, batch_size=500)
        assert result.refused is not None and "not well-formed XML" in result.refused
        assert "line" in result.refused
        assert dump(db) == before
