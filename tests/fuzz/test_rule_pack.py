"""Fuzz the rule-pack loader: any file gives a `RulePack` or a `PackError`, nothing else.

`load_pack` documents one error, `PackError` (a `ValueError`) naming the file, rule and field;
a pack HQ analysts edit by hand must never crash the bench that loads it.
"""

from __future__ import annotations

import contextlib
import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcelbench.resources import resource
from parcelbench.risk.pack import KINDS, PackError, RulePack, load_pack, parse_pack
from tests.fuzz.common import fuzz, json_values, mutated, no_hang

DEFAULT = Path(resource("rules", "default.toml")).read_bytes()
DEFAULT_DATA = tomllib.loads(DEFAULT.decode("utf-8"))
KEYS = sorted(
    {"pack", "rules", "name", "version", "thresholds", "examine", "detain", "usd_per_unit"}
    | {"id", "title", "severity", "score", "rationale", "kind", "enabled", "keywords"}
    | {"fields", "context", "weak_keywords", "exclude", "hs_prefixes", "countries", *KINDS}
    | {"format", "source", "source_date", "entries", "aed_waivers", "from", "until", "waived"}
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("packs")


def load_or_refuse(path: Path) -> RulePack | None:
    """The pack, or None when `PackError` (the one documented error) refused it."""
    with no_hang(10):
        try:
            pack = load_pack(path)
        except PackError as exc:
            assert str(exc).startswith(path.name), exc
            return None
    assert isinstance(pack, RulePack) and pack.detain > pack.examine
    return pack


def _write(folder: Path, data: bytes) -> Path:
    path = folder / "pack.toml"
    path.write_bytes(data)
    return path


def test_the_shipped_pack_loads() -> None:
    pack = load_pack(resource("rules", "default.toml"))
    assert pack.rules and pack.name == DEFAULT_DATA["pack"]["name"]


@fuzz()
@given(st.binary(max_size=2048) | st.text(max_size=1024).map(str.encode))
def test_arbitrary_files_load_or_are_refused(folder: Path, data: bytes) -> None:
    load_or_refuse(_write(folder, data))


toml_scalars = st.one_of(
    st.integers(-(2**63), 2**63 - 1).map(str),
    st.floats(allow_nan=True).map(lambda f: repr(f).replace("inf", "inf").replace("nan", "nan")),
    st.sampled_from(("true", "false", "1979-05-27", "07:32:00", "1979-05-27T07:32:00Z")),
    st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.sampled_from(('"[a-"', '"(?P<x"', '"(a+)+$"', '"12"', '"critical"', '"keywords"', "[]")),
)
toml_lines = st.one_of(
    st.tuples(st.sampled_from(KEYS), toml_scalars).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    st.tuples(st.sampled_from(KEYS), st.lists(toml_scalars, max_size=4)).map(
        lambda kv: f"{kv[0]} = [{', '.join(kv[1])}]"
    ),
    st.sampled_from(("[pack]", "[pack.thresholds]", "[pack.usd_per_unit]", "[[rules]]", "[x]")),
    st.text(max_size=30),
)


@fuzz()
@given(st.lists(toml_lines, max_size=30))
def test_toml_ish_text_loads_or_is_refused(folder: Path, lines: list[str]) -> None:
    load_or_refuse(_write(folder, "\n".join(lines).encode("utf-8", "surrogatepass")))


@fuzz()
@given(mutated(DEFAULT, max_edits=6))
def test_mutated_default_pack_loads_or_is_refused(folder: Path, data: bytes) -> None:
    load_or_refuse(_write(folder, data))


@st.composite
def line_edits(draw: st.DrawFn) -> bytes:
    """The default pack with whole lines deleted, duplicated or swapped (as hand edits do)."""
    lines = DEFAULT.split(b"\n")
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(("delete", "duplicate", "swap")))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


@fuzz()
@given(line_edits())
def test_line_edits_of_the_default_pack_load_or_are_refused(folder: Path, data: bytes) -> None:
    load_or_refuse(_write(folder, data))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in a decoded TOML document (tables and arrays)."""
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


PATHS = _paths(DEFAULT_DATA)


@fuzz()
@given(st.lists(st.tuples(st.sampled_from(PATHS), json_values | st.just(...)), max_size=4))
def test_any_value_anywhere_in_the_default_pack_parses_or_is_refused(
    edits: list[tuple[tuple[Any, ...], Any]],
) -> None:
    """The decoded default pack with values replaced by any type (`...`: the key removed)."""
    data = copy.deepcopy(DEFAULT_DATA)
    for path, value in edits:
        node: Any = data
        try:
            for key in path[:-1]:
                node = node[key]
            if value is ...:
                del node[path[-1]]
            else:
                node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced this path
    with no_hang(10), contextlib.suppress(PackError):
        parse_pack(data, "default.toml")
