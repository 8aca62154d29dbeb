"""Opening the workstation database: the pragmas that keep evidence, migrations, refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from parcelbench.paths import DATA_DIR_ENV, DB_ENV
from parcelbench.store import NoDatabase, Store, StoreError, default_db_path, resolve_db_path
from parcelbench.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import dump

EXPECTED_TABLES = {
    "aed_items",
    "aed_contents",
    "aed_parties",
    "aed_imports",
    "aed_rejections",
    "officers",
    "scans",
    "inspections",
    "seizures",
    "photos",
    "audit_log",
    "outbox",
    "sync_state",
    "rule_packs",
    "risk_rescores",
    "risk_scores",
    "search_index_state",
}


def tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {row[0] for row in rows}


def pragma(conn: sqlite3.Connection, name: str) -> object:
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


# -- pragmas and schema ------------------------------------------------------------------------


def test_fresh_store_uses_the_pragmas_that_protect_evidence(store: Store) -> None:
    """WAL + synchronous=FULL make each commit survive a crash; FKs keep references honest."""
    assert str(pragma(store.conn, "journal_mode")).lower() == "wal"
    assert pragma(store.conn, "synchronous") == 2
    assert pragma(store.conn, "foreign_keys") == 1


def test_wal_mode_is_persistent_in_the_file(store: Store) -> None:
    """Another process (sync worker, CLI) opening the file must find it in WAL mode too."""
    other = sqlite3.connect(store.path)
    try:
        assert str(pragma(other, "journal_mode")).lower() == "wal"
    finally:
        other.close()


def test_fresh_store_has_the_current_schema(store: Store) -> None:
    """Every table the design names exists and the version matches the migration list."""
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 1
    assert pragma(store.conn, "user_version") == SCHEMA_VERSION
    assert store.schema_version == SCHEMA_VERSION
    assert tables(store.conn) >= EXPECTED_TABLES
    assert set(store.table_counts()) == tables(store.conn)
    counts = store.table_counts()
    assert counts.pop("volume_state") == 1  # the volume index's cursor, at row 0
    assert counts.pop("search_index_state") == 1  # the search index's, at row 0 too
    # the AED search index's own tables (FTS5: its structure record and version) are not data
    shadows = {name for name in counts if name.startswith("aed_search_")}
    assert shadows == {"aed_search_config", "aed_search_data", "aed_search_idx"}
    for name in shadows:
        counts.pop(name)
    assert all(count == 0 for count in counts.values())


def test_empty_version_zero_file_is_migrated(tmp_path: Path) -> None:
    """A blank SQLite file (user_version 0) is brought up to the current schema."""
    path = tmp_path / "blank.sqlite"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE unrelated (x)")  # make it a real, non-empty database file
    raw.execute("DROP TABLE unrelated")
    raw.commit()
    assert pragma(raw, "user_version") == 0
    raw.close()

    with Store(path) as opened:
        assert opened.schema_version == SCHEMA_VERSION
        assert tables(opened.conn) >= EXPECTED_TABLES


def test_zero_byte_file_is_migrated(tmp_path: Path) -> None:
    """A zero-byte file is an empty database to SQLite, so it is initialised, not refused."""
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    with Store(path) as opened:
        assert opened.schema_version == SCHEMA_VERSION


def test_reopening_is_idempotent(tmp_path: Path) -> None:
    """Opening an up-to-date store again must not re-run migrations or touch the data."""
    path = tmp_path / "bench.sqlite"
    with Store(path) as first, first.transaction() as conn:
        conn.execute("INSERT INTO sync_state (key, value) VALUES ('cursor', '42')")
    before = dump(path)
    for _ in range(3):
        with Store(path) as again:
            assert again.schema_version == SCHEMA_VERSION
            assert again.conn.execute("SELECT value FROM sync_state").fetchall() == [("42",)]
    assert dump(path) == before


def test_two_connections_can_open_the_same_store(tmp_path: Path) -> None:
    """The GUI and a worker thread each hold a Store on the same file."""
    path = tmp_path / "bench.sqlite"
    with Store(path) as one, Store(path) as two:
        with one.transaction() as conn:
            conn.execute("INSERT INTO sync_state (key, value) VALUES ('k', 'v')")
        assert two.conn.execute("SELECT value FROM sync_state").fetchone() == ("v",)


# -- refusals ----------------------------------------------------------------------------------


def test_newer_schema_is_refused_with_upgrade_advice(tmp_path: Path) -> None:
    """Guessing at a schema from the future could corrupt evidence; tell the user to upgrade."""
    path = tmp_path / "future.sqlite"
    with Store(path):
        pass
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()

    with pytest.raises(StoreError, match="upgrade") as caught:
        Store(path)
    message = str(caught.value)
    assert str(SCHEMA_VERSION + 1) in message
    assert str(path) in message
    raw = sqlite3.connect(path)
    try:
        assert pragma(raw, "user_version") == SCHEMA_VERSION + 1  # left as it was
    finally:
        raw.close()


@pytest.mark.parametrize(
    "content",
    [
        b"item_id,version\nRR473124829GB,1\n",
        b"hello",
        bytes(range(256)) * 8,
    ],
    ids=["csv-text", "tiny", "binary"],
)
def test_non_database_file_is_refused_cleanly(tmp_path: Path, content: bytes) -> None:
    """A wrong --db must give a clear StoreError, not an sqlite traceback, and not be touched."""
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store(path)
    err = caught.value
    assert "not a ParcelBench database" in str(err)
    assert str(path) in str(err)
    assert err.__cause__ is None and err.__suppress_context__  # `from None`: no chained trace
    assert not isinstance(err, sqlite3.Error)
    assert path.read_bytes() == content


def test_foreign_database_with_clashing_table_is_not_half_migrated(tmp_path: Path) -> None:
    """Another program's database is refused before any migration touches it."""
    path = tmp_path / "other-app.sqlite"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE officers (id INTEGER PRIMARY KEY, nickname TEXT)")
    raw.execute("INSERT INTO officers (nickname) VALUES ('kept')")
    raw.commit()
    raw.close()

    with pytest.raises(StoreError, match="another program"):
        Store(path)
    raw = sqlite3.connect(path)
    try:
        assert tables(raw) == {"officers"}
        assert pragma(raw, "user_version") == 0
        assert raw.execute("SELECT nickname FROM officers").fetchall() == [("kept",)]
    finally:
        raw.close()


