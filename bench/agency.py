"""Benchmark: an agency's compressed month at one HQ on PostgreSQL. Prints JSON.

F facilities with B benches each (default 5 × 10) are enrolled at a real `parcelbench hq serve`
on a durable throwaway PostgreSQL cluster. HQ publishes each facility's targeting list and every
bench pulls it. Then each bench works its share of the month offline (not timed): every
examined parcel goes through the bench's own door (`Desk.look_up`, `Desk.decide`: the scan with
what it knew of the AED, the assessment, the hold located and examined, the selection reason,
seizure lines numbered with the bench's segment, the seized parcel's parties marked); every other
parcel is a scan with what it knew of its AED (`store.scans.record_scan`). Bench files are
written with `synchronous = OFF` only to make the month in minutes; the timed part does not
write them much.

Timed: every bench syncs at once, each in its own process (benches are separate PCs):
- ingest: evidence events and arrivals per second in aggregate (target ≥ 20,000 events/s);
- HQ's answer time per request as the benches saw it, p50/p99/max by route;
- read models: written in the ingest transaction (no lag by construction); checked equal to the
  log and the benches after the round, and `hq rebuild` (from the log) timed;
- `hq stats` (in process and as the command) and the HQ page on that data, p50/p99 over
  `--runs` (target ≤ 1 s); and the same stats on the figures with twice the arrivals, to show
  how they grow.

    python bench/agency.py [--facilities 5] [--benches 10] [--scans 1000000]
        [--inspections 100000] [--seizures 2000] [--runs 20] [--workdir DIR]

The server and cluster helpers are the ones the tests use (tests/sync/hqproc.py).
"""

from __future__ import annotations

import argparse
import base64
import json
import multiprocessing as mp
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.accounts import account  # noqa: E402
from tests.sync.conftest import enrolled_desk  # noqa: E402
from tests.sync.hqproc import HqProcess, PgCluster, cli  # noqa: E402

from parcelbench.aed.demo import generate  # noqa: E402
from parcelbench.aed.importer import import_files  # noqa: E402
from parcelbench.domain.arrival import AedAtScan  # noqa: E402
from parcelbench.domain.exam import Exam, FieldTest  # noqa: E402
from parcelbench.domain.records import Outcome, Role, Scan  # noqa: E402
from parcelbench.domain.scan_event import ScanEvent  # noqa: E402
from parcelbench.hq.publish import publish_file  # noqa: E402
from parcelbench.hq.stats import stats  # noqa: E402
from parcelbench.hq.storage import open_database, read_models, repo  # noqa: E402
from parcelbench.ids.s10 import make  # noqa: E402
from parcelbench.services.bench import Decision, Desk  # noqa: E402
from parcelbench.services.outcomes import OutcomeError, SeizureDraft  # noqa: E402
from parcelbench.store import Store  # noqa: E402
from parcelbench.store.scans import record_scan  # noqa: E402
from parcelbench.sync import sync_once  # noqa: E402
from parcelbench.sync.engine import client_for  # noqa: E402
from parcelbench.sync.transport import HqClient  # noqa: E402

FACILITIES = [
    ("JFK", "4701"),
    ("ORD", "3901"),
    ("LAX", "2720"),
    ("MIA", "5206"),
    ("SFO", "2801"),
    ("CHI", "3902"),
    ("SEA", "3001"),
    ("NYC", "1001"),
]
#: Origin posts and the share of a facility's arrivals from each.
ORIGINS = [
    ("CN", 0.45),
    ("HK", 0.10),
    ("GB", 0.08),
    ("DE", 0.08),
    ("CA", 0.07),
    ("IN", 0.06),
    ("NL", 0.05),
    ("MX", 0.05),
    ("FR", 0.03),
    ("JP", 0.03),
]
#: (selection, methods, share of exams): the random draw makes the baseline.
SELECTIONS = [
    ("random", ("visual",), 0.10),
    ("risk_rule", ("visual",), 0.50),
    ("k9_alert", ("k9", "visual"), 0.10),
    ("xray_anomaly", ("xray", "visual"), 0.15),
    ("officer_discretion", ("visual",), 0.15),
]
POWDER = SeizureDraft(
    "narcotics", "white powder", 1, "g", 20.0, "raman", "positive", substance="fentanyl"
)
OFFICER, PIN = "O1001", "40718253"


@dataclass
class BenchPlan:
    """One bench's month: where it is, what it scans and examines."""

    path: Path
    name: str
    facility: str
    seed: int
    scans: int
    aed_file: Path  # the AED of the parcels it examines (its share of the facility's feed)
    exam_items: list[str]
    seizures: int
    holds: list[str] = field(default_factory=list)  # held parcels that arrive at this bench


