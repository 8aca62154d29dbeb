"""HQ's feed signing key: made once, kept in HQ's database, its public half given to benches.

Why in the database: every HQ process that publishes (the `hq publish` command, the server's
withdrawal of an item) must sign with the same key, on SQLite and PostgreSQL alike, and the
database is the one thing they all share. Whoever can write HQ's database can publish anyway;
the signature protects the feed on its way to a bench, where the pinned public key is checked.
"""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.feed import public_key_text
from parcelbench.hq.storage.db import Database, Tx


def _load(tx: Tx) -> Ed25519PrivateKey | None:
    row = tx.one("SELECT private_key FROM signing_key WHERE id = 1")
    if row is None:
        return None
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(str(row[0])))


def signing_key_in(tx: Tx) -> Ed25519PrivateKey:
    """HQ's key inside a write transaction, made on first use (two first uses agree on one)."""
    key = _load(tx)
    if key is not None:
        return key
    made = Ed25519PrivateKey.generate()
    raw = made.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    tx.run(
        "INSERT INTO signing_key (id, private_key, public_key, created_at) VALUES (1, ?, ?, ?) "
        "ON CONFLICT (id) DO NOTHING",
        (base64.b64encode(raw).decode("ascii"), public_key_text(made), utc_now_iso()),
    )
    key = _load(tx)
    assert key is not None
    return key


def public_key(db: Database) -> str:
    """HQ's public key as benches pin it (`ed25519:<base64>`)."""
    with db.tx() as tx:
        return public_key_text(signing_key_in(tx))
