"""`parcelbench aed search`: one line per hit or JSON, exit 1 on no hit, never a new database."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, write_aed
from tests.conftest import BASE_ITEM, dump, make_item

RR = "RR473124829GB"
EE = "EE471108151FR"
LX = "LX123456785CN"


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, Path]:
    """Three parcels, the last corrected to other goods by a second file."""
    root = tmp_path_factory.mktemp("search")
    runner = Cli(root)
    path = root / "held.sqlite"
    goods = [{**BASE_ITEM["contents"][0], "description": 'Brass "ship" bell (antique)'}]
    ana = {**BASE_ITEM["addressee"], "name": "Ana Silva"}
    first = write_aed(
        root / "a.jsonl",
        "jsonl",
        [make_item(), make_item(item_id=EE), make_item(item_id=LX, contents=goods, addressee=ana)],
    )
    radio = [{**goods[0], "description": "Valve radio"}]
    corrected = make_item(item_id=LX, version=2, contents=radio, addressee=ana)
    second = write_aed(root / "b.jsonl", "jsonl", [corrected])
    runner("aed", "import", first, second, "--db", path)
    return runner, path


def test_one_line_per_hit_with_id_parties_and_first_goods(held: tuple[Cli, Path]) -> None:
    cli, db = held
    run = cli("aed", "search", "Núñez", "--db", db)
    assert run.stdout.splitlines() == [
        f"{RR:<22} Shenzhen Huaxin Trading Co., Ltd. → José Núñez — silicone phone case",
        f"{EE:<22} Shenzhen Huaxin Trading Co., Ltd. → José Núñez — silicone phone case",
    ]
    assert run.stderr == ""


def test_words_without_quotes_must_all_match(held: tuple[Cli, Path]) -> None:
    cli, db = held
    assert cli("aed", "search", "valve", "RADIO", "--db", db).stdout.startswith(LX)
    assert cli("aed", "search", "valve", "phone", "--db", db, expect=1).stdout == ""


def test_json_lists_the_hits(held: tuple[Cli, Path]) -> None:
    cli, db = held
    hits = cli("aed", "search", "silicone", "--db", db, "--json").json()
    assert hits == [
        {
            "item_id": item_id,
            "sender": "Shenzhen Huaxin Trading Co., Ltd.",
            "addressee": "José Núñez",
            "first_description": "silicone phone case",
        }
        for item_id in (RR, EE)
    ]
    assert cli("aed", "search", "ee 4711", "--db", db, "--json").json()[0]["item_id"] == EE


def test_limit_and_its_note(held: tuple[Cli, Path]) -> None:
    cli, db = held
    run = cli("aed", "search", "huaxin", "--limit", "2", "--db", db)
    assert [line.split()[0] for line in run.stdout.splitlines()] == [RR, EE]
    assert "2 shown; there may be more" in run.stderr
    bad = cli("aed", "search", "huaxin", "--limit", "0", "--db", db, expect=2)
    assert "not a positive whole number" in bad.stderr


def test_nothing_found_exits_1(held: tuple[Cli, Path]) -> None:
    """A superseded version's goods are history, not a hit; query syntax is only text."""
    cli, db = held
    before = dump(db)
    for text in ("ship bell", '"ship" OR bell', "NEAR(bell", "*"):
        run = cli("aed", "search", text, "--db", db, expect=1)
        assert run.stdout == ""
        assert run.stderr == f"no current AED matches {text!r}\n"
    assert cli("aed", "search", "ship bell", "--db", db, "--json", expect=1).json() == []
    assert dump(db) == before


def test_a_missing_database_is_refused_and_not_created(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "bench.sqlite"
    run = cli("aed", "search", "phone", "--db", missing, expect=2)
    assert run.stdout == ""
    assert f"no bench database at {missing}" in run.stderr
    assert run.stderr.count("\n") == 1
    assert not missing.parent.exists()


def test_a_big_import_returns_before_its_search_index_and_finds_everything(
    cli: Cli, tmp_path: Path
) -> None:
    """`--index-search later` (what a file of 64 MiB or more gets): the command returns with
    the rows committed, a background indexer catches the index up, and searches find the
    parcels before and after; `aed index` then has nothing left to do."""
    goods = [{**BASE_ITEM["contents"][0], "description": "Brass ship bell"}]
    path = write_aed(
        tmp_path / "big.jsonl", "jsonl", [make_item(), make_item(item_id=EE, contents=goods)]
    )
    db = tmp_path / "b.sqlite"
    out = cli("aed", "import", path, "--db", db, "--index-search", "later", "--json").json()
    assert out["imported"] == 2 and out["search_pending"] == 2
    hits = cli("aed", "search", "ship bell", "--db", db, "--json").json()
    assert [h["item_id"] for h in hits] == [EE]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the background indexer, started by the import
        with sqlite3.connect(db) as raw:
            upto = raw.execute("SELECT indexed_upto FROM search_index_state").fetchone()[0]
            top = raw.execute("SELECT max(id) FROM aed_items").fetchone()[0]
        if upto >= top:
            break
        time.sleep(0.2)
    assert upto >= top, "the background indexer did not catch up"
    assert cli("aed", "index", "--db", db, "--json").json()["indexed"] == 0
    hits = cli("aed", "search", "ship bell", "--db", db, "--json").json()
    assert [h["item_id"] for h in hits] == [EE]
    now = cli("aed", "import", path, "--db", tmp_path / "c.sqlite", "--index-search", "now")
    assert "background" not in now.stdout
