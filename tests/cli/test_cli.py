"""The `parcelbench` command as users and scripts run it: JSON shapes, exit codes, no tracebacks.

Every test runs the real command in a child process (see conftest.py) on real files in tmp_path.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import sys
import sysconfig
from pathlib import Path
from typing import Any

import pytest

from parcelbench import __version__
from parcelbench.domain.records import Inspection, Outcome, Role, Seizure
from parcelbench.store import Store
from parcelbench.store.evidence import record_inspection, record_seizure
from tests.accounts import account
from tests.cli.conftest import Cli, write_aed, write_jsonl
from tests.conftest import TEST_DATA, dump, make_item

RR = "RR473124829GB"
EE = "EE471108151FR"
IMPB = "9400111201080805483016"

IMPORT_KEYS = {
    "files",
    "imported",
    "superseded",
    "unchanged",
    "rejected",
    "rejections",
    "refused",
    "warnings",
    "import_seconds",
    "volume_index",
    "search_pending",
}
REJECTION_KEYS = {"file", "line", "item_id", "field", "reason"}
S10_KEYS = {
    "kind",
    "valid",
    "normalized",
    "error",
    "raw",
    "display",
    "service_indicator",
    "serial",
    "check_digit",
    "country",
    "service_name",
    "country_name",
}
#: Files in tests/data that must be refused whole (each is a different way of not being AED).
MALFORMED = (
    "array.json",
    "billion-laughs.xml",
    "binary.bin",
    "broken.jsonl",
    "empty.xml",
    "external-entity.xml",
    "html.xml",
    "image.png",
    "latin1-declared.xml",
    "latin1.csv",
    "latin1.jsonl",
    "mismatched-tags.xml",
    "not-aed.csv",
    "notes.txt",
    "other-namespace.xml",
    "ragged.csv",
    "scalar-line.jsonl",
    "truncated.xml",
    "undeclared-entity.xml",
    "utf16.jsonl",
    "xxe-file.xml",
)


def expected_item(**changes: Any) -> dict[str, Any]:
    """An item as the store gives it back: HS codes lose their dots."""
    item = make_item(**changes)
    for piece in item["contents"]:
        piece["hs_code"] = piece["hs_code"].replace(".", "")
    return item


def one_line_error(stderr: str) -> str:
    """User errors are exactly one `parcelbench: …` line: no usage dump, no traceback."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("parcelbench: "), stderr
    assert "internal error" not in lines[0], stderr
    return lines[0]


# -- the entry points ---------------------------------------------------------------------------


def test_console_script_is_installed_and_runs(cli: Cli) -> None:
    """`pip install` must put a working `parcelbench` next to the interpreter."""
    scripts = Path(sysconfig.get_path("scripts"))
    exe = scripts / ("parcelbench.exe" if sys.platform == "win32" else "parcelbench")
    assert exe.exists(), f"console script missing: {exe} (is the package installed?)"
    version = cli("--version", command=[str(exe)])
    assert version.stdout.strip() == f"parcelbench {__version__}"
    parsed = cli("id", RR, "--json", command=[str(exe)])
    assert parsed.json()["valid"] is True


def test_python_dash_m_reports_the_package_version(cli: Cli) -> None:
    assert cli("--version").stdout.strip() == f"parcelbench {__version__}"


# -- aed import ---------------------------------------------------------------------------------


def test_import_json_reports_each_rejection_and_exits_0(cli: Cli, db: Path) -> None:
    """Rejected items are the partner's problem, not a failed run: exit 0, every one listed."""
    src = TEST_DATA / "bad-items.jsonl"
    report = cli("aed", "import", src, "--db", db, "--json").json()
    assert set(report) == IMPORT_KEYS
    assert report["volume_index"]["indexed"] == report["imported"]  # new rows, keyed after
    assert report["search_pending"] == 0  # a small file: indexed for search as it was written
    counts = {k: report[k] for k in ("files", "imported", "superseded", "unchanged", "rejected")}
    assert counts == {"files": 1, "imported": 1, "superseded": 0, "unchanged": 0, "rejected": 2}
    assert report["refused"] == [] and report["warnings"] == []
    for rejection in report["rejections"]:
        assert set(rejection) == REJECTION_KEYS
    got = [(r["file"], r["line"], r["item_id"], r["field"]) for r in report["rejections"]]
    assert got == [
        (str(src), 2, "RB123456786US", "item_id"),
        (str(src), 3, EE, "currency"),
    ]
    assert "check digit" in report["rejections"][0]["reason"]
    assert "XYZ" in report["rejections"][1]["reason"]


