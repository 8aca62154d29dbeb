"""The counts behind HQ's figures, each one query over the query tables (`read_models`).

A period is `[since, until)` in ISO 8601 UTC text (every stored time starts YYYY-MM-DD, so text
order is time order). Each parcel counts once: an inspection amended by a later record is
replaced by it, and of a parcel's inspections in the period only its latest counts (the same
rule the bench's summaries follow; `latest` keeps the answer on each row); an arrival counts
at the parcel's first scan anywhere, so a parcel scanned again, or at another bench, is not a
second arrival (`arrival_counts` keeps the counts per day, so periods are whole days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from parcelbench.domain.clock import utc_now_iso
from parcelbench.hq.storage import latest
from parcelbench.hq.storage.db import Database

_LATEST = "FROM rm_inspections i WHERE " + latest.COUNTED
#: Parameters (first day, day after the last): the day counts kept at ingest.
_ARRIVAL_DAYS = "FROM rm_arrival_days d WHERE d.day >= ? AND d.day < ?"


@dataclass(frozen=True, slots=True)
class VerdictCount:
    facility: str
    origin: str
    mail_class: str
    selection: str
    verdict: str
    parcels: int


@dataclass(frozen=True, slots=True)
class ArrivalCount:
    origin: str
    month: str  # YYYY-MM
    arrived: int
    with_aed: int
    on_time: int
    completeness: float | None  # mean over the arrivals with AED


@dataclass(frozen=True, slots=True)
class HoldCount:
    facility: str
    targeted: int
    located: int  # located or examined
    examined: int
    examined_in_2_days: int


@dataclass(frozen=True, slots=True)
class SeizureRow:
    number: str
    facility: str
    bench_id: str
    item_id: str
    category: str
    at: str


@dataclass(frozen=True, slots=True)
class FacilityRow:
    code: str
    port: str | None
    benches: int  # enrolled and not revoked


def verdicts(db: Database, since: str, until: str) -> list[VerdictCount]:
    """Parcels per facility, origin, mail class, selection and verdict (latest record each)."""
    with db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT i.facility, i.origin, i.mail_class, i.selection, i.verdict, count(*) "
            + _LATEST
            + " GROUP BY i.facility, i.origin, i.mail_class, i.selection, i.verdict "
            "ORDER BY i.facility, i.origin, i.mail_class, i.selection, i.verdict",
            (since, until, until),
        )
    return [VerdictCount(*r[:5], int(r[5])) for r in rows]


def arrivals(db: Database, since: str, until: str) -> list[ArrivalCount]:
    """Parcels that first arrived in the period, per origin post and month, with their AED."""
    with db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT d.origin, substr(d.day, 1, 7), sum(d.arrived), sum(d.with_aed), "
            "sum(d.on_time), CASE WHEN sum(d.completeness_n) > 0 "
            "THEN sum(d.completeness_sum) / sum(d.completeness_n) END "
            + _ARRIVAL_DAYS
            + " GROUP BY d.origin, substr(d.day, 1, 7) HAVING sum(d.arrived) > 0 "
            "ORDER BY d.origin, substr(d.day, 1, 7)",
            (since[:10], until[:10]),
        )
    return [
        ArrivalCount(
            r[0], r[1], int(r[2]), int(r[3] or 0), int(r[4] or 0),
            None if r[5] is None else round(float(r[5]), 4),
        )
        for r in rows
    ]  # fmt: skip


def holds(db: Database, since: str, until: str) -> list[HoldCount]:
    """Holds targeted in the period per facility: located, examined, examined within 2 days
    of the targeting date (`until`/`since` compare with the targeting date YYYY-MM-DD)."""
    with db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT facility, targeted_on, status, examined_at FROM rm_holds "
            "WHERE targeted_on >= ? AND targeted_on < ? ORDER BY facility",
            (since[:10], until[:10]),
        )
    found: dict[str, list[int]] = {}
    for facility, targeted_on, status, examined_at in rows:
        n = found.setdefault(facility, [0, 0, 0, 0])
        n[0] += 1
        n[1] += status in ("located", "examined")
        n[2] += status == "examined"
        n[3] += status == "examined" and _within_days(targeted_on, examined_at, 2)
    return [HoldCount(f, *n) for f, n in sorted(found.items())]


def _within_days(targeted_on: str, at: str | None, days: int) -> bool:
    if not at:
        return False
    try:
        gap = date.fromisoformat(at[:10]) - date.fromisoformat(targeted_on[:10])
    except ValueError:
        return False
    return gap.days <= days


def seizures(db: Database, since: str, until: str) -> list[SeizureRow]:
    with db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT seizure_number, facility, bench_id, item_id, category, at FROM rm_seizures "
            "WHERE at >= ? AND at < ? ORDER BY at, seizure_number",
            (since, until),
        )
    return [SeizureRow(*r) for r in rows]


def facilities(db: Database) -> list[FacilityRow]:
    with db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT f.code, f.port, (SELECT count(*) FROM benches b WHERE b.facility = f.code "
            "AND b.revoked_at IS NULL) FROM facilities f ORDER BY f.code"
        )
    return [FacilityRow(r[0], r[1], int(r[2])) for r in rows]


@dataclass(frozen=True, slots=True)
class HoldMonth:
    facility: str
    month: str  # of the targeting date
    targeted: int
    examined_in_2_days: int


@dataclass(frozen=True, slots=True)
class FacilityMonth:
    facility: str
    month: str
    arrived: int  # parcels whose first arrival anywhere was at this facility that month
    random_exams: int  # parcels examined at random (latest record), that month


def holds_by_month(db: Database, since: str, until: str) -> list[HoldMonth]:
    """Holds targeted per facility and month, and how many were examined within 2 days."""
    with db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT facility, targeted_on, status, examined_at FROM rm_holds "
            "WHERE targeted_on >= ? AND targeted_on < ?",
            (since[:10], until[:10]),
        )
    found: dict[tuple[str, str], list[int]] = {}
    for facility, targeted_on, status, examined_at in rows:
        n = found.setdefault((facility, targeted_on[:7]), [0, 0])
        n[0] += 1
        n[1] += status == "examined" and _within_days(targeted_on, examined_at, 2)
    return [HoldMonth(f, m, *n) for (f, m), n in sorted(found.items())]


def facility_months(db: Database, since: str, until: str) -> list[FacilityMonth]:
    """Arrivals and random exams per facility and month (what the random exam rate needs)."""
    with db.tx(write=False) as tx:
        arrived = tx.rows(
            "SELECT d.facility, substr(d.day, 1, 7), sum(d.arrived) " + _ARRIVAL_DAYS
            + " GROUP BY d.facility, substr(d.day, 1, 7) HAVING sum(d.arrived) > 0",
            (since[:10], until[:10]),
        )  # fmt: skip
        random = tx.rows(
            "SELECT i.facility, substr(i.at, 1, 7), count(*) " + _LATEST
            + " AND i.selection = 'random' GROUP BY i.facility, substr(i.at, 1, 7)",
            (since, until, until),
        )  # fmt: skip
    found: dict[tuple[str, str], list[int]] = {}
    for facility, month, n in arrived:
        found.setdefault((facility, month), [0, 0])[0] = int(n)
    for facility, month, n in random:
        found.setdefault((facility, month), [0, 0])[1] = int(n)
    return [FacilityMonth(f, m, *n) for (f, m), n in sorted(found.items())]


@dataclass(frozen=True, slots=True)
class Target:
    metric: str
    scope: str
    target: float
    set_at: str
    set_by: str


def targets(db: Database) -> list[Target]:
    with db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT metric, scope, target, set_at, set_by FROM targets ORDER BY metric, scope"
        )
    return [Target(r[0], r[1], float(r[2]), r[3], r[4]) for r in rows]


def set_target(db: Database, metric: str, scope: str, target: float, by: str) -> None:
    """Set (or replace) one target."""
    with db.tx() as tx:
        tx.run(
            "INSERT INTO targets (metric, scope, target, set_at, set_by) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (metric, scope) DO UPDATE SET target = excluded.target, "
            "set_at = excluded.set_at, set_by = excluded.set_by",
            (metric, scope, target, utc_now_iso(), by),
        )


def drop_target(db: Database, metric: str, scope: str) -> bool:
    with db.tx() as tx:
        return tx.run("DELETE FROM targets WHERE metric = ? AND scope = ?", (metric, scope)) > 0
