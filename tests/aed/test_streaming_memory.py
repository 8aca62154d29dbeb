"""Import memory stays flat in file size: ten times the items, (almost) no more memory.

Each import runs in its own process so its peak RSS can be read; a reader that held the whole
document (or every item) would need hundreds of MB more for the larger file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parcelbench.aed.writers import write

CHILD = """
import json, resource, sys
from parcelbench.aed.importer import import_file
from parcelbench.store import Store
with Store(sys.argv[2]) as store:
    result = import_file(store, sys.argv[1], parallel=False)
print(json.dumps({"imported": result.counts.imported,
                  "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _peak(tmp_path: Path, n: int) -> tuple[int, float, float]:
    from parcelbench.aed.demo import generate

    path = tmp_path / f"{n}.xml"
    with path.open("w", encoding="utf-8") as fh:
        write("xml", generate(n, 3), fh)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(tmp_path / f"{n}.sqlite")],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    report = json.loads(out.stdout)
    return report["imported"], report["rss_kb"] / 1024, path.stat().st_size / 2**20


@pytest.mark.slow
def test_peak_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    small_items, small_mb, _ = _peak(tmp_path, 2_000)
    large_items, large_mb, large_file_mb = _peak(tmp_path, 20_000)
    assert (small_items, large_items) == (2_000, 20_000)
    assert large_file_mb > 25  # the larger file alone would show in a non-streaming reader
    # The only growth allowed is SQLite's page cache filling up with the larger database.
    assert large_mb - small_mb < 30, (small_mb, large_mb)
