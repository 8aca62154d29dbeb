"""The bench database as a command opens it, and what it says about itself.

Why: the window and the CLI reach data only through services (tests/test_architecture.py), so
this is where they get the handle every service function takes and the errors it may raise,
without naming the store's modules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from parcelbench.domain.chain import ChainStatus
from parcelbench.store import DiskFull, NoDatabase, Store, StoreError
from parcelbench.store.audit import verify_chain
from parcelbench.store.audit_cover import uncovered

__all__ = [
    "EVIDENCE_TABLES",
    "Database",
    "DatabaseInfo",
    "DiskFull",
    "NoDatabase",
    "StoreError",
    "describe",
    "evidence_held",
    "open_database",
    "verify_audit",
]

#: The handle every service function takes (an open bench database).
Database = Store
#: Tables whose rows are evidence: nothing may delete a database that holds any.
EVIDENCE_TABLES = frozenset({"inspections", "seizures", "photos", "scans"})


@dataclass(frozen=True, slots=True)
class DatabaseInfo:
    """Where the database is, its schema version and every table's row count (`db info`)."""

    path: Path
    schema_version: int
    tables: dict[str, int]

    def to_json(self) -> dict[str, object]:
        return {"db": str(self.path), "schema_version": self.schema_version, "tables": self.tables}


def open_database(path: str | Path | None, *, create: bool = False) -> Database:
    """The bench database at `path` (None: `$PARCELBENCH_DB`, else the default); `NoDatabase`
    when there is none and `create` is false, so a mistyped path never makes an empty one."""
    return Store(path, create=create)


def describe(db: Database) -> DatabaseInfo:
    return DatabaseInfo(db.path, db.schema_version, db.table_counts())


def verify_audit(db: Database) -> ChainStatus:
    """Walk the whole audit chain (the first row that does not follow from the one before),
    then check every evidence row against the audit rows written with it."""
    status = verify_chain(db.conn)
    if not status.ok:
        return status
    problems = uncovered(db.conn)
    if not problems:
        return status
    return replace(status, ok=False, reason="; ".join(problems[:5]))


def evidence_held(path: Path) -> dict[str, int]:
    """Evidence row counts (non-zero only) of the database at `path`."""
    with Store(path) as db:
        return {k: v for k, v in db.table_counts().items() if k in EVIDENCE_TABLES and v}