def _pick(rng: random.Random, table: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    x, total = rng.random(), 0.0
    for row in table:
        total += row[-1]
        if x < total:
            return row
    return table[-1]


def _demo_aed(items: int) -> list[dict[str, Any]]:
    """The examined parcels' AED: the project's own demo generator (varied parties, origins,
    and its share of suspicious items for the rules)."""
    return list(generate(items, 11))


def _release_or_refer(desk: Desk, officer: Any, item: str, selection: str, exam: Exam) -> None:
    """A release with what the exam found; where the rules flagged a critical indicator a
    release needs a supervisor's override, so the parcel goes to HSI instead."""
    try:
        desk.decide(
            officer,
            Decision(
                item,
                Outcome.RELEASED,
                selection=selection,
                exam=Exam(methods=exam.methods, findings="nothing found"),
            ),
        )
    except OutcomeError:
        desk.decide(
            officer,
            Decision(
                item,
                Outcome.REFERRED,
                agency="HSI",
                reason="critical flag",
                selection=selection,
                exam=exam,
            ),
        )


def work_month(plan: BenchPlan) -> dict[str, Any]:
    """The bench's month offline, through its own door; counts of what it wrote."""
    rng = random.Random(plan.seed)
    desk = Desk.open(plan.path)
    desk.store.conn.execute("PRAGMA synchronous = OFF")  # generation speed only (see top)
    officer = account(desk.store, OFFICER, "Ana Ruiz", Role.OFFICER, PIN)
    import_files(desk.store, [plan.aed_file])
    start = datetime.now(UTC) - timedelta(days=29)
    step = timedelta(days=29) / max(plan.scans, 1)
    examined = set(plan.exam_items)
    seized = set(rng.sample(plan.exam_items, plan.seizures))
    randoms: list[str] = []
    exams = 0
    for item in plan.holds + plan.exam_items:
        desk.look_up(ScanEvent.of(item, "camera", "QRCode"), officer=OFFICER)
        if item in plan.holds:
            selection, methods = "targeting_list", ("xray", "visual")
        else:
            selection, methods = _pick(rng, SELECTIONS)[:2]
        exam = Exam(methods=methods)
        if selection == "random":
            randoms.append(item)
        if item in seized:
            tested = Exam(
                methods=(*methods, "field_test"),
                field_tests=(FieldTest("raman", "positive", "fentanyl"),),
            )
            desk.decide(
                officer,
                Decision(item, Outcome.SEIZED, selection=selection, exam=tested, seizure=POWDER),
            )
        elif rng.random() < (0.01 if selection == "random" else 0.04):
            desk.decide(
                officer,
                Decision(
                    item,
                    Outcome.REFERRED,
                    agency="USPIS",
                    reason="sender linked",
                    selection=selection,
                    exam=exam,
                ),
            )
        else:
            _release_or_refer(desk, officer, item, selection, exam)
        exams += 1
    others = plan.scans - len(examined) - len(plan.holds)
    origins = [o for o, _ in ORIGINS]
    weights = [w for _, w in ORIGINS]
    base = plan.seed * 10_000_000
    for n in range(others):
        country = rng.choices(origins, weights)[0]
        item = make(
            rng.choice(("LX", "RR", "CP", "EE", "UA")), f"{(base + n) % 10**8:08d}", country
        )
        present = rng.random() < (0.92 if country in ("CN", "HK", "GB", "DE", "CA") else 0.7)
        on_time = present and rng.random() < 0.8
        record_scan(
            desk.store,
            Scan(
                raw=item,
                item_id=item,
                kind="s10",
                valid=True,
                source="camera",
                symbology="Code128",
                at=(start + step * n).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                officer_badge=OFFICER,
                aed=AedAtScan(
                    present, on_time, round(rng.uniform(0.5, 1.0), 3) if present else None
                ),
            ),
        )
    outbox = desk.store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
    scans = desk.store.conn.execute("SELECT count(*) FROM scans").fetchone()[0]
    numbers = [r[0] for r in desk.store.conn.execute("SELECT seizure_number FROM seizures")]
    desk.close()
    return {
        "bench": plan.name,
        "exams": exams,
        "scans": scans,
        "events": outbox,
        "seizure_numbers": numbers,
        "random": len(randoms),
    }


class TimedClient(HqClient):
    """The bench's own HQ client, keeping how long HQ took to answer each call."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.times: list[tuple[str, float]] = []

    def request(self, method: str, path: str, **kw: Any) -> Any:
        started = time.perf_counter()
        try:
            return super().request(method, path, **kw)
        finally:
            route = f"{method} {path.split('?')[0]}"
            self.times.append((route, time.perf_counter() - started))


def _sync_bench(path: Path, go: Any, out: Any) -> None:
    """One bench's sync at the start signal: rounds until nothing is pending."""
    store = Store(path)
    plain = client_for(store)
    client = TimedClient(plain.url, plain.token, plain.cafile, 120.0)
    go.wait()
    started = time.perf_counter()
    rounds, acked, arrivals, pulled = 0, 0, 0, 0
    while True:
        report = sync_once(store, client)
        rounds += 1
        acked, arrivals, pulled = (
            acked + report.acknowledged,
            arrivals + report.arrivals,
            pulled + report.pulled,
        )
        if report.pending == 0 or rounds >= 5:
            break
    out.put(
        {
            "path": str(path),
            "seconds": time.perf_counter() - started,
            "finished": time.time(),
            "acknowledged": acked,
            "arrivals": arrivals,
            "pulled": pulled,
            "pending": report.pending,
            "parked": report.parked,
            "times": client.times,
        }
    )
    store.close()


def _quantiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {}

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {
        "n": len(ordered),
        "p50_ms": round(at(0.5) * 1000, 1),
        "p99_ms": round(at(0.99) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def _timed(fn: Any, runs: int) -> dict[str, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return _quantiles(times)


def _page(url: str, key: str) -> None:
    auth = base64.b64encode(f"analyst:{key}".encode()).decode()
    req = urllib.request.Request(url + "/", headers={"Authorization": f"Basic {auth}"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(req, timeout=60) as response:
        assert response.status == 200 and b"<canvas" in response.read()


def plan_agency(args: argparse.Namespace, work: Path, db_url: str, url: str) -> list[BenchPlan]:
    """Enroll the benches, publish each facility's holds and let every bench pull them."""
    n_benches = args.facilities * args.benches
    per_bench_exams = args.inspections // n_benches
    demo = _demo_aed(args.inspections)
    db = open_database(db_url)
    plans: list[BenchPlan] = []
    today = datetime.now(UTC).date()
    for f, (code, port) in enumerate(FACILITIES[: args.facilities]):
        facility_plans = []
        for b in range(args.benches):
            k = f * args.benches + b
            items = demo[k * per_bench_exams : (k + 1) * per_bench_exams]
            aed = work / f"{code.lower()}-{b + 1}.jsonl"
            aed.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
            path = work / f"{code.lower()}-{b + 1}.db"
            desk = enrolled_desk(db, url, path, f"{code.lower()}-{b + 1}", code, port)
            desk.close()
            ids = [i["item_id"] for i in items]
            facility_plans.append(
                BenchPlan(
                    path,
                    f"{code.lower()}-{b + 1}",
                    code,
                    1000 + k,
                    args.scans // n_benches,
                    aed,
                    ids,
                    -(-args.seizures // n_benches),
                )
            )
        # the facility's targeting list: 40 parcels per bench, 3 in 4 of them arrive
        holds = [make("LX", f"{(f * 10**6 + n):08d}", "CN") for n in range(40 * args.benches)]
        listed = work / f"{code.lower()}-holds.csv"
        listed.write_text(
            "item_id,reason,source,targeted_on\n"
            + "".join(f"{h},sender linked to a seizure,HQ targeting,{today}\n" for h in holds)
        )
        publish_file(db, "holds", listed, facility=code)
        arriving = holds[: len(holds) * 3 // 4]
        for n, plan in enumerate(facility_plans):
            plan.holds = arriving[n :: len(facility_plans)]
        plans += facility_plans
    db.close()
    for plan in plans:  # the first round: each bench pulls its facility's holds
        with Store(plan.path) as store:
            sync_once(store)
    return plans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facilities", type=int, default=5)
    parser.add_argument("--benches", type=int, default=10, help="benches per facility")
    parser.add_argument("--scans", type=int, default=1_000_000)
    parser.add_argument("--inspections", type=int, default=100_000)
    parser.add_argument("--seizures", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--hq-workers", type=int, default=1, help="hq serve --workers N")
    parser.add_argument("--workdir", help="keep files here (default: a temp dir)")
    args = parser.parse_args()
    out: dict[str, Any] = {"agency": vars(args) | {"storage": "postgresql (durable)"}}
    with tempfile.TemporaryDirectory(prefix="pb-agency-") as tmp:
        work = Path(args.workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        for old in work.glob("*.db*"):  # benches of an earlier run enrolled at another HQ
            old.unlink()
        cluster = PgCluster(Path(tempfile.mkdtemp(prefix="pb-agency-pg-")), durable=True).start()
        server: HqProcess | None = None
        try:
            db_url = cluster.new_database()
            server = HqProcess(db_url, work / "hq.log", workers=args.hq_workers).start()
            started = time.perf_counter()
            plans = plan_agency(args, work, db_url, server.url)
            db = open_database(db_url)
            key = repo.add_operator(db, "analyst")  # the page's operator
            db.close()
            out["setup_s"] = round(time.perf_counter() - started, 1)
            started = time.perf_counter()
            with mp.get_context("fork").Pool(2) as pool:
                made = pool.map(work_month, plans, chunksize=1)
            out["month_offline"] = {
                "generate_s": round(time.perf_counter() - started, 1),
                "benches": len(made),
                "facilities": args.facilities,
                "scans": sum(m["scans"] for m in made),
                "inspections": sum(m["exams"] for m in made),
                "random_exams": sum(m["random"] for m in made),
                "seizure_lines": sum(len(m["seizure_numbers"]) for m in made),
                "evidence_events": sum(m["events"] for m in made),
            }
            print(json.dumps(out["month_offline"]), file=sys.stderr)
            assert server.proc is not None
            out["sync"] = sync_all(plans, made, db_url, server.proc.pid)
            print(json.dumps({"sync": out["sync"]}), file=sys.stderr)
            db = open_database(db_url)
            out["queries"] = measure_queries(db, db_url, server.url, args.runs, key)
            print(json.dumps({"queries": out["queries"]}), file=sys.stderr)
            out["hq"] = check_hq(db, plans, made)
            db.close()
        finally:
            if server is not None:
                server.stop()
            cluster.stop()
            shutil.rmtree(cluster.root, ignore_errors=True)
    print(json.dumps(out, indent=2))


#: One snapshot: inspections in the log, in the query table, seizures likewise. Equal pairs at
#: every sample mean the figures never lag the log.
LAG_PROBE = (
    "SELECT (SELECT count(*) FROM events WHERE kind = 'inspection.recorded'), "
    "(SELECT count(*) FROM rm_inspections), "
    "(SELECT count(*) FROM events WHERE kind = 'seizure.recorded'), "
    "(SELECT count(*) FROM rm_seizures)"
)


def _probe_lag(db_url: str, stop: threading.Event, samples: list[int]) -> None:
    """While the benches sync: how far the query tables are behind the log, once a second."""
    db = open_database(db_url)
    try:
        while not stop.wait(1.0):
            with db.tx(write=False) as tx:
                row = tx.one(LAG_PROBE)
            assert row is not None
            samples.append(int(row[0]) - int(row[1]) + int(row[2]) - int(row[3]))
    finally:
        db.close()


def _cpu_seconds(pids: list[int], *, reaped: bool = False) -> float:
    """User + system CPU of these live processes (with `reaped`, also of the children each
    has waited for: a postmaster's ended backends)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
        if reaped:
            total += int(fields[13]) + int(fields[14])  # cutime, cstime
    return total / tick


def _tree(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [pid, *(int(p) for p in found.split())]


def _postgres() -> list[int]:
    found = subprocess.run(["pgrep", "-u", "postgres"], capture_output=True, text=True).stdout
    return [int(p) for p in found.split()]


def _usage(hq_pid: int) -> dict[str, float]:
    """CPU seconds so far: HQ (its workers included), PostgreSQL, this process's reaped
    children (the benches, once joined)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "hq": _cpu_seconds(_tree(hq_pid)),
        "postgresql": _cpu_seconds(_postgres(), reaped=True),
        "benches": children.ru_utime + children.ru_stime,
    }


def sync_all(
    plans: list[BenchPlan], made: list[dict[str, Any]], db_url: str, hq_pid: int
) -> dict[str, Any]:
    """Every bench syncs at once; aggregate rates, HQ's answer times, the query tables' lag."""
    ctx = mp.get_context("fork")
    go, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_sync_bench, args=(p.path, go, results)) for p in plans]
    for p in procs:
        p.start()
    time.sleep(3)  # every bench opened its store and client
    lag: list[int] = []
    stop = threading.Event()
    probe = threading.Thread(target=_probe_lag, args=(db_url, stop, lag))
    before = _usage(hq_pid)
    wall0 = time.time()
    go.set()
    probe.start()
    done = [results.get(timeout=3600) for _ in procs]
    stop.set()
    probe.join()
    for p in procs:
        p.join()
    after = _usage(hq_pid)
    cpu = {k: round(after[k] - before[k], 1) for k in before}
    wall = max(d["finished"] for d in done) - wall0
    by_route: dict[str, list[float]] = defaultdict(list)
    for d in done:
        for route, seconds in d["times"]:
            by_route[route].append(seconds)
    events = sum(d["acknowledged"] for d in done)
    arrivals = sum(d["arrivals"] for d in done)
    return {
        "benches": len(done),
        "wall_s": round(wall, 1),
        "evidence_events": events,
        "arrivals": arrivals,
        "feed_items_pulled": sum(d["pulled"] for d in done),
        "evidence_events_per_s": round(events / wall),
        "arrivals_per_s": round(arrivals / wall),
        "all_per_s": round((events + arrivals) / wall),
        "target_20k_events_per_s": (events + arrivals) / wall >= 20_000,
        "bench_round_s": _quantiles([d["seconds"] for d in done]),
        "pending_after": sum(d["pending"] for d in done),
        "parked_after": sum(d["parked"] for d in done),
        "hq_answer": {route: _quantiles(t) for route, t in sorted(by_route.items())},
        "hq_answer_all": _quantiles([t for ts in by_route.values() for t in ts]),
        "read_model_lag_rows": {"samples": len(lag), "max": max(lag, default=0)},
        "cpu_s": cpu,
        # what HQ and its database spent per thousand items taken in, and so the rate two
        # cores given to them alone would reach (the benches are other machines in service)
        "hq_and_db_cpu_ms_per_1000": round(
            1e6 * (cpu["hq"] + cpu["postgresql"]) / max(events + arrivals, 1)
        ),
        "items_per_s_on_2_cores_for_hq_and_db": round(
            2 * (events + arrivals) / max(cpu["hq"] + cpu["postgresql"], 0.001)
        ),
    }


def check_hq(db: Any, plans: list[BenchPlan], made: list[dict[str, Any]]) -> dict[str, Any]:
    """HQ's read models against the log and the benches; the rebuild from the log, timed."""
    with db.tx() as tx:
        before = read_models.counts(tx)
        logged = dict(tx.rows("SELECT kind, count(*) FROM events GROUP BY kind"))
        numbers = [r[0] for r in tx.rows("SELECT seizure_number FROM rm_seizures")]
        sizes = {
            table: int((tx.one("SELECT pg_total_relation_size(?::regclass)", (table,)) or (0,))[0])
            for table in ("events", "audit_rows", "rm_arrivals", "rm_first_arrivals",
                          "rm_inspections", "rm_arrival_days", "feed", "turns")
        }  # fmt: skip
    local = [n for m in made for n in m["seizure_numbers"]]
    started = time.perf_counter()
    after = read_models.rebuild(db)
    rebuild_s = time.perf_counter() - started
    return {
        "read_models": before,
        "log_equal_benches": sum(logged.values()) == sum(m["events"] for m in made),
        "inspections_equal_log": before["rm_inspections"] == logged.get("inspection.recorded"),
        "seizures_equal_benches": sorted(numbers) == sorted(local),
        "seizure_numbers_unique": len(set(local)) == len(local),
        "arrivals_equal_scans": before["rm_arrivals"] == sum(m["scans"] for m in made),
        "events_by_kind": logged,
        "table_mb": {t: round(n / 1e6, 1) for t, n in sizes.items()},
        "rebuild_s": round(rebuild_s, 1),
        "rebuild_equal": {k: v for k, v in after.items() if k != "rm_arrivals"}
        == {k: v for k, v in before.items() if k != "rm_arrivals"},
    }


def measure_queries(db: Any, db_url: str, url: str, runs: int, key: str) -> dict[str, Any]:
    """`hq stats` and the page over the month, p50/p99."""
    today = datetime.now(UTC).date()
    month = (today - timedelta(days=29), today)
    in_process = _timed(lambda: stats(db, *month), runs)
    command = _timed(
        lambda: cli(
            "hq",
            "stats",
            "--from",
            str(month[0]),
            "--to",
            str(month[1]),
            "--json",
            "--db",
            db_url,
            timeout=120,
        ).check_returncode(),
        max(3, runs // 4),
    )
    page = _timed(lambda: _page(url, key), runs)
    figures = stats(db, *month)
    return {
        "stats_in_process": in_process,
        "stats_command": command,
        "page": page,
        "page_within_1_s": page["p99_ms"] <= 1000,
        "stats_within_1_s": in_process["p99_ms"] <= 1000,
        "noncompliance_rows": len(figures["noncompliance"]),
        "aed_compliance_rows": len(figures["aed_compliance"]),
        "seizures_listed": len(figures["seizures"]),
    }


if __name__ == "__main__":
    main()
