"""Backing a bench up while it works, and restoring only a backup that proves itself.

Why here: the CLI (`parcelbench backup` / `restore`) and any scheduled job need the same
checks, and evidence rules belong below the interface. The file's format is in
`services.backup_archive`.

Backup: one consistent snapshot of the database (SQLite's online backup, safe while the window,
sync or an import writes), then the photos that snapshot refers to, each checked against its
SHA-256, into a temporary file beside the destination — owner-only, fsynced, renamed into place
only when complete. A bench whose audit chain is broken or whose photos are missing or damaged
is not backed up: a copy would carry the damage unnoticed; the message says what is wrong.

Restore: everything is unpacked and checked in a temporary folder beside the target first — each
member against the manifest, each photo against its name, SQLite's integrity check, the whole
audit chain, a schema this version knows, every referenced photo present — and only then put in
place. An existing database is replaced only when asked, and is then set aside under a new name
with its photos, never deleted.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from parcelbench import __version__
from parcelbench.domain.clock import utc_now_iso
from parcelbench.paths import resolve_db_path
from parcelbench.services.backup_archive import (
    DATABASE,
    PHOTO_NAME,
    ArchiveWriter,
    BackupError,
    BackupRefused,
    Manifest,
    unpack,
)
from parcelbench.store import Store
from parcelbench.store.backup import CopyFacts, examine_copy, quiesce, snapshot
from parcelbench.store.photo_files import photo_file, photos_dir, photos_folder
from parcelbench.store.schema import SCHEMA_VERSION

__all__ = ["BackupError", "BackupMade", "BackupRefused", "Restored", "backup", "restore"]

SHOWN = 5  # problems named in one message; the rest are counted


@dataclass(frozen=True, slots=True)
class BackupMade:
    """A backup file written: where, from what, how big, what it holds, how long it took."""

    path: Path
    source: Path
    size: int
    photos: int
    schema_version: int
    audit_entries: int
    audit_head: str
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {
            "backup": str(self.path),
            "db": str(self.source),
            "bytes": self.size,
            "photos": self.photos,
            "schema_version": self.schema_version,
            "audit_entries": self.audit_entries,
            "audit_head": self.audit_head,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True, slots=True)
class Restored:
    """A backup put in place, and where the database it replaced was set aside (if any)."""

    path: Path
    backup: Path
    created_at: str
    photos: int
    schema_version: int
    audit_entries: int
    audit_head: str
    seconds: float
    set_aside: tuple[Path, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "db": str(self.path),
            "backup": str(self.backup),
            "backup_created_at": self.created_at,
            "photos": self.photos,
            "schema_version": self.schema_version,
            "audit_entries": self.audit_entries,
            "audit_head": self.audit_head,
            "set_aside": [str(p) for p in self.set_aside],
            "seconds": round(self.seconds, 3),
        }


def _listed(problems: list[str]) -> str:
    more = len(problems) - SHOWN
    return "; ".join(problems[:SHOWN]) + (f"; and {more} more" if more > 0 else "")


def _fsync_dir(folder: Path) -> None:
    if hasattr(os, "O_DIRECTORY"):  # POSIX: make the rename itself durable
        fd = os.open(folder, os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# -- backup -------------------------------------------------------------------------------------


def _check_bench(db: Path, facts: CopyFacts) -> None:
    """The snapshot of a live bench must itself be restorable, or the backup is refused."""
    if not facts.intact:
        raise BackupRefused(
            f"{db} fails SQLite's integrity check ({facts.integrity[0]}); no backup was written "
            "— keep the file as it is and restore the last good backup to another path"
        )
    if not facts.chain.ok:
        raise BackupRefused(
            f"{db}: the audit chain is broken at row {facts.chain.first_bad_seq} "
            f"({facts.chain.reason}); no backup was written — `parcelbench audit verify` shows "
            "it; keep the file as it is and restore the last good backup to another path"
        )


def _add_photos(writer: ArchiveWriter, folder: Path, wanted: frozenset[str], db: Path) -> int:
    """Each photo the snapshot refers to, its bytes checked against its SHA-256."""
    problems: list[str] = []
    for sha in sorted(wanted):
        path = photo_file(folder, sha)
        if path is None:
            problems.append(f"photo {sha} is missing from {folder}")
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != sha or not PHOTO_NAME.fullmatch(
            f"photos/{path.name}"
        ):
            problems.append(f"{path} does not hash to its name (damaged)")
            continue
        writer.add_bytes(f"photos/{path.name}", data)
    if problems:
        raise BackupRefused(
            f"{db}: evidence photos are damaged or missing, so no backup was written: "
            f"{_listed(problems)} — put the photo back from an earlier backup or HQ"
        )
    return len(wanted)


def backup(db_path: str | Path | None, dest: str | Path) -> BackupMade:
    """Write a backup of the bench database at `db_path` (None: the default) to the new file
    `dest`; safe while other processes write to the bench."""
    started = time.perf_counter()
    dest = Path(dest).expanduser()
    if dest.exists():
        raise BackupError(
            f"{dest} exists; a backup never overwrites a file — give a new name (e.g. with the "
            "date)"
        )
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"cannot create the folder for {dest}: {exc.strerror}") from None
    with (
        Store(db_path, create=False) as store,
        tempfile.TemporaryDirectory(dir=dest.parent, prefix=f".{dest.name}.") as tmp,
    ):
        work = Path(tmp)
        copy = snapshot(store, work / DATABASE)
        facts = examine_copy(copy)
        _check_bench(store.path, facts)
        partial = work / "partial.tar"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            writer = ArchiveWriter(out)
            writer.add_file(DATABASE, copy)
            photos = _add_photos(writer, photos_dir(store), facts.photos, store.path)
            writer.finish(
                Manifest(
                    utc_now_iso(),
                    __version__,
                    str(store.path),
                    facts.schema_version,
                    facts.chain.entries,
                    facts.chain.head,
                    tuple(writer.entries),
                )
            )
            out.flush()
            os.fsync(out.fileno())
        if dest.exists():
            raise BackupError(f"{dest} appeared while the backup was written; nothing replaced")
        os.replace(partial, dest)
        _fsync_dir(dest.parent)
        source = store.path
    return BackupMade(
        dest,
        source,
        dest.stat().st_size,
        photos,
        facts.schema_version,
        facts.chain.entries,
        facts.chain.head,
        time.perf_counter() - started,
    )


# -- restore ------------------------------------------------------------------------------------


def _companions(db: Path) -> list[Path]:
    """The database file and what lives beside it under its name."""
    return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"), photos_folder(db)]


def _check_copy(archive: Path, manifest: Manifest, facts: CopyFacts) -> None:
    if facts.newer:
        raise BackupRefused(
            f"{archive} holds a database of schema version {facts.schema_version}, newer than "
            f"this ParcelBench understands ({SCHEMA_VERSION}); restore it with a newer version"
        )
    if not facts.intact:
        raise BackupRefused(
            f"{archive}: its database fails SQLite's integrity check ({facts.integrity[0]}); "
            "nothing was restored — use another backup"
        )
    if not facts.chain.ok:
        raise BackupRefused(
            f"{archive}: its audit chain is broken at row {facts.chain.first_bad_seq} "
            f"({facts.chain.reason}): the database was changed after its rows were written; "
            "nothing was restored — use another backup, and keep this one as evidence"
        )
    if facts.chain.head != manifest.audit_head:
        raise BackupRefused(
            f"{archive}: its database is not the one its manifest describes (audit head "
            "differs); nothing was restored — use another backup"
        )


def _check_photos(archive: Path, manifest: Manifest, facts: CopyFacts) -> int:
    """Each photo's bytes hash to its name, and every photo the database refers to is there."""
    held: set[str] = set()
    for entry in manifest.files:
        match = PHOTO_NAME.fullmatch(entry.name)
        if match is None:
            continue
        if match["sha"] != entry.sha256:
            raise BackupRefused(
                f"{entry.name} in {archive} does not hash to its name: the photo was damaged "
                "or replaced; nothing was restored — use another backup"
            )
        held.add(entry.sha256)
    missing = sorted(facts.photos - held)
    if missing:
        raise BackupRefused(
            f"{archive} lacks {len(missing)} photo(s) its database refers to "
            f"({_listed(missing)}); nothing was restored — use another backup"
        )
    return len(held)


