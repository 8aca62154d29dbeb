"""HQ's figures for a period: the baseline, the targeted rate and lift, AED compliance per
origin post, holds per facility — what `parcelbench hq stats` prints and the HQ page shows.

Why the baseline is the random exams only: targeted exams (the targeting list, the rules) find
what the targeting looks for, so their rate measures the targeting; a K9 alert, an X-ray
anomaly, discretion and a census are neither and are shown under their own selection. A parcel
released on sight was not examined and is in no rate; a detention or a referral still waiting
for its answer is pending and counted apart. Every rate comes with its 95 % Wilson interval
(`domain.rates`), the one the bench's summaries use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from parcelbench.domain.exam import TARGETED, Selection, Verdict
from parcelbench.domain.rates import wilson
from parcelbench.hq.storage import Database, figures
from parcelbench.hq.targets import progress


@dataclass(slots=True)
class _Tally:
    exams: int = 0
    noncompliant: int = 0
    pending: int = 0

    def add(self, verdict: str, parcels: int) -> None:
        if verdict == Verdict.PENDING:
            self.pending += parcels
        else:
            self.exams += parcels
            self.noncompliant += parcels if verdict == Verdict.FINDING else 0

    @property
    def rate(self) -> float | None:
        return round(self.noncompliant / self.exams, 4) if self.exams else None

    def to_json(self) -> dict[str, Any]:
        low, high = wilson(self.noncompliant, self.exams)
        return {
            "exams": self.exams,
            "noncompliant": self.noncompliant,
            "pending": self.pending,
            "rate": self.rate,
            "ci95": [round(low, 4), round(high, 4)],
        }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _rates(counts: Iterable[figures.VerdictCount], *keys: str) -> list[dict[str, Any]]:
    """Non-compliance per combination of `keys` (attributes of the counts), examined parcels
    only (released on sight left out)."""
    tallies: dict[tuple[str, ...], _Tally] = defaultdict(_Tally)
    for c in counts:
        if c.selection != Selection.NOT_EXAMINED:
            tallies[tuple(getattr(c, k) for k in keys)].add(c.verdict, c.parcels)
    return [
        {**dict(zip(keys, key, strict=True)), **tally.to_json()}
        for key, tally in sorted(tallies.items())
    ]


def _baselines(counts: Iterable[figures.VerdictCount]) -> list[dict[str, Any]]:
    """Per facility (and "all"): targeted against random, and the lift between them."""
    split: dict[str, dict[str, _Tally]] = defaultdict(lambda: defaultdict(_Tally))
    for c in counts:
        kind = (
            "targeted"
            if c.selection in TARGETED
            else "random"
            if c.selection == Selection.RANDOM
            else None
        )
        if kind:
            for facility in (c.facility, "all"):
                split[facility][kind].add(c.verdict, c.parcels)
    out = []
    for facility, kinds in sorted(split.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        targeted, random = kinds["targeted"], kinds["random"]
        lift = (
            round(targeted.rate / random.rate, 2)
            if targeted.rate is not None and random.rate
            else None
        )
        out.append(
            {
                "facility": facility,
                "targeted": targeted.to_json(),
                "random": random.to_json(),
                "lift": lift,
            }
        )
    return out


def _aed(rows: list[figures.ArrivalCount], by_month: bool) -> list[dict[str, Any]]:
    groups: dict[tuple[str, ...], list[figures.ArrivalCount]] = defaultdict(list)
    for r in rows:
        groups[(r.origin, r.month) if by_month else (r.origin,)].append(r)
    out = []
    for key, members in sorted(groups.items()):
        arrived = sum(m.arrived for m in members)
        with_aed = sum(m.with_aed for m in members)
        on_time = sum(m.on_time for m in members)
        weighted = [(m.completeness, m.with_aed) for m in members if m.completeness is not None]
        weight = sum(w for _, w in weighted)
        out.append(
            {
                "origin": key[0],
                **({"month": key[1]} if by_month else {}),
                "arrived": arrived,
                "with_aed": with_aed,
                "on_time": on_time,
                "share_with_aed": _share(with_aed, arrived),
                "share_on_time": _share(on_time, arrived),
                "completeness": round(sum(c * w for c, w in weighted) / weight, 4)
                if weight
                else None,
            }
        )
    return out


def period(since: date, until: date) -> tuple[str, str]:
    """`[since, until]` (whole UTC days) as the `[start, end)` text bounds the queries take."""
    return since.isoformat(), (until + timedelta(days=1)).isoformat()


def stats(db: Database, since: date, until: date) -> dict[str, Any]:
    """Every figure for the days `since` to `until` (inclusive, UTC)."""
    start, end = period(since, until)
    counts = figures.verdicts(db, start, end)
    arrivals = figures.arrivals(db, start, end)
    return {
        "period": {"from": since.isoformat(), "to": until.isoformat()},
        "facilities": [
            {"code": f.code, "port": f.port, "benches": f.benches} for f in figures.facilities(db)
        ],
        "seizures": [
            {
                "number": s.number,
                "facility": s.facility,
                "bench_id": s.bench_id,
                "item_id": s.item_id,
                "category": s.category,
                "at": s.at,
            }
            for s in figures.seizures(db, start, end)
        ],
        "noncompliance": _rates(counts, "facility", "origin", "selection"),
        "noncompliance_by_mail_class": _rates(counts, "facility", "mail_class"),
        "baseline": _baselines(counts),
        "aed_compliance": _aed(arrivals, by_month=False),
        "aed_compliance_by_month": _aed(arrivals, by_month=True),
        "targets": progress(db, start, end),
        "holds": [
            {
                "facility": h.facility,
                "targeted": h.targeted,
                "located": h.located,
                "examined": h.examined,
                "examined_share": _share(h.examined, h.targeted),
                "examined_in_2_days": h.examined_in_2_days,
                "examined_in_2_days_share": _share(h.examined_in_2_days, h.targeted),
            }
            for h in figures.holds(db, start, end)
        ],
    }
