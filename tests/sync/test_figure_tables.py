"""The tables that keep HQ's figures fast at an agency's volume agree with the rule they stand
for, worked out the slow way from every row: a parcel is one arrival, at its first scan anywhere;
a parcel's inspection counts when it is not amended and is the parcel's latest in the period.
Checked after every batch of a shuffled history, after `hq rebuild`, after the migration that
made them, and on PostgreSQL with two benches sending the same parcels at the same instant."""

from __future__ import annotations

import random
import threading
from pathlib import Path
from typing import Any

import pytest

from parcelbench.hq.storage import (
    Database,
    figures,
    latest,
    links,
    open_database,
    read_models,
    repo,
)
from parcelbench.hq.storage.read_models import Stored
from parcelbench.ids.s10 import make
from tests.conftest import make_item

#: The rule for arrivals, as a query over every scan (what the day counts must equal).
FIRST_ARRIVALS = (
    "SELECT substr(a.at, 1, 10), a.facility, a.origin, a.mail_class, count(*), "
    "sum(a.aed_present), sum(a.aed_on_time), count(a.aed_completeness) FROM rm_arrivals a "
    "WHERE NOT EXISTS (SELECT 1 FROM rm_arrivals b WHERE b.item_id = a.item_id "
    "AND (b.at < a.at OR (b.at = a.at AND (b.bench_id < a.bench_id "
    "OR (b.bench_id = a.bench_id AND b.scan_id < a.scan_id))))) "
    "GROUP BY substr(a.at, 1, 10), a.facility, a.origin, a.mail_class"
)
KEPT = (
    "SELECT day, facility, origin, mail_class, arrived, with_aed, on_time, completeness_n "
    "FROM rm_arrival_days WHERE arrived <> 0"
)
#: The rule for inspections, as a query probing every row (what `latest` must equal).
LATEST = (
    "SELECT i.uuid FROM rm_inspections i WHERE i.at >= ? AND i.at < ? "
    "AND NOT EXISTS (SELECT 1 FROM rm_inspections a WHERE a.amends = i.uuid) "
    "AND NOT EXISTS (SELECT 1 FROM rm_inspections l WHERE l.item_id = i.item_id "
    "AND l.at < ? AND (l.at > i.at OR (l.at = i.at AND l.uuid > i.uuid)) "
    "AND NOT EXISTS (SELECT 1 FROM rm_inspections b WHERE b.amends = l.uuid))"
)
COUNTED = "SELECT i.uuid FROM rm_inspections i WHERE " + latest.COUNTED
ITEMS = [make("LX", f"{10_000_000 + n:08d}", ("CN", "GB", "DE")[n % 3]) for n in range(40)]
DAYS = ["2027-03-01", "2027-03-02", "2027-03-03", "2027-03-30", "2027-04-01"]


