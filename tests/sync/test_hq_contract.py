"""HQ's API keeps its own contract: a schema-based fuzzer (schemathesis) runs against the live
HQ, signed in as a bench, from the schema HQ serves. Any 5xx, any answer the schema does not
document and any body not shaped as documented fails the test.

The quick run here is bounded (a fixed seed, 30 examples per operation); the long one is the
same test with `PARCELBENCH_FUZZ=long` (1,000 examples per operation, a new seed each run).
One check is left out: `allow_header_conformance` sends OPTIONS and compares the `Allow`
header of the 405 with the schema, and the web framework lists only the first of two routes
sharing a path (GET and PUT /v1/blobs/{sha256}); no bench sends OPTIONS.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from parcelbench.hq.storage import open_database, repo
from tests.sync.hqproc import HqProcess

pytest.importorskip("schemathesis", reason="the dev extra is not installed")


def schemathesis(
    url: str, token: str, examples: int, seed: int, cwd: Path, timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    st = shutil.which("st", path=str(Path(sys.executable).parent)) or "st"
    return subprocess.run(
        [
            st,
            "run",
            f"{url}/v1/openapi.json",
            "-H",
            f"Authorization: Bearer {token}",
            "--checks",
            "all",
            "--exclude-checks",
            "allow_header_conformance",
            "--max-examples",
            str(examples),
            "--seed",
            str(seed),
            "--workers",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
    )


def test_a_schema_fuzzer_finds_no_server_error_and_no_contract_failure(tmp_path: Path) -> None:
    # the API is the same on both engines: fuzzed once, on SQLite
    url = f"sqlite:///{tmp_path / 'hq.db'}"
    db = open_database(url)
    _bench_id, token = repo.enroll(db, "fuzzed", "JFK")
    hq = HqProcess(url, tmp_path / "hq.log").start()
    try:
        if os.environ.get("PARCELBENCH_FUZZ") == "long":
            seed = random.randrange(2**31)
            done = schemathesis(hq.url, token, 1000, seed, tmp_path, timeout=4 * 3600)
        else:
            done = schemathesis(hq.url, token, 30, 20261203, tmp_path)
    finally:
        hq.stop()
        db.close()
    summary = done.stdout[done.stdout.rfind("SUMMARY") :]
    print(summary)  # the cases generated, shown with `pytest -s` (the long run's figure)
    assert done.returncode == 0, done.stdout[-6000:]
    assert "generated" in summary and "Failures:" not in summary
