"""Opening an older database takes a copy of it, as it was, before migrating it.

Why: an installed bench upgraded in place migrates its evidence database at its first start;
the copy is the way back if the migration or the new version goes wrong.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from parcelbench.store import Store
from parcelbench.store.db import migration_backup_path
from parcelbench.store.schema import MIGRATIONS, SCHEMA_VERSION


def old_database(path: Path, version: int = SCHEMA_VERSION - 1) -> Path:
    """A database as ParcelBench at schema `version` left it, holding one row."""
    raw = sqlite3.connect(path, isolation_level=None)
    try:
        for number, script in enumerate(MIGRATIONS[:version], start=1):
            raw.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        raw.execute("INSERT INTO sync_state (key, value) VALUES ('cursor', '42')")
    finally:
        raw.close()
    return path


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("*-backup-*.sqlite"))


def test_an_older_database_is_copied_before_it_is_migrated(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = old_database(tmp_path / "bench.sqlite")
    with caplog.at_level(logging.WARNING, logger="parcelbench.store.db"), Store(path) as opened:
        assert opened.schema_version == SCHEMA_VERSION
        assert opened.conn.execute("SELECT value FROM sync_state").fetchall() == [("42",)]
        copy = opened.migration_backup
    assert copy is not None and backups(tmp_path) == [copy]
    assert copy.name.startswith(f"bench.sqlite.v{SCHEMA_VERSION - 1}-backup-")
    raw = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
        assert raw.execute("SELECT key, value FROM sync_state").fetchall() == [("cursor", "42")]
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        raw.close()
    if os.name == "posix":  # it holds the PIN hashes and the HQ token, as the database does
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert str(copy) in caplog.text  # the log says where the copy is


def test_the_copy_is_taken_once(tmp_path: Path) -> None:
    path = old_database(tmp_path / "bench.sqlite", version=1)
    with Store(path):
        pass
    with Store(path) as again:
        assert again.migration_backup is None
    assert len(backups(tmp_path)) == 1


def test_a_new_or_current_database_makes_no_copy(tmp_path: Path) -> None:
    path = tmp_path / "bench.sqlite"
    with Store(path) as new:  # version 0: nothing to keep
        assert new.migration_backup is None
    with Store(path) as current:
        assert current.migration_backup is None
    assert backups(tmp_path) == []


def test_backup_names_sort_by_time_and_keep_the_version() -> None:
    when = datetime(2026, 11, 27, 10, 15, 0, 123456, tzinfo=UTC)
    name = migration_backup_path(Path("/data/bench.sqlite"), 3, when)
    assert name == Path("/data/bench.sqlite.v3-backup-20261127T101500123456Z.sqlite")
