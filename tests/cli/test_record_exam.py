"""`parcelbench record` with the exam record, `lab-result` and `referral`, run as the real command.

The bench holds three parcels: one clear, one at the hold level without a critical flag (two
high-severity drugs) and one at the hold level with a critical flag (a fentanyl precursor), as
`parcelbench risk` reports them.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from parcelbench.aed.writers import write
from tests.cli.conftest import Cli
from tests.conftest import TEST_DATA, make_item
from tests.packs import no_random_exams

CLEAR = "RR473124829GB"
HOLD = "RR000000014GB"  # benzodiazepine + xylazine: detain level, nothing critical
CRITICAL = "EE471108151FR"  # fentanyl precursor: hold, critical
OFFICER_PIN, OTHER_PIN, SUP_PIN = "40718253\n", "52839160\n", "63920574\n"


def _goods(description: str, hs_code: str) -> dict[str, Any]:
    return {
        "description": description,
        "quantity": 1,
        "net_weight_kg": 0.2,
        "value": "30.00",
        "currency": "USD",
        "hs_code": hs_code,
        "origin_country": "CN",
    }


@pytest.fixture
def db(cli: Cli, tmp_path: Path) -> Path:
    path = tmp_path / "b.sqlite"
    items = [
        make_item(),
        make_item(
            item_id=HOLD,
            contents=[_goods("xylazine powder", "300490"), _goods("alprazolam tablets", "300490")],
        ),
        make_item(
            item_id=CRITICAL,
            contents=[_goods("tert-butyl 4-(phenylamino)piperidine-1-carboxylate", "293339")],
        ),
    ]
    aed = tmp_path / "aed.jsonl"
    with aed.open("w", encoding="utf-8") as fh:
        write("jsonl", items, fh)
    cli("aed", "import", aed, "--db", path)
    cli("officer", "add", "S2001", "--name", "Sam", "--role", "supervisor", "--db", path,
        input=SUP_PIN)  # fmt: skip
    boss = ("--officer", "S2001", "--pin-stdin", "--db", path)
    for badge, pin in (("O1001", OFFICER_PIN), ("O1002", OTHER_PIN)):
        cli("officer", "add", badge, "--name", "Ana", *boss, input=SUP_PIN + pin)
    # these tests release clear parcels on sight (tests/packs.py says why)
    pack = no_random_exams(tmp_path)
    cli("risk", "pack", "load", pack, *boss, input=SUP_PIN)
    levels = {i: cli("risk", i, "--db", path, "--json").json() for i in (HOLD, CRITICAL)}
    assert levels[HOLD]["level"] == "detain"
    assert all(f["severity"] != "critical" for f in levels[HOLD]["flags"])
    assert any(f["severity"] == "critical" for f in levels[CRITICAL]["flags"])
    return path


def _who(db: Path, badge: str = "O1001") -> tuple[str, ...]:
    return ("--officer", badge, "--pin-stdin", "--db", str(db))


def _tables(cli: Cli, db: Path) -> dict[str, int]:
    tables: dict[str, int] = cli("db", "info", "--db", db, "--json").json()["tables"]
    return tables


def _rows(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


LINE_1 = (
    "category=narcotics;description=white powder;quantity=1;unit=g;weight=12.5;test=raman;"
    "result=positive fentanyl;bags=EB1,EB2;seals=S1"
)
LINE_2 = (
    "category=narcotics;description=blue tablets;quantity=20;unit=tablets;weight=5.25;"
    "test=raman;result=inconclusive;sample=LS-2"
)


def _seize_two_lines(cli: Cli, db: Path) -> dict[str, Any]:
    done: dict[str, Any] = cli(
        "record", HOLD, "--outcome", "seized", "--selection", "k9_alert", "--method", "k9",
        "--method", "visual", "--line", LINE_1, "--line", LINE_2, *_who(db), "--json",
        input=OFFICER_PIN,
    ).json()  # fmt: skip
    return done


def test_a_k9_seizure_of_two_lines_numbers_each_and_keeps_its_test(cli: Cli, db: Path) -> None:
    done = _seize_two_lines(cli, db)
    first, second = done["seizure_numbers"]
    assert re.fullmatch(r"20\d\d-0000-000001-01", first) and second == first[:-2] + "02"
    assert (done["selection"], done["seizure_number"], done["photos"]) == ("k9_alert", first, [])
    stored = _rows(
        db,
        "SELECT seizure_number, substance, lab_sample, field_test_result, seals, weight_g "
        "FROM seizures ORDER BY seizure_number",
    )
    assert [(n, s, lab, r, json.loads(seals), w) for n, s, lab, r, seals, w in stored] == [
        (first, "fentanyl", None, "positive", ["S1"], 12.5),
        (second, None, "LS-2", "inconclusive", [], 5.25),
    ]
    exam = json.loads(_rows(db, "SELECT exam FROM inspections")[0][0])
    assert exam["methods"] == ["k9", "visual"]


def test_malformed_lines_and_tests_are_refused_naming_them(cli: Cli, db: Path) -> None:
    seize = ("record", HOLD, "--outcome", "seized", "--method", "visual", *_who(db))
    unknown = cli(*seize, "--line", LINE_1, "--line", "category=narcotics;colour=red",
                  expect=2, input=OFFICER_PIN)  # fmt: skip
    assert "--line 2: unknown key 'colour'" in unknown.stderr
    number = cli(*seize, "--line", "category=narcotics;weight=12,5g", expect=2, input=OFFICER_PIN)
    assert "--line 1: weight='12,5g' is not a number" in number.stderr
    test = cli("record", HOLD, "--outcome", "released", "--test", "raman", *_who(db),
               expect=2, input=OFFICER_PIN)  # fmt: skip
    assert "--test 'raman': expected INSTRUMENT:RESULT[:SUBSTANCE[:LAB_SAMPLE]]" in test.stderr
    assert _tables(cli, db)["inspections"] == 0


def test_a_release_at_the_hold_level_needs_findings(cli: Cli, db: Path) -> None:
    release = ("record", HOLD, "--outcome", "released", "--method", "visual", *_who(db))
    refused = cli(*release, expect=2, input=OFFICER_PIN)
    assert "say what the exam found before releasing it" in refused.stderr
    assert _tables(cli, db)["inspections"] == 0
    cli(*release, "--findings", "vitamin tablets, labelled; no powder", input=OFFICER_PIN)
    exam = json.loads(_rows(db, "SELECT exam FROM inspections")[0][0])
    assert exam["findings"] == "vitamin tablets, labelled; no powder"


def test_a_release_over_a_critical_flag_needs_a_supervisor_and_their_pin(
    cli: Cli, db: Path
) -> None:
    release = (
        "record", CRITICAL, "--outcome", "released", "--method", "visual", "--method",
        "field_test", "--test", "raman:negative", "--findings", "sealed tube of vitamin C",
    )  # fmt: skip
    alone = cli(*release, *_who(db), expect=2, input=OFFICER_PIN)
    assert "needs the supervisor who allows it" in alone.stderr
    by_officer = cli(*release, "--allowed-by", "O1002", "--supervisor-pin-stdin", *_who(db),
                     expect=2, input=OFFICER_PIN + OTHER_PIN)  # fmt: skip
    assert "O1002 is not a supervisor" in by_officer.stderr
    wrong = cli(*release, "--allowed-by", "S2001", "--supervisor-pin-stdin", *_who(db),
                expect=2, input=OFFICER_PIN + "00000000\n")  # fmt: skip
    assert "the supervisor's badge or PIN was not accepted" in wrong.stderr
    assert _tables(cli, db)["inspections"] == 0
    # the officer's PIN on stdin's first line, the supervisor's on the second
    cli(*release, "--allowed-by", "s2001", "--supervisor-pin-stdin", *_who(db),
        input=OFFICER_PIN + SUP_PIN)  # fmt: skip
    # a supervisor signed in allows their own release: no second PIN
    cli(*release, "--allowed-by", "S2001", *_who(db, "S2001"), input=SUP_PIN)
    exams = [json.loads(e) for (e,) in _rows(db, "SELECT exam FROM inspections ORDER BY at")]
    assert [e["override_by"] for e in exams] == ["S2001", "S2001"]
    assert exams[0]["field_tests"] == [
        {"instrument": "raman", "result": "negative", "substance": None, "lab_sample": None}
    ]


def test_return_abandon_destroy_need_their_reason_or_witness(cli: Cli, db: Path) -> None:
    examined = ("--method", "visual", *_who(db))
    back = cli("record", CLEAR, "--outcome", "returned_to_sender", *examined, expect=2,
               input=OFFICER_PIN)  # fmt: skip
    assert "a return to sender needs its reason" in back.stderr
    assert _tables(cli, db)["inspections"] == 0
    cli("record", CLEAR, "--outcome", "returned_to_sender", "--return-reason", "no_aed",
        *examined, input=OFFICER_PIN)  # fmt: skip
    destroy = ("record", HOLD, "--outcome", "destroyed", "--witness", "Officer B. Lee")
    missing = cli(*destroy, *examined, expect=2, input=OFFICER_PIN)
    assert "certificate number (--certificate)" in missing.stderr
    cli(*destroy, "--certificate", "DC-2026-0042", *examined, input=OFFICER_PIN)
    exams = [json.loads(e) for (e,) in _rows(db, "SELECT exam FROM inspections ORDER BY at")]
    assert exams[0]["return_reason"] == "no_aed"
    assert (exams[1]["witness"], exams[1]["certificate"]) == ("Officer B. Lee", "DC-2026-0042")


def test_a_detention_is_recorded_with_its_notice_and_listed(cli: Cli, db: Path) -> None:
    detain = ("record", HOLD, "--outcome", "detained", "--method", "visual",
              "--reason", "suspected controlled drugs; DEA review")  # fmt: skip
    partial = cli(*detain, "--tests-pending", "DEA lab analysis", *_who(db), expect=2,
                  input=OFFICER_PIN)  # fmt: skip
    assert "needs --anticipated-length" in partial.stderr
    assert _tables(cli, db)["inspections"] == 0
    cli(
        *detain, "--tests-pending", "DEA lab analysis of 2 tablets", "--anticipated-length",
        "about 10 days", "--information-requested", "invoice and prescription",
        "--notice-to", "K. Marsh, Reno NV", "--notice-method", "mail", *_who(db),
        input=OFFICER_PIN,
    )  # fmt: skip
    notice = json.loads(_rows(db, "SELECT exam FROM inspections")[0][0])["notice"]
    assert notice == {
        "reason": "suspected controlled drugs; DEA review",
        "tests_pending": "DEA lab analysis of 2 tablets",
        "information_requested": "invoice and prescription",
        "addressee": "K. Marsh, Reno NV",
        "notice_method": "mail",
        "anticipated_length": "about 10 days",
    }
    listed = cli("detentions", "--db", db, "--json").json()
    assert [(d["item_id"], d["reason"]) for d in listed] == [
        (HOLD, "suspected controlled drugs; DEA review")
    ]


def test_a_photo_is_kept_by_its_hash_and_a_text_file_refused(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    release = ("record", CLEAR, "--outcome", "released", *_who(db), "--json")
    text = tmp_path / "notes.png"  # a suffix proves nothing
    text.write_text("not an image\n", encoding="utf-8")
    png = TEST_DATA / "image.png"
    refused = cli(*release, "--photo", png, "--photo", text, expect=2, input=OFFICER_PIN)
    assert "notes.png is not a JPEG, PNG or TIFF image" in refused.stderr
    missing = cli(*release, "--photo", tmp_path / "gone.jpg", expect=2, input=OFFICER_PIN)
    assert "--photo: no such file" in missing.stderr
    assert (_tables(cli, db)["inspections"], _tables(cli, db)["photos"]) == (0, 0)
    done = cli(*release, "--photo", png, input=OFFICER_PIN).json()
    digest = hashlib.sha256(png.read_bytes()).hexdigest()
    assert done["photos"] == [digest]
    assert _rows(db, "SELECT sha256, inspection_uuid, caption FROM photos") == [
        (digest, done["inspection_id"], "imported: image.png")
    ]
    kept = db.with_name(db.name + ".photos") / f"{digest}.png"
    assert kept.read_bytes() == png.read_bytes()


def test_a_lab_result_lands_only_on_the_sample_sent(cli: Cli, db: Path) -> None:
    first, second = _seize_two_lines(cli, db)["seizure_numbers"]
    lab = ("lab-result", second, "--result", "positive", "--substance", "bromazolam",
           "--lab", "CBP LSSD Chicago", "--report", "LR-77", *_who(db))  # fmt: skip
    wrong = cli(*lab, "--sample", "LS-9", expect=2, input=OFFICER_PIN)
    assert f"seizure {second}'s lab sample is 'LS-2', not 'LS-9'" in wrong.stderr
    positive = cli("lab-result", first, "--sample", "LS-2", "--result", "negative", "--lab",
                   "CBP LSSD", *_who(db), expect=2, input=OFFICER_PIN)  # fmt: skip
    assert "sent no sample to the lab" in positive.stderr
    assert _rows(db, "SELECT count(*) FROM lab_results") == [(0,)]
    done = cli(*lab, "--sample", "LS-2", "--json", input=OFFICER_PIN).json()
    assert (done["result"], done["substance"], done["recorded_by"]) == (
        "positive",
        "bromazolam",
        "O1001",
    )
    assert _rows(
        db, "SELECT seizure_number, lab_sample, laboratory, report_ref FROM lab_results"
    ) == [(second, "LS-2", "CBP LSSD Chicago", "LR-77")]


def test_a_closed_referral_leaves_the_open_list(cli: Cli, db: Path) -> None:
    referred = cli("record", CLEAR, "--outcome", "referred", "--agency", "fda", "--method",
                   "visual", *_who(db), "--json", input=OFFICER_PIN).json()  # fmt: skip
    listed = cli("referral", "list", *_who(db), "--json", input=OFFICER_PIN).json()
    assert [(r["inspection_id"], r["item_id"], r["agency"]) for r in listed] == [
        (referred["inspection_id"], CLEAR, "FDA")
    ]
    close = ("referral", "close", referred["inspection_id"], "--answer", "FDA released it")
    cli(*close, "--no-finding", *_who(db), input=OFFICER_PIN)
    assert cli("referral", "list", *_who(db), "--json", input=OFFICER_PIN).json() == []
    text = cli("referral", "list", *_who(db), input=OFFICER_PIN).stdout
    assert text == "no open referrals\n"
    again = cli(*close, "--finding", *_who(db), expect=2, input=OFFICER_PIN)
    assert "is already closed" in again.stderr
    answer = _rows(db, "SELECT agency, answer, finding, closed_by FROM referral_answers")
    assert answer == [("FDA", "FDA released it", 0, "O1001")]
