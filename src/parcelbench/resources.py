"""Where the files that ship with the app live (rule packs, demo data, fonts, icons).

From a source checkout they are in `resources/` at the project root; in a PyInstaller bundle
they sit under the bundle folder; `PARCELBENCH_RESOURCES` overrides both.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    env = os.environ.get("PARCELBENCH_RESOURCES")
    if env:
        return Path(env)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"ParcelBench resource missing: {path}")
    return path
