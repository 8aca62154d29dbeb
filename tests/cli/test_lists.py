"""`parcelbench watchlist …` and `parcelbench shippers …`: add, list, remove, errors.

The in-process tests drive `lists_cmd` through its own parser; the child-process tests check
what only the real command shows (exit codes, one-line errors on stderr, JSON on stdout), adding
the module to `parcelbench.cli.COMMANDS` in the child when it is not registered there yet.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from parcelbench.cli import lists_cmd
from parcelbench.cli.common import CliError
from parcelbench.store import Store
from parcelbench.store.audit import entries, verify_chain
from tests.accounts import account
from tests.cli.conftest import Cli

SUPERVISOR = ("--officer", "S2001", "--pin-stdin")
SUP_PIN = "63920574\n"  # S2001's PIN, on stdin


def run(*argv: str | Path) -> int:
    """Run in-process; add and remove carry the supervisor's credentials (as they must)."""
    parser = argparse.ArgumentParser(prog="parcelbench")
    sub = parser.add_subparsers(dest="c", required=True)
    lists_cmd.register(sub)
    words = [str(a) for a in argv]
    if len(words) > 1 and words[1] in ("add", "remove") and "--officer" not in words:
        words += SUPERVISOR
    args = parser.parse_args(words)
    saved, sys.stdin = sys.stdin, io.StringIO(SUP_PIN)
    try:
        return int(args.handler(args) or 0)
    finally:
        sys.stdin = saved


