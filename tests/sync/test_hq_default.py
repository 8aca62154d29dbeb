"""The README's HQ walk-through without --db: serve, enroll, sync, revoke, as operators type it.

Regression: `hq serve` and `hq enroll` run without --db used `./parcelbench-hq.db` of whatever
folder each ran in, so the token was unknown to the serving HQ and `sync` failed with "HQ does
not accept this bench's token (…; enroll this bench again); enroll the bench again".
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.enrollment import write_enrollment
from tests.sync.hqproc import HqProcess, cli

REFUSED = (
    "parcelbench: HQ does not accept this bench's token ({why}): enroll this bench again at HQ "
    "(`parcelbench hq enroll --out FILE`) and sync with the new file (--enroll FILE)\n"
)


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARCELBENCH_")}
    return env | {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "xdg")}


def test_serve_enroll_and_sync_share_hqs_default_database(tmp_path: Path) -> None:
    env = _env(tmp_path)
    here, there, served = tmp_path / "here", tmp_path / "there", tmp_path / "served"
    for folder in (here, there, served):
        folder.mkdir()
    hq_file = tmp_path / "xdg" / "ParcelBench" / "hq.sqlite"
    hq = HqProcess(None, tmp_path / "hq.log", env=env, cwd=served)
    hq.start()
    try:
        assert f"(storage: SQLite file {hq_file})" in hq.log.read_text(encoding="utf-8")
        enrolled = cli("hq", "enroll", "bench-3", "--facility", "JFK", "--json", env=env, cwd=there)
        assert enrolled.returncode == 0, enrolled.stderr
        creds = json.loads(enrolled.stdout)
        good = write_enrollment(tmp_path / "good.enroll", creds["token"], creds["hq_key"])
        bad = write_enrollment(tmp_path / "bad.enroll", creds["bench_id"] + ".wrong")
        # a fresh machine: enrolling starts the bench's default database
        first = cli("sync", "--hq", hq.url, "--enroll", str(good), "--once", env=env, cwd=here)
        assert first.returncode == 0, first.stderr
        status = cli("hq", "status", "--json", env=env, cwd=here)
        (bench,) = json.loads(status.stdout)["benches"]
        assert bench["bench_id"] == creds["bench_id"] and bench["last_sync"]

        wrong = cli("sync", "--enroll", str(bad), "--once", env=env, cwd=here)
        assert (wrong.returncode, wrong.stderr) == (5, REFUSED.format(why="unknown token"))
        cli("sync", "--enroll", str(good), "--once", env=env, cwd=here)
        assert cli("hq", "revoke", creds["bench_id"], env=env, cwd=there).returncode == 0
        revoked = cli("sync", "--once", env=env, cwd=here)
        assert (revoked.returncode, revoked.stderr) == (5, REFUSED.format(why="token revoked"))
    finally:
        hq.stop()
    assert [list(f.iterdir()) for f in (here, there, served)] == [[], [], []]
