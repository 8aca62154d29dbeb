"""Wilson intervals and the one-pass summary, against values worked out by hand."""

from __future__ import annotations

import pytest

from parcelbench.reports.stats import InspectionFact, SeizureTotal, summarise, wilson


@pytest.mark.parametrize(
    ("hits", "n", "low", "high"),
    [
        (0, 10, 0.0, 0.277533),  # the normal approximation would give [0, 0]
        (10, 10, 0.722467, 1.0),
        (13, 100, 0.077572, 0.209804),  # Mega Flex's 13 %
        (43, 100, 0.337333, 0.527846),  # the 2017 New York IMF operation's 43 %
        (1, 2, 0.094531, 0.905469),
    ],
)
def test_wilson_interval(hits: int, n: int, low: float, high: float) -> None:
    """Expected bounds are the roots of (p̂ - p)² = z² p (1 - p) / n, solved separately."""
    lo, hi = wilson(hits, n)
    assert lo == pytest.approx(low, abs=1e-5) and hi == pytest.approx(high, abs=1e-5)
    assert lo <= hits / n <= hi


def test_wilson_of_nothing_is_empty() -> None:
    assert wilson(0, 0) == (0.0, 0.0)


def fact(outcome: str, targeted: bool, origin: str, rules: str = "[]", reasons: str = "[]"):  # type: ignore[no-untyped-def]
    risk = '{"rules": ' + rules + "}"
    return InspectionFact.from_row(outcome, int(targeted), reasons, risk, "parcel", None, origin)


def test_summary_counts_strata_baseline_and_rules() -> None:
    facts = [
        fact("seized", True, "CN", '["a", "b"]', '["narcotics"]'),
        fact("released", True, "CN", '["a"]'),
        fact("detained", True, "IN", '["b", "b"]'),
        fact("released", False, "CN"),
        fact("released", False, "CN", "[]", '["undervalued"]'),  # released but non-compliant
        fact("released", False, "IN"),
    ]
    s = summarise(facts, [SeizureTotal("narcotics", 1, 12.34)])
    assert (s.examined, s.overall.targeted.n, s.overall.random.n) == (6, 3, 3)
    assert (s.overall.all.hits, s.overall.targeted.hits, s.overall.random.hits) == (3, 2, 1)
    assert s.overall.lift == pytest.approx((2 / 3) / (1 / 3))
    assert s.outcomes == {"released": 4, "seized": 1, "detained": 1}
    cn = dict(s.stratum("origin"))["CN"]
    assert (cn.all.n, cn.all.hits, cn.targeted.n, cn.random.n, cn.random.hits) == (4, 2, 2, 2, 1)
    assert [v for v, _ in s.stratum("origin")] == ["CN", "IN"]  # largest first
    assert [v for v, _ in s.stratum("category")] == ["unknown"]
    rules = {rule: (r.n, r.hits) for rule, r in s.rule_rows()}
    assert rules == {"a": (2, 1), "b": (2, 2)}  # "b" fired twice on one parcel: counted once
    assert s.seizures == [SeizureTotal("narcotics", 1, 12.34)]