def test_unusable_folder_is_a_store_error(tmp_path: Path) -> None:
    """A --db below a regular file cannot be created; say so instead of an OSError trace."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the folder"):
        Store(blocker / "sub" / "bench.sqlite")


# -- create=False: whatever only reads never makes a database ----------------------------------


def test_without_create_a_missing_file_is_refused_and_nothing_is_made(tmp_path: Path) -> None:
    """Regression: `aed show X --db nope/x.sqlite` made the folder and an empty database."""
    target = tmp_path / "nope" / "x.sqlite"
    with pytest.raises(NoDatabase) as caught:
        Store(target, create=False)
    assert isinstance(caught.value, StoreError)
    assert str(caught.value) == f"no bench database at {target} (nothing was created)"
    assert caught.value.path == target
    assert list(tmp_path.iterdir()) == []  # no folder, no file, no -wal


def test_without_create_an_existing_database_opens_as_usual(tmp_path: Path) -> None:
    """The read-write URI must find files whose names need quoting in a URI."""
    path = tmp_path / "bench #1 %20 ü" / "b?.sqlite"
    path.parent.mkdir()
    with Store(path) as made:
        made.conn.execute("INSERT INTO sync_state (key, value) VALUES ('cursor', '7')")
    with Store(path, create=False) as opened:
        assert opened.schema_version == SCHEMA_VERSION
        assert _cursor_value(path) == [("7",)]
        with opened.transaction() as conn:  # and it is writable
            conn.execute("UPDATE sync_state SET value = '8' WHERE key = 'cursor'")
    assert _cursor_value(path) == [("8",)]
    assert sorted(
        p.name for p in path.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))
    ) == ["b?.sqlite"]


# -- transactions ------------------------------------------------------------------------------


def _cursor_value(path: Path) -> list[tuple[str]]:
    """Read through a separate connection: only committed data is visible there."""
    raw = sqlite3.connect(path)
    try:
        return raw.execute("SELECT value FROM sync_state WHERE key = 'cursor'").fetchall()
    finally:
        raw.close()


def test_transaction_commits_on_success(store: Store) -> None:
    with store.transaction() as conn:
        assert conn.in_transaction
        conn.execute("INSERT INTO sync_state (key, value) VALUES ('cursor', '1')")
        assert _cursor_value(store.path) == []  # not yet visible to others
    assert not store.conn.in_transaction
    assert _cursor_value(store.path) == [("1",)]


def test_transaction_rolls_back_on_exception(store: Store) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom), store.transaction() as conn:
        conn.execute("INSERT INTO sync_state (key, value) VALUES ('cursor', '1')")
        raise Boom
    assert not store.conn.in_transaction
    assert _cursor_value(store.path) == []
    assert store.conn.execute("SELECT count(*) FROM sync_state").fetchone() == (0,)


def test_transaction_rolls_back_on_keyboard_interrupt(store: Store) -> None:
    """Ctrl-C is a BaseException; it must not leave a half-written transaction open."""
    with pytest.raises(KeyboardInterrupt), store.transaction() as conn:
        conn.execute("INSERT INTO sync_state (key, value) VALUES ('cursor', '1')")
        raise KeyboardInterrupt
    assert not store.conn.in_transaction
    assert _cursor_value(store.path) == []


def test_transaction_refuses_nesting(store: Store) -> None:
    """A nested BEGIN would silently merge two units of work; refuse it, keep the outer one."""
    with store.transaction() as conn:
        conn.execute("INSERT INTO sync_state (key, value) VALUES ('cursor', '1')")
        with pytest.raises(StoreError, match="nested"), store.transaction():
            pass  # pragma: no cover - never entered
        assert conn.in_transaction  # the refusal did not end the outer transaction
    assert _cursor_value(store.path) == [("1",)]


def test_transaction_is_taken_immediately(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE: a second writer waits at BEGIN, not late at its first write."""
    path = tmp_path / "bench.sqlite"
    with Store(path) as one, Store(path) as two:
        two.conn.execute("PRAGMA busy_timeout = 50")
        with one.transaction():
            with (
                pytest.raises(sqlite3.OperationalError, match="locked"),
                two.transaction(),
            ):
                pass  # pragma: no cover - BEGIN IMMEDIATE fails first
            assert not two.conn.in_transaction


