"""Non-compliance rates for a period: overall, per stratum, per rule, with Wilson intervals.

Why random exams are counted apart: targeted exams find what the rules look for, so their
hit rate says how good the targeting is, not how much non-compliant mail there is. Only the
random exams estimate the true rate — the baseline an operation is compared to. Targeted means
the targeting list or the rules; a K9 alert, an X-ray anomaly, officer discretion and a census
are neither, and are shown apart (the "why examined" stratum) rather than inflating the lift.
A parcel released on sight was not examined and is not in any rate. Non-compliance means a
finding: a detention or a referral still waiting for its answer is pending, counted apart
until it resolves (`domain.exam.verdict`).
Intervals are Wilson's (`domain.rates`), as HQ's are.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from parcelbench.domain.exam import TARGETED, Selection, Verdict, stored_selection, verdict
from parcelbench.domain.rates import wilson

#: The strata a summary breaks rates down by (fact attribute, heading).
STRATA: tuple[tuple[str, str], ...] = (
    ("selection", "Why examined"),
    ("origin", "Origin country"),
    ("mail_class", "Mail class"),
    ("category", "Category"),
)
UNKNOWN = "unknown"


@dataclass(slots=True)
class Rate:
    """Non-compliant parcels out of those examined."""

    n: int = 0
    hits: int = 0

    def add(self, hit: bool) -> None:
        self.n += 1
        self.hits += hit

    @property
    def rate(self) -> float:
        return self.hits / self.n if self.n else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.hits, self.n)


@dataclass(slots=True)
class Split:
    """Rates for all exams, the targeted ones and the random (baseline) ones; exams selected
    otherwise (K9, X-ray, discretion, census) count in `all` only."""

    all: Rate = field(default_factory=Rate)
    targeted: Rate = field(default_factory=Rate)
    random: Rate = field(default_factory=Rate)

    def add(self, selection: str, hit: bool) -> None:
        self.all.add(hit)
        if selection in TARGETED:
            self.targeted.add(hit)
        elif selection == Selection.RANDOM:
            self.random.add(hit)

    @property
    def lift(self) -> float | None:
        """How many times the baseline rate targeting found (None without a baseline)."""
        if not self.random.n or not self.random.hits or not self.targeted.n:
            return None
        return self.targeted.rate / self.random.rate


@dataclass(frozen=True, slots=True)
class InspectionFact:
    """What a summary needs of one parcel's latest inspection."""

    outcome: str
    selection: str
    verdict: Verdict
    rules: tuple[str, ...]
    mail_class: str
    category: str
    origin: str

    @property
    def targeted(self) -> bool:
        return self.selection in TARGETED

    @property
    def noncompliant(self) -> bool:
        return self.verdict is Verdict.FINDING

    @classmethod
    def from_row(
        cls,
        outcome: str,
        targeted: int,
        noncompliance: str,
        risk: str,
        mail_class: str | None,
        category: str | None,
        origin: str | None,
        selection: str | None = None,
        return_reason: str | None = None,
        referral_finding: int | None = None,
    ) -> InspectionFact:
        """From the stored columns (`store.reports.FactRow`)."""
        rules = json.loads(risk).get("rules", ()) if risk and risk != "{}" else ()
        return cls(
            outcome,
            stored_selection(selection, bool(targeted)),
            verdict(
                outcome,
                noncompliance=noncompliance not in ("[]", ""),
                return_reason=return_reason,
                referral_finding=None if referral_finding is None else bool(referral_finding),
            ),
            tuple(dict.fromkeys(rules)),
            mail_class or UNKNOWN,
            category or UNKNOWN,
            origin or UNKNOWN,
        )


@dataclass(frozen=True, slots=True)
class SeizureTotal:
    category: str
    seizures: int
    weight_g: float


@dataclass(slots=True)
class Summary:
    """Everything the summary report prints, computed in one pass over the facts."""

    overall: Split = field(default_factory=Split)
    outcomes: Counter[str] = field(default_factory=Counter)
    pending: Counter[str] = field(default_factory=Counter)  # selection -> exams awaiting answer
    on_sight: int = 0  # parcels released on sight: not exams, in no rate
    strata: dict[str, dict[str, Split]] = field(default_factory=dict)
    rules: dict[str, Rate] = field(default_factory=dict)
    seizures: list[SeizureTotal] = field(default_factory=list)

    @property
    def examined(self) -> int:
        return self.overall.all.n

    def stratum(self, key: str) -> list[tuple[str, Split]]:
        """One stratum's rows, largest first (ties by name, so output is stable)."""
        rows = self.strata.get(key, {})
        return sorted(rows.items(), key=lambda kv: (-kv[1].all.n, kv[0]))

    def outcome_rows(self) -> list[tuple[str, int]]:
        """Outcomes, most frequent first."""
        return sorted(self.outcomes.items(), key=lambda kv: (-kv[1], kv[0]))

    def rule_rows(self) -> list[tuple[str, Rate]]:
        return sorted(self.rules.items(), key=lambda kv: (-kv[1].n, kv[0]))


def summarise(facts: Iterable[InspectionFact], seizures: Iterable[SeizureTotal] = ()) -> Summary:
    summary = Summary(strata={key: {} for key, _ in STRATA})
    keys = [key for key, _ in STRATA]
    for fact in facts:
        summary.outcomes[fact.outcome] += 1
        if fact.selection == Selection.NOT_EXAMINED:
            summary.on_sight += 1
            continue
        if fact.verdict is Verdict.PENDING:
            summary.pending[fact.selection] += 1
            continue
        summary.overall.add(fact.selection, fact.noncompliant)
        for key in keys:
            value = getattr(fact, key)
            table = summary.strata[key]
            split = table.get(value)
            if split is None:
                split = table[value] = Split()
            split.add(fact.selection, fact.noncompliant)
        for rule in fact.rules:
            rate = summary.rules.get(rule)
            if rate is None:
                rate = summary.rules[rule] = Rate()
            rate.add(fact.noncompliant)
    summary.seizures = list(seizures)
    return summary
