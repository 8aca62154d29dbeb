"""`parcelbench scan` as a user runs it: a child process, real images and videos."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from parcelbench.scan.synth import render_frame
from tests.cli.conftest import Cli
from tests.scan.conftest import CORPUS, write_images, write_video

RR, CP, LX = "RR473124829GB", "CP100000140DE", "LX806576725TW"


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


@pytest.fixture(scope="module")
def labels() -> list:
    rng = np.random.default_rng(31)
    return [render_frame(i, 2.5, rng) for i in (RR, CP, LX)]


def test_images_as_json_carry_the_id_exactly_as_parcelbench_id(cli, tmp_path, labels) -> None:
    paths = write_images(tmp_path / "img", labels[:2])
    result = cli("scan", *paths, "--json").json()
    assert [r["file"] for r in result] == [str(p) for p in paths]
    for entry, item_id in zip(result, (RR, CP), strict=True):
        assert set(entry) == {"file", "codes", "ms"}
        assert entry["ms"] > 0
        code = entry["codes"][0]
        assert code["text"] == item_id
        assert code["symbology"] == "code128"
        assert len(code["polygon"]) == 4 and all(len(p) == 2 for p in code["polygon"])
        assert code["id"] == cli("id", item_id, "--json").json()


def test_text_output_names_each_code(cli, tmp_path, labels) -> None:
    (path,) = write_images(tmp_path / "img", labels[2:])
    out = cli("scan", path).stdout
    assert f"{path}: LX 8065 7672 5 TW  code128  valid s10" in out


def test_a_video_with_first_stops_at_the_first_confirmed_parcel(cli, tmp_path, labels) -> None:
    clip = write_video(tmp_path / "clip.avi", [labels[0]] * 3 + [labels[1]] * 3, fps=10)
    whole = cli("scan", clip, "--json").json()[0]
    assert whole["frames"] == 6
    assert [e["item_id"] for e in whole["events"]] == [RR, CP]
    assert {c["text"] for c in whole["codes"]} >= {RR, CP}
    first = cli("scan", clip, "--json", "--first").json()[0]
    assert first["frames"] < 6
    assert [e["item_id"] for e in first["events"]] == [RR]
    assert [c["text"] for c in first["codes"] if c["id"]["valid"]] == [RR]


def test_a_corpus_image(cli) -> None:
    image = CORPUS / "code128-2" / "01.webp"
    if not image.exists():
        pytest.skip("corpus not available")
    expected = image.with_suffix(".txt").read_text(encoding="utf-8")
    result = cli("scan", image, "--json", expect=None).json()
    assert expected in [c["text"] for c in result[0]["codes"]]


def test_bad_files_are_one_line_errors(cli, tmp_path, labels) -> None:
    (good,) = write_images(tmp_path / "img", labels[:1])
    fake = tmp_path / "photo.jpg"
    fake.write_text("not an image")
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    missing = tmp_path / "missing.png"
    result = cli("scan", good, fake, notes, missing, expect=2)
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"parcelbench: {fake}: not an image that can be read",
        f"parcelbench: {notes}: not an image or video that can be read",
        f"parcelbench: {missing}: no such file",
    ]
    assert "RR 4731 2482 9 GB" in result.stdout


def test_no_parcel_id_exits_1(cli, tmp_path) -> None:
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((120, 160, 3), 200, np.uint8))
    result = cli("scan", blank, "--json", expect=1)
    assert result.json() == [{"file": str(blank), "codes": [], "ms": result.json()[0]["ms"]}]
