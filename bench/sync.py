"""Benchmark: HQ sync over loopback. Prints JSON.

- push: N evidence events written while the bench was offline (not timed), then ONE sync round
  to a real `parcelbench hq serve` process, on SQLite and on PostgreSQL (a throwaway cluster
  with durable settings); then checks HQ holds exactly the bench's events. Target: 100,000
  events in at most 60 s.
- feed: a demo AED batch of M items published at HQ, then one sync round on a fresh bench:
  download, checksum, import with the bench's AED importer, cursor move (`apply_s`). Items
  applied per second. Then what the sync loop does after such a round: the search index
  catching up with the batch (`search_index_s`; the AED is looked up by id and searched
  before that).

    python bench/sync.py [--events 100000] [--aed-items 1000000] [--storage sqlite,postgresql]
                         [--batch 1000] [--workdir DIR]

The server and cluster helpers are the ones the tests use (tests/sync/hqproc.py).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.sync.hqproc import HqProcess, PgCluster, record_events  # noqa: E402

from parcelbench.aed.importer import index_for_search  # noqa: E402
from parcelbench.domain.settings import HQ_KEY, HQ_TOKEN, HQ_URL  # noqa: E402
from parcelbench.hq.publish import publish_file  # noqa: E402
from parcelbench.hq.storage import open_database, repo  # noqa: E402
from parcelbench.hq.storage.keys import public_key  # noqa: E402
from parcelbench.store import Store, settings  # noqa: E402
from parcelbench.sync import sync_once  # noqa: E402


def _bench(db_url: str, url: str, path: Path) -> tuple[Store, str]:
    """A bench enrolled as `sync --enroll` leaves it: token, and HQ's key pinned (a bench
    applies nothing from a feed it cannot check)."""
    db = open_database(db_url)
    bench_id, token = repo.enroll(db, path.stem, "BENCH")
    key = public_key(db)
    db.close()
    store = Store(path)
    settings.save(store, {HQ_URL: url, HQ_TOKEN: token, HQ_KEY: key})
    return store, bench_id


def push(db_url: str, work: Path, events: int, batch: int) -> dict[str, Any]:
    server = HqProcess(db_url, work / "hq-push.log").start()
    try:
        store, bench_id = _bench(db_url, server.url, work / f"push-{time.time_ns()}.sqlite")
        started = time.perf_counter()
        record_events(store, events)
        write_s = time.perf_counter() - started
        started = time.perf_counter()
        report = sync_once(store, batch=batch)
        seconds = time.perf_counter() - started
        db = open_database(db_url)
        held = repo.bench_event_ids(db, bench_id)
        chain = {b["bench_id"]: b for b in repo.status(db)}[bench_id]
        db.close()
        local = [r[0] for r in store.conn.execute("SELECT event_id FROM outbox ORDER BY seq")]
        store.close()
    finally:
        server.stop()
    return {
        "events": events,
        "batch": batch,
        "offline_write_s": round(write_s, 2),
        "sync_s": round(seconds, 2),
        "events_per_s": round(events / seconds),
        "acknowledged": report.acknowledged,
        "pending_after": report.pending,
        "hq_holds_exactly_the_bench_events": held == local,
        "chain_ok": chain["chain_ok"] and chain["chain_seq"] == events,
        "within_60_s": seconds <= 60,
    }


def feed(db_url: str, work: Path, items: int) -> dict[str, Any]:
    data = work / f"aed-{items}.jsonl"
    if not data.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "parcelbench",
                "demo-data",
                "--items",
                str(items),
                "--seed",
                "7",
                "--format",
                "jsonl",
                "-o",
                str(data),
            ],
            check=True,
            stderr=subprocess.DEVNULL,
        )
    db = open_database(db_url)
    publish_s: float | None = None
    if repo.feed_head(db) == 0:  # an HQ kept in --workdir has published the batch already
        started = time.perf_counter()
        publish_file(db, "aed", data)
        publish_s = time.perf_counter() - started
    db.close()
    server = HqProcess(db_url, work / "hq-feed.log").start()
    try:
        bench_db = work / f"feed-{time.time_ns()}.sqlite"
        store, _ = _bench(db_url, server.url, bench_db)
        started = time.perf_counter()
        report = sync_once(store)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        searchable = index_for_search(store)  # what the sync loop does after the round
        search_s = time.perf_counter() - started
        current = store.conn.execute(
            "SELECT count(*) FROM aed_items WHERE is_current = 1"
        ).fetchone()[0]
        store.close()
    finally:
        server.stop()
        for suffix in ("", "-wal", "-shm"):  # a million items: over a gigabyte each run
            Path(f"{bench_db}{suffix}").unlink(missing_ok=True)
    if report.feed_error or current == 0:  # a figure for nothing applied would mislead
        sys.exit(f"the feed was not applied: {report.feed_error or 'no AED item stored'}")
    return {
        "aed_items": items,
        "file_mb": round(data.stat().st_size / 1e6, 1),
        "publish_s": None if publish_s is None else round(publish_s, 2),
        "apply_s": round(seconds, 2),
        "items_per_s": round(items / seconds),
        "search_indexed": searchable.indexed,
        "search_index_s": round(search_s, 2),
        "items_in_store": current,
        "cursor": report.cursor,
        "feed_error": report.feed_error,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--aed-items", type=int, default=1_000_000)
    parser.add_argument("--storage", default="sqlite,postgresql")
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--workdir", help="keep files here (default: a temp dir)")
    args = parser.parse_args()
    out: dict[str, Any] = {"push": {}, "feed": None}
    with tempfile.TemporaryDirectory(prefix="pb-sync-bench-") as tmp:
        work = Path(args.workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        cluster: PgCluster | None = None
        try:
            for storage in args.storage.split(","):
                if storage == "sqlite":
                    url = f"sqlite:///{work / f'hq-{time.time_ns()}.db'}"
                else:
                    if cluster is None:
                        cluster = PgCluster(
                            Path(tempfile.mkdtemp(prefix="pb-bench-pg-")), durable=True
                        ).start()
                    url = cluster.new_database()
                if args.events:
                    out["push"][storage] = push(url, work, args.events, args.batch)
                print(json.dumps({storage: out["push"].get(storage)}), file=sys.stderr)
            if args.aed_items:
                # kept with --workdir: publishing a million items at HQ (minutes, not the
                # bench's apply) is then done once for every run
                url = f"sqlite:///{work / f'hq-feed-{args.aed_items}.db'}"
                out["feed"] = feed(url, work, args.aed_items)
        finally:
            if cluster is not None:
                cluster.stop()
                shutil.rmtree(cluster.root, ignore_errors=True)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
