"""The bench database, its -wal/-shm, its folder and the photos are their user's only.

Why: the database holds every officer's PIN hash and the HQ token; another user of the PC who
can read it can guess PINs offline. Checked with `stat` on files made the way the bench makes
them, whatever the umask.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from parcelbench.store import Store
from parcelbench.store.backup import copy_database
from parcelbench.store.photo_files import photos_dir, stage

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """The loosest usual umask (022): what ParcelBench makes must not depend on the user's."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_database_and_its_folder_are_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "new-folder" / "bench.sqlite"
    with Store(db) as store:
        store.conn.execute("CREATE TABLE IF NOT EXISTS t (x)")  # the WAL and its index exist
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{db}{suffix}")
            assert path.exists(), path
            assert mode(path) == 0o600, (path, oct(mode(path)))
        assert mode(db.parent) == 0o700  # made here: ParcelBench's
        staged = stage(store, b"\xff\xd8 a photo")
        assert mode(photos_dir(store)) == 0o700 and mode(staged.staged) == 0o600


def test_a_folder_the_user_chose_is_left_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o755)
    with Store(folder / "bench.sqlite"):
        pass
    assert mode(folder) == 0o755
    assert mode(folder / "bench.sqlite") == 0o600


def test_files_an_older_version_left_readable_are_tightened(tmp_path: Path) -> None:
    db = tmp_path / "bench.sqlite"
    with Store(db) as store:
        photos = photos_dir(store)
        stage(store, b"photo")
    db.chmod(0o644)
    photos.chmod(0o755)
    with Store(db, create=False) as store:
        assert mode(db) == 0o600
        stage(store, b"another photo")
        assert mode(photos_dir(store)) == 0o700


def test_a_copy_of_the_database_is_owner_only(tmp_path: Path) -> None:
    with Store(tmp_path / "bench.sqlite") as store:
        copied = copy_database(store, tmp_path / "copy.sqlite")
    assert mode(copied) == 0o600
