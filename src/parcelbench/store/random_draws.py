"""The bench's random-exam key and the draws made with it (see `domain.random_draw`).

The key lives in its own table, read only here: it is not a setting (settings are listed and
exported) and it is never synced. Each parcel is drawn for once; later scans read that draw.
"""

from __future__ import annotations

import sqlite3

from parcelbench.domain.random_draw import Draw, draw_fraction, new_key
from parcelbench.store.db import Store

_KEY = "random_exam"


def _key(conn: sqlite3.Connection) -> bytes | None:
    row = conn.execute("SELECT value FROM bench_secret WHERE name = ?", (_KEY,)).fetchone()
    return None if row is None else bytes.fromhex(row[0])


def bench_key(store: Store) -> bytes:
    """This bench's key, made on first use."""
    key = _key(store.conn)
    if key is not None:
        return key
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO bench_secret (name, value) VALUES (?, ?)",
            (_KEY, new_key().hex()),
        )
    found = _key(store.conn)
    assert found is not None
    return found


def latest(conn: sqlite3.Connection, item_id: str) -> Draw | None:
    row = conn.execute(
        "SELECT item_id, drawn_at, fraction, rate FROM random_draws WHERE item_id = ? "
        "ORDER BY id LIMIT 1",
        (item_id,),
    ).fetchone()
    return None if row is None else Draw(*row)


def draw(store: Store, item_id: str, *, at: str, rate: float) -> Draw:
    """The parcel's draw: the one made at its first scan, or a new one made now and kept."""
    found = latest(store.conn, item_id)
    if found is not None:
        return found
    made = Draw(item_id, at, draw_fraction(bench_key(store), item_id, at), rate)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO random_draws (item_id, drawn_at, fraction, rate, picked) "
            "VALUES (?, ?, ?, ?, ?)",
            (made.item_id, made.drawn_at, made.fraction, made.rate, int(made.picked)),
        )
    return made
