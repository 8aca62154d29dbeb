"""`parcelbench seizure …` and `parcelbench report …`, run as the real command on a real bench."""

from __future__ import annotations

import csv
import dataclasses
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, write_jsonl
from tests.conftest import make_item
from tests.reports.bench_data import DRAFT, Bench, build

SUP = ("--officer", "S2002", "--pin-stdin")  # the PIN on stdin (input=)
OFFICER = ("--officer", "O1001", "--pin-stdin")
OTHER = "EE471108151FR"


@pytest.fixture
def bench(tmp_path: Path) -> Bench:
    return build(tmp_path / "bench", photos=1)


def test_queue_approve_and_print(cli: Cli, bench: Bench, tmp_path: Path) -> None:
    db = ("--db", bench.db)
    listed = cli("seizure", "list", "--pending", "--json", *db).json()
    assert [(s["seizure_number"], s["status"], s["officer"]) for s in listed] == [
        (bench.seizure_number, "pending", "O1001")
    ]
    refused = cli(
        "seizure", "approve", bench.seizure_number, *OFFICER, *db, expect=3, input="40718253\n"
    )
    assert refused.stderr.strip() == "parcelbench: O1001 is an officer; this needs a supervisor"
    done = cli("seizure", "approve", bench.seizure_number, *SUP, *db, input="71946082\n")
    assert done.stdout.strip() == f"seizure {bench.seizure_number} approved by S2002"
    assert cli("seizure", "list", "--pending", *db).stdout.strip() == (
        "no seizures awaiting approval"
    )
    again = cli("seizure", "approve", bench.seizure_number, *SUP, *db, expect=2, input="71946082\n")
    assert "is approved; it can be approved only when pending" in again.stderr
    out = tmp_path / "seizure.pdf"
    printed = cli(
        "report",
        "seizure",
        bench.seizure_number,
        "-o",
        out,
        *SUP,
        *db,
        "--json",
        input="71946082\n",
    )
    assert printed.json()["file"] == str(out)
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
    assert "Mei Chen 陈美 (S2002)" in text and bench.seizure_number in text


def test_officer_may_not_print_or_export(cli: Cli, bench: Bench, tmp_path: Path) -> None:
    db = ("--db", bench.db)
    out = tmp_path / "x.pdf"
    for args in (
        ("report", "seizure", bench.seizure_number, "-o", out),
        ("report", "operation", "--from", "2020-01-01", "--to", "2035-01-01", "-o", out),
        ("report", "operation", "--from", "2020-01-01", "--to", "2035-01-01", "--csv", tmp_path),
    ):
        refused = cli(*args, *OFFICER, *db, expect=3, input="40718253\n")
        assert refused.stderr.strip() == (
            "parcelbench: O1001 is an officer; this needs a supervisor"
        ), refused.describe()
        assert "Traceback" not in refused.stderr
    assert not out.exists()


def test_return_resubmit_and_transfer(cli: Cli, bench: Bench) -> None:
    db = ("--db", bench.db)
    n = bench.seizure_number
    empty = cli("seizure", "return", n, "--comment", " ", *SUP, *db, expect=2, input="71946082\n")
    assert "a comment is required" in empty.stderr
    cli("seizure", "return", n, "--comment", "weigh without the bag", *SUP, *db, input="71946082\n")
    assert cli("seizure", "list", "--json", *db).json()[0]["status"] == "returned"
    cli("seizure", "resubmit", n, "--comment", "reweighed", *OFFICER, *db, input="40718253\n")
    assert cli("seizure", "list", "--json", *db).json()[0]["status"] == "pending"
    moved = cli(
        "seizure",
        "transfer",
        n,
        "--released-by",
        "Ana Ruiz",
        "--received-by",
        "Vault",
        "--purpose",
        "storage",
        *OFFICER,
        *db,
        "--json",
        input="40718253\n",
    ).json()
    assert (moved["released_by"], moved["received_by"], moved["recorded_by"]) == (
        "Ana Ruiz",
        "Vault",
        "O1001",
    )
    unknown = cli(
        "seizure", "approve", "2027-4701-999999-01", *SUP, *db, expect=2, input="71946082\n"
    )
    assert unknown.stderr.strip() == "parcelbench: no seizure 2027-4701-999999-01 on this bench"


