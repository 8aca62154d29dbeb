"""What the operation / period summary reads: one fact row per parcel, seizure totals.

A parcel counts once, as its latest record in the window: an amended inspection is replaced by
its amendment, and a detention by the decision that resolved it (the same rule as the live
operation counts). Strata come from the AED version the officer saw when deciding.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

#: (outcome, targeted, noncompliance JSON, risk JSON, mail_class, category, origin country,
#:  selection, return reason, referral answered (NULL) as a finding (1) or not (0))
FactRow = tuple[
    str, int, str, str, str | None, str | None, str | None, str | None, str | None, int | None
]

#: The latest record of each parcel in [?, ?): not amended, not followed by a later record of
#: the same parcel inside the window.
LATEST_IN_WINDOW = (
    "FROM inspections i WHERE i.at >= ? AND i.at < ? "
    "AND NOT EXISTS (SELECT 1 FROM inspections later WHERE later.amends = i.uuid) "
    "AND NOT EXISTS (SELECT 1 FROM inspections later WHERE later.item_id = i.item_id "
    "AND later.at < ? AND (later.at > i.at OR (later.at = i.at AND later.rowid > i.rowid)))"
)


def inspection_facts(conn: sqlite3.Connection, since: str, until: str) -> Iterator[FactRow]:
    """Every parcel's latest inspection with `since <= at < until` (ISO 8601 UTC text)."""
    cursor = conn.execute(
        "SELECT i.outcome, i.targeted, i.noncompliance, i.risk, a.mail_class, a.category, "
        "p.country, i.selection, json_extract(i.exam, '$.return_reason'), r.finding "
        "FROM (SELECT i.* " + LATEST_IN_WINDOW + ") i "
        "LEFT JOIN aed_items a ON a.item_id = i.item_id AND a.version = i.aed_version "
        "LEFT JOIN aed_parties p ON p.id = a.sender_id "
        "LEFT JOIN referral_answers r ON r.inspection_uuid = i.uuid",
        (since, until, until),
    )
    while rows := cursor.fetchmany(5000):
        yield from rows


def latest_inspection_at(conn: sqlite3.Connection) -> str | None:
    """When the bench's latest inspection was recorded (ISO 8601 UTC), None before the first."""
    row = conn.execute("SELECT max(at) FROM inspections").fetchone()
    return row[0] if row else None


def seizure_totals(conn: sqlite3.Connection, since: str, until: str) -> list[tuple[Any, ...]]:
    """(category, seizures, total weight g) for seizures made in the period, by category."""
    return conn.execute(
        "SELECT category, count(*), coalesce(sum(weight_g), 0) FROM seizures "
        "WHERE at >= ? AND at < ? GROUP BY category ORDER BY count(*) DESC, category",
        (since, until),
    ).fetchall()
