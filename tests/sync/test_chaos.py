"""Chaos on real parts: a faulty network, HQ restarts, a bench SIGKILLed mid-sync.

After each: HQ holds exactly the bench's events (none lost, none twice), every blob matches its
hash, and the bench's feed cursor names exactly the items it applied.
"""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from parcelbench.hq.publish import publish_file
from parcelbench.hq.storage import Database, repo
from parcelbench.store import Store
from parcelbench.store import sync as store_sync
from parcelbench.store.evidence import attach_photo
from parcelbench.sync import sync_once
from parcelbench.sync.transport import HqError
from tests.sync.chaos import FATES, ChaosProxy
from tests.sync.conftest import Bench
from tests.sync.hqproc import HqProcess, record_events, seized_inspection, wait_until

ROUNDS = 30


def assert_consistent(store: Store, db: Database, bench_id: str) -> None:
    local = [r[0] for r in store.conn.execute("SELECT event_id FROM outbox ORDER BY seq")]
    held = repo.bench_event_ids(db, bench_id)
    assert len(held) == len(set(held))
    assert held == local, f"HQ holds {len(held)} events, the bench queued {len(local)}"
    unsent = store.conn.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()
    assert unsent[0] == 0
    assert all(repo.blob_hashes_ok(db).values())
    applied = [a[0] for a in store_sync.applied_feed(store.conn)]
    with db.tx() as tx:
        published = [r[0] for r in tx.rows("SELECT seq FROM feed ORDER BY seq")]
    assert applied == published
    assert store_sync.cursor(store.conn) == (published[-1] if published else 0)
    status = {b["bench_id"]: b for b in repo.status(db)}[bench_id]
    assert status["chain_ok"], status["chain_error"]
    assert status["chain_seq"] == store_sync.audit_head(store.conn)[0]  # type: ignore[index]


def publish_lists(db: Database, tmp_path: Path, n: int) -> None:
    path = tmp_path / f"watch-{n}.jsonl"
    rows = [
        {"kind": "phone", "value": f"+1 775 555 {n:02d}{i:02d}", "reason": f"case {n}"}
        for i in range(3)
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    publish_file(db, "watchlist", path)


def test_chaos_network_and_hq_restarts_lose_and_double_nothing(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    seized_inspection(bench.store, "I-1")
    for n in range(3):
        attach_photo(
            bench.store, "I-1", hashlib.sha256(bytes([n])).digest() * 50_000, actor="O1001"
        )
    record_events(bench.store, 1500)
    proxy = ChaosProxy(hq.port, seed=7)
    client = bench.client(proxy.url, timeout=5)
    failures = 0
    try:
        for round_no in range(ROUNDS):
            if round_no % 8 == 5:
                hq.restart()  # SIGKILL, then a fresh process on the same database
            if round_no % 4 == 0:
                publish_lists(hq_db, tmp_path, round_no)
            record_events(bench.store, 40)  # the officers keep working throughout
            try:
                sync_once(bench.store, client, batch=100)
            except HqError:
                failures += 1
        proxy.calm()
        report = sync_once(bench.store, client, batch=100)
    finally:
        proxy.close()
    assert report.pending == 0 and report.parked == 0
    assert failures > 0 and set(proxy.fates) == set(FATES), proxy.fates
    assert_consistent(bench.store, hq_db, bench.bench_id)


@pytest.mark.slow
def test_a_bench_killed_mid_sync_resends_and_nothing_is_doubled(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    total = 12_000
    record_events(bench.store, total)
    for n in range(2):
        publish_lists(hq_db, tmp_path, n)
    kills = 0
    for _ in range(3):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "parcelbench",
                "sync",
                "--db",
                str(bench.path),
                "--once",
                "--batch",
                "25",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        start = len(repo.bench_event_ids(hq_db, bench.bench_id))
        wait_until(
            lambda s=start, proc=proc: (
                len(repo.bench_event_ids(hq_db, bench.bench_id)) > s + 500
                or proc.poll() is not None
            ),
            60,
            "the bench to be mid-sync",
        )
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(30)
    assert kills >= 2
    held = len(repo.bench_event_ids(hq_db, bench.bench_id))
    assert 0 < held < total  # really stopped half-way
    done = subprocess.run(
        [sys.executable, "-m", "parcelbench", "sync", "--db", str(bench.path), "--once", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pending"] == 0
    bench.store.close()
    bench.store = Store(bench.path)
    assert_consistent(bench.store, hq_db, bench.bench_id)
