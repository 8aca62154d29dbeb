"""Rule packs held by the bench: every version ever loaded, exactly one active.

A pack is stored as the text it was loaded from (with its SHA-256), so an assessment can always
be traced to the exact rules that made it. Loading a new pack and activating it is one
transaction with its audit row: a pack that fails validation never gets here, and the active
one stays active.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass

from parcelbench.domain.clock import utc_now_iso
from parcelbench.store import audit
from parcelbench.store.db import Store


@dataclass(frozen=True, slots=True)
class StoredPack:
    name: str
    version: str
    sha256: str
    body: str
    loaded_at: str
    active: bool


def activate_pack(store: Store, *, name: str, version: str, body: str, actor: str) -> StoredPack:
    """Store (or re-use) this exact pack text and make it the active one."""
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    now = utc_now_iso()
    with store.transaction() as conn:
        held = conn.execute(
            "SELECT sha256 FROM rule_packs WHERE name = ? AND version = ?", (name, version)
        ).fetchone()
        if held is not None and held[0] != digest:
            raise ValueError(
                f"rule pack {name}@{version} is already held with other rules; "
                "raise the pack's version"
            )
        conn.execute("UPDATE rule_packs SET active = 0 WHERE active = 1")
        if held is None:
            conn.execute(
                "INSERT INTO rule_packs (name, version, sha256, body, loaded_at, active) "
                "VALUES (?, ?, ?, ?, ?, 1)",
                (name, version, digest, body, now),
            )
        else:
            conn.execute(
                "UPDATE rule_packs SET active = 1 WHERE name = ? AND version = ?", (name, version)
            )
        audit.append(
            conn,
            actor=actor,
            action="rulepack.activated",
            entity=f"rulepack:{name}@{version}",
            payload={"name": name, "version": version, "sha256": digest},
        )
    return StoredPack(name, version, digest, body, now, True)


def active_pack(conn: sqlite3.Connection) -> StoredPack | None:
    row = conn.execute(
        "SELECT name, version, sha256, body, loaded_at, active FROM rule_packs WHERE active = 1"
    ).fetchone()
    return None if row is None else StoredPack(*row[:5], bool(row[5]))


def list_packs(conn: sqlite3.Connection) -> list[StoredPack]:
    rows = conn.execute(
        "SELECT name, version, sha256, body, loaded_at, active FROM rule_packs ORDER BY id"
    ).fetchall()
    return [StoredPack(*r[:5], bool(r[5])) for r in rows]
