"""PINs never on the command line: `--pin` is refused with the way to give it, which is asked on
the terminal, read from one line of stdin (`--pin-stdin`) or from an owner-only file
(`--pin-file`)."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from parcelbench.cli import main
from parcelbench.cli.common import CliError
from parcelbench.cli.secrets import add_secret_options, read_secret
from parcelbench.domain.records import Role
from parcelbench.services.risk import load_rule_pack
from parcelbench.store import Store
from tests.accounts import account, pin_file
from tests.cli.conftest import Cli
from tests.conftest import TEST_DATA
from tests.packs import no_random_exams

#: Every command that takes a PIN, with what else it needs to parse.
SIGNED: list[tuple[str, ...]] = [
    ("record", "RR473124829GB", "--outcome", "released", "--officer", "O1001"),
    ("officer", "add", "O2", "--name", "Bo", "--officer", "S2001"),
    ("risk", "pack", "load", "pack.toml", "--officer", "S2001"),
    ("sync", "--retry-parked", "--officer", "S2001"),
    ("holds", "import", "holds.csv", "--officer", "S2001"),
    ("seizure", "approve", "2027-4701-000001-01", "--officer", "S2001"),
    ("report", "seizure", "2027-4701-000001-01", "-o", "x.pdf", "--officer", "S2001"),
    ("operation", "end", "--officer", "S2001"),
]


@pytest.mark.parametrize("args", SIGNED, ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("pin", [("--pin", "40718253"), ("--pin=40718253",)])
def test_a_pin_on_the_command_line_is_refused_saying_how_instead(
    args: tuple[str, ...], pin: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main([*args, *pin, "--db", "/nonexistent/bench.sqlite"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "argument --pin: a PIN is never given on the command line" in err
    assert "--pin-stdin" in err and "--pin-file FILE" in err


def test_the_real_command_refuses_it_and_records_nothing(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "bench.sqlite"
    cli("aed", "import", TEST_DATA / "good.xml", "--db", db)
    with Store(db) as store:
        account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
        # it releases a clear parcel on sight (tests/packs.py says why)
        boss = account(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574")
        load_rule_pack(store, boss, no_random_exams(tmp_path))
    signed = ("record", "RR473124829GB", "--outcome", "released", "--officer", "O1001")
    refused = cli(*signed, "--pin", "40718253", "--db", db, expect=2)
    assert "a PIN is never given on the command line" in refused.stderr
    no_tty = cli(*signed, "--db", db, expect=2)  # no terminal to ask on, no option: told which
    assert no_tty.stderr == (
        "parcelbench: a PIN is needed and there is no terminal to ask on: use --pin-stdin "
        "(one line on stdin) or --pin-file FILE\n"
    )
    assert cli("db", "info", "--db", db, "--json").json()["tables"]["inspections"] == 0
    by_file = cli(*signed, "--pin-file", pin_file(tmp_path, "40718253"), "--db", db)
    assert by_file.stdout == "RR473124829GB: released\n"


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_secret_options(parser)
    return parser.parse_args(list(argv))


def test_read_from_stdin_one_line_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("63920574\r\n40718253\n"))
    args = _args("--pin-stdin")
    assert read_secret(args) == "63920574"
    assert read_secret(args) == "40718253"
    with pytest.raises(CliError, match="no PIN in stdin"):
        read_secret(args)


def test_read_from_a_file_only_its_owner_can_read(tmp_path: Path) -> None:
    path = pin_file(tmp_path, "40718253")
    assert read_secret(_args("--pin-file", str(path))) == "40718253"
    path.chmod(0o644)
    with pytest.raises(CliError, match=r"can be read by other users \(mode 0644\).*chmod 600"):
        read_secret(_args("--pin-file", str(path)))
    with pytest.raises(CliError, match="no such file"):
        read_secret(_args("--pin-file", str(tmp_path / "absent")))


def test_asked_on_the_terminal_without_echo(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked: list[str] = []
    monkeypatch.setattr("sys.stdin", Tty())
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "40718253")
    assert read_secret(_args(), prompt="PIN of O1001: ") == "40718253"
    assert asked == ["PIN of O1001: "]


def test_stdin_and_file_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _args("--pin-stdin", "--pin-file", "x")
    assert "not allowed with argument" in capsys.readouterr().err
