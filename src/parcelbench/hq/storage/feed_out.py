"""Appending one signed item to HQ's feed inside a transaction the caller holds.

Why its own module: `hq publish` appends what an operator publishes, and ingest appends what a
bench's events mean for the other benches (a hold located or examined at one bench of a
facility, for its other benches) in the transaction that stores those events, so the feed
item exists exactly when the event does.
"""

from __future__ import annotations

from typing import Any

from parcelbench.domain.canonical import canonical_json
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.feed import feed_checksum, sign_item
from parcelbench.hq.storage.db import Tx
from parcelbench.hq.storage.keys import signing_key_in


def append(tx: Tx, kind: str, name: str, body: dict[str, Any], by: str) -> int:
    """One item, signed; its sequence number (the benches' cursor)."""
    digest = feed_checksum(kind, name, body)
    published_at = utc_now_iso()
    if tx.dialect == "postgresql":
        # one publisher at a time, so sequence numbers become visible in order and a bench
        # reading "after 41" can never miss a 41 committed after a 42
        tx.run("LOCK TABLE feed IN EXCLUSIVE MODE")
    key = signing_key_in(tx)
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
    return seq