@pytest.mark.parametrize("name", ["good.xml", "good.jsonl", "good.csv"])
def test_import_each_encoding_then_reimport_is_unchanged(cli: Cli, db: Path, name: str) -> None:
    first = cli("aed", "import", TEST_DATA / name, "--db", db, "--json").json()
    assert (first["files"], first["imported"], first["rejected"]) == (1, 2, 0)
    again = cli("aed", "import", TEST_DATA / name, "--db", db, "--json").json()
    assert (again["imported"], again["unchanged"], again["rejected"]) == (0, 2, 0)


def test_import_text_output_summarises_and_lists_rejections(cli: Cli, db: Path) -> None:
    out = cli("aed", "import", TEST_DATA / "bad-items.jsonl", "--db", db).stdout
    assert "(jsonl): 1 imported, 0 superseded, 0 unchanged, 2 rejected" in out
    assert "line 2: RB123456786US: item_id" in out
    assert f"line 3: {EE}: currency" in out


def test_import_refused_file_exits_2_and_changes_nothing(cli: Cli, db: Path) -> None:
    """A refused file is one rolled-back transaction: the database is byte-for-byte as before."""
    cli("aed", "import", TEST_DATA / "good.jsonl", "--db", db)
    before = dump(db)
    bad = TEST_DATA / "truncated.xml"
    run = cli("aed", "import", bad, "--db", db, "--json", expect=2)
    report = run.json()
    assert (report["files"], report["imported"], report["unchanged"]) == (1, 0, 0)
    assert [r["file"] for r in report["refused"]] == [str(bad)]
    assert "well-formed" in report["refused"][0]["reason"]
    assert f"{bad}: REFUSED, nothing imported" in run.stderr
    assert dump(db) == before


def test_import_good_files_beside_a_refused_one_still_import(cli: Cli, db: Path) -> None:
    run = cli(
        "aed",
        "import",
        TEST_DATA / "good.xml",
        TEST_DATA / "binary.bin",
        "--db",
        db,
        "--json",
        expect=2,
    )
    report = run.json()
    assert (report["files"], report["imported"]) == (2, 2)
    assert [r["file"] for r in report["refused"]] == [str(TEST_DATA / "binary.bin")]
    cli("aed", "show", RR, "--db", db)


def test_every_malformed_file_is_refused_cleanly(cli: Cli, db: Path) -> None:
    """Hostile and broken files (XXE, billion laughs, binary, wrong encodings…) import nothing."""
    Store(db).close()  # an empty bench database (`db info` no longer creates one)
    before = dump(db)
    files = [TEST_DATA / name for name in MALFORMED]
    run = cli("aed", "import", *files, "--db", db, "--json", "--no-progress", expect=2)
    report = run.json()
    assert report["files"] == len(files)
    assert report["imported"] == report["rejected"] == 0
    assert sorted(r["file"] for r in report["refused"]) == sorted(str(f) for f in files)
    assert all(r["reason"] for r in report["refused"])
    assert run.stderr.count("REFUSED") == len(files)
    assert dump(db) == before


