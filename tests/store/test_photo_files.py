"""Photo files around a record's transaction: staged, placed, swept — never a file without a
committed row for long, never a committed row without its file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from parcelbench.store import Store
from parcelbench.store.photo_files import STAGING, discard, photos_dir, place, stage, sweep

PHOTO = b"\xff\xd8\xff\xe0 evidence photo bytes"


def _files(store: Store) -> list[str]:
    return sorted(p.name for p in photos_dir(store).iterdir())


def test_a_staged_photo_is_durable_and_placed_under_its_hash(store: Store) -> None:
    staged = stage(store, PHOTO)
    digest = hashlib.sha256(PHOTO).hexdigest()
    assert staged.sha256 == digest and staged.size == len(PHOTO)
    assert staged.staged.name.startswith(STAGING) and staged.staged.read_bytes() == PHOTO
    assert not staged.final.exists()
    place([staged])
    assert _files(store) == [f"{digest}.jpg"] and staged.final.read_bytes() == PHOTO
    again = stage(store, PHOTO)  # the same bytes once more: one file, the copy goes
    place([again])
    assert _files(store) == [f"{digest}.jpg"]
    other = stage(store, PHOTO + b"!")
    discard([other])
    assert _files(store) == [f"{digest}.jpg"]


def test_sweep_removes_unreferenced_photos_and_stale_staging_files_only(store: Store) -> None:
    kept, orphan = stage(store, PHOTO), stage(store, PHOTO + b"orphan")
    place([kept, orphan])
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO inspections (uuid, item_id, outcome, officer_badge, at, targeted) "
            "VALUES ('I-1', 'RR473124829GB', 'seized', 'O1001', '2026-12-03T10:00:00.000Z', 1)"
        )
        conn.execute(
            "INSERT INTO photos (sha256, inspection_uuid, size, taken_at) VALUES (?, 'I-1', ?, ?)",
            (kept.sha256, kept.size, "2026-12-03T10:00:00.000Z"),
        )
    fresh, stale = stage(store, b"in flight"), stage(store, b"left by a crash")
    old = stale.staged.stat().st_mtime - 3600
    os.utime(stale.staged, (old, old))
    swept = sweep(store)
    assert (swept.unreferenced, swept.staging) == (1, 1)
    assert _files(store) == sorted([f"{kept.sha256}.jpg", fresh.staged.name])
    assert sweep(store) == type(swept)(0, 0)


def test_sweep_without_a_photos_folder_does_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "bench.sqlite") as store:
        assert sweep(store).unreferenced == 0
        assert not photos_dir(store).exists()
