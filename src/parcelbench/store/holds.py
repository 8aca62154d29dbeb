"""Holds: the parcels targeted for examination, and whether each was located and examined.

Facilities lose targeted parcels between the targeting list and the bench, so every hold keeps
its state where the bench can count it: `outstanding` (not seen yet), `located` (scanned at the
bench) and `examined` (an outcome was recorded, naming the inspection).

* A list arrives as one batch (`import_holds`): one transaction with a `hold_imports` row, the
  holds, one audit row and one outbox event. A refused list changes nothing.
* One active (not yet examined) hold per item id. Re-importing an identical hold is
  `unchanged`; the same item id with another reason, source or date updates the active hold in
  place (its status and timestamps stay). An examined hold is history: the same targeting again
  is `unchanged`, and a targeting dated after the examination is a new hold.
* A hold imported for a parcel this bench already inspected on or after the day it was targeted
  (UTC day) is imported as examined, linked to that inspection.
* `mark_examined` runs inside the transaction that writes the inspection
  (`store.evidence._write_inspection`), so "examined" and the inspections table commit together
  or not at all. `mark_located` is its own small transaction, taken only when the scanned parcel
  has an outstanding hold (a scan of any other parcel costs one indexed read).
* Located and examined each write an audit row and an outbox event: HQ sees the targeting list
  being worked, not only the inspections.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from typing import Any

from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.holds import STATUSES, Hold, HoldCounts, HoldImport, NewHold
from parcelbench.ids import parse as parse_id
from parcelbench.store import audit
from parcelbench.store.db import Store
from parcelbench.store.journal import audit_and_enqueue

FORMATS: tuple[str, ...] = ("csv", "jsonl")


class HoldError(ValueError):
    """Holds given to the store that it must not write (a caller bug, not a file problem)."""


_HOLD_COLS = (
    "id, item_id, reason, source, targeted_on, imported_at, import_id, updated_at, "
    "updated_import_id, status, located_at, examined_at, inspection_uuid, elsewhere"
)
_IMPORT_COLS = (
    "id, file, format, sha256, actor, imported_at, rows, added, updated, unchanged, "
    "examined_on_import"
)
_STATUS_ORDER = "CASE status WHEN 'outstanding' THEN 0 WHEN 'located' THEN 1 ELSE 2 END"


def _hold(row: tuple[Any, ...] | None) -> Hold | None:
    return None if row is None else Hold(*row)


def _active(conn: sqlite3.Connection, item_id: str) -> Hold | None:
    return _hold(
        conn.execute(
            f"SELECT {_HOLD_COLS} FROM holds WHERE item_id = ? AND status != 'examined'",
            (item_id,),
        ).fetchone()
    )


def _by_id(conn: sqlite3.Connection, hold_id: int) -> Hold:
    row = conn.execute(f"SELECT {_HOLD_COLS} FROM holds WHERE id = ?", (hold_id,)).fetchone()
    hold = _hold(row)
    assert hold is not None
    return hold


def get_hold(conn: sqlite3.Connection, item_id: str) -> Hold | None:
    """The hold for a normalised item id: the active one, else the latest examined one, else None.

    The examined one is returned too, so a card can say "targeted, examined at 10:42" rather
    than nothing; check `Hold.open` (or `status`) before treating the parcel as still held.
    """
    return _hold(
        conn.execute(
            f"SELECT {_HOLD_COLS} FROM holds WHERE item_id = ? "
            "ORDER BY status = 'examined', id DESC LIMIT 1",
            (item_id,),
        ).fetchone()
    )


def list_holds(
    conn: sqlite3.Connection, *, status: str | None = None, limit: int | None = None
) -> list[Hold]:
    """Holds by status (outstanding, located, examined), oldest targeting first within each."""
    if status is not None and status not in STATUSES:
        raise HoldError(f"unknown hold status {status!r} (expected one of {', '.join(STATUSES)})")
    where = "" if status is None else " WHERE status = ?"
    params: list[Any] = [] if status is None else [status]
    tail = ""
    if limit is not None:
        tail = " LIMIT ?"
        params.append(int(limit))
    rows = conn.execute(
        f"SELECT {_HOLD_COLS} FROM holds{where} "
        f"ORDER BY {_STATUS_ORDER}, targeted_on, item_id, id{tail}",
        params,
    )
    return [Hold(*row) for row in rows]


def count_by_status(conn: sqlite3.Connection) -> HoldCounts:
    """How many holds are in each status (one indexed GROUP BY, cheap enough for a status bar)."""
    counts = dict.fromkeys(STATUSES, 0)
    for status, n in conn.execute("SELECT status, count(*) FROM holds GROUP BY status"):
        counts[status] = int(n)
    return HoldCounts(**counts)


def get_import(conn: sqlite3.Connection, import_id: int) -> HoldImport | None:
    row = conn.execute(
        f"SELECT {_IMPORT_COLS} FROM hold_imports WHERE id = ?", (import_id,)
    ).fetchone()
    return None if row is None else HoldImport(*row)


def _is_iso_date(text: str) -> bool:
    try:
        return len(text) == 10 and date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _check(holds: Sequence[NewHold], file_format: str) -> list[NewHold]:
    """Defend the table against callers that skipped validation; one hold per item id."""
    if file_format not in FORMATS:
        raise HoldError(f"unknown holds format {file_format!r}")
    seen: dict[str, NewHold] = {}
    for hold in holds:
        parsed = parse_id(hold.item_id)
        if not parsed.valid or parsed.normalized != hold.item_id:
            raise HoldError(f"line {hold.line}: {hold.item_id!r} is not a normalised parcel id")
        if not hold.reason or not hold.source or not _is_iso_date(hold.targeted_on):
            raise HoldError(f"line {hold.line}: a hold needs a reason, a source and a date")
        held = seen.get(hold.item_id)
        if held is None:
            seen[hold.item_id] = hold
        elif held.content != hold.content:
            raise HoldError(f"line {hold.line}: {hold.item_id} is also on line {held.line}")
    return list(seen.values())


def _inspected_since(conn: sqlite3.Connection, item_id: str, day: str) -> tuple[str, str] | None:
    """The first inspection of the item at or after the start of `day` (UTC): (uuid, at)."""
    row = conn.execute(
        "SELECT uuid, at FROM inspections WHERE item_id = ? AND at >= ? ORDER BY at, uuid LIMIT 1",
        (item_id, day),
    ).fetchone()
    return None if row is None else (row[0], row[1])


def _latest_examined(conn: sqlite3.Connection, item_id: str) -> Hold | None:
    return _hold(
        conn.execute(
            f"SELECT {_HOLD_COLS} FROM holds WHERE item_id = ? AND status = 'examined' "
            "ORDER BY examined_at DESC, id DESC LIMIT 1",
            (item_id,),
        ).fetchone()
    )


def import_holds(
    store: Store,
    holds: Sequence[NewHold],
    *,
    file: str,
    file_format: str,
    sha256: str,
    actor: str,
    rows: int | None = None,
) -> HoldImport:
    """Write one targeting list in ONE transaction: batch row, holds, audit row, outbox event.

    `holds` must be validated already (`parcelbench.services.holds` does that and refuses a
    file with any bad row before calling here). The audit row carries every hold added or
    changed, so the chain alone shows what each list did.
    """
    distinct = _check(holds, file_format)
    now = utc_now_iso()
    changes: list[dict[str, Any]] = []
    added = updated = unchanged = examined_on_import = 0
    with store.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO hold_imports (file, format, sha256, actor, imported_at, rows, added, "
            "updated, unchanged, examined_on_import) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0)",
            (file, file_format, sha256, actor, now, len(holds) if rows is None else rows),
        )
        batch = int(cursor.lastrowid or 0)
        for new in distinct:
            active = _active(conn, new.item_id)
            if active is not None:
                if (active.reason, active.source, active.targeted_on) == new.content:
                    unchanged += 1
                    continue
                conn.execute(
                    "UPDATE holds SET reason = ?, source = ?, targeted_on = ?, updated_at = ?, "
                    "updated_import_id = ? WHERE id = ?",
                    (*new.content, now, batch, active.id),
                )
                updated += 1
                changes.append({**asdict(new), "change": "updated", "hold": active.id})
                continue
            done = _latest_examined(conn, new.item_id)
            if done is not None and new.targeted_on <= (done.examined_at or "")[:10]:
                unchanged += 1  # this targeting was met by that examination
                continue
            inspected = _inspected_since(conn, new.item_id, new.targeted_on)
            status, at, uuid = ("outstanding", None, None)
            if inspected is not None:
                status, at, uuid = ("examined", inspected[1], inspected[0])
                examined_on_import += 1
            cursor = conn.execute(
                "INSERT INTO holds (item_id, reason, source, targeted_on, imported_at, "
                "import_id, status, located_at, examined_at, inspection_uuid) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new.item_id, *new.content, now, batch, status, at, at, uuid),
            )
            added += 1
            changes.append(
                {
                    **asdict(new),
                    "change": "added",
                    "hold": int(cursor.lastrowid or 0),
                    "status": status,
                    "inspection_uuid": uuid,
                }
            )
        conn.execute(
            "UPDATE hold_imports SET added = ?, updated = ?, unchanged = ?, "
            "examined_on_import = ? WHERE id = ?",
            (added, updated, unchanged, examined_on_import, batch),
        )
        result = get_import(conn, batch)
        assert result is not None
        audit_and_enqueue(
            conn,
            actor=actor,
            action="holds.imported",
            entity=f"hold_import:{batch}",
            payload={**result.to_json(), "holds": changes},
        )
    return result


def mark_located(store: Store, item_id: str, *, actor: str, at: str | None = None) -> Hold | None:
    """A held parcel was scanned: an outstanding hold becomes located (audited, sent to HQ).

    Returns the item's hold as it now stands (see `get_hold`), or None when it has none. A
    located or examined hold is returned unchanged, and nothing is written for it.
    """
    hold = get_hold(store.conn, item_id)
    if hold is None or hold.status != "outstanding":
        return hold
    with store.transaction() as conn:
        active = _active(conn, item_id)  # another bench process may have got there first
        if active is None or active.status != "outstanding":
            return get_hold(conn, item_id)
        conn.execute(
            "UPDATE holds SET status = 'located', located_at = ? WHERE id = ?",
            (at or utc_now_iso(), active.id),
        )
        located = _by_id(conn, active.id)
        audit_and_enqueue(
            conn,
            actor=actor,
            action="hold.located",
            entity=f"hold:{located.id}",
            payload=located.to_json(),
        )
    return located


def mark_examined(
    conn: sqlite3.Connection, *, item_id: str, inspection_uuid: str, at: str, actor: str
) -> Hold | None:
    """The item's active hold is examined by this inspection (inside the inspection's transaction).

    A parcel examined without a scan was evidently found, so `located_at` is set to the
    examination time when it was empty. Returns the examined hold, or None when there was no
    active hold (an amendment of an earlier inspection finds none and changes nothing).
    """
    if not conn.in_transaction:
        raise RuntimeError("a hold is marked examined only inside the inspection's transaction")
    active = _active(conn, item_id)
    if active is None:
        return None
    conn.execute(
        "UPDATE holds SET status = 'examined', located_at = coalesce(located_at, ?), "
        "examined_at = ?, inspection_uuid = ? WHERE id = ?",
        (at, at, inspection_uuid, active.id),
    )
    examined = _by_id(conn, active.id)
    audit_and_enqueue(
        conn,
        actor=actor,
        action="hold.examined",
        entity=f"hold:{examined.id}",
        payload=examined.to_json(),
    )
    return examined


def mark_elsewhere(
    store: Store, *, item_id: str, status: str, at: str, where: str, actor: str
) -> Hold | None:
    """Another bench of the facility located or examined this parcel (HQ's feed says so): the
    active hold here says the same, and where (`where`: "examined at jfk-2 by O1001:
    seized"). Audited; not sent back to HQ (the other bench's event is the record). A hold
    already as far along here is left as it is; returns the hold as it now stands."""
    if status not in ("located", "examined"):
        raise HoldError(f"a hold elsewhere is located or examined, not {status!r}")
    with store.transaction() as conn:
        active = _active(conn, item_id)
        if active is None or (status == "located" and active.status != "outstanding"):
            return get_hold(conn, item_id)
        if status == "located":
            conn.execute(
                "UPDATE holds SET status = 'located', located_at = ?, elsewhere = ? WHERE id = ?",
                (at, where, active.id),
            )
        else:
            conn.execute(
                "UPDATE holds SET status = 'examined', located_at = coalesce(located_at, ?), "
                "examined_at = ?, elsewhere = ? WHERE id = ?",
                (at, at, where, active.id),
            )
        changed = _by_id(conn, active.id)
        audit.append(
            conn,
            actor=actor,
            action=f"hold.{status}_elsewhere",
            entity=f"hold:{changed.id}",
            payload=changed.to_json(),
        )
    return changed
