"""Benchmark: what each stage of an AED import costs per item, alone, on one core. Prints JSON.

Why: an import runs as two processes (the reader parses, validates and keys; the writer
stores), so its wall time can never be less than half of all their work together, nor less
than the busier process's share. This measures each stage by itself on the first `--items`
items of a file (CPU time, one process, nothing else running in it) and scales it to a million
items, so a target can be compared with what the stages cost before anyone tunes the pipeline:

- `read`: open, hash and parse the file into raw items (lxml or json; the reader process);
- `validate`: `validate_item` on every raw item (either process);
- `volume_keys`: `item_volume_keys` of every valid item (either process);
- `store`: `AedImport` writing the validated items into a new database, search index left for
  later as big imports do, through COMMIT (the writer); `sqlite` is the part of it spent inside
  SQLite (`execute`/`executemany`), the rest is the writer's Python.

    python bench/aed_floor.py FILE [--items 100000]
"""

from __future__ import annotations

import argparse
import gc
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from parcelbench.aed.raw import RawItem
from parcelbench.aed.source import open_aed
from parcelbench.aed.validate import validate_item
from parcelbench.domain.aed import AedItem
from parcelbench.risk.entities import item_volume_keys
from parcelbench.store import Store
from parcelbench.store.aed import AedImport

BATCH = 2000


class _TimedConnection:
    """The import's connection with the time spent inside SQLite's calls added up."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.seconds = 0.0

    def _timed(self, call: Callable[..., Any], *args: Any) -> Any:
        started = time.process_time()
        try:
            return call(*args)
        finally:
            self.seconds += time.process_time() - started

    def execute(self, *args: Any) -> Any:
        return self._timed(self._conn.execute, *args)

    def executemany(self, *args: Any) -> Any:
        return self._timed(self._conn.executemany, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def _stage(work: Callable[[], Any]) -> tuple[Any, float]:
    started = time.process_time()
    out = work()
    return out, time.process_time() - started


def _batches(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--items", type=int, default=100_000)
    args = parser.parse_args()
    gc.disable()  # as the import runs (`importer._cyclic_gc_paused`)

    def read() -> list[RawItem]:
        source = open_aed(args.file)
        try:
            return list(islice(source.reader, args.items))
        finally:
            source.close()

    raws, read_s = _stage(read)
    checked, validate_s = _stage(
        lambda: [validate_item(r.data, file=str(args.file), line=r.line) for r in raws]
    )
    items = [c for c in checked if isinstance(c, AedItem)]
    keys, keys_s = _stage(lambda: [item_volume_keys(item) for item in items])
    with (
        tempfile.TemporaryDirectory(prefix="pb-floor-") as tmp,
        Store(Path(tmp) / "floor.sqlite") as st,
    ):
        timed = _TimedConnection(st.conn)

        def store() -> None:
            with AedImport(st, source="floor", fmt="?", actor="bench", index_search=False) as imp:
                imp.conn = timed  # type: ignore[assignment]
                for batch, batch_keys in zip(_batches(items), _batches(keys), strict=True):
                    imp.add_batch(batch, batch_keys)
                imp.commit(sha256=None)

        _, store_s = _stage(store)
    n = len(raws)
    stages = {
        "read": read_s,
        "validate": validate_s,
        "volume_keys": keys_s,
        "store": store_s,
        "sqlite": timed.seconds,
    }
    per_million = {name: round(s * 1_000_000 / n, 1) for name, s in stages.items()}
    total = sum(s for name, s in per_million.items() if name != "sqlite")
    print(
        json.dumps(
            {
                "file": str(args.file),
                "items": n,
                "valid": len(items),
                "cpu_s": {name: round(s, 2) for name, s in stages.items()},
                "us_per_item": {name: round(s * 1e6 / n, 1) for name, s in stages.items()},
                "per_million_s": per_million,
                # every stage once, shared perfectly between two cores: no pipeline does better
                "two_core_floor_per_million_s": round(total / 2, 1),
                # the writer's part that no other process can take (SQLite has one writer)
                "sqlite_floor_per_million_s": per_million["sqlite"],
                "python": sys.version.split()[0],
                "sqlite_version": sqlite3.sqlite_version,
            }
        )
    )


if __name__ == "__main__":
    main()
