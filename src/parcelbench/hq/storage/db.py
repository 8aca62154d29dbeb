"""Connections to HQ's database, SQLite or PostgreSQL, behind one small interface.

SQL is written once with `?` placeholders; for PostgreSQL they become `%s`. Each thread keeps
its own connection (the server answers requests from a thread pool), and every unit of work is
one transaction (`Database.tx`), so a request that fails half-way leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from parcelbench.hq.storage.schema import MIGRATIONS, SCHEMA_VERSION, statements

#: Python run in a migration's transaction after its SQL (the query tables' first fill from the
#: events HQ already held); registered by the module that owns the tables
#: (`hq.storage.read_models`, which the package imports), so this module imports none of them.
AFTER_MIGRATION: dict[int, Callable[[Tx], None]] = {}


class HqDbError(Exception):
    """HQ's database cannot be used as asked (bad address, unreachable, newer schema)."""


class NoHqDatabase(HqDbError):
    """`create=False` and there is no SQLite file at the address; nothing was created.

    Its own type so the command can say how to start HQ instead.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(f"no HQ database at {path} (nothing was created)")
        self.path = path


#: An INSERT of one row of plain placeholders: its table, columns, row and what follows it.
_ONE_ROW = re.compile(r"^INSERT INTO (\w+) \(([^)]*)\) VALUES (\((?:\?, )*\?\))(.*)$", re.DOTALL)
#: PostgreSQL column types per table, for `Tx.many`'s arrays (the schema is this module's).
_COLUMN_TYPES: dict[str, dict[str, str]] = {}


class Tx:
    """One open transaction: run SQL with `?` placeholders, get plain tuples back."""

    def __init__(self, conn: Any, dialect: str) -> None:
        self._conn = conn
        self.dialect = dialect

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        cursor = self._conn.execute(self._sql(sql), tuple(params))
        return int(cursor.rowcount or 0)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self._conn.execute(self._sql(sql), tuple(params)).fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self._conn.execute(self._sql(sql), tuple(params)).fetchone()
        return tuple(row) if row is not None else None

    def many(self, sql: str, seq_of_params: Sequence[Sequence[Any]]) -> None:
        """Run `sql` once per parameter row. On PostgreSQL an `INSERT … VALUES (?, …)` of
        plain placeholders goes as ONE statement over arrays (`INSERT … SELECT FROM unnest`):
        a row per statement costs a round of the protocol per row, which at ingest's
        thousands of rows a request was most of HQ's time (SQLite runs in this process and has
        no such cost). Rows go in the order given, so locks are still taken in that order."""
        if not seq_of_params:
            return
        if self.dialect != "postgresql":
            self._conn.executemany(sql, [tuple(p) for p in seq_of_params])
            return
        found = _ONE_ROW.match(sql)
        if found is None or "?" in found.group(4):
            with self._conn.cursor() as cursor:
                cursor.executemany(self._sql(sql), [tuple(p) for p in seq_of_params])
            return
        table, columns, row, tail = found.groups()
        names = [c.strip() for c in columns.split(",")]
        if len(names) != row.count("?"):
            raise ValueError(f"{len(names)} columns but {row.count('?')} placeholders: {sql}")
        types = self._column_types(table)
        arrays = ", ".join(f"%s::{types[n]}[]" for n in names)
        self._conn.execute(
            f"INSERT INTO {table} ({', '.join(names)}) SELECT * FROM unnest({arrays}){tail}",
            [list(column) for column in zip(*seq_of_params, strict=True)],
        )

    def _column_types(self, table: str) -> dict[str, str]:
        """The table's column types as PostgreSQL names them (read once per table)."""
        known = _COLUMN_TYPES.get(table)
        if known is None:
            rows = self._conn.execute(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
                (table,),
            ).fetchall()
            known = _COLUMN_TYPES[table] = {str(r[0]): str(r[1]) for r in rows}
        return known

    def lock_keys(self, space: int, keys: Iterable[str]) -> None:
        """Hold `keys` (in namespace `space`) until this transaction ends, so two benches'
        requests about one parcel take turns. PostgreSQL: a row per key in `turns`, locked in
        one sorted order (two requests never wait on each other in a circle; row locks live in
        the rows, so a batch of thousands costs no shared lock memory); SQLite: every writing
        transaction already holds the database's one write lock."""
        if self.dialect != "postgresql":
            return
        wanted = sorted(set(keys))
        self.many(
            "INSERT INTO turns (space, key) VALUES (?, ?) "
            "ON CONFLICT (space, key) DO UPDATE SET key = excluded.key",
            [(space, k) for k in wanted],
        )

    def for_update(self) -> str:
        """Row lock suffix: PostgreSQL locks the row; SQLite's BEGIN IMMEDIATE already did."""
        return " FOR UPDATE" if self.dialect == "postgresql" else ""


