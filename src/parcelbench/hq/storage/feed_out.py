"""Appending one signed item to HQ's feed inside a transaction the caller holds.

Why its own module: `hq publish` appends what an operator publishes, and ingest appends what a
bench's events mean for the other benches (a hold located or examined at one bench of a
facility, for its other benches) in the transaction that stores those events, so the feed
item exists exactly when the event does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from parcelbench.domain.canonical import canonical_json
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.feed import feed_checksum, sign_item
from parcelbench.hq.storage.db import Tx
from parcelbench.hq.storage.keys import signing_key_in


def append(tx: Tx, kind: str, name: str, body: dict[str, Any], by: str) -> int:
    """One item, signed; its sequence number (the benches' cursor)."""
    return append_all(tx, [(kind, name, body, by)])[0]


def append_all(tx: Tx, items: Sequence[tuple[str, str, dict[str, Any], str]]) -> list[int]:
    """Items (kind, name, body, by), signed, in order; their sequence numbers.

    On PostgreSQL this takes the feed's lock, held until the caller's transaction ends: make it
    the transaction's last step, so other writers (every bench's ingest) wait only for a commit.
    """
    if not items:
        return []
    if tx.dialect == "postgresql":
        # one publisher at a time, so sequence numbers become visible in order and a bench
        # reading "after 41" can never miss a 41 committed after a 42
        tx.run("LOCK TABLE feed IN EXCLUSIVE MODE")
    key = signing_key_in(tx)
    seqs = []
    for kind, name, body, by in items:
        digest = feed_checksum(kind, name, body)
        published_at = utc_now_iso()
        row = tx.one(
            "INSERT INTO feed (kind, name, body, checksum, published_at, published_by) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING seq",
            (kind, name, canonical_json(body), digest, published_at, by),
        )
        assert row is not None
        seq = int(row[0])
        tx.run(
            "UPDATE feed SET signature = ? WHERE seq = ?",
            (sign_item(key, seq, kind, name, digest, published_at), seq),
        )
        seqs.append(seq)
    return seqs
