"""Assessing parcels with the bench's active rule pack and its history.

The active pack is the one last loaded into this bench's store (from a file now, from HQ
later); a bench that never loaded one uses the pack that ships with ParcelBench. A pack that
fails validation is refused whole and the active one stays active.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from parcelbench.domain.risk import Assessment
from parcelbench.ids import parse as parse_id
from parcelbench.risk.engine import RiskEngine
from parcelbench.risk.pack import RulePack, default_pack, load_pack, parse_pack
from parcelbench.store import Store
from parcelbench.store.aed import get_current, iter_current
from parcelbench.store.network import StoreHistory
from parcelbench.store.rulepacks import activate_pack, active_pack


def active_engine(store: Store) -> RiskEngine:
    held = active_pack(store.conn)
    if held is None:
        return RiskEngine(default_pack())
    return RiskEngine(parse_pack(tomllib.loads(held.body), f"{held.name}@{held.version}"))


def load_rule_pack(store: Store, path: str | Path, *, actor: str) -> RulePack:
    """Validate a pack file and make it active (raises `PackError`; nothing changes then)."""
    pack = load_pack(path)
    body = Path(path).read_text(encoding="utf-8")
    activate_pack(store, name=pack.name, version=pack.version, body=body, actor=actor)
    return pack


def assess(store: Store, engine: RiskEngine, payload: str) -> Assessment:
    """Assess a scanned or typed payload: its AED (or its absence) and the bench's history."""
    parsed = parse_id(payload)
    stored = get_current(store.conn, parsed.normalized)
    return engine.assess(
        parsed.normalized,
        stored.item if stored else None,
        id_valid=parsed.valid,
        history=StoreHistory(store.conn),
    )


def risk_snapshot(assessment: Assessment) -> dict[str, Any]:
    """What an inspection keeps of the assessment that led to it (for hit-rates per rule)."""
    return {
        "level": str(assessment.level),
        "score": assessment.score,
        "rulepack": assessment.rulepack,
        "random_exam": assessment.random_exam,
        "rules": [flag.rule for flag in assessment.flags],
        "links": [link.seizure for link in assessment.links],
    }


def rescore(
    store: Store, engine: RiskEngine, progress: Callable[[int], None] | None = None
) -> Counter[str]:
    """Assess every current item again (after a rule change); counts per level."""
    history = StoreHistory(store.conn)
    levels: Counter[str] = Counter()
    for n, item in enumerate(iter_current(store.conn), start=1):
        levels[str(engine.assess(item.item_id, item, history=history).level)] += 1
        if progress is not None and n % 10_000 == 0:
            progress(n)
    return levels
