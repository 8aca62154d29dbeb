"""The database's settings, read and written by their registry entry (`domain.settings`).

The setting's scope names its table: "bench" settings (facility, port code) live in
`settings`, and each change is an audit row (`setting.changed`, with the previous value),
because reports and seizure numbers print them; "sync" settings (HQ address and token, the
feed cursor, the last round's state) live in `sync_state` and are written without audit rows,
as the sync machinery always has. "user" settings are the window's (QSettings), never here.

Values are stored as text (an int in decimal, a bool as "1" or "0"); writing None removes the
setting, so it reads as its default again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any, TypeVar

from parcelbench.domain.settings import Setting
from parcelbench.store import audit
from parcelbench.store.db import Store

T = TypeVar("T")
_TABLES = {"bench": "settings", "sync": "sync_state"}


def _table(setting: Setting[Any]) -> str:
    table = _TABLES.get(setting.scope)
    if table is None:
        raise ValueError(
            f"{setting.key!r} is a {setting.scope} setting: it lives in the window's "
            "QSettings, not in the database"
        )
    return table


def _text(setting: Setting[Any], value: Any) -> str:
    if not isinstance(value, setting.type):
        raise TypeError(f"setting {setting.key!r} takes {setting.type.__name__}, not {value!r}")
    if setting.type is bool:
        return "1" if value else "0"
    if setting.type in (int, str):
        return str(value)
    raise TypeError(f"setting {setting.key!r}: {setting.type.__name__} is not kept in SQLite")


def _value(setting: Setting[T], text: str) -> T:
    if setting.type is bool:
        return text == "1"  # type: ignore[return-value]
    if setting.type is int:
        return int(text)  # type: ignore[return-value]
    return text  # type: ignore[return-value]


def stored(conn: sqlite3.Connection, setting: Setting[Any]) -> str | None:
    """The text as stored, or None when the setting was never set (or was removed)."""
    row = conn.execute(
        f"SELECT value FROM {_table(setting)} WHERE key = ?", (setting.key,)
    ).fetchone()
    return None if row is None else str(row[0])


def get(conn: sqlite3.Connection, setting: Setting[T]) -> T:
    """The setting's value, or its default when unset (or blank, if the default is not None)."""
    text = stored(conn, setting)
    if text is None or (text == "" and setting.default is not None):
        return setting.default
    return _value(setting, text)


def write(
    conn: sqlite3.Connection, setting: Setting[T], value: T | None, *, actor: str | None = None
) -> None:
    """Set (or with None remove) one setting inside the caller's transaction.

    A "bench" setting needs the `actor` of its audit row; a "sync" setting has none.
    """
    table = _table(setting)
    audited = setting.scope == "bench"
    if audited and not actor:
        raise ValueError(f"setting {setting.key!r} is audited: say who changes it (actor)")
    previous = stored(conn, setting) if audited else None
    text = None if value is None else _text(setting, value)
    if text is None:
        conn.execute(f"DELETE FROM {table} WHERE key = ?", (setting.key,))
    else:
        conn.execute(
            f"INSERT INTO {table} (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (setting.key, text),
        )
    if audited:
        assert actor is not None
        audit.append(
            conn,
            actor=actor,
            action="setting.changed",
            entity=f"setting:{setting.key}",
            payload={"key": setting.key, "value": text, "previous": previous},
        )


def set(store: Store, setting: Setting[T], value: T | None, actor: str | None = None) -> None:
    """Set (or with None remove) one setting in a transaction of its own."""
    with store.transaction() as conn:
        write(conn, setting, value, actor=actor)


def save(store: Store, values: Mapping[Setting[Any], Any], *, actor: str | None = None) -> None:
    """Several settings in ONE transaction (what one sync round or enrollment leaves)."""
    with store.transaction() as conn:
        for setting, value in values.items():
            write(conn, setting, value, actor=actor)
