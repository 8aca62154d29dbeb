"""`--help` works, and bad options fail with usage, on every command the parser knows.

The command paths are read from `build_parser()` itself, so a command added later is covered
without touching this file.
"""

from __future__ import annotations

import argparse

import pytest

from parcelbench.cli import build_parser
from tests.cli.conftest import Cli

CommandPath = tuple[str, ...]


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def command_tree(
    parser: argparse.ArgumentParser, path: CommandPath = ()
) -> dict[CommandPath, argparse.ArgumentParser]:
    """Every (sub-)command path, root first, mapped to its parser."""
    tree = {path: parser}
    for name, child in _subparsers(parser).items():
        tree.update(command_tree(child, (*path, name)))
    return tree


TREE = command_tree(build_parser())
PATHS = sorted(TREE)


def path_id(path: CommandPath) -> str:
    return " ".join(path) or "(root)"


def test_walk_finds_the_documented_commands() -> None:
    """Guards the walker: if it found nothing, every test below would pass vacuously."""
    expected = {
        (),
        ("id",),
        ("aed",),
        ("aed", "import"),
        ("aed", "show"),
        ("demo-data",),
        ("demo",),
        ("db",),
        ("db", "info"),
        ("audit",),
        ("audit", "verify"),
    }
    assert expected <= set(PATHS)


def test_every_leaf_has_a_handler() -> None:
    """A leaf without `set_defaults(handler=…)` would crash with AttributeError in main()."""
    for path, parser in TREE.items():
        if not _subparsers(parser):
            assert parser.get_default("handler") is not None, path_id(path)


@pytest.mark.parametrize("path", PATHS, ids=path_id)
def test_help(cli: Cli, path: CommandPath) -> None:
    run = cli(*path, "--help")
    assert run.stderr == ""
    assert run.stdout.startswith(f"usage: {' '.join(('parcelbench', *path))}"), run.stdout
    for action in TREE[path]._actions:
        long_options = [o for o in action.option_strings if o.startswith("--")]
        if long_options and action.help != argparse.SUPPRESS:
            assert long_options[0] in run.stdout, (path_id(path), long_options[0])
    for name in _subparsers(TREE[path]):
        assert name in run.stdout, (path_id(path), name)


@pytest.mark.parametrize("path", PATHS, ids=path_id)
def test_unknown_option_gets_usage_and_exit_2(cli: Cli, path: CommandPath) -> None:
    run = cli(*path, "--no-such-option", expect=2)
    assert run.stdout == ""
    assert run.stderr.startswith("usage: parcelbench"), run.stderr
    assert "error:" in run.stderr
