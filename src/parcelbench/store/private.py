"""Owner-only files and folders for bench data: the database, its -wal/-shm, the photos.

Why: the bench database holds every officer's PIN hash and the HQ token, and the photos are
evidence; on a shared PC another user must not read them (a PIN hash read is a PIN guessed
offline). New files are made 0600 and new folders 0700 here; files this user owns that an
older version left readable by others are tightened when the bench opens them. SQLite makes a
database's -wal and -shm with the database file's own mode, so a 0600 database keeps them
private too. A folder the user chose for the database (`--db ./x.sqlite`) is never changed:
only folders made here, the default data folder and the photos folder are ParcelBench's.
On Windows the user's profile folder already keeps other users out; nothing is done there.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
POSIX = os.name == "posix"


def _tighten(path: Path, mode: int) -> None:
    """chmod `path` to `mode` when this user owns it and others can reach it; else nothing."""
    if not POSIX:
        return
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    if st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & 0o077:
        with contextlib.suppress(OSError):  # a read-only file system: reading still works
            path.chmod(mode)


def private_dir(path: Path, *, ours: bool = True) -> None:
    """Make the folder (0700 when made here); an existing one is tightened only if `ours`."""
    existed = path.is_dir()
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if ours or not existed:
        _tighten(path, DIR_MODE)


def private_file(path: Path) -> None:
    """Create `path` empty and 0600 if missing (before SQLite opens it, so it is never 0644
    for an instant); tighten it if it exists, is ours and others can read it."""
    if POSIX:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
        except FileExistsError:
            pass
        else:
            os.close(fd)
    _tighten(path, FILE_MODE)


def private_database(path: Path) -> None:
    """The database file and the -wal and -shm beside it, tightened (see the module doc)."""
    for suffix in ("-wal", "-shm"):
        _tighten(Path(f"{path}{suffix}"), FILE_MODE)
    _tighten(path, FILE_MODE)
