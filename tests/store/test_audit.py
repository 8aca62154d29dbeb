"""The audit hash chain: appended only with its record, and any local tampering shows."""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from typing import Any

import pytest

from parcelbench.store import Store
from parcelbench.store.audit import GENESIS_HASH, append, entries, entry_hash, verify_chain

ROWS = 60


def fill(store: Store, n: int = ROWS) -> None:
    """n audit rows, one transaction each, with payloads that exercise canonical JSON."""
    for i in range(n):
        with store.transaction() as conn:
            append(
                conn,
                actor=f"B-{i % 3}",
                action="test.event",
                entity=f"thing:{i}",
                payload={"i": i, "name": "José Núñez", "nested": {"z": 1, "a": [i, 0.5]}},
            )


def raw_sql(store: Store, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Tampering the way an attacker with the file would: plain SQL, no app code."""
    store.conn.execute(sql, params)


def test_append_outside_a_transaction_is_refused(store: Store) -> None:
    """An audit row written on its own could describe a record that never committed."""
    with pytest.raises(RuntimeError, match="transaction"):
        append(store.conn, actor="B-1", action="x", entity="y", payload={})
    assert store.conn.execute("SELECT count(*) FROM audit_log").fetchone() == (0,)


def test_empty_chain_verifies_with_genesis_head(store: Store) -> None:
    status = verify_chain(store.conn)
    assert (status.ok, status.entries, status.head) == (True, 0, GENESIS_HASH)


def test_chain_of_many_rows_verifies(store: Store) -> None:
    fill(store)
    status = verify_chain(store.conn)
    assert status.ok, status
    assert status.entries == ROWS
    assert status.first_bad_seq is None and status.reason is None
    last = store.conn.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    assert status.head == last[0]
    assert status.to_json()["ok"] is True


def test_rows_link_to_the_row_before(store: Store) -> None:
    fill(store, 10)
    rows = entries(store.conn)
    assert [r.seq for r in rows] == list(range(1, 11))
    assert rows[0].prev_hash == GENESIS_HASH
    for before, after in itertools.pairwise(rows):
        assert after.prev_hash == before.hash
    assert len({r.hash for r in rows}) == 10
    assert [r.seq for r in entries(store.conn, after=7, limit=2)] == [8, 9]


def test_entry_hash_is_sha256_of_prev_hash_and_canonical_json(store: Store) -> None:
    """Recompute independently: HQ (another language, maybe) must get the same bytes."""
    fill(store, 3)
    seq, at, actor, action, entity, payload, prev, digest = store.conn.execute(
        "SELECT seq, at, actor, action, entity, payload, prev_hash, hash FROM audit_log "
        "WHERE seq = 2"
    ).fetchone()
    body = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "entity": entity,
        "payload": json.loads(payload),
    }
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    expected = hashlib.sha256((prev + text).encode("utf-8")).hexdigest()
    assert digest == expected
    assert "José Núñez" in text  # UTF-8 kept, not \\u-escaped
    assert payload == json.dumps(
        json.loads(payload), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert (
        entry_hash(
            prev,
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            payload=json.loads(payload),
        )
        == expected
    )


def test_entry_hash_depends_on_every_field() -> None:
    base: dict[str, Any] = {
        "seq": 1,
        "at": "2026-11-20T08:00:00.000Z",
        "actor": "B-1",
        "action": "a",
        "entity": "e",
        "payload": {"k": 1},
    }
    reference = entry_hash(GENESIS_HASH, **base)
    assert entry_hash("1" * 64, **base) != reference
    for key, other in [
        ("seq", 2),
        ("at", "2026-11-20T08:00:00.001Z"),
        ("actor", "B-2"),
        ("action", "b"),
        ("entity", "f"),
        ("payload", {"k": 2}),
    ]:
        assert entry_hash(GENESIS_HASH, **{**base, key: other}) != reference, key


def test_rolled_back_append_leaves_no_row_and_no_gap(store: Store) -> None:
    fill(store, 2)
    with pytest.raises(ValueError), store.transaction() as conn:
        append(conn, actor="B-1", action="x", entity="y", payload={})
        raise ValueError
    fill(store, 1)
    status = verify_chain(store.conn)
    assert status.ok and status.entries == 3


# -- tampering ---------------------------------------------------------------------------------


def test_edited_payload_is_caught_at_its_row(store: Store) -> None:
    fill(store)
    good = verify_chain(store.conn)
    raw_sql(
        store,
        "UPDATE audit_log SET payload = json_set(payload, '$.i', 999) WHERE seq = 17",
    )
    status = verify_chain(store.conn)
    assert not status.ok
    assert status.first_bad_seq == 17
    assert status.entries == 16
    assert "content" in (status.reason or "")
    assert status.head != good.head


@pytest.mark.parametrize("column", ["at", "actor", "action", "entity"])
def test_edited_column_is_caught_at_its_row(store: Store, column: str) -> None:
    fill(store, 20)
    raw_sql(store, f"UPDATE audit_log SET {column} = {column} || 'x' WHERE seq = 9")
    status = verify_chain(store.conn)
    assert (status.ok, status.first_bad_seq) == (False, 9)


def test_deleted_middle_row_is_caught(store: Store) -> None:
    fill(store)
    raw_sql(store, "DELETE FROM audit_log WHERE seq = 30")
    status = verify_chain(store.conn)
    assert not status.ok
    assert status.first_bad_seq == 31  # the first row that no longer follows
    assert "row 30 is missing" in (status.reason or "")
    assert status.entries == 29


def test_deleted_first_row_is_caught(store: Store) -> None:
    fill(store, 5)
    raw_sql(store, "DELETE FROM audit_log WHERE seq = 1")
    status = verify_chain(store.conn)
    assert (status.ok, status.first_bad_seq, status.entries) == (False, 2, 0)


def test_deleted_middle_row_with_renumbering_is_caught(store: Store) -> None:
    """Closing the seq gap does not help: the next row's prev_hash no longer matches."""
    fill(store, 20)
    raw_sql(store, "DELETE FROM audit_log WHERE seq = 10")
    raw_sql(store, "UPDATE audit_log SET seq = seq - 1 WHERE seq > 10")
    status = verify_chain(store.conn)
    assert (status.ok, status.first_bad_seq) == (False, 10)
    assert "prev_hash" in (status.reason or "")


def test_truncated_tail_changes_the_head(store: Store) -> None:
    """A dropped tail is a valid shorter chain locally; HQ keeps the head, so it notices."""
    fill(store)
    head_seen_by_hq = verify_chain(store.conn).head
    raw_sql(store, f"DELETE FROM audit_log WHERE seq > {ROWS - 3}")
    status = verify_chain(store.conn)
    assert status.ok  # cannot be caught locally...
    assert status.entries == ROWS - 3
    assert status.head != head_seen_by_hq  # ...but the head HQ holds no longer matches
    assert (
        status.head
        == store.conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (ROWS - 3,)).fetchone()[0]
    )


