"""Accounts are a supervisor's to make, checked in the service whatever asks.

Before, `add_officer` took no acting officer: `parcelbench officer add BADGE --role supervisor`
made anyone a supervisor, or reset a colleague's PIN, with no credentials at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parcelbench.domain.records import Role
from parcelbench.services.demo import DemoError, ensure_demo
from parcelbench.services.officers import (
    FIRST_RUN,
    AuthError,
    FirstAccountError,
    add_officer,
    authenticate,
)
from parcelbench.store import Store
from tests.conftest import dump


def _last_audit(store: Store) -> tuple[str, str]:
    row = store.conn.execute("SELECT actor, action FROM audit_log ORDER BY seq DESC").fetchone()
    return row[0], row[1]


def test_the_first_account_is_a_supervisor_who_adds_the_rest(store: Store) -> None:
    with pytest.raises(FirstAccountError, match="first account must be its supervisor"):
        add_officer(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253", by=None)
    assert store.table_counts()["officers"] == 0
    boss = add_officer(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574", by=None)
    assert _last_audit(store)[0] == FIRST_RUN
    officer = add_officer(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253", by=boss)
    assert _last_audit(store)[0] == "S2001"
    assert authenticate(store, "O1001", "40718253").role is Role.OFFICER
    assert officer.badge == "O1001"


def test_nobody_else_makes_or_changes_an_account(store: Store, tmp_path: Path) -> None:
    boss = add_officer(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574", by=None)
    officer = add_officer(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253", by=boss)
    before = dump(store.path)
    with pytest.raises(AuthError, match="signed-in supervisor"):  # no signature
        add_officer(store, "X9", "Mallory", Role.SUPERVISOR, "84261937", by=None)
    with pytest.raises(AuthError, match="needs a supervisor"):  # an officer's signature
        add_officer(store, "X9", "Mallory", Role.SUPERVISOR, "84261937", by=officer)
    with pytest.raises(AuthError):  # resetting the supervisor's PIN
        add_officer(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "0000", by=officer)
    assert dump(store.path) == before
    assert authenticate(store, "S2001", "63920574").role is Role.SUPERVISOR


def test_the_demo_never_adds_its_public_accounts_to_a_real_bench(tmp_path: Path) -> None:
    real = tmp_path / "bench.sqlite"
    with Store(real) as store:
        add_officer(store, "S7", "Real Boss", Role.SUPERVISOR, "59183726", by=None)
    before = dump(real)
    with pytest.raises(DemoError, match="not a demo bench"):
        ensure_demo(real)
    assert dump(real) == before
    demo = ensure_demo(tmp_path / "demo.sqlite")  # a new file becomes a demo bench
    assert demo.created
    assert not ensure_demo(tmp_path / "demo.sqlite").created  # and stays one
