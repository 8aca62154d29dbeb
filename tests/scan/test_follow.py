"""A code bent into an arc (a label round a tube seen end-on, over a bag's bulge) is followed
along its curve: the strip cut along the traced axis is straight, the straight one is not."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from parcelbench.scan.follow import curved_strip
from parcelbench.scan.locate import find_regions
from parcelbench.scan.pipeline import FrameDecoder
from parcelbench.scan.profile import sample_strip, tighten, upsample_factor
from parcelbench.scan.synth import draw_code128

ITEM = "RR473124829GB"


def arc_frame(bend_deg: float, module: int = 3, radius: float = 420.0) -> np.ndarray:
    """The symbol drawn along an arc turning through ``bend_deg``: bars radial, as on a curve."""
    flat = draw_code128(ITEM, module, 60)
    h, w = flat.shape
    frame = np.full((720, 1280), 235, np.uint8)
    cx, cy = 640.0, 360.0 + radius  # the arc's centre, below the code
    ys, xs = np.mgrid[0:720, 0:1280].astype(np.float32)
    angle = np.arctan2(xs - cx, cy - ys)  # 0 straight up, positive to the right
    dist = np.hypot(xs - cx, ys - cy)
    span = math.radians(bend_deg) if bend_deg else w / radius
    col = (angle / span + 0.5) * w  # arc length along the code, as a column of the symbol
    row = (radius + h / 2 - dist).astype(np.float32)
    if not bend_deg:
        col, row = xs - (cx - w / 2), ys - (360.0 - h / 2)
    bent = cv2.remap(flat, col.astype(np.float32), row, cv2.INTER_LINEAR, borderValue=235)
    inside = (col >= 0) & (col < w) & (row >= 0) & (row < h)
    frame[inside] = bent[inside]
    return cv2.GaussianBlur(frame, (0, 0), 0.6)


def _straightness(strip: np.ndarray) -> float:
    """How alike two bands either side of the middle are (1: bars perfectly vertical)."""
    rows = strip.shape[0]
    top = strip[int(rows * 0.3) : int(rows * 0.45)].mean(axis=0)
    bottom = strip[int(rows * 0.55) : int(rows * 0.7)].mean(axis=0)
    return float(np.corrcoef(top, bottom)[0, 1])


def _region(gray: np.ndarray):  # type: ignore[no-untyped-def]
    region = find_regions(gray)[0]
    tight = tighten(gray, region)
    return tight.region if tight is not None else region


@pytest.mark.parametrize("bend", [40.0, 60.0])
def test_the_curved_strip_straightens_an_arc_the_straight_one_cannot(bend: float) -> None:
    gray = arc_frame(bend)
    region = _region(gray)
    factor = upsample_factor(region)
    curved = curved_strip(gray, region, factor, height_frac=1.6)
    straight = sample_strip(gray, region, factor, height_frac=1.6)
    assert curved is not None
    assert _straightness(curved) > 0.7
    assert _straightness(curved) > _straightness(straight) + 0.2


def test_a_flat_code_comes_out_the_same_either_way() -> None:
    gray = arc_frame(0.0)
    region = _region(gray)
    curved = curved_strip(gray, region, upsample_factor(region))
    assert curved is not None
    assert _straightness(curved) > 0.9


def test_the_pipeline_reads_a_strongly_bent_code() -> None:
    codes = FrameDecoder().decode(cv2.cvtColor(arc_frame(60.0), cv2.COLOR_GRAY2BGR))
    assert [c.text for c in codes if c.is_parcel_id] == [ITEM]


def test_nothing_to_follow_off_the_frame() -> None:
    gray = np.full((720, 1280), 200, np.uint8)
    region = _region(arc_frame(40.0))
    moved = type(region)(-500.0, -500.0, region.angle, region.length, 20.0, 0.0, "test")
    assert curved_strip(gray, moved, 1.0) is None
