"""HQ's view of a bench's audit chain, unit by unit (the server tests cover it end to end)."""

from __future__ import annotations

from dataclasses import replace

from parcelbench.domain.records import AuditEntry
from parcelbench.hq.chain import ChainState, advance, recomputed
from parcelbench.store.audit import GENESIS_HASH


def chain(n: int) -> list[AuditEntry]:
    rows, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        row = AuditEntry(
            seq, "2026-11-27T10:00:00Z", "O1", "x.done", f"x:{seq}", {"n": seq}, prev, ""
        )
        row = replace(row, hash=recomputed(row))
        rows.append(row)
        prev = row.hash
    return rows


def test_rows_after_a_gap_wait_and_a_bad_hash_breaks_the_chain() -> None:
    rows = chain(6)
    start = ChainState(0, GENESIS_HASH)
    state, kept = advance(start, rows[:3] + rows[4:], (6, rows[5].hash), {})
    assert state.ok and state.seq == 3 and [r.seq for r in kept] == [1, 2, 3]
    state, kept = advance(state, rows[3:], (6, rows[5].hash), {})
    assert state.ok and state.seq == 6 and state.head == rows[5].hash
    forged = replace(rows[0], payload={"n": 99})
    state, kept = advance(start, [forged], None, {})
    assert not state.ok and kept == [] and "does not match its hash" in (state.error or "")
    broken, _ = advance(state, rows, None, {})
    assert broken == state  # a broken chain stays broken
