"""The backup file: one uncompressed tar holding the database, its photos and a manifest.

Why this format:

- **One file**, because a backup is carried (to a share, a USB disk, an evidence locker) and
  a folder can lose a member on the way without anyone noticing.
- **tar**, because every system can list and unpack it without ParcelBench (`tar -tf`,
  `tar -xf`) — a court or an auditor may need to, years later — and Python reads it without
  any dependency. Members: `bench.sqlite` (the database, a single file in rollback-journal
  mode), `photos/<sha256><suffix>` (each evidence photo, named by the SHA-256 of its bytes, as
  on the bench), then `MANIFEST.json`.
- **Uncompressed**, because photos (JPEG) do not compress and the one pass over every byte is
  spent on hashing; compress the file afterwards if the database part matters.
- **A manifest with the SHA-256 and size of every member, written last**: restore checks each
  byte against it before anything is put in place, and a file cut short anywhere lacks it and
  is refused as a whole. It also says, without opening the database, what the backup holds:
  the schema version, the number of audit rows and the chain's head.

Reading never trusts a member's name: only the three kinds above are accepted (no path, link
or device), each once, and exactly the members the manifest lists.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

FORMAT = "parcelbench-backup"
FORMAT_VERSION = 1
MANIFEST = "MANIFEST.json"
DATABASE = "bench.sqlite"
PHOTO_NAME = re.compile(r"photos/(?P<sha>[0-9a-f]{64})(?P<suffix>\.[A-Za-z0-9]{1,10})?")
MANIFEST_MAX = 64 * 1024 * 1024  # ~300,000 photos; a bigger one is not ours
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore cannot be done as asked; the message says what to do instead."""


class BackupRefused(BackupError):
    """The backup file, or the bench being backed up, is not trustworthy: nothing was done."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One member of the backup file and what its bytes must hash to."""

    name: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a backup file holds (`MANIFEST.json`)."""

    created_at: str
    parcelbench_version: str
    source: str
    schema_version: int
    audit_entries: int
    audit_head: str
    files: tuple[Entry, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": self.created_at,
            "parcelbench_version": self.parcelbench_version,
            "source": self.source,
            "schema_version": self.schema_version,
            "audit": {"entries": self.audit_entries, "head": self.audit_head},
            "files": [{"name": e.name, "sha256": e.sha256, "size": e.size} for e in self.files],
        }

    @classmethod
    def from_json(cls, data: Any, where: Path) -> Manifest:
        """A manifest read from a file; `BackupRefused` naming what is wrong with it."""
        try:
            if data.get("format") != FORMAT:
                raise BackupRefused(f"{where} is not a ParcelBench backup (no backup manifest)")
            if int(data["format_version"]) > FORMAT_VERSION:
                raise BackupRefused(
                    f"{where} was written by a newer ParcelBench (backup format "
                    f"{data['format_version']}); restore it with that version or newer"
                )
            files = tuple(
                Entry(str(f["name"]), str(f["sha256"]), int(f["size"])) for f in data["files"]
            )
            return cls(
                str(data["created_at"]),
                str(data["parcelbench_version"]),
                str(data["source"]),
                int(data["schema_version"]),
                int(data["audit"]["entries"]),
                str(data["audit"]["head"]),
                files,
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            raise BackupRefused(f"{where}: its manifest is damaged; use another backup") from None


def _member(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(time.time())
    return info


class ArchiveWriter:
    """Writes members to an open binary file, hashing each on the way; the manifest last."""

    def __init__(self, out: IO[bytes]) -> None:
        self._tar = tarfile.TarFile(fileobj=out, mode="w", format=tarfile.PAX_FORMAT)
        self.entries: list[Entry] = []

    def add_file(self, name: str, path: Path) -> Entry:
        """A large member (the database): hashed in one pass, then copied in a second."""
        digest = hashlib.sha256()
        size = 0
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
            fh.seek(0)
            self._tar.addfile(_member(name, size), fh)
        return self._added(Entry(name, digest.hexdigest(), size))

    def add_bytes(self, name: str, data: bytes) -> Entry:
        self._tar.addfile(_member(name, len(data)), io.BytesIO(data))
        return self._added(Entry(name, hashlib.sha256(data).hexdigest(), len(data)))

    def _added(self, entry: Entry) -> Entry:
        self.entries.append(entry)
        return entry

    def finish(self, manifest: Manifest) -> None:
        data = json.dumps(manifest.to_json(), indent=1).encode("utf-8")
        self._tar.addfile(_member(MANIFEST, len(data)), io.BytesIO(data))
        self._tar.close()


def _members(tar: tarfile.TarFile, where: Path) -> Iterator[tarfile.TarInfo]:
    """Every member, each checked to be a plain file with a name of ours, seen once."""
    seen: set[str] = set()
    for member in tar.getmembers():
        name = member.name
        ours = name in (MANIFEST, DATABASE) or PHOTO_NAME.fullmatch(name)
        if not member.isreg() or not ours:
            raise BackupRefused(
                f"{where} holds {name!r}, which no ParcelBench backup holds; it was not made by "
                "`parcelbench backup` or was changed since: use another backup"
            )
        if name in seen:
            raise BackupRefused(f"{where} holds {name!r} twice; use another backup")
        seen.add(name)
        yield member


def unpack(path: Path, into: Path) -> Manifest:
    """Unpack a backup file into the empty folder `into`, every member checked against the
    manifest (size and SHA-256); `BackupRefused` at the first member that differs."""
    try:
        tar = tarfile.TarFile(path, mode="r")  # uncompressed only: ours never is
    except (tarfile.TarError, OSError) as exc:
        raise BackupRefused(f"{path} is not a ParcelBench backup ({exc})") from None
    with tar:
        try:
            members = {m.name: m for m in _members(tar, path)}
        except tarfile.TarError as exc:
            raise BackupRefused(f"{path} is damaged ({exc}); use another backup") from None
        head = members.get(MANIFEST)
        if head is None or head.size > MANIFEST_MAX:
            raise BackupRefused(
                f"{path} has no manifest: it was cut short or is not a ParcelBench backup"
            )
        raw = tar.extractfile(head).read()  # type: ignore[union-attr]
        try:
            manifest = Manifest.from_json(json.loads(raw), path)
        except json.JSONDecodeError:
            raise BackupRefused(f"{path}: its manifest is damaged; use another backup") from None
        listed = {e.name: e for e in manifest.files}
        if set(listed) != set(members) - {MANIFEST} or DATABASE not in listed:
            raise BackupRefused(
                f"{path} does not hold exactly the files its manifest lists; use another backup"
            )
        for name, entry in listed.items():
            _extract(tar, members[name], entry, into / name, path)
    return manifest


def _extract(
    tar: tarfile.TarFile, member: tarfile.TarInfo, entry: Entry, dest: Path, where: Path
) -> None:
    dest.parent.mkdir(mode=0o700, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    source = tar.extractfile(member)
    assert source is not None  # a regular file (checked in _members)
    with dest.open("xb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    dest.chmod(0o600)
    if (size, digest.hexdigest()) != (entry.size, entry.sha256):
        raise BackupRefused(
            f"{entry.name} in {where} does not match the SHA-256 its manifest records: the "
            "file was damaged or changed after the backup was made; nothing was restored — use "
            "another backup"
        )
