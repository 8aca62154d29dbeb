"""`parcelbench holds import|list`, run as the real command in a child process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parcelbench.domain.records import Role
from parcelbench.store import Store
from tests.accounts import account
from tests.cli.conftest import Cli
from tests.conftest import dump

SUPERVISOR = ("--officer", "S2001", "--pin-stdin")
SUP_PIN = "63920574\n"  # S2001's PIN, on stdin
HEADER = "item_id,reason,source,targeted_on\n"
CSV = (
    HEADER + "RR473124829GB,pill press parts (HQ alert 17),HQ targeting,2026-11-20\n"
    "EE471108151FR,undeclared supplements,CBP ATS,2026-11-21\n"
)
JSONL = (
    json.dumps(
        {
            "item_id": "CP100000140DE",
            "reason": "counterfeit watches",
            "source": "local",
            "targeted_on": "2026-11-22",
        }
    )
    + "\n"
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A bench database with one supervisor (S2001) and one officer (O1001)."""
    path = tmp_path / "bench.sqlite"
    with Store(path) as store:
        account(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574")
        account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
    return path


def file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_list_and_examine(cli: Cli, db: Path, tmp_path: Path) -> None:
    done = cli(
        "holds", "import", file(tmp_path, "holds.csv", CSV), *SUPERVISOR, "--db", db, input=SUP_PIN
    )
    assert done.stdout.splitlines() == [
        "holds.csv (csv): 2 added, 0 updated, 0 unchanged — import #1",
        "holds outstanding 2",
    ]
    batch = cli(
        "holds", "import", file(tmp_path, "h.jsonl", JSONL), *SUPERVISOR, "--db", db, "--json",
        input=SUP_PIN,
    ).json()  # fmt: skip
    assert (batch["format"], batch["added"], batch["actor"]) == ("jsonl", 1, "S2001")
    assert batch["counts"]["outstanding"] == 3

    cli("record", "EE471108151FR", "--outcome", "released", "--method", "visual", "--officer",
        "O1001", "--pin-stdin", "--db", db, input="40718253\n")  # fmt: skip
    examined = cli("holds", "list", "--status", "examined", "--db", db, "--json").json()
    assert [h["item_id"] for h in examined] == ["EE471108151FR"]
    assert examined[0]["inspection_uuid"] and examined[0]["located_at"]

    listed = cli("holds", "list", "--db", db)
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("RR473124829GB") and "outstanding" in lines[0]
    assert "pill press parts" in lines[0] and "HQ targeting" in lines[0]
    assert lines[2].startswith("EE471108151FR") and "examined" in lines[2]
    assert lines[-1] == "holds outstanding 2 · examined 1"
    assert cli("holds", "list", "--status", "located", "--db", db).stdout == (
        "no located holds\nholds outstanding 2 · examined 1\n"
    )
    assert cli("audit", "verify", "--db", db, "--json").json()["ok"] is True


def test_a_bad_row_refuses_the_file_and_changes_nothing(cli: Cli, db: Path, tmp_path: Path) -> None:
    cli("holds", "import", file(tmp_path, "first.csv", CSV), *SUPERVISOR, "--db", db, input=SUP_PIN)
    before = dump(db)
    bad = file(
        tmp_path,
        "bad.csv",
        HEADER + "CP100000140DE,r,local,2026-11-22\nRR473124828GB,r,HQ,2026-11-20\n",
    )
    refused = cli("holds", "import", bad, *SUPERVISOR, "--db", db, expect=2, input=SUP_PIN)
    assert refused.stdout == ""
    assert refused.stderr == (
        "parcelbench: bad.csv line 3, item_id: 'RR473124828GB': check digit is 8, expected 9; "
        "nothing imported\n"
    )
    as_json = cli(
        "holds", "import", bad, *SUPERVISOR, "--db", db, "--json", expect=2, input=SUP_PIN
    )
    assert as_json.json()["problems"] == [
        {
            "file": "bad.csv",
            "line": 3,
            "item_id": "RR473124828GB",
            "field": "item_id",
            "reason": "'RR473124828GB': check digit is 8, expected 9",
        }
    ]
    assert len(as_json.stderr.splitlines()) == 1
    assert dump(db) == before


def test_importing_needs_a_supervisors_badge_and_pin(cli: Cli, db: Path, tmp_path: Path) -> None:
    path = file(tmp_path, "holds.csv", CSV)
    before = dump(db)
    officer = cli("holds", "import", path, "--officer", "O1001", "--pin-stdin", "--db", db,
                  expect=3, input="40718253\n")  # fmt: skip
    assert officer.stderr == "parcelbench: O1001 is an officer; this needs a supervisor\n"
    assert dump(db) == before
    wrong = cli("holds", "import", path, "--officer", "S2001", "--pin-stdin", "--db", db,
                expect=3, input="00000000\n")  # fmt: skip
    assert wrong.stderr.startswith(  # S2001 is a demo badge: the refusal says where it lives
        "parcelbench: badge or PIN not recognised: S2001 is a demo badge, whose account lives in "
        "the demo bench (--db "
    )
    assert wrong.stderr.count("\n") == 1
    missing = cli("holds", "import", path, "--db", db, expect=2)
    assert "--officer" in missing.stderr
    with Store(db) as store:  # a wrong PIN may be audited, but nothing is imported
        counts = store.table_counts()
    assert (counts["holds"], counts["hold_imports"], counts["outbox"]) == (0, 0, 0)


def test_a_file_that_is_not_a_holds_list(cli: Cli, db: Path, tmp_path: Path) -> None:
    before = dump(db)
    run = cli(
        "holds", "import", tmp_path / "absent.csv", *SUPERVISOR, "--db", db, expect=2,
        input=SUP_PIN,
    )  # fmt: skip
    assert run.stderr == "parcelbench: absent.csv: no such file\n"
    png = tmp_path / "label.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    run = cli("holds", "import", png, *SUPERVISOR, "--db", db, expect=2, input=SUP_PIN)
    assert run.stderr == "parcelbench: label.png: binary file (a PNG image), not a holds list\n"
    assert dump(db) == before


def test_an_empty_bench_lists_no_holds(cli: Cli, db: Path) -> None:
    assert cli("holds", "list", "--db", db).stdout == "no holds\nholds outstanding 0\n"
    assert cli("holds", "list", "--db", db, "--json").json() == []
    bad = cli("holds", "list", "--status", "pending", "--db", db, expect=2)
    assert "invalid choice" in bad.stderr