def test_directory_and_missing_file_are_refused_by_name(cli: Cli, db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    missing = tmp_path / "nope.xml"
    run = cli("aed", "import", folder, missing, "--db", db, "--json", expect=2)
    reasons = {r["file"]: r["reason"] for r in run.json()["refused"]}
    assert "directory" in reasons[str(folder)]
    assert "no such file" in reasons[str(missing)]
    text = cli("aed", "import", folder, "--db", db, expect=2)
    assert text.stdout == ""
    assert text.stderr.strip() == f"{folder}: REFUSED, nothing imported: {reasons[str(folder)]}"


def test_unknown_fields_are_imported_with_a_warning(cli: Cli, db: Path, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "extra.jsonl", [make_item(colour="red")])
    report = cli("aed", "import", src, "--db", db, "--json").json()
    assert report["imported"] == 1
    assert report["warnings"] == [{"file": str(src), "unknown_fields": ["colour"]}]
    text = cli("aed", "import", src, "--db", db).stdout
    assert "warning: ignored unknown fields: colour" in text


# -- aed show -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, Path]:
    """One database holding good.xml, shared by the read-only `aed show` tests (fewer runs)."""
    root = tmp_path_factory.mktemp("held")
    runner = Cli(root)
    path = root / "held.sqlite"
    runner("aed", "import", TEST_DATA / "good.xml", "--db", path)
    return runner, path


@pytest.mark.parametrize(
    "typed", [RR, "rr 4731 2482 9 gb", "RR 4731 2482 9 GB", "rr473124829gb", " RR473124829GB\n"]
)
def test_show_normalizes_the_id_and_prints_the_interchange_shape(
    held: tuple[Cli, Path], typed: str
) -> None:
    cli, db = held
    shown = cli("aed", "show", typed, "--db", db, "--json").json()
    status = shown.pop("status")
    assert shown == expected_item()
    assert status["current"] is True and status["superseded_at"] is None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+Z", status["imported_at"]), status
    assert "history" not in shown


def test_show_json_keys_for_parties_and_contents(held: tuple[Cli, Path]) -> None:
    """The documented keys exist, so scripts reading them do not break silently."""
    cli, db = held
    shown = cli("aed", "show", EE, "--db", db, "--json").json()
    for key in ("item_id", "version", "sent_at", "mail_class", "category", "gross_weight_kg"):
        assert key in shown
    assert {"total_value", "currency", "sender", "addressee", "contents"} <= set(shown)
    assert {"name", "street", "city", "postcode", "country", "phone", "email"} <= set(
        shown["sender"]
    )
    assert {"name", "street", "city", "state", "postcode", "country"} <= set(shown["addressee"])
    assert set(shown["contents"][0]) == {
        "description",
        "quantity",
        "net_weight_kg",
        "value",
        "currency",
        "hs_code",
        "origin_country",
    }


def test_show_text_output(held: tuple[Cli, Path]) -> None:
    cli, db = held
    out = cli("aed", "show", RR, "--db", db).stdout
    assert out.startswith("RR 4731 2482 9 GB  version 1\n")
    assert "sender: Shenzhen Huaxin Trading Co., Ltd." in out
    assert "addressee: José Núñez" in out
    assert "2 × silicone phone case" in out


def test_show_finds_impb_by_routing_prefixed_scan(cli: Cli, db: Path, tmp_path: Path) -> None:
    """A scanner reads `420` + ZIP + tracking; the AED is keyed by the tracking number."""
    src = write_aed(tmp_path / "impb.jsonl", "jsonl", [make_item(item_id=IMPB)])
    cli("aed", "import", src, "--db", db)
    shown = cli("aed", "show", "420 11101 9400 1112 0108 0805 4830 16", "--db", db, "--json")
    assert shown.json()["item_id"] == IMPB


def test_show_history_lists_superseded_versions(cli: Cli, db: Path, tmp_path: Path) -> None:
    v1 = write_aed(tmp_path / "v1.jsonl", "jsonl", [make_item()])
    v2 = write_aed(tmp_path / "v2.jsonl", "jsonl", [make_item(version=2, total_value="99.00")])
    cli("aed", "import", v1, "--db", db)
    report = cli("aed", "import", v2, "--db", db, "--json").json()
    assert (report["imported"], report["superseded"]) == (1, 1)

    plain = cli("aed", "show", RR, "--db", db, "--json").json()
    assert (plain["version"], plain["total_value"]) == (2, "99.00")
    assert "history" not in plain

    shown = cli("aed", "show", RR, "--db", db, "--json", "--history").json()
    assert shown["version"] == 2 and shown["status"]["current"] is True
    assert [h["version"] for h in shown["history"]] == [1]
    old = shown["history"][0]
    assert old["total_value"] == "23.50"
    assert old["status"]["current"] is False and old["status"]["superseded_at"]

    text = cli("aed", "show", RR, "--db", db, "--history").stdout
    assert "superseded version 1" in text


def test_same_version_with_different_content_is_rejected(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    """A partner re-sending version 1 with other values must not rewrite what was held."""
    cli("aed", "import", TEST_DATA / "good.jsonl", "--db", db)
    src = write_aed(tmp_path / "same-v.jsonl", "jsonl", [make_item(total_value="1.00")])
    report = cli("aed", "import", src, "--db", db, "--json").json()
    assert report["rejected"] == 1
    assert [(r["item_id"], r["field"]) for r in report["rejections"]] == [(RR, "version")]
    assert cli("aed", "show", RR, "--db", db, "--json").json()["total_value"] == "23.50"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("CP100000140DE", "no AED held for s10 id 'CP100000140DE'"),
        ("RB123456786US", "check digit"),
        ("hello", "not a parcel identifier"),
        ("", "not a parcel identifier"),
    ],
)
def test_show_unknown_item_exits_1(held: tuple[Cli, Path], typed: str, said: str) -> None:
    cli, db = held
    for extra in ([], ["--json"]):
        run = cli("aed", "show", typed, "--db", db, *extra, expect=1)
        assert run.stdout == ""
        assert said in run.stderr


