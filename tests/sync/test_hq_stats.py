"""`parcelbench hq stats` on a small fixed agency, equal to figures worked out by hand: three
benches at two facilities record their exams, holds and scans, sync to a real HQ on loopback
(SQLite and PostgreSQL), and HQ's figures are read back through the CLI."""

from __future__ import annotations

import csv
import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from lxml import html

from parcelbench.aed.importer import import_files
from parcelbench.aed.writers import write_jsonl
from parcelbench.domain.exam import Exam
from parcelbench.domain.records import Officer, Outcome, Role
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.hq.report import CSV_SECTIONS
from parcelbench.hq.storage import Database, repo
from parcelbench.ids.s10 import make
from parcelbench.services.bench import Desk
from parcelbench.services.followups import close_referral
from parcelbench.services.holds import import_holds
from parcelbench.services.outcomes import SeizureDraft, fiscal_year, record
from parcelbench.sync import sync_once
from tests.accounts import account
from tests.conftest import make_item
from tests.exams import DETAINED, OPENED
from tests.sync.conftest import enrolled_desk
from tests.sync.hqproc import HqProcess, cli, dump_dom

POWDER = SeizureDraft("narcotics", "white powder", 1, "g", 20.0, "Raman", "positive fentanyl")


def ids(si: str, first: int, n: int, country: str) -> list[str]:
    return [make(si, f"{first + i:08d}", country) for i in range(n)]


A1, A2, A5, A6 = ids("LX", 10000001, 4, "CN")  # JFK bench A, from China
A3, A4, A7 = ids("CP", 10000011, 3, "DE")  # JFK bench A, from Germany
[A8] = ids("EE", 10000021, 1, "CN")
[A9] = ids("RR", 10000031, 1, "GB")
[B1] = ids("LX", 20000001, 1, "CN")
[B2] = ids("CP", 20000011, 1, "DE")
C1, C2 = ids("CP", 30000001, 2, "GB")  # ORD bench C
C3, C4 = ids("LX", 30000011, 2, "CN")
H1, H2, H3 = ids("LX", 40000001, 3, "CN")  # JFK's targeting list


