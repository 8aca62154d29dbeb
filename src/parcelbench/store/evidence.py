"""Evidence records: scans, inspections, seizures, photos, officers.

Each write is ONE transaction holding the record, its audit row and its outbox event, so a
crash at any instant leaves either all three or none. Records are never updated in place;
an amendment is a new inspection that names the one it amends.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from parcelbench.domain.aed import AedItem
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.records import (
    AuditEntry,
    Inspection,
    Officer,
    Outcome,
    Photo,
    Role,
    Scan,
    Seizure,
)
from parcelbench.store import audit, outbox
from parcelbench.store.db import Store


def _json(record: Any) -> dict[str, Any]:
    out = asdict(record)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}


def _record(
    store: Store,
    *,
    actor: str,
    action: str,
    entity: str,
    payload: dict[str, Any],
    write: str,
    params: tuple[Any, ...],
) -> None:
    with store.transaction() as conn:
        _write_evidence(
            conn,
            actor=actor,
            action=action,
            entity=entity,
            payload=payload,
            write=write,
            params=params,
        )


def _write_evidence(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    entity: str,
    payload: dict[str, Any],
    write: str,
    params: tuple[Any, ...],
) -> None:
    """The record, its audit row and its outbox event (inside the caller's transaction)."""
    conn.execute(write, params)
    audit_and_enqueue(conn, actor=actor, action=action, entity=entity, payload=payload)


def audit_and_enqueue(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    entity: str,
    payload: dict[str, Any],
) -> AuditEntry:
    """The audit row and the outbox event of a record already written in this transaction.

    One envelope for every event HQ receives (`record` + the audit row that chains it), so HQ
    can re-verify the chain from the events alone, whichever module wrote the record.
    """
    entry = audit.append(conn, actor=actor, action=action, entity=entity, payload=payload)
    outbox.enqueue(
        conn,
        action,
        {
            "record": payload,
            "audit": {
                "seq": entry.seq,
                "at": entry.at,
                "actor": entry.actor,
                "action": entry.action,
                "entity": entry.entity,
                "prev_hash": entry.prev_hash,
                "hash": entry.hash,
            },
        },
    )
    return entry


def record_scan(store: Store, scan: Scan) -> int:
    """Scans are bench telemetry, not evidence: no audit row, no outbox event."""
    with store.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO scans (at, raw, item_id, kind, valid, source, symbology, officer_badge) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                scan.at,
                scan.raw,
                scan.item_id,
                scan.kind,
                int(scan.valid),
                scan.source,
                scan.symbology,
                scan.officer_badge,
            ),
        )
        return int(cursor.lastrowid or 0)


_INSERT_INSPECTION = (
    "INSERT INTO inspections (uuid, item_id, aed_version, outcome, officer_badge, at, "
    "targeted, agency, reason, noncompliance, notes, amends, risk) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_SEIZURE = (
    "INSERT INTO seizures (seizure_number, inspection_uuid, category, description, "
    "quantity, unit, weight_g, at, field_test, field_test_result, evidence_bags, "
    "witness, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def first_scanned_at(conn: sqlite3.Connection, item_id: str) -> str | None:
    """When this bench first scanned the parcel (ISO 8601 UTC), or None."""
    row = conn.execute("SELECT min(at) FROM scans WHERE item_id = ?", (item_id,)).fetchone()
    return row[0] if row else None


def _write_inspection(conn: sqlite3.Connection, inspection: Inspection) -> None:
    """The inspection, its audit row and event, and the hold it examines, in one transaction.

    Marking the hold here, beside the INSERT, is what keeps a hold's "examined" in step with
    the inspections table whichever path records an inspection.
    """
    from parcelbench.store.holds import mark_examined  # holds builds on this module

    _write_evidence(
        conn,
        actor=inspection.officer_badge,
        action="inspection.recorded",
        entity=f"inspection:{inspection.uuid}",
        payload=_json(inspection),
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
        ),
    )
    mark_examined(
        conn,
        item_id=inspection.item_id,
        inspection_uuid=inspection.uuid,
        at=inspection.at,
        actor=inspection.officer_badge,
    )


