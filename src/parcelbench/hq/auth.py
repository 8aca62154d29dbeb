"""Bench tokens: shown once at enrollment, kept at HQ only as a hash.

A token is `<bench_id>.<secret>`; the bench id in front lets a bench know who it is without a
second secret, and the 256-bit secret makes a fast hash (SHA-256) enough to store it: there is
nothing for a slow hash to protect against when the input cannot be guessed.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid


def new_bench_id() -> str:
    return "B-" + uuid.uuid4().hex[:12].upper()


def new_token(bench_id: str) -> str:
    return f"{bench_id}.{secrets.token_urlsafe(32)}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def bench_of(token: str) -> str | None:
    """The bench id a token names (only a hint: HQ trusts the hash lookup, not this)."""
    head, dot, secret = token.partition(".")
    return head if dot and head and secret else None


def new_operator_key() -> str:
    """An HQ page password: 192 random bits, so (as for tokens) a SHA-256 of it is enough."""
    return secrets.token_urlsafe(24)


def same_hash(key: str, stored: str) -> bool:
    return secrets.compare_digest(token_hash(key), stored)
