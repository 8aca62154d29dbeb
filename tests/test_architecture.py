"""Import contracts, checked from the source with `ast` (what import-linter would enforce).

Why: the core (ids, domain, aed, risk, store) must run headless on a server and in the HQ
service, so it may not touch Qt or OpenCV; ids and domain stay pure so every layer can use them;
and every SQL statement lives in `parcelbench.store`, so the schema, the transactions that
protect evidence and the audit chain have exactly one owner. Inside the store no two modules
import each other (counting imports inside functions), so its modules can be read, and
changed, from the bottom up.

The layers, bottom up: ids and domain (pure); aed, risk, store; services (the bench's one door
to its store); sync; ui and cli on top. The window and the CLI reach data only through
services, never the store; services know nothing of sync or the window; HQ is another
program and shares only the pure modules (ids, domain: the records and the audit chain hash).
No two modules anywhere in src import each other, however indirectly.
"""

from __future__ import annotations

import ast
import importlib.util
import itertools
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

SRC = PROJECT_ROOT / "src"
PACKAGE = SRC / "parcelbench"
CORE = ("ids", "domain", "aed", "risk", "store")
REQUIRED = ("ids", "domain", "aed", "store")

GUI = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "cv2")
SQLITE = ("sqlite3", "sqlite_utils")
SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)\b")
DYNAMIC_IMPORTERS = ("import_module", "__import__")


@dataclass(frozen=True)
class Module:
    """One parsed source file, named the way Python imports it."""

    name: str
    path: Path
    tree: ast.Module

    @property
    def package(self) -> str:
        """The package relative imports resolve against."""
        return self.name if self.path.name == "__init__.py" else self.name.rpartition(".")[0]

    @property
    def where(self) -> str:
        return f"{self.name} ({self.path.relative_to(PROJECT_ROOT).as_posix()})"


@dataclass(frozen=True)
class Import:
    target: str
    line: int


def parse_module(name: str, source: str, path: Path) -> Module:
    return Module(name, path, ast.parse(source, filename=str(path)))


def load(path: Path) -> Module:
    parts = path.relative_to(SRC).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return parse_module(".".join(parts), path.read_text(encoding="utf-8"), path)


def modules_in(*packages: str) -> list[Module]:
    """Every module of the given sub-packages of parcelbench (missing ones yield nothing)."""
    found: list[Module] = []
    for package in packages:
        root = PACKAGE / package
        if root.is_dir():
            found.extend(load(p) for p in sorted(root.rglob("*.py")))
    return found


def all_modules() -> list[Module]:
    return [load(p) for p in sorted(PACKAGE.rglob("*.py"))]


def _from_base(node: ast.ImportFrom, module: Module) -> str:
    """The absolute module a `from … import` statement imports from (relative ones resolved)."""
    if node.level:
        return importlib.util.resolve_name("." * node.level + (node.module or ""), module.package)
    return node.module or ""


def _dynamic_target(node: ast.Call) -> str | None:
    """The module named by `importlib.import_module("…")` / `__import__("…")`, if constant."""
    if not node.args:
        return None
    func = node.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    first = node.args[0]
    if called in DYNAMIC_IMPORTERS and isinstance(first, ast.Constant):
        return first.value if isinstance(first.value, str) else None
    return None


def imports(module: Module) -> Iterator[Import]:
    """Absolute names a module imports: plain, from-, relative, and importlib with a constant.

    `from parcelbench import store` yields both `parcelbench` and `parcelbench.store`, because
    the imported name may be a sub-module. Imports under `if TYPE_CHECKING:` count too.
    """
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = _from_base(node, module)
            yield Import(base, node.lineno)
            for alias in node.names:
                if alias.name != "*":
                    yield Import(f"{base}.{alias.name}", node.lineno)
        elif isinstance(node, ast.Call) and (target := _dynamic_target(node)) is not None:
            yield Import(target, node.lineno)


def matches(target: str, forbidden: str) -> bool:
    return target == forbidden or target.startswith(forbidden + ".")


