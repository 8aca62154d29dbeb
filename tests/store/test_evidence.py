"""Evidence writes: each record lands with its audit row and outbox event, or none of them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from dataclasses import replace
from typing import Any

import pytest

from parcelbench.domain.records import (
    Inspection,
    Officer,
    Outcome,
    Role,
    Scan,
    Seizure,
    SeizureLine,
)
from parcelbench.store import Store
from parcelbench.store import outbox as ob
from parcelbench.store.audit import verify_chain
from parcelbench.store.audit_cover import pin_digest
from parcelbench.store.evidence import (
    attach_photo,
    get_inspection,
    record_inspection,
    record_outcome,
    record_seizure,
)
from parcelbench.store.officers import get_officer, save_officer
from parcelbench.store.photo_files import photos_dir
from parcelbench.store.scans import record_scan

ITEM = "RR473124829GB"
AT = "2026-11-20T09:30:00.000Z"
PHOTO = b"\xff\xd8\xff\xe0" + b"JFIF evidence bytes " * 50 + b"\xff\xd9"


def inspection(**changes: Any) -> Inspection:
    fields: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "item_id": ITEM,
        "outcome": Outcome.SEIZED,
        "officer_badge": "B-1001",
        "at": AT,
        "targeted": True,
        "agency": "CBP",
        "reason": "pill press parts",
        "noncompliance": ("undeclared", "misdescribed"),
        "notes": "opened at bench 3 — José",
        "aed_version": 2,
        "risk": {"score": 87, "level": "hold", "flags": [{"rule": "kw-press", "field": "d"}]},
    }
    fields.update(changes)
    return Inspection(**fields)


def seizure(inspection_uuid: str, number: str = "SZ-2026-000001") -> Seizure:
    return Seizure(
        seizure_number=number,
        inspection_uuid=inspection_uuid,
        category="precursor",
        description="white powder, 2 bags",
        quantity=2,
        unit="bag",
        weight_g=512.5,
        at=AT,
        field_test="TruNarc",
        field_test_result="positive",
        evidence_bags=("EB-1", "EB-2"),
        witness="B-2002",
    )


def count(store: Store, table: str, where: str = "1", params: tuple[Any, ...] = ()) -> int:
    row = store.conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", params).fetchone()
    return int(row[0])


def evidence_counts(store: Store) -> dict[str, int]:
    return {
        t: count(store, t)
        for t in ("inspections", "seizures", "photos", "officers", "audit_log", "outbox")
    }


def audit_rows(store: Store) -> list[tuple[str, str, str, dict[str, Any]]]:
    rows = store.conn.execute("SELECT actor, action, entity, payload FROM audit_log ORDER BY seq")
    return [(a, b, c, json.loads(d)) for a, b, c, d in rows]


def fail_on_insert(store: Store, table: str) -> None:
    """A connection-local trigger that aborts the next insert into `table`.

    It makes a later step of the one transaction fail after the earlier ones succeeded, on the
    real file, without replacing any code.
    """
    store.conn.execute(
        f"CREATE TEMP TRIGGER fail_{table} BEFORE INSERT ON main.{table} "
        f"BEGIN SELECT RAISE(ABORT, 'injected failure in {table}'); END"
    )


# -- inspections -------------------------------------------------------------------------------


def test_record_inspection_writes_record_audit_and_outbox(store: Store) -> None:
    rec = inspection()
    record_inspection(store, rec)
    assert get_inspection(store.conn, rec.uuid) == rec
    assert evidence_counts(store) == {
        "inspections": 1,
        "seizures": 0,
        "photos": 0,
        "officers": 0,
        "audit_log": 1,
        "outbox": 1,
    }
    [(actor, action, entity, payload)] = audit_rows(store)
    assert (actor, action, entity) == ("B-1001", "inspection.recorded", f"inspection:{rec.uuid}")
    assert payload["uuid"] == rec.uuid
    assert payload["outcome"] == "seized"
    assert payload["noncompliance"] == ["undeclared", "misdescribed"]
    [event] = ob.pending(store.conn)
    assert event.kind == "inspection.recorded"
    assert event.payload["record"] == payload
    head = store.conn.execute("SELECT seq, hash FROM audit_log").fetchone()
    assert (event.payload["audit"]["seq"], event.payload["audit"]["hash"]) == head
    assert verify_chain(store.conn).ok


def test_duplicate_inspection_uuid_leaves_no_audit_or_outbox(store: Store) -> None:
    rec = inspection()
    record_inspection(store, rec)
    before = evidence_counts(store)
    with pytest.raises(sqlite3.IntegrityError):
        record_inspection(store, inspection(uuid=rec.uuid, outcome=Outcome.RELEASED))
    assert evidence_counts(store) == before
    assert not store.conn.in_transaction
    assert get_inspection(store.conn, rec.uuid) == rec  # the first record is untouched


@pytest.mark.parametrize("failing", ["audit_log", "outbox"])
def test_inspection_is_rolled_back_when_a_later_step_fails(store: Store, failing: str) -> None:
    """The record insert succeeded; the audit or outbox insert fails: nothing may remain."""
    record_inspection(store, inspection())
    before = evidence_counts(store)
    fail_on_insert(store, failing)
    rec = inspection()
    with pytest.raises(sqlite3.IntegrityError, match="injected"):
        record_inspection(store, rec)
    assert evidence_counts(store) == before
    assert get_inspection(store.conn, rec.uuid) is None
    assert not store.conn.in_transaction
    store.conn.execute(f"DROP TRIGGER temp.fail_{failing}")
    record_inspection(store, rec)  # still usable, and the chain continues cleanly
    assert count(store, "inspections") == 2
    assert verify_chain(store.conn).entries == 2


def test_amendment_must_name_an_existing_inspection(store: Store) -> None:
    """`amends` is a foreign key: a correction cannot point at nothing."""
    with pytest.raises(sqlite3.IntegrityError):
        record_inspection(store, inspection(amends=str(uuid.uuid4())))
    assert evidence_counts(store)["audit_log"] == 0
    first = inspection()
    record_inspection(store, first)
    record_inspection(store, inspection(amends=first.uuid, outcome=Outcome.DETAINED))
    assert count(store, "inspections", "amends = ?", (first.uuid,)) == 1


# -- seizures ----------------------------------------------------------------------------------


def test_record_seizure_writes_record_audit_and_outbox(store: Store) -> None:
    rec = inspection()
    record_inspection(store, rec)
    record_seizure(store, seizure(rec.uuid), actor="B-2002")
    assert count(store, "seizures", "inspection_uuid = ?", (rec.uuid,)) == 1
    assert count(store, "audit_log", "action = 'seizure.recorded'") == 1
    assert count(store, "outbox", "kind = 'seizure.recorded'") == 1
    actor, _, entity, payload = audit_rows(store)[-1]
    assert (actor, entity) == ("B-2002", "seizure:SZ-2026-000001")
    assert payload["evidence_bags"] == ["EB-1", "EB-2"]
    assert payload["weight_g"] == 512.5
    assert verify_chain(store.conn).entries == 2


def test_seizure_for_missing_inspection_leaves_nothing(store: Store) -> None:
    """Foreign keys are on: an orphan seizure is refused, with no audit row or event."""
    record_inspection(store, inspection())
    before = evidence_counts(store)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        record_seizure(store, seizure(str(uuid.uuid4())), actor="B-2002")
    assert evidence_counts(store) == before


def test_duplicate_seizure_number_leaves_nothing(store: Store) -> None:
    rec = inspection()
    record_inspection(store, rec)
    record_seizure(store, seizure(rec.uuid), actor="B-2002")
    before = evidence_counts(store)
    with pytest.raises(sqlite3.IntegrityError):
        record_seizure(store, seizure(rec.uuid), actor="B-2002")
    assert evidence_counts(store) == before


# -- photos ------------------------------------------------------------------------------------


def test_seizure_lines_are_numbered_inside_the_outcome_transaction(store: Store) -> None:
    """Each line gets the next sequence after the prefix's highest number, and its line; the
    prefix ends with the bench's segment (00: not enrolled with a port)."""
    prefix = "2027-4701-00"
    line = SeizureLine("narcotics", "white powder", 2, "g", 2.5, evidence_bags=("EB-1",))
    first = inspection()
    two = record_outcome(
        store, first, seizure_lines=[line, replace(line, unit="tablets")], seizure_prefix=prefix
    ).seizures
    assert [s.seizure_number for s in two] == [f"{prefix}0001-01", f"{prefix}0001-02"]
    assert two[0] == line.numbered(f"{prefix}0001-01", first.uuid, first.at)
    assert two[1].unit == "tablets" and two[1].at == first.at
    again = record_outcome(
        store, inspection(), seizure_lines=[line], seizure_prefix=prefix
    ).seizures
    assert [s.seizure_number for s in again] == [f"{prefix}0002-01"]
    other = record_outcome(
        store, inspection(), seizure_lines=[line], seizure_prefix="2027-2720-00"
    ).seizures
    assert [s.seizure_number for s in other] == ["2027-2720-000001-01"]
    assert count(store, "seizures") == 4
    assert record_outcome(store, inspection(), seizure_prefix=prefix).seizures == []
    assert count(store, "seizures") == 4


