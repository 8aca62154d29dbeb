"""Workstation settings (facility, port code…) in the database's `settings` table.

Reports and seizure numbers print them, so every change is audited.
"""

from __future__ import annotations

import sqlite3

from parcelbench.store import audit
from parcelbench.store.db import Store


def get_setting(conn: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else default


def set_setting(store: Store, key: str, value: str, actor: str) -> None:
    """Set a workstation setting (facility, port code…); audited, since reports print them."""
    with store.transaction() as conn:
        previous = get_setting(conn, key)
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
        audit.append(
            conn,
            actor=actor,
            action="setting.changed",
            entity=f"setting:{key}",
            payload={"key": key, "value": value, "previous": previous},
        )
