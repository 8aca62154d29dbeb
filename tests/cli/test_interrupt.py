"""Ctrl-C during a long import: the file being imported is rolled back, the store stays whole."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parcelbench.aed.writers import write
from parcelbench.store import Store
from tests.conftest import dump


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["xml", "jsonl"])
def test_sigint_mid_import_rolls_back_and_exits_130(tmp_path: Path, fmt: str) -> None:
    from parcelbench.aed.demo import generate

    first = tmp_path / f"first.{fmt}"
    big = tmp_path / f"big.{fmt}"
    with first.open("w", encoding="utf-8") as fh:
        write(fmt, generate(50, 1), fh)
    with big.open("w", encoding="utf-8") as fh:
        write(fmt, generate(60_000, 2), fh)  # several seconds of work on any machine
    db = tmp_path / "bench.sqlite"
    cmd = [sys.executable, "-m", "parcelbench", "aed", "import", "--db", str(db), "--json"]
    subprocess.run([*cmd, str(first)], check=True, capture_output=True)
    before = dump(db)

    process = subprocess.Popen(
        [*cmd, str(big)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(1.5)
    assert process.poll() is None, "the import finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted" in err and "rolled back" in err
    assert "Traceback" not in err
    assert dump(db) == before
    with Store(db) as store:  # still usable: the next import works
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
