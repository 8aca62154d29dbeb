"""Evidence photo files beside the database: staged before a record's transaction, put in place
inside it, swept when no committed record holds them.

Why this order: a photo is part of the record it documents, so an inspection, its seizure lines
and its photos commit together or not at all. The bytes are written and fsynced to a staging
file *before* the transaction (slow I/O outside the write lock), renamed to `<sha256><suffix>`
*inside* it just before COMMIT, and the folder is fsynced. After a crash at any instant either
the committed rows have their files, or a renamed file has no committed row; `sweep` removes
those, and staging files a crash left behind. It runs inside a write transaction, so no other
writer can be between its rename and its commit while it looks.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from parcelbench.store.db import Store
from parcelbench.store.private import private_dir

STAGING = ".incoming-"
STALE_S = 600.0  # a staging file this old belongs to no writer still running


def photos_dir(store: Store) -> Path:
    """The folder of evidence photos, beside the database file (`bench.sqlite.photos`)."""
    return photos_folder(store.path)


def photos_folder(db_path: Path) -> Path:
    """The photos folder of the database at `db_path`, open or not (a restore's target)."""
    return db_path.with_name(db_path.name + ".photos")


def photo_file(folder: Path, sha256: str) -> Path | None:
    """The file holding the photo with this SHA-256 in `folder` (any suffix), if there is one."""
    found = sorted(folder.glob(f"{sha256}.*")) if folder.is_dir() else []
    return next((p for p in found if not p.name.startswith(STAGING)), None)


@dataclass(frozen=True, slots=True)
class StagedPhoto:
    """Photo bytes written and fsynced to a staging file, not yet part of any record."""

    sha256: str
    size: int
    staged: Path
    final: Path


def _fsync_dir(folder: Path) -> None:
    if hasattr(os, "O_DIRECTORY"):  # POSIX: make the rename itself durable
        fd = os.open(folder, os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def stage(store: Store, data: bytes, suffix: str = ".jpg") -> StagedPhoto:
    """Write `data` durably to a staging file in the photos folder (no record refers to it)."""
    digest = hashlib.sha256(data).hexdigest()
    folder = photos_dir(store)
    private_dir(folder)  # evidence: this user's only (mkstemp makes the file 0600)
    fd, name = tempfile.mkstemp(dir=folder, prefix=f"{STAGING}{os.getpid()}-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return StagedPhoto(digest, len(data), Path(name), folder / f"{digest}{suffix}")


def place(photos: Iterable[StagedPhoto]) -> None:
    """Inside the record's transaction, just before COMMIT: each staged file to its final name.

    A file already there under that SHA-256 holds the same bytes, so the staged copy goes.
    """
    folders: set[Path] = set()
    for photo in photos:
        if photo.final.exists():
            photo.staged.unlink(missing_ok=True)
        else:
            os.replace(photo.staged, photo.final)
        folders.add(photo.final.parent)
    for folder in folders:
        _fsync_dir(folder)


def discard(photos: Iterable[StagedPhoto]) -> None:
    """The record was not written: its staged files go (placed ones are left to `sweep`)."""
    for photo in photos:
        photo.staged.unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class Swept:
    """What a sweep removed: photo files no committed row refers to, and stale staging files."""

    unreferenced: int
    staging: int


def _writer_gone(name: str) -> bool:
    """Whether the process that staged this file has ended (POSIX; elsewhere: not known)."""
    pid = name[len(STAGING) :].split("-", 1)[0]
    if not pid.isdigit() or os.name != "posix":
        return False
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def sweep(store: Store, *, stale_s: float = STALE_S, now: float | None = None) -> Swept:
    """Remove the files a crash can leave: placed photos without a committed row, and staging
    files of a writer that has ended or older than `stale_s` (a younger one of a live process
    may belong to a writer about to commit)."""
    folder = photos_dir(store)
    if not folder.is_dir():
        return Swept(0, 0)
    now = time.time() if now is None else now
    unreferenced = staging = 0
    with store.transaction() as conn:  # no writer is between a rename and its commit now
        held = {row[0] for row in conn.execute("SELECT DISTINCT sha256 FROM photos")}
        for path in folder.iterdir():
            if path.name.startswith(STAGING):
                try:
                    old = now - path.stat().st_mtime > stale_s
                except FileNotFoundError:
                    continue
                if old or _writer_gone(path.name):
                    path.unlink(missing_ok=True)
                    staging += 1
            elif path.is_file() and path.name.split(".", 1)[0] not in held:
                path.unlink(missing_ok=True)
                unreferenced += 1
    if unreferenced or staging:
        _fsync_dir(folder)
    return Swept(unreferenced, staging)
