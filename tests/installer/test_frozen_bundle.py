"""The installed bench: build the Linux bundle once, then run the FROZEN program as a bench PC
without Python would, with a bare environment (what `env -i PATH=/usr/bin:/bin HOME=<empty>`
gives: nothing from the developer's venv, PYTHONPATH or data folder).

Why: whatever PyInstaller's analysis misses (a library loaded by name, a Qt plugin, a data
file) shows only in the frozen program, at a user's first scan or first report. Each test drives
one capability end to end, so a missing piece fails here, by name, not on a bench.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from parcelbench import __version__
from parcelbench.store import Store
from parcelbench.store.schema import SCHEMA_VERSION
from tests.conftest import PROJECT_ROOT, SHARED
from tests.store.test_migration_backup import backups, old_database

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the Linux bundle builds and runs on Linux"
)

BUILD_TIMEOUT_S = 900
RUN_TIMEOUT_S = 180
CODE128 = SHARED / "corpus" / "barcodes"
#: One image zxing-cpp reads and one only zbar reads (zxing-cpp misses it): both decoders in use.
BY_ZXING = CODE128 / "code128-1" / "4.png"
BY_ZBAR = CODE128 / "code128-2" / "28.webp"
SUPERVISOR, SUPERVISOR_PIN = "S2001", "63920574"
OFFICER, OFFICER_PIN = "O1001", "40718253"


@dataclass(frozen=True)
class Frozen:
    """The bundled program and an empty home to run it in."""

    folder: Path
    home: Path
    work: Path

    @property
    def program(self) -> Path:
        return self.folder / "parcelbench"

    def run(
        self,
        *args: str | os.PathLike[str],
        expect: int = 0,
        input: str | None = None,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """Run it with only PATH, HOME and an offscreen Qt; never a traceback."""
        bare = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.home),
            "QT_QPA_PLATFORM": "offscreen",
            **(env or {}),
        }
        done = subprocess.run(
            [str(self.program), *map(str, args)],
            env=bare,
            cwd=self.work,
            input=input,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
        )
        shown = f"parcelbench {' '.join(map(str, args))} -> exit {done.returncode}\n"
        shown += f"--- stdout ---\n{done.stdout[-3000:]}\n--- stderr ---\n{done.stderr[-3000:]}"
        assert done.returncode == expect, shown
        assert "Traceback" not in done.stderr, shown
        return done


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """installer/build.sh, once for the module, into a temporary folder (about 30 s); removed
    after the module (half a gigabyte, and pytest keeps its last three temporary folders)."""
    out = tmp_path_factory.mktemp("bundle")
    build = subprocess.run(
        [
            str(PROJECT_ROOT / "installer" / "build.sh"),
            "--dist",
            str(out / "dist"),
            "--work",
            str(out / "work"),
            "--no-tarball",
        ],
        env=dict(os.environ, PYTHON=sys.executable),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    assert build.returncode == 0, f"build failed:\n{build.stdout[-3000:]}\n{build.stderr[-5000:]}"
    yield out / "dist" / "parcelbench"
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture
def frozen(bundle: Path, tmp_path: Path) -> Iterator[Frozen]:
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    yield Frozen(bundle, home, work)


def test_version(frozen: Frozen) -> None:
    assert frozen.run("--version").stdout == f"parcelbench {__version__}\n"


def test_scan_reads_code128_with_the_bundled_decoders(frozen: Frozen) -> None:
    # LD_DEBUG=libs: the dynamic loader names each library it starts, with its path
    done = frozen.run("scan", "--json", BY_ZXING, BY_ZBAR, expect=1, env={"LD_DEBUG": "libs"})
    read = {
        Path(entry["file"]).name: {(c["text"], c["decoder"]) for c in entry["codes"]}
        for entry in json.loads(done.stdout)
    }
    truth = {p.name: p.with_suffix(".txt").read_text(encoding="utf-8") for p in (BY_ZXING, BY_ZBAR)}
    assert (truth[BY_ZXING.name], "zxing") in read[BY_ZXING.name]
    assert (truth[BY_ZBAR.name], "zbar") in read[BY_ZBAR.name]
    started = re.findall(r"calling init: (\S+)", done.stderr)
    inside = str(frozen.folder) + os.sep
    for library in ("libzbar.so", "zxingcpp", "cv2"):
        paths = [p for p in started if library in Path(p).name]
        assert paths, f"{library} was never loaded"
        assert all(p.startswith(inside) for p in paths), f"{library} from outside: {paths}"


def _bench(frozen: Frozen, db: Path) -> None:
    """The bundled demo AED imported, and a supervisor and an officer, as on a new bench."""
    demo = frozen.folder / "_internal" / "resources" / "demo" / "aed-demo.xml"
    imported = frozen.run("aed", "import", demo, "--db", db)
    assert "imported" in imported.stdout + imported.stderr
    frozen.run(
        "officer", "add", SUPERVISOR, "--name", "Sam Okafor", "--role", "supervisor",
        "--db", db, input=f"{SUPERVISOR_PIN}\n",
    )  # fmt: skip
    frozen.run(
        "officer", "add", OFFICER, "--name", "Ana Ruiz", "--officer", SUPERVISOR,
        "--pin-stdin", "--db", db, input=f"{SUPERVISOR_PIN}\n{OFFICER_PIN}\n",
    )  # fmt: skip


def test_aed_import_then_a_seizure_report(frozen: Frozen, bundle: Path) -> None:
    db = frozen.work / "bench.sqlite"
    _bench(frozen, db)
    demo = (bundle / "_internal" / "resources" / "demo" / "aed-demo.xml").read_text("utf-8")
    item = re.search(r"<ItemId>(\w+)</ItemId>", demo)
    assert item is not None
    seized = frozen.run(
        # why examined said outright: the parcel's level or a random draw cannot change it
        "record", item[1], "--outcome", "seized", "--selection", "officer_discretion",
        "--method", "visual",
        "--seizure-category", "narcotics", "--seizure-description", "white powder in lining",
        "--quantity", "1", "--unit", "pieces", "--weight-g", "12.34",
        "--officer", OFFICER, "--pin-stdin", "--db", db, "--json", input=f"{OFFICER_PIN}\n",
    ).stdout  # fmt: skip
    number = json.loads(seized)["seizure_number"]
    boss = ("--officer", SUPERVISOR, "--pin-stdin", "--db", db)
    frozen.run("seizure", "approve", number, *boss, input=f"{SUPERVISOR_PIN}\n")
    pdf = frozen.work / "seizure.pdf"
    frozen.run("report", "seizure", number, "-o", pdf, *boss, input=f"{SUPERVISOR_PIN}\n")
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert number in text and item[1] in text and "Sam Okafor" in text


def test_the_window_opens_offscreen(frozen: Frozen) -> None:
    shot = frozen.work / "window.png"
    frozen.run("app", "--demo", "--smoke-test", shot)
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert shot.stat().st_size > 10_000  # a drawn window, not an empty image
    assert (frozen.home / ".local" / "share" / "ParcelBench" / "demo.sqlite").exists()


def test_hq_serve_is_refused_in_one_line(frozen: Frozen) -> None:
    refused = frozen.run("hq", "serve", expect=2)
    assert refused.stderr.count("\n") == 1
    assert "bench build of ParcelBench, without the HQ server" in refused.stderr


def test_an_older_database_is_backed_up_then_migrated(frozen: Frozen) -> None:
    db = old_database(frozen.work / "bench.sqlite")
    info = frozen.run("db", "info", "--db", db, "--json")
    assert json.loads(info.stdout)["schema_version"] == SCHEMA_VERSION
    [copy] = backups(frozen.work)
    assert str(copy) in info.stderr  # the officer is told where the old database is kept
    raw = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
    finally:
        raw.close()


def test_a_newer_database_is_refused(frozen: Frozen) -> None:
    db = frozen.work / "future.sqlite"
    with Store(db):
        pass
    raw = sqlite3.connect(db)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    refused = frozen.run("db", "info", "--db", db, expect=2)
    assert refused.stderr == (
        f"parcelbench: {db} has schema version {SCHEMA_VERSION + 1}, newer than this ParcelBench "
        f"understands ({SCHEMA_VERSION}); upgrade ParcelBench\n"
    )


def test_the_zbar_hook_points_pyzbar_at_the_bundled_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a bench without libzbar0, `find_library("zbar")` finds nothing and pyzbar will not
    load; the runtime hook answers with the bundle's copy. (This machine has libzbar0, where
    the frozen program would find the bundled copy by its soname even without the hook.)"""
    import ctypes.util
    import runpy

    (tmp_path / "libzbar.so.0").write_bytes(b"")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    runpy.run_path(str(PROJECT_ROOT / "installer" / "hooks" / "rthook_zbar.py"))
    assert ctypes.util.find_library("zbar") == str(tmp_path / "libzbar.so.0")
    assert ctypes.util.find_library("iconv") is None  # others: the system's answer, as before