def import_violations(modules: Iterable[Module], forbidden: Iterable[str], why: str) -> list[str]:
    """One message per offending import, naming the module, line and imported name."""
    rules = tuple(forbidden)
    found: list[str] = []
    for module in modules:
        seen: set[tuple[str, int]] = set()
        for imp in imports(module):
            for rule in rules:
                if matches(imp.target, rule) and (rule, imp.line) not in seen:
                    seen.add((rule, imp.line))
                    found.append(f"{module.where} line {imp.line} imports {imp.target} ({why})")
    return found


def _docstrings(tree: ast.Module) -> set[int]:
    """ids of docstring nodes: prose about SQL is not SQL."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
        ):
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def sql_violations(modules: Iterable[Module]) -> list[str]:
    """String constants (f-string parts included) that look like an SQL statement."""
    found: list[str] = []
    for module in modules:
        skip = _docstrings(module.tree)
        for node in ast.walk(module.tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and (hit := SQL.search(node.value))
            ):
                found.append(
                    f"{module.where} line {node.lineno} holds SQL ({hit.group(0)!r} in "
                    f"{node.value[:60]!r}); SQL belongs in parcelbench.store"
                )
    return found


def outside_store() -> list[Module]:
    """Modules that must hold no SQL: all but the bench's store and HQ's own database layer.

    `parcelbench.hq.storage` owns HQ's database (another schema, on SQLite or PostgreSQL, never
    a bench's file), so it is the one other owner of SQL; the rest of `hq` is checked as usual.
    """
    owners = (PACKAGE / "store", PACKAGE / "hq" / "storage")
    return [m for m in all_modules() if not any(o in m.path.parents for o in owners)]


def report(violations: list[str]) -> str:
    return "\n".join(violations)


def _owner(target: str, known: Collection[str]) -> str | None:
    """The module of `known` whose code importing `target` runs: itself or its nearest parent."""
    name = target
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def module_imports(module: Module, known: Collection[str]) -> Iterator[Import]:
    """The modules of `known` a module imports, from every import statement in its AST.

    Module level, inside functions and methods, under `if TYPE_CHECKING:`, and importlib with a
    constant: an import hidden in a function still ties two modules together. `from p import n`
    imports the module `p.n` when there is one, else `p` itself (n is a name defined in p).
    """
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ImportFrom):
            base = _from_base(node, module)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found = sub if sub in known else _owner(base, known)
                if found is not None:
                    yield Import(found, node.lineno)
        else:
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.Call) and (target := _dynamic_target(node)) is not None:
                targets = [target]
            else:
                continue
            for name in targets:
                if (found := _owner(name, known)) is not None:
                    yield Import(found, node.lineno)


def import_graph(modules: Iterable[Module]) -> dict[str, dict[str, int]]:
    """Module name -> {module it imports: line of the first such import}, among `modules`."""
    found = list(modules)
    known = {m.name for m in found}
    graph: dict[str, dict[str, int]] = {m.name: {} for m in found}
    for module in found:
        for imp in module_imports(module, known):
            if imp.target != module.name:
                graph[module.name].setdefault(imp.target, imp.line)
    return graph


def _cycles(graph: dict[str, dict[str, int]]) -> list[tuple[list[str], list[str]]]:
    """Each set of modules that import each other (Tarjan's strongly connected components),
    with the shortest cycle through its first module."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in order:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], order[other])
        if low[node] == order[node]:
            component: list[str] = []
            while not component or component[-1] != node:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in order:
            visit(node)
    cycles: list[tuple[list[str], list[str]]] = []
    for component in components:
        start, members = min(component), set(component)
        paths: dict[str, list[str]] = {start: [start]}
        queue = [start]
        while queue and start not in paths[start][1:]:
            node = queue.pop(0)
            for other in sorted(graph[node]):
                if other == start:
                    paths[start] = [*paths[node], start]
                    break
                if other in members and other not in paths:
                    paths[other] = [*paths[node], other]
                    queue.append(other)
        cycles.append((sorted(component), paths[start]))
    return sorted(cycles)


def cycle_violations(modules: Iterable[Module]) -> list[str]:
    """One message per import cycle, naming each import in it with its line."""
    graph = import_graph(modules)
    found: list[str] = []
    for members, cycle in _cycles(graph):
        steps = " -> ".join(
            f"{a} (line {graph[a][b]} imports {b})" for a, b in itertools.pairwise(cycle)
        )
        found.append(f"import cycle among {', '.join(members)}: {steps}")
    return found


# -- layer order --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LayerRule:
    """Modules of `packages` may not import any of `forbidden` (nor their sub-modules)."""

    packages: tuple[str, ...]
    forbidden: tuple[str, ...]
    why: str

    def covers(self, module: Module) -> bool:
        return any(matches(module.name, f"parcelbench.{p}") for p in self.packages)

    def violations(self, modules: Iterable[Module]) -> list[str]:
        return import_violations([m for m in modules if self.covers(m)], self.forbidden, self.why)


LAYER_RULES = {
    "ui and cli never import the store": LayerRule(
        ("ui", "cli"),
        ("parcelbench.store",),
        "the window and the CLI reach data only through parcelbench.services",
    ),
    "services import neither sync nor ui": LayerRule(
        ("services",),
        ("parcelbench.sync", "parcelbench.ui", "parcelbench.cli"),
        "services are below sync and the window; they are called, they never call up",
    ),
}


def connection_uses(modules: Iterable[Module]) -> list[str]:
    """Every `.conn` (a store's raw SQLite connection) touched by the given modules."""
    return [
        f"{module.where} line {node.lineno} uses .conn (the raw connection belongs to the "
        "store; ask a service)"
        for module in modules
        for node in ast.walk(module.tree)
        if isinstance(node, ast.Attribute) and node.attr == "conn"
    ]


#: What HQ may import of the bench's package: the pure shared modules, and the readers it
#: checks a file with before publishing it (an AED file's format, a rule pack), the very ones
#: every bench reads them with.
HQ_ALLOWED = (
    "parcelbench.hq",
    "parcelbench.domain",
    "parcelbench.ids",
    "parcelbench.aed.source",
    "parcelbench.aed.errors",
    "parcelbench.risk.pack",
    "parcelbench.risk.entities",
)
#: What nothing HQ loads may reach, however indirectly: the bench's own program.
BENCH_ONLY = tuple(
    f"parcelbench.{p}" for p in ("store", "services", "sync", "ui", "cli", "reports", "scan")
)


def reached(graph: dict[str, dict[str, int]], start: Iterable[str]) -> dict[str, list[str]]:
    """Every module loaded from `start`, with one chain of imports that loads it."""
    chains = {name: [name] for name in start}
    queue = list(chains)
    while queue:
        name = queue.pop(0)
        for other in sorted(graph[name]):
            if other not in chains:
                chains[other] = [*chains[name], other]
                queue.append(other)
    return chains


def hq_reach_violations(modules: Iterable[Module]) -> list[str]:
    """Bench-only modules loaded, through any chain of imports, by a module of HQ."""
    graph = import_graph(modules)
    hq = [name for name in graph if matches(name, "parcelbench.hq")]
    return [
        f"HQ loads {name} ({' -> '.join(chain)}); HQ must run without the bench's program"
        for name, chain in sorted(reached(graph, hq).items())
        if any(matches(name, b) for b in BENCH_ONLY)
    ]


def hq_violations(modules: Iterable[Module]) -> list[str]:
    """Imports by `parcelbench.hq` of any module of parcelbench outside `HQ_ALLOWED`.

    Each import is resolved to the module it loads (`from parcelbench import __version__` is
    the package itself, allowed; `from parcelbench import store` is the store, refused).
    """
    found_modules = list(modules)
    known = {m.name for m in [*all_modules(), *found_modules]}
    found: list[str] = []
    for module in found_modules:
        if not matches(module.name, "parcelbench.hq"):
            continue
        seen: set[tuple[str, int]] = set()
        for imp in module_imports(module, known | {module.name}):
            if imp.target == "parcelbench" or (imp.target, imp.line) in seen:
                continue
            seen.add((imp.target, imp.line))
            if not any(matches(imp.target, a) for a in HQ_ALLOWED):
                found.append(
                    f"{module.where} line {imp.line} imports {imp.target} (HQ shares only the "
                    "pure modules and the file readers with the bench; see HQ_ALLOWED)"
                )
    return found


# -- the contracts ------------------------------------------------------------------------------


@pytest.mark.parametrize("package", REQUIRED)
def test_core_packages_exist(package: str) -> None:
    """A renamed package would make every contract below pass on nothing."""
    assert modules_in(package), f"src/parcelbench/{package} has no modules"


def test_core_is_qt_and_gui_free() -> None:
    modules = modules_in(*CORE)
    assert report(import_violations(modules, GUI, "the core must run headless")) == ""


@pytest.mark.parametrize("package", ["ids", "domain"])
def test_ids_and_domain_are_pure(package: str) -> None:
    forbidden = (*SQLITE, "lxml", "parcelbench.store", "parcelbench.aed", "parcelbench.cli")
    why = f"parcelbench.{package} is the innermost layer"
    assert report(import_violations(modules_in(package), forbidden, why)) == ""


def test_aed_reaches_the_database_only_through_store() -> None:
    why = "use parcelbench.store"
    assert report(import_violations(modules_in("aed"), SQLITE, why)) == ""


def test_no_sqlite_import_outside_store() -> None:
    modules = outside_store()
    assert any(m.name == "parcelbench.cli" for m in modules)
    assert report(import_violations(modules, SQLITE, "only parcelbench.store opens SQLite")) == ""


def test_no_sql_outside_store() -> None:
    assert report(sql_violations(outside_store())) == ""


def test_the_sql_pattern_does_find_the_stores_sql() -> None:
    """Guards the regex: if it stopped matching real SQL, 'no SQL outside store' would be empty."""
    assert sql_violations(modules_in("store"))


def test_store_has_no_import_cycle() -> None:
    """Every store module can be read, and changed, without the ones that build on it.

    From every import in the AST, those inside functions included: evidence once imported
    holds and network inside functions because they imported evidence — a loop all the same.
    """
    modules = modules_in("store")
    graph = import_graph(modules)
    assert "parcelbench.store.holds" in graph["parcelbench.store.evidence"]  # the graph sees
    assert report(cycle_violations(modules)) == ""


@pytest.mark.parametrize("rule", sorted(LAYER_RULES))
def test_layer_order(rule: str) -> None:
    modules = all_modules()
    assert any(LAYER_RULES[rule].covers(m) for m in modules), f"{rule}: covers no module"
    assert report(LAYER_RULES[rule].violations(modules)) == ""


def test_ui_and_cli_never_touch_the_raw_connection() -> None:
    assert report(connection_uses(modules_in("ui", "cli"))) == ""


def test_hq_imports_only_the_pure_shared_modules() -> None:
    modules = all_modules()
    assert any(matches(m.name, "parcelbench.hq.publish") for m in modules)
    assert report(hq_violations(modules)) == ""


def test_nothing_hq_loads_reaches_the_bench_program() -> None:
    modules = all_modules()
    graph = import_graph(modules)
    hq = [name for name in graph if matches(name, "parcelbench.hq")]
    assert "parcelbench.aed.xml_reader" in reached(graph, hq)  # through aed.source
    assert report(hq_reach_violations(modules)) == ""


def test_src_has_no_import_cycle() -> None:
    """No two modules of src import each other, directly or through others, counting the
    imports inside functions: each layer can be read, tested and changed without the ones
    above it."""
    modules = all_modules()
    graph = import_graph(modules)
    assert "parcelbench.services.bench" in graph["parcelbench.ui.main_window"]  # the graph sees
    assert report(cycle_violations(modules)) == ""


# -- the checker catches what it should ---------------------------------------------------------

SYNTHETIC = '''\
"""A docstring may say SELECT and DELETE FROM freely."""
import sqlite3
import PySide6.QtWidgets
from lxml import etree
from ..store import Store
from .. import cli
import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parcelbench.aed.importer import ImportReport

ui = importlib.import_module("cv2")
QUERY = "SELECT item_id FROM aed_items"
NEST = f"DELETE FROM {QUERY} WHERE 1"


def f() -> None:
    """Nor is UPDATE x SET y here a statement."""
'''

CLEAN = '''\
"""Pure: dates and a docstring that mentions CREATE TABLE."""
from __future__ import annotations

import re
from parcelbench.domain.clock import utc_now_iso
from . import canonical

NOTE = "select the file, then update it"
'''


def synthetic(source: str) -> Module:
    path = PACKAGE / "domain" / "synthetic.py"  # named as if it lived in domain/
    return parse_module("parcelbench.domain.synthetic", source, path)


def test_checker_catches_every_kind_of_violation() -> None:
    module = synthetic(SYNTHETIC)
    gui = import_violations([module], GUI, "x")
    assert [v.split(" imports ")[1].split()[0] for v in gui] == ["PySide6.QtWidgets", "cv2"]
    pure = import_violations(
        [module],
        (*SQLITE, "lxml", "parcelbench.store", "parcelbench.aed", "parcelbench.cli"),
        "innermost layer",
    )
    text = report(pure)
    assert "parcelbench.domain.synthetic (src/parcelbench/domain/synthetic.py) line 2" in text
    for name in ("sqlite3", "lxml", "parcelbench.store", "parcelbench.cli", "parcelbench.aed"):
        assert f"imports {name}" in text, (name, text)
    sql = sql_violations([module])
    assert len(sql) == 2, sql
    assert "line 14 holds SQL ('SELECT'" in sql[0]
    assert "line 15 holds SQL ('DELETE FROM'" in sql[1]


def test_checker_passes_a_clean_module() -> None:
    module = synthetic(CLEAN)
    forbidden = (*GUI, *SQLITE, "lxml", "parcelbench.store", "parcelbench.aed", "parcelbench.cli")
    assert import_violations([module], forbidden, "x") == []
    assert sql_violations([module]) == []
    targets = {i.target for i in imports(module)}
    assert {"parcelbench.domain.canonical", "parcelbench.domain.clock"} <= targets


CYCLE_ALPHA = '''\
"""Imports its partner only inside a function, as store.evidence once did."""
from parcelbench.store.db import Store


def later(store: Store) -> None:
    from .beta import helper

    helper(store)
'''

CYCLE_BETA = """\
from parcelbench.store import Store, alpha


def helper(store: Store) -> None:
    alpha.later(store)
"""


def planted(name: str, source: str) -> Module:
    return parse_module(f"parcelbench.store.{name}", source, PACKAGE / "store" / f"{name}.py")


def test_a_planted_import_cycle_is_reported() -> None:
    alpha, beta = planted("alpha", CYCLE_ALPHA), planted("beta", CYCLE_BETA)
    found = cycle_violations([*modules_in("store"), alpha, beta])
    assert found == [
        "import cycle among parcelbench.store.alpha, parcelbench.store.beta: "
        "parcelbench.store.alpha (line 6 imports parcelbench.store.beta) -> "
        "parcelbench.store.beta (line 1 imports parcelbench.store.alpha)"
    ], found
    graph = import_graph([*modules_in("store"), alpha, beta])
    assert graph["parcelbench.store.beta"] == {"parcelbench.store": 1, "parcelbench.store.alpha": 1}
    assert graph["parcelbench.store.alpha"] == {
        "parcelbench.store.db": 2,
        "parcelbench.store.beta": 6,
    }


def test_a_one_way_import_is_not_a_cycle() -> None:
    alpha = planted("alpha", CYCLE_ALPHA)
    beta = planted("beta", CYCLE_BETA.replace(", alpha", "").replace("alpha.later", "print"))
    assert cycle_violations([*modules_in("store"), alpha, beta]) == []


# -- each layer rule fails on a planted violation -----------------------------------------------


def planted_in(package: str, name: str, source: str) -> Module:
    """A module as if it were src/parcelbench/<package>/<name>.py."""
    path = PACKAGE / package / f"{name}.py"
    return parse_module(f"parcelbench.{package}.{name}", source, path)


PLANTED_LAYER_IMPORTS = {
    "ui and cli never import the store": [
        ("ui", "from parcelbench.store.aed import search\n", "parcelbench.store.aed"),
        (
            "cli",
            "def run() -> None:\n    from parcelbench import store\n",
            "parcelbench.store",
        ),
    ],
    "services import neither sync nor ui": [
        ("services", "from parcelbench.sync.loop import SyncLoop\n", "parcelbench.sync.loop"),
        ("services", "import parcelbench.ui.main_window\n", "parcelbench.ui.main_window"),
    ],
}


@pytest.mark.parametrize("rule", sorted(LAYER_RULES))
def test_a_planted_layer_violation_is_reported(rule: str) -> None:
    clean = LAYER_RULES[rule].violations(all_modules())
    for package, source, target in PLANTED_LAYER_IMPORTS[rule]:
        module = planted_in(package, "planted", source)
        found = LAYER_RULES[rule].violations([*all_modules(), module])
        new = [v for v in found if v not in clean]
        assert len(new) == 1 and f"parcelbench.{package}.planted" in new[0], new
        assert f"imports {target} " in new[0], new


def test_a_layer_rule_leaves_other_layers_alone() -> None:
    """The store may import the store; a rule is about the packages it names."""
    module = planted_in("store", "planted", "from parcelbench.store.aed import search\n")
    assert LAYER_RULES["ui and cli never import the store"].violations([module]) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("from parcelbench.store import Store\n", "parcelbench.store"),
        ("from parcelbench import services\n", "parcelbench.services"),
        ("def f() -> None:\n    import parcelbench.sync.engine\n", "parcelbench.sync.engine"),
        ("from parcelbench.risk.engine import RiskEngine\n", "parcelbench.risk.engine"),
        ("from parcelbench.aed.importer import import_files\n", "parcelbench.aed.importer"),
        ("from ..reports import seizure\n", "parcelbench.reports.seizure"),
    ],
)
def test_a_planted_hq_import_is_reported(source: str, target: str) -> None:
    module = planted_in("hq", "planted", source)
    found = hq_violations([module])
    assert len(found) == 1 and f"imports {target} " in found[0], found


