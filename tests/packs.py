"""Rule packs for test fixtures: the shipped pack with one setting changed.

Why: each new database draws its own random exams (the pack's `random_exam_rate`, 2 % of
clear parcels, from a secret of its own), and a parcel drawn is not released on sight. A test
that releases a clear parcel on sight would fail on one database in fifty; it loads the pack
without random exams instead, as a supervisor would.
"""

from __future__ import annotations

from pathlib import Path

from parcelbench.resources import resource
from parcelbench.risk.pack import default_pack

SHIPPED_RATE = "random_exam_rate = 0.02"


def shipped_pack_with(folder: Path, *, random_exam_rate: float, name: str) -> Path:
    """The shipped pack as a later version (so it is loaded over the shipped one) with
    `random_exam_rate` changed, written to `folder/name`."""
    shipped = resource("rules", "default.toml").read_text(encoding="utf-8")
    version = f'version = "{default_pack().version}"'
    # a changed shipped pack must fail here, not leave the rate silently as it was
    assert version in shipped and SHIPPED_RATE in shipped
    path = folder / name
    path.write_text(
        shipped.replace(version, 'version = "2099.1"', 1).replace(
            SHIPPED_RATE, f"random_exam_rate = {random_exam_rate}", 1
        ),
        encoding="utf-8",
    )
    return path


def no_random_exams(folder: Path) -> Path:
    """The shipped pack without random exams (see the module's note)."""
    return shipped_pack_with(folder, random_exam_rate=0.0, name="no-random-exams.toml")
