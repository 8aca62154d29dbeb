"""`parcelbench demo-data` and `parcelbench demo`: reproducible synthetic AED and the demo database.

Why byte-identical output matters: benchmarks, bug reports and the shipped demo are all named by
(items, seed, format); a generator that drifts makes them unreproducible.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parcelbench.aed.writers import FORMATS
from tests.cli.conftest import Cli
from tests.conftest import PROJECT_ROOT

N = 300
BUNDLED_DEMO = PROJECT_ROOT / "resources" / "demo" / "aed-demo.xml"
DEMO_KEYS = {"db", "created", "items", "samples", "accounts"}


def demo_data(cli: Cli, out: Path, fmt: str, seed: int, items: int = N) -> bytes:
    run = cli("demo-data", "--items", items, "--seed", seed, "--format", fmt, "-o", out)
    assert run.stdout == ""
    assert f"wrote {items:,} AED items ({fmt})" in run.stderr
    return out.read_bytes()


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_seed_same_bytes_and_imports_cleanly(
    cli: Cli, tmp_path: Path, db: Path, fmt: str
) -> None:
    first = demo_data(cli, tmp_path / f"a.{fmt}", fmt, seed=7)
    again = demo_data(cli, tmp_path / f"b.{fmt}", fmt, seed=7)
    other = demo_data(cli, tmp_path / f"c.{fmt}", fmt, seed=8)
    assert first == again
    assert first != other
    report = cli("aed", "import", tmp_path / f"a.{fmt}", "--db", db, "--json").json()
    assert (report["files"], report["imported"], report["rejected"]) == (1, N, 0)
    assert report["rejections"] == [] and report["refused"] == [] and report["warnings"] == []


def test_generated_traffic_is_varied(cli: Cli, tmp_path: Path) -> None:
    """Realistic means many origins, currencies and goods, unique ids, some optional gaps."""
    out = tmp_path / "traffic.jsonl"
    demo_data(cli, out, "jsonl", seed=11, items=1000)
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(items) == 1000
    assert len({(i["item_id"], i["version"]) for i in items}) == 1000
    assert len({i["sender"]["country"] for i in items}) >= 5
    assert len({i["currency"] for i in items if "currency" in i}) >= 3
    assert len({c["description"] for i in items for c in i["contents"]}) >= 50
    assert {i["addressee"]["country"] for i in items} == {"US"}
    optional = ("phone", "email", "postcode")
    assert any(any(k not in i["sender"] for k in optional) for i in items)


def test_stdout_output_equals_file_output_even_on_a_legacy_code_page(
    cli: Cli, tmp_path: Path
) -> None:
    """`-o -` is for pipes; CJK names must not crash a cp1252 stdout (Windows redirects)."""
    from_file = demo_data(cli, tmp_path / "f.jsonl", "jsonl", seed=3)
    piped = cli(
        "demo-data", "--items", N, "--seed", 3, "--format", "jsonl", "-o", "-",
        env={"PYTHONIOENCODING": "cp1252"},
    )  # fmt: skip
    assert piped.stdout_bytes == from_file


def test_demo_data_bad_arguments(cli: Cli, tmp_path: Path) -> None:
    negative = cli("demo-data", "--items", "-1", "-o", tmp_path / "x.xml", expect=2)
    assert negative.stderr.strip() == "parcelbench: --items must be 0 or more"
    assert not (tmp_path / "x.xml").exists()
    into_dir = cli("demo-data", "--items", 3, "-o", tmp_path, expect=2)
    assert into_dir.stderr.startswith(f"parcelbench: cannot write {tmp_path}")
    assert len(into_dir.stderr.strip().splitlines()) == 1


# -- demo, on a small demo file given through PARCELBENCH_RESOURCES -----------------------------


@pytest.fixture
def small_resources(cli: Cli, tmp_path: Path) -> dict[str, str]:
    """A resources folder whose demo AED is small, so the demo command is tested today."""
    root = tmp_path / "resources"
    (root / "demo").mkdir(parents=True)
    demo_data(cli, root / "demo" / "aed-demo.xml", "xml", seed=2026, items=N)
    holds = PROJECT_ROOT / "resources" / "demo" / "holds.csv"
    (root / "demo" / "holds.csv").write_bytes(holds.read_bytes())
    return {"PARCELBENCH_RESOURCES": str(root)}


def test_demo_builds_once_then_reuses_and_rebuilds(
    cli: Cli, tmp_path: Path, small_resources: dict[str, str]
) -> None:
    demo_db = tmp_path / "demo.sqlite"
    first = cli("demo", "--db", demo_db, "--json", env=small_resources).json()
    assert set(first) == DEMO_KEYS
    assert (Path(first["db"]), first["created"], first["items"]) == (demo_db, True, N)
    assert 1 <= len(first["samples"]) <= 3
    for sample in first["samples"]:
        assert {"item_id", "sender", "addressee", "contents", "status"} <= set(sample)
        cli("aed", "show", sample["item_id"], "--db", demo_db)

    again = cli("demo", "--db", demo_db, "--json", env=small_resources).json()
    assert (again["created"], again["items"]) == (False, N)
    account = again["accounts"][0]  # the printed demo account really logs in
    done = cli(
        "record",
        sample["item_id"],
        "--outcome",
        "released",
        # said outright: a new demo bench may have drawn this parcel for a random exam (2 %)
        "--selection",
        "not_examined",
        "--officer",
        account["badge"],
        "--pin-stdin",
        "--db",
        demo_db,
        "--json",
        input=account["pin"] + "\n",
    ).json()
    assert done["outcome"] == "released" and done["seizure_number"] is None

    # an explicit --db holding an inspection is evidence: never rebuilt
    cli("demo", "--db", demo_db, "--json", "--rebuild", env=small_resources, expect=2)
    fresh = tmp_path / "fresh.sqlite"
    cli("demo", "--db", fresh, "--json", env=small_resources)
    rebuilt = cli("demo", "--db", fresh, "--json", "--rebuild", env=small_resources).json()
    assert (rebuilt["created"], rebuilt["items"]) == (True, N)
    demo_db = fresh
    info = cli("db", "info", "--db", demo_db, "--json").json()
    assert info["tables"]["aed_rejections"] == 0
    cli("audit", "verify", "--db", demo_db)


def test_demo_text_output_suggests_next_commands(
    cli: Cli, tmp_path: Path, small_resources: dict[str, str]
) -> None:
    out = cli("demo", "--db", tmp_path / "demo.sqlite", env=small_resources).stdout
    assert f"{N:,} parcels with advance electronic data" in out
    assert "Try:" in out and "parcelbench aed show " in out


EXE = PROJECT_ROOT / ".venv" / "bin" / "parcelbench"
SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin"


def _try_lines(out: str) -> list[str]:
    return [line.strip() for line in out.split("\nTry:\n", 1)[1].splitlines() if line.strip()]


def test_demo_try_lines_name_the_command_as_the_user_can_run_it(
    cli: Cli, tmp_path: Path, small_resources: dict[str, str]
) -> None:
    """Regression: after `./run demo` the lines said `parcelbench …`, which is not on PATH."""
    db = tmp_path / "demo.sqlite"
    off_path = {**small_resources, "PATH": SYSTEM_PATH}
    out = cli("demo", "--db", db, env=off_path, command=[str(EXE)]).stdout
    lines = _try_lines(out)
    assert len(lines) == 4 and all(line.startswith(f"{EXE} ") for line in lines), lines
    assert f"&& {EXE} aed import demo.jsonl --db {db}" in lines[-1]
    shown = cli(command=["/bin/sh", "-c", lines[0]], env=off_path)  # runs as printed, by a shell
    assert "  version 1" in shown.stdout.splitlines()[0]  # the AED held for the sample parcel
    on_path = {**small_resources, "PATH": f"{EXE.parent}:{SYSTEM_PATH}"}
    lines = _try_lines(cli("demo", "--db", db, env=on_path, command=[str(EXE)]).stdout)
    assert all(line.startswith("parcelbench ") for line in lines), lines
    checked = cli(command=["/bin/sh", "-c", lines[2]], env=on_path)
    assert checked.stdout.startswith("RR 4731 2482 9 GB  valid s10")


def test_command_name_is_relative_inside_the_folder_and_checks_it_is_this_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parcelbench.cli.progname import command_name

    monkeypatch.chdir(PROJECT_ROOT)
    monkeypatch.setenv("PATH", SYSTEM_PATH)
    assert command_name(str(EXE)) == ".venv/bin/parcelbench"
    # another program called parcelbench on PATH is not this one: keep the path
    other = tmp_path / "bin" / "parcelbench"
    other.parent.mkdir()
    other.write_text("#!/bin/sh\n", encoding="utf-8")
    other.chmod(0o755)
    monkeypatch.setenv("PATH", f"{other.parent}:{SYSTEM_PATH}")
    assert command_name(str(EXE)) == ".venv/bin/parcelbench"
    monkeypatch.setenv("PATH", f"{EXE.parent}:{SYSTEM_PATH}")
    assert command_name(str(EXE)) == "parcelbench"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", SYSTEM_PATH)
    assert command_name(str(EXE)) == str(EXE)


def test_demo_defaults_to_its_own_file_not_the_workstation_db(
    cli: Cli, tmp_path: Path, small_resources: dict[str, str]
) -> None:
    """The demo must never fill (or --rebuild!) the officer's real database."""
    real = tmp_path / "real.sqlite"
    env = {**small_resources, "PARCELBENCH_DB": str(real)}
    out = cli("demo", "--json", env=env).json()
    assert Path(out["db"]) == cli.default_data_dir / "demo.sqlite"
    assert not real.exists()