def test_a_bench_past_its_9999th_seizure_keeps_numbering_upwards(store: Store) -> None:
    """Five digits sort before four as text: the next number comes from the longest, then the
    highest, so the 10,001st seizure is not numbered 10,000 again."""
    prefix = "2027-4701-03"
    line = SeizureLine("narcotics", "white powder", 2, "g", 2.5)
    record_inspection(store, last := inspection())
    record_seizure(store, replace(seizure(last.uuid), seizure_number=f"{prefix}9999-01"),
                   actor="B-2002")  # fmt: skip
    numbers = [
        record_outcome(store, inspection(), seizure_lines=[line], seizure_prefix=prefix)
        .seizures[0]
        .seizure_number
        for _ in range(2)
    ]
    assert numbers == [f"{prefix}10000-01", f"{prefix}10001-01"]


def test_numbered_seizures_and_lines_are_not_mixed(store: Store) -> None:
    first = inspection()
    with pytest.raises(ValueError, match="not both"):
        record_outcome(
            store,
            first,
            [seizure(first.uuid)],
            seizure_lines=[SeizureLine("narcotics", "powder", 1, "g", 1.0)],
        )
    assert evidence_counts(store)["inspections"] == 0


def test_photo_is_stored_by_hash_and_referenced(store: Store) -> None:
    rec = inspection()
    record_inspection(store, rec)
    photo = attach_photo(store, rec.uuid, PHOTO, actor="B-1001", caption="contents")
    digest = hashlib.sha256(PHOTO).hexdigest()
    assert photo.sha256 == digest
    assert photo.size == len(PHOTO)
    path = photos_dir(store) / f"{digest}.jpg"
    assert path.read_bytes() == PHOTO
    assert sorted(p.name for p in photos_dir(store).iterdir()) == [f"{digest}.jpg"]  # no temp
    row = store.conn.execute("SELECT sha256, inspection_uuid, size, caption FROM photos")
    assert row.fetchall() == [(digest, rec.uuid, len(PHOTO), "contents")]
    assert count(store, "audit_log", "action = 'photo.attached'") == 1
    assert count(store, "outbox", "kind = 'photo.attached'") == 1
    assert audit_rows(store)[-1][2] == f"photo:{digest}"