def _write_seizure(conn: sqlite3.Connection, seizure: Seizure, actor: str) -> None:
    _write_evidence(
        conn,
        actor=actor,
        action="seizure.recorded",
        entity=f"seizure:{seizure.seizure_number}",
        payload=_json(seizure),
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
        "ORDER BY seizure_number DESC LIMIT 1",
        (len(prefix), prefix),
    ).fetchone()
    if row is None:
        return 1
    digits = row[0][len(prefix) :].split("-", 1)[0]
    return int(digits) + 1 if digits.isdigit() else 1


def record_outcome(
    store: Store,
    inspection: Inspection,
    seizures: Sequence[Seizure] = (),
    *,
    number_seizures: Callable[[int], list[Seizure]] | None = None,
    seizure_prefix: str = "",
    seized_item: AedItem | None = None,
) -> list[Seizure]:
    """An inspection and what was seized from the parcel, in ONE transaction.

    Seizure numbers are allocated inside the transaction (`number_seizures(next_sequence)`),
    so two writers can never take the same number. The seized parcel's parties
    (`seized_item`, its AED) are marked for the counter-network in the same transaction.
    """
    with store.transaction() as conn:
        _write_inspection(conn, inspection)
        if number_seizures is not None:
            seizures = number_seizures(next_seizure_sequence(conn, seizure_prefix))
        for seizure in seizures:
            _write_seizure(conn, seizure, inspection.officer_badge)
            if seized_item is not None:
                from parcelbench.store.network import mark_seizure

                mark_seizure(
                    conn,
                    seizure_number=seizure.seizure_number,
                    item_id=inspection.item_id,
                    item=seized_item,
                )
    return list(seizures)


def photos_dir(store: Store) -> Path:
    return store.path.with_name(store.path.name + ".photos")


def attach_photo(
    store: Store,
    inspection_uuid: str,
    data: bytes,
    *,
    actor: str,
    caption: str | None = None,
    suffix: str = ".jpg",
) -> Photo:
    """Write the photo durably (temp file, fsync, rename to its SHA-256), then reference it."""
    import hashlib

    digest = hashlib.sha256(data).hexdigest()
    folder = photos_dir(store)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{digest}{suffix}"
    if not final.exists():
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, final)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        if hasattr(os, "O_DIRECTORY"):
            dir_fd = os.open(folder, os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    photo = Photo(digest, inspection_uuid, len(data), utc_now_iso(), caption)
    _record(
        store,
        actor=actor,
        action="photo.attached",
        entity=f"photo:{digest}",
        payload=_json(photo),
        write=(
            "INSERT INTO photos (sha256, inspection_uuid, size, taken_at, caption) "
            "VALUES (?, ?, ?, ?, ?)"
        ),
        params=(photo.sha256, photo.inspection_uuid, photo.size, photo.taken_at, photo.caption),
    )
    return photo


def save_officer(store: Store, officer: Officer, *, actor: str) -> None:
    payload = {
        "badge": officer.badge,
        "name": officer.name,
        "role": str(officer.role),
        "active": officer.active,
    }  # never the PIN hash
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO officers (badge, name, role, pin_hash, active, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (badge) DO UPDATE SET name = excluded.name, "
            "role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active, "
            "updated_at = excluded.updated_at",
            (
                officer.badge,
                officer.name,
                str(officer.role),
                officer.pin_hash,
                int(officer.active),
                utc_now_iso(),
            ),
        )
        audit.append(
            conn,
            actor=actor,
            action="officer.saved",
            entity=f"officer:{officer.badge}",
            payload=payload,
        )


def get_officer(conn: sqlite3.Connection, badge: str) -> Officer | None:
    row = conn.execute(
        "SELECT badge, name, role, pin_hash, active FROM officers WHERE badge = ?", (badge,)
    ).fetchone()
    if row is None:
        return None
    return Officer(row[0], row[1], Role(row[2]), row[3], bool(row[4]))


def list_officers(conn: sqlite3.Connection) -> list[Officer]:
    rows = conn.execute(
        "SELECT badge, name, role, pin_hash, active FROM officers ORDER BY badge"
    ).fetchall()
    return [Officer(r[0], r[1], Role(r[2]), r[3], bool(r[4])) for r in rows]


_SELECT_INSPECTION = (
    "SELECT uuid, item_id, outcome, officer_badge, at, targeted, agency, reason, "
    "noncompliance, notes, amends, aed_version, risk FROM inspections"
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