def run_json(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> Any:
    capsys.readouterr()
    assert run(*argv, "--json") == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A bench database holding one supervisor (S2001) and one officer (O1001)."""
    from parcelbench.domain.records import Role

    path = tmp_path / "bench.sqlite"
    with Store(path) as store:
        account(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574")
        account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
    return path


ADDRESS = (
    "watchlist", "add", "address", "4410 Industrial Parkway, Unit #12",
    "--country", "US", "--postcode", "89502", "--city", "Reno",
    "--reason", "drop address (HQ alert 17)",
)  # fmt: skip


def test_watchlist_add_list_remove(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    added = run_json(capsys, *ADDRESS, "--db", db)
    assert added["id"] == 1
    assert added["key"] == "US|89502|4410|industrial|pkwy||12"
    assert added["value"] == "4410 Industrial Parkway, Unit #12"
    assert added["added_by"] == "S2001" and added["active"] is True

    assert (
        run("watchlist", "add", "phone", "+1 775 555 0142", "--reason", "seller", "--db", db) == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("added #2") and "+1 775 555 0142" in out and "seller" in out

    listed = run_json(capsys, "watchlist", "list", "--db", db)
    assert [e["id"] for e in listed] == [1, 2]
    assert [
        e["id"] for e in run_json(capsys, "watchlist", "list", "--kind", "phone", "--db", db)
    ] == [2]

    assert run("watchlist", "remove", "1", "--db", db) == 0
    assert "removed watchlist entry #1" in capsys.readouterr().out
    assert [e["id"] for e in run_json(capsys, "watchlist", "list", "--db", db)] == [2]
    every = run_json(capsys, "watchlist", "list", "--all", "--db", db)
    assert [(e["id"], e["active"], e["removed_by"]) for e in every] == [
        (1, False, "S2001"),
        (2, True, None),
    ]

    capsys.readouterr()
    assert run("watchlist", "list", "--all", "--db", db) == 0
    text = capsys.readouterr().out.splitlines()
    assert len(text) == 2
    assert "address" in text[0] and "(Reno, 89502, US)" in text[0] and "[removed" in text[0]

    with Store(db) as store:
        assert [e.action for e in entries(store.conn) if e.action != "officer.saved"] == [
            "watchlist.added",
            "watchlist.added",
            "watchlist.removed",
        ]
        assert verify_chain(store.conn).ok


def test_empty_lists_say_so(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("watchlist", "list", "--db", db) == 0
    assert run("shippers", "list", "--db", db) == 0
    assert capsys.readouterr().out == "the watchlist is empty\nno known shippers\n"
    assert run_json(capsys, "watchlist", "list", "--db", db) == []


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (("watchlist", "add", "phone", "555-0100", "--reason", "r"), 2, "not a usable phone"),
        (("watchlist", "add", "address", "Main St", "--country", "US", "--reason", "r"), 2,
         "not a usable address"),
        (("watchlist", "add", "name", "N/A", "--reason", "r"), 2, "not a usable name"),
        (("watchlist", "add", "name", "Jose", "--reason", " "), 2, "needs a reason"),
        (("watchlist", "remove", "42"), 1, "no active watchlist entry #42"),
        (("shippers", "remove", "7"), 1, "no active known shipper #7"),
        (("shippers", "add", "N/A", "--country", "CN", "--programme", "AEO"), 2,
         "not a usable shipper name"),
    ],
)  # fmt: skip
def test_errors_are_one_line(db: Path, argv: tuple[str, ...], code: int, message: str) -> None:
    with pytest.raises(CliError) as raised:
        run(*argv, "--db", db)
    assert raised.value.code == code
    assert message in raised.value.message
    assert "\n" not in raised.value.message


def test_a_duplicate_is_refused(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(*ADDRESS, "--db", db)
    with pytest.raises(CliError, match=r"already on the watchlist as #1"):
        run(
            "watchlist", "add", "address", "4410 INDUSTRIAL PKY STE 12", "--country", "US",
            "--postcode", "89502-0001", "--reason", "again", "--db", db,
        )  # fmt: skip


def test_shippers_add_list_remove(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    added = run_json(
        capsys,
        "shippers", "add", "Shenzhen Huaxin Trading Co., Ltd.", "--country", "cn",
        "--programme", "AEO", "--reference", "CN-AEO-4471", "--street", "12 Nanshan Rd",
        "--city", "Shenzhen", "--postcode", "518000", "--db", db,
    )  # fmt: skip
    assert added["id"] == 1 and added["country"] == "CN" and added["programme"] == "AEO"
    assert added["address_key"] == "CN|518000|12|nanshan|rd||"

    assert (
        run("shippers", "add", "Acme GmbH", "--country", "DE", "--programme", "AEO", "--db", db)
        == 0
    )
    assert capsys.readouterr().out.startswith("added #2    Acme GmbH (AEO) — DE")
    assert [s["id"] for s in run_json(capsys, "shippers", "list", "--db", db)] == [1, 2]

    assert run("shippers", "remove", "#1", "--db", db) == 0
    assert "removed known shipper #1" in capsys.readouterr().out
    assert [s["id"] for s in run_json(capsys, "shippers", "list", "--db", db)] == [2]
    assert len(run_json(capsys, "shippers", "list", "--all", "--db", db)) == 2
    with Store(db) as store:
        assert [e.action for e in entries(store.conn) if e.action != "officer.saved"] == [
            "shipper.added",
            "shipper.added",
            "shipper.removed",
        ]


def test_bad_arguments_are_usage_errors(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ("watchlist", "add", "fax", "1", "--reason", "r"),
        ("watchlist", "add", "name", "Jose"),  # no --reason
        ("watchlist", "remove", "one"),
        ("shippers", "add", "Acme", "--country", "DE"),  # no --programme
    ):
        with pytest.raises(SystemExit) as raised:
            run(*argv, "--db", db)
        assert raised.value.code == 2
    assert "usage:" in capsys.readouterr().err


# -- the real command in a child process ------------------------------------------------------

#: Runs `parcelbench` with lists_cmd added when `parcelbench.cli` does not register it yet, so
#: these tests check the real exit codes and streams either way.
COMMAND = [
    sys.executable,
    "-c",
    "import sys\n"
    "from parcelbench import cli\n"
    "from parcelbench.cli import lists_cmd\n"
    "if lists_cmd not in cli.COMMANDS:\n"
    "    cli.COMMANDS = (*cli.COMMANDS, lists_cmd)\n"
    "sys.exit(cli.main())\n",
]


def test_command_round_trip(cli: Cli, db: Path) -> None:
    added = cli(*ADDRESS, *SUPERVISOR, "--db", db, "--json", command=COMMAND, input=SUP_PIN).json()
    assert added["id"] == 1
    listed = cli("watchlist", "list", "--db", db, "--json", command=COMMAND).json()
    assert [e["value"] for e in listed] == ["4410 Industrial Parkway, Unit #12"]
    cli(
        "shippers",
        "add",
        "Acme GmbH",
        "--country",
        "DE",
        "--programme",
        "AEO",
        *SUPERVISOR,
        "--db",
        db,
        command=COMMAND,
        input=SUP_PIN,
    )
    assert len(cli("shippers", "list", "--db", db, "--json", command=COMMAND).json()) == 1
    assert cli(
        "watchlist", "remove", "1", *SUPERVISOR, "--db", db, command=COMMAND, input=SUP_PIN
    ).stdout.startswith("removed")
    assert cli("watchlist", "list", "--db", db, "--json", command=COMMAND).json() == []


def test_command_errors_are_one_line(cli: Cli, db: Path) -> None:
    missing = cli(
        "watchlist", "remove", "9", *SUPERVISOR, "--db", db, expect=1, command=COMMAND,
        input=SUP_PIN,
    )  # fmt: skip
    assert missing.stdout == ""
    assert missing.stderr == "parcelbench: no active watchlist entry #9\n"
    bad = cli(
        "watchlist",
        "add",
        "phone",
        "12",
        "--reason",
        "r",
        *SUPERVISOR,
        "--db",
        db,
        expect=2,
        command=COMMAND,
        input=SUP_PIN,
    )
    assert bad.stderr.count("\n") == 1 and "not a usable phone number" in bad.stderr


def test_only_a_supervisor_changes_the_lists(cli: Cli, db: Path) -> None:
    officer = cli(
        *ADDRESS, "--officer", "O1001", "--pin-stdin", "--db", db, expect=3, command=COMMAND,
        input="40718253\n",
    )  # fmt: skip
    assert officer.stderr == "parcelbench: O1001 is an officer; this needs a supervisor\n"
    wrong = cli(
        *ADDRESS, "--officer", "S2001", "--pin-stdin", "--db", db, expect=3, command=COMMAND,
        input="00000000\n",
    )  # fmt: skip
    assert wrong.stderr.startswith(  # S2001 is a demo badge: the refusal says where it lives
        "parcelbench: badge or PIN not recognised: S2001 is a demo badge, whose account lives in "
        "the demo bench (--db "
    )
    assert wrong.stderr.count("\n") == 1
    assert cli("watchlist", "list", "--db", db, "--json", command=COMMAND).json() == []


def test_operation_start_show_end(cli: Cli, db: Path) -> None:
    """Special operations through the real command; an officer is refused with exit 3."""
    refused = cli(
        "operation", "start", "Blitz", "--officer", "O1001", "--pin-stdin", "--db", db,
        expect=3, input="40718253\n",
    )  # fmt: skip
    assert "needs a supervisor" in refused.stderr
    started = cli(
        "operation", "start", "Blitz", "--from", "2026-11-26", "--to", "2026-11-28",
        "--officer", "S2001", "--pin-stdin", "--db", db, "--json", input=SUP_PIN,
    ).json()  # fmt: skip
    assert started["operation"]["name"] == "Blitz" and started["counts"]["examined"] == 0
    shown = cli("operation", "show", "--db", db).stdout
    assert "“Blitz” 2026-11-26 – 2026-11-28" in shown
    cli("operation", "end", *SUPERVISOR, "--db", db, input=SUP_PIN)
    assert cli("operation", "show", "--db", db, "--json").json() == {"operation": None}
