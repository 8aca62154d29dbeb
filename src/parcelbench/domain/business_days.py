"""U.S. federal business days: the calendar a detention's 5-day decision clock runs on.

Why here: 19 U.S.C. 1499(c) gives CBP 5 days, "excluding weekends and holidays", from the
presentation of detained goods to decide on them, so a bench that shows what is overdue needs
the federal holiday calendar for any year, offline, without a lookup table someone must extend
every January. The rules are those of 5 U.S.C. 6103 and OPM's observed-date rule for a
Monday-to-Friday schedule: a holiday on a Saturday is observed the Friday before, one on a
Sunday the Monday after. New Year's Day on a Saturday is therefore observed on Friday
31 December of the year before, and belongs to that year's calendar.

Inauguration Day is a holiday only for employees in the Washington, D.C. area and is left out.
Days an executive order closes federal offices (24 and 26 December 2025, say) are not law and
are not known in advance: pass them as `closures` where they apply to the facility.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from datetime import date, timedelta
from functools import lru_cache

__all__ = [
    "FIRST_YEAR",
    "add_business_days",
    "business_days_between",
    "federal_holidays",
    "is_business_day",
]

#: The first year the current set of Monday holidays and MLK Day (1986) all applied.
FIRST_YEAR = 1986
#: Juneteenth National Independence Day became a federal holiday in June 2021.
JUNETEENTH_FROM = 2021

_MONDAY, _THURSDAY = calendar.MONDAY, calendar.THURSDAY


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` of the month (n from 1), or the last one when n is -1."""
    if n == -1:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _observed(day: date) -> date:
    """OPM's rule for a Monday-to-Friday schedule: Saturday → Friday, Sunday → Monday."""
    if day.weekday() == calendar.SATURDAY:
        return day - timedelta(days=1)
    if day.weekday() == calendar.SUNDAY:
        return day + timedelta(days=1)
    return day


def _legal_holidays(year: int) -> list[tuple[str, date]]:
    """The legal public holidays of `year` (5 U.S.C. 6103) on their legal dates."""
    days = [
        ("New Year's Day", date(year, 1, 1)),
        ("Birthday of Martin Luther King, Jr.", _nth_weekday(year, 1, _MONDAY, 3)),
        ("Washington's Birthday", _nth_weekday(year, 2, _MONDAY, 3)),
        ("Memorial Day", _nth_weekday(year, 5, _MONDAY, -1)),
        ("Independence Day", date(year, 7, 4)),
        ("Labor Day", _nth_weekday(year, 9, _MONDAY, 1)),
        ("Columbus Day", _nth_weekday(year, 10, _MONDAY, 2)),
        ("Veterans Day", date(year, 11, 11)),
        ("Thanksgiving Day", _nth_weekday(year, 11, _THURSDAY, 4)),
        ("Christmas Day", date(year, 12, 25)),
    ]
    if year >= JUNETEENTH_FROM:
        days.append(("Juneteenth National Independence Day", date(year, 6, 19)))
    return days


@lru_cache(maxsize=64)
def _observed_in(year: int) -> dict[date, str]:
    """Observed holiday dates that fall in `year`, whichever year's holiday they observe."""
    found: dict[date, str] = {}
    for y in (year, year + 1):  # next New Year's Day may be observed on 31 December
        if y < FIRST_YEAR:
            continue
        for name, legal in _legal_holidays(y):
            observed = _observed(legal)
            if observed.year == year:
                found[observed] = name
    return dict(sorted(found.items()))


def federal_holidays(year: int) -> dict[date, str]:
    """The federal holidays observed in `year`, by observed date, in date order.

    A New Year's Day observed on 31 December is in the list of the year it is observed in
    (OPM prints it in both lists, with a note); the Saturday 1 January itself is not a holiday
    of the following year.
    """
    if year < FIRST_YEAR:
        raise ValueError(
            f"federal holidays are computed from {FIRST_YEAR} (the first MLK Day); got {year}"
        )
    return dict(_observed_in(year))


def is_business_day(day: date, closures: Collection[date] = ()) -> bool:
    """Monday to Friday, not an observed federal holiday and not one of `closures`."""
    if day.weekday() >= calendar.SATURDAY or day in closures:
        return False
    return day not in federal_holidays(day.year)


def add_business_days(start: date, n: int, closures: Collection[date] = ()) -> date:
    """The n-th business day after `start` (before it when n is negative).

    `start` itself is never counted, business day or not: a detention on a Saturday with n=5
    lands on the fifth business day after that Saturday. n=0 returns `start`.
    """
    step = 1 if n >= 0 else -1
    day, left = start, abs(n)
    while left:
        day += timedelta(days=step)
        if is_business_day(day, closures):
            left -= 1
    return day


def business_days_between(start: date, end: date, closures: Collection[date] = ()) -> int:
    """How many business days lie after `start` up to and including `end` (negative, counted
    the same way, when `end` is before `start`).

    The inverse of `add_business_days` for n >= 0:
    `business_days_between(d, add_business_days(d, n)) == n`.
    """
    if end < start:
        return -business_days_between(end, start, closures)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_business_day(day, closures):
            count += 1
    return count