def test_same_photo_bytes_are_stored_once(store: Store) -> None:
    """The same picture attached to two parcels is one file, two references."""
    first, second = inspection(), inspection()
    record_inspection(store, first)
    record_inspection(store, second)
    attach_photo(store, first.uuid, PHOTO, actor="B-1001")
    attach_photo(store, second.uuid, PHOTO, actor="B-1001")
    other = attach_photo(store, second.uuid, PHOTO + b"!", actor="B-1001")
    files = sorted(p.name for p in photos_dir(store).iterdir())
    assert files == sorted({f"{hashlib.sha256(PHOTO).hexdigest()}.jpg", f"{other.sha256}.jpg"})
    assert count(store, "photos") == 3
    assert count(store, "audit_log", "action = 'photo.attached'") == 3
    assert count(store, "outbox", "kind = 'photo.attached'") == 3


def test_photo_for_missing_inspection_leaves_no_rows(store: Store) -> None:
    before = evidence_counts(store)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        attach_photo(store, str(uuid.uuid4()), PHOTO, actor="B-1001")
    assert evidence_counts(store) == before


def test_same_photo_twice_on_one_inspection_leaves_one_of_everything(store: Store) -> None:
    rec = inspection()
    record_inspection(store, rec)
    attach_photo(store, rec.uuid, PHOTO, actor="B-1001")
    before = evidence_counts(store)
    with pytest.raises(sqlite3.IntegrityError):
        attach_photo(store, rec.uuid, PHOTO, actor="B-1001")
    assert evidence_counts(store) == before
    assert (photos_dir(store) / f"{hashlib.sha256(PHOTO).hexdigest()}.jpg").read_bytes() == PHOTO