def _rows(db: Database, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with db.tx(write=False) as tx:
        return sorted(
            tuple(int(v) if isinstance(v, int) else v for v in r) for r in tx.rows(sql, params)
        )


def _benches(db: Database) -> list[str]:
    return [
        repo.enroll(db, "jfk-1", "JFK", port="4701")[0],
        repo.enroll(db, "jfk-2", "JFK", port="4701")[0],
        repo.enroll(db, "ord-1", "ORD", port="3901")[0],
    ]


def _scan(rng: random.Random, scan_id: int, item: str | None = None) -> dict[str, Any]:
    present = rng.random() < 0.7
    return {
        "scan_id": scan_id,
        "item_id": item or rng.choice(ITEMS),
        "at": f"{rng.choice(DAYS)}T{rng.randrange(24):02d}:00:00.000Z",  # ties on purpose
        "aed_present": present,
        "aed_on_time": present and rng.random() < 0.5,
        "aed_completeness": round(rng.uniform(0.25, 1), 3) if present else None,
    }


def test_arrival_counts_follow_the_rule_after_every_batch(hq_db: Database) -> None:
    rng = random.Random(7)
    benches = _benches(hq_db)
    history = {b: [_scan(rng, n) for n in range(1, 121)] for b in benches}
    pending = {b: list(rows) for b, rows in history.items()}
    while any(pending.values()):  # benches send in turns, in batches, some late
        bench = rng.choice([b for b in benches if pending[b]])
        size = rng.randint(1, 30)
        batch, pending[bench] = pending[bench][:size], pending[bench][size:]
        repo.add_arrivals(hq_db, bench, batch)
        assert _rows(hq_db, KEPT) == _rows(hq_db, FIRST_ARRIVALS)
    repo.add_arrivals(hq_db, benches[0], history[benches[0]][:50])  # a batch sent again
    expected = _rows(hq_db, FIRST_ARRIVALS)
    assert _rows(hq_db, KEPT) == expected
    parcels = len({s["item_id"] for rows in history.values() for s in rows})
    assert sum(r[4] for r in expected) == parcels
    shown = figures.arrivals(hq_db, "2027-03-01", "2027-04-02")
    read_models.rebuild(hq_db)
    assert _rows(hq_db, KEPT) == expected
    assert figures.arrivals(hq_db, "2027-03-01", "2027-04-02") == shown
    assert sum(a.arrived for a in shown) == parcels


def test_a_parcel_scanned_first_elsewhere_moves_to_that_facility_and_day(
    hq_db: Database,
) -> None:
    jfk, _, ord_ = _benches(hq_db)
    item = ITEMS[0]
    late = {"scan_id": 1, "item_id": item, "at": "2027-03-02T10:00:00.000Z",
            "aed_present": True, "aed_on_time": False, "aed_completeness": 0.5}  # fmt: skip
    assert repo.add_arrivals(hq_db, jfk, [late]) == 1
    assert _rows(hq_db, KEPT) == [("2027-03-02", "JFK", "CN", "L", 1, 1, 0, 1)]
    earlier = late | {"at": "2027-03-01T22:00:00.000Z", "aed_present": False,
                      "aed_completeness": None}  # fmt: skip
    repo.add_arrivals(hq_db, ord_, [earlier])  # ORD scanned it first, and sent it later
    assert _rows(hq_db, KEPT) == [("2027-03-01", "ORD", "CN", "L", 1, 0, 0, 0)]
    [month] = figures.arrivals(hq_db, "2027-03-01", "2027-04-01")
    assert (month.arrived, month.with_aed, month.completeness) == (1, 0, None)


def _inspection(bench: str, n: int, item: str, at: str, amends: str | None) -> Stored:
    uuid = f"{bench[:6]}-{n:04d}"
    record = {
        "uuid": uuid, "item_id": item, "outcome": "seized" if n % 5 == 0 else "released",
        "selection": "random" if n % 3 == 0 else "risk_rule", "targeted": n % 3 != 0,
        "noncompliance": [], "at": at, "amends": amends, "officer_badge": "O1001",
        "exam": {"methods": ["visual"]},
    }  # fmt: skip
    return Stored(f"ev-{uuid}", bench, "inspection.recorded", record)


def _history(rng: random.Random, benches: list[str]) -> list[tuple[str, list[Stored]]]:
    """Each bench's inspections in its own order (amendments after what they amend), some
    parcels examined at several benches and on several days."""
    out = []
    for bench in benches:
        made: list[Stored] = []
        for n in range(1, 81):
            item = rng.choice(ITEMS[:25])
            at = f"{rng.choice(DAYS)}T{rng.randrange(3):02d}:00:00.000Z"
            mine = [e for e in made if e.record["item_id"] == item]
            amends = str(mine[-1].record["uuid"]) if mine and rng.random() < 0.3 else None
            made.append(_inspection(bench, n, item, at, amends))
        out.append((bench, made))
    return out


def _periods() -> list[tuple[str, str]]:
    return [
        ("2027-03-01", "2027-03-02"),
        ("2027-03-01", "2027-03-04"),
        ("2027-03-02", "2027-04-02"),
        ("2027-03-30", "2027-03-31"),
        ("2027-01-01", "2028-01-01"),
    ]


def _same_as_the_rule(db: Database) -> None:
    for since, until in _periods():
        assert _rows(db, COUNTED, (since, until, until)) == _rows(db, LATEST, (since, until, until))


def test_the_latest_inspection_of_each_parcel_follows_the_rule(hq_db: Database) -> None:
    rng = random.Random(11)
    benches = _benches(hq_db)
    facility = {b: ("ORD" if n == 2 else "JFK") for n, b in enumerate(benches)}
    queues = dict(_history(rng, benches))
    while any(queues.values()):  # benches' batches interleaved, as they sync
        bench = rng.choice([b for b in benches if queues[b]])
        size = rng.randint(1, 12)
        batch, queues[bench] = queues[bench][:size], queues[bench][size:]
        with hq_db.tx() as tx:
            read_models.apply(tx, facility[bench], batch)
        _same_as_the_rule(hq_db)
    shown = [figures.verdicts(hq_db, s, u) for s, u in _periods()]
    read_models.rebuild(hq_db)  # these events were never logged: the rebuild empties the table
    with hq_db.tx() as tx:  # ... and they are applied again as a rebuild does, then refilled
        assert read_models.counts(tx)["rm_inspections"] == 0
        for bench, made in _history(random.Random(11), benches):
            read_models.apply(tx, facility[bench], made, keep_latest=False)
        read_models.refill_counted(tx)
    _same_as_the_rule(hq_db)
    assert [figures.verdicts(hq_db, s, u) for s, u in _periods()] == shown


def test_an_amendment_made_in_the_same_millisecond_counts(hq_db: Database) -> None:
    """A bench corrects a record at once: both carry the same time, and the amendment's id sorts
    before the original's. The amendment counts (it once counted for nothing: the amended record
    was taken for its next), in one batch or two, and after a rebuild."""
    bench = _benches(hq_db)[2]
    at, item = "2027-03-01T09:00:00.123Z", ITEMS[0]
    first = _inspection(bench, 9, item, at, None)
    fix = _inspection(bench, 1, item, at, str(first.record["uuid"]))
    assert fix.record["uuid"] < first.record["uuid"]
    for batches in ([[first, fix]], [[first], [fix]]):
        read_models.rebuild(hq_db)
        for batch in batches:
            with hq_db.tx() as tx:
                read_models.apply(tx, "ORD", batch)
        assert _rows(hq_db, COUNTED, ("2027-03-01", "2027-03-02", "2027-03-02")) == [
            (fix.record["uuid"],)
        ]
        _same_as_the_rule(hq_db)
    with hq_db.tx() as tx:
        read_models.refill_counted(tx)
    assert _rows(hq_db, COUNTED, ("2027-03-01", "2027-03-02", "2027-03-02")) == [
        (fix.record["uuid"],)
    ]


def test_the_migration_works_the_tables_out_for_what_hq_held(tmp_path: Path) -> None:
    """A database from before migration 5: its arrivals and inspections are counted by the
    migration exactly as ingest would have."""
    url = f"sqlite:///{tmp_path / 'hq.db'}"
    db = open_database(url)
    bench = _benches(db)[0]
    rng = random.Random(3)
    repo.add_arrivals(db, bench, [_scan(rng, n) for n in range(1, 60)])
    with db.tx() as tx:
        read_models.apply(tx, "JFK", _history(rng, [bench])[0][1])
    links.index(db, [make_item(item_id=ITEMS[0])])  # AED HQ published, its parties indexed
    expected_days = _rows(db, KEPT)
    expected_counted = _rows(db, COUNTED, ("2027-01-01", "2028-01-01", "2028-01-01"))
    with db.tx() as tx:  # back to version 4
        tx.run("DROP TABLE rm_first_arrivals")
        tx.run("DROP TABLE rm_arrival_days")
        tx.run("DROP TABLE turns")
        tx.run("DROP INDEX rm_aed_parties_block")
        tx.run("DROP INDEX rm_seized_parties_block")
        tx.run("ALTER TABLE rm_aed_parties DROP COLUMN block")
        tx.run("ALTER TABLE rm_inspections DROP COLUMN next_at")
        tx.run("ALTER TABLE rm_inspections DROP COLUMN amended")
        tx.run("DELETE FROM hq_schema WHERE version = 5")
    db.close()
    db = open_database(url)
    try:
        assert _rows(db, KEPT) == expected_days
        assert _rows(db, "SELECT block FROM rm_aed_parties WHERE kind = 'address'") == [
            ("CN|518000|12",),  # the sender's (12 Nanshan Rd) ...
            ("US|11101|4112",),  # ... and the addressee's: what fuzzy links compare within
        ]
        assert _rows(db, COUNTED, ("2027-01-01", "2028-01-01", "2028-01-01")) == expected_counted
    finally:
        db.close()


def test_two_benches_sending_one_parcel_at_once_count_it_once(pg_url: str) -> None:
    """PostgreSQL lets both requests run at the same instant; the parcel's turn makes the
    second wait for the first, so each parcel is one arrival whatever the timing."""
    db = open_database(pg_url)
    try:
        one, two, _ = _benches(db)
        start = threading.Barrier(2)
        failed: list[BaseException] = []

        def send(bench: str, seed: int) -> None:
            rng = random.Random(seed)
            try:
                for round_ in range(25):
                    shared = ITEMS[(round_ % 4) * 10 : (round_ % 4) * 10 + 10]
                    batch = [_scan(rng, round_ * 100 + n, item) for n, item in enumerate(shared)]
                    start.wait(timeout=30)
                    repo.add_arrivals(db, bench, batch)
            except BaseException as exc:  # the thread's failure is the test's
                failed.append(exc)

        threads = [threading.Thread(target=send, args=(b, s)) for b, s in ((one, 1), (two, 2))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert not failed, failed
        kept = _rows(db, KEPT)
        assert kept == _rows(db, FIRST_ARRIVALS)
        assert sum(r[4] for r in kept) == 40
    finally:
        db.close()


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> str:
    cluster = request.getfixturevalue("pg_cluster")
    return str(cluster.new_database())
