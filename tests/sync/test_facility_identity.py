"""Seizure numbers unique across a port's benches while all of them are offline, and HQ
refusing a number another bench holds — real bench files, a real HQ on loopback, on SQLite and
on PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from parcelbench.domain.records import Outcome, Role
from parcelbench.domain.settings import BENCH_SEGMENT, FACILITY_CODE, PORT_CODE
from parcelbench.hq.storage import Database, repo
from parcelbench.hq.storage.read_models import rebuild
from parcelbench.ids.s10 import make
from parcelbench.services.outcomes import SeizureDraft, fiscal_year, record
from parcelbench.store import Store, settings
from parcelbench.store.sync import parked_events
from parcelbench.sync import sync_once
from tests.accounts import account
from tests.exams import EXAMINED
from tests.sync.conftest import enrolled_desk
from tests.sync.hqproc import HqProcess

POWDER = SeizureDraft("narcotics", "white powder", 1, "g", 48.35, "Raman", "positive fentanyl")
FY = fiscal_year(datetime.now(UTC))


def _bench(
    db: Database, url: str, path: Path, name: str, facility: str, port: str | None = None
) -> Store:
    return enrolled_desk(db, url, path, name, facility, port).store


def _seize(store: Store, serial: str, *, lines: int = 1) -> list[str]:
    officer = account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
    done = record(
        store, officer, make("LX", serial, "CN"), Outcome.SEIZED, seizures=(POWDER,) * lines,
        **EXAMINED,
    )  # fmt: skip
    return [s.seizure_number for s in done.seizures]


def _held(db: Database) -> dict[str, tuple[str, str]]:
    with db.tx(write=False) as tx:
        rows = tx.rows("SELECT seizure_number, bench_id, item_id FROM rm_seizures")
    return {r[0]: (r[1], r[2]) for r in rows}


def test_two_benches_of_one_port_seizing_offline_never_share_a_number(
    hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    one = _bench(hq_db, hq.url, tmp_path / "a.db", "bench-1", "JFK", port="4701")
    two = _bench(hq_db, hq.url, tmp_path / "b.db", "bench-2", "JFK")  # inherits the port
    try:
        assert settings.get(two.conn, PORT_CODE) == "4701"
        assert settings.get(two.conn, FACILITY_CODE) == "JFK"
        assert [settings.get(s.conn, BENCH_SEGMENT) for s in (one, two)] == [1, 2]
        # both offline: each numbers its own seizures, from 1
        first = _seize(one, "10000001", lines=2) + _seize(one, "10000002")
        second = _seize(two, "20000001") + _seize(two, "20000002", lines=2)
        assert first == [f"{FY}-4701-010001-01", f"{FY}-4701-010001-02", f"{FY}-4701-010002-01"]
        assert second == [f"{FY}-4701-020001-01", f"{FY}-4701-020002-01", f"{FY}-4701-020002-02"]
        for store in (one, two):
            report = sync_once(store)
            assert report.pending == 0 and not parked_events(store.conn)
        held = _held(hq_db)
        assert sorted(held) == sorted(first + second)
        assert held[first[0]][1] == make("LX", "10000001", "CN")
        assert len({bench for bench, _ in held.values()}) == 2
    finally:
        one.close()
        two.close()


def test_hq_refuses_a_number_another_bench_holds_and_the_bench_parks_it(
    hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    # two benches of a facility enrolled without a port number from the same "00" segment
    one = _bench(hq_db, hq.url, tmp_path / "a.db", "bench-a", "ORD")
    two = _bench(hq_db, hq.url, tmp_path / "b.db", "bench-b", "ORD")
    try:
        [number] = _seize(one, "30000001")
        assert _seize(two, "30000002") == [number] == [f"{FY}-0000-000001-01"]
        assert sync_once(one).pending == 0
        sync_once(two)
        [parked] = parked_events(two.conn)
        assert parked.kind == "seizure.recorded"
        assert f"seizure number {number} is already held at HQ by bench bench-a (ORD)" in (
            parked.reason
        )
        held = _held(hq_db)
        assert held[number][1] == make("LX", "30000001", "CN")  # still the first bench's parcel
        with hq_db.tx(write=False) as tx:
            kinds = tx.rows(
                "SELECT e.kind FROM events e JOIN benches b ON b.bench_id = e.bench_id "
                "WHERE b.name = 'bench-b' ORDER BY e.seq"
            )
        assert [k for (k,) in kinds] == ["inspection.recorded"]  # the rest of its work landed
    finally:
        one.close()
        two.close()


def test_the_query_tables_rebuild_from_the_log_as_ingest_left_them(
    hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    one = _bench(hq_db, hq.url, tmp_path / "a.db", "bench-1", "LAX", port="2720")
    try:
        _seize(one, "40000001", lines=2)
        sync_once(one)
        with hq_db.tx(write=False) as tx:
            before = sorted(tx.rows("SELECT * FROM rm_seizures"))
            inspections = sorted(tx.rows("SELECT * FROM rm_inspections"))
        assert len(before) == 2 and len(inspections) == 1
        assert rebuild(hq_db) == {
            "rm_seizures": 2,
            "rm_inspections": 1,
            "rm_holds": 0,
            "rm_seized_parties": 0,
            "rm_arrivals": 0,
            "rm_first_arrivals": 0,
        }
        with hq_db.tx(write=False) as tx:
            assert sorted(tx.rows("SELECT * FROM rm_seizures")) == before
            assert sorted(tx.rows("SELECT * FROM rm_inspections")) == inspections
    finally:
        one.close()


def test_segments_are_per_port_kept_by_a_replacement_and_never_given_again(
    hq_db: Database,
) -> None:
    a, _ = repo.enroll(hq_db, "bench-1", "JFK", port="4701")
    b, _ = repo.enroll(hq_db, "bench-2", "JFK")
    other, _ = repo.enroll(hq_db, "bench-1", "MIA", port="5206")
    again, _ = repo.enroll(hq_db, "bench-2 (new PC)", "JFK", replaces=b)
    assert repo.revoke(hq_db, a)
    fresh, _ = repo.enroll(hq_db, "bench-3", "JFK")
    segments = {i: (repo.bench(hq_db, i).port, repo.bench(hq_db, i).segment)
                for i in (a, b, other, again, fresh)}  # fmt: skip
    assert segments == {
        a: ("4701", 1), b: ("4701", 2), other: ("5206", 1), again: ("4701", 2),
        fresh: ("4701", 3),  # bench-1's numbers stay bench-1's, though it was revoked
    }  # fmt: skip
    with pytest.raises(repo.EnrollError, match="facility JFK is at port 4701, not 2720"):
        repo.enroll(hq_db, "bench-9", "JFK", port="2720")
    with pytest.raises(repo.EnrollError, match="not a CBP port code"):
        repo.enroll(hq_db, "bench-9", "SFO", port="47O1")


def test_an_enrollment_file_with_a_bad_segment_is_refused(tmp_path: Path) -> None:
    from parcelbench.services.hq_link import EnrollmentError, read_enrollment

    file = tmp_path / "enroll.json"
    good = {"bench_id": "b1", "token": "t", "hq_key": "ed25519:x", "facility": "JFK"}
    for bad, said in (
        ({"port": "4701", "segment": 0}, "not a number from 1 to 99"),
        ({"port": "47", "segment": 3}, "not a 4-digit port code"),
        ({"port": "4701"}, "a port without a segment"),
    ):
        file.write_text(json.dumps({**good, **bad}))
        with pytest.raises(EnrollmentError, match=said):
            read_enrollment(file)
    file.write_text(json.dumps({**good, "port": "4701", "segment": 7}))
    assert read_enrollment(file).segment == 7
