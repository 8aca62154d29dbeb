"""`parcelbench risk`: one parcel's level and reasons, rescoring, and rule-pack loading."""

from __future__ import annotations

from pathlib import Path

from parcelbench.aed.writers import write
from tests.cli.conftest import Cli
from tests.conftest import make_item

DROP = {
    "name": "K. Marsh",
    "street": "4410 Industrial Pkwy Unit 12",
    "city": "Reno",
    "state": "NV",
    "postcode": "89502",
    "country": "US",
}


def _bench(cli: Cli, tmp_path: Path) -> Path:
    db = tmp_path / "b.sqlite"
    items = [
        make_item(),  # ordinary goods
        make_item(
            item_id="EE471108151FR",
            contents=[
                {
                    "description": "tert-butyl 4-(phenylamino)piperidine-1-carboxylate",
                    "quantity": 1,
                    "net_weight_kg": 1.0,
                    "value": "12.00",
                    "currency": "USD",
                    "hs_code": "293339",
                    "origin_country": "CN",
                }
            ],
        ),
        make_item(item_id="LX806576725TW", addressee=DROP),
        make_item(
            item_id="RR287043775IN",
            sender={"name": "Another Shop", "country": "HK", "city": "Hong Kong"},
            addressee={**DROP, "name": "Kim Marsh", "street": "4410 Industrial Parkway, Unit #12"},
        ),
    ]
    path = tmp_path / "aed.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write("jsonl", items, fh)
    cli("aed", "import", path, "--db", db)
    boss = ("--officer", "S2001", "--pin-stdin")
    cli(
        "officer",
        "add",
        "S2001",
        "--name",
        "Sam",
        "--role",
        "supervisor",
        "--db",
        db,
        input="63920574\n",
    )
    cli(
        "officer", "add", "O1001", "--name", "Ana Ruiz", *boss, "--db", db,
        input="63920574\n40718253\n",
    )  # fmt: skip
    return db


def test_assessment_explains_itself(cli: Cli, tmp_path: Path) -> None:
    db = _bench(cli, tmp_path)
    clear = cli("risk", "RR473124829GB", "--db", db, "--json").json()
    assert set(clear) == {
        "item_id",
        "aed",
        "score",
        "level",
        "random_exam",
        "rulepack",
        "flags",
        "links",
    }
    assert (clear["aed"], clear["level"]) == (True, "clear")
    held = cli("risk", "EE471108151FR", "--db", db, "--json").json()
    assert held["level"] == "detain"
    flag = held["flags"][0]
    assert set(flag) >= {"rule", "severity", "score", "field", "matched", "rationale"}
    assert flag["matched"] == "tert-butyl 4-(phenylamino)piperidine-1-carboxylate"
    assert flag["field"] == "contents[0].description" and len(flag["rationale"]) > 40
    missing = cli("risk", "CP100000140DE", "--db", db, "--json").json()
    assert missing["aed"] is False and missing["level"] != "clear"
    text = cli("risk", "EE471108151FR", "--db", db).stdout
    assert text.startswith("EE471108151FR: DETAIN")


def test_seizure_on_one_parcel_links_the_next(cli: Cli, tmp_path: Path) -> None:
    db = _bench(cli, tmp_path)
    assert cli("risk", "RR287043775IN", "--db", db, "--json").json()["links"] == []
    seized = cli(
        "record",
        "LX806576725TW",
        "--outcome",
        "seized",
        "--method",
        "visual",
        "--seizure-category",
        "narcotics",
        "--seizure-description",
        "pressed pills",
        "--quantity",
        "200",
        "--unit",
        "tablets",
        "--weight-g",
        "21.5",
        "--officer",
        "O1001",
        "--pin-stdin",
        "--db",
        db,
        "--json",
        input="40718253\n",
    ).json()
    later = cli("risk", "RR287043775IN", "--db", db, "--json").json()
    assert {(link["entity"], link["seizure"], link["item_id"]) for link in later["links"]} == {
        ("addressee address", seized["seizure_number"], "LX806576725TW")
    }
    text = cli("risk", "RR287043775IN", "--db", db).stdout
    assert (
        f"addressee address shared with seizure {seized['seizure_number']} (parcel LX806576725TW)"
    ) in text


