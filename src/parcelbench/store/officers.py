"""Officer accounts on this bench: badge, name, role, PIN hash, active.

Accounts come from HQ's feed or from `parcelbench officer add`; each change writes an audit
row (never the PIN hash) but no outbox event: HQ is where accounts come from, not where they
go. PINs are hashed and checked in `parcelbench.services.officers`.
"""

from __future__ import annotations

import sqlite3

from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.records import Officer, Role
from parcelbench.store import audit
from parcelbench.store.audit_cover import pin_digest
from parcelbench.store.db import Store


def save_officer(store: Store, officer: Officer, *, actor: str) -> None:
    payload = {
        "badge": officer.badge,
        "name": officer.name,
        "role": str(officer.role),
        "active": officer.active,
        "pin": pin_digest(officer.pin_hash),
    }  # never the PIN hash itself: a digest, so the chain vouches for it (store/audit_cover)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO officers (badge, name, role, pin_hash, active, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (badge) DO UPDATE SET name = excluded.name, "
            "role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active, "
            "updated_at = excluded.updated_at",
            (
                officer.badge,
                officer.name,
                str(officer.role),
                officer.pin_hash,
                int(officer.active),
                utc_now_iso(),
            ),
        )
        audit.append(
            conn,
            actor=actor,
            action="officer.saved",
            entity=f"officer:{officer.badge}",
            payload=payload,
        )


def get_officer(conn: sqlite3.Connection, badge: str) -> Officer | None:
    row = conn.execute(
        "SELECT badge, name, role, pin_hash, active FROM officers WHERE badge = ?", (badge,)
    ).fetchone()
    if row is None:
        return None
    return Officer(row[0], row[1], Role(row[2]), row[3], bool(row[4]))


def list_officers(conn: sqlite3.Connection) -> list[Officer]:
    rows = conn.execute(
        "SELECT badge, name, role, pin_hash, active FROM officers ORDER BY badge"
    ).fetchall()
    return [Officer(r[0], r[1], Role(r[2]), r[3], bool(r[4])) for r in rows]


def rehash_pin(store: Store, badge: str, old_hash: str, new_hash: str) -> bool:
    """Replace a badge's PIN hash by a stronger hash of the same PIN (made at login, when the
    PIN is known); only if the hash is still `old_hash`, so a change from HQ meanwhile wins.
    An audit row says it happened (never either hash). False when nothing was replaced."""
    with store.transaction() as conn:
        cur = conn.execute(
            "UPDATE officers SET pin_hash = ?, updated_at = ? WHERE badge = ? AND pin_hash = ?",
            (new_hash, utc_now_iso(), badge, old_hash),
        )
        if cur.rowcount != 1:
            return False
        audit.append(
            conn,
            actor=badge,
            action="officer.pin_rehashed",
            entity=f"officer:{badge}",
            payload={"badge": badge},
        )
    return True
