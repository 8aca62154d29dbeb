"""Secrets a command needs (a PIN; later an HQ token): asked on the terminal, read from one line
of stdin, or from a file, never taken from the command line.

Why: a command line is visible to every user of the PC while the command runs (`ps`,
/proc/PID/cmdline) and stays in shell history afterwards; a PIN seen there is an account taken.
`--pin` itself is kept only to refuse it with the new way to give a PIN.

Each secret NAME gets `--NAME-stdin` and `--NAME-file FILE`; with neither, it is asked for
on the terminal (without echo), and a command without a terminal is told which option to use.
A secret file must be readable by its owner only (like ssh keys), or it is refused.
"""

from __future__ import annotations

import argparse
import getpass
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parcelbench.cli.errors import CliError

#: Longest secret line read (a passphrase is at most 128 characters; a token is shorter).
MAX_LINE = 4096


class _RefusedInArgv(argparse.Action):
    """`--NAME VALUE`: refused at parse time, saying how to give the secret instead."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        self.advice: str = kwargs.pop("advice")
        super().__init__(option_strings, dest, nargs="?", help=argparse.SUPPRESS)

    def __call__(self, parser: argparse.ArgumentParser, *_: object, **__: object) -> None:
        raise argparse.ArgumentError(self, self.advice)


def _flag(name: str) -> str:
    return name.replace("_", "-")


def add_secret_options(
    parser: argparse.ArgumentParser, name: str = "pin", label: str = "PIN"
) -> None:
    """`--NAME-stdin` and `--NAME-file FILE`; a plain `--NAME` is refused with the advice."""
    flag = _flag(name)
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        f"--{flag}-stdin",
        action="store_true",
        help=f"read the {label} from the first line of stdin (default: ask on the terminal)",
    )
    group.add_argument(
        f"--{flag}-file",
        metavar="FILE",
        help=f"read the {label} from the first line of FILE (readable by its owner only)",
    )
    parser.add_argument(
        f"--{flag}",
        dest=f"{name}_in_argv",
        action=_RefusedInArgv,
        advice=(
            f"a {label} is never given on the command line (other users and the shell history "
            f"see it): leave it out to be asked for it, or use --{flag}-stdin (one line on "
            f"stdin) or --{flag}-file FILE"
        ),
    )


def _first_line(text: str, where: str, label: str) -> str:
    line = text.split("\n", 1)[0].rstrip("\r")
    if not line:
        raise CliError(f"no {label} in {where} (its first line is empty)")
    return line


def _from_file(path: Path, label: str) -> str:
    try:
        with path.open("r", encoding="utf-8") as fh:
            if os.name == "posix":
                mode = stat.S_IMODE(os.fstat(fh.fileno()).st_mode)
                if mode & 0o077:
                    raise CliError(
                        f"{path} can be read by other users (mode {mode:04o}); a file holding a "
                        f"{label} must be its owner's only: chmod 600 {path}"
                    )
            text = fh.read(MAX_LINE)
    except FileNotFoundError:
        raise CliError(f"no such file: {path}") from None
    except UnicodeDecodeError:
        raise CliError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None
    return _first_line(text, str(path), label)


def read_secret(
    args: argparse.Namespace,
    name: str = "pin",
    *,
    label: str = "PIN",
    prompt: str | None = None,
    confirm: bool = False,
) -> str:
    """The secret NAME as the command was told to get it (see the module doc).

    `--NAME-stdin` reads the next line of stdin, so two secrets can come one line each.
    `confirm` asks twice on a terminal (a new PIN); it does not apply to stdin or a file.
    """
    if getattr(args, f"{name}_file", None):
        return _from_file(Path(getattr(args, f"{name}_file")), label)
    if getattr(args, f"{name}_stdin", False):
        return _first_line(sys.stdin.readline(MAX_LINE), "stdin", label)
    return ask(label, prompt=prompt, confirm=confirm, option=f"--{_flag(name)}")


def ask(label: str, *, prompt: str | None = None, confirm: bool = False, option: str = "") -> str:
    """Ask on the terminal, without echo; a command with no terminal is told what to use."""
    if not sys.stdin.isatty():
        how = (
            f"{option}-stdin (one line on stdin) or {option}-file FILE" if option else "a terminal"
        )
        raise CliError(f"a {label} is needed and there is no terminal to ask on: use {how}")
    secret = getpass.getpass(prompt or f"{label}: ")
    if not secret:
        raise CliError(f"no {label} given")
    if confirm and getpass.getpass(f"{label} again: ") != secret:
        raise CliError(f"the two {label}s differ")
    return secret
