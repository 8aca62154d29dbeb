"""Arrivals counted once per parcel: its first arrival anywhere, and the counts per day.

A parcel is one arrival however often it is scanned and at however many benches: it arrived
where and when it was first scanned (ties broken by bench id, then the bench's scan id). At an
agency's volume that rule cannot be a query over every scan each time a figure is asked for, so
ingest keeps it. Each batch of scans is compared with the first arrivals held so far (one lookup
per batch); a parcel whose first arrival moves earlier (a scan at another bench sent late) leaves
its old day's counts for the new one, and the day counts are added to, never recounted. Requests
about one parcel take turns (`Tx.lock_keys`), so two benches sending it at once count it once.
`refill` makes both tables again from the scans (`hq rebuild`, and the migration that made them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from parcelbench.hq.storage.db import Tx

#: The namespace of a parcel's arrivals in `turns` (`Tx.lock_keys`).
LOCK_SPACE = 1

_COLUMNS = (
    "item_id, bench_id, scan_id, facility, at, origin, mail_class, aed_present, aed_on_time, "
    "aed_completeness"
)
_EARLIER = (
    "b.item_id = a.item_id AND (b.at < a.at OR (b.at = a.at AND (b.bench_id < a.bench_id "
    "OR (b.bench_id = a.bench_id AND b.scan_id < a.scan_id))))"
)


@dataclass(frozen=True, slots=True)
class Arrival:
    """One scan as an arrival (the columns of `rm_arrivals` and `rm_first_arrivals`)."""

    item_id: str
    bench_id: str
    scan_id: int
    facility: str
    at: str
    origin: str
    mail_class: str
    aed_present: int
    aed_on_time: int
    aed_completeness: float | None

    @property
    def order(self) -> tuple[str, str, int]:
        return (self.at, self.bench_id, self.scan_id)

    @property
    def bucket(self) -> tuple[str, str, str, str]:
        return (self.at[:10], self.facility, self.origin, self.mail_class)


def count(tx: Tx, scans: Sequence[Arrival]) -> int:
    """Take scans just stored into the first arrivals and the day counts; how many parcels
    arrived for the first time."""
    best: dict[str, Arrival] = {}
    for scan in scans:
        held = best.get(scan.item_id)
        if held is None or scan.order < held.order:
            best[scan.item_id] = scan
    tx.lock_keys(LOCK_SPACE, best)
    earlier = _held(tx, list(best))
    deltas: dict[tuple[str, str, str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0.0, 0])
    changed: list[Arrival] = []
    for item_id, scan in best.items():
        old = earlier.get(item_id)
        if old is not None and old.order <= scan.order:
            continue
        if old is not None:
            _add(deltas, old, -1)
        _add(deltas, scan, 1)
        changed.append(scan)
    tx.many(
        f"INSERT INTO rm_first_arrivals ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (item_id) DO UPDATE SET bench_id = excluded.bench_id, "
        "scan_id = excluded.scan_id, facility = excluded.facility, at = excluded.at, "
        "origin = excluded.origin, mail_class = excluded.mail_class, "
        "aed_present = excluded.aed_present, aed_on_time = excluded.aed_on_time, "
        "aed_completeness = excluded.aed_completeness",
        [_row(a) for a in changed],
    )
    tx.many(  # in one order, so two requests never wait on each other's rows
        "INSERT INTO rm_arrival_days (day, facility, origin, mail_class, arrived, with_aed, "
        "on_time, completeness_sum, completeness_n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (day, facility, origin, mail_class) DO UPDATE SET "
        "arrived = rm_arrival_days.arrived + excluded.arrived, "
        "with_aed = rm_arrival_days.with_aed + excluded.with_aed, "
        "on_time = rm_arrival_days.on_time + excluded.on_time, "
        "completeness_sum = rm_arrival_days.completeness_sum + excluded.completeness_sum, "
        "completeness_n = rm_arrival_days.completeness_n + excluded.completeness_n",
        [(*k, int(d[0]), int(d[1]), int(d[2]), d[3], int(d[4])) for k, d in sorted(deltas.items())],
    )
    return sum(1 for a in changed if a.item_id not in earlier)


def _add(deltas: dict[tuple[str, str, str, str], list[float]], a: Arrival, sign: int) -> None:
    d = deltas[a.bucket]
    d[0] += sign
    d[1] += sign * a.aed_present
    d[2] += sign * a.aed_on_time
    if a.aed_completeness is not None:
        d[3] += sign * a.aed_completeness
        d[4] += sign


def _row(a: Arrival) -> tuple[object, ...]:
    return (a.item_id, a.bench_id, a.scan_id, a.facility, a.at, a.origin, a.mail_class,
            a.aed_present, a.aed_on_time, a.aed_completeness)  # fmt: skip


def _held(tx: Tx, item_ids: list[str]) -> dict[str, Arrival]:
    found: dict[str, Arrival] = {}
    for start in range(0, len(item_ids), 900):
        chunk = item_ids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for row in tx.rows(
            f"SELECT {_COLUMNS} FROM rm_first_arrivals WHERE item_id IN ({marks})", chunk
        ):
            found[row[0]] = Arrival(*row[:2], int(row[2]), *row[3:])
    return found


def refill(tx: Tx) -> None:
    """Both tables again from every scan HQ holds."""
    tx.run("DELETE FROM rm_first_arrivals")
    tx.run("DELETE FROM rm_arrival_days")
    tx.run(
        f"INSERT INTO rm_first_arrivals ({_COLUMNS}) SELECT {_COLUMNS} FROM rm_arrivals a "
        f"WHERE NOT EXISTS (SELECT 1 FROM rm_arrivals b WHERE {_EARLIER})"
    )
    tx.run(
        "INSERT INTO rm_arrival_days (day, facility, origin, mail_class, arrived, with_aed, "
        "on_time, completeness_sum, completeness_n) "
        "SELECT substr(at, 1, 10), facility, origin, mail_class, count(*), sum(aed_present), "
        "sum(aed_on_time), coalesce(sum(aed_completeness), 0), count(aed_completeness) "
        "FROM rm_first_arrivals GROUP BY substr(at, 1, 10), facility, origin, mail_class"
    )
