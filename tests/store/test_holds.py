"""Holds in the store: batches in one transaction, one active hold per item, located / examined.

Everything runs on a real SQLite file. `disagreements` is the invariant the bench relies on: a
hold is examined exactly when it names an inspection of its own parcel, and a parcel inspected
while its hold was open cannot have been left outstanding.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from parcelbench.domain.holds import HoldCounts, NewHold
from parcelbench.domain.records import Inspection, Outcome
from parcelbench.ids.s10 import make
from parcelbench.store import Store
from parcelbench.store.audit import verify_chain
from parcelbench.store.evidence import record_inspection
from parcelbench.store.holds import (
    HoldError,
    count_by_status,
    get_hold,
    get_import,
    import_holds,
    list_holds,
    mark_examined,
    mark_located,
)
from parcelbench.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import dump

ITEM = "RR473124829GB"
OTHER = "EE471108151FR"
THIRD = "CP100000140DE"


def new(item_id: str = ITEM, **changes: Any) -> NewHold:
    fields: dict[str, Any] = {
        "item_id": item_id,
        "reason": "pill press parts (HQ alert 17)",
        "source": "HQ targeting",
        "targeted_on": "2026-11-20",
        "line": 2,
    }
    fields.update(changes)
    return NewHold(**fields)


def load(store: Store, *holds: NewHold, actor: str = "S2001") -> Any:
    return import_holds(
        store, list(holds), file="holds.csv", file_format="csv", sha256="ab" * 32, actor=actor
    )


def inspect(store: Store, item_id: str = ITEM, at: str = "2026-11-21T10:00:00.000Z") -> str:
    rec = Inspection(str(uuid.uuid4()), item_id, Outcome.RELEASED, "O1001", at)
    record_inspection(store, rec)
    return rec.uuid


def actions(store: Store) -> list[str]:
    return [row[0] for row in store.conn.execute("SELECT action FROM audit_log ORDER BY seq")]


def disagreements(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """Holds whose status does not follow from the inspections table."""
    return conn.execute(
        "SELECT h.id, h.item_id, h.status, h.inspection_uuid FROM holds h "
        "LEFT JOIN inspections i ON i.uuid = h.inspection_uuid "
        "WHERE (h.status = 'examined' AND (i.uuid IS NULL OR i.item_id != h.item_id "
        "       OR i.at != h.examined_at)) "
        "   OR (h.status != 'examined' AND EXISTS (SELECT 1 FROM inspections j "
        "       WHERE j.item_id = h.item_id AND j.at >= h.targeted_on))"
    ).fetchall()


# -- schema ------------------------------------------------------------------------------------


def test_a_version_3_database_gains_the_holds_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    raw = sqlite3.connect(path, isolation_level=None)
    for version, script in enumerate(MIGRATIONS[:3], start=1):
        raw.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
    raw.close()
    with Store(path) as opened:
        assert opened.schema_version == SCHEMA_VERSION >= 4
        counts = opened.table_counts()
        assert counts["holds"] == counts["hold_imports"] == 0


def test_the_schema_refuses_states_that_contradict_each_other(store: Store) -> None:
    load(store, new())
    conn = store.conn
    with pytest.raises(sqlite3.IntegrityError):  # examined without naming an inspection
        conn.execute("UPDATE holds SET status = 'examined', examined_at = 'x', located_at = 'x'")
    with pytest.raises(sqlite3.IntegrityError):  # examined by an inspection that does not exist
        conn.execute(
            "UPDATE holds SET status = 'examined', examined_at = 'x', located_at = 'x', "
            "inspection_uuid = 'no-such-inspection'"
        )
    with pytest.raises(sqlite3.IntegrityError):  # located without a time
        conn.execute("UPDATE holds SET status = 'located'")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):  # two active holds for one item
        conn.execute(
            "INSERT INTO holds (item_id, reason, source, targeted_on, imported_at, import_id) "
            "SELECT item_id, 'again', source, targeted_on, imported_at, import_id FROM holds"
        )
    assert get_hold(conn, ITEM).status == "outstanding"  # type: ignore[union-attr]


# -- import ------------------------------------------------------------------------------------


def test_a_batch_is_one_transaction_with_its_audit_row_and_event(store: Store) -> None:
    batch = load(store, new(), new(OTHER, source="CBP ATS", line=3))
    assert (batch.added, batch.updated, batch.unchanged, batch.rows) == (2, 0, 0, 2)
    assert get_import(store.conn, batch.id) == batch
    counts = store.table_counts()
    assert (counts["hold_imports"], counts["holds"], counts["audit_log"], counts["outbox"]) == (
        1,
        2,
        1,
        1,
    )
    hold = get_hold(store.conn, OTHER)
    assert hold is not None and hold.open and hold.status == "outstanding"
    assert (hold.source, hold.import_id, hold.updated_import_id) == ("CBP ATS", batch.id, None)
    event = store.conn.execute("SELECT kind, payload FROM outbox").fetchone()
    assert event[0] == "holds.imported"
    assert '"item_id":"EE471108151FR"' in event[1] and '"hash":' in event[1]
    assert verify_chain(store.conn).ok


def test_reimport_is_unchanged_and_a_new_reason_updates_the_open_hold(store: Store) -> None:
    first = load(store, new(), new(OTHER))
    mark_located(store, ITEM, actor="O1001", at="2026-11-21T08:00:00.000Z")
    again = load(store, new(), new(OTHER))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    changed = load(store, new(reason="fentanyl indicators"), new(OTHER))
    assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 1)
    hold = get_hold(store.conn, ITEM)
    assert hold is not None
    assert hold.reason == "fentanyl indicators"
    assert hold.status == "located" and hold.located_at == "2026-11-21T08:00:00.000Z"
    assert (hold.import_id, hold.updated_import_id) == (first.id, changed.id)
    assert store.table_counts()["holds"] == 2
    assert actions(store) == ["holds.imported", "hold.located", "holds.imported", "holds.imported"]


def test_an_examined_hold_is_history_and_a_later_targeting_is_a_new_hold(store: Store) -> None:
    load(store, new())
    inspection = inspect(store, at="2026-11-21T10:00:00.000Z")
    examined = get_hold(store.conn, ITEM)
    assert examined is not None and examined.inspection_uuid == inspection

    same = load(store, new(reason="another reason, same targeting"))
    assert (same.added, same.updated, same.unchanged) == (0, 0, 1)
    assert get_hold(store.conn, ITEM) == examined

    later = load(store, new(targeted_on="2026-11-25", reason="targeted again"))
    assert later.added == 1
    current = get_hold(store.conn, ITEM)
    assert current is not None and current.open and current.reason == "targeted again"
    assert [h.status for h in list_holds(store.conn)] == ["outstanding", "examined"]


def test_a_parcel_already_inspected_is_imported_as_examined(store: Store) -> None:
    before = inspect(store, OTHER, at="2026-11-19T23:59:59.000Z")  # before the day targeted
    after = inspect(store, ITEM, at="2026-11-20T00:00:01.000Z")
    batch = load(store, new(), new(OTHER))
    assert (batch.added, batch.examined_on_import) == (2, 1)
    held = get_hold(store.conn, ITEM)
    assert held is not None and held.status == "examined"
    assert (held.inspection_uuid, held.examined_at) == (after, "2026-11-20T00:00:01.000Z")
    other = get_hold(store.conn, OTHER)
    assert other is not None and other.status == "outstanding"
    assert before != other.inspection_uuid
    assert disagreements(store.conn) == []


def test_the_store_refuses_unchecked_rows(store: Store) -> None:
    before = dump(store.path)
    for bad in (
        new("rr473124829gb"),  # not normalised
        new("RR473124828GB"),  # bad check digit
        new(reason=""),
        new(targeted_on="2026-02-30"),
    ):
        with pytest.raises(HoldError):
            load(store, bad)
    with pytest.raises(HoldError, match="also on line 2"):
        load(store, new(), new(reason="other", line=9))
    with pytest.raises(HoldError):
        import_holds(store, [new()], file="x", file_format="xml", sha256="0", actor="S1")
    assert dump(store.path) == before


def test_a_batch_that_fails_midway_leaves_the_file_byte_identical(store: Store) -> None:
    load(store, new())
    before = dump(store.path)
    store.conn.execute(
        "CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON main.outbox "
        "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="injected"):
        load(store, new(reason="changed"), new(OTHER), new(THIRD))
    store.conn.execute("DROP TRIGGER fail_outbox")
    assert dump(store.path) == before


# -- located -----------------------------------------------------------------------------------


def test_scanning_a_held_parcel_marks_it_located_once(store: Store) -> None:
    load(store, new())
    located = mark_located(store, ITEM, actor="O1001")
    assert located is not None and located.status == "located" and located.located_at
    assert actions(store) == ["holds.imported", "hold.located"]
    before = dump(store.path)
    assert mark_located(store, ITEM, actor="O1001") == located  # nothing to do, nothing written
    assert mark_located(store, OTHER, actor="O1001") is None  # not held
    assert dump(store.path) == before
    event = store.conn.execute("SELECT kind FROM outbox ORDER BY seq DESC LIMIT 1").fetchone()
    assert event[0] == "hold.located"


# -- examined ----------------------------------------------------------------------------------


def test_an_inspection_examines_the_open_hold_in_its_own_transaction(store: Store) -> None:
    load(store, new(), new(OTHER))
    mark_located(store, OTHER, actor="O1001", at="2026-11-21T09:00:00.000Z")
    first = inspect(store, ITEM, at="2026-11-21T10:00:00.000Z")
    second = inspect(store, OTHER, at="2026-11-21T11:00:00.000Z")
    held = get_hold(store.conn, ITEM)
    assert held is not None and not held.open
    assert (held.inspection_uuid, held.examined_at) == (first, "2026-11-21T10:00:00.000Z")
    assert held.located_at == held.examined_at  # examined without a scan: found then
    other = get_hold(store.conn, OTHER)
    assert other is not None and other.inspection_uuid == second
    assert other.located_at == "2026-11-21T09:00:00.000Z"
    assert actions(store)[-4:] == [
        "inspection.recorded",
        "hold.examined",
        "inspection.recorded",
        "hold.examined",
    ]
    inspect(store, ITEM, at="2026-11-21T12:00:00.000Z")  # an amendment finds no open hold
    assert get_hold(store.conn, ITEM) == held
    assert actions(store)[-1] == "inspection.recorded"
    assert disagreements(store.conn) == []
    assert verify_chain(store.conn).ok


def test_a_failing_inspection_leaves_the_hold_open(store: Store) -> None:
    load(store, new())
    before = dump(store.path)
    rec = Inspection(str(uuid.uuid4()), ITEM, Outcome.RELEASED, "O1001", "2026-11-21T10:00:00Z")
    store.conn.execute(
        "CREATE TEMP TRIGGER fail_hold_event BEFORE INSERT ON main.outbox "
        "WHEN NEW.kind = 'hold.examined' BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="injected"):
        record_inspection(store, rec)
    store.conn.execute("DROP TRIGGER fail_hold_event")
    assert dump(store.path) == before  # neither the inspection nor the hold changed
    assert get_hold(store.conn, ITEM).status == "outstanding"  # type: ignore[union-attr]
    record_inspection(store, replace(rec, uuid=str(uuid.uuid4())))
    assert get_hold(store.conn, ITEM).status == "examined"  # type: ignore[union-attr]


def test_mark_examined_needs_the_inspections_transaction(store: Store) -> None:
    load(store, new())
    with pytest.raises(RuntimeError, match="transaction"):
        mark_examined(store.conn, item_id=ITEM, inspection_uuid="x", at="x", actor="O1001")


# -- reading -----------------------------------------------------------------------------------


def test_list_and_count_by_status(store: Store) -> None:
    assert count_by_status(store.conn) == HoldCounts(0, 0, 0)
    load(
        store,
        new(targeted_on="2026-11-22"),
        new(OTHER, targeted_on="2026-11-18"),
        new(THIRD, targeted_on="2026-11-20"),
        new(make("LZ", "00000001", "CN"), targeted_on="2026-11-19"),
    )
    mark_located(store, THIRD, actor="O1001")
    inspect(store, make("LZ", "00000001", "CN"), at="2026-11-21T10:00:00.000Z")
    counts = count_by_status(store.conn)
    assert counts == HoldCounts(outstanding=2, located=1, examined=1)
    assert (counts.to_examine, counts.total) == (3, 4)
    assert counts.label() == "holds outstanding 2 · located 1"
    assert HoldCounts(outstanding=37).label() == "holds outstanding 37"
    assert [h.item_id for h in list_holds(store.conn)] == [
        OTHER,
        ITEM,
        THIRD,
        make("LZ", "00000001", "CN"),
    ]
    assert [h.item_id for h in list_holds(store.conn, status="outstanding")] == [OTHER, ITEM]
    assert len(list_holds(store.conn, limit=1)) == 1
    with pytest.raises(HoldError, match="unknown hold status"):
        list_holds(store.conn, status="pending")
