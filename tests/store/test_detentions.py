"""Open detentions from a real bench database, recorded through `services.outcomes.record`."""

from __future__ import annotations

import pytest

from parcelbench.domain.records import Officer, Outcome, Role
from parcelbench.store import Store
from parcelbench.store.detentions import _OPEN_DETENTIONS, open_detentions
from tests.detained import record_at

PARCEL = "RR473124829GB"
OTHER = "EE471108151FR"


@pytest.fixture
def officer() -> Officer:
    """The recording officer, as `authenticate` returns one (no account row is read)."""
    return Officer("O1001", "Ana Ruiz", Role.OFFICER)


def test_a_detention_is_open_until_the_parcel_is_inspected_again(
    store: Store, officer: Officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    detained = record_at(
        store, officer, monkeypatch, PARCEL, Outcome.DETAINED, "2026-09-04T15:00:00.000Z",
        notes="held in cage 3",
    ).inspection  # fmt: skip
    [found] = open_detentions(store.conn)
    assert found.inspection_id == detained.uuid
    assert (found.item_id, found.at, found.detained_at) == (PARCEL, detained.at, detained.at)
    assert (found.officer_badge, found.notes) == ("O1001", "held in cage 3")
    assert found.reason == "suspected undeclared supplements; FDA sampling"

    record_at(store, officer, monkeypatch, PARCEL, Outcome.RELEASED, "2026-09-09T14:00:00.000Z")
    assert open_detentions(store.conn) == []


@pytest.mark.parametrize(
    "outcome", [Outcome.RELEASED, Outcome.SEIZED, Outcome.RETURNED_TO_SENDER, Outcome.REFERRED]
)
def test_any_later_outcome_resolves_it(
    store: Store, officer: Officer, monkeypatch: pytest.MonkeyPatch, outcome: Outcome
) -> None:
    from parcelbench.domain.exam import Exam
    from parcelbench.services.outcomes import SeizureDraft

    record_at(store, officer, monkeypatch, PARCEL, Outcome.DETAINED, "2026-09-04T15:00:00.000Z")
    extra: dict[str, object] = {}
    if outcome is Outcome.SEIZED:
        extra["seizure"] = SeizureDraft("narcotics", "white powder", 1, "g", 12.5)
    if outcome is Outcome.REFERRED:
        extra["agency"] = "FDA"
    if outcome is Outcome.RETURNED_TO_SENDER:
        extra["exam"] = Exam(methods=("visual",), return_reason="prohibited")
    record_at(store, officer, monkeypatch, PARCEL, outcome, "2026-09-08T15:00:00.000Z", **extra)
    assert open_detentions(store.conn) == []


def test_an_earlier_release_does_not_resolve_a_later_detention(
    store: Store, officer: Officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_at(store, officer, monkeypatch, PARCEL, Outcome.RELEASED, "2026-09-01T15:00:00.000Z")
    record_at(store, officer, monkeypatch, OTHER, Outcome.DETAINED, "2026-09-02T15:00:00.000Z")
    detained = record_at(
        store, officer, monkeypatch, PARCEL, Outcome.DETAINED, "2026-09-03T15:00:00.000Z"
    ).inspection
    record_at(store, officer, monkeypatch, OTHER, Outcome.RELEASED, "2026-09-04T15:00:00.000Z")
    assert [d.inspection_id for d in open_detentions(store.conn)] == [detained.uuid]


def test_an_amended_detention_is_listed_once_with_the_original_clock(
    store: Store, officer: Officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = record_at(
        store, officer, monkeypatch, PARCEL, Outcome.DETAINED, "2026-09-04T15:00:00.000Z"
    ).inspection
    fixed = record_at(
        store, officer, monkeypatch, PARCEL, Outcome.DETAINED, "2026-09-08T10:00:00.000Z",
        reason="tablets declared as vitamins; FDA laboratory analysis", amends=first.uuid,
    ).inspection  # fmt: skip
    again = record_at(
        store, officer, monkeypatch, PARCEL, Outcome.DETAINED, "2026-09-09T10:00:00.000Z",
        reason="tablets declared as vitamins; FDA and DEA analysis", amends=fixed.uuid,
    ).inspection  # fmt: skip
    [found] = open_detentions(store.conn)
    assert found.inspection_id == again.uuid
    assert found.reason == "tablets declared as vitamins; FDA and DEA analysis"
    assert (found.at, found.detained_at) == (again.at, first.at)


def test_an_amendment_that_releases_resolves_it(
    store: Store, officer: Officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = record_at(
        store, officer, monkeypatch, PARCEL, Outcome.DETAINED, "2026-09-04T15:00:00.000Z"
    ).inspection
    record_at(
        store, officer, monkeypatch, PARCEL, Outcome.RELEASED, "2026-09-05T15:00:00.000Z",
        amends=first.uuid,
    )  # fmt: skip
    assert open_detentions(store.conn) == []


def test_an_amendment_replaces_the_detention_whatever_its_timestamp(
    store: Store, officer: Officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bench clock set back between the two records must not revive the corrected one."""
    first = record_at(
        store, officer, monkeypatch, PARCEL, Outcome.DETAINED, "2026-09-04T15:00:00.000Z"
    ).inspection
    fixed = record_at(
        store, officer, monkeypatch, PARCEL, Outcome.DETAINED, "2026-09-04T14:00:00.000Z",
        amends=first.uuid,
    ).inspection  # fmt: skip
    [found] = open_detentions(store.conn)
    assert found.inspection_id == fixed.uuid
    assert found.detained_at == "2026-09-04T14:00:00.000Z"  # the earliest in the chain


def test_a_detention_that_corrects_an_earlier_record_keeps_its_examination_date(
    store: Store, officer: Officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Recorded "released" by mistake on Friday, corrected to "detained" on Tuesday: the parcel
    was presented on Friday, so the clock runs from Friday."""
    wrong = record_at(
        store, officer, monkeypatch, PARCEL, Outcome.RELEASED, "2026-09-04T15:00:00.000Z"
    ).inspection
    record_at(
        store, officer, monkeypatch, PARCEL, Outcome.DETAINED, "2026-09-08T15:00:00.000Z",
        amends=wrong.uuid,
    )  # fmt: skip
    [found] = open_detentions(store.conn)
    assert found.detained_at == wrong.at


def test_a_new_detention_after_a_release_starts_a_new_clock(
    store: Store, officer: Officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_at(store, officer, monkeypatch, PARCEL, Outcome.DETAINED, "2026-09-01T15:00:00.000Z")
    record_at(store, officer, monkeypatch, PARCEL, Outcome.RELEASED, "2026-09-02T15:00:00.000Z")
    again = record_at(
        store, officer, monkeypatch, PARCEL, Outcome.DETAINED, "2026-09-10T15:00:00.000Z"
    ).inspection
    [found] = open_detentions(store.conn)
    assert (found.inspection_id, found.detained_at) == (again.uuid, again.at)


def test_two_records_in_the_same_millisecond_the_later_written_wins(
    store: Store, officer: Officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = "2026-09-04T15:00:00.000Z"
    record_at(store, officer, monkeypatch, PARCEL, Outcome.DETAINED, at)
    record_at(store, officer, monkeypatch, PARCEL, Outcome.RELEASED, at)
    assert open_detentions(store.conn) == []
    detained = record_at(store, officer, monkeypatch, OTHER, Outcome.RELEASED, at)
    detained = record_at(store, officer, monkeypatch, OTHER, Outcome.DETAINED, at)
    assert [d.inspection_id for d in open_detentions(store.conn)] == [detained.inspection.uuid]


def test_oldest_detention_first(
    store: Store, officer: Officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_at(store, officer, monkeypatch, PARCEL, Outcome.DETAINED, "2026-09-08T15:00:00.000Z")
    record_at(store, officer, monkeypatch, OTHER, Outcome.DETAINED, "2026-09-03T15:00:00.000Z")
    assert [d.item_id for d in open_detentions(store.conn)] == [OTHER, PARCEL]


def test_the_probes_use_the_indexes(store: Store) -> None:
    """Each "is there a later inspection" probe looks up the parcel's index, and each step back
    through amendments the primary key: neither scans the table per detention."""
    plan = "\n".join(
        row[3]
        for row in store.conn.execute(f"EXPLAIN QUERY PLAN {_OPEN_DETENTIONS}", {"detained": "x"})
    )
    assert "USING INDEX inspections_item (item_id=?)" in plan, plan
    assert "USING INDEX sqlite_autoindex_inspections_1 (uuid=?)" in plan, plan
    assert plan.count("SCAN d") == 1 and "SCAN later" not in plan, plan
