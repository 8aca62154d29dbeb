"""The operation / period summary from a real bench database: numbers checked against counts
made independently from what was recorded, read back from the PDF and the CSV tables."""

from __future__ import annotations

import random
import subprocess
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from parcelbench.aed.demo import generate
from parcelbench.domain.exam import Exam
from parcelbench.domain.records import Inspection, Outcome, Role
from parcelbench.reports.stats import wilson
from parcelbench.services import operations, summaries
from parcelbench.services.officers import AuthError
from parcelbench.services.outcomes import record
from parcelbench.store import Store
from parcelbench.store.evidence import record_inspection
from tests.accounts import account
from tests.exams import DETAINED, RANDOM
from tests.reports.bench_data import import_items

RULES = [f"rule.{n:02d}" for n in range(70)]  # enough rows to split the rules table


@dataclass
class Recorded:
    db: Path
    rows: list[tuple[bool, bool, str, tuple[str, ...]]]  # targeted, noncompliant, origin, rules


@pytest.fixture(scope="module")
def period(tmp_path_factory: pytest.TempPathFactory) -> Recorded:
    folder = tmp_path_factory.mktemp("summary")
    db = folder / "bench.sqlite"
    items = list(generate(400, seed=11))
    rng = random.Random(4)
    rows = []
    with Store(db) as store:
        import_items(store, folder, items)
        account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
        seen: set[str] = set()
        for k, item in enumerate(items):
            if item["item_id"] in seen or item.get("version", 1) != 1:
                continue
            seen.add(item["item_id"])
            targeted = rng.random() < 0.6
            bad = rng.random() < (0.4 if targeted else 0.1)
            fired = tuple(rng.sample(RULES, 3)) if targeted else ()
            outcome = Outcome.RETURNED_TO_SENDER if bad else Outcome.RELEASED
            record_inspection(
                store,
                Inspection(
                    str(uuid.UUID(int=rng.getrandbits(128))),
                    item["item_id"],
                    outcome,
                    "O1001",
                    f"2026-11-{10 + k % 5:02d}T12:00:{k % 60:02d}.000Z",
                    targeted,
                    reason="prohibited goods" if bad else None,
                    aed_version=1,
                    risk={"rules": list(fired)},
                ),
            )
            rows.append((targeted, bad, item["sender"]["country"], fired))
        # outside the period: must not count
        record_inspection(
            store,
            Inspection(
                "00000000-0000-0000-0000-000000000001",
                items[0]["item_id"],
                Outcome.SEIZED,
                "O1001",
                "2026-12-01T00:00:00.000Z",
                True,
            ),
        )
    return Recorded(db, rows)


