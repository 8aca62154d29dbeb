"""Detentions: the notice an officer gives and the clocks the law starts.

Why: when goods are detained, 19 U.S.C. 1499(c) gives CBP 5 days from presentation, excluding
weekends and holidays, to decide on them, and goods still undecided 30 days after presentation
are treated as excluded (the importer may then protest and go to court). A detention nobody
watches becomes a deemed exclusion nobody chose, so the bench computes both dates for every
open detention and says which are overdue. 19 CFR 151.16 lists what the detention notice must
tell the importer; `DetentionNotice` holds those facts and refuses an incomplete one.

The bench records a detention when the parcel is examined, which for mail is when USPS
presents it; the detention's timestamp therefore stands in for the presentation date. The
day boundary is the facility's local date (inspections are stored in UTC, and a parcel
detained at 21:00 in New York is detained "today" there, not "tomorrow" in UTC).

Pure: no Qt, no SQL. The store lists open detentions (`DetentionRecord`); services join each
with its clock (`Detention`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from parcelbench.domain.business_days import add_business_days, business_days_between

__all__ = [
    "DECISION_BUSINESS_DAYS",
    "EXCLUSION_DAYS",
    "NOTICE_METHODS",
    "ClockStatus",
    "Detention",
    "DetentionClock",
    "DetentionNotice",
    "DetentionRecord",
    "DetentionState",
    "NoticeError",
    "local_date",
]

#: 19 U.S.C. 1499(c)(1): decide within 5 days (excluding weekends and holidays) of presentation.
DECISION_BUSINESS_DAYS = 5
#: 19 U.S.C. 1499(c)(5)(A): no decision within 30 days after presentation is an exclusion.
EXCLUSION_DAYS = 30
#: How the notice reached the importer; "none-yet" while it is still to be sent.
NOTICE_METHODS: tuple[str, ...] = ("mail", "e-mail", "none-yet")


class NoticeError(ValueError):
    """A detention notice is incomplete or malformed; `field` names the field to fix."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"detention notice: {field_name}: {message}")
        self.field = field_name


