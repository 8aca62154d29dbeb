"""Run the real `parcelbench` command in a child process, in a sandbox under tmp_path.

Why a child process: the CLI's promises (exit codes, one-line errors, never a traceback, what
lands on stdout vs stderr, the default database folder) are only true of the installed command
as a user runs it, not of `main()` called in-process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from parcelbench.aed.writers import write

#: Variables that would let the developer's own setup leak into a test.
SCRUBBED_ENV = (
    "PARCELBENCH_DB",
    "PARCELBENCH_DATA_DIR",
    "PARCELBENCH_HQ_DB",
    "PARCELBENCH_RESOURCES",
    "PARCELBENCH_DEBUG",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
)
TIMEOUT_S = 120


@dataclass(frozen=True)
class Result:
    """One finished run: exit code and both streams, stdout checked to be UTF-8."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes

    def json(self) -> Any:
        return json.loads(self.stdout)

    def describe(self) -> str:
        return (
            f"parcelbench {' '.join(self.args)} -> exit {self.code}\n"
            f"--- stdout ---\n{self.stdout[:4000]}\n--- stderr ---\n{self.stderr[:4000]}"
        )


class Cli:
    """Runs `python -m parcelbench` with HOME and the XDG data folder inside tmp_path."""

    def __init__(self, root: Path) -> None:
        self.home = root / "home"
        self.xdg_data = root / "xdg-data"
        self.cwd = root / "work"
        for folder in (self.home, self.xdg_data, self.cwd):
            folder.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV}
        env.update(HOME=str(self.home), XDG_DATA_HOME=str(self.xdg_data))
        self.env = env

    @property
    def default_data_dir(self) -> Path:
        """Where platformdirs puts ParcelBench's data on Linux with XDG_DATA_HOME set."""
        return self.xdg_data / "ParcelBench"

    def run(
        self,
        *args: str | int | os.PathLike[str],
        expect: int | None = 0,
        env: Mapping[str, str | None] | None = None,
        command: list[str] | None = None,
        input: str | None = None,
    ) -> Result:
        """Run once; `expect` is the exact exit code (None: any). Never a traceback."""
        argv = tuple(str(a) for a in args)
        full_env = dict(self.env)
        for key, value in (env or {}).items():
            if value is None:
                full_env.pop(key, None)
            else:
                full_env[key] = value
        proc = subprocess.run(
            [*(command or [sys.executable, "-m", "parcelbench"]), *argv],
            cwd=self.cwd,
            env=full_env,
            stdin=None if input is not None else subprocess.DEVNULL,
            input=input.encode("utf-8") if input is not None else None,
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
        )
        result = Result(
            argv,
            proc.returncode,
            proc.stdout.decode("utf-8", errors="replace"),
            proc.stderr.decode("utf-8", errors="replace"),
            proc.stdout,
        )
        assert "Traceback" not in result.stderr, result.describe()
        assert "Traceback" not in result.stdout, result.describe()
        if expect is not None:
            assert result.code == expect, result.describe()
        # JSON and AED on stdout are for other programs: they must be valid UTF-8.
        proc.stdout.decode("utf-8")
        return result

    __call__ = run


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database path that does not exist yet (the CLI creates it)."""
    return tmp_path / "bench.sqlite"


def write_aed(path: Path, fmt: str, items: list[dict[str, Any]]) -> Path:
    """Write items with the project's own writers, so the file is what partners send."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        write(fmt, items, fh)
    return path


def write_jsonl(path: Path, items: list[dict[str, Any]]) -> Path:
    """Raw JSON Lines, for shapes the writers would not produce (unknown fields)."""
    path.write_text(
        "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8"
    )
    return path
