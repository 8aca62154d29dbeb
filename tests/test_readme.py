"""The README's command blocks, run as written, in a scratch folder with a fresh home.

Why: a newcomer copies these blocks first. Every ```bash block after the quick start runs here
exactly as printed (its own bash, `set -euo pipefail`), with the project's `.venv`, `resources`,
`bench` and `docs` reachable as in a checkout, and must exit 0 and show what the README says it
shows. A server block (`… hq serve`) runs in the background until the blocks after it are done.
A new block without an expected outcome here fails: say what it should show.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
BLOCK = re.compile(r"^```bash\n(.*?)^```", re.M | re.S)


@dataclass(frozen=True)
class Expect:
    """What a block shows: text in its output, files it leaves (relative to the scratch)."""

    says: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    background: bool = False
    slow: bool = False
    env: dict[str, str] = field(default_factory=dict)


# keyed by a fragment only that block holds
EXPECTED: dict[str, Expect] = {
    "$P id RR473124829GB --json": Expect(
        says=(
            '"valid": true',
            "Demo accounts (badge / PIN)",
            "Daniel Robinson",  # the AED of HA336870917CN
            "HA336870917CN: DETAIN (score 185)",
            "Fentanyl precursor chemical named",
            "100,000 imported",
        ),
    ),
    "hq serve": Expect(background=True),
    "hq enroll bench-3": Expect(
        says=(
            "pushed ",
            "port 4701, bench segment 01",
            "published rules default@",
            "published holds holds.csv (JFK)",
            "bench-3 [JFK]",
            "chain ok",
            "HQ figures 2026-01-01 to 2027-12-31",
            "aed_share [all] target 90.0%",
            "report 2026-01-01 to 2027-12-31: hq-report.pdf",
            "operator: ana",
        ),
        files=("hq-report.pdf", "hq-tables/baseline.csv"),
    ),
    "report seizure": Expect(
        says=(
            "HA336870917CN: seized — seizure 2027-",
            "pending",
            "precursor chemicals: white powder, 2 foil bags (2 pieces, 498.27 g)",
            "seizure.pdf",
            "summary.pdf",
            "tables",
        ),
        files=("seizure.pdf", "summary.pdf", "overall.csv"),
    ),
    "bench-backup.tar": Expect(
        says=(
            "photos, 5 audit rows",
            "MANIFEST.json",
            "audit chain OK (5 rows",
            "already exists; restore to a new path",
            "refused: exit 2",
        ),
        files=("bench-backup.tar",),
    ),
    "parcelbench scan resources/demo/camera": Expect(
        says=("HA 3368 7091 7 CN  code128  valid s10", '"symbology": "code128"'),
    ),
    "parcelbench.ui.screenshots": Expect(
        files=("docs/screenshots/held-parcel.png", "docs/screenshots/camera-scan.png"),
    ),
    "bench/aed_import.py": Expect(
        says=(
            '"items_per_s"',
            '"two_core_floor_per_million_s"',
            '"seizure_report"',
            '"median_ms"',
            '"read_rate"',
        ),
        slow=True,
    ),
}


def blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    after_quick_start = text[text.index("## Quick start") :]
    found = BLOCK.findall(after_quick_start)
    first = next(i for i, b in enumerate(found) if b.startswith("./run demo"))
    return found[first + 1 :]  # the quick start itself is the CI run


def expected(block: str) -> Expect:
    keys = [k for k in EXPECTED if k in block]
    assert len(keys) == 1, f"README block without one expected outcome here:\n{block}"
    return EXPECTED[keys[0]]


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder laid out like a checkout (the project's venv and data, a copy of docs), a fresh
    home, and a temporary folder others can enter (the sync benchmark's PostgreSQL runs as the
    postgres user, or nobody, when the tests run as root)."""
    work = tmp_path / "checkout"
    work.mkdir()
    for name in (".venv", "resources", "bench", "src", "pyproject.toml"):
        (work / name).symlink_to(PROJECT_ROOT / name)
    shutil.copytree(PROJECT_ROOT / "docs", work / "docs")
    (tmp_path / "shared").symlink_to(PROJECT_ROOT.parent / "shared")
    (tmp_path / "home").mkdir()
    temp = Path(tempfile.mkdtemp(prefix="pb-readme-"))
    temp.chmod(0o755)
    (tmp_path / "tmp").symlink_to(temp)
    yield work
    shutil.rmtree(temp, ignore_errors=True)


def _env(scratch: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PARCELBENCH_", "XDG_", "QT_", "DISPLAY", "WAYLAND"))
    }
    return env | {
        "HOME": str(scratch.parent / "home"),
        "TMPDIR": str((scratch.parent / "tmp").resolve()),
        **extra,
    }


def _run(block: str, scratch: Path, env: dict[str, str], timeout: float) -> str:
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block],
        cwd=scratch,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    said = done.stdout + done.stderr
    assert done.returncode == 0, f"README block exited {done.returncode}:\n{block}\n{said[-3000:]}"
    assert "Traceback" not in said, said[-3000:]
    return said


def _wait_for_hq(url: str = "http://127.0.0.1:8787/v1/health", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("the README's `hq serve` did not answer")


def test_every_readme_block_has_an_expected_outcome() -> None:
    found = blocks()
    assert len(found) >= 5
    for block in found:
        expected(block)


def test_the_readme_blocks_run_as_written(scratch: Path) -> None:
    servers: list[subprocess.Popen[bytes]] = []
    try:
        for block in blocks():
            want = expected(block)
            if want.slow:
                continue  # test_the_benchmark_block_runs_as_written
            env = _env(scratch, want.env)
            if want.background:
                servers.append(
                    subprocess.Popen(
                        ["bash", "-euo", "pipefail", "-c", block],
                        cwd=scratch,
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                        start_new_session=True,
                    )
                )
                _wait_for_hq()
                continue
            said = _run(block, scratch, env, timeout=900)
            for text in want.says:
                assert text in said, f"README block did not show {text!r}:\n{block}\n---\n{said}"
            for name in want.files:
                made = (scratch / name).is_file() or any(scratch.parent.rglob(name))
                made = made or any((scratch.parent / "tmp").resolve().rglob(name))
                assert made, f"README block did not leave {name}:\n{block}"
    finally:
        for server in servers:
            os.killpg(server.pid, 15)
            server.wait(30)


@pytest.mark.slow
def test_the_benchmark_block_runs_as_written(scratch: Path) -> None:
    (block,) = [b for b in blocks() if expected(b).slow]
    said = _run(block, scratch, _env(scratch, {}), timeout=3600)
    for text in expected(block).says:
        assert text in said
