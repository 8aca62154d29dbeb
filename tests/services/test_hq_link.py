"""HQ's address and the parked events, as the service keeps them: a supervisor's decision is
checked here, whatever asks (the CLI today, a window menu tomorrow)."""

from __future__ import annotations

import pytest

from parcelbench.domain.records import Role
from parcelbench.domain.settings import HQ_TOKEN, HQ_URL, NEEDS_ENROLLMENT
from parcelbench.services import hq_link
from parcelbench.services.officers import AuthError
from parcelbench.store import Store, settings
from parcelbench.store.journal import audit_and_enqueue
from parcelbench.store.sync import park
from tests.accounts import account


def _one_parked(store: Store) -> str:
    with store.transaction() as conn:  # any evidence write leaves one event
        audit_and_enqueue(
            conn, actor="O1001", action="operation.started", entity="operation", payload={}
        )
    event_id = store.conn.execute("SELECT event_id FROM outbox ORDER BY seq DESC").fetchone()[0]
    park(store, event_id, "HQ refused: unknown kind")
    return event_id


def test_only_a_supervisor_sends_parked_events_again(store: Store) -> None:
    event_id = _one_parked(store)
    officer = account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
    boss = account(store, "S2002", "Lee Chan", Role.SUPERVISOR, "71946082")
    before = store.table_counts()
    with pytest.raises(AuthError, match="needs a supervisor"):
        hq_link.retry_parked(store, officer)
    assert store.table_counts() == before
    assert [p.event_id for p in hq_link.parked(store)] == [event_id]

    assert hq_link.retry_parked(store, boss) == 1
    assert hq_link.parked(store) == []
    actor, action = store.conn.execute(
        "SELECT actor, action FROM audit_log ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert (actor, action) == ("S2002", "sync.unparked")


def test_the_first_naming_needs_address_and_token(store: Store) -> None:
    with pytest.raises(hq_link.EnrollmentError, match="both --hq URL and --token"):
        hq_link.name_hq(store, url="https://hq.example", token=None)
    assert hq_link.hq_address(store) is None
    hq_link.name_hq(store, url="https://hq.example", token=" t0ken \n")
    assert settings.get(store.conn, HQ_URL) == "https://hq.example"
    assert settings.get(store.conn, HQ_TOKEN) == "t0ken"
    assert not settings.get(store.conn, NEEDS_ENROLLMENT)
    hq_link.name_hq(store, url=None, token="new")  # later: either alone
    assert settings.get(store.conn, HQ_TOKEN) == "new"
    assert hq_link.hq_address(store) == "https://hq.example"