def test_period_summary_pdf_and_csv(cli: Cli, bench: Bench, tmp_path: Path) -> None:
    db = ("--db", bench.db)
    out, folder = tmp_path / "summary.pdf", tmp_path / "tables"
    done = cli(
        "report",
        "operation",
        "--from",
        "2020-01-01",
        "--to",
        "2035-12-31",
        "-o",
        out,
        "--csv",
        folder,
        *SUP,
        *db,
        "--json",
        input="71946082\n",
    ).json()
    assert (done["examined"], done["targeted"], done["random"], done["noncompliant"]) == (
        1,
        1,
        0,
        1,
    )
    assert sorted(p.name for p in folder.iterdir()) == [
        "outcomes.csv",
        "overall.csv",
        "rules.csv",
        "seizures.csv",
        "strata.csv",
    ]
    with (folder / "seizures.csv").open(encoding="utf-8") as fh:
        assert list(csv.DictReader(fh)) == [
            {"category": "narcotics", "seizures": "1", "weight_g": "12.34"}
        ]
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
    assert "Period summary — 2020-01-01 to 2035-12-31" in text
    bad = cli(
        "report",
        "operation",
        "--from",
        "2026-02-30",
        "--to",
        "2026-03-01",
        "-o",
        out,
        *SUP,
        *db,
        expect=2,
        input="71946082\n",
    )
    assert bad.stderr.strip() == ("parcelbench: start date '2026-02-30' is not a date (YYYY-MM-DD)")
    nowhere = cli(
        "report", "operation", "--operation", "X", *SUP, *db, expect=2, input="71946082\n"
    )
    assert "-o FILE.pdf and/or --csv DIR" in nowhere.stderr


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout


def test_people_read_words_and_programs_keep_the_keys(cli: Cli, tmp_path: Path) -> None:
    """Regression: reports and listings printed `precursor_chemicals`, `returned_to_sender`."""
    precursor = dataclasses.replace(DRAFT, category="precursor_chemicals")
    bench = build(tmp_path / "bench", photos=0, draft=precursor)
    db = ("--db", bench.db)
    listed = cli("seizure", "list", *db).stdout
    assert "O1001  precursor chemicals: white powder in phone case lining" in listed, listed
    assert cli("seizure", "list", "--json", *db).json()[0]["category"] == "precursor_chemicals"
    # a second parcel: a summary counts each parcel's latest inspection
    cli("aed", "import", write_jsonl(tmp_path / "more.jsonl", [make_item(item_id=OTHER)]), *db)
    returned = cli(
        "record",
        OTHER,
        "--outcome",
        "returned_to_sender",
        "--return-reason",
        "no_aed",
        "--selection",
        "risk_rule",
        "--method",
        "visual",
        *OFFICER,
        *db,
        input="40718253\n",
    )
    assert returned.stdout == f"{OTHER}: returned to sender\n"
    out, folder = tmp_path / "summary.pdf", tmp_path / "tables"
    period = ("--from", "2020-01-01", "--to", "2035-12-31")
    done = cli(
        "report", "operation", *period, "-o", out, "--csv", folder, *SUP, *db, input="71946082\n"
    )
    assert done.stderr == ""  # inspections in the period: no note
    flat = " ".join(_pdf_text(out).split())
    for said in ("precursor chemicals 1 12.34 g", "returned to sender 1", "sale of goods 2"):
        assert said in flat, said
    for key in ("precursor_chemicals", "returned_to_sender", "sale_of_goods"):
        assert key not in flat, key
    tables = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    assert "precursor_chemicals,1,12.34" in tables["seizures.csv"]
    assert "returned_to_sender,1" in tables["outcomes.csv"]
    assert "category,sale_of_goods," in tables["strata.csv"]


def test_a_period_without_inspections_says_so(cli: Cli, bench: Bench, tmp_path: Path) -> None:
    """Regression: the README's example period printed a chart of bare "0 %" ticks, silently."""
    db = ("--db", bench.db)
    latest = cli("seizure", "list", "--json", *db).json()[0]["at"][:10]
    out, folder = tmp_path / "empty.pdf", tmp_path / "tables"
    period = ("--from", "2026-11-01", "--to", "2026-11-30")
    done = cli(
        "report", "operation", *period, "-o", out, "--csv", folder, *SUP, *db, input="71946082\n"
    )
    assert done.stderr == (
        "parcelbench: note: the period 2026-11-01 to 2026-11-30 (whole UTC days) holds no "
        f"inspections (the latest inspection on this bench was recorded {latest}); the summary "
        "says so\n"
    )
    assert done.stdout.startswith("Period summary — 2026-11-01 to 2026-11-30: 0 examined")
    assert (folder / "overall.csv").exists()
    text = _pdf_text(out)
    assert "No inspections in this period" in text
    ticks = [line for line in text.splitlines() if line.replace(" ", "") == "0%"]
    assert ticks == [] and "targeted vs baseline" not in text  # no empty axes
    fresh = tmp_path / "fresh.sqlite"
    cli(
        "officer",
        "add",
        "S2002",
        "--name",
        "Mei",
        "--role",
        "supervisor",
        "--db",
        fresh,
        input="71946082\n",
    )
    none = cli(
        "report",
        "operation",
        *period,
        "--csv",
        folder,
        *SUP,
        "--db",
        fresh,
        "--json",
        input="71946082\n",
    )
    assert "(this bench has recorded no inspections yet)" in none.stderr
    assert none.json()["examined"] == 0
