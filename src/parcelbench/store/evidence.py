"""Evidence records: inspections, the seizures made with them, and their photos.

Each write is ONE transaction holding the record, its audit row and its outbox event (all
through `store.journal`), so a crash at any instant leaves either all three or none. Records
are never updated in place; an amendment is a new inspection that names the one it amends.

An inspection marks the parcel's hold examined (`store.holds`) and a seizure marks the seized
parcel's parties for the counter-network (`store.seizure_links`) inside that same transaction,
so neither can disagree with the evidence. Scans are in `store.scans`, officer accounts in
`store.officers`, seizure reviews and custody in `store.seizures`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from parcelbench.domain.aed import AedItem
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.exam import Exam
from parcelbench.domain.records import (
    Inspection,
    Outcome,
    Photo,
    Seizure,
    SeizureLine,
    seizure_number,
)
from parcelbench.store import holds, photo_files, seizure_links
from parcelbench.store.db import Store, StoreError
from parcelbench.store.journal import as_payload, write_evidence
from parcelbench.store.photo_files import StagedPhoto

_INSERT_INSPECTION = (
    "INSERT INTO inspections (uuid, item_id, aed_version, outcome, officer_badge, at, "
    "targeted, agency, reason, noncompliance, notes, amends, risk, selection, exam) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_SEIZURE = (
    "INSERT INTO seizures (seizure_number, inspection_uuid, category, description, "
    "quantity, unit, weight_g, at, field_test, field_test_result, evidence_bags, "
    "witness, status, substance, lab_sample, seals) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _write_inspection(conn: sqlite3.Connection, inspection: Inspection) -> None:
    """The inspection, its audit row and event, and the hold it examines, in one transaction.

    Marking the hold here, beside the INSERT, is what keeps a hold's "examined" in step with
    the inspections table whichever path records an inspection.
    """
    write_evidence(
        conn,
        actor=inspection.officer_badge,
        action="inspection.recorded",
        entity=f"inspection:{inspection.uuid}",
        payload=as_payload(inspection),
        write=_INSERT_INSPECTION,
        params=(
            inspection.uuid,
            inspection.item_id,
            inspection.aed_version,
            str(inspection.outcome),
            inspection.officer_badge,
            inspection.at,
            int(inspection.targeted),
            inspection.agency,
            inspection.reason,
            json.dumps(list(inspection.noncompliance)),
            inspection.notes,
            inspection.amends,
            json.dumps(inspection.risk, sort_keys=True),
            inspection.selection,
            json.dumps(inspection.exam.to_json(), sort_keys=True),
        ),
    )
    holds.mark_examined(
        conn,
        item_id=inspection.item_id,
        inspection_uuid=inspection.uuid,
        at=inspection.at,
        actor=inspection.officer_badge,
    )


def _write_seizure(conn: sqlite3.Connection, seizure: Seizure, actor: str) -> None:
    write_evidence(
        conn,
        actor=actor,
        action="seizure.recorded",
        entity=f"seizure:{seizure.seizure_number}",
        payload=as_payload(seizure),
        write=_INSERT_SEIZURE,
        params=(
            seizure.seizure_number,
            seizure.inspection_uuid,
            seizure.category,
            seizure.description,
            seizure.quantity,
            seizure.unit,
            seizure.weight_g,
            seizure.at,
            seizure.field_test,
            seizure.field_test_result,
            json.dumps(list(seizure.evidence_bags)),
            seizure.witness,
            seizure.status,
            seizure.substance,
            seizure.lab_sample,
            json.dumps(list(seizure.seals)),
        ),
    )


def record_inspection(store: Store, inspection: Inspection) -> None:
    with store.transaction() as conn:
        _write_inspection(conn, inspection)


def record_seizure(store: Store, seizure: Seizure, *, actor: str) -> None:
    with store.transaction() as conn:
        _write_seizure(conn, seizure, actor)


def next_seizure_sequence(conn: sqlite3.Connection, prefix: str) -> int:
    """The next sequence number after the highest seizure number that starts with `prefix`."""
    row = conn.execute(
        "SELECT seizure_number FROM seizures WHERE substr(seizure_number, 1, ?) = ? "
        "ORDER BY length(seizure_number) DESC, seizure_number DESC LIMIT 1",
        (len(prefix), prefix),
    ).fetchone()
    if row is None:
        return 1
    digits = row[0][len(prefix) :].split("-", 1)[0]
    return int(digits) + 1 if digits.isdigit() else 1


@dataclass(frozen=True, slots=True)
class PhotoBytes:
    """An evidence photo to attach to a record: the image file's bytes and a caption."""

    data: bytes
    caption: str | None = None
    suffix: str = ".jpg"


