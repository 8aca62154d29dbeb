"""Federal holidays and business-day arithmetic, checked against OPM's published lists.

The expected dates below are written out by hand from OPM's "Federal Holidays" pages for
2025, 2026 and 2027 (opm.gov/policy-data-oversight/pay-leave/federal-holidays), not computed,
so a rule wrong in the code cannot agree with itself here.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from parcelbench.domain.business_days import (
    add_business_days,
    business_days_between,
    federal_holidays,
    is_business_day,
)

OPM: dict[int, dict[date, str]] = {
    2025: {
        date(2025, 1, 1): "New Year's Day",
        date(2025, 1, 20): "Birthday of Martin Luther King, Jr.",  # also Inauguration Day
        date(2025, 2, 17): "Washington's Birthday",
        date(2025, 5, 26): "Memorial Day",
        date(2025, 6, 19): "Juneteenth National Independence Day",
        date(2025, 7, 4): "Independence Day",
        date(2025, 9, 1): "Labor Day",
        date(2025, 10, 13): "Columbus Day",
        date(2025, 11, 11): "Veterans Day",
        date(2025, 11, 27): "Thanksgiving Day",
        date(2025, 12, 25): "Christmas Day",
    },
    2026: {
        date(2026, 1, 1): "New Year's Day",
        date(2026, 1, 19): "Birthday of Martin Luther King, Jr.",
        date(2026, 2, 16): "Washington's Birthday",
        date(2026, 5, 25): "Memorial Day",
        date(2026, 6, 19): "Juneteenth National Independence Day",
        date(2026, 7, 3): "Independence Day",  # 4 July is a Saturday
        date(2026, 9, 7): "Labor Day",
        date(2026, 10, 12): "Columbus Day",
        date(2026, 11, 11): "Veterans Day",
        date(2026, 11, 26): "Thanksgiving Day",
        date(2026, 12, 25): "Christmas Day",
    },
    2027: {
        date(2027, 1, 1): "New Year's Day",
        date(2027, 1, 18): "Birthday of Martin Luther King, Jr.",
        date(2027, 2, 15): "Washington's Birthday",
        date(2027, 5, 31): "Memorial Day",
        date(2027, 6, 18): "Juneteenth National Independence Day",  # 19 June is a Saturday
        date(2027, 7, 5): "Independence Day",  # 4 July is a Sunday
        date(2027, 9, 6): "Labor Day",
        date(2027, 10, 11): "Columbus Day",
        date(2027, 11, 11): "Veterans Day",
        date(2027, 11, 25): "Thanksgiving Day",
        date(2027, 12, 24): "Christmas Day",  # 25 December is a Saturday
        date(2027, 12, 31): "New Year's Day",  # 1 January 2028 is a Saturday
    },
}


@pytest.mark.parametrize("year", sorted(OPM))
def test_holidays_match_opm(year: int) -> None:
    assert federal_holidays(year) == OPM[year]


@pytest.mark.parametrize("year", sorted(OPM))
def test_every_observed_holiday_is_a_weekday_and_not_a_business_day(year: int) -> None:
    for day in OPM[year]:
        assert day.weekday() < 5, day
        assert not is_business_day(day), day


def test_new_years_day_on_a_saturday_is_observed_the_friday_before() -> None:
    """1 January 2022 was a Saturday: observed Friday 31 December 2021, in 2021's calendar."""
    assert federal_holidays(2021)[date(2021, 12, 31)] == "New Year's Day"
    assert not any(d.month == 1 and d.day <= 3 for d in federal_holidays(2022))
    assert not is_business_day(date(2021, 12, 31))
    assert is_business_day(date(2022, 1, 3))


def test_sunday_holiday_moves_to_monday_and_saturday_to_friday() -> None:
    assert date(2021, 7, 5) in federal_holidays(2021)  # 4 July 2021, a Sunday
    assert date(2020, 7, 3) in federal_holidays(2020)  # 4 July 2020, a Saturday
    assert date(2022, 12, 26) in federal_holidays(2022)  # Christmas 2022, a Sunday


