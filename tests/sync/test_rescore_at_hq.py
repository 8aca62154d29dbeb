"""A re-score of a bench's stored AED reaches HQ whole: HQ's page names each bench's last run,
its pack, its counts and its highest-scored parcels at detain (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from parcelbench.aed.demo import generate
from parcelbench.aed.importer import import_file
from parcelbench.aed.writers import write
from parcelbench.hq.storage import Database, repo
from parcelbench.services.risk import active_engine, rescore, worklist
from parcelbench.sync import sync_once
from tests.sync.conftest import Bench
from tests.sync.hqproc import HqProcess, dump_dom


def _rescored(bench: Bench, tmp_path: Path, items: int, seed: int) -> dict[str, int]:
    path = tmp_path / f"aed-{seed}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write("jsonl", generate(items, seed), fh)
    import_file(bench.store, path)
    run = rescore(bench.store, active_engine(bench.store), actor="S2001", workers=1)
    return run.levels


def test_the_last_rescore_of_each_bench_is_at_hq(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    _rescored(bench, tmp_path, 300, 4)
    levels = _rescored(bench, tmp_path, 300, 5)  # a second run replaces the first
    detain = [p for p in worklist(bench.store, limit=-1) if p.level == "detain"]
    assert detain and levels["detain"] == len(detain)
    report = sync_once(bench.store)
    assert report.parked == 0
    (shown,) = repo.bench_rescores(hq_db)
    assert shown["bench_id"] == bench.bench_id and shown["facility"] == "JFK"
    assert shown["actor"] == "S2001" and shown["parcels"] == sum(levels.values()) == 600
    assert (shown["detain"], shown["examine"]) == (levels["detain"], levels["examine"])
    top = sorted(detain, key=lambda p: -p.score)[:10]
    assert [t.split(" ")[0] for t in shown["top"]] == [p.item_id for p in top] or (
        # equal scores may come in either order: the same parcels and scores all the same
        sorted(shown["top"]) == sorted(f"{p.item_id} ({p.score})" for p in top)
    )
    assert shown["rulepack"] == active_engine(bench.store).rulepack


@pytest.mark.parametrize("hq_db_url", ["sqlite"], indirect=True)
def test_the_hq_page_shows_the_rescore(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    levels = _rescored(bench, tmp_path, 300, 4)
    sync_once(bench.store)
    key = repo.add_operator(hq_db, "ana.hq")
    signed_in = hq.url.replace("://", f"://ana.hq:{key}@") + "/"
    page = html.fromstring(dump_dom(signed_in, tmp_path / "chromium-profile"))
    (row,) = page.xpath("//table[@id='rescores']/tbody/tr")
    cells = [c.text_content() for c in row.findall("td")]
    assert row.get("data-bench") == bench.bench_id
    assert cells[0] == "JFK" and cells[1] == "bench-1" and cells[4] == "S2001"
    assert cells[5:8] == ["300", str(levels["detain"]), str(levels["examine"])]
    assert cells[8].count("(") == min(10, levels["detain"]) > 0