def test_demo_rebuild_never_deletes_a_file_that_is_not_a_database(
    cli: Cli, tmp_path: Path, small_resources: dict[str, str]
) -> None:
    """Regression: `--rebuild --db report.docx` replaced the document with a demo database."""
    document = tmp_path / "report.txt"
    document.write_text("my notes\n", encoding="utf-8")
    run = cli("demo", "--db", document, "--rebuild", env=small_resources, expect=2)
    assert run.stderr.startswith("parcelbench: ") and len(run.stderr.splitlines()) == 1
    assert "internal error" not in run.stderr
    assert document.read_text(encoding="utf-8") == "my notes\n"
    folder = cli("demo", "--db", tmp_path, "--rebuild", env=small_resources, expect=2)
    assert "internal error" not in folder.stderr


def test_demo_rebuild_never_deletes_evidence(
    cli: Cli, tmp_path: Path, small_resources: dict[str, str]
) -> None:
    """A workstation database with inspections is never wiped by `demo --rebuild --db`."""
    from parcelbench.domain.records import Inspection, Outcome
    from parcelbench.store import Store
    from parcelbench.store.evidence import record_inspection

    real = tmp_path / "bench.sqlite"
    with Store(real) as store:
        record_inspection(
            store,
            Inspection("u-1", "RR473124829GB", Outcome.RELEASED, "B7", "2026-11-27T10:00:00.000Z"),
        )
    run = cli("demo", "--db", real, "--rebuild", env=small_resources, expect=2)
    assert "holds evidence (1 inspections)" in run.stderr
    with Store(real) as store:
        assert store.table_counts()["inspections"] == 1


