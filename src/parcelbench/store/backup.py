"""A consistent copy of a bench database, taken while it may be in use, and what a copy holds.

Why SQLite's online backup and not a file copy: the database runs in WAL mode, so the main file
alone can lack committed transactions that still sit in the `-wal` file; the backup API copies
the database as one transaction sees it, whatever the window or sync loop is doing. With every
page copied in one step the source is read under one read transaction, which in WAL mode never
blocks a writer (nor restarts because of one).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from parcelbench.domain.chain import GENESIS_HASH, ChainStatus
from parcelbench.store.audit import verify_chain
from parcelbench.store.db import Store, StoreError, copy_connection
from parcelbench.store.schema import SCHEMA_VERSION


def copy_database(store: Store, dest: Path) -> Path:
    """Write a copy of `store` to `dest` (a new file, 0600); returns `dest`."""
    return copy_connection(store.conn, store.path, dest)


def snapshot(store: Store, dest: Path) -> Path:
    """A self-contained copy for a backup file: one consistent snapshot in a new owner-only
    file, in rollback-journal mode (no `-wal` beside it to lose), fsynced."""
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)  # an empty file is a valid empty database; SQLite writes into it
    target = sqlite3.connect(dest, isolation_level=None)
    try:
        store.conn.backup(target)  # pages=-1: every page in one step, one read transaction
        target.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot copy {store.path} to {dest}: {exc}") from None
    finally:
        target.close()
    with open(dest, "rb+") as fh:
        os.fsync(fh.fileno())
    return dest


@dataclass(frozen=True, slots=True)
class CopyFacts:
    """What a database copy holds, read without changing it (no migration, no WAL switch)."""

    schema_version: int
    integrity: list[str]
    chain: ChainStatus
    photos: frozenset[str] = field(default_factory=frozenset)

    @property
    def newer(self) -> bool:
        """Made by a ParcelBench whose schema this one does not know."""
        return self.schema_version > SCHEMA_VERSION

    @property
    def intact(self) -> bool:
        return self.integrity == ["ok"]


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def examine_copy(path: Path) -> CopyFacts:
    """Schema version, integrity check, audit chain and referenced photos of a copy, read-only.

    A copy newer than this version is only asked its version: its tables may mean other things.
    """
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path}: {exc}") from None
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        empty = ChainStatus(False, 0, GENESIS_HASH, None, "not read")
        if version > SCHEMA_VERSION:
            return CopyFacts(version, [], empty)
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            return CopyFacts(version, integrity, empty)
        chain = verify_chain(conn) if _has_table(conn, "audit_log") else empty
        photos = (
            frozenset(row[0] for row in conn.execute("SELECT DISTINCT sha256 FROM photos"))
            if _has_table(conn, "photos")
            else frozenset()
        )
        return CopyFacts(version, integrity, chain, photos)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a ParcelBench database ({exc})") from None
    finally:
        conn.close()


def quiesce(path: Path) -> None:
    """Fold the `-wal` of the database at `path` into its main file before it is moved aside,
    refusing when another connection has it open (the window, sync, an import).

    Left as it is otherwise (no migration): it is evidence, kept aside, not a bench in use.
    Leaving WAL mode needs the only connection, which is how a user still holding it is found.
    """
    in_use = StoreError(
        f"{path} is in use (another program holds it open); close the bench window and stop "
        "sync and imports, then restore again"
    )
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True, timeout=2.0)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path}: {exc}") from None
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise in_use
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise in_use
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise in_use from None
        raise StoreError(f"cannot set {path} aside: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a ParcelBench database ({exc})") from None
    finally:
        conn.close()
