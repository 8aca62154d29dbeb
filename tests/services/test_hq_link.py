"""HQ's address and the parked events, as the service keeps them: a supervisor's decision is
checked here, whatever asks (the CLI today, a window menu tomorrow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parcelbench.domain.records import Role
from parcelbench.domain.settings import HQ_KEY, HQ_TOKEN, HQ_URL, NEEDS_ENROLLMENT
from parcelbench.services import hq_link
from parcelbench.services.officers import AuthError
from parcelbench.store import Store, settings
from parcelbench.store.journal import audit_and_enqueue
from parcelbench.store.sync import park
from tests.accounts import account
from tests.enrollment import some_hq_key, write_enrollment


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


def test_the_first_naming_needs_address_and_enrollment(store: Store, tmp_path: Path) -> None:
    with pytest.raises(hq_link.EnrollmentError, match="--hq URL --enroll FILE"):
        hq_link.name_hq(store, url="https://hq.example", enrollment=None)
    assert hq_link.hq_address(store) is None
    key = some_hq_key()
    file = write_enrollment(tmp_path / "b.enroll", " B-1.t0ken \n", key)
    hq_link.name_hq(store, url="https://hq.example", enrollment=hq_link.read_enrollment(file))
    assert settings.get(store.conn, HQ_URL) == "https://hq.example"
    assert settings.get(store.conn, HQ_TOKEN) == "B-1.t0ken"
    assert settings.get(store.conn, HQ_KEY) == key
    assert not settings.get(store.conn, NEEDS_ENROLLMENT)
    again = write_enrollment(tmp_path / "c.enroll", "B-1.new", key)
    hq_link.name_hq(store, url=None, enrollment=hq_link.read_enrollment(again))  # later: alone
    assert settings.get(store.conn, HQ_TOKEN) == "B-1.new"
    assert hq_link.hq_address(store) == "https://hq.example"


@pytest.mark.parametrize(
    "url",
    ["http://hq.example", "http://10.0.0.5:8787", "http://[2001:db8::1]/", "ftp://hq.example"],
)
def test_plain_http_is_refused_except_to_loopback(store: Store, tmp_path: Path, url: str) -> None:
    file = write_enrollment(tmp_path / "b.enroll", "B-1.t0ken")
    with pytest.raises(hq_link.EnrollmentError, match="https://"):
        hq_link.name_hq(store, url=url, enrollment=hq_link.read_enrollment(file))
    assert settings.get(store.conn, HQ_TOKEN) is None  # nothing saved


@pytest.mark.parametrize("url", ["http://127.0.0.1:8787", "http://localhost", "http://[::1]:1"])
def test_plain_http_to_loopback_is_allowed(store: Store, tmp_path: Path, url: str) -> None:
    file = write_enrollment(tmp_path / "b.enroll", "B-1.t0ken")
    hq_link.name_hq(store, url=url, enrollment=hq_link.read_enrollment(file))
    assert settings.get(store.conn, HQ_URL) == url


def test_a_damaged_enrollment_or_key_is_refused(store: Store, tmp_path: Path) -> None:
    broken = tmp_path / "x.enroll"
    broken.write_text('{"bench_id": "B-1", "token": "B-1.t"}', encoding="utf-8")
    with pytest.raises(hq_link.EnrollmentError, match="no hq_key"):
        hq_link.read_enrollment(broken)
    file = write_enrollment(tmp_path / "b.enroll", "B-1.t0ken", "ed25519:not-base64!")
    with pytest.raises(hq_link.EnrollmentError, match="damaged"):
        hq_link.name_hq(store, url="https://hq.example", enrollment=hq_link.read_enrollment(file))
    assert settings.get(store.conn, HQ_TOKEN) is None
