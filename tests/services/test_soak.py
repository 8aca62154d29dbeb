"""The soak, short: a small compressed shift leaves file handles and threads where they were.

`bench/soak.py` runs the long version (50,000 scans, 5,000 inspections, docs/reliability.md).
Here a few thousand scans, a few hundred inspections with photos and several sync rounds to a
real HQ on loopback: every sync round and look-up must give back the handles it took, and the
last round must leave nothing pending with HQ's chain intact. Memory is only reported here;
a short run is all warm-up, so the long run judges it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the hq extra is not installed")

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc"),
]


def test_a_short_shift_keeps_handles_and_threads_flat(tmp_path: Path) -> None:
    env = {**os.environ}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "soak.py"),
            "--scans",
            "4000",
            "--inspections",
            "400",
            "--sync-every",
            "50",
            "--aed-items",
            "1000",
            "--max-growth-mb",
            "1000",  # memory is judged by the long run
            "--workdir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert done.returncode in (0, 1), done.stderr[-3000:]
    out = json.loads(done.stdout)
    assert out["problems"] == []
    assert out["inspections"] == 400 and out["sync_rounds"] >= 8
    assert out["synced"]["photos"] == out["photos"] > 0
    assert out["fds"]["end"] == out["fds"]["start"] == out["fds"]["max"]
    assert out["threads"]["end"] == out["threads"]["start"] == out["threads"]["max"]
