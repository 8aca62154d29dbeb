"""`parcelbench officer add` and `parcelbench record`, run as the real command."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.conftest import Cli
from tests.conftest import TEST_DATA
from tests.packs import no_random_exams


def _bench(cli: Cli, db: Path) -> None:
    cli("aed", "import", TEST_DATA / "good.xml", "--db", db)
    # the bench's first account is its supervisor, who signs every later one
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
        input="63920574\n",
    )
    # the supervisor's PIN on stdin's first line, the new account's on the next
    boss = ("--officer", "S2001", "--pin-stdin")
    cli(
        "officer", "add", "o1001", "--name", "Ana Ruiz", *boss, "--db", db,
        input="63920574\n40718253\n",
    )  # fmt: skip
    # these tests release a clear parcel on sight (tests/packs.py says why)
    pack = no_random_exams(db.parent)
    cli("risk", "pack", "load", pack, *boss, "--db", db, input="63920574\n")


def test_officer_accounts_never_show_pins(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "b.sqlite"
    _bench(cli, db)
    listed = cli("officer", "list", "--db", db, "--json").json()
    assert [(o["badge"], o["role"]) for o in listed] == [
        ("O1001", "officer"),
        ("S2001", "supervisor"),
    ]
    assert "40718253" not in str(listed) and "argon2" not in str(listed)
    boss = ("--officer", "S2001", "--pin-stdin")
    bad = cli(
        "officer", "add", "O3", "--name", "X", *boss, "--db", db, input="63920574\n1234\n",
        expect=2,
    )  # fmt: skip
    assert "a PIN is 8 to 12 digits, or a passphrase of 15 to 128 characters" in bad.stderr


def test_record_each_outcome(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "b.sqlite"
    _bench(cli, db)
    who = ("--officer", "O1001", "--pin-stdin", "--db", db, "--json")
    pin = "40718253\n"
    released = cli("record", "RR473124829GB", "--outcome", "released", *who, input=pin).json()
    assert set(released) == {
        "inspection_id",
        "item_id",
        "outcome",
        "seizure_number",
        "seizure_numbers",
        "selection",
        "photos",
    }
    assert (released["item_id"], released["outcome"]) == ("RR473124829GB", "released")
    assert released["selection"] == "not_examined"  # a clear parcel, released on sight
    opened = ("--method", "visual")
    cli(
        "record", "EE471108151FR", "--outcome", "referred", "--agency", "fda", *opened, *who,
        input=pin,
    )  # fmt: skip
    detained = cli(
        "record",
        "EE471108151FR",
        "--outcome",
        "detained",
        "--reason",
        "FDA sampling of undeclared supplements",
        "--tests-pending",
        "FDA laboratory analysis",
        "--anticipated-length",
        "about 10 days",
        "--information-requested",
        "the ingredient list",
        "--selection",
        "random",
        *opened,
        *who,
        input=pin,
    ).json()
    assert detained["selection"] == "random"
    seized = cli(
        "record",
        "RR473124829GB",
        "--outcome",
        "seized",
        *opened,
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
        "positive fentanyl",
        "--evidence-bag",
        "EB-0001",
        *who,
        input=pin,
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
        "--pin-stdin",
        "--db",
        db,
        expect=3,
        input="00000000\n",
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
        "--method",
        "visual",
        "--officer",
        "O1001",
        "--pin-stdin",
        "--db",
        db,
        expect=2,
        input="40718253\n",
    )
    assert "needs --agency" in missing.stderr
    unseized = cli(
        "record",
        "RR473124829GB",
        "--outcome",
        "seized",
        "--method",
        "visual",
        "--officer",
        "O1001",
        "--pin-stdin",
        "--db",
        db,
        expect=2,
        input="40718253\n",
    )
    assert "category" in unseized.stderr
    assert cli("db", "info", "--db", db, "--json").json()["tables"]["inspections"] == 0


def test_only_a_supervisor_adds_an_account(cli: Cli, tmp_path: Path) -> None:
    """`officer add` once made anyone a supervisor, with no credentials at all."""
    db = tmp_path / "b.sqlite"
    _bench(cli, db)
    before = cli("officer", "list", "--db", db, "--json").json()
    add = ("officer", "add", "X9", "--name", "Mallory", "--role", "supervisor", "--db", db)
    unsigned = cli(*add, input="84261937\n", expect=3)
    assert "needs a signed-in supervisor: sign with --officer BADGE" in unsigned.stderr
    by_officer = cli(
        *add, "--officer", "O1001", "--pin-stdin", input="40718253\n84261937\n", expect=3
    )
    assert "supervisor" in by_officer.stderr
    reset = ("officer", "add", "S2001", "--name", "Sam", "--role", "supervisor", "--db", db)
    cli(*reset, input="59183726\n", expect=3)
    assert cli("officer", "list", "--db", db, "--json").json() == before
    cli(*add, "--officer", "S2001", "--pin-stdin", input="63920574\n84261937\n")
    assert len(cli("officer", "list", "--db", db, "--json").json()) == len(before) + 1
