"""The bench's sync client: backoff and Retry-After, the timer-driven loop, the CLI contract."""

from __future__ import annotations

import json
import random
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from parcelbench.domain.settings import (
    BENCH_SEGMENT,
    FACILITY_CODE,
    HQ_TOKEN,
    HQ_URL,
    PORT_CODE,
)
from parcelbench.hq.storage import Database, open_database, repo
from parcelbench.store import Store, settings
from parcelbench.sync import SyncLoop, state, sync_once
from parcelbench.sync.backoff import Backoff
from parcelbench.sync.transport import Transient
from tests.sync.conftest import Bench
from tests.sync.hqproc import HqProcess, cli, free_port, record_events, wait_until


def test_backoff_grows_with_jitter_up_to_the_cap_and_obeys_retry_after() -> None:
    backoff = Backoff(base=1.0, cap=30.0, rng=random.Random(7))
    delays = [backoff.next_delay() for _ in range(12)]
    ceilings = [min(30.0, 2.0**i) for i in range(12)]
    assert all(0.5 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert max(delays[6:]) > 8  # it really grows
    assert len(set(delays)) == len(delays)  # and it is jittered
    assert backoff.next_delay(retry_after=12) == 12
    assert backoff.next_delay(retry_after=900) == 30  # never beyond the cap
    backoff.reset()
    assert backoff.next_delay() <= 1.0


class _Busy(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.send_response(503)
        self.send_header("Retry-After", "7")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


def test_a_busy_hq_retry_after_drives_the_next_attempt(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _Busy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with Store(tmp_path / "b.db") as store:
            record_events(store, 2)
            url = f"http://127.0.0.1:{server.server_address[1]}"
            settings.save(store, {HQ_URL: url, HQ_TOKEN: "B-X.secret"})
            with pytest.raises(Transient) as caught:
                sync_once(store)
            assert caught.value.retry_after == 7
            loop = SyncLoop(tmp_path / "b.db", backoff=Backoff(cap=60))
            assert loop.next_delay(caught.value) == 7
            assert state(store).online is False and state(store).pending == 2
    finally:
        server.shutdown()
        server.server_close()


def test_the_loop_syncs_on_its_timer_and_backs_off_while_hq_is_down(
    bench: Bench, hq: HqProcess, hq_db: Database
) -> None:
    rounds: list[tuple[object, object]] = []
    loop = SyncLoop(
        bench.path,
        interval=0.2,
        backoff=Backoff(base=0.1, cap=0.4),
        on_round=lambda r, e: rounds.append((r, e)),
    )
    loop.start()
    try:
        record_events(bench.store, 50)  # written after the loop started: the timer finds them
        wait_until(lambda: state(bench.store).pending == 0, 20, "the loop to send 50 events")
        assert len(repo.bench_event_ids(hq_db, bench.bench_id)) == 50
        hq.stop()
        record_events(bench.store, 5)
        wait_until(
            lambda: state(bench.store).online is False and rounds[-1][1] is not None,
            20,
            "the loop to see HQ down",
        )
        assert state(bench.store).pending == 5 and isinstance(rounds[-1][1], Transient)
        hq.start()
        # pending reaches 0 mid-round (marks commit as they come); online once the round ends
        wait_until(
            lambda: state(bench.store).pending == 0 and state(bench.store).online is True,
            20,
            "the loop to catch up",
        )
    finally:
        loop.stop()
    assert len(repo.bench_event_ids(hq_db, bench.bench_id)) == 55


def test_cli_enroll_sync_status_contract(hq: HqProcess, hq_db_url: str, tmp_path: Path) -> None:
    shown = cli("hq", "enroll", "bench-8", "--facility", "ORD", "--db", hq_db_url, "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout).keys() == {
        "bench_id", "token", "hq_key", "facility", "port", "segment"
    }  # fmt: skip
    enroll_file = tmp_path / "bench-9.enroll"
    enrolled = cli(
        "hq", "enroll", "bench-9", "--facility", "ORD", "--port", "3901", "--db", hq_db_url,
        "--out", str(enroll_file), "--json",
    )  # fmt: skip
    assert enrolled.returncode == 0, enrolled.stderr
    assert enroll_file.stat().st_mode & 0o777 == 0o600  # it holds the token
    creds = json.loads(enroll_file.read_text())
    assert set(creds) == {"bench_id", "token", "hq_key", "facility", "port", "segment"}
    # bench-8 enrolled before ORD's port was known: bench-9 gets ORD's port and segment 1
    assert (creds["facility"], creds["port"], creds["segment"]) == ("ORD", "3901", 1)
    assert creds["token"] not in enrolled.stdout + enrolled.stderr
    assert json.loads(enrolled.stdout)["hq_key"] == creds["hq_key"].strip()
    db = str(tmp_path / "bench.db")
    with Store(db) as store:
        record_events(store, 7)
    in_argv = cli("sync", "--db", db, "--hq", hq.url, "--token", creds["token"], "--once")
    assert in_argv.returncode == 2 and "--enroll FILE" in in_argv.stderr
    with Store(db) as store:
        assert settings.get(store.conn, HQ_TOKEN) is None  # nothing saved from argv
    first = cli(
        "sync", "--db", db, "--hq", hq.url, "--enroll", str(enroll_file), "--once", "--json"
    )
    assert first.returncode == 0, first.stderr
    out = json.loads(first.stdout)
    assert {
        "pushed",
        "acknowledged",
        "parked",
        "pulled",
        "pending",
        "queued_total",
        "cursor",
    } <= set(out)
    assert (out["acknowledged"], out["pending"], out["queued_total"]) == (7, 0, 7)
    with Store(db) as store:  # the bench carries its facility, port and segment from enrollment
        assert settings.get(store.conn, PORT_CODE) == "3901"
        assert settings.get(store.conn, BENCH_SEGMENT) == 1
        assert settings.get(store.conn, FACILITY_CODE) == "ORD"
    assert creds["token"] not in first.stdout + first.stderr
    status = cli("hq", "status", "--db", hq_db_url, "--json")
    (bench,) = [
        b for b in json.loads(status.stdout)["benches"] if b["bench_id"] == creds["bench_id"]
    ]
    assert {"bench_id", "name", "events", "last_seq", "blobs", "chain_ok", "last_sync"} <= set(
        bench
    )
    assert (bench["bench_id"], bench["events"], bench["last_seq"]) == (creds["bench_id"], 7, 7)
    assert bench["chain_ok"] is True and bench["last_sync"]
    assert "token" not in bench and "token_hash" not in bench
    # revoked: exit 5 with one line, the queue kept
    with Store(db) as store:
        record_events(store, 1)
    assert cli("hq", "revoke", creds["bench_id"], "--db", hq_db_url).returncode == 0
    refused = cli("sync", "--db", db, "--once", "--json")
    assert refused.returncode == 5 and "enroll" in refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    hq.stop()
    down = cli("sync", "--db", db, "--once")
    assert down.returncode == 4 and "unreachable" in down.stderr
    with Store(db) as store:
        assert state(store).pending == 1


def test_cli_publish_refuses_a_bad_file_in_one_line(hq_db_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "pack.toml"
    bad.write_text("this is = not [ a pack", encoding="utf-8")
    done = cli("hq", "publish", "rules", str(bad), "--db", hq_db_url)
    assert done.returncode == 2 and done.stderr.startswith("parcelbench: ")
    assert done.stderr.count("\n") == 1
    db = open_database(hq_db_url)  # nothing was published
    try:
        assert repo.feed_head(db) == 0
    finally:
        db.close()


def test_cli_operator_account_for_the_hq_page(hq_db: Database, hq_db_url: str) -> None:
    made = cli("hq", "operator", "ana.hq", "--db", hq_db_url, "--json")
    assert made.returncode == 0, made.stderr
    first = json.loads(made.stdout)
    assert first["name"] == "ana.hq" and len(first["key"]) >= 32
    assert repo.operator_ok(hq_db, "ana.hq", first["key"])
    assert not repo.operator_ok(hq_db, "ana.hq", first["key"][:-1])
    renewed = json.loads(cli("hq", "operator", "ana.hq", "--db", hq_db_url, "--json").stdout)
    assert renewed["key"] != first["key"]
    assert not repo.operator_ok(hq_db, "ana.hq", first["key"])  # the old key no longer works
    assert repo.operator_ok(hq_db, "ana.hq", renewed["key"])
    bad = cli("hq", "operator", "a:b", "--db", hq_db_url)
    assert bad.returncode == 2 and "without ':'" in bad.stderr