def test_demo_without_its_data_file_says_so(cli: Cli, tmp_path: Path) -> None:
    """Regression: a missing demo file was an 'internal error', exit 70."""
    empty = tmp_path / "no-resources"
    empty.mkdir()
    env = {"PARCELBENCH_RESOURCES": str(empty)}
    run = cli("demo", "--db", tmp_path / "demo.sqlite", env=env, expect=2)
    assert run.stderr.startswith("parcelbench: ") and "aed-demo.xml" in run.stderr
    assert len(run.stderr.splitlines()) == 1 and "internal error" not in run.stderr


# -- demo, on the bundled demo file -------------------------------------------------------------


def test_bundled_demo_builds_and_imports_cleanly(cli: Cli, tmp_path: Path) -> None:
    """What `./run demo` shows a new user: builds, every item imports, chain verifies."""
    demo_db = tmp_path / "demo.sqlite"
    first = cli("demo", "--db", demo_db, "--json").json()
    assert set(first) == DEMO_KEYS
    assert first["created"] is True and first["items"] > 0
    assert first["samples"]
    info = cli("db", "info", "--db", demo_db, "--json").json()
    assert info["tables"]["aed_rejections"] == 0
    assert info["tables"]["aed_imports"] == 1
    again = cli("demo", "--db", demo_db, "--json").json()
    assert (again["created"], again["items"]) == (False, first["items"])
    cli("audit", "verify", "--db", demo_db)
    out = cli("demo", "--db", demo_db).stdout
    assert "already built" in out
