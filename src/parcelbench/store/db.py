"""Opening the workstation database: pragmas that protect evidence, and schema migrations.

One SQLite file per workstation. WAL lets the window read while an import writes;
`synchronous=FULL` makes every committed transaction survive a power cut or a kill -9. The file
and its folder are the user's only (`store.private`): they hold PIN hashes and the HQ token.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from parcelbench.paths import data_dir, resolve_db_path
from parcelbench.store.private import private_database, private_dir, private_file
from parcelbench.store.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)


class StoreError(Exception):
    """The database cannot be used as asked (wrong file, newer schema, locked…)."""


#: What a failing database raises (a full disk, a locked or damaged file), for callers outside
#: the store that must tell "the database failed" from "the data was refused" without SQLite.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, StoreError)
#: ... of which these come from the values given (a list where text belongs, a missing NOT NULL
#: field), not from the database: trying the same values again fails the same way.
VALUE_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.InterfaceError,
    sqlite3.ProgrammingError,
    sqlite3.IntegrityError,
)


class NoDatabase(StoreError):
    """`create=False` and there is no database at `path`; nothing was created.

    Its own type so a caller can add what to do instead (the CLI names the demo bench).
    """

    def __init__(self, path: Path) -> None:
        super().__init__(f"no bench database at {path} (nothing was created)")
        self.path = path


class DiskFull(StoreError):
    """The disk (or the database's size limit) is full: the write was rolled back whole.

    Its own type so the window and the CLI say it plainly, with where to free space, instead
    of SQLite's "database or disk is full" or, worse, the error of a rollback SQLite had
    already done itself.
    """

    def __init__(self, path: Path) -> None:
        folder = path.absolute().parent
        super().__init__(
            f"the disk is full: free space on {folder} and try again (nothing was written)"
        )
        self.path = path


def is_disk_full(exc: BaseException) -> bool:
    """SQLITE_FULL from SQLite, or ENOSPC / EDQUOT from the file system."""
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    return False


def copy_connection(conn: sqlite3.Connection, source: Path, dest: Path) -> Path:
    """Write what `conn` holds to `dest`, a new file made 0600 (it holds what the bench holds,
    PIN hashes and the HQ token), through SQLite's online backup: one consistent snapshot,
    including committed pages still in the `-wal`, which a file copy could miss."""
    if dest.exists():
        raise StoreError(f"{dest} exists; a copy is only written to a new file")
    dest.parent.mkdir(parents=True, exist_ok=True)
    private_file(dest)
    target = sqlite3.connect(dest)
    try:
        conn.backup(target)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot copy {source} to {dest}: {exc}") from None
    finally:
        target.close()
    return dest


def migration_backup_path(path: Path, version: int, now: datetime | None = None) -> Path:
    """`bench.sqlite.v3-backup-20261127T101500123456Z.sqlite` beside `bench.sqlite`: named for
    the schema it holds (an older ParcelBench opens it) and when it was taken, to the
    microsecond (two programs opening it at once never want the same name)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    return path.with_name(f"{path.name}.v{version}-backup-{stamp}.sqlite")


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


class Store:
    """An open workstation database. Use one per thread; close it when done.

    `create=False` is for whatever only reads, or needs what an earlier command made (an
    officer account, AED): a mistyped `--db` then fails with `NoDatabase` instead of leaving
    an empty database (and its folders) behind that answers "nothing held".
    """

    def __init__(
        self, path: str | Path | None = None, *, cache_mb: int = 16, create: bool = True
    ) -> None:
        self.path = resolve_db_path(path)
        if create:
            folder = self.path.parent
            try:  # a folder made here, or the default data folder, is ParcelBench's: 0700
                private_dir(folder, ours=_same_folder(folder, data_dir()))
            except OSError as exc:
                raise StoreError(
                    f"cannot create the folder for {self.path}: {exc.strerror}"
                ) from None
            try:
                private_file(self.path)  # 0600 before SQLite writes a byte into it
            except IsADirectoryError:
                pass  # SQLite's own error says it better ("unable to open database file")
            except OSError as exc:
                raise StoreError(f"cannot create {self.path}: {exc.strerror}") from None
        elif not self.path.exists():
            raise NoDatabase(self.path)
        try:
            self.conn = self._connect(create)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        self._joined = False
        #: The copy taken before this open migrated an older database, else None.
        self.migration_backup: Path | None = None
        try:
            self.conn.execute("PRAGMA busy_timeout = 10000")
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path} is not a ParcelBench database ({exc})") from None
        private_database(self.path)  # files an older version left readable by others
        try:
            if mode.lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch to WAL mode (got {mode})")
            self.conn.execute("PRAGMA synchronous = FULL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA cache_size = {-1024 * int(cache_mb)}")
            self._migrate()
        except BaseException:
            self.conn.close()  # a refused file must not stay open (Windows would keep it locked)
            raise

    def _connect(self, create: bool) -> sqlite3.Connection:
        """A connection; without `create`, SQLite's read-write mode never makes the file (so a
        file removed since the existence check is not silently recreated)."""
        if create:
            return sqlite3.connect(self.path, isolation_level=None, timeout=10.0)
        uri = f"{self.path.absolute().as_uri()}?mode=rw"
        return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10.0)

    # -- lifecycle -----------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.schema_version
        if current == 0:
            foreign = self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "LIMIT 1"
            ).fetchone()
            if foreign is not None:
                raise StoreError(
                    f"{self.path} is another program's SQLite database (it has a table "
                    f"{foreign[0]!r}); give ParcelBench its own file"
                )
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {current}, newer than this ParcelBench "
                f"understands ({SCHEMA_VERSION}); upgrade ParcelBench"
            )
        if 1 <= current < SCHEMA_VERSION:
            self._backup_before_migrating(current)
        for version in range(current + 1, SCHEMA_VERSION + 1):
            script = MIGRATIONS[version - 1]
            try:
                self.conn.executescript(
                    f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;"
                )
            except sqlite3.DatabaseError as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise StoreError(
                    f"cannot migrate {self.path} to version {version}: {exc}"
                ) from None

    def _backup_before_migrating(self, version: int) -> None:
        """A copy of the database as the older version left it, beside it, before a migration.

        Why: an installed app upgraded in place migrates the evidence database at its first
        start; a migration that goes wrong, or a newer version withdrawn, must leave a way back
        to the data exactly as it was. A new database (version 0) has nothing to keep.
        """
        dest = migration_backup_path(self.path, version)
        try:
            copy_connection(self.conn, self.path, dest)
        except OSError as exc:
            raise StoreError(
                f"cannot back up {self.path} before migrating it (nothing was changed): "
                f"{exc.strerror or exc}"
            ) from None
        self.migration_backup = dest
        log.warning(
            "%s has schema version %d; a copy as it was is at %s, migrating to version %d",
            self.path,
            version,
            dest,
            SCHEMA_VERSION,
        )

    @contextmanager
    def bulk_cache(self, kib: int = 128 * 1024) -> Iterator[None]:
        """A larger page cache for bulk writes, restored however the block ends.

        Bulk writes insert into big indexes in random key order; with the index pages in
        memory they keep their pace instead of reading pages back from disk.
        """
        previous = int(self.conn.execute("PRAGMA cache_size").fetchone()[0])
        self.conn.execute(f"PRAGMA cache_size = {-int(kib)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {previous}")

    # -- transactions --------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE) so it never deadlocks late.

        Everything inside commits together or not at all; that is how a record, its audit row
        and its outbox event stay together.
        """
        if self._joined:
            yield self.conn  # inside joined_transaction(): the outer block commits or not
            return
        if self.conn.in_transaction:
            raise StoreError("nested transaction: the caller already holds one")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException as exc:
            self._roll_back(exc)
            if is_disk_full(exc):
                raise DiskFull(self.path) from exc
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._roll_back(exc)
            if is_disk_full(exc):
                raise DiskFull(self.path) from exc
            raise

    def _roll_back(self, cause: BaseException) -> None:
        """Undo the open transaction, if SQLite has not already (it does after SQLITE_FULL, and
        a ROLLBACK then fails with "no transaction is active", hiding the real error). A
        rollback that fails is noted on `cause`, which is still what the caller sees."""
        if not self.conn.in_transaction:
            return
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error as exc:
            cause.add_note(f"and the rollback failed too: {exc}")

    @contextmanager
    def joined_transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction that the store's own write functions join instead of refusing.

        For applying a set of changes made by several existing functions (an HQ feed page and
        the cursor that says it was applied) as one: all of it commits, or none of it.
        """
        with self.transaction() as conn:
            self._joined = True
            try:
                yield conn
            finally:
                self._joined = False

    def table_counts(self) -> dict[str, int]:
        """Row counts of every table (for `db info` and tests)."""
        names = [
            row[0]
            for row in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {
            name: self.conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
        }
