"""Soak: a compressed shift in one bench process, with memory, threads and file handles watched.

One `Desk` (the bench's one door, as the window's lanes use it) imports a demo AED file, then
takes `--scans` scans (`Desk.look_up` with `ScanEvent`s: ids with AED, valid ids without AED,
and a few unreadable payloads) and records `--inspections` inspections among them
(`Desk.decide`, every outcome, 1–2 photos with each seizure), with a sync round to a real
`parcelbench hq serve` on loopback every `--sync-every` inspections. A last round must leave
nothing pending and HQ must find the chain intact.

RSS (VmRSS), OS threads and open file descriptors of this process are sampled at the start
(after the AED import, the first desk and HQ are up), every 10 % of the scans and at the end,
after a `gc.collect()` each time (a cycle waiting for the collector is not a leak).

Pass/fail, over the SECOND half (the first half warms SQLite's page cache, capped at 16 MB per
connection, and Python's allocator pools, so it is allowed to grow):
- RSS may grow at most `--max-growth-mb` (default 20 MB). Steady state measured here is flat
  within a few MB; a leak of one photo's bytes per seizure (≥ 100 KB × ~250 seizures) or of
  one KB per scan (~25,000 scans) would each exceed it;
- file descriptors and threads must not grow at all.
Prints JSON; exits 1 on any problem.

    python bench/soak.py [--scans 50000] [--inspections 5000] [--sync-every 250]
                         [--aed-items 5000] [--seed 7] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p
)  # the HQ server process imports the same code

from tests.sync.hqproc import HqProcess  # noqa: E402

from parcelbench.aed.demo import generate  # noqa: E402
from parcelbench.aed.writers import write_jsonl  # noqa: E402
from parcelbench.domain.exam import Exam  # noqa: E402
from parcelbench.domain.pins import hash_pin  # noqa: E402
from parcelbench.domain.records import Officer, Outcome, Role  # noqa: E402
from parcelbench.domain.scan_event import ScanEvent  # noqa: E402
from parcelbench.domain.settings import HQ_KEY, HQ_TOKEN, HQ_URL  # noqa: E402
from parcelbench.hq.storage import open_database, repo  # noqa: E402
from parcelbench.hq.storage.keys import public_key  # noqa: E402
from parcelbench.ids import s10  # noqa: E402
from parcelbench.services.bench import Decision, Desk  # noqa: E402
from parcelbench.services.database import verify_audit  # noqa: E402
from parcelbench.services.outcomes import AGENCIES, SeizureDraft  # noqa: E402
from parcelbench.store import Store, settings  # noqa: E402
from parcelbench.store.officers import save_officer  # noqa: E402
from parcelbench.sync import sync_once  # noqa: E402

BADGE, PIN = "O1001", "83920417"
SOURCES = (("wedge", "code128"), ("manual", ""), ("camera:0", "qr"), ("search", ""))
OUTCOMES = (
    Outcome.RELEASED,
    Outcome.RELEASED,
    Outcome.RELEASED,
    Outcome.REFERRED,
    Outcome.DETAINED,
    Outcome.SEIZED,
    Outcome.RETURNED_TO_SENDER,
)


@dataclass(frozen=True, slots=True)
class Sample:
    """What this process holds at one point of the shift."""

    at_pct: int
    scans: int
    seconds: float
    rss_mb: float
    threads: int
    fds: int


#: A detention notice as 19 CFR 151.16(c) asks for it.
NOTICE = {
    "reason": "label and contents differ",
    "anticipated_length": "5 business days",
    "tests_pending": "laboratory analysis",
    "information_requested": "the invoice",
    "addressee": "",
    "notice_method": "none-yet",
}


def _exam(outcome: Outcome) -> Exam:
    """An exam the record accepts for any outcome: opened, findings said, a reason to return."""
    return Exam(
        methods=("visual",),
        findings="contents as declared" if outcome is Outcome.RELEASED else None,
        return_reason="prohibited" if outcome is Outcome.RETURNED_TO_SENDER else None,
        notice=NOTICE if outcome is Outcome.DETAINED else None,
    )


def _status(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def sample(at_pct: int, scans: int, started: float) -> Sample:
    gc.collect()
    return Sample(
        at_pct,
        scans,
        round(time.monotonic() - started, 1),
        round(_status("VmRSS") / 1024, 1),
        _status("Threads"),
        len(os.listdir("/proc/self/fd")),
    )


def slope_mb_per_10k(points: list[Sample]) -> float:
    """Least-squares slope of RSS against scans, in MB per 10,000 scans."""
    if len(points) < 2:
        return 0.0
    xs = [p.scans for p in points]
    ys = [p.rss_mb for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return (
        0.0
        if den == 0
        else sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den * 1e4
    )


def _photo(rng: random.Random) -> bytes:
    """JPEG-framed random bytes the size of a compressed phone photo."""
    return b"\xff\xd8\xff\xe0" + rng.randbytes(rng.randint(100_000, 300_000)) + b"\xff\xd9"


def _enroll(work: Path, hq_url: str, hq_db_url: str) -> Path:
    """A bench database enrolled with the HQ (token and pinned key saved as its settings)."""
    hq_db = open_database(hq_db_url)
    try:
        _, token = repo.enroll(hq_db, "soak-bench", "JFK")
        key = public_key(hq_db)
    finally:
        hq_db.close()
    db = work / "bench.sqlite"
    with Store(db) as store:
        settings.save(store, {HQ_URL: hq_url, HQ_TOKEN: token, HQ_KEY: key})
        save_officer(
            store, Officer(BADGE, "Kim Nguyen", Role.OFFICER, hash_pin(PIN)), actor="setup"
        )
    return db


def _decision(item_id: str, rng: random.Random) -> Decision:
    outcome = rng.choice(OUTCOMES)
    seized = outcome is Outcome.SEIZED
    return Decision(
        item_id,
        outcome,
        agency=rng.choice(AGENCIES) if outcome is Outcome.REFERRED else None,
        reason="contents differ from the declaration" if outcome is Outcome.DETAINED else None,
        seizure=SeizureDraft("counterfeit", "watches", rng.randint(1, 20), "pieces", 250.0)
        if seized
        else None,
        photos=tuple(_photo(rng) for _ in range(rng.randint(1, 2))) if seized else (),
        selection="risk_rule",
        exam=_exam(outcome),
    )


def soak(
    work: Path,
    *,
    scans: int,
    inspections: int,
    sync_every: int,
    aed_items: int,
    seed: int,
    max_growth_mb: float,
) -> dict[str, Any]:
    rng = random.Random(seed)
    hq_db_url = f"sqlite:///{work / 'hq.db'}"
    open_database(hq_db_url).close()  # HQ's schema, before the server and the enrollment
    hq = HqProcess(hq_db_url, work / "hq.log").start()
    problems: list[str] = []
    try:
        db = _enroll(work, hq.url, hq_db_url)
        aed = work / "aed.jsonl"
        with aed.open("w", encoding="utf-8") as out:
            write_jsonl(generate(aed_items, seed=seed), out)
        with_aed = sorted({json.loads(line)["item_id"] for line in aed.open(encoding="utf-8")})
        without = [s10.make("RR", f"{n:08d}", "US") for n in range(10_000_000, 10_002_000)]
        desk = Desk.open(db)
        try:
            officer = desk.authenticate(BADGE, PIN)
            desk.import_aed([aed], actor=officer.badge)
            started = time.monotonic()
            samples = [sample(0, 0, started)]
            done = rounds = photos = looked = 0
            synced = {"events": 0, "photos": 0}
            next_pct = 10
            for n in range(1, scans + 1):
                roll = rng.random()
                if roll < 0.02:
                    raw = rng.choice(("http://x.example/a", "12345", "", "RR12345", "\x00?"))
                else:
                    raw = rng.choice(with_aed if roll < 0.8 else without)
                source, symbology = rng.choice(SOURCES)
                view = desk.look_up(ScanEvent.of(raw, source, symbology), officer=officer.badge)
                looked += view.assessment is not None
                if done < inspections and n * inspections // scans > done:
                    item_id = view.parsed.normalized if view.parsed.valid else rng.choice(without)
                    recorded = desk.decide(officer, _decision(item_id, rng))
                    photos += len(recorded.photos)
                    done += 1
                    if done % sync_every == 0:
                        report = sync_once(desk.store)
                        rounds += 1
                        synced["events"] += report.acknowledged
                        synced["photos"] += report.blobs
                if n * 100 >= next_pct * scans:
                    samples.append(sample(next_pct, n, started))
                    next_pct += 10
            last = sync_once(desk.store)
            rounds += 1
            synced["events"] += last.acknowledged
            synced["photos"] += last.blobs
            seconds = time.monotonic() - started
            end = sample(100, scans, started)
            if last.pending or last.parked or last.chain_ok is not True:
                problems.append(f"last sync round left work or a bad chain: {last.to_json()}")
            chain = verify_audit(desk.store)
            if not chain.ok:
                problems.append(f"audit chain broken at {chain.first_bad_seq}: {chain.reason}")
        finally:
            desk.close()
    finally:
        hq.stop()

    mid = next(s for s in samples if s.at_pct >= 50)
    second_half = [s for s in samples if s.at_pct >= 50] + [end]
    growth = round(end.rss_mb - mid.rss_mb, 1)
    if growth > max_growth_mb:
        problems.append(f"RSS grew {growth} MB over the second half (limit {max_growth_mb} MB)")
    if end.fds > mid.fds:
        problems.append(f"open file descriptors grew over the second half: {mid.fds} → {end.fds}")
    if end.threads > mid.threads:
        problems.append(f"threads grew over the second half: {mid.threads} → {end.threads}")
    start = samples[0]
    return {
        "scans": scans,
        "looked_up": looked,
        "inspections": done,
        "photos": photos,
        "sync_rounds": rounds,
        "synced": synced,
        "duration_s": round(seconds, 1),
        "scans_per_s": round(scans / seconds),
        "rss_mb": {
            "start": start.rss_mb,
            "mid": mid.rss_mb,
            "end": end.rss_mb,
            "max": max(s.rss_mb for s in [*samples, end]),
            "second_half_growth": growth,
            "second_half_slope_per_10k_scans": round(slope_mb_per_10k(second_half), 2),
            "limit": max_growth_mb,
        },
        "fds": {"start": start.fds, "end": end.fds, "max": max(s.fds for s in [*samples, end])},
        "threads": {
            "start": start.threads,
            "end": end.threads,
            "max": max(s.threads for s in [*samples, end]),
        },
        "samples": [asdict(s) for s in [*samples, end]],
        "problems": problems,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=50_000)
    parser.add_argument("--inspections", type=int, default=5_000)
    parser.add_argument("--sync-every", type=int, default=250, help="inspections per round")
    parser.add_argument("--aed-items", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-growth-mb", type=float, default=20.0)
    parser.add_argument("--workdir", help="keep the files here (default: a temp dir)")
    args = parser.parse_args()
    if args.inspections > args.scans:
        raise SystemExit("--inspections must not exceed --scans (one inspection per scan)")
    options = {
        "scans": args.scans,
        "inspections": args.inspections,
        "sync_every": max(1, args.sync_every),
        "aed_items": args.aed_items,
        "seed": args.seed,
        "max_growth_mb": args.max_growth_mb,
    }
    if args.workdir:
        work = Path(args.workdir)
        work.mkdir(parents=True, exist_ok=True)
        out = soak(work, **options)  # type: ignore[arg-type]
    else:
        with tempfile.TemporaryDirectory(prefix="pb-soak-") as tmp:
            out = soak(Path(tmp), **options)  # type: ignore[arg-type]
    print(json.dumps(out, indent=2))
    sys.exit(1 if out["problems"] else 0)


if __name__ == "__main__":
    main()