def test_json_on_a_non_utf8_stdout_is_still_utf8(cli: Cli, db: Path, tmp_path: Path) -> None:
    """Windows gives redirected output a legacy code page; JSON and AED must not crash on CJK.

    Regression: `aed show --json > out.json` died with "internal error (UnicodeEncodeError)".
    """
    name = "深圳华信贸易有限公司 📦"
    item = make_item()
    item["sender"]["name"] = name
    src = write_aed(tmp_path / "cjk.jsonl", "jsonl", [item])
    cli("aed", "import", src, "--db", db)
    legacy = {"PYTHONIOENCODING": "cp1252"}
    shown = cli("aed", "show", RR, "--db", db, "--json", env=legacy)
    assert shown.json()["sender"]["name"] == name
    text = cli("aed", "show", RR, "--db", db, env=legacy)
    assert name in text.stdout


# -- id -----------------------------------------------------------------------------------------


def test_id_s10_json_fields(cli: Cli) -> None:
    out = cli("id", "rr 4731 2482 9 gb", "--json").json()
    assert set(out) == S10_KEYS
    assert out == {
        "kind": "s10",
        "valid": True,
        "normalized": RR,
        "error": None,
        "raw": "rr 4731 2482 9 gb",
        "display": "RR 4731 2482 9 GB",
        "service_indicator": "RR",
        "serial": "47312482",
        "check_digit": 9,
        "country": "GB",
        "service_name": "registered",
        "country_name": "United Kingdom",
    }


@pytest.mark.parametrize(
    ("payload", "kind", "valid", "code"),
    [
        (RR, "s10", True, 0),
        ("420111019400111201080805483016", "impb", True, 0),
        ("0307 1790 0005 2348 3741", "usps20", True, 0),
        ("RB123456786US", "s10", False, 1),
        ("0307 1790 0005 2348 3742", "usps20", False, 1),
        ("hello", "unknown", False, 1),
        ("", "unknown", False, 1),
    ],
)
def test_id_kind_validity_and_exit_code(
    cli: Cli, payload: str, kind: str, valid: bool, code: int
) -> None:
    out = cli("id", payload, "--json", expect=code).json()
    assert {"kind", "valid", "normalized", "error"} <= set(out)
    assert (out["kind"], out["valid"]) == (kind, valid)
    assert (out["error"] is None) is valid
    if kind == "impb":
        assert out["normalized"] == IMPB


def test_id_text_output(cli: Cli) -> None:
    good = cli("id", RR).stdout
    assert good.startswith("RR 4731 2482 9 GB  valid s10\n")
    assert "country_name: United Kingdom" in good
    bad = cli("id", "RB123456786US", expect=1).stdout
    assert "check digit is 6, expected 5" in bad


# -- db info and audit verify -------------------------------------------------------------------


