"""Settings in a real store file, by their registry entry: typed reads, defaults, audit rows.

Why: reports and seizure numbers print the bench settings, so each change must be audited
with the value it replaced; the sync settings hold HQ's token, which must never reach the
audit chain that HQ receives; and a setting that was never set must read as its default.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from parcelbench.domain.settings import (
    FACILITY,
    FEED_CURSOR,
    HQ_CHAIN_OK,
    HQ_TOKEN,
    HQ_URL,
    LARGE_TEXT,
    NEEDS_ENROLLMENT,
    PORT_CODE,
)
from parcelbench.store import Store, settings
from parcelbench.store.audit import entries


def test_settings(store: Store) -> None:
    """Bench settings round-trip; each change is an audit row with the value it replaced."""
    assert settings.stored(store.conn, PORT_CODE) is None
    assert settings.get(store.conn, replace(PORT_CODE, default="4701")) == "4701"
    settings.set(store, PORT_CODE, "2720", "S-7")
    settings.set(store, PORT_CODE, "2721", "S-7")
    assert settings.get(store.conn, PORT_CODE) == "2721"
    log = entries(store.conn)
    assert [(e.action, e.entity) for e in log] == [("setting.changed", "setting:port_code")] * 2
    assert log[1].payload == {"key": "port_code", "value": "2721", "previous": "2720"}


def test_an_unset_or_blank_bench_setting_reads_as_its_default(store: Store) -> None:
    assert settings.get(store.conn, PORT_CODE) == "0000"
    assert settings.get(store.conn, FACILITY) == "International Mail Facility"
    settings.set(store, FACILITY, "", "S-7")  # as `get_setting(...) or DEFAULT` read it
    assert settings.stored(store.conn, FACILITY) == ""
    assert settings.get(store.conn, FACILITY) == "International Mail Facility"


def test_a_bench_setting_is_changed_by_someone(store: Store) -> None:
    with pytest.raises(ValueError, match="actor"):
        settings.set(store, PORT_CODE, "2720")
    assert settings.stored(store.conn, PORT_CODE) is None
    assert entries(store.conn) == []


def test_sync_settings_live_in_sync_state_without_audit_rows(store: Store) -> None:
    settings.save(store, {HQ_URL: "https://hq.example", HQ_TOKEN: "B-1.secret"})
    settings.set(store, FEED_CURSOR, 42)
    settings.set(store, HQ_CHAIN_OK, True)
    rows = dict(store.conn.execute("SELECT key, value FROM sync_state").fetchall())
    assert rows == {
        "hq_url": "https://hq.example",
        "token": "B-1.secret",
        "cursor": "42",
        "hq_chain_ok": "1",
    }
    assert store.conn.execute("SELECT count(*) FROM settings").fetchone() == (0,)
    assert entries(store.conn) == []  # the token never enters the audit chain
    assert settings.get(store.conn, FEED_CURSOR) == 42
    assert settings.get(store.conn, HQ_CHAIN_OK) is True
    assert settings.get(store.conn, HQ_TOKEN) == "B-1.secret"


def test_none_removes_a_sync_setting(store: Store) -> None:
    assert settings.get(store.conn, NEEDS_ENROLLMENT) is None
    assert settings.get(store.conn, FEED_CURSOR) == 0
    settings.set(store, NEEDS_ENROLLMENT, "token refused")
    assert settings.get(store.conn, NEEDS_ENROLLMENT) == "token refused"
    settings.save(store, {NEEDS_ENROLLMENT: None, HQ_URL: "https://hq.example"})
    assert settings.stored(store.conn, NEEDS_ENROLLMENT) is None
    assert settings.get(store.conn, HQ_URL) == "https://hq.example"


def test_a_sync_setting_keeps_a_blank_value_when_its_default_is_none(store: Store) -> None:
    """`needs_enrollment` is "set" whatever its text: blank must not read as unset."""
    settings.set(store, NEEDS_ENROLLMENT, "")
    assert settings.get(store.conn, NEEDS_ENROLLMENT) == ""


def test_one_transaction_for_several_settings(store: Store) -> None:
    with pytest.raises(TypeError, match="cursor"):
        settings.save(store, {HQ_URL: "https://hq.example", FEED_CURSOR: "7"})
    assert store.conn.execute("SELECT count(*) FROM sync_state").fetchone() == (0,)


def test_a_user_setting_is_not_in_the_database(store: Store) -> None:
    with pytest.raises(ValueError, match="QSettings"):
        settings.get(store.conn, LARGE_TEXT)
    with pytest.raises(ValueError, match="QSettings"):
        settings.set(store, LARGE_TEXT, True)
