"""`hq serve --workers N` on PostgreSQL: N processes answer, benches sync through them as
through one, and the database address never reaches a command line; SQLite is refused."""

from __future__ import annotations

import subprocess
from pathlib import Path

from parcelbench.hq.storage import open_database, repo
from parcelbench.sync import sync_once
from tests.sync.conftest import Bench, enroll_bench
from tests.sync.hqproc import HqProcess, PgCluster, cli, record_events


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in found.split()]


def _cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def test_two_workers_serve_every_bench(pg_cluster: PgCluster, tmp_path: Path) -> None:
    url = pg_cluster.new_database()
    hq = HqProcess(url, tmp_path / "hq.log", workers=2).start()
    try:
        assert hq.proc is not None
        assert ", 2 workers)" in hq.log.read_text(encoding="utf-8")
        workers = _children(hq.proc.pid)
        assert len([p for p in workers if "spawn_main" in _cmdline(p)]) == 2
        assert all("postgresql://" not in _cmdline(p) for p in workers)
        db = open_database(url)
        benches: list[Bench] = []
        try:
            for n in range(3):
                benches.append(enroll_bench(db, tmp_path / f"b{n}.db", hq.url, f"jfk-{n}"))
                record_events(benches[-1].store, 1500)
            for bench in benches:
                report = sync_once(bench.store, batch=500)
                assert (report.acknowledged, report.pending) == (1500, 0)
                local = [
                    r[0]
                    for r in bench.store.conn.execute("SELECT event_id FROM outbox ORDER BY seq")
                ]
                assert repo.bench_event_ids(db, bench.bench_id) == local
        finally:
            for bench in benches:
                bench.store.close()
            db.close()
    finally:
        hq.stop()


def test_workers_need_postgresql(tmp_path: Path) -> None:
    served = cli("hq", "serve", "--db", f"sqlite:///{tmp_path / 'hq.db'}", "--workers", "2")
    assert served.returncode != 0
    assert "several workers need PostgreSQL" in served.stderr
    assert "Traceback" not in served.stderr
    zero = cli("hq", "serve", "--db", f"sqlite:///{tmp_path / 'hq.db'}", "--workers", "0")
    assert zero.returncode != 0 and "--workers must be 1 to 64, not 0" in zero.stderr