def test_db_info_json(cli: Cli, db: Path) -> None:
    cli("aed", "import", TEST_DATA / "good.xml", "--db", db)
    info = cli("db", "info", "--db", db, "--json").json()
    assert set(info) == {"db", "schema_version", "tables"}
    assert Path(info["db"]) == db
    assert isinstance(info["schema_version"], int) and info["schema_version"] >= 1
    assert info["tables"]["aed_items"] == 2
    assert info["tables"]["audit_log"] >= 1
    text = cli("db", "info", "--db", db).stdout
    assert text.startswith(f"{db}  (schema version {info['schema_version']})")


def test_audit_verify_ok_then_broken_by_tampering(cli: Cli, db: Path) -> None:
    cli("aed", "import", TEST_DATA / "good.xml", "--db", db)
    cli("aed", "import", TEST_DATA / "bad-items.jsonl", "--db", db)
    status = cli("audit", "verify", "--db", db, "--json").json()
    assert set(status) == {"ok", "entries", "head", "first_bad_seq", "reason"}
    assert status["ok"] is True and status["entries"] >= 2
    assert re.fullmatch(r"[0-9a-f]{64}", status["head"])
    assert "audit chain OK" in cli("audit", "verify", "--db", db).stdout

    conn = sqlite3.connect(db)  # an attacker with the file needs no app code
    with conn:
        conn.execute("UPDATE audit_log SET actor = 'someone else' WHERE seq = 1")
    conn.close()
    broken = cli("audit", "verify", "--db", db, "--json", expect=1).json()
    assert (broken["ok"], broken["first_bad_seq"]) == (False, 1)
    assert broken["reason"]
    assert "BROKEN at row 1" in cli("audit", "verify", "--db", db, expect=1).stdout


