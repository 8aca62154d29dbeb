"""Reading commands never create a database; a refused login says where the accounts are.

Regressions from a newcomer's first ten minutes: `aed show X --db nope/x.sqlite` made the folder
and an empty database, then said "no AED held"; on a fresh machine `record … --officer O1001`
said only "badge or PIN not recognised", with no word of the demo bench.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from parcelbench.cli import main
from parcelbench.services.demo import default_demo_db
from tests.cli.conftest import Cli
from tests.conftest import PROJECT_ROOT, TEST_DATA
from tests.enrollment import write_enrollment

RR = "RR473124829GB"
SEIZURE = "2027-4701-000001-01"
OFFICER = ("--officer", "O1001", "--pin-stdin")  # the PIN comes on stdin, when asked for
SUPERVISOR = ("--officer", "S2001", "--pin-stdin")

#: Every bench command that only reads, or needs accounts or records made earlier.
NEED_A_DATABASE: list[tuple[str, ...]] = [
    ("aed", "show", RR),
    ("risk", RR),
    ("risk", RR, "--json"),
    ("risk", "rescore"),
    ("risk", "worklist"),
    ("risk", "pack", "show"),
    ("risk", "pack", "load", "pack.toml", *SUPERVISOR),
    ("record", RR, "--outcome", "released", *OFFICER),
    ("officer", "list"),
    ("holds", "list"),
    ("holds", "import", "holds.csv", *SUPERVISOR),
    ("seizure", "list"),
    ("seizure", "approve", SEIZURE, *SUPERVISOR),
    ("seizure", "return", SEIZURE, "--comment", "weigh again", *SUPERVISOR),
    ("seizure", "resubmit", SEIZURE, *OFFICER),
    (
        "seizure",
        "transfer",
        SEIZURE,
        "--released-by",
        "A",
        "--received-by",
        "B",
        "--purpose",
        "vault",
        *OFFICER,
    ),
    ("report", "seizure", SEIZURE, "-o", "x.pdf", *SUPERVISOR),
    (
        "report",
        "operation",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "-o",
        "x.pdf",
        *SUPERVISOR,
    ),
    ("operation", "show"),
    ("operation", "start", "Blitz", *SUPERVISOR),
    ("operation", "end", *SUPERVISOR),
    ("watchlist", "list"),
    ("watchlist", "add", "email", "x@example.com", "--reason", "r", *SUPERVISOR),
    ("watchlist", "remove", "1", *SUPERVISOR),
    ("shippers", "list"),
    ("shippers", "add", "Acme", "--country", "US", "--programme", "AEO", *SUPERVISOR),
    ("shippers", "remove", "1", *SUPERVISOR),
    ("sync", "--once"),
    ("sync", "--parked"),
    ("sync", "--hq-key", "ed25519:AAAA", "--once"),  # pinning a key is no enrolment
    ("db", "info"),
    ("audit", "verify"),
]


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """In-process runs with the user data folder inside tmp_path; returns that folder."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PARCELBENCH_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "xdg"


