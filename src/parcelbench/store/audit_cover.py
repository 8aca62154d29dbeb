"""Evidence tables checked against the audit chain: the chain vouches for the rows themselves.

Why: the chain proves its own rows were not rewritten, but a court reads the inspections,
seizures, photos and officer accounts tables. Someone with the database file could edit a
seizure's quantity or an officer's role there and leave the chain intact. Every such row was
written in the same transaction as an audit row whose payload holds its fields, so each row is
compared with what its audit rows say (the record row, and for a seizure's status the latest
decision); a difference is reported with the table, the row and the field.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from typing import Any

#: The chained fields of an officer's PIN: a digest of its hash (the hash itself never leaves
#: the accounts table), so a PIN replaced in the file no longer matches its audit row.
PIN_DIGEST_CHARS = 16


def pin_digest(pin_hash: str | None) -> str | None:
    if not pin_hash:
        return None
    return hashlib.sha256(pin_hash.encode("utf-8")).hexdigest()[:PIN_DIGEST_CHARS]


def _same(column: Any, said: Any) -> bool:
    if isinstance(said, bool):
        return column in (0, 1) and bool(column) is said
    if isinstance(said, list | dict):
        try:
            return json.loads(column) == said if isinstance(column, str) else column == said
        except ValueError:
            return False
    if isinstance(said, int | float) and isinstance(column, int | float):
        return float(column) == float(said)
    return bool(column == said)


def _differs(row: sqlite3.Row, said: dict[str, Any], skip: tuple[str, ...] = ()) -> str | None:
    for name in row.keys():  # noqa: SIM118 - iterating a Row yields its values
        if name in said and name not in skip and not _same(row[name], said[name]):
            return f"{name} is {row[name]!r} but its audit row says {said[name]!r}"
    return None


def _audit_by_entity(conn: sqlite3.Connection) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    found: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for entity, action, payload in conn.execute(
        "SELECT entity, action, payload FROM audit_log WHERE entity LIKE 'inspection:%' "
        "OR entity LIKE 'seizure:%' OR entity LIKE 'photo:%' OR entity LIKE 'officer:%' "
        "ORDER BY seq"
    ):
        found[entity].append((action, json.loads(payload)))
    return found


def uncovered(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    """Evidence rows that differ from (or lack) the audit rows written with them."""
    audit = _audit_by_entity(conn)
    problems: list[str] = []
    old_factory = conn.row_factory
    conn.row_factory = sqlite3.Row
    try:
        for row in conn.execute("SELECT * FROM inspections ORDER BY rowid"):
            said = [
                p for a, p in audit.get(f"inspection:{row['uuid']}", []) if a.endswith("recorded")
            ]
            problem = _differs(row, said[0]) if said else "it has no audit row"
            if problem:
                problems.append(f"inspection {row['uuid']}: {problem}")
        for row in conn.execute("SELECT * FROM seizures ORDER BY rowid"):
            rows = audit.get(f"seizure:{row['seizure_number']}", [])
            recorded = [p for a, p in rows if a == "seizure.recorded"]
            decided = [p for a, p in rows if a.startswith("seizure.") and "status" in p]
            problem = (
                _differs(row, recorded[0], skip=("status",))
                if recorded
                else ("it has no audit row")
            )
            if problem is None and decided and decided[-1]["status"] != row["status"]:
                problem = (
                    f"status is {row['status']!r} but its audit rows say {decided[-1]['status']!r}"
                )
            if problem:
                problems.append(f"seizure {row['seizure_number']}: {problem}")
        for row in conn.execute("SELECT * FROM photos ORDER BY rowid"):
            said = [
                p
                for a, p in audit.get(f"photo:{row['sha256']}", [])
                if a == "photo.attached" and p.get("inspection_uuid") == row["inspection_uuid"]
            ]
            problem = _differs(row, said[0]) if said else "it has no audit row"
            if problem:
                problems.append(f"photo {row['sha256'][:12]}…: {problem}")
        for row in conn.execute("SELECT * FROM officers ORDER BY rowid"):
            saved = [p for a, p in audit.get(f"officer:{row['badge']}", []) if a == "officer.saved"]
            if not saved:
                problem: str | None = "it has no audit row"
            else:
                problem = _differs(row, saved[-1])
                pin = saved[-1].get("pin")
                if problem is None and pin is not None and pin != pin_digest(row["pin_hash"]):
                    problem = "its PIN is not the one its audit row vouches for"
            if problem:
                problems.append(f"officer {row['badge']}: {problem}")
            if len(problems) >= limit:
                break
    finally:
        conn.row_factory = old_factory
    return problems[:limit]
