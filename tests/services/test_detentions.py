"""`services.detentions`: open detentions with their clocks, most urgent first, and the overdue."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from parcelbench.domain.records import Officer, Outcome, Role
from parcelbench.services import detentions
from parcelbench.services.detentions import DetentionState
from parcelbench.store import Store
from tests.detained import record_at

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def officer() -> Officer:
    return Officer("O1001", "Ana Ruiz", Role.OFFICER)


@pytest.fixture
def bench(store: Store, officer: Officer, monkeypatch: pytest.MonkeyPatch) -> Store:
    """Three detentions at three stages on 6 October 2026 (New York), and one released."""
    for item_id, at in [
        ("AA473124829GB", "2026-10-05T14:00:00.000Z"),  # open: Mon 5 Oct, due Tue 13 Oct
        ("CP100000140DE", "2026-09-01T14:00:00.000Z"),  # deemed excluded after 1 Oct
        ("EE471108151FR", "2026-09-25T14:00:00.000Z"),  # decision due Fri 2 Oct: overdue
        ("RR473124829GB", "2026-09-02T14:00:00.000Z"),  # released below
    ]:
        record_at(store, officer, monkeypatch, item_id, Outcome.DETAINED, at)
    record_at(
        store, officer, monkeypatch, "RR473124829GB", Outcome.RELEASED, "2026-09-03T14:00:00.000Z"
    )
    return store


def test_most_urgent_first_with_clocks(bench: Store) -> None:
    found = detentions.open_detentions(bench, date(2026, 10, 6), NEW_YORK)
    assert [(d.record.item_id, d.status.state) for d in found] == [
        ("CP100000140DE", DetentionState.DEEMED_EXCLUDED),
        ("EE471108151FR", DetentionState.DECISION_OVERDUE),
        ("AA473124829GB", DetentionState.OPEN),
    ]
    fresh = found[2]
    assert fresh.clock.decision_due == date(2026, 10, 13)  # Columbus Day, 12 Oct, skipped
    assert fresh.status.days_left == 4 and fresh.today == date(2026, 10, 6)  # 7, 8, 9, 13


def test_overdue_leaves_out_the_open(bench: Store) -> None:
    found = detentions.overdue(bench, date(2026, 10, 6), NEW_YORK)
    assert [d.record.item_id for d in found] == ["CP100000140DE", "EE471108151FR"]
    assert [d.record.item_id for d in detentions.overdue(bench, date(2026, 10, 1), NEW_YORK)] == [
        "CP100000140DE"  # its decision was due 9 Sep; the 30th day is 1 Oct: overdue, not gone
    ]
    [first] = detentions.overdue(bench, date(2026, 10, 1), NEW_YORK)
    assert first.status.state is DetentionState.DECISION_OVERDUE


def test_nothing_is_overdue_early_on(bench: Store) -> None:
    assert detentions.overdue(bench, date(2026, 9, 8), NEW_YORK) == []


def test_the_facility_zone_sets_the_detention_day(
    store: Store, officer: Officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """22:00 on Thursday 3 September in New York is already Friday in UTC: due Fri 11 Sep in
    New York (Labor Day skipped), Mon 14 Sep if the day were taken in UTC."""
    record_at(
        store, officer, monkeypatch, "AA473124829GB", Outcome.DETAINED, "2026-09-04T02:00:00.000Z"
    )
    [ny] = detentions.open_detentions(store, date(2026, 9, 14), NEW_YORK)
    [utc] = detentions.open_detentions(store, date(2026, 9, 14), UTC)
    assert (ny.clock.detained_on, ny.clock.decision_due) == (date(2026, 9, 3), date(2026, 9, 11))
    assert (utc.clock.detained_on, utc.clock.decision_due) == (date(2026, 9, 4), date(2026, 9, 14))
    assert (ny.status.state, utc.status.state) == (
        DetentionState.DECISION_OVERDUE,
        DetentionState.OPEN,
    )


def test_closures_are_passed_to_every_clock(
    store: Store, officer: Officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_at(
        store, officer, monkeypatch, "AA473124829GB", Outcome.DETAINED, "2025-12-22T15:00:00.000Z"
    )
    closed = {date(2025, 12, 24), date(2025, 12, 26)}
    assert detentions.overdue(store, date(2025, 12, 31), NEW_YORK)
    assert detentions.overdue(store, date(2025, 12, 31), NEW_YORK, closures=closed) == []


def test_today_defaults_to_the_date_in_the_zone(bench: Store) -> None:
    found = detentions.open_detentions(bench, tz=UTC)
    assert {d.today for d in found} == {datetime.now(UTC).date()}
