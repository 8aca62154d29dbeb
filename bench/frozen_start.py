"""Benchmark: the installed (frozen) bench's start-up. Prints JSON.

Cold: the bundle's own files are evicted from the page cache before each run (posix_fadvise
DONTNEED on those files only, so whatever else the machine caches is left alone), as after a
reboot; warm: run again at once. Each run has a new empty HOME and the bare environment of a
bench PC (PATH, HOME, an offscreen Qt), so `app --demo --smoke-test` includes the first start's
demo bench (AED import, accounts) and the window up to its first flagged parcel.

    installer/build.sh --dist /tmp/pb-dist --no-tarball
    .venv/bin/python bench/frozen_start.py /tmp/pb-dist/parcelbench
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

COMMANDS = {"version": ["--version"], "window_smoke_test": ["app", "--demo", "--smoke-test"]}


def evict(folder: Path) -> None:
    """Drop `folder`'s files from the page cache (clean pages only: nothing is lost)."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def once(bundle: Path, args: list[str]) -> float:
    with tempfile.TemporaryDirectory() as home:
        if args[-1] == "--smoke-test":
            args = [*args, str(Path(home) / "window.png")]
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "QT_QPA_PLATFORM": "offscreen"}
        started = time.perf_counter()
        subprocess.run(
            [str(bundle / "parcelbench"), *args], env=env, check=True, capture_output=True
        )
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the bundle folder (dist/parcelbench)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    out: dict[str, dict[str, object]] = {}
    for name, command in COMMANDS.items():
        for cache in ("cold", "warm"):
            runs = []
            for _ in range(args.runs):
                if cache == "cold":
                    evict(args.bundle)
                runs.append(round(once(args.bundle, command), 2))
            out[f"{name}_{cache}"] = {"median_s": statistics.median(runs), "runs_s": runs}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