# -- officers ----------------------------------------------------------------------------------

PIN_HASH = "scrypt$16384$8$1$c2FsdA$SECRET-PIN-HASH-VALUE"


def test_save_officer_writes_row_and_audit_but_no_event(store: Store) -> None:
    """Accounts come from HQ's feed; a local save is audited but not pushed back."""
    officer = Officer("B-1001", "Ana Lima", Role.SUPERVISOR, PIN_HASH)
    save_officer(store, officer, actor="admin")
    assert get_officer(store.conn, "B-1001") == officer
    assert count(store, "audit_log") == 1
    assert count(store, "outbox") == 0
    [(actor, action, entity, payload)] = audit_rows(store)
    assert (actor, action, entity) == ("admin", "officer.saved", "officer:B-1001")
    assert payload == {
        "badge": "B-1001",
        "name": "Ana Lima",
        "role": "supervisor",
        "active": True,
        "pin": pin_digest(PIN_HASH),  # a digest the chain vouches for, never the hash
    }


def test_officer_pin_hash_never_reaches_the_audit_log(store: Store) -> None:
    """The audit log goes to HQ and into reports; a PIN hash there could be brute-forced."""
    save_officer(store, Officer("B-1", "Ana", Role.OFFICER, PIN_HASH), actor="admin")
    save_officer(store, Officer("B-1", "Ana", Role.OFFICER, PIN_HASH + "2"), actor="admin")
    everything = "\n".join(store.conn.iterdump())
    audit_text = json.dumps(
        store.conn.execute("SELECT * FROM audit_log").fetchall(), ensure_ascii=False
    )
    outbox_text = json.dumps(store.conn.execute("SELECT * FROM outbox").fetchall())
    assert "SECRET-PIN-HASH" in everything  # it is stored, in the officers table...
    assert "SECRET-PIN-HASH" not in audit_text  # ...and nowhere that leaves the bench
    assert "SECRET-PIN-HASH" not in outbox_text
    for *_, payload in audit_rows(store):
        assert "pin_hash" not in payload


def test_saving_an_officer_again_updates_and_audits_again(store: Store) -> None:
    save_officer(store, Officer("B-1", "Ana", Role.OFFICER, PIN_HASH), actor="admin")
    updated = Officer("B-1", "Ana Lima", Role.SUPERVISOR, None, False)
    save_officer(store, updated, actor="admin")
    assert get_officer(store.conn, "B-1") == updated
    assert count(store, "officers") == 1
    assert count(store, "audit_log", "action = 'officer.saved'") == 2
    assert get_officer(store.conn, "nobody") is None