class Database:
    """HQ's database at `url`: `sqlite:///path`, a plain path, or `postgresql://…`.

    `create=False` never makes a SQLite file or its folder (for commands that only read);
    a PostgreSQL database is never created here either way.
    """

    def __init__(self, url: str, *, create: bool = True) -> None:
        self.url = url
        self.create = create
        if url.startswith(("postgresql://", "postgres://")):
            self.dialect = "postgresql"
            self._target: str = url
        else:
            self.dialect = "sqlite"
            path = url.removeprefix("sqlite:///") if url.startswith("sqlite:") else url
            self._target = str(Path(path))
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()

    def describe(self) -> str:
        """The address without any password, safe for logs and messages."""
        if self.dialect == "sqlite":
            return f"sqlite:///{self._target}"
        head, _, tail = self.url.partition("@")
        return self.url if not tail else head.split(":")[0] + "://…@" + tail

    @property
    def sqlite_file(self) -> Path | None:
        """The SQLite file, absolute (None on PostgreSQL): what to name when saying where."""
        return Path(self._target).absolute() if self.dialect == "sqlite" else None

    def location(self) -> str:
        """Where the data lives, for people: the SQLite file's full path, or the address."""
        file = self.sqlite_file
        return f"SQLite file {file}" if file is not None else self.describe()

    def _connect(self) -> Any:
        if self.dialect == "postgresql":
            try:
                import psycopg
            except ImportError:
                raise HqDbError(
                    "PostgreSQL needs the hq extra: pip install 'parcelbench[hq]'"
                ) from None
            try:
                return psycopg.connect(self._target, autocommit=True)
            except psycopg.Error as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc)
                raise HqDbError(f"cannot reach {self.describe()}: {first}") from None
        try:
            if self.create:
                Path(self._target).parent.mkdir(parents=True, exist_ok=True)
                target, uri = self._target, False
            else:  # read-write mode: SQLite opens an existing file, never makes one
                target, uri = f"{Path(self._target).absolute().as_uri()}?mode=rw", True
            conn = sqlite3.connect(
                target, uri=uri, isolation_level=None, timeout=30.0, check_same_thread=False
            )
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except (sqlite3.Error, OSError) as exc:
            raise HqDbError(f"cannot open {self.describe()}: {exc}") from None
        return conn

    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None or (self.dialect == "postgresql" and conn.closed):
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def tx(self, *, write: bool = True) -> Iterator[Tx]:
        """One transaction; it commits when the block ends and rolls back on any exception.

        On SQLite a writing transaction takes the write lock at once (it never deadlocks late);
        a reading one (`write=False`) does not, so lookups never queue behind ingest.
        """
        conn = self._conn()
        if self.dialect == "postgresql":
            from psycopg import errors

            try:
                with conn.transaction():
                    yield Tx(conn, self.dialect)
            except (errors.DeadlockDetected, errors.SerializationFailure) as exc:
                # two requests crossed (rare: one parcel in both); this one was undone whole
                raise HqDbError(f"HQ was busy ({exc.sqlstate}); try again") from None
            return
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield Tx(conn, self.dialect)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def migrate(self) -> int:
        """Bring the schema up to date (each step one transaction); the version it ends at."""
        with self.tx() as tx:
            tx.run("CREATE TABLE IF NOT EXISTS hq_schema (version INTEGER NOT NULL)")
            row = tx.one("SELECT max(version) FROM hq_schema")
        current = int(row[0] or 0) if row else 0
        if current > SCHEMA_VERSION:
            raise HqDbError(
                f"{self.describe()} has HQ schema version {current}, newer than this ParcelBench "
                f"understands ({SCHEMA_VERSION}); upgrade ParcelBench"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.tx() as tx:
                for statement in statements(MIGRATIONS[version - 1], self.dialect):
                    tx.run(statement)
                if (fill := AFTER_MIGRATION.get(version)) is not None:
                    fill(tx)
                tx.run("INSERT INTO hq_schema (version) VALUES (?)", (version,))
        return SCHEMA_VERSION

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                with contextlib.suppress(Exception):  # shutting down: nothing left to save
                    conn.close()
            self._all.clear()
        self._local = threading.local()


def open_database(url: str, *, create: bool = True) -> Database:
    """Open and migrate HQ's database (raises `HqDbError` with a one-line reason).

    With `create=False` a missing SQLite file raises `NoHqDatabase` and nothing is made.
    """
    db = Database(url, create=create)
    file = db.sqlite_file
    if not create and file is not None and not file.exists():
        raise NoHqDatabase(file)
    try:
        db.migrate()
    except HqDbError:
        db.close()
        raise
    except Exception as exc:
        db.close()
        raise HqDbError(f"cannot prepare {db.describe()}: {exc}") from None
    return db
