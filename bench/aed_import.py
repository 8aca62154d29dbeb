"""Benchmark: streaming AED import of N demo-data items into a fresh database. Prints JSON.

The file is generated first (not timed); the import runs as the real `parcelbench aed import`
command in a child process, so wall time and peak RSS are what an operator would see.
`peak_rss_mb` is the largest resident set of any process of the import (the importer or its
reader process); `cpu_s` their CPU time together. A big import returns before its search index
is written (the command starts `parcelbench aed index` in the background): `searchable_s` is
from the command's start until that indexer has caught up (polled on the database), and
`search_index_s` the part after the command returned; with `--index-search now` the index is
written inside the import, as for small files.

    python bench/aed_import.py --items 1000000 [--format xml] [--seed 7] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--format", choices=("xml", "jsonl", "csv"), default="xml")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", help="keep the file and database here (default: a temp dir)")
    parser.add_argument("--index-search", choices=("auto", "now", "later"), default="auto")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pb-bench-") as tmp:
        work = Path(args.workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        data = work / f"aed-{args.items}-{args.seed}.{args.format}"
        if not data.exists():
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "parcelbench",
                    "demo-data",
                    "--items",
                    str(args.items),
                    "--seed",
                    str(args.seed),
                    "--format",
                    args.format,
                    "-o",
                    str(data),
                ],
                check=True,
                stderr=subprocess.DEVNULL,
            )
        db = work / f"bench-{args.items}-{args.format}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        started = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "parcelbench",
                "aed",
                "import",
                str(data),
                "--db",
                str(db),
                "--json",
                "--no-progress",
                "--index-search",
                args.index_search,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - started
        if result.returncode != 0:
            sys.exit(f"import failed ({result.returncode}): {result.stderr.strip()}")
        report = json.loads(result.stdout)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        searchable = _caught_up(db) - started if report["search_pending"] else wall
        peak_kb = usage.ru_maxrss
        stored = report["imported"] + report["unchanged"]
        print(
            json.dumps(
                {
                    "items": args.items,
                    "format": args.format,
                    "imported": report["imported"],
                    "rejected": report["rejected"],
                    # the AED committed (the import proper) ...
                    "import_s": report["import_seconds"],
                    "items_per_s": round(stored / report["import_seconds"]),
                    # ... then the volume index catching up with the new rows
                    "volume_index_s": report["volume_index"]["seconds"],
                    "volume_indexed": report["volume_index"]["indexed"],
                    "wall_s": round(wall, 2),  # the whole command, process start to exit
                    "search_pending": report["search_pending"],
                    "searchable_s": round(searchable, 2),
                    "search_index_s": round(searchable - wall, 2),
                    "peak_rss_mb": round(peak_kb / 1024, 1),
                    # CPU of both processes: steadier than wall time on a shared host
                    "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
                    "file_mb": round(data.stat().st_size / 2**20, 1),
                    "db_mb": round(db.stat().st_size / 2**20, 1),
                },
                indent=2,
            )
        )


def _caught_up(db: Path) -> float:
    """When the background indexer has indexed every row (perf_counter time)."""
    with sqlite3.connect(db) as conn:
        top = conn.execute("SELECT max(id) FROM aed_items").fetchone()[0]
        while conn.execute("SELECT indexed_upto FROM search_index_state").fetchone()[0] < top:
            time.sleep(0.1)
    return time.perf_counter()


if __name__ == "__main__":
    main()
