"""`parcelbench hq …` without --db: one HQ database for every command, never one per folder.

Regression: the README's `hq serve --db sqlite:///hq.db` then `hq enroll` (no --db) wrote to
`./parcelbench-hq.db`; status, publish and operator silently used whichever file the current
folder held, and `hq status` created an empty HQ database where there was none.
(`hq serve` itself is tested with a real server in tests/sync/test_hq_default.py.)
"""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Cli
from tests.conftest import PROJECT_ROOT

EXE = PROJECT_ROOT / ".venv" / "bin" / "parcelbench"
NO_VENV = {"PATH": "/usr/local/bin:/usr/bin:/bin"}
RULES = PROJECT_ROOT / "resources" / "rules" / "default.toml"


def test_every_hq_command_uses_the_one_default_database(cli: Cli, tmp_path: Path) -> None:
    hq_file = cli.default_data_dir / "hq.sqlite"
    enrolled = cli("hq", "enroll", "bench-3", "--facility", "JFK", "--json")
    bench_id = enrolled.json()["bench_id"]
    assert enrolled.stderr == (
        f"The token is shown once; HQ keeps only its hash (SQLite file {hq_file}).\n"
    )
    # the same user in another folder reaches the same HQ database
    elsewhere = Cli(tmp_path / "elsewhere")
    elsewhere.env = cli.env
    status = elsewhere("hq", "status", "--json").json()
    assert [b["bench_id"] for b in status["benches"]] == [bench_id]
    operator = elsewhere("hq", "operator", "ana", "--json")
    assert f"(SQLite file {hq_file})" in operator.stderr
    published = cli("hq", "publish", "rules", RULES, "--json").json()
    assert published["seq"] == 1
    assert elsewhere("hq", "revoke", bench_id).stdout == f"revoked {bench_id}\n"
    assert cli("hq", "status", "--json").json()["benches"][0]["revoked"] is True
    held = {p.name for p in hq_file.parent.iterdir()}
    assert held <= {"hq.sqlite", "hq.sqlite-wal", "hq.sqlite-shm"}
    assert list(cli.cwd.iterdir()) == [] and list(elsewhere.cwd.iterdir()) == []


def test_the_environment_names_the_hq_database_for_every_command(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "hq-data" / "hq.db"
    env = {"PARCELBENCH_HQ_DB": f"sqlite:///{target}"}
    cli("hq", "enroll", "bench-1", "--facility", "ORD", env=env)
    assert target.exists()
    assert len(cli("hq", "status", "--json", env=env).json()["benches"]) == 1
    assert not cli.default_data_dir.exists()


def test_status_and_revoke_never_create_an_hq_database(cli: Cli, tmp_path: Path) -> None:
    hq_file = cli.default_data_dir / "hq.sqlite"
    refused = cli("hq", "status", expect=2, command=[str(EXE)], env=NO_VENV)
    assert refused.stderr == (
        f"parcelbench: no HQ database at {hq_file} (nothing was created): start one with "
        f"`{EXE} hq serve` or `{EXE} hq enroll BENCH_NAME --facility CODE`, or give --db with "
        "HQ's database\n"
    )
    assert refused.stdout == ""
    cli("hq", "revoke", "B-1", expect=2)
    assert not cli.default_data_dir.exists()
    named = tmp_path / "nope" / "hq.db"
    for args in (("status", "--json"), ("revoke", "B-1")):
        run = cli("hq", *args, "--db", f"sqlite:///{named}", expect=2)
        assert f"no HQ database at {named} (nothing was created)" in run.stderr
    assert not named.parent.exists()
