"""A hold's "examined" and its inspection survive kill -9 together, or not at all.

A child records outcomes for held parcels through `services.outcomes.record` as fast as it can
and reports each inspection only after the call returned; we SIGKILL it at a random moment and
check the file: every reported inspection has examined its hold, and no hold disagrees with the
inspections table (no examined hold without its inspection, no inspected parcel left open).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parcelbench.domain.holds import NewHold
from parcelbench.ids.s10 import make
from parcelbench.store import Store
from parcelbench.store.audit import verify_chain
from parcelbench.store.holds import count_by_status, import_holds
from tests.store.test_holds import disagreements
from tests.store.test_kill9 import LineReader

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"
)

HOLDS = 2000
ROUNDS = 3

CHILD = """
import sys
from parcelbench.domain.records import Officer, Outcome, Role
from parcelbench.services.outcomes import record
from parcelbench.store import Store
from parcelbench.store.holds import list_holds

store = Store(sys.argv[1])
officer = Officer("O1001", "Ana Ruiz", Role.OFFICER)
open_holds = list_holds(store.conn, status="outstanding")
out = sys.stdout
out.write("ready\\n")
out.flush()
for hold in open_holds:
    done = record(store, officer, hold.item_id, Outcome.RELEASED)
    out.write(done.inspection.uuid + "\\n")  # only after the commit returned
    out.flush()
out.write("done\\n")
out.flush()
"""


def run_and_kill(db: Path, rng: random.Random) -> list[str]:
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
    target = rng.randint(20, 120)
    try:
        deadline = time.monotonic() + 20.0
        try:
            assert reader.readline(deadline) == "ready"
            while len(reported) < target:
                reported.append(reader.readline(deadline))
        except (EOFError, TimeoutError) as exc:
            proc.kill()
            _, err = proc.communicate()
            pytest.fail(f"child failed ({exc}): {err.decode(errors='replace')}")
        time.sleep(rng.uniform(0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    reported += [line for line in reader.drain() if line != "done"]
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    proc.stderr.close()
    return reported


def test_examined_holds_and_inspections_survive_kill_9_together(tmp_path: Path) -> None:
    db = tmp_path / "bench.sqlite"
    with Store(db) as store:
        holds = [
            NewHold(make("LZ", f"{n:08d}", "CN"), "targeted", "HQ targeting", "2026-11-20", n)
            for n in range(1, HOLDS + 1)
        ]
        import_holds(store, holds, file="h.csv", file_format="csv", sha256="0" * 64, actor="S1")
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    reported: list[str] = []
    for _ in range(ROUNDS):
        reported += run_and_kill(db, rng)
        with Store(db) as store:
            conn = store.conn
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], seed
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], seed
            assert verify_chain(conn).ok, seed
            assert disagreements(conn) == [], seed
            examined = {
                row[0]
                for row in conn.execute(
                    "SELECT inspection_uuid FROM holds WHERE status = 'examined'"
                )
            }
            inspections = {row[0] for row in conn.execute("SELECT uuid FROM inspections")}
            assert set(reported) <= examined == inspections, seed
            counts = count_by_status(conn)
            assert counts.examined == len(inspections) and counts.total == HOLDS, seed