def _aside_name(db: Path, stamp: str) -> Path:
    """`bench.replaced-<UTC time>.sqlite`: opens as a bench, with its photos folder beside it."""
    for n in range(1000):
        tail = f"-{n}" if n else ""
        candidate = db.with_name(f"{db.stem}.replaced-{stamp}{tail}{db.suffix}")
        if not any(p.exists() for p in _companions(candidate)):
            return candidate
    raise BackupError(f"cannot find a free name to set {db} aside; tidy its folder")


def _set_aside(db: Path) -> tuple[Path, ...]:
    """Move the database at `db` and its photos to a new, dated name; nothing is deleted."""
    if db.exists():
        quiesce(db)
    aside = _aside_name(db, datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"))
    moved = []
    for old, new in zip(_companions(db), _companions(aside), strict=True):
        if old.exists():
            os.rename(old, new)
            moved.append(new)
    _fsync_dir(db.parent)
    return tuple(moved)


def _place(work: Path, db: Path) -> None:
    """The checked copy into place: photos first, the database last (its name is the bench)."""
    photos = work / "photos"
    if photos.is_dir():
        photos.chmod(0o700)
        os.rename(photos, photos_folder(db))
    os.replace(work / DATABASE, db)
    _fsync_dir(db.parent)


def restore(archive: str | Path, db_path: str | Path | None, *, replace: bool = False) -> Restored:
    """Restore the backup file `archive` to the database at `db_path` (None: the default).

    Refuses, changing nothing, a backup that does not verify, and a target that already holds
    a database unless `replace` (which sets that one aside, dated)."""
    started = time.perf_counter()
    archive = Path(archive).expanduser()
    db = resolve_db_path(db_path)
    if not archive.is_file():
        raise BackupError(f"no backup file at {archive}")
    present = [p for p in _companions(db) if p.exists()]
    if present and not replace:
        raise BackupError(
            f"{present[0]} already exists; restore to a new path with --db, or add --replace "
            f"to set the current database aside as {db.stem}.replaced-<time>{db.suffix} "
            "(nothing is deleted)"
        )
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"cannot create the folder for {db}: {exc.strerror}") from None
    with tempfile.TemporaryDirectory(dir=db.parent, prefix=f".{db.name}.restore-") as tmp:
        work = Path(tmp)
        manifest = unpack(archive, work)
        facts = examine_copy(work / DATABASE)
        _check_copy(archive, manifest, facts)
        photos = _check_photos(archive, manifest, facts)
        aside = _set_aside(db) if present else ()
        _place(work, db)
    return Restored(
        db,
        archive,
        manifest.created_at,
        photos,
        facts.schema_version,
        facts.chain.entries,
        facts.chain.head,
        time.perf_counter() - started,
        aside,
    )
