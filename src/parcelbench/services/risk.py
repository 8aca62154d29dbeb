"""Assessing parcels with the bench's active rule pack and its history.

The active pack is the one last loaded into this bench's store (from a file now, from HQ
later); a bench that never loaded one uses the pack that ships with ParcelBench. A pack that
fails validation is refused whole and the active one stays active.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.random_draw import Draw
from parcelbench.domain.records import Officer, Role
from parcelbench.domain.rescore import LEVELS, Rescore, Scored, ScoredParcel
from parcelbench.domain.risk import Assessment, Level, Severity
from parcelbench.ids import ParsedId, untrusted_id_message
from parcelbench.ids import parse as parse_id
from parcelbench.risk.engine import RiskEngine
from parcelbench.risk.pack import RulePack, default_pack, load_pack, parse_pack
from parcelbench.services.officers import require_role
from parcelbench.store import Store, random_draws, risk_scores, volume
from parcelbench.store.aed import get_current, iter_current_keyed, max_row_id
from parcelbench.store.history import StoreHistory
from parcelbench.store.rulepacks import activate_pack, active_pack, list_packs


def active_engine(store: Store) -> RiskEngine:
    held = active_pack(store.conn)
    if held is None:
        return RiskEngine(default_pack())
    return RiskEngine(parse_pack(tomllib.loads(held.body), f"{held.name}@{held.version}"))


def rule_titles(store: Store, label: str | None, rules: list[str]) -> tuple[tuple[str, str], ...]:
    """The titles of `rules` in the pack `label` ("name@version") that assessed a parcel: the
    built-in pack or one this bench has stored; nothing when that version is not here."""
    pack: RulePack | None = None
    builtin = default_pack()
    if label == builtin.label:
        pack = builtin
    else:
        for held in list_packs(store.conn):
            if f"{held.name}@{held.version}" == label:
                pack = parse_pack(tomllib.loads(held.body), label)
                break
    titles = {r.id: r.title for r in pack.rules} if pack else {}
    return tuple((rule, titles[rule]) for rule in rules if rule in titles)


def _activate(store: Store, path: str | Path, *, actor: str) -> RulePack:
    """Validate a pack file and make it active (raises `PackError`; nothing changes then)."""
    pack = load_pack(path)
    body = Path(path).read_text(encoding="utf-8")
    activate_pack(store, name=pack.name, version=pack.version, body=body, actor=actor)
    return pack


def load_rule_pack(store: Store, officer: Officer, path: str | Path) -> RulePack:
    """Validate a pack file and make it active: what decides which parcels are examined is a
    supervisor's decision, checked here whether it comes from the window or the CLI."""
    require_role(officer, Role.SUPERVISOR)
    return _activate(store, path, actor=officer.badge)


def apply_hq_pack(store: Store, path: str | Path, *, actor: str) -> RulePack:
    """A pack HQ published, applied by the sync loop: its authority is HQ's feed (which the
    bench accepts only from the HQ it enrolled with), not a person at this bench."""
    return _activate(store, path, actor=actor)


class UntrustedId(ValueError):
    """The payload is not a valid parcel id, so it is never assessed as (another) parcel.

    The window shows such a scan as unreadable; every other entry point refuses it with the
    same words (`untrusted_id_message`), kept in `message`, and the parse in `parsed`.
    """

    def __init__(self, parsed: ParsedId) -> None:
        self.parsed = parsed
        self.message = untrusted_id_message(parsed)
        super().__init__(self.message)


def assess(
    store: Store, engine: RiskEngine, payload: str, *, at: str | None = None
) -> tuple[Assessment, Draw]:
    """Assess a scanned or typed payload: its AED (or its absence), the bench's history and
    the bench's random draw for it (made now, `at`, unless the parcel was drawn for before).

    Raises `UntrustedId` for a payload that is not a valid parcel id (a check digit off by
    one names another parcel's AED, or none), as the window refuses to show it as a parcel.
    """
    parsed = parse_id(payload)
    if not parsed.valid:
        raise UntrustedId(parsed)
    stored = get_current(store.conn, parsed.normalized)
    drawn = random_draws.draw(
        store, parsed.normalized, at=at or utc_now_iso(), rate=engine.random_rate
    )
    assessment = engine.assess(
        parsed.normalized,
        stored.item if stored else None,
        id_valid=True,
        history=StoreHistory(store.conn),
        random_draw=drawn.fraction,
    )
    return assessment, drawn


