"""What the watchlist and the known-shipper list share: their errors, text cleaning, removal.

Both lists hold parties keyed like the counter-network (`parcelbench.risk.entities`), are
changed by a supervisor or by HQ's feed, and keep removed entries (deactivated, never deleted)
so that every past hit stays explainable. Each change is one transaction with its audit row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from parcelbench.domain.clock import utc_now_iso
from parcelbench.store import audit
from parcelbench.store.db import Store


class ListError(ValueError):
    """A watchlist / known-shipper change that cannot be made; the message is one line."""


class ListNotFound(ListError):
    """The entry to remove does not exist or was already removed."""


def clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def why_no_key(kind: str) -> str:
    return {
        "name": "is not a usable name (empty or a placeholder such as 'N/A')",
        "address": (
            "is not a usable address: give the street with a house number or unit, "
            "--country, and --postcode or --city"
        ),
        "phone": (
            "is not a usable phone number: at least 7 digits, written with +country code "
            "or with --country"
        ),
        "email": "is not a usable e-mail address",
    }[kind]


def deactivate(
    store: Store,
    *,
    table: str,
    row_id: int,
    get: Callable[[sqlite3.Connection, int], Any],
    action: str,
    entity: str,
    missing: str,
    actor: str,
) -> Any:
    """Deactivate one list entry with its audit row (kept, never deleted: past hits must
    stay explainable). `table` is `watchlist` or `known_shippers`, never user input."""
    with store.transaction() as conn:
        entry = get(conn, row_id)
        if entry is None or not entry.active:
            raise ListNotFound(missing)
        conn.execute(
            f"UPDATE {table} SET active = 0, removed_by = ?, removed_at = ? WHERE id = ?",
            (actor, utc_now_iso(), row_id),
        )
        removed = get(conn, row_id)
        audit.append(conn, actor=actor, action=action, entity=entity, payload=removed.to_json())
    return removed