def test_juneteenth_is_a_holiday_from_2021() -> None:
    assert not any(d.month == 6 for d in federal_holidays(2020))
    assert federal_holidays(2021)[date(2021, 6, 18)] == "Juneteenth National Independence Day"


def test_inauguration_day_is_not_a_holiday() -> None:
    assert is_business_day(date(2021, 1, 20))  # a Wednesday, Inauguration Day 2021
    assert is_business_day(date(2017, 1, 20))  # a Friday, Inauguration Day 2017


def test_years_before_the_current_calendar_are_refused() -> None:
    with pytest.raises(ValueError, match="1986"):
        federal_holidays(1985)


def test_weekends_and_closures_are_not_business_days() -> None:
    assert is_business_day(date(2026, 11, 27))  # the Friday after Thanksgiving works
    assert not is_business_day(date(2026, 11, 28))  # Saturday
    assert not is_business_day(date(2026, 11, 29))  # Sunday
    assert not is_business_day(date(2025, 12, 24), closures={date(2025, 12, 24)})


@pytest.mark.parametrize(
    ("start", "expected", "why"),
    [
        (date(2026, 11, 23), date(2026, 12, 1), "Mon before Thanksgiving: Thu 26 skipped"),
        (date(2026, 11, 25), date(2026, 12, 3), "Wed before Thanksgiving"),
        (date(2027, 12, 21), date(2027, 12, 29), "Christmas observed Fri 24 Dec 2027"),
        (date(2027, 12, 27), date(2028, 1, 4), "New Year's 2028 observed Fri 31 Dec 2027"),
        (date(2025, 12, 29), date(2026, 1, 6), "across New Year's Day 2026 (a Thursday)"),
        (date(2026, 9, 4), date(2026, 9, 14), "Friday before Labor Day (Mon 7 Sep)"),
        (date(2027, 1, 15), date(2027, 1, 25), "Friday before MLK Day (Mon 18 Jan)"),
        (date(2026, 9, 5), date(2026, 9, 14), "a Saturday start is never counted"),
        (date(2026, 3, 2), date(2026, 3, 9), "a plain week"),
    ],
)
def test_add_five_business_days(start: date, expected: date, why: str) -> None:
    assert add_business_days(start, 5) == expected, why
    assert business_days_between(start, expected) == 5, why


def test_closures_push_the_due_date() -> None:
    """Christmas week 2025, with and without the two days federal offices were closed."""
    start = date(2025, 12, 22)
    assert add_business_days(start, 5) == date(2025, 12, 30)
    closed = {date(2025, 12, 24), date(2025, 12, 26)}
    assert add_business_days(start, 5, closed) == date(2026, 1, 2)
    assert business_days_between(start, date(2026, 1, 2), closed) == 5


def test_add_zero_and_negative() -> None:
    assert add_business_days(date(2026, 9, 5), 0) == date(2026, 9, 5)
    assert add_business_days(date(2026, 9, 8), -1) == date(2026, 9, 4)  # back over Labor Day
    assert add_business_days(date(2026, 12, 1), -5) == date(2026, 11, 23)


def test_business_days_between_counts_after_start_up_to_end() -> None:
    assert business_days_between(date(2026, 9, 4), date(2026, 9, 4)) == 0
    assert business_days_between(date(2026, 9, 4), date(2026, 9, 7)) == 0  # weekend + Labor Day
    assert business_days_between(date(2026, 9, 4), date(2026, 9, 8)) == 1
    assert business_days_between(date(2026, 9, 8), date(2026, 9, 4)) == -1


def test_between_is_the_inverse_of_add_on_every_day_of_three_years() -> None:
    day = date(2025, 1, 1)
    while day.year < 2028:
        for n in (1, 5, 22):
            assert business_days_between(day, add_business_days(day, n)) == n, (day, n)
        day += timedelta(days=1)


def test_each_step_of_add_lands_on_a_business_day() -> None:
    start = date(2027, 12, 20)
    days = [add_business_days(start, n) for n in range(1, 12)]
    assert all(is_business_day(d) for d in days)
    assert days == sorted(set(days))
    assert date(2027, 12, 24) not in days and date(2027, 12, 31) not in days