def risk_snapshot(assessment: Assessment, drawn: Draw | None = None) -> dict[str, Any]:
    """What an inspection keeps of the assessment that led to it (for hit-rates per rule),
    with the random draw that did or did not pick it (so the pick can be audited)."""
    return {
        "level": str(assessment.level),
        "score": assessment.score,
        "rulepack": assessment.rulepack,
        "random_exam": assessment.random_exam,
        "random_draw": drawn.to_json() if drawn else None,
        "rules": [flag.rule for flag in assessment.flags],
        "critical": [f.rule for f in assessment.flags if f.severity is Severity.CRITICAL],
        "links": [link.seizure for link in assessment.links],
    }


def rescore(store: Store, engine: RiskEngine, *, actor: str, workers: int = 2) -> Rescore:
    """Assess every current item again (after a rule change) and keep what it found.

    The table is split by row id: this process takes the first share and `workers - 1` helper
    processes (`python -m parcelbench.services.risk DB AFTER UPTO`) the rest, each with its own
    read connection and the same active pack, so a million items use every core. The volume
    index is brought up to date first, so volume rules see every stored parcel. The run and
    every parcel not cleared are stored in place of the last run's (`store.risk_scores`, the
    officers' worklist), audited and sent to HQ, in one transaction once all are assessed.
    """
    started_at = utc_now_iso()
    volume.catch_up(store)
    top = max_row_id(store.conn)
    # this process starts at once, each helper ~0.5 s later (Python, imports, the pack): this
    # one takes a little more of the table so all finish together
    bounds = [
        0,
        *(int(top * (i + HELPER_START) / (workers + HELPER_START)) for i in range(1, workers)),
        top,
    ]
    helpers = (
        [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "parcelbench.services.risk",
                    str(store.path),
                    str(bounds[i]),
                    str(bounds[i + 1]),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p)),
            )
            for i in range(1, workers)
        ]
        # a frozen (bundled) app has no `python -m`: it rescores in this one process
        if workers > 1 and top > RESCORE_SPLIT_MIN and not getattr(sys, "frozen", False)
        else []
    )
    upto = bounds[1] if helpers else None
    levels, scored = _rescore_range(store, engine, 0, upto)
    for helper in helpers:
        out, err = helper.communicate()
        if helper.returncode != 0:
            raise RuntimeError(f"rescore worker failed: {err.strip().splitlines()[-1:]}")
        share = json.loads(out)
        levels.update(share["levels"])
        scored += [Scored(*row[:4], tuple(row[4])) for row in share["scored"]]
    return risk_scores.save(
        store,
        rulepack=engine.rulepack,
        actor=actor,
        started_at=started_at,
        finished_at=utc_now_iso(),
        levels={level: levels.get(level, 0) for level in LEVELS},
        scored=scored,
    )


def _rescore_range(
    store: Store, engine: RiskEngine, after: int, upto: int | None
) -> tuple[Counter[str], list[Scored]]:
    history = StoreHistory(store.conn, snapshot=True)
    levels = dict.fromkeys(Level, 0)
    scored: list[Scored] = []
    clear = Level.CLEAR
    for item, volume_row in iter_current_keyed(store.conn, after=after, upto=upto):
        history.use_stored_keys(item, volume_row)
        level, score, rules = engine.score(item.item_id, item, history=history)
        levels[level] += 1
        if level is not clear:
            scored.append(Scored(item.item_id, item.version, str(level), score, rules))
    return Counter({str(level): n for level, n in levels.items() if n}), scored


def last_rescore(store: Store) -> Rescore | None:
    return risk_scores.latest(store.conn)


def worklist(store: Store, *, limit: int = 1000) -> list[ScoredParcel]:
    """The last re-score's parcels, detain first and highest score first (`limit` -1: all)."""
    return risk_scores.worklist(store.conn, limit=limit)


RESCORE_SPLIT_MIN = 20_000  # below this, a second process costs more than it saves
#: How far behind this process a helper starts, in shares of the table (~0.5 s of ~30 s).
HELPER_START = 0.03

if __name__ == "__main__":
    with Store(sys.argv[1]) as _store:
        _levels, _scored = _rescore_range(
            _store, active_engine(_store), int(sys.argv[2]), int(sys.argv[3])
        )
        _rows = [[s.item_id, s.version, s.level, s.score, list(s.rules)] for s in _scored]
        print(json.dumps({"levels": _levels, "scored": _rows}))
