"""Following a bench's audit hash chain at HQ, row by row, and noticing when it was rewritten.

HQ keeps every audit row it accepted and the head (last seq + hash). A bench sends the rows after
the head HQ last told it, plus its own current head. A row HQ already holds must come back with
the same hash; a new row must link to the head and hash to itself; a bench whose log now ends
before HQ's head was truncated. Once broken, a chain stays broken until someone looks at it:
that is the point of recording it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from parcelbench.domain.chain import GENESIS_HASH, entry_hash
from parcelbench.domain.records import AuditEntry

AuditRow = AuditEntry  # a bench's audit row, exactly as the bench holds it


def recomputed(row: AuditEntry) -> str:
    """The hash the row must carry, from its content and the hash before it."""
    return entry_hash(
        row.prev_hash,
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=row.action,
        entity=row.entity,
        payload=row.payload,
    )


@dataclass(frozen=True, slots=True)
class ChainState:
    seq: int
    head: str
    ok: bool = True
    error: str | None = None

    def broken(self, why: str) -> ChainState:
        return replace(self, ok=False, error=why)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "seq": self.seq, "head": self.head, "error": self.error}


def advance(
    state: ChainState,
    rows: Sequence[AuditRow],
    claimed_head: tuple[int, str] | None,
    held: Mapping[int, str],
) -> tuple[ChainState, list[AuditRow]]:
    """The chain after these rows, and the rows to store. `held`: HQ's hashes by seq.

    Rows past a gap are left for the bench to send again from the head HQ answers; nothing of
    a request that breaks the chain is stored.
    """
    if not state.ok:
        return state, []
    seq, head = state.seq, state.head
    accepted: list[AuditRow] = []
    for row in sorted(rows, key=lambda r: r.seq):
        if row.seq <= state.seq:
            if held.get(row.seq) != row.hash:
                return state.broken(f"audit row {row.seq} was rewritten after HQ saw it"), []
            continue
        if row.seq != seq + 1:
            break
        if row.prev_hash != head:
            return state.broken(f"audit row {row.seq} does not follow row {seq}"), []
        if recomputed(row) != row.hash:
            return state.broken(f"audit row {row.seq} does not match its hash"), []
        accepted.append(row)
        seq, head = row.seq, row.hash
    if claimed_head is not None:
        claimed_seq, claimed_hash = claimed_head
        if claimed_seq < state.seq:
            return state.broken(
                f"the bench's audit log ends at row {claimed_seq} but HQ saw row {state.seq}: "
                "it was truncated"
            ), []
        known = held.get(claimed_seq) if claimed_seq <= state.seq else None
        if claimed_seq == 0:  # an empty log: its head is the genesis hash
            known = GENESIS_HASH
        if claimed_seq > state.seq:
            known = next((r.hash for r in accepted if r.seq == claimed_seq), None)
        if claimed_seq <= seq and known != claimed_hash:
            return state.broken(f"audit row {claimed_seq} was rewritten after HQ saw it"), []
    return ChainState(seq, head), accepted