def test_swapped_rows_are_caught(store: Store) -> None:
    """Reordering two rows (swap their seq) breaks the chain at the earlier position."""
    fill(store, 20)
    raw_sql(store, "UPDATE audit_log SET seq = -1 WHERE seq = 5")
    raw_sql(store, "UPDATE audit_log SET seq = 5 WHERE seq = 12")
    raw_sql(store, "UPDATE audit_log SET seq = 12 WHERE seq = -1")
    status = verify_chain(store.conn)
    assert (status.ok, status.first_bad_seq) == (False, 5)


def test_rewritten_hash_is_caught_at_its_row(store: Store) -> None:
    fill(store, 20)
    raw_sql(store, "UPDATE audit_log SET hash = ? WHERE seq = 11", ("f" * 64,))
    status = verify_chain(store.conn)
    assert (status.ok, status.first_bad_seq) == (False, 11)


def test_edit_with_recomputed_hash_is_caught_at_the_next_row(store: Store) -> None:
    """An attacker who re-hashes the edited row still breaks the link from the row after."""
    fill(store, 20)
    seq, at, actor, action, entity, payload, prev = store.conn.execute(
        "SELECT seq, at, actor, action, entity, payload, prev_hash FROM audit_log WHERE seq = 8"
    ).fetchone()
    forged = {**json.loads(payload), "i": -1}
    new_hash = entry_hash(
        prev, seq=seq, at=at, actor=actor, action=action, entity=entity, payload=forged
    )
    raw_sql(
        store,
        "UPDATE audit_log SET payload = ?, hash = ? WHERE seq = 8",
        (json.dumps(forged, sort_keys=True, separators=(",", ":")), new_hash),
    )
    status = verify_chain(store.conn)
    assert (status.ok, status.first_bad_seq) == (False, 9)
    assert "prev_hash" in (status.reason or "")
    assert status.entries == 8


def test_fully_rewritten_tail_verifies_but_changes_the_head(store: Store) -> None:
    """Re-hashing everything after an edit fools a local check; only HQ's head catches it."""
    fill(store, 10)
    head_seen_by_hq = verify_chain(store.conn).head
    rows = store.conn.execute(
        "SELECT seq, at, actor, action, entity, payload FROM audit_log ORDER BY seq"
    ).fetchall()
    prev = GENESIS_HASH
    for seq, at, actor, action, entity, payload in rows:
        body = json.loads(payload)
        if seq == 4:
            body["i"] = -1
        digest = entry_hash(
            prev, seq=seq, at=at, actor=actor, action=action, entity=entity, payload=body
        )
        raw_sql(
            store,
            "UPDATE audit_log SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (json.dumps(body, sort_keys=True, separators=(",", ":")), prev, digest, seq),
        )
        prev = digest
    status = verify_chain(store.conn)
    assert status.ok and status.entries == 10
    assert status.head != head_seen_by_hq


def test_verify_reads_a_fresh_connection(store: Store) -> None:
    """Verification depends only on the file: another process gets the same answer."""
    fill(store, 5)
    raw = sqlite3.connect(store.path)
    try:
        assert verify_chain(raw) == verify_chain(store.conn)
    finally:
        raw.close()
