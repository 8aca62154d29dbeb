"""Seizure approval through the service, on a real store: roles, states, audit and outbox."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from parcelbench.domain.records import Outcome, Role
from parcelbench.services import seizures
from parcelbench.services.officers import AuthError
from parcelbench.services.outcomes import record
from parcelbench.store import Store
from parcelbench.store.audit import verify_chain
from parcelbench.store.seizures import get_seizure, reviews
from tests.accounts import account
from tests.exams import EXAMINED
from tests.reports.bench_data import DRAFT, Bench, build


@pytest.fixture
def bench(tmp_path: Path) -> Bench:
    return build(tmp_path, photos=0)


def _events(store: Store, kind: str) -> list[dict]:  # type: ignore[type-arg]
    rows = store.conn.execute("SELECT payload FROM outbox WHERE kind = ?", (kind,)).fetchall()
    return [json.loads(r[0]) for r in rows]


def test_approval_is_one_audited_event(bench: Bench) -> None:
    with Store(bench.db) as store:
        done = seizures.approve(store, bench.supervisor, bench.seizure_number, " fine ")
        assert (done.decision, done.actor, done.comment) == ("approved", "S2001", "fine")
        found = get_seizure(store.conn, bench.seizure_number)
        assert found is not None and found.status == "approved"
        audit = store.conn.execute(
            "SELECT seq, hash, payload FROM audit_log WHERE action = 'seizure.approved'"
        ).fetchall()
        events = _events(store, "seizure.approved")
        assert len(audit) == len(events) == 1
        assert events[0]["audit"]["seq"] == audit[0][0]
        assert events[0]["audit"]["hash"] == audit[0][1]
        assert events[0]["record"]["status"] == "approved"
        assert verify_chain(store.conn).ok
        with pytest.raises(seizures.SeizureError, match="is approved; it can be approved only"):
            seizures.approve(store, bench.second_supervisor, bench.seizure_number)


def test_only_supervisors_and_never_their_own(bench: Bench) -> None:
    with Store(bench.db) as store:
        with pytest.raises(AuthError, match=r"^O1001 is an officer; this needs a supervisor$"):
            seizures.approve(store, bench.officer, bench.seizure_number)
        with pytest.raises(AuthError, match="needs a supervisor"):
            seizures.return_to_officer(store, bench.officer, bench.seizure_number, "x")
        own = (
            record(
                store,
                bench.supervisor,
                "RR473124829GB",
                Outcome.SEIZED,
                seizure=DRAFT,
                port_code="4701",
                **EXAMINED,
            )
            .seizures[0]
            .seizure_number
        )
        with pytest.raises(seizures.SeizureError, match="another supervisor must approve it"):
            seizures.approve(store, bench.supervisor, own)
        assert seizures.approve(store, bench.second_supervisor, own).decision == "approved"
        assert reviews(store.conn, bench.seizure_number) == []  # the refusals wrote nothing
        assert _events(store, "seizure.approved") and len(_events(store, "seizure.approved")) == 1


def test_return_and_resubmit(bench: Bench) -> None:
    with Store(bench.db) as store:
        with pytest.raises(seizures.SeizureError, match="a comment is required"):
            seizures.return_to_officer(store, bench.supervisor, bench.seizure_number, "  ")
        seizures.return_to_officer(store, bench.supervisor, bench.seizure_number, "reweigh")
        other = account(store, "O1002", "Li Wei", Role.OFFICER, "52839160")
        with pytest.raises(seizures.SeizureError, match="only O1001, who made seizure"):
            seizures.resubmit(store, other, bench.seizure_number)
        with pytest.raises(seizures.SeizureError, match="is returned; it can be approved only"):
            seizures.approve(store, bench.second_supervisor, bench.seizure_number)
        seizures.resubmit(store, bench.officer, bench.seizure_number, "reweighed: 12.30 g")
        assert [r.decision for r in reviews(store.conn, bench.seizure_number)] == [
            "returned",
            "resubmitted",
        ]
        assert [s.seizure.seizure_number for s in seizures.listing(store, pending_only=True)] == [
            bench.seizure_number
        ]
        assert (
            len(_events(store, "seizure.returned"))
            == len(_events(store, "seizure.resubmitted"))
            == 1
        )


def test_the_schema_refuses_a_return_without_comment(bench: Bench) -> None:
    conn = sqlite3.connect(bench.db)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute(
                "INSERT INTO seizure_reviews (seizure_number, decision, comment, actor, at) "
                "VALUES (?, 'returned', '  ', 'S2001', '2026-11-27T00:00:00Z')",
                (bench.seizure_number,),
            )
    finally:
        conn.close()