def test_hq_may_import_the_shared_pure_modules() -> None:
    source = (
        "from parcelbench import __version__\n"
        "from parcelbench.domain.chain import entry_hash\n"
        "from parcelbench.ids import parse\n"
        "from parcelbench.risk.pack import load_pack\n"
        "from . import storage\n"
    )
    assert hq_violations([planted_in("hq", "planted", source)]) == []


def test_a_planted_cycle_across_layers_is_reported() -> None:
    """services.bench importing the window inside a function closes a loop through the
    window's own import of services.bench: reported, with both lines."""
    modules = all_modules()
    bench = next(m for m in modules if m.name == "parcelbench.services.bench")
    source = bench.path.read_text(encoding="utf-8")
    source += "\n\ndef _planted() -> None:\n    from parcelbench.ui import main_window\n"
    tampered = parse_module(bench.name, source, bench.path)
    found = cycle_violations([tampered if m is bench else m for m in modules])
    assert len(found) == 1, found
    assert "parcelbench.services.bench" in found[0] and "parcelbench.ui.main_window" in found[0]
    assert "imports parcelbench.ui.main_window" in found[0]


def test_a_bench_module_reached_through_an_allowed_reader_is_reported() -> None:
    """An allowed reader that came to import the store would bring the store into HQ: the
    reach rule names the chain."""
    modules = all_modules()
    pack = next(m for m in modules if m.name == "parcelbench.risk.pack")
    source = pack.path.read_text(encoding="utf-8") + "\n\nfrom parcelbench.store import db\n"
    tampered = parse_module(pack.name, source, pack.path)
    found = hq_reach_violations([tampered if m is pack else m for m in modules])
    assert any(
        v.startswith("HQ loads parcelbench.store.db (") and "parcelbench.risk.pack -> " in v
        for v in found
    ), found


def test_a_planted_connection_use_is_reported() -> None:
    source = "def count(desk) -> int:\n    return desk.store.conn.execute('x').fetchone()[0]\n"
    found = connection_uses([planted_in("cli", "planted", source)])
    assert found == [
        "parcelbench.cli.planted (src/parcelbench/cli/planted.py) line 2 uses .conn (the raw "
        "connection belongs to the store; ask a service)"
    ]
