"""A consistent copy of a bench database, taken while it may be in use.

Why SQLite's online backup and not a file copy: the database runs in WAL mode, so the main file
alone can lack committed transactions that still sit in the `-wal` file; the backup API copies
the database as one transaction sees it, whatever the window or sync loop is doing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from parcelbench.store.db import Store, StoreError
from parcelbench.store.private import private_file


def copy_database(store: Store, dest: Path) -> Path:
    """Write a copy of `store` to `dest` (a new file, 0600: it holds what the bench holds,
    PIN hashes and the HQ token); returns `dest`."""
    if dest.exists():
        raise StoreError(f"{dest} exists; a copy is only written to a new file")
    dest.parent.mkdir(parents=True, exist_ok=True)
    private_file(dest)
    target = sqlite3.connect(dest)
    try:
        store.conn.backup(target)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot copy {store.path} to {dest}: {exc}") from None
    finally:
        target.close()
    return dest
