"""Durability under kill -9: whatever a writer saw committed is there, and nothing is half-done.

A child process records inspections through the real store as fast as it can and reports each
uuid only after `record_inspection` returned. We kill it with SIGKILL at a random moment, then
check the file: every reported uuid present, chain intact, record/audit/outbox in step.
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parcelbench.store import Store
from parcelbench.store.audit import verify_chain

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"
)

CHILD = """
import sys, uuid
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.records import Inspection, Outcome
from parcelbench.store import Store
from parcelbench.store.evidence import record_inspection

store = Store(sys.argv[1])
out = sys.stdout
out.write("ready\\n")
out.flush()
n = 0
while True:
    rec = Inspection(
        str(uuid.uuid4()), "RR473124829GB", Outcome.RELEASED, "B-1", utc_now_iso(),
        notes="n" * (n % 500), risk={"n": n},
    )
    record_inspection(store, rec)
    out.write(rec.uuid + "\\n")  # only after the commit returned
    out.flush()
    n += 1
"""

ROUNDS = 4
ROUND_DEADLINE_S = 10.0


class LineReader:
    """Whole lines from a child's stdout with a deadline, so a stuck child fails the test."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        self.fd = proc.stdout.fileno()
        self.buf = b""

    def readline(self, deadline: float) -> str:
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("child wrote nothing in time")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    raise EOFError("child exited")
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode()

    def drain(self) -> list[str]:
        """Every complete line left after the child died (a partial last line is dropped)."""
        while chunk := os.read(self.fd, 65536):
            self.buf += chunk
        *lines, _partial = self.buf.split(b"\n")
        self.buf = b""
        return [line.decode() for line in lines]


def run_and_kill(db: Path, rng: random.Random) -> list[str]:
    """One round: let the child commit a random number of inspections, then SIGKILL it."""
    target = rng.randint(30, 200)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    reader = LineReader(proc)
    reported: list[str] = []
    try:
        deadline = time.monotonic() + ROUND_DEADLINE_S
        try:
            assert reader.readline(deadline) == "ready"
            while len(reported) < target:
                reported.append(reader.readline(deadline))
        except (EOFError, TimeoutError) as exc:
            proc.kill()
            _, err = proc.communicate()
            pytest.fail(f"child failed ({exc}): {err.decode(errors='replace')}")
        time.sleep(rng.uniform(0, 0.02))  # land somewhere inside a later transaction
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    reported += reader.drain()  # committed before the kill, just not read by us yet
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    proc.stderr.close()
    return reported


def check_store(db: Path, reported: list[str], rounds: int) -> int:
    """Open the killed store the normal way and check nothing was lost or half-written."""
    with Store(db) as store:
        conn = store.conn
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        held = {row[0] for row in conn.execute("SELECT uuid FROM inspections")}
        missing = set(reported) - held
        assert not missing, f"{len(missing)} committed inspections lost"
        # Per round at most one commit can be held without having been reported: the one the
        # child was about to report when it died.
        assert 0 <= len(held) - len(set(reported)) <= rounds

        status = verify_chain(conn)
        assert status.ok, status
        inspections = len(held)
        audits = conn.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'inspection.recorded'"
        ).fetchone()[0]
        events = conn.execute(
            "SELECT count(*) FROM outbox WHERE kind = 'inspection.recorded'"
        ).fetchone()[0]
        assert inspections == audits == events == status.entries
        audited = {
            row[0].removeprefix("inspection:")
            for row in conn.execute("SELECT entity FROM audit_log")
        }
        assert audited == held
        return inspections


def test_committed_inspections_survive_kill_9(tmp_path: Path) -> None:
    """Several rounds on one file, so later rounds also start from a killed, un-checkpointed WAL."""
    db = tmp_path / "bench.sqlite"
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    all_reported: list[str] = []
    for done in range(1, ROUNDS + 1):
        reported = run_and_kill(db, rng)
        assert len(reported) >= 30, f"seed {seed}"
        all_reported += reported
        check_store(db, all_reported, done)
    assert len(set(all_reported)) == len(all_reported)
    raw = sqlite3.connect(db)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()