def test_audit_verify_catches_evidence_edited_beside_an_intact_chain(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    with Store(db) as store:
        account(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574")
        account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
        record_inspection(
            store,
            Inspection("I-9", "RR473124829GB", Outcome.SEIZED, "O1001", "2026-11-27T10:00:00Z"),
        )
        record_seizure(
            store,
            Seizure("2027-4701-000009-01", "I-9", "narcotics", "white powder", 1, "g", 1.5,
                    "2026-11-27T10:00:00Z"),
            actor="O1001",
        )  # fmt: skip
    assert cli("audit", "verify", "--db", db, "--json").json()["ok"] is True
    edits = [
        "UPDATE seizures SET quantity = 999",
        "UPDATE seizures SET status = 'approved'",
        "UPDATE officers SET role = 'supervisor' WHERE badge = 'O1001'",
        "UPDATE officers SET pin_hash = (SELECT pin_hash FROM officers WHERE badge = 'S2001') "
        "WHERE badge = 'O1001'",
        "UPDATE inspections SET outcome = 'released'",
    ]
    said = ["quantity is 999.0", "status is 'approved'", "role is 'supervisor'", "its PIN",
            "outcome is 'released'"]  # fmt: skip
    for edit, words in zip(edits, said, strict=True):
        copy = tmp_path / f"copy-{len(words)}.sqlite"
        shutil.copy(db, copy)
        conn = sqlite3.connect(copy)  # an attacker with the file needs no app code
        with conn:
            conn.execute(edit)
        conn.close()
        broken = cli("audit", "verify", "--db", copy, "--json", expect=1).json()
        assert broken["ok"] is False and words in broken["reason"], (edit, broken)
        assert "records differ" in cli("audit", "verify", "--db", copy, expect=1).stdout


# -- which database -----------------------------------------------------------------------------


def test_db_option_wins_over_environment(cli: Cli, tmp_path: Path) -> None:
    env_db = tmp_path / "from-env.sqlite"
    opt_db = tmp_path / "from-option.sqlite"
    env = {"PARCELBENCH_DB": str(env_db)}
    cli("aed", "import", TEST_DATA / "good.jsonl", "--db", opt_db, env=env)
    info = cli("db", "info", "--db", opt_db, "--json", env=env)
    assert Path(info.json()["db"]) == opt_db
    assert opt_db.exists() and not env_db.exists()


def test_environment_wins_over_default(cli: Cli, tmp_path: Path) -> None:
    env_db = tmp_path / "from-env.sqlite"
    env = {"PARCELBENCH_DB": str(env_db)}
    cli("aed", "import", TEST_DATA / "good.jsonl", env=env)
    assert Path(cli("db", "info", "--json", env=env).json()["db"]) == env_db
    cli("aed", "show", RR, env=env)
    assert not cli.default_data_dir.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG layout is Linux's")
def test_default_is_the_user_data_folder(cli: Cli) -> None:
    cli("aed", "import", TEST_DATA / "good.jsonl")
    expected = cli.default_data_dir / "parcelbench.sqlite"
    assert Path(cli("db", "info", "--json").json()["db"]) == expected
    assert expected.exists()
    cli("aed", "show", RR)

    without_xdg = cli("db", "info", "--json", env={"XDG_DATA_HOME": None}, expect=2)
    fallback = cli.home / ".local/share/ParcelBench/parcelbench.sqlite"
    assert f"no bench database at {fallback} (nothing was created)" in without_xdg.stderr
    assert not fallback.parent.exists()


def test_db_option_expands_home(cli: Cli) -> None:
    cli("aed", "import", TEST_DATA / "good.jsonl", "--db", "~/bench.sqlite")
    info = cli("db", "info", "--db", "~/bench.sqlite", "--json").json()
    assert Path(info["db"]) == cli.home / "bench.sqlite"
    assert (cli.home / "bench.sqlite").exists()


# -- errors users can make ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["db", "info"],
        ["audit", "verify"],
        ["aed", "show", RR],
        ["aed", "import", str(TEST_DATA / "good.jsonl")],
        ["demo"],
    ],
    ids=" ".join,
)
def test_non_database_file_as_db_is_one_line_and_left_alone(
    cli: Cli, tmp_path: Path, command: list[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes((TEST_DATA / "notes.txt").read_bytes())
    before = notes.read_bytes()
    run = cli(*command, "--db", notes, expect=2)
    assert "not a ParcelBench database" in one_line_error(run.stderr)
    assert run.stdout == ""
    assert notes.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("notes")) == ["notes.txt"]


def test_aed_file_as_db_is_refused(cli: Cli) -> None:
    run = cli("db", "info", "--db", TEST_DATA / "good.xml", expect=2)
    assert "not a ParcelBench database" in one_line_error(run.stderr)


def test_directory_as_db_is_one_line(cli: Cli, tmp_path: Path) -> None:
    run = cli("aed", "show", RR, "--db", tmp_path, expect=2)
    assert str(tmp_path) in one_line_error(run.stderr)


def test_db_under_a_file_is_one_line(cli: Cli, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    run = cli("aed", "import", TEST_DATA / "good.jsonl", "--db", blocker / "bench.sqlite", expect=2)
    assert "cannot create the folder" in one_line_error(run.stderr)
    read = cli("db", "info", "--db", blocker / "bench.sqlite", expect=2)
    assert "no bench database at" in one_line_error(read.stderr)


def test_database_from_a_newer_parcelbench_is_refused(cli: Cli, db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    run = cli("aed", "import", TEST_DATA / "good.jsonl", "--db", db, expect=2)
    assert "upgrade ParcelBench" in one_line_error(run.stderr)


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        ([], "required"),
        (["frobnicate"], "invalid choice"),
        (["aed"], "required"),
        (["aed", "export", "x"], "invalid choice"),
        (["aed", "import"], "required"),
        (["id"], "required"),
        (["id", RR, "--colour"], "unrecognized arguments"),
        (["demo-data", "-o", "x.xml", "--format", "pdf"], "invalid choice"),
        (["demo-data", "-o", "x.xml", "--items", "many"], "invalid int"),
        (["demo-data"], "required"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else v,
)
def test_bad_command_lines_get_usage_and_exit_2(cli: Cli, argv: list[str], said: str) -> None:
    run = cli(*argv, expect=2)
    assert run.stdout == ""
    assert run.stderr.startswith("usage: parcelbench"), run.stderr
    assert "error:" in run.stderr and said in run.stderr
