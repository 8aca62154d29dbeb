"""Open detentions and their statutory clocks: what the CLI and the window both list.

Why a service: the window and the CLI must say the same thing about which detained parcels are
overdue, so the join of the store's open detentions with their clocks, the day they are judged
on and the order they are shown in are decided here once. Most urgent first, because the list
exists to get decisions made before goods are excluded by default (19 U.S.C. 1499(c)).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, tzinfo

from parcelbench.domain.detention import (
    Detention,
    DetentionClock,
    DetentionRecord,
    DetentionState,
    local_date,
)
from parcelbench.store import Store
from parcelbench.store import detentions as store_detentions

__all__ = ["Detention", "DetentionState", "judge", "open_detentions", "overdue"]


def _today(tz: tzinfo | None) -> date:
    """Today's date at the facility (`tz`, None: this machine's local zone)."""
    return datetime.now(tz).date() if tz is not None else date.today()


def judge(
    record: DetentionRecord,
    today: date,
    tz: tzinfo | None = None,
    closures: Collection[date] = (),
) -> Detention:
    """One open detention's clock and where it stands on `today`."""
    clock = DetentionClock(local_date(record.detained_at, tz), frozenset(closures))
    return Detention(record, clock, clock.state(today), today)


def open_detentions(
    store: Store,
    today: date | None = None,
    tz: tzinfo | None = None,
    *,
    closures: Collection[date] = (),
) -> list[Detention]:
    """Every parcel still detained, with its clock as of `today` (default: today in `tz`),
    most urgent first: deemed excluded, then decision overdue, then open.

    `tz` is the facility's zone, which sets the day each detention started (default: this
    machine's local zone); `closures` are extra days federal offices were closed.
    """
    day = today if today is not None else _today(tz)
    found = [judge(r, day, tz, closures) for r in store_detentions.open_detentions(store.conn)]
    return sorted(found, key=Detention.sort_key)


def overdue(
    store: Store,
    today: date | None = None,
    tz: tzinfo | None = None,
    *,
    closures: Collection[date] = (),
) -> list[Detention]:
    """The open detentions past their decision due date (or deemed excluded), most urgent
    first: the list a supervisor works through first thing in the morning."""
    return [d for d in open_detentions(store, today, tz, closures=closures) if d.overdue]