def _aed(desk: Desk, path: Path, *item_ids: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        write_jsonl([make_item(item_id=i) for i in item_ids], out)
    assert not import_files(desk.store, [path]).refused


def _exam(desk: Desk, who: Officer, item: str, outcome: Outcome, selection: str, **kw: Any) -> str:
    if outcome is Outcome.SEIZED:
        kw.setdefault("seizure", POWDER)
    if outcome is Outcome.DETAINED:
        kw.update(DETAINED, selection=selection)
        return record(desk.store, who, item, outcome, reason="FDA sampling", **kw).inspection.uuid
    kw.setdefault("exam", OPENED)
    return record(desk.store, who, item, outcome, selection=selection, **kw).inspection.uuid


def _scan(desk: Desk, *item_ids: str) -> None:
    for item in item_ids:
        desk.look_up(ScanEvent.of(item, "wedge"), officer="O1001")


def test_hq_stats_equal_the_figures_worked_out_by_hand(
    hq: HqProcess, hq_db: Database, hq_db_url: str, tmp_path: Path
) -> None:
    a = enrolled_desk(hq_db, hq.url, tmp_path / "a.db", "jfk-1", "JFK", "4701")
    b = enrolled_desk(hq_db, hq.url, tmp_path / "b.db", "jfk-2", "JFK", "4701")
    c = enrolled_desk(hq_db, hq.url, tmp_path / "c.db", "ord-1", "ORD", "3901")
    today = datetime.now(UTC).date()
    targets = tmp_path / "holds.csv"
    targets.write_text(
        "item_id,reason,source,targeted_on\n"
        + "".join(f"{h},linked sender,HQ targeting,{today}\n" for h in (H1, H2, H3))
    )
    try:
        who = {}
        for desk in (a, b, c):
            who[desk] = account(desk.store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
            chief = account(desk.store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574")
            if desk is not c:
                import_holds(desk.store, targets, chief)  # both JFK benches hold the list
        # arrivals: AED before the scan for A1, A2, A3 (bench A) and C2 (bench C)
        _aed(a, tmp_path / "a.jsonl", A1, A2, A3)
        _scan(a, A1, A2, A3, A4, A9, H1)
        _scan(b, A1, H2)  # A1 again, at another bench: not a second arrival
        _scan(c, C1)
        _aed(c, tmp_path / "c.jsonl", C2)
        _scan(c, C2)
        # exams at JFK bench A
        for item, outcome in ((A1, Outcome.SEIZED), (A2, Outcome.RELEASED),
                              (A3, Outcome.RELEASED), (A4, Outcome.RELEASED)):  # fmt: skip
            _exam(a, who[a], item, outcome, "random")
        for item, outcome in ((A5, Outcome.SEIZED), (A6, Outcome.SEIZED), (A7, Outcome.RELEASED)):
            _exam(a, who[a], item, outcome, "risk_rule")
        _exam(a, who[a], A8, Outcome.DETAINED, "risk_rule")  # pending
        record(a.store, who[a], A9, Outcome.RELEASED)  # released on sight: in no rate
        _exam(a, who[a], H1, Outcome.RELEASED, "targeting_list")
        # JFK bench B
        _exam(b, who[b], B1, Outcome.SEIZED, "k9_alert", exam=Exam(methods=("k9", "visual")))
        referred = _exam(b, who[b], B2, Outcome.REFERRED, "risk_rule", agency="HSI")
        close_referral(b.store, who[b], referred, answer="HSI: controlled delivery", finding=True)
        _exam(b, who[b], H2, Outcome.SEIZED, "targeting_list")
        # ORD bench C
        _exam(c, who[c], C1, Outcome.RELEASED, "random")
        _exam(c, who[c], C2, Outcome.RELEASED, "random")
        first = _exam(c, who[c], C3, Outcome.RELEASED, "random")
        _exam(c, who[c], C3, Outcome.SEIZED, "random", amends=first)  # the record corrected
        _exam(c, who[c], C4, Outcome.SEIZED, "risk_rule")
        for desk in (a, b, c):
            assert sync_once(desk.store).pending == 0
    finally:
        for desk in (a, b, c):
            desk.close()
    for target in (("aed_share", "0.9", "--scope", "CN"), ("holds_in_2_days", "0.6", "--scope",
                   "JFK"), ("random_rate", "0.02")):  # fmt: skip
        assert cli("hq", "target", "set", *target, "--db", hq_db_url).returncode == 0
    for bad, said in ((("nonsense", "0.5"), "unknown measure 'nonsense'"),
                      (("aed_share", "90"), "a share from 0 to 1")):  # fmt: skip
        refused = cli("hq", "target", "set", *bad, "--db", hq_db_url)
        assert refused.returncode == 2 and said in refused.stderr
    day = timedelta(days=1)
    shown = cli("hq", "stats", "--from", str(today - day), "--to", str(today + day), "--db",
                hq_db_url, "--json")  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    got = json.loads(shown.stdout)
    fy = fiscal_year(datetime.now(UTC))

    def rate(f: str, o: str, s: str, n: int, nc: int, ci: list[float], pending: int = 0) -> dict:  # type: ignore[type-arg]
        return {"facility": f, "origin": o, "selection": s, "exams": n, "noncompliant": nc,
                "pending": pending, "rate": round(nc / n, 4), "ci95": ci}  # fmt: skip

    assert got["noncompliance"] == [
        rate("JFK", "CN", "k9_alert", 1, 1, [0.2065, 1.0]),
        rate("JFK", "CN", "random", 2, 1, [0.0945, 0.9055]),
        rate("JFK", "CN", "risk_rule", 2, 2, [0.3424, 1.0], pending=1),
        rate("JFK", "CN", "targeting_list", 2, 1, [0.0945, 0.9055]),
        rate("JFK", "DE", "random", 2, 0, [0.0, 0.6576]),
        rate("JFK", "DE", "risk_rule", 2, 1, [0.0945, 0.9055]),
        rate("ORD", "CN", "random", 1, 1, [0.2065, 1.0]),  # the amended release: seized
        rate("ORD", "CN", "risk_rule", 1, 1, [0.2065, 1.0]),
        rate("ORD", "GB", "random", 2, 0, [0.0, 0.6576]),
    ]
    baseline = {x["facility"]: x for x in got["baseline"]}
    assert [baseline[f]["lift"] for f in ("JFK", "ORD", "all")] == [2.67, 3.0, 2.5]
    assert baseline["JFK"]["targeted"] == {
        "exams": 6, "noncompliant": 4, "pending": 1, "rate": 0.6667, "ci95": [0.3, 0.9032]
    }  # fmt: skip
    assert baseline["JFK"]["random"]["ci95"] == [0.0456, 0.6994]  # 1 of 4
    assert baseline["all"]["random"] == {
        "exams": 7, "noncompliant": 2, "pending": 0, "rate": 0.2857, "ci95": [0.0822, 0.6411]
    }  # fmt: skip
    assert baseline["all"]["targeted"]["ci95"] == [0.3589, 0.9178]  # 5 of 7
    assert got["aed_compliance"] == [
        {"origin": "CN", "arrived": 4, "with_aed": 2, "on_time": 2, "share_with_aed": 0.5,
         "share_on_time": 0.5, "completeness": 1.0},
        {"origin": "DE", "arrived": 2, "with_aed": 1, "on_time": 1, "share_with_aed": 0.5,
         "share_on_time": 0.5, "completeness": 1.0},
        {"origin": "GB", "arrived": 3, "with_aed": 1, "on_time": 1, "share_with_aed": 0.3333,
         "share_on_time": 0.3333, "completeness": 1.0},
    ]  # fmt: skip
    assert got["holds"] == [
        {"facility": "JFK", "targeted": 3, "located": 2, "examined": 2, "examined_share": 0.6667,
         "examined_in_2_days": 2, "examined_in_2_days_share": 0.6667},
    ]  # fmt: skip
    month = datetime.now(UTC).strftime("%Y-%m")
    progress = {
        (t["metric"], t["scope"]): (t["target"], t["actual"], t["of"], t["met"], t["months"])
        for t in got["targets"]
    }
    assert progress == {
        ("aed_share", "CN"): (0.9, 0.5, 4, False,
                              [{"month": month, "actual": 0.5, "of": 4, "met": False}]),
        ("holds_in_2_days", "JFK"): (0.6, 0.6667, 3, True,
                                     [{"month": month, "actual": 0.6667, "of": 3, "met": True}]),
        ("random_rate", "all"): (0.02, 0.7778, 9, True,  # 7 random exams, 9 parcels arrived
                                 [{"month": month, "actual": 0.7778, "of": 9, "met": True}]),
    }  # fmt: skip
    numbers = sorted((s["facility"], s["number"], s["item_id"]) for s in got["seizures"])
    assert numbers == [
        ("JFK", f"{fy}-4701-010001-01", A1), ("JFK", f"{fy}-4701-010002-01", A5),
        ("JFK", f"{fy}-4701-010003-01", A6), ("JFK", f"{fy}-4701-020001-01", B1),
        ("JFK", f"{fy}-4701-020002-01", H2), ("ORD", f"{fy}-3901-010001-01", C3),
        ("ORD", f"{fy}-3901-010002-01", C4),
    ]  # fmt: skip
    assert {f["code"]: (f["port"], f["benches"]) for f in got["facilities"]} == {
        "JFK": ("4701", 2), "ORD": ("3901", 1)
    }  # fmt: skip
    text = cli("hq", "stats", "--from", str(today - day), "--to", str(today + day), "--db",
               hq_db_url)  # fmt: skip
    assert "JFK        targeted 4/6 (66.7%, 30.0%–90.3%)" in text.stdout
    assert "lift 2.7×" in text.stdout
    assert "aed_share [CN] target 90.0%: 50.0% (not met)" in text.stdout
    # the same figures as the period's report: a PDF and its tables as CSV
    report = cli("hq", "report", "--from", str(today - day), "--to", str(today + day), "-o",
                 str(tmp_path / "report.pdf"), "--csv", str(tmp_path / "tables"), "--db",
                 hq_db_url)  # fmt: skip
    assert report.returncode == 0, report.stderr
    words = " ".join(
        subprocess.run(["pdftotext", tmp_path / "report.pdf", "-"], capture_output=True,
                       text=True, check=True).stdout.split()
    )  # fmt: skip
    for needed in (
        "Baseline (random exams) and targeted exams",
        "JFK 4/6 66.7 % (30.0 %–90.3 %) 1/4 25.0 % (4.6 %–69.9 %) 2.67 1",
        "JFK CN K9 alert 1 1 100.0 % (20.6 %–100.0 %) 0",
        "aed_share CN 90.0 % 50.0 % 4 not met",
        f"{fy}-3901-010002-01 ORD {C4}",
    ):
        assert needed in words, needed
    with (tmp_path / "tables" / "baseline.csv").open(encoding="utf-8") as table:
        rows = {r["facility"]: r for r in csv.DictReader(table)}
    assert (rows["ORD"]["targeted_rate"], rows["ORD"]["random_ci95_low"], rows["ORD"]["lift"]) == (
        "1.0", "0.0615", "3.0"
    )  # fmt: skip
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(
        f"{name}.csv" for name in (*CSV_SECTIONS, "targets_by_month")
    )
    # the same figures on the HQ page, its charts drawn by a real browser from HQ's own files
    key = repo.add_operator(hq_db, "ana.hq")
    url = hq.url.replace("://", f"://ana.hq:{key}@") + f"/?from={today - day}&to={today + day}"
    page = html.fromstring(dump_dom(url, tmp_path / "chromium"))
    assert page.xpath("//body/@data-charts") == ["ready"]
    drawn = {c.get("id"): c.get("data-drawn") for c in page.xpath("//canvas")}
    assert drawn == {
        "chart-baseline": "3", "chart-targets": "3", "chart-aed": "3", "chart-holds": "1"
    }  # fmt: skip
    met = {
        (row.get("data-metric"), row.get("data-scope")): row.findall("td")[4].text_content().strip()
        for row in page.xpath("//table[@id='targets']/tbody/tr")
    }
    assert met == {
        ("aed_share", "CN"): "not met", ("holds_in_2_days", "JFK"): "met",
        ("random_rate", "all"): "met",
    }  # fmt: skip
    rows = {
        row.get("data-facility"): [c.text_content() for c in row.findall("td")]
        for row in page.xpath("//table[@id='baseline']/tbody/tr")
    }
    assert rows["JFK"][1:6] == [
        "4 / 6", "66.7 % (30.0 %–90.3 %)", "1 / 4", "25.0 % (4.6 %–69.9 %)", "2.7×"
    ]  # fmt: skip
    assert [s.get("src") for s in page.xpath("//script[@src]")] == [
        "/static/chart.umd.min.js", "/static/hq.js"
    ]  # fmt: skip