def test_failed_officer_save_leaves_no_audit_row(store: Store) -> None:
    bad = Officer("B-9", "Eve", "janitor")  # type: ignore[arg-type]  # CHECK constraint
    with pytest.raises(sqlite3.IntegrityError):
        save_officer(store, bad, actor="admin")
    assert evidence_counts(store)["audit_log"] == 0
    fail_on_insert(store, "audit_log")
    with pytest.raises(sqlite3.IntegrityError, match="injected"):
        save_officer(store, Officer("B-9", "Eve", Role.OFFICER), actor="admin")
    assert get_officer(store.conn, "B-9") is None


# -- scans -------------------------------------------------------------------------------------


def test_scans_are_telemetry_without_audit_or_event(store: Store) -> None:
    scan = Scan(ITEM, ITEM, "s10", True, "wedge", "code128", AT, "B-1")
    first = record_scan(store, scan)
    second = record_scan(store, scan)
    assert second == first + 1
    assert count(store, "scans") == 2
    assert (count(store, "audit_log"), count(store, "outbox")) == (0, 0)


# -- outbox ------------------------------------------------------------------------------------


def _enqueue(store: Store, n: int) -> list[str]:
    with store.transaction() as conn:
        return [ob.enqueue(conn, "test.event", {"n": i}).event_id for i in range(n)]


def test_enqueue_outside_a_transaction_is_refused(store: Store) -> None:
    with pytest.raises(RuntimeError, match="transaction"):
        ob.enqueue(store.conn, "test.event", {})
    assert ob.count_pending(store.conn) == 0


def test_event_ids_are_unique_uuids(store: Store) -> None:
    record_inspection(store, inspection())
    ids = _enqueue(store, 300) + [e.event_id for e in ob.pending(store.conn, limit=1)]
    assert len(set(ids)) == len(ids) == 301
    for event_id in ids:
        assert str(uuid.UUID(event_id)) == event_id
        assert uuid.UUID(event_id).version == 4


def test_pending_mark_sent_and_count_pending(store: Store) -> None:
    ids = _enqueue(store, 10)
    events = ob.pending(store.conn)
    assert [e.event_id for e in events] == ids  # in seq order: HQ keeps the bench's order
    assert [e.payload for e in events] == [{"n": i} for i in range(10)]
    assert [e.seq for e in events] == sorted(e.seq for e in events)
    assert ob.count_pending(store.conn) == 10
    assert [e.event_id for e in ob.pending(store.conn, limit=3)] == ids[:3]

    assert ob.mark_sent(store.conn, ids[:4]) == 4
    assert ob.count_pending(store.conn) == 6
    assert [e.event_id for e in ob.pending(store.conn)] == ids[4:]
    assert ob.mark_sent(store.conn, ids[:4]) == 0  # HQ acks again: harmless, no double count
    assert ob.mark_sent(store.conn, [str(uuid.uuid4())]) == 0
    assert ob.mark_sent(store.conn, []) == 0
    sent_at = store.conn.execute("SELECT sent_at FROM outbox WHERE event_id = ?", (ids[0],))
    assert sent_at.fetchone()[0] is not None

    assert ob.mark_sent(store.conn, ids[4:], at="2026-11-20T10:00:00.000Z") == 6
    assert ob.count_pending(store.conn) == 0
    assert ob.pending(store.conn) == []
    assert count(store, "outbox") == 10  # sent events are kept, not deleted


def test_mark_sent_handles_more_ids_than_one_statement_takes(store: Store) -> None:
    ids = _enqueue(store, 1234)
    assert ob.mark_sent(store.conn, ids) == 1234
    assert ob.count_pending(store.conn) == 0


def test_parked_events_are_not_offered_for_sending(store: Store) -> None:
    ids = _enqueue(store, 3)
    store.conn.execute("UPDATE outbox SET parked_reason = 'rejected' WHERE event_id = ?", (ids[1],))
    assert [e.event_id for e in ob.pending(store.conn)] == [ids[0], ids[2]]