def _supervisor(store: Store):  # type: ignore[no-untyped-def]
    return account(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574")


def test_csv_numbers_match_independent_counts(period: Recorded) -> None:
    with Store(period.db) as store:
        scope = summaries.scope_for(store, since="2026-11-10", until="2026-11-14")
        tables, done = summaries.csv_export(store, _supervisor(store), scope)
    rows = period.rows
    random_rows = [r for r in rows if not r[0]]
    assert done.summary.examined == len(rows)
    header, *data = tables["overall.csv"].splitlines()
    overall = dict(zip(header.split(","), data[0].split(","), strict=True))
    assert int(overall["all_examined"]) == len(rows)
    assert int(overall["all_noncompliant"]) == sum(r[1] for r in rows)
    assert int(overall["random_examined"]) == len(random_rows)
    hits = sum(r[1] for r in random_rows)
    assert int(overall["random_noncompliant"]) == hits
    lo, hi = wilson(hits, len(random_rows))
    assert float(overall["random_ci_low"]) == pytest.approx(lo, abs=1e-6)
    assert float(overall["random_ci_high"]) == pytest.approx(hi, abs=1e-6)
    by_origin = Counter(r[2] for r in rows)
    strata = [line.split(",") for line in tables["strata.csv"].splitlines()[1:]]
    assert {s[1]: int(s[2]) for s in strata if s[0] == "origin"} == dict(by_origin)
    flagged = Counter(rule for r in rows for rule in r[3])
    found = Counter(rule for r in rows if r[1] for rule in r[3])
    rules = {
        line.split(",")[0]: line.split(",")[1:3] for line in tables["rules.csv"].splitlines()[1:]
    }
    assert rules == {rule: [str(flagged[rule]), str(found[rule])] for rule in flagged}


def test_pdf_text_and_repeated_headers(period: Recorded, tmp_path: Path) -> None:
    with Store(period.db) as store:
        scope = summaries.scope_for(store, since="2026-11-10", until="2026-11-14")
        data, _ = summaries.pdf(store, _supervisor(store), scope)
        again, _ = summaries.pdf(store, _supervisor(store), scope)
    assert data == again  # the same numbers print the same bytes
    out = tmp_path / "summary.pdf"
    out.write_bytes(data)
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    n = len(period.rows)
    for needed in (
        "Period summary — 2026-11-10 to 2026-11-14",
        f"Examined {n:,}",
        "Baseline (random exams)",
        "Targeting lift over baseline",
        "Non-compliance by origin country",
        "Non-compliance by mail class",
        "Non-compliance by category",
        "Seizures by category",
        "Flag hit-rate per rule",
        "returned to sender",
        "released",
        *RULES[:5],
    ):
        assert needed in flat, needed
    pages = int(
        next(
            line.split()[1]
            for line in subprocess.run(
                ["pdfinfo", out], capture_output=True, text=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    rule_pages = []
    for page in range(1, pages + 1):
        one = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), out, "-"],
            capture_output=True,
            text=True,
        ).stdout
        assert f"Page {page} of {pages}" in one
        if "Hit rate [95 % CI]" in one:
            rule_pages.append(page)
    assert len(rule_pages) >= 2, "the rules table should split, its header on each page"


def test_operation_scope_counts_only_its_window(tmp_path: Path) -> None:
    from tests.conftest import make_item

    with Store(tmp_path / "op.sqlite") as store:
        import_items(store, tmp_path, [make_item()])
        officer = account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
        sup = _supervisor(store)
        record(store, officer, "RR473124829GB", Outcome.RELEASED)  # before the operation
        time.sleep(0.003)  # timestamps have millisecond resolution: keep "before" before
        operations.start(store, sup, "Mega Flex", starts_on="2026-11-01", ends_on="2026-11-30")
        record(store, officer, "CP100000140DE", Outcome.DETAINED, reason="lab", **DETAINED)
        record(
            store,
            officer,
            "EE471108151FR",
            Outcome.RETURNED_TO_SENDER,
            selection="risk_rule",
            exam=Exam(methods=("xray",), return_reason="prohibited"),
        )
        record(store, officer, "RR473124829GB", Outcome.RELEASED, **RANDOM)
        operations.end(store, sup)
        time.sleep(0.003)
        record(store, officer, "RR473124829GB", Outcome.RELEASED)  # after it
        scope = summaries.scope_for(store, operation="Mega Flex")
        data, done = summaries.pdf(store, sup, scope)
        with pytest.raises(AuthError, match="needs a supervisor"):
            summaries.pdf(store, officer, scope)
        with pytest.raises(summaries.SummaryError, match="no operation named"):
            summaries.scope_for(store, operation="Nope")
    o = done.summary.overall
    assert (o.all.n, o.targeted.n, o.random.n, o.all.hits) == (2, 1, 1, 1)
    assert done.summary.pending == {"risk_rule": 1}  # the detention awaits its decision
    out = tmp_path / "op.pdf"
    out.write_bytes(data)
    text = " ".join(
        subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout.split()
    )
    assert "Operation summary — Mega Flex" in text
    assert "Planned rates targeted 100%, random 2%" in text


def _lines(data: bytes, folder: Path) -> list[str]:
    out = folder / "s.pdf"
    out.write_bytes(data)
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
    return [line.replace(" %", "%").strip() for line in text.splitlines()]  # "0 %" or "0%"


def test_the_chart_place_says_when_nothing_was_examined(tmp_path: Path) -> None:
    """No empty axes whose every tick reads "0 %": a sentence, for a period or an operation."""
    with Store(tmp_path / "b.sqlite") as store:
        sup = _supervisor(store)
        period = summaries.scope_for(store, since="2026-11-01", until="2026-11-30")
        in_period = _lines(summaries.pdf(store, sup, period)[0], tmp_path)
        operations.start(store, sup, "Quiet", starts_on="2026-11-01", ends_on="2026-11-30")
        running = summaries.scope_for(store, operation="Quiet")
        in_operation = _lines(summaries.pdf(store, sup, running)[0], tmp_path)
    assert "No inspections in this period" in in_period
    assert "No inspections during this operation" in in_operation
    for lines in (in_period, in_operation):
        assert "0%" not in lines
        assert not any("targeted vs baseline" in line for line in lines)


def test_an_all_compliant_chart_keeps_a_scale(tmp_path: Path) -> None:
    from tests.conftest import make_item

    with Store(tmp_path / "b.sqlite") as store:
        import_items(store, tmp_path, [make_item()])
        sup = _supervisor(store)
        record(store, sup, "RR473124829GB", Outcome.RELEASED, **RANDOM)
        scope = summaries.scope_for(store, since="2020-01-01", until="2035-12-31")
        lines = _lines(summaries.pdf(store, sup, scope)[0], tmp_path)
    assert lines.count("0%") == 1 and "100%" in lines  # not six "0 %" ticks