def test_broken_pack_is_refused_and_the_active_one_stays(cli: Cli, tmp_path: Path) -> None:
    from parcelbench.resources import resource

    db = _bench(cli, tmp_path)
    body = resource("rules", "default.toml").read_text(encoding="utf-8")
    good = tmp_path / "next.toml"
    good.write_text(
        body.replace('version = "2026.12.1"', 'version = "2026.12.2"', 1), encoding="utf-8"
    )
    boss, pin = ("--officer", "S2001", "--pin-stdin"), "63920574\n"
    officer = cli(
        "risk", "pack", "load", good, "--officer", "O1001", "--pin-stdin", "--db", db, expect=3,
        input="40718253\n",
    )  # fmt: skip
    assert "supervisor" in officer.stderr
    cli("risk", "pack", "load", good, *boss, "--db", db, input=pin)
    broken = tmp_path / "broken.toml"
    broken.write_text(
        body.replace('version = "2026.12.1"', 'version = "2026.12.3"', 1).replace(
            'severity = "critical"', 'severity = "urgent"', 1
        ),
        encoding="utf-8",
    )
    refused = cli("risk", "pack", "load", broken, *boss, "--db", db, expect=2, input=pin)
    message = refused.stderr.strip()
    assert "active pack stays" in message and "severity" in message and "rule '" in message
    shown = cli("risk", "pack", "show", "--db", db, "--json").json()
    assert shown["rulepack"] == "default@2026.12.2"
    assert cli("risk", "EE471108151FR", "--db", db, "--json").json()["rulepack"] == (
        "default@2026.12.2"
    )


def test_rescore_counts_every_item_and_keeps_the_parcels_not_cleared(
    cli: Cli, tmp_path: Path
) -> None:
    db = _bench(cli, tmp_path)
    never = cli("risk", "worklist", "--db", db, expect=1)
    assert "no re-score yet" in never.stderr and "risk rescore" in never.stderr
    out = cli("risk", "rescore", "--db", db, "--json").json()
    assert out["items"] == 4 and sum(out["levels"].values()) == 4
    assert out["levels"]["detain"] >= 1 and out["actor"] == "cli"
    kept = cli("risk", "worklist", "--db", db, "--json").json()
    assert kept["rescore"] == out["rescore"] and kept["levels"] == out["levels"]
    flagged = out["levels"]["detain"] + out["levels"]["examine"]
    assert len(kept["parcels"]) == flagged and kept["parcels"][0]["level"] == "detain"
    assert all(p["current"] and p["rules"] for p in kept["parcels"])
    text = cli("risk", "worklist", "--db", db).stdout
    assert f"{out['levels']['detain']} detain" in text and kept["parcels"][0]["item_id"] in text


def test_inspection_keeps_the_assessment_that_led_to_it(cli: Cli, tmp_path: Path) -> None:
    import json
    import sqlite3

    db = _bench(cli, tmp_path)
    cli(
        "record",
        "EE471108151FR",
        "--outcome",
        "detained",
        "--reason",
        "DEA review",
        "--tests-pending",
        "DEA laboratory analysis",
        "--anticipated-length",
        "about 10 days",
        "--information-requested",
        "the importer's supplier and invoice",
        "--method",
        "visual",
        "--officer",
        "O1001",
        "--pin-stdin",
        "--db",
        db,
        input="40718253\n",
    )
    conn = sqlite3.connect(db)
    risk = json.loads(conn.execute("SELECT risk FROM inspections").fetchone()[0])
    conn.close()
    assert risk["level"] == "detain" and risk["rulepack"].startswith("default@")
    assert any("precursor" in rule for rule in risk["rules"])


# -- a mistyped id: the same verdict as `parcelbench id` and the window ---------------------------

MISTYPED = "HA336870918CN"  # check digit 8; the S10 rule gives 7
VERDICT = f"{MISTYPED} is not a parcel id we can trust: check digit is 8, expected 7"


def test_risk_refuses_an_invalid_id_as_id_and_the_window_do(cli: Cli, tmp_path: Path) -> None:
    """Regression: `risk HA336870918CN` printed `HOLD (score 100)` and exited 0."""
    from parcelbench.ids import parse, untrusted_id_message

    db = _bench(cli, tmp_path)
    parsed = parse(MISTYPED)
    assert untrusted_id_message(parsed) == VERDICT  # the sentence the window shows too
    checked = cli("id", MISTYPED, "--json", expect=1).json()
    assert checked["error"] == parsed.error == "check digit is 8, expected 7"
    for extra in ([], ["--json"]):
        refused = cli("risk", MISTYPED, "--db", db, *extra, expect=1)
        assert (refused.stdout, refused.stderr) == ("", f"parcelbench: {VERDICT}\n")
    spaced = cli("risk", "ha 3368 7091 8 cn", "--db", db, expect=1)
    assert spaced.stderr == f"parcelbench: {VERDICT}\n"
    junk = cli("risk", "hello", "--db", db, expect=1)
    assert (
        junk.stderr
        == "parcelbench: hello is not a parcel id we can trust: not a parcel identifier\n"
    )


def test_record_refuses_an_invalid_id_with_the_same_words(cli: Cli, tmp_path: Path) -> None:
    db = _bench(cli, tmp_path)
    who = ("--officer", "O1001", "--pin-stdin", "--db", db)
    for extra in ([], ["--json"]):
        refused = cli(
            "record", MISTYPED, "--outcome", "released", *who, *extra, expect=1,
            input="40718253\n",
        )  # fmt: skip
        assert (refused.stdout, refused.stderr) == ("", f"parcelbench: {VERDICT}\n")
    tables = cli("db", "info", "--db", db, "--json").json()["tables"]
    assert tables["inspections"] == 0 and tables["outbox"] == 0
