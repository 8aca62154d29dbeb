"""The crash-safety harness, short: a real bench killed with SIGKILL 25 times loses nothing.

`bench/kill_harness.py` runs the long version (200 kills, docs/reliability.md). Here it runs
with 25 kills, and its checks are then shown to catch what they claim to — a lost record, a
photo row without its file, a damaged photo, an evidence row without its event, half an AED
file — so a green run means the checks ran, not that they could not fail.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "bench" / "kill_harness.py"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        sys.platform == "win32" or not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"
    ),
]


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kill_harness", HARNESS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """One quick harness run: its JSON and the bench files it left."""
    work = tmp_path_factory.mktemp("kills")
    env = {**os.environ}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, str(HARNESS), "--kills", "25", "--seed", "5", "--workdir", str(work)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode in (0, 1), done.stderr[-3000:]
    return json.loads(done.stdout), work


def test_25_kills_lose_nothing_and_leave_nothing_half_written(
    killed: tuple[dict[str, Any], Path],
) -> None:
    out, _ = killed
    assert out["problems"] == []
    assert out["kills"] == 25
    reported, found = out["records_reported"], out["records_found"]
    assert reported["inspections"] >= 25 and reported["aed_imports"] >= 1
    assert reported["photos"] >= 1
    for kind in ("inspections", "seizures", "photos", "aed_imports", "aed_items"):
        assert found[kind] >= reported[kind], kind


def _tampered(
    killed: tuple[dict[str, Any], Path], tmp_path: Path, harm: Callable[[Path], None]
) -> list[str]:
    """The harness's checks on a copy of the killed bench after `harm`."""
    _, work = killed
    copy = tmp_path / "copy"
    shutil.copytree(work, copy)
    harm(copy)
    harness = _harness()
    problems, _ = harness.check(copy / "bench.sqlite", harness.Reported(), harness.Leftovers())
    return problems


def _sql(work: Path, statement: str) -> None:
    with sqlite3.connect(work / "bench.sqlite") as conn:
        conn.execute(statement)


def _a_photo(work: Path) -> Path:
    folder = work / "bench.sqlite.photos"
    return next(p for p in sorted(folder.iterdir()) if p.suffix == ".jpg")


def test_the_checks_see_a_photo_without_its_file_or_damaged(
    killed: tuple[dict[str, Any], Path], tmp_path: Path
) -> None:
    gone = _tampered(killed, tmp_path / "gone", lambda w: _a_photo(w).unlink())
    assert any("has its row but no file" in p for p in gone)

    def damage(work: Path) -> None:
        photo = _a_photo(work)
        photo.write_bytes(photo.read_bytes()[:-10])

    assert any("half written or damaged" in p for p in _tampered(killed, tmp_path / "d", damage))


def test_the_checks_see_an_evidence_row_without_its_event_or_audit_row(
    killed: tuple[dict[str, Any], Path], tmp_path: Path
) -> None:
    no_event = _tampered(
        killed,
        tmp_path / "e",
        lambda w: _sql(w, "DELETE FROM outbox WHERE seq = (SELECT max(seq) FROM outbox)"),
    )
    assert any("has 0 events" in p for p in no_event)
    half = _tampered(
        killed,
        tmp_path / "h",
        lambda w: _sql(w, "DELETE FROM photos WHERE rowid = (SELECT max(rowid) FROM photos)"),
    )
    assert any("half written" in p for p in half)
    assert any("photos and their audit rows differ" in p for p in half)


def test_the_checks_see_half_an_aed_file_and_a_lost_record(
    killed: tuple[dict[str, Any], Path], tmp_path: Path
) -> None:
    half = _tampered(
        killed,
        tmp_path / "a",
        lambda w: _sql(w, "DELETE FROM aed_items WHERE id = (SELECT max(id) FROM aed_items)"),
    )
    assert any("AED file" in p and "items held" in p for p in half)
    _, work = killed
    harness = _harness()
    reported = harness.Reported()
    lost = {"k": "inspection", "uuid": "never-saved", "outcome": "released"}
    reported.add(json.dumps({**lost, "seizures": [], "photos": []}))
    problems, _ = harness.check(work / "bench.sqlite", reported, harness.Leftovers())
    assert problems == ["reported inspection never-saved is lost"]
