"""``bench/decode.py --frames-dir``: any folder of frames with a truth.json, scored as specified.

Real frames through the real pipeline, in a child process as a newcomer runs it; a broken set
is refused with a sentence naming the file, and nothing is printed as a result.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from parcelbench.scan.synth import MILD, render_frame

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _decode(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / "decode.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def frame_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three readable labels, one blank frame the truth says holds a parcel, one wrong id."""
    import numpy as np

    folder = tmp_path_factory.mktemp("frames")
    rng = np.random.default_rng(4)
    rows = []
    for n, (item_id, module) in enumerate(
        (("RR473124829GB", 3.0), ("CP000000005DE", 2.8), ("EE123456785CN", 2.6)), 1
    ):
        frame = render_frame(item_id, module, rng, conditions=MILD, label_seed=n)
        cv2.imwrite(str(folder / f"frame_{n:04d}.png"), frame.image)
        rows.append({"file": f"frame_{n:04d}.png", "expected": item_id, "difficulty": "easy"})
    cv2.imwrite(str(folder / "frame_0004.png"), np.full((720, 1280, 3), 200, np.uint8))
    rows.append({"file": "frame_0004.png", "expected": "RA000000005SG", "difficulty": "hard"})
    # the truth names another parcel than the label carries: the read is a misread
    rows.append({"file": "frame_0001.png", "expected": "LX000000005NL"})
    (folder / "truth.json").write_text(json.dumps(rows))
    return folder


def test_frames_dir_prints_the_specified_json(frame_set: Path) -> None:
    run = _decode("--frames-dir", str(frame_set), "--misses")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["frames"] == 5
    assert result["read"] == 3
    assert result["read_rate"] == pytest.approx(0.6)
    assert result["by_difficulty"] == {
        "all": {"read": 0, "total": 1},
        "easy": {"read": 3, "total": 3},
        "hard": {"read": 0, "total": 1},
    }
    assert result["misreads"] == 1
    assert result["median_ms"] > 0
    assert result["missed"] == ["frame_0004.png", "frame_0001.png"]


def test_plain_decoders_are_scored_on_the_same_frames(frame_set: Path) -> None:
    run = _decode("--frames-dir", str(frame_set), "--plain")
    assert run.returncode == 0, run.stderr
    plain = json.loads(run.stdout)["plain"]
    assert set(plain) == {"pyzbar", "zxing_cpp"}
    assert all(p["frames"] == 5 and p["read"] <= 3 for p in plain.values())


@pytest.mark.parametrize(
    ("truth", "message"),
    [
        (None, "truth.json not found"),
        ("[{]", "is not valid JSON"),
        ("[]", "must be a non-empty JSON list"),
        ('[{"file": "frame_0001.png"}]', 'entry 1 (frame_0001.png): needs "expected"'),
        ('[{"file": "gone.png", "expected": "RR473124829GB"}]', "gone.png does not exist"),
    ],
)
def test_a_broken_set_is_refused_with_where_and_what(
    tmp_path: Path, frame_set: Path, truth: str | None, message: str
) -> None:
    (tmp_path / "frame_0001.png").write_bytes((frame_set / "frame_0001.png").read_bytes())
    if truth is not None:
        (tmp_path / "truth.json").write_text(truth)
    run = _decode("--frames-dir", str(tmp_path))
    assert run.returncode != 0
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
