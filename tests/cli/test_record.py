"""`parcelbench officer add` and `parcelbench record`, run as the real command."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.conftest import Cli
from tests.conftest import TEST_DATA


def _bench(cli: Cli, db: Path) -> None:
    cli("aed", "import", TEST_DATA / "good.xml", "--db", db)
    cli("officer", "add", "o1001", "--name", "Ana Ruiz", "--db", db, input="1234\n")
    cli(
        "officer",
        "add",
        "S2001",
        "--name",
        "Sam Okafor",
        "--role",
        "supervisor",
        "--db",
        db,
        input="5678\n",
    )


def test_officer_accounts_never_show_pins(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "b.sqlite"
    _bench(cli, db)
    listed = cli("officer", "list", "--db", db, "--json").json()
    assert [(o["badge"], o["role"]) for o in listed] == [
        ("O1001", "officer"),
        ("S2001", "supervisor"),
    ]
    assert "1234" not in str(listed) and "argon2" not in str(listed)
    bad = cli("officer", "add", "O3", "--name", "X", "--db", db, input="12\n", expect=2)
    assert "4 to 12 digits" in bad.stderr


def test_record_each_outcome(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "b.sqlite"
    _bench(cli, db)
    who = ("--officer", "O1001", "--pin", "1234", "--db", db, "--json")
    released = cli("record", "RR473124829GB", "--outcome", "released", *who).json()
    assert set(released) == {"inspection_id", "item_id", "outcome", "seizure_number"}
    assert (released["item_id"], released["outcome"]) == ("RR473124829GB", "released")
    cli("record", "EE471108151FR", "--outcome", "referred", "--agency", "fda", *who)
    cli(
        "record",
        "EE471108151FR",
        "--outcome",
        "detained",
        "--reason",
        "FDA sampling of undeclared supplements",
        "--random",
        *who,
    )
    seized = cli(
        "record",
        "RR473124829GB",
        "--outcome",
        "seized",
        "--seizure-category",
        "narcotics",
        "--seizure-description",
        "white powder in phone case",
        "--quantity",
        "1",
        "--unit",
        "pieces",
        "--weight-g",
        "12.34",
        "--field-test",
        "TruNarc",
        "--field-test-result",
        "fentanyl",
        "--evidence-bag",
        "EB-0001",
        *who,
    ).json()
    assert re.fullmatch(r"20\d\d-0000-000001-01", seized["seizure_number"])
    info = cli("db", "info", "--db", db, "--json").json()["tables"]
    assert (info["inspections"], info["seizures"]) == (4, 1)
    cli("audit", "verify", "--db", db)


def test_record_refuses_clearly(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "b.sqlite"
    _bench(cli, db)
    wrong = cli(
        "record",
        "RR473124829GB",
        "--outcome",
        "released",
        "--officer",
        "O1001",
        "--pin",
        "0000",
        "--db",
        db,
        expect=3,
    )
    assert wrong.stderr.startswith(  # O1001 is a demo badge: the refusal says where it lives
        "parcelbench: badge or PIN not recognised: O1001 is a demo badge, whose account lives in "
        "the demo bench (--db "
    )
    assert wrong.stderr.count("\n") == 1
    missing = cli(
        "record",
        "RR473124829GB",
        "--outcome",
        "referred",
        "--officer",
        "O1001",
        "--pin",
        "1234",
        "--db",
        db,
        expect=2,
    )
    assert "needs --agency" in missing.stderr
    unseized = cli(
        "record",
        "RR473124829GB",
        "--outcome",
        "seized",
        "--officer",
        "O1001",
        "--pin",
        "1234",
        "--db",
        db,
        expect=2,
    )
    assert "category" in unseized.stderr
    assert cli("db", "info", "--db", db, "--json").json()["tables"]["inspections"] == 0
