"""Special operations on a real store: supervisors only, one at a time, live counts, audited."""

from __future__ import annotations

import pytest

from parcelbench.aed.importer import import_file
from parcelbench.domain.records import Outcome, Role
from parcelbench.services import operations
from parcelbench.services.followups import close_referral
from parcelbench.services.officers import AuthError
from parcelbench.services.outcomes import SeizureDraft, record
from parcelbench.store import Store
from parcelbench.store.audit import verify_chain
from tests.accounts import account
from tests.conftest import TEST_DATA
from tests.exams import EXAMINED, RANDOM


def test_an_operation_counts_what_was_examined_while_it_ran(store: Store) -> None:
    import_file(store, TEST_DATA / "good.xml")
    officer = account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
    boss = account(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574")
    record(store, officer, "RR473124829GB", Outcome.RELEASED)  # before: not counted

    with pytest.raises(AuthError, match="needs a supervisor"):
        operations.start(store, officer, "Blitz", starts_on="2026-11-26", ends_on="2026-11-28")
    with pytest.raises(operations.OperationError, match="before the start date"):
        operations.start(store, boss, "Blitz", starts_on="2026-11-28", ends_on="2026-11-26")
    dates = {"starts_on": "2026-11-26", "ends_on": "2026-11-28"}
    op = operations.start(store, boss, " Blitz  11/26 ", **dates)
    assert op.name == "Blitz 11/26"
    with pytest.raises(operations.OperationError, match="is running; end it first"):
        operations.start(store, boss, "Other", starts_on="2026-11-26", ends_on="2026-11-28")

    record(store, officer, "RR473124829GB", Outcome.RELEASED, **RANDOM)
    seized = record(
        store,
        officer,
        "CP100000140DE",
        Outcome.SEIZED,
        seizure=SeizureDraft("narcotics", "white powder", 1, "pieces", 12.5),
        **EXAMINED,
    )
    referred = record(store, officer, "EE471108151FR", Outcome.REFERRED, agency="HSI", **EXAMINED)
    running = operations.running(store)
    assert running is not None
    now_op, counts = running
    assert now_op.name == "Blitz 11/26"
    # the referral waits for HSI's answer: pending, not a finding
    assert (counts.examined, counts.targeted, counts.random, counts.pending) == (2, 1, 1, 1)
    assert (counts.noncompliant, counts.seized) == (1, 1)
    assert seized.seizures
    close_referral(store, boss, referred.inspection.uuid, answer="HSI opened a case", finding=True)
    counts = operations.running(store)[1]  # type: ignore[index]
    assert (counts.examined, counts.targeted, counts.random, counts.pending) == (3, 2, 1, 0)
    assert (counts.noncompliant, counts.seized) == (2, 1)
    assert counts.rate == pytest.approx(2 / 3)

    ended = operations.end(store, boss)
    assert ended.ended_by == "S2001" and operations.running(store) is None
    with pytest.raises(operations.OperationError, match="no operation is running"):
        operations.end(store, boss)
    actions = [r[0] for r in store.conn.execute("SELECT action FROM audit_log")]
    assert "operation.started" in actions and "operation.ended" in actions
    kinds = [r[0] for r in store.conn.execute("SELECT kind FROM outbox")]
    assert "operation.started" in kinds and "operation.ended" in kinds
    assert verify_chain(store.conn).ok
