"""Benchmark: recall and false positives of the active default rule pack on both labelled sets.

The two sets are reported apart because they measure different things. The author's set
(`tests/risk/labelled.py`) was written with the rules and is fitted to them. The casebook
(`tests/risk/casebook.py`) was written from public case descriptions by someone who had not
read the rules, and is kept out of tuning: it says how much of a real case the declaration
alone gives away.

The casebook is run twice:
* `isolated`: each case imported into a store of its own and assessed through the store's
  history, the way a bench sees it (a cluster case's parcels see each other);
* `one_day`: every case imported into one store, as if all arrived at one facility the same
  day. Its ordinary parcels reuse a small number of addressee addresses, so the volume rules
  see many senders per address there: a property of the set, reported, not tuned away.

A suspicious case counts as caught when any of its parcels is above `clear`; an ordinary case
is a false positive when any of its parcels is.

    python bench/labelled_sets.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.risk import casebook, labelled  # noqa: E402
from tests.risk.conftest import to_item  # noqa: E402

from parcelbench.aed.importer import import_files  # noqa: E402
from parcelbench.aed.writers import write_jsonl  # noqa: E402
from parcelbench.domain.risk import Assessment, Level  # noqa: E402
from parcelbench.risk.engine import RiskEngine  # noqa: E402
from parcelbench.store import Store  # noqa: E402
from parcelbench.store.aed import get_current  # noqa: E402
from parcelbench.store.history import StoreHistory  # noqa: E402


def _flagged(assessments: list[Assessment]) -> bool:
    return any(a.level is not Level.CLEAR for a in assessments)


def _assess_in(store: Store, engine: RiskEngine, items: list[dict[str, Any]]) -> list[Assessment]:
    history = StoreHistory(store.conn)
    found = []
    for data in items:
        stored = get_current(store.conn, data["item_id"])
        found.append(
            engine.assess(data["item_id"], stored.item if stored else None, history=history)
        )
    return found


def _import(store: Store, folder: Path, name: str, items: list[dict[str, Any]]) -> None:
    path = folder / f"{name}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(items, out)
    report = import_files(store, [path])
    if report.refused or report.results[0].rejections:
        raise SystemExit(f"{name}: the set's items were not imported whole")


def _score(
    cases: list[casebook.Case], results: dict[str, list[Assessment]], misses: bool
) -> dict[str, Any]:
    suspicious = [c for c in cases if c.label == casebook.SUSPICIOUS]
    ordinary = [c for c in cases if c.label == casebook.ORDINARY]
    caught = [c for c in suspicious if _flagged(results[c.id])]
    false = [c for c in ordinary if _flagged(results[c.id])]
    by_category: dict[str, list[int]] = {}
    for c in suspicious:
        row = by_category.setdefault(c.category, [0, 0])
        row[0] += _flagged(results[c.id])
        row[1] += 1
    out: dict[str, Any] = {
        "suspicious": len(suspicious),
        "caught": len(caught),
        "recall": round(len(caught) / len(suspicious), 3),
        "ordinary": len(ordinary),
        "false_positives": len(false),
        "false_positive_rate": round(len(false) / len(ordinary), 3),
        "by_category": {k: {"caught": v[0], "total": v[1]} for k, v in sorted(by_category.items())},
        "false_positive_rules": dict(
            Counter(
                f.rule
                for c in false
                for a in results[c.id]
                if a.level is not Level.CLEAR
                for f in a.flags
            ).most_common()
        ),
    }
    if misses:
        out["missed"] = [c.id for c in suspicious if c not in caught]
        out["false_positive_cases"] = [c.id for c in false]
    return out


def casebook_figures(engine: RiskEngine, work: Path, misses: bool) -> dict[str, Any]:
    cases = casebook.CASES
    isolated: dict[str, list[Assessment]] = {}
    for n, case in enumerate(cases):
        with Store(work / f"case-{n}.sqlite") as store:
            _import(store, work, f"case-{n}", case.items)
            isolated[case.id] = _assess_in(store, engine, case.items)
    with Store(work / "one-day.sqlite") as store:
        _import(store, work, "one-day", [item for case in cases for item in case.items])
        one_day = {case.id: _assess_in(store, engine, case.items) for case in cases}
    return {
        "isolated": _score(cases, isolated, misses),
        "one_day": _score(cases, one_day, misses),
    }


def author_figures(engine: RiskEngine) -> dict[str, Any]:
    """The author's set as its test assesses it: each parcel alone, without history."""

    def level(data: dict[str, Any]) -> Level:
        item = to_item(data)
        return engine.assess(item.item_id, item).level

    missed = sum(level(data) is Level.CLEAR for _, data in labelled.SUSPICIOUS)
    false = sum(level(data) is not Level.CLEAR for data in labelled.ORDINARY)
    return {
        "suspicious": len(labelled.SUSPICIOUS),
        "recall": round(1 - missed / len(labelled.SUSPICIOUS), 3),
        "ordinary": len(labelled.ORDINARY),
        "false_positives": false,
        "false_positive_rate": round(false / len(labelled.ORDINARY), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list missed and flagged case ids")
    args = parser.parse_args()
    engine = RiskEngine.default()
    with tempfile.TemporaryDirectory() as folder:
        out = {
            "rulepack": engine.rulepack,
            "author_set": author_figures(engine),
            "casebook": casebook_figures(engine, Path(folder), args.misses),
        }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