# -- where the database lives ------------------------------------------------------------------


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME and XDG_DATA_HOME into tmp_path so the default never touches the real home."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    return home


def test_explicit_path_wins_over_env_and_default(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DB_ENV, str(tmp_path / "env.sqlite"))
    explicit = tmp_path / "explicit.sqlite"
    assert resolve_db_path(explicit) == explicit
    with Store(explicit) as opened:
        assert opened.path == explicit
    assert explicit.exists()
    assert not (tmp_path / "env.sqlite").exists()
    assert not default_db_path().exists()


def test_env_wins_over_default(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_path = tmp_path / "from-env" / "bench.sqlite"
    monkeypatch.setenv(DB_ENV, str(env_path))
    assert resolve_db_path() == env_path
    with Store() as opened:
        assert opened.path == env_path
    assert env_path.exists()
    assert not default_db_path().exists()


def test_default_is_the_user_data_dir(tmp_path: Path, isolated_home: Path) -> None:
    """No --db and no env: the platformdirs data dir (here XDG_DATA_HOME), folder created."""
    expected = tmp_path / "xdg" / "ParcelBench" / "parcelbench.sqlite"
    assert default_db_path() == expected
    assert resolve_db_path() == expected
    assert resolve_db_path(None) == expected
    with Store() as opened:
        assert opened.path == expected
        assert opened.schema_version == SCHEMA_VERSION
    assert expected.exists()


def test_a_machine_wide_data_dir_wins_over_the_users(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A per-machine install names one data folder for every account on the bench PC."""
    shared = tmp_path / "ProgramData" / "ParcelBench"
    monkeypatch.setenv(DATA_DIR_ENV, str(shared))
    assert resolve_db_path() == shared / "parcelbench.sqlite"
    monkeypatch.setenv(DB_ENV, str(tmp_path / "env.sqlite"))  # a database named still wins
    assert resolve_db_path() == tmp_path / "env.sqlite"


def test_default_without_create_is_refused_without_making_the_data_folder(
    tmp_path: Path, isolated_home: Path
) -> None:
    with pytest.raises(NoDatabase, match=r"no bench database at .*parcelbench\.sqlite"):
        Store(create=False)
    assert not (tmp_path / "xdg").exists()


def test_empty_env_falls_back_to_default(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DB_ENV, "")
    assert resolve_db_path() == tmp_path / "xdg" / "ParcelBench" / "parcelbench.sqlite"


def test_tilde_is_expanded_in_explicit_and_env_paths(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve_db_path("~/cli.sqlite") == isolated_home / "cli.sqlite"
    monkeypatch.setenv(DB_ENV, "~/env.sqlite")
    assert resolve_db_path() == isolated_home / "env.sqlite"
