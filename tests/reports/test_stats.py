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


def fact(  # type: ignore[no-untyped-def]
    outcome: str,
    selection: str,
    origin: str,
    rules: str = "[]",
    reasons: str = "[]",
    referral_finding: int | None = None,
):
    risk = '{"rules": ' + rules + "}"
    return InspectionFact.from_row(
        outcome,
        int(selection in ("risk_rule", "targeting_list")),
        reasons,
        risk,
        "parcel",
        None,
        origin,
        selection,
        None,
        referral_finding,
    )


def test_summary_counts_strata_baseline_and_rules() -> None:
    facts = [
        fact("seized", "risk_rule", "CN", '["a", "b"]', '["narcotics"]'),
        fact("released", "targeting_list", "CN", '["a"]'),
        fact("returned_to_sender", "risk_rule", "IN", '["b", "b"]'),
        fact("released", "random", "CN"),
        fact("released", "random", "CN", "[]", '["undervalued"]'),  # released but non-compliant
        fact("released", "random", "IN"),
    ]
    s = summarise(facts, [SeizureTotal("narcotics", 1, 12.34)])
    assert (s.examined, s.overall.targeted.n, s.overall.random.n) == (6, 3, 3)
    assert (s.overall.all.hits, s.overall.targeted.hits, s.overall.random.hits) == (3, 2, 1)
    assert s.overall.lift == pytest.approx((2 / 3) / (1 / 3))
    assert s.outcomes == {"released": 4, "seized": 1, "returned_to_sender": 1}
    cn = dict(s.stratum("origin"))["CN"]
    assert (cn.all.n, cn.all.hits, cn.targeted.n, cn.random.n, cn.random.hits) == (4, 2, 2, 2, 1)
    assert [v for v, _ in s.stratum("origin")] == ["CN", "IN"]  # largest first
    assert [v for v, _ in s.stratum("category")] == ["unknown"]
    rules = {rule: (r.n, r.hits) for rule, r in s.rule_rows()}
    assert rules == {"a": (2, 1), "b": (2, 2)}  # "b" fired twice on one parcel: counted once
    assert s.seizures == [SeizureTotal("narcotics", 1, 12.34)]


def test_k9_and_xray_exams_no_longer_inflate_the_targeted_rate() -> None:
    """The golden case: 10 rule-targeted exams find 3, 20 random exams find 1; a K9 team and
    the X-ray find 8 in 10 more. Counted as "targeted" (the old rule: anything not random),
    those 10 lift targeting from 30 % to 55 % and its lift from 6× to 11×. Counted apart, the
    targeted rate and the lift are what the rules earned; the K9/X-ray exams show in their own
    rows of the "why examined" stratum."""
    facts = (
        [fact("seized", "risk_rule", "CN", reasons='["narcotics"]')] * 3
        + [fact("released", "risk_rule", "CN")] * 7
        + [fact("seized", "random", "CN", reasons='["narcotics"]')]
        + [fact("released", "random", "CN")] * 19
        + [fact("seized", "k9_alert", "CN", reasons='["narcotics"]')] * 4
        + [fact("released", "k9_alert", "CN")]
        + [fact("seized", "xray_anomaly", "CN", reasons='["weapons"]')] * 4
        + [fact("released", "xray_anomaly", "CN")]
    )
    s = summarise(facts)
    assert (s.overall.targeted.n, s.overall.targeted.hits) == (10, 3)
    assert s.overall.targeted.rate == pytest.approx(0.30)
    assert (s.overall.random.n, s.overall.random.hits) == (20, 1)
    assert s.overall.lift == pytest.approx(0.30 / 0.05)
    assert (s.overall.all.n, s.overall.all.hits) == (40, 12)
    why = {k: (v.all.n, v.all.hits) for k, v in s.stratum("selection")}
    assert why == {
        "random": (20, 1),
        "risk_rule": (10, 3),
        "k9_alert": (5, 4),
        "xray_anomaly": (5, 4),
    }
    # the old rule would have said: targeted 18 of 20 → 0.55 / 0.05 = 11×
    old_targeted = [f for f in facts if f.selection != "random"]
    assert sum(f.noncompliant for f in old_targeted) / len(old_targeted) == pytest.approx(0.55)


def test_pending_is_not_a_finding_and_release_on_sight_is_not_an_exam() -> None:
    facts = [
        fact("detained", "risk_rule", "CN"),  # awaiting the decision
        fact("referred", "risk_rule", "CN"),  # awaiting the partner's answer
        fact("referred", "risk_rule", "CN", referral_finding=1),  # HSI found a violation
        fact("referred", "random", "CN", referral_finding=0),  # FDA: admissible
        fact("released", "not_examined", "CN"),  # released on sight
        fact("returned_to_sender", "random", "CN"),
    ]
    s = summarise(facts)
    assert s.pending == {"risk_rule": 2}
    assert s.on_sight == 1
    assert (s.overall.all.n, s.overall.all.hits) == (3, 2)
    assert (s.overall.random.n, s.overall.random.hits) == (2, 1)
    assert s.outcomes["detained"] == 1 and s.outcomes["released"] == 1
