"""Targets HQ sets and the progress against them, month by month — the "targets and progress
reports" the strategy asks for alongside the baseline.

Each measure is a share whose numerator and denominator come from the query tables, so a
month's figure and the period's figure are computed the same way (the period's is not an
average of months). Every measure here is better higher; a target is met at or above it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from parcelbench.hq.storage import Database, figures

ALL = "all"


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    says: str
    scope: str  # what a scope names: "origin" (an origin post) or "facility"


MEASURES: dict[str, Measure] = {
    m.name: m
    for m in (
        Measure("aed_share", "share of arrived parcels that came with AED", "origin"),
        Measure("aed_on_time", "share of arrived parcels whose AED came on time", "origin"),
        Measure(
            "holds_in_2_days", "share of holds examined within 2 days of targeting", "facility"
        ),
        Measure("random_rate", "random exams per arrived parcel", "facility"),
    )
}


class TargetError(ValueError):
    """A target HQ cannot keep (an unknown measure, a share outside 0..1)."""


def check(metric: str, scope: str, value: float) -> None:
    if metric not in MEASURES:
        raise TargetError(f"unknown measure {metric!r} (one of {', '.join(MEASURES)})")
    if not 0 <= value <= 1:
        raise TargetError(f"a target is a share from 0 to 1 (e.g. 0.9 for 90 %), not {value}")
    if not scope.strip():
        raise TargetError(f"name the {MEASURES[metric].scope} the target is for, or {ALL!r}")


def _counts(db: Database, start: str, end: str) -> dict[str, dict[tuple[str, str], list[int]]]:
    """{measure: {(scope, month): [hits, total]}}, every scope also summed into "all"."""
    out: dict[str, dict[tuple[str, str], list[int]]] = {
        m: defaultdict(lambda: [0, 0]) for m in MEASURES
    }

    def add(metric: str, scope: str, month: str, hits: int, total: int) -> None:
        for s in (scope, ALL):
            cell = out[metric][(s, month)]
            cell[0] += hits
            cell[1] += total

    for a in figures.arrivals(db, start, end):
        add("aed_share", a.origin, a.month, a.with_aed, a.arrived)
        add("aed_on_time", a.origin, a.month, a.on_time, a.arrived)
    for h in figures.holds_by_month(db, start, end):
        add("holds_in_2_days", h.facility, h.month, h.examined_in_2_days, h.targeted)
    for f in figures.facility_months(db, start, end):
        add("random_rate", f.facility, f.month, f.random_exams, f.arrived)
    return out


def _share(cells: Iterable[list[int]]) -> tuple[float | None, int]:
    hits = total = 0
    for h, t in cells:
        hits, total = hits + h, total + t
    return (round(hits / total, 4) if total else None), total


def progress(db: Database, start: str, end: str) -> list[dict[str, Any]]:
    """Each target with the period's figure and each month's, and whether they meet it."""
    counts = _counts(db, start, end)
    out = []
    for t in figures.targets(db):
        cells = counts.get(t.metric, {})
        mine = {month: c for (scope, month), c in cells.items() if scope == t.scope}
        actual, base = _share(mine.values())
        months = []
        for month in sorted(mine):
            share, n = _share([mine[month]])
            months.append(
                {"month": month, "actual": share, "of": n,
                 "met": None if share is None else share >= t.target}
            )  # fmt: skip
        out.append(
            {
                "metric": t.metric,
                "says": MEASURES[t.metric].says if t.metric in MEASURES else t.metric,
                "scope": t.scope,
                "target": t.target,
                "actual": actual,
                "of": base,
                "met": None if actual is None else actual >= t.target,
                "months": months,
                "set_at": t.set_at,
                "set_by": t.set_by,
            }
        )
    return out
