"""Detention notices and clocks: the two statutory dates and where a detention stands."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date
from zoneinfo import ZoneInfo

import pytest

from parcelbench.domain.detention import (
    ClockStatus,
    Detention,
    DetentionClock,
    DetentionNotice,
    DetentionRecord,
    DetentionState,
    NoticeError,
    local_date,
)

NEW_YORK = ZoneInfo("America/New_York")
FRIDAY_BEFORE_LABOR_DAY = date(2026, 9, 4)


def notice(**changes: str) -> DetentionNotice:
    fields = {
        "reason": "tablets declared as vitamins; suspected undeclared pharmaceuticals",
        "anticipated_length": "until FDA laboratory results, about 10 business days",
        "tests_pending": "FDA laboratory analysis of 3 sampled tablets",
        "information_requested": "invoice and the manufacturer's certificate of analysis",
        "addressee": "José Núñez, 41-12 Main St Apt 4B, Queens NY 11101",
        "notice_method": "mail",
    }
    fields.update(changes)
    return DetentionNotice(**fields)


# -- the notice ---------------------------------------------------------------------------------


def test_a_complete_notice_passes_and_round_trips() -> None:
    complete = notice()
    assert complete.check() is complete
    assert DetentionNotice.from_json(complete.to_json()) == complete
    assert set(complete.to_json()) == {
        "reason",
        "anticipated_length",
        "tests_pending",
        "information_requested",
        "addressee",
        "notice_method",
    }


@pytest.mark.parametrize(
    "missing", ["reason", "anticipated_length", "tests_pending", "information_requested"]
)
def test_a_missing_field_is_named(missing: str) -> None:
    with pytest.raises(NoticeError) as caught:
        notice(**{missing: "  "}).check()
    assert caught.value.field == missing
    assert missing in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_addressee_is_required_once_the_notice_is_sent() -> None:
    assert notice(addressee="", notice_method="none-yet").check()
    with pytest.raises(NoticeError, match="addressee: is required once the notice is sent by"):
        notice(addressee="", notice_method="e-mail").check()


def test_an_unknown_method_is_refused() -> None:
    with pytest.raises(NoticeError, match="'fax' is not one of mail, e-mail, none-yet") as caught:
        notice(notice_method="fax").check()
    assert caught.value.field == "notice_method"


def test_from_json_refuses_unknown_keys_wrong_types_and_missing_fields() -> None:
    data = notice().to_json()
    with pytest.raises(NoticeError, match="colour: is not a field"):
        DetentionNotice.from_json({**data, "colour": "red"})
    with pytest.raises(NoticeError, match="tests_pending: must be text, got int"):
        DetentionNotice.from_json({**data, "tests_pending": 3})
    del data["information_requested"]
    with pytest.raises(NoticeError, match="information_requested: is missing"):
        DetentionNotice.from_json(data)
    with pytest.raises(NoticeError, match="expected an object"):
        DetentionNotice.from_json(["reason"])  # type: ignore[arg-type]


def test_a_draft_reads_back_without_its_optional_fields() -> None:
    draft = DetentionNotice.from_json(
        {"reason": "r", "tests_pending": "t", "information_requested": "i"}
    )
    assert (draft.notice_method, draft.addressee, draft.anticipated_length) == ("none-yet", "", "")


# -- the local day ------------------------------------------------------------------------------


def test_the_day_is_the_facilitys_local_date() -> None:
    late_evening = "2026-09-04T02:30:00.000Z"  # Thursday 22:30 in New York
    assert local_date(late_evening, NEW_YORK) == date(2026, 9, 3)
    assert local_date(late_evening, UTC) == date(2026, 9, 4)
    assert local_date("2026-09-04T02:30:00", NEW_YORK) == date(2026, 9, 3)  # naive is UTC


@pytest.fixture
def tokyo_machine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("tokyo_machine")
def test_the_default_zone_is_the_machines() -> None:
    assert local_date("2026-09-04T16:00:00.000Z") == date(2026, 9, 5)  # 01:00 in Tokyo
    assert DetentionClock.starting("2026-09-04T16:00:00.000Z").detained_on == date(2026, 9, 5)


# -- the clock ----------------------------------------------------------------------------------


def test_the_two_dates_of_a_detention_on_the_friday_before_labor_day() -> None:
    clock = DetentionClock(FRIDAY_BEFORE_LABOR_DAY)
    assert clock.decision_due == date(2026, 9, 14)  # Tue 8 … Fri 11 is 4, Mon 14 is 5
    assert clock.excluded_on == date(2026, 10, 4)


@pytest.mark.parametrize(
    ("today", "state", "days_left", "days_to_exclusion"),
    [
        (date(2026, 9, 4), DetentionState.OPEN, 5, 30),
        (date(2026, 9, 7), DetentionState.OPEN, 5, 27),  # Labor Day counts for nothing
        (date(2026, 9, 12), DetentionState.OPEN, 1, 22),  # a Saturday
        (date(2026, 9, 14), DetentionState.OPEN, 0, 20),  # due today, not late
        (date(2026, 9, 15), DetentionState.DECISION_OVERDUE, -1, 19),
        (date(2026, 9, 21), DetentionState.DECISION_OVERDUE, -5, 13),
        (date(2026, 10, 4), DetentionState.DECISION_OVERDUE, -14, 0),  # the 30th day, Sunday
        (date(2026, 10, 5), DetentionState.DEEMED_EXCLUDED, -15, -1),
    ],
)
def test_state_through_the_detention(
    today: date, state: DetentionState, days_left: int, days_to_exclusion: int
) -> None:
    status = DetentionClock(FRIDAY_BEFORE_LABOR_DAY).state(today)
    assert status == ClockStatus(state, days_left, days_to_exclusion)


def test_a_weekend_after_the_due_date_is_already_overdue() -> None:
    clock = DetentionClock(date(2026, 3, 2))  # Monday: due Monday 9 March
    assert clock.decision_due == date(2026, 3, 9)
    status = clock.state(date(2026, 3, 14))  # the Saturday after: Tue to Fri are past it
    assert status.state is DetentionState.DECISION_OVERDUE and status.days_left == -4
    friday_due = DetentionClock(date(2026, 3, 6))  # Friday: due Friday 13 March
    assert friday_due.state(date(2026, 3, 14)).days_left == -1


def test_closures_move_the_due_date() -> None:
    plain = DetentionClock(date(2025, 12, 22))
    closed = DetentionClock(date(2025, 12, 22), frozenset({date(2025, 12, 24), date(2025, 12, 26)}))
    assert (plain.decision_due, closed.decision_due) == (date(2025, 12, 30), date(2026, 1, 2))
    assert plain.state(date(2025, 12, 31)).state is DetentionState.DECISION_OVERDUE
    assert closed.state(date(2025, 12, 31)).state is DetentionState.OPEN


def test_labels_say_the_count_that_matters() -> None:
    clock = DetentionClock(FRIDAY_BEFORE_LABOR_DAY)
    assert clock.state(date(2026, 9, 12)).label() == "open · 1 business day left to decide"
    assert clock.state(date(2026, 9, 8)).label() == "open · 4 business days left to decide"
    assert clock.state(date(2026, 9, 14)).label() == "open · decision due today"
    assert clock.state(date(2026, 9, 16)).label() == (
        "decision overdue by 2 business days · deemed excluded in 19 days"
    )
    assert clock.state(date(2026, 10, 7)).label() == "deemed excluded · 3 days past the 30th day"


def test_a_detention_sorts_by_urgency_and_speaks_json() -> None:
    def one(item_id: str, detained: date, today: date) -> Detention:
        at = f"{detained.isoformat()}T15:00:00.000Z"
        record = DetentionRecord(f"uuid-{item_id}", item_id, at, "O1001", "why", None, at)
        clock = DetentionClock(detained)
        return Detention(record, clock, clock.state(today), today)

    today = date(2026, 10, 6)
    fresh = one("AA473124829GB", date(2026, 10, 5), today)
    late = one("EE471108151FR", date(2026, 9, 25), today)
    gone = one("CP100000140DE", date(2026, 9, 1), today)
    assert sorted([fresh, late, gone], key=Detention.sort_key) == [gone, late, fresh]
    assert [d.overdue for d in (fresh, late, gone)] == [False, True, True]
    assert late.to_json() == {
        "item_id": "EE471108151FR",
        "inspection_id": "uuid-EE471108151FR",
        "detained_at": "2026-09-25T15:00:00.000Z",
        "detained_on": "2026-09-25",
        "decision_due": "2026-10-02",
        "excluded_on": "2026-10-25",
        "state": "decision overdue",
        "days_left": -2,
        "days_to_exclusion": 19,
        "officer_badge": "O1001",
        "reason": "why",
        "as_of": "2026-10-06",
    }
