"""A seizure with its photos survives kill -9 whole, or not at all, and leaves no orphan file.

A child process records seizures with several photos each through the bench's door
(`Desk.decide`, what F4 and `parcelbench record` call), reporting each inspection only after
`decide` returned. We SIGKILL it at random instants (inside the staging, the transaction, the
renames), then open the bench as the window does (`Desk.open`, which sweeps): every reported
seizure is there with all its photo rows and files, every inspection held has its seizure and
all its photos, every photo file belongs to a committed row, and no staging file is left.
"""

from __future__ import annotations

import hashlib
import random
import signal
import sys
from pathlib import Path

import pytest

from parcelbench.services.bench import Desk
from parcelbench.store.audit import verify_chain
from parcelbench.store.photo_files import STAGING, photos_dir
from tests.accounts import account
from tests.store.test_kill9 import LineReader  # the same child-reading helper
from tests.ui.conftest import CLEAR_ID

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"
)

PHOTOS = 4
ROUNDS = 6

CHILD = f"""
import os, sys
from parcelbench.domain.records import Outcome
from parcelbench.services.bench import Decision, Desk
from parcelbench.services.officers import authenticate
from parcelbench.services.outcomes import SeizureDraft
from parcelbench.domain.exam import Exam

desk = Desk.open(sys.argv[1])
officer = authenticate(desk.store, "O1001", "40718253")
line = SeizureDraft("narcotics", "white powder", 1, "g", 12.5)
print("ready", flush=True)
while True:
    photos = tuple(os.urandom(40_000 + n) for n in range({PHOTOS}))  # evidence-sized files
    done = desk.decide(
        officer, Decision("{CLEAR_ID}", Outcome.SEIZED, seizure=line, photos=photos,
        exam=Exam(methods=("visual",)))
    )
    print(done.inspection.uuid, flush=True)
"""


def _prepare(db: Path) -> None:
    from parcelbench.store import Store

    with Store(db) as store:
        account(store, "O1001", "Kim Nguyen", "officer", "40718253")


def _run_and_kill(db: Path, rng: random.Random) -> list[str]:
    import os
    import subprocess
    import time

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
        deadline = time.monotonic() + 60
        assert reader.readline(deadline) == "ready"
        for _ in range(rng.randint(1, 4)):
            reported.append(reader.readline(deadline))
        time.sleep(rng.uniform(0, 0.08))  # somewhere inside a later seizure's writing
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()[-2000:]  # type: ignore[union-attr]
    reported += reader.drain()
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    return reported


def test_a_seizure_with_its_photos_is_whole_or_absent_after_kill_9(tmp_path: Path) -> None:
    db = tmp_path / "bench.sqlite"
    _prepare(db)
    rng = random.Random(13)
    reported: list[str] = []
    for _ in range(ROUNDS):
        reported += _run_and_kill(db, rng)
        with Desk.open(db) as desk:  # as the window opens it: the sweep runs here
            conn = desk.store.conn
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            held = [r[0] for r in conn.execute("SELECT uuid FROM inspections")]
            assert set(reported) <= set(held), "a reported seizure was lost"
            for uuid in held:
                seized = conn.execute(
                    "SELECT count(*) FROM seizures WHERE inspection_uuid = ?", (uuid,)
                ).fetchone()[0]
                photos = conn.execute(
                    "SELECT sha256, size FROM photos WHERE inspection_uuid = ?", (uuid,)
                ).fetchall()
                assert (seized, len(photos)) == (1, PHOTOS), f"{uuid} half written"
                for sha, size in photos:
                    data = (photos_dir(desk.store) / f"{sha}.jpg").read_bytes()
                    assert len(data) == size and hashlib.sha256(data).hexdigest() == sha
            rows = {r[0] for r in conn.execute("SELECT sha256 FROM photos")}
            files = {p.name for p in photos_dir(desk.store).iterdir()}
            assert not [f for f in files if f.startswith(STAGING)], "a staging file was left"
            assert files == {f"{sha}.jpg" for sha in rows}, "a photo file without its record"
            assert verify_chain(conn).ok
    assert len(reported) >= ROUNDS
