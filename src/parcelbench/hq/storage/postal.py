"""Postal operators and the decisions they pull: who may read which posts' items, and the
messages after a cursor.

A postal operator's token is its own (not a bench's, not an HQ operator's key), kept only as
its hash, and limited to the origin posts it was given: a post reads the decisions on its own
items, never another post's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parcelbench.domain.clock import utc_now_iso
from parcelbench.hq import auth
from parcelbench.hq.storage.db import Database

ALL_POSTS = "*"
#: A decision message's fields, in order (the CSV header).
COLUMNS = ("seq", "item_id", "origin", "facility", "code", "decision", "reason", "at", "corrects")


@dataclass(frozen=True, slots=True)
class PostalOperator:
    name: str
    posts: tuple[str, ...]  # origin posts (S10 country codes), or ("*",) for every item

    def reads(self, origin: str) -> bool:
        return ALL_POSTS in self.posts or origin in self.posts


def add(db: Database, name: str, posts: tuple[str, ...]) -> str:
    """A new (or renewed) postal operator account; its token is returned once."""
    token = f"post.{auth.new_operator_key()}{auth.new_operator_key()}"
    with db.tx() as tx:
        tx.run("DELETE FROM postal_operators WHERE name = ?", (name,))
        tx.run(
            "INSERT INTO postal_operators (name, token_hash, posts, created_at) "
            "VALUES (?, ?, ?, ?)",
            (name, auth.token_hash(token), ",".join(posts), utc_now_iso()),
        )
    return token


def revoke(db: Database, name: str) -> bool:
    with db.tx() as tx:
        return (
            tx.run(
                "UPDATE postal_operators SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                (utc_now_iso(), name),
            )
            > 0
        )


def for_token(db: Database, token: str) -> PostalOperator | None:
    """The live postal operator this token belongs to, or None."""
    with db.tx(write=False) as tx:
        row = tx.one(
            "SELECT name, posts FROM postal_operators WHERE token_hash = ? AND revoked_at IS NULL",
            (auth.token_hash(token),),
        )
    return None if row is None else PostalOperator(row[0], tuple(str(row[1]).split(",")))


def decisions(db: Database, reader: PostalOperator, after: int, limit: int) -> list[dict[str, Any]]:
    """The messages after `after` on the reader's posts' items, in order."""
    where, params = "", [after]
    if ALL_POSTS not in reader.posts:
        where = f" AND origin IN ({','.join('?' * len(reader.posts))})"
        params += list(reader.posts)
    with db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT seq, item_id, origin, facility, code, decision, reason, at, corrects "
            "FROM rm_decisions WHERE seq > ?" + where + " ORDER BY seq LIMIT ?",
            [*params, limit],
        )
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]
