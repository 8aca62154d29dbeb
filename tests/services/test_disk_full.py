"""A full disk: the officer is told so plainly, nothing is half-written, the lockout still holds.

The disk is filled for real as SQLite sees it: `PRAGMA max_page_count` caps the database at the
pages it has, and audit rows are appended until one no longer fits, so every later write that
needs room fails with SQLITE_FULL, the error a full disk gives (SQLite rolls the transaction
back itself, as it does on a full disk).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from parcelbench.aed.importer import import_file
from parcelbench.domain.records import Outcome, Role
from parcelbench.services.officers import AuthError, authenticate
from parcelbench.services.outcomes import record
from parcelbench.store import DiskFull, Store, StoreError, audit
from parcelbench.store.audit import verify_chain
from tests.accounts import account
from tests.conftest import TEST_DATA, dump

PIN = "40718253"


def fill_up(store: Store) -> None:
    """No room for one more audit row: the database is as full as a full disk leaves it."""
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    for _ in range(10_000):
        try:
            with store.transaction() as conn:
                audit.append(conn, actor="t", action="t", entity="t", payload={})
        except (StoreError, sqlite3.Error):
            return
    raise AssertionError("the capped database never filled up")


@pytest.fixture
def full(tmp_path: Path) -> Store:
    store = Store(tmp_path / "bench.sqlite")
    import_file(store, TEST_DATA / "good.xml")
    account(store, "O1001", "Ana Ruiz", Role.OFFICER, PIN)
    fill_up(store)
    yield store
    store.close()


def test_recording_on_a_full_disk_says_so_and_changes_nothing(full: Store) -> None:
    officer = authenticate(full, "O1001", PIN)
    before = dump(full.path)
    with pytest.raises(DiskFull) as raised:
        record(full, officer, "RR473124829GB", Outcome.RELEASED, notes="x" * 2000)
    message = str(raised.value)
    folder = full.path.absolute().parent
    assert message == (
        f"the disk is full: free space on {folder} and try again (nothing was written)"
    )
    assert "rollback" not in message.lower()
    assert isinstance(raised.value.__cause__, sqlite3.OperationalError)  # the real error, kept
    assert not full.conn.in_transaction
    assert dump(full.path) == before
    assert verify_chain(full.conn).ok
    # space again: the same record goes in whole
    full.conn.execute("PRAGMA max_page_count = 1073741823")
    done = record(full, officer, "RR473124829GB", Outcome.RELEASED)
    assert full.table_counts()["inspections"] == 1 and done.inspection.item_id == "RR473124829GB"


def test_a_full_disk_does_not_turn_the_lockout_off(full: Store) -> None:
    """30 wrong PINs, none of them writable: the badge is locked all the same."""
    before = dump(full.path)
    for attempt in range(30):
        with pytest.raises(AuthError) as refused:
            authenticate(full, "O1001", f"5{attempt:07d}")
        if attempt < 5:
            assert "not recognised" in str(refused.value)
            assert "the disk is full" in str(refused.value)  # the failure could not be written
        else:
            assert "is locked" in str(refused.value)
    with pytest.raises(AuthError, match=r"O1001 is locked for 1[45] more minute"):
        authenticate(full, "O1001", PIN)  # the right PIN, refused while locked
    assert dump(full.path) == before  # nothing could be written, and nothing half-written


def test_the_count_in_memory_is_per_database(full: Store, tmp_path: Path) -> None:
    account_store = Store(tmp_path / "other.sqlite")
    try:
        account(account_store, "O1001", "Ana Ruiz", Role.OFFICER, PIN)
        for _ in range(5):
            with pytest.raises(AuthError):
                authenticate(full, "O1001", "59183726")
        assert authenticate(account_store, "O1001", PIN).badge == "O1001"  # another database
    finally:
        account_store.close()
