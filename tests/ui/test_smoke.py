"""`parcelbench app --demo --smoke-test FILE.png`: the self-test support staff run.

The real command in a child process, offscreen, on a fresh demo bench in a temporary home: it
must play the demo camera clip through the real capture and decoding path until a flagged
parcel card is shown, save a screenshot of it and exit 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from tests.conftest import dump


def test_the_smoke_test_reaches_a_flagged_parcel_and_saves_a_screenshot(tmp_path: Path) -> None:
    """…on a copy of the user's demo bench: scans, located holds and settings stay out of it."""
    shot = tmp_path / "smoke.png"
    env = dict(
        os.environ,
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        QT_QPA_PLATFORM="offscreen",
    )
    demo = tmp_path / "data" / "ParcelBench" / "demo.sqlite"
    subprocess.run(
        [sys.executable, "-m", "parcelbench", "demo", "--json"],
        env=env,
        capture_output=True,
        timeout=240,
        check=True,
    )
    before = dump(demo)
    done = subprocess.run(
        [sys.executable, "-m", "parcelbench", "app", "--demo", "--smoke-test", str(shot)],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "smoke test passed" in done.stdout
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 1000
    assert dump(demo) == before  # no scan, located hold or audit row reached the user's demo
    assert not (tmp_path / "config").exists()  # nor a camera choice or window geometry


def test_the_smoke_test_fails_with_a_reason(tmp_path: Path) -> None:
    """A demo bench whose camera shows nothing must not pass, and says why."""
    empty = tmp_path / "resources"
    (empty / "demo" / "camera").mkdir(parents=True)
    project = Path(__file__).resolve().parents[2] / "resources" / "demo"
    for name in ("aed-demo.xml", "holds.csv"):
        (empty / "demo" / name).write_bytes((project / name).read_bytes())
    env = dict(
        os.environ,
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
        QT_QPA_PLATFORM="offscreen",
        PARCELBENCH_RESOURCES=str(empty),
    )
    done = subprocess.run(
        [sys.executable, "-m", "parcelbench", "app", "--demo", "--smoke-test", tmp_path / "x.png"],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    assert done.returncode != 0
    assert "smoke test FAILED: the camera did not open" in done.stderr
    assert "no images in the folder" in done.stderr