def _refused(args: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(list(args)) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1, (out, err)
    return err


@pytest.mark.parametrize("args", NEED_A_DATABASE, ids=lambda a: " ".join(a[:3]))
def test_a_missing_database_is_refused_and_nothing_is_created(
    args: tuple[str, ...], tmp_path: Path, isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nope" / "x.sqlite"
    err = _refused((*args, "--db", str(target)), capsys)
    assert err.startswith(
        f"parcelbench: no bench database at {target} (nothing was created): give --db with an "
        "existing bench database, or build the demo bench with `"
    ), err
    assert err.endswith(f" demo` (its database: {default_demo_db()})\n"), err
    assert not (tmp_path / "nope").exists()
    assert not isolated.exists()


@pytest.mark.parametrize("args", [("aed", "show", RR), ("officer", "list"), ("db", "info")])
def test_the_default_database_is_not_created_by_reading_either(
    args: tuple[str, ...], isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    default = isolated / "ParcelBench" / "parcelbench.sqlite"
    err = _refused(args, capsys)
    assert f"no bench database at {default} (nothing was created)" in err
    assert not isolated.exists()


def test_commands_that_start_a_bench_still_create_it(
    tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`aed import`, a first `officer add` and enrolling with HQ (`sync --hq --enroll`)."""
    imported = tmp_path / "a" / "bench.sqlite"
    assert main(["aed", "import", str(TEST_DATA / "good.xml"), "--db", str(imported)]) == 0
    assert imported.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("40718253\n"))
    first = tmp_path / "b" / "bench.sqlite"
    first_account = ["officer", "add", "S7", "--name", "Ana", "--role", "supervisor"]
    assert main([*first_account, "--db", str(first)]) == 0
    assert first.exists()
    enrolled = tmp_path / "c" / "bench.sqlite"
    hq = "http://127.0.0.1:9"  # nothing listens: the settings are kept, the round fails
    enroll = str(write_enrollment(tmp_path / "c.enroll", "B-1.T"))
    assert main(["sync", "--hq", hq, "--enroll", enroll, "--once", "--db", str(enrolled)]) == 4
    assert enrolled.exists()


def test_a_refused_first_account_creates_nothing(
    tmp_path: Path,
    isolated: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    target = tmp_path / "new" / "bench.sqlite"
    assert main(["officer", "add", "O7", "--name", "Ana", "--db", str(target)]) == 2
    assert "a PIN is 8 to 12 digits" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


# -- where the accounts are -----------------------------------------------------------------------

EXE = PROJECT_ROOT / ".venv" / "bin" / "parcelbench"
NO_VENV = {"PATH": "/usr/local/bin:/usr/bin:/bin"}  # as after `./run demo`: not on PATH


def _run(cli: Cli, *args: object, expect: int = 0, stdin: str | None = None) -> str:
    """The installed command, off PATH, so the hints name it by its path; stderr back."""
    return cli(*args, expect=expect, command=[str(EXE)], env=NO_VENV, input=stdin).stderr


def _demo_bench(cli: Cli) -> str:
    demo = cli.default_data_dir / "demo.sqlite"
    return f"the demo bench (--db {demo}; build it with `{EXE} demo`)"


@pytest.fixture
def empty_bench(cli: Cli, tmp_path: Path) -> Path:
    """A bench with AED but no officer account (what `aed import` on a fresh machine leaves)."""
    db = tmp_path / "empty.sqlite"
    cli("aed", "import", TEST_DATA / "good.xml", "--db", db)
    return db


@pytest.fixture
def real_bench(empty_bench: Path, cli: Cli) -> Path:
    """A bench with its own accounts; one of them happens to use badge O1001."""
    first = ("officer", "add", "B7", "--name", "Bo", "--role", "supervisor")
    cli(*first, "--db", empty_bench, input="52839160\n")
    signed = ("--officer", "B7", "--pin-stdin", "--db", empty_bench)
    cli("officer", "add", "O1001", "--name", "Real Officer", *signed, input="52839160\n84261937\n")
    return empty_bench


def test_no_accounts_at_all_says_so_and_where_to_get_one(cli: Cli, empty_bench: Path) -> None:
    record = ("record", RR, "--outcome", "released", "--db", empty_bench)
    err = _run(cli, *record, "--officer", "X9", "--pin-stdin", expect=3, stdin="40718253\n")
    assert err == (
        f"parcelbench: badge or PIN not recognised: this database ({empty_bench}) has no officer "
        f"accounts; add its supervisor with `{EXE} officer add BADGE --name NAME --role "
        f"supervisor --db {empty_bench}`, or use {_demo_bench(cli)}\n"
    )
    demo = _run(cli, *record, *OFFICER, expect=3, stdin="40718253\n")
    assert demo == (
        f"parcelbench: badge or PIN not recognised: this database ({empty_bench}) has no officer "
        f"accounts, and O1001 is a demo badge whose account lives in {_demo_bench(cli)}\n"
    )
    listed = _run(cli, "officer", "list", "--db", empty_bench)
    assert listed == ""
    out = cli("officer", "list", "--db", empty_bench, command=[str(EXE)], env=NO_VENV).stdout
    assert out == (
        f"no officer accounts in {empty_bench}: add its supervisor with `{EXE} officer add "
        f"BADGE --name NAME --role supervisor`, or use {_demo_bench(cli)}\n"
    )
    assert cli("officer", "list", "--db", empty_bench, "--json").json() == []
    nothing = cli("db", "info", "--db", empty_bench, "--json").json()["tables"]
    assert nothing["inspections"] == 0


def test_a_demo_badge_outside_the_demo_bench_gets_the_hint_and_reveals_nothing(
    cli: Cli, real_bench: Path
) -> None:
    """O1001 is an account here too: the refusal is the same whether it is or not."""
    hint = (
        f"parcelbench: badge or PIN not recognised: O1001 is a demo badge, whose account lives "
        f"in {_demo_bench(cli)}\n"
    )
    wrong_pin = _run(
        cli, "record", RR, "--outcome", "released", *OFFICER, "--db", real_bench, expect=3,
        stdin="40718253\n",
    )  # fmt: skip
    assert wrong_pin == hint
    supervisor_cmd = ("seizure", "approve", SEIZURE, "--db", real_bench)
    assert _run(
        cli, *supervisor_cmd, "--officer", "S2001", "--pin-stdin", expect=3, stdin="63920574\n"
    ) == (hint.replace("O1001", "S2001"))
    # a badge that is not a demo badge: the bare refusal, whether it exists (B7) or not (Z1)
    for badge in ("B7", "Z1"):
        err = _run(
            cli, *supervisor_cmd, "--officer", badge, "--pin-stdin", expect=3, stdin="00000000\n"
        )
        assert err == "parcelbench: badge or PIN not recognised\n"
    # the real O1001 still signs in
    cli(
        "record",
        RR,
        "--outcome",
        "released",
        "--officer",
        "O1001",
        "--pin-stdin",
        "--db",
        real_bench,
        input="84261937\n",
    )


def test_in_the_demo_bench_a_wrong_demo_pin_is_a_bare_refusal(cli: Cli) -> None:
    demo = cli.default_data_dir / "demo.sqlite"
    first = ("officer", "add", "O1001", "--name", "Ana Ruiz", "--role", "supervisor")
    cli(*first, "--db", demo, input="40718253\n")
    err = _run(cli, "officer", "list", "--db", demo)
    assert err == ""
    refused = _run(
        cli,
        "record",
        RR,
        "--outcome",
        "released",
        "--officer",
        "O1001",
        "--pin-stdin",
        "--db",
        demo,
        expect=3,
        stdin="52839160\n",
    )
    assert refused == "parcelbench: badge or PIN not recognised\n"