@dataclass(frozen=True, slots=True)
class DetentionNotice:
    """What the importer is told about a detention (19 CFR 151.16(c)).

    `reason` is the specific reason for the detention; `anticipated_length` how long it is
    expected to last (free text: "5 business days", "until FDA lab results"); `tests_pending`
    the tests or inspections to be done; `information_requested` what the importer could supply
    to speed up the decision; `addressee` whom the notice goes to and `notice_method` how (mail,
    e-mail, or none-yet while it is still to be sent).
    """

    reason: str
    tests_pending: str
    information_requested: str
    addressee: str = ""
    notice_method: str = "none-yet"
    anticipated_length: str = ""

    def check(self) -> DetentionNotice:
        """The notice itself, when complete; `NoticeError` naming the first missing field.

        A notice still to be sent may leave the addressee blank; one that was sent cannot.
        """
        for name in ("reason", "anticipated_length", "tests_pending", "information_requested"):
            if not getattr(self, name).strip():
                raise NoticeError(name, "is required (19 CFR 151.16(c) requires it in the notice)")
        if self.notice_method not in NOTICE_METHODS:
            raise NoticeError(
                "notice_method",
                f"{self.notice_method!r} is not one of {', '.join(NOTICE_METHODS)}",
            )
        if self.notice_method != "none-yet" and not self.addressee.strip():
            raise NoticeError(
                "addressee", f"is required once the notice is sent by {self.notice_method}"
            )
        return self

    def to_json(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DetentionNotice:
        """A notice from `to_json`'s shape. Unknown keys and non-text values are refused (a
        stored notice is evidence: nothing in it is silently dropped); completeness is
        `check()`'s business, so a draft still being written can be read back."""
        if not isinstance(data, dict):
            raise NoticeError("notice", f"expected an object, got {type(data).__name__}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise NoticeError(unknown[0], "is not a field of a detention notice")
        for name, value in data.items():
            if not isinstance(value, str):
                raise NoticeError(name, f"must be text, got {type(value).__name__}")
        for name in ("reason", "tests_pending", "information_requested"):
            if name not in data:
                raise NoticeError(name, "is missing")
        return cls(**data)


def local_date(at: str, tz: tzinfo | None = None) -> date:
    """The calendar date of the stored UTC timestamp `at` in zone `tz` (None: this machine's
    local zone). A timestamp without an offset is taken as UTC, as the store writes them."""
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).date()


class DetentionState(StrEnum):
    OPEN = "open"
    DECISION_OVERDUE = "decision overdue"
    DEEMED_EXCLUDED = "deemed excluded"

    @property
    def urgency(self) -> int:
        """0 for the most urgent state; sorts detention lists."""
        return {"deemed excluded": 0, "decision overdue": 1, "open": 2}[self.value]


@dataclass(frozen=True, slots=True)
class ClockStatus:
    """Where one detention stands on a given day.

    `days_left` counts business days to the decision due date (0: due today; negative: business
    days since it, at least 1 once it has passed, so a Saturday after a Friday due date is -1).
    `days_to_exclusion` counts calendar days to the 30th day (negative: days since the goods
    were deemed excluded).
    """

    state: DetentionState
    days_left: int
    days_to_exclusion: int

    def label(self) -> str:
        """One line for a person: the state and the count that matters in it."""
        if self.state is DetentionState.OPEN:
            if self.days_left == 0:
                return "open · decision due today"
            return f"open · {_days(self.days_left, 'business day')} left to decide"
        if self.state is DetentionState.DECISION_OVERDUE:
            return (
                f"decision overdue by {_days(-self.days_left, 'business day')} · "
                f"deemed excluded in {_days(self.days_to_exclusion + 1, 'day')}"
            )
        return f"deemed excluded · {_days(-self.days_to_exclusion, 'day')} past the 30th day"


def _days(n: int, unit: str) -> str:
    return f"{n} {unit}{'' if n == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class DetentionClock:
    """The two statutory dates of one detention, from its local detention date.

    `decision_due` is the 5th business day after `detained_on` (the detention day itself is
    never counted): a decision that day is on time, from the next day it is overdue.
    `excluded_on` is the 30th calendar day after `detained_on`: the last day of the 30, so the
    goods are deemed excluded from the day after it. `closures` are extra days federal offices
    were closed (by executive order) that the facility does not count as business days.
    """

    detained_on: date
    closures: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def starting(
        cls, detained_at: str, tz: tzinfo | None = None, closures: frozenset[date] = frozenset()
    ) -> DetentionClock:
        """The clock of a detention recorded at `detained_at` (UTC ISO), in the zone `tz`."""
        return cls(local_date(detained_at, tz), closures)

    @property
    def decision_due(self) -> date:
        return add_business_days(self.detained_on, DECISION_BUSINESS_DAYS, self.closures)

    @property
    def excluded_on(self) -> date:
        return self.detained_on + timedelta(days=EXCLUSION_DAYS)

    def state(self, today: date) -> ClockStatus:
        """Where the detention stands on the local date `today`."""
        due = self.decision_due
        days_left = business_days_between(today, due, self.closures)
        if today > due and days_left == 0:
            days_left = -1  # a weekend after the due date is still past it
        days_to_exclusion = (self.excluded_on - today).days
        if days_to_exclusion < 0:
            state = DetentionState.DEEMED_EXCLUDED
        elif today > due:
            state = DetentionState.DECISION_OVERDUE
        else:
            state = DetentionState.OPEN
        return ClockStatus(state, days_left, days_to_exclusion)


@dataclass(frozen=True, slots=True)
class DetentionRecord:
    """An open detention as the store lists it: the inspection that detained the parcel.

    `detained_at` starts the clock: the `at` of this inspection, or of the earliest inspection
    in the chain of records it amends (a correction fixes the record of an examination already
    made; it does not restart the statutory clock). `at` is when this record was written.
    """

    inspection_id: str
    item_id: str
    at: str
    officer_badge: str
    reason: str | None
    notes: str | None
    detained_at: str


@dataclass(frozen=True, slots=True)
class Detention:
    """One open detention with its clock and where it stands on `today`."""

    record: DetentionRecord
    clock: DetentionClock
    status: ClockStatus
    today: date

    @property
    def overdue(self) -> bool:
        return self.status.state is not DetentionState.OPEN

    def sort_key(self) -> tuple[int, date, str, str]:
        """Most urgent first: deemed excluded, then decision overdue, then open; within a
        state the earliest decision due date first."""
        return (
            self.status.state.urgency,
            self.clock.decision_due,
            self.record.detained_at,
            self.record.item_id,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "item_id": self.record.item_id,
            "inspection_id": self.record.inspection_id,
            "detained_at": self.record.detained_at,
            "detained_on": self.clock.detained_on.isoformat(),
            "decision_due": self.clock.decision_due.isoformat(),
            "excluded_on": self.clock.excluded_on.isoformat(),
            "state": str(self.status.state),
            "days_left": self.status.days_left,
            "days_to_exclusion": self.status.days_to_exclusion,
            "officer_badge": self.record.officer_badge,
            "reason": self.record.reason,
            "as_of": self.today.isoformat(),
        }