def _write_photo(
    conn: sqlite3.Connection,
    staged: StagedPhoto,
    inspection_uuid: str,
    caption: str | None,
    actor: str,
) -> Photo:
    photo = Photo(staged.sha256, inspection_uuid, staged.size, utc_now_iso(), caption)
    write_evidence(
        conn,
        actor=actor,
        action="photo.attached",
        entity=f"photo:{photo.sha256}",
        payload=as_payload(photo),
        write=(
            "INSERT INTO photos (sha256, inspection_uuid, size, taken_at, caption) "
            "VALUES (?, ?, ?, ?, ?)"
        ),
        params=(photo.sha256, photo.inspection_uuid, photo.size, photo.taken_at, photo.caption),
    )
    return photo


@dataclass(frozen=True, slots=True)
class Written:
    """What `record_outcome` wrote: the seizure records (numbered) and the photos."""

    seizures: list[Seizure]
    photos: list[Photo]


def record_outcome(
    store: Store,
    inspection: Inspection,
    seizures: Sequence[Seizure] = (),
    *,
    seizure_lines: Sequence[SeizureLine] = (),
    seizure_prefix: str = "",
    seized_item: AedItem | None = None,
    photos: Sequence[PhotoBytes] = (),
) -> Written:
    """An inspection, what was seized from the parcel and its evidence photos, in ONE transaction.

    `seizure_lines` are numbered inside the transaction (`seizure_prefix`, the next sequence
    after the highest number with that prefix, the line), so two writers can never take the
    same number; `seizures` are records numbered already. The seized parcel's parties
    (`seized_item`, its AED) are marked for the counter-network in the same transaction. The
    photos are staged (written and fsynced) before it and put in place just before its COMMIT
    (`store.photo_files`): after a crash at any instant there is the record with all its photos,
    or nothing (a placed file without its row is swept at the next start). Nothing is written
    when any part fails; the caller still holds every photo.
    """
    if seizures and seizure_lines:
        raise ValueError("give the seizures numbered or as lines to number, not both")
    staged: list[StagedPhoto] = []
    try:
        try:
            for photo in photos:
                staged.append(photo_files.stage(store, photo.data, photo.suffix))
        except OSError as exc:
            raise StoreError(
                f"the evidence photos could not be written ({exc.strerror or exc}); "
                "nothing was recorded — free disk space or check the photos folder, then save "
                "again"
            ) from None
        with store.transaction() as conn:
            _write_inspection(conn, inspection)
            if seizure_lines:
                sequence = next_seizure_sequence(conn, seizure_prefix)
                seizures = [
                    line.numbered(
                        seizure_number(seizure_prefix, sequence, n),
                        inspection.uuid,
                        inspection.at,
                    )
                    for n, line in enumerate(seizure_lines, start=1)
                ]
            for seizure in seizures:
                _write_seizure(conn, seizure, inspection.officer_badge)
                if seized_item is not None:
                    seizure_links.mark_seizure(
                        conn,
                        seizure_number=seizure.seizure_number,
                        item_id=inspection.item_id,
                        item=seized_item,
                        actor=inspection.officer_badge,
                    )
            written = [
                _write_photo(conn, one, inspection.uuid, p.caption, inspection.officer_badge)
                for one, p in zip(staged, photos, strict=True)
            ]
            photo_files.place(staged)  # the last step before COMMIT
    except BaseException:
        photo_files.discard(staged)
        raise
    return Written(list(seizures), written)


def attach_photo(
    store: Store,
    inspection_uuid: str,
    data: bytes,
    *,
    actor: str,
    caption: str | None = None,
    suffix: str = ".jpg",
) -> Photo:
    """A photo added to an inspection already recorded: staged, then its row and its file in
    one transaction (see `record_outcome`)."""
    staged = photo_files.stage(store, data, suffix)
    try:
        with store.transaction() as conn:
            photo = _write_photo(conn, staged, inspection_uuid, caption, actor)
            photo_files.place([staged])
    except BaseException:
        photo_files.discard([staged])
        raise
    return photo


_SELECT_INSPECTION = (
    "SELECT uuid, item_id, outcome, officer_badge, at, targeted, agency, reason, "
    "noncompliance, notes, amends, aed_version, risk, selection, exam FROM inspections"
)


def _inspection(row: tuple[Any, ...]) -> Inspection:
    return Inspection(
        row[0],
        row[1],
        Outcome(row[2]),
        row[3],
        row[4],
        bool(row[5]),
        row[6],
        row[7],
        tuple(json.loads(row[8])),
        row[9],
        row[10],
        row[11],
        json.loads(row[12]),
        row[13],
        Exam.from_json(json.loads(row[14] or "{}")),
    )


def get_inspection(conn: sqlite3.Connection, uuid: str) -> Inspection | None:
    row = conn.execute(f"{_SELECT_INSPECTION} WHERE uuid = ?", (uuid,)).fetchone()
    return None if row is None else _inspection(row)


def inspections_since(
    conn: sqlite3.Connection, since: str, *, limit: int = 500
) -> list[Inspection]:
    """Inspections recorded at or after `since` (ISO 8601 UTC), newest first."""
    rows = conn.execute(
        f"{_SELECT_INSPECTION} WHERE at >= ? ORDER BY at DESC LIMIT ?", (since, limit)
    ).fetchall()
    return [_inspection(row) for row in rows]
