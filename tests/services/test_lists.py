"""The role check lives in the service: an officer cannot change the lists by any route."""

from __future__ import annotations

import pytest

from parcelbench.domain.records import Role
from parcelbench.services import lists
from parcelbench.services.officers import AuthError
from parcelbench.store import Store
from tests.accounts import account


def test_officer_refused_supervisor_allowed(store: Store) -> None:
    officer = account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
    boss = account(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574")
    entry = {"kind": "phone", "value": "+1 775 555 0142", "reason": "seller in case 17"}
    before = store.table_counts()
    with pytest.raises(AuthError, match="needs a supervisor"):
        lists.add_watch(store, officer, **entry)
    with pytest.raises(AuthError):
        lists.add_shipper(store, officer, name="Acme GmbH", country="DE", programme="AEO")
    assert store.table_counts() == before
    added = lists.add_watch(store, boss, **entry)
    assert added.added_by == "S2001"
    with pytest.raises(AuthError):
        lists.remove_watch(store, officer, added.id)
    assert lists.remove_watch(store, boss, added.id).active is False
