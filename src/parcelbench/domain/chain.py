"""The audit chain's hash: what a row must carry, given the row before it.

Why in `domain`: the bench writes the chain (`store.audit`) and HQ re-verifies it from the
events alone (`hq.chain`); both must compute exactly the same thing, and HQ must not need the
bench's store to do it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parcelbench.domain.canonical import canonical_json, sha256_hex

GENESIS_HASH = "0" * 64


def entry_hash(
    prev_hash: str,
    *,
    seq: int,
    at: str,
    actor: str,
    action: str,
    entity: str,
    payload: dict[str, Any],
) -> str:
    body = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "entity": entity,
        "payload": payload,
    }
    return sha256_hex(prev_hash + canonical_json(body))


@dataclass(frozen=True, slots=True)
class ChainStatus:
    ok: bool
    entries: int
    head: str
    first_bad_seq: int | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head": self.head,
            "first_bad_seq": self.first_bad_seq,
            "reason": self.reason,
        }
