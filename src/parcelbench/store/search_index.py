"""Which AED rows the search index holds, and how the rest get into it.

The search index (FTS5 trigram, migration 8) is most of what writing a big AED file costs:
about half the writer's time at a million items. So a big import may leave it behind —
the AED is committed, looked up by id and counted by the volume rules at once — and the
index catches up after the command returns, in short transactions, while searches stay
complete by reading the rows not yet indexed directly (`store.aed.search`).

The rule that keeps it right: the index holds exactly the current rows whose id is at most
the cursor (`search_index_state.indexed_upto`). An import indexes its own rows in its own
transaction only when nothing before them is waiting (then the cursor moves past them at its
commit); a row it supersedes leaves the index first only if the index holds it (FTS5 removes
a row by the text it reads back through the view, which must be the text it indexed).
`catch_up` indexes the current rows after the cursor, a chunk per transaction, so an import
that supersedes a row cannot slip in between and a crash loses at most the chunk in hand.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence

from parcelbench.store.db import Store
from parcelbench.store.volume import CatchUp

#: Rows indexed per catch-up transaction: about half a second of the write lock, which a
#: scan's write at the bench waits out well inside busy_timeout.
CHUNK = 20_000

_INDEX_RANGE = (
    "INSERT INTO aed_search (rowid, body) "
    "SELECT id, body FROM aed_search_text WHERE id BETWEEN ? AND ?"
)
_UNINDEX = "DELETE FROM aed_search WHERE rowid = ?"


def cursor(conn: sqlite3.Connection) -> int:
    """The last AED row id the index has seen (every current row up to it is indexed)."""
    return int(
        conn.execute("SELECT indexed_upto FROM search_index_state WHERE id = 1").fetchone()[0]
    )


def advance(conn: sqlite3.Connection, upto: int) -> None:
    """Move the cursor to `upto`: the caller has indexed every current row up to it."""
    conn.execute("UPDATE search_index_state SET indexed_upto = ? WHERE id = 1", (upto,))


def add_range(conn: sqlite3.Connection, first: int, last: int) -> int:
    """Index the current rows with ids `first`..`last` (the caller's transaction); how many."""
    return conn.execute(_INDEX_RANGE, (first, last)).rowcount


def remove(conn: sqlite3.Connection, row_ids: Sequence[int]) -> None:
    """Take indexed rows out, while they are still current (before they are demoted)."""
    conn.executemany(_UNINDEX, [(row_id,) for row_id in row_ids])


def pending(conn: sqlite3.Connection) -> int:
    """Current AED rows not yet in the index (0 when searches read the index alone)."""
    row = conn.execute(
        "SELECT count(*) FROM aed_items WHERE is_current = 1 "
        "AND id > (SELECT indexed_upto FROM search_index_state WHERE id = 1)"
    ).fetchone()
    return int(row[0])


def catch_up(
    store: Store, *, chunk: int = CHUNK, progress: Callable[[int, int], None] | None = None
) -> CatchUp:
    """Index every current row after the cursor; returns how many and how long.

    `progress(done, total)` is called after each chunk, in rows of the backlog as it stood at
    the start. Safe to run from two processes at once: each chunk reads the cursor inside its
    own write transaction.
    """
    started = time.perf_counter()
    top = store.conn.execute("SELECT coalesce(max(id), 0) FROM aed_items").fetchone()[0]
    if cursor(store.conn) >= int(top):  # nothing waiting: no write transaction at all
        return CatchUp(0, time.perf_counter() - started)
    total = pending(store.conn)
    indexed = 0
    with store.bulk_cache():
        while True:
            with store.transaction() as conn:
                after = cursor(conn)
                top = int(conn.execute("SELECT coalesce(max(id), 0) FROM aed_items").fetchone()[0])
                if after >= top:
                    break
                upto = min(after + chunk, top)
                indexed += add_range(conn, after + 1, upto)
                advance(conn, upto)
            if progress is not None:
                progress(min(indexed, total), total)
    return CatchUp(indexed, time.perf_counter() - started)
