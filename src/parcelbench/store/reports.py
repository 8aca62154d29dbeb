"""What the operation / period summary reads: one fact row per inspection, seizure totals.

Amended inspections count once, as the parcel's latest outcome (the same rule as the live
operation counts). Strata come from the AED version the officer saw when deciding.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

#: (outcome, targeted, noncompliance JSON, risk JSON, mail_class, category, origin country)
FactRow = tuple[str, int, str, str, str | None, str | None, str | None]


def inspection_facts(conn: sqlite3.Connection, since: str, until: str) -> Iterator[FactRow]:
    """Every latest inspection with `since <= at < until` (ISO 8601 UTC text)."""
    cursor = conn.execute(
        "SELECT i.outcome, i.targeted, i.noncompliance, i.risk, a.mail_class, a.category, "
        "p.country FROM inspections i "
        "LEFT JOIN aed_items a ON a.item_id = i.item_id AND a.version = i.aed_version "
        "LEFT JOIN aed_parties p ON p.id = a.sender_id "
        "WHERE i.at >= ? AND i.at < ? AND NOT EXISTS "
        "(SELECT 1 FROM inspections later WHERE later.amends = i.uuid)",
        (since, until),
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
