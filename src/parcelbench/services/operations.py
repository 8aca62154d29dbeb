"""Special operations for supervisors: start one, end it, read its live counts.

The role is checked here, not by hiding buttons: the window and the CLI both come through this
service, and an officer who is not a supervisor is refused with a message that says so.
"""

from __future__ import annotations

from datetime import date

from parcelbench.domain.operations import Operation, OperationCounts
from parcelbench.domain.records import Officer, Role
from parcelbench.services.officers import require_role
from parcelbench.store import Store
from parcelbench.store import operations as store_ops
from parcelbench.store.operations import OperationError

__all__ = ["Operation", "OperationCounts", "OperationError", "end", "listing", "running", "start"]


def _day(text: str, what: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise OperationError(f"{what} {text!r} is not a date (YYYY-MM-DD)") from None


def _rate(value: float, what: str) -> float:
    if not 0.0 <= value <= 1.0:
        raise OperationError(f"{what} must be between 0 and 1 (e.g. 0.05 for 5 %)")
    return value


def start(
    store: Store,
    officer: Officer,
    name: str,
    *,
    starts_on: str,
    ends_on: str,
    targeted_rate: float = 1.0,
    random_rate: float = 0.02,
) -> Operation:
    """Start a special operation (supervisors only); at most one runs at a time."""
    require_role(officer, Role.SUPERVISOR)
    name = " ".join(name.split())
    if not name or len(name) > 80:
        raise OperationError("an operation needs a name of 1 to 80 characters")
    first, last = _day(starts_on, "start date"), _day(ends_on, "end date")
    if last < first:
        raise OperationError(f"the end date {last} is before the start date {first}")
    return store_ops.start(
        store,
        name=name,
        starts_on=first,
        ends_on=last,
        targeted_rate=_rate(targeted_rate, "the targeted rate"),
        random_rate=_rate(random_rate, "the random-exam rate"),
        actor=officer.badge,
    )


def end(store: Store, officer: Officer) -> Operation:
    require_role(officer, Role.SUPERVISOR)
    return store_ops.end(store, actor=officer.badge)


def running(store: Store) -> tuple[Operation, OperationCounts] | None:
    """The running operation and its counts so far, or None."""
    op = store_ops.running(store.conn)
    return None if op is None else (op, store_ops.counts(store.conn, op))


def listing(store: Store) -> list[Operation]:
    """Every special operation this bench has run, for choosing one to summarise."""
    return store_ops.list_operations(store.conn)
