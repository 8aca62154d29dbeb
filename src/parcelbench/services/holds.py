"""Holds: the targeting list a supervisor imports, and what the bench asks of it on each scan.

A targeting list is all or nothing. A list that imported "except row 212" would leave a parcel
targeted at HQ but invisible at the bench, which is the very failure holds exist to prevent; so
every row is checked first (parcel id and check digit, reason, source, date) and one bad row
refuses the whole file, with a one-line message naming the file, line and field (and every
problem in `HoldsRefused.problems`). Importing is a supervisor's decision, checked here so the
CLI and the window cannot differ.

Accepted files: CSV with the header `item_id,reason,source,targeted_on` (any order, extra
columns ignored and reported; `,`, `;` or tab separated), or JSON Lines with the same keys, in
UTF-8. `targeted_on` is a date, `YYYY-MM-DD`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from parcelbench.domain.holds import STATUSES, Hold, HoldCounts, HoldImport
from parcelbench.domain.holds_file import (
    COLUMNS,
    HoldProblem,
    HoldsFile,
    HoldsRefused,
    read_holds_file,
)
from parcelbench.domain.records import Officer, Role
from parcelbench.ids import parse as parse_id
from parcelbench.services.officers import require_role
from parcelbench.store import Store
from parcelbench.store import holds as store_holds

__all__ = [
    "COLUMNS",
    "HoldProblem",
    "HoldsFile",
    "HoldsRefused",
    "import_holds",
    "read_holds_file",
]

UNATTRIBUTED = "bench"  # the audit actor of a located hold when no officer is logged in


# -- the services -----------------------------------------------------------------------------


def import_holds(
    store: Store, path: str | Path, officer: Officer, *, today: date | None = None
) -> HoldImport:
    """Import a targeting list for a supervisor: all rows in one transaction, or none.

    Raises `AuthError` for anyone but a supervisor (before the file is read) and
    `HoldsRefused` when any row is bad; in both cases the store is unchanged.
    """
    require_role(officer, Role.SUPERVISOR)
    checked = read_holds_file(path, today=today)
    return store_holds.import_holds(
        store,
        checked.holds,
        file=checked.file,
        file_format=checked.format,
        sha256=checked.sha256,
        actor=officer.badge,
        rows=checked.rows,
    )


def hold_for(store: Store, item_id: str) -> Hold | None:
    """The hold for a scanned or typed id (any form `parcelbench.ids.parse` accepts).

    None when the parcel was never targeted, or when the id is not a valid parcel id (a misread
    is never matched to another parcel's hold). An examined hold is returned as well: check
    `hold.open` before showing the parcel as held.
    """
    parsed = parse_id(item_id)
    if not parsed.valid:
        return None
    return store_holds.get_hold(store.conn, parsed.normalized)


def located(store: Store, item_id: str, *, officer: str | None = None) -> Hold | None:
    """A parcel was scanned: mark its outstanding hold located, and return its hold.

    Call it on every scan (it writes only for an outstanding hold); the result is what
    `hold_for` would return afterwards. `officer` is the logged-in badge, for the audit row.
    """
    parsed = parse_id(item_id)
    if not parsed.valid:
        return None
    return store_holds.mark_located(store, parsed.normalized, actor=officer or UNATTRIBUTED)


def counts(store: Store) -> HoldCounts:
    """Holds per status; `counts(store).outstanding` / `.label()` feed the status bar."""
    return store_holds.count_by_status(store.conn)


def list_holds(store: Store, status: str | None = None, *, limit: int | None = None) -> list[Hold]:
    """Holds in one status (or all), outstanding first, oldest targeting first."""
    return store_holds.list_holds(store.conn, status=status, limit=limit)


__all__ = [
    "COLUMNS",
    "STATUSES",
    "Hold",
    "HoldCounts",
    "HoldImport",
    "HoldProblem",
    "HoldsFile",
    "HoldsRefused",
    "counts",
    "hold_for",
    "import_holds",
    "list_holds",
    "located",
    "read_holds_file",
]
