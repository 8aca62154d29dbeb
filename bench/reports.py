"""Benchmark: the seizure report (6 photos) and the operation summary over N inspections. JSON.

The data is built with the store's own write paths: AED imported from a generated batch, each
parcel assessed by the active rule pack, every inspection recorded through `record_inspection`
/ `record_outcome` (audit row and outbox event included) and photos through `attach_photo`.
Building is not timed; the database is kept under --workdir and reused by later runs.
Timed: the services the CLI and the window call, medians of --runs runs.

    python bench/reports.py [--inspections 100000] [--runs 5] [--workdir /tmp/pb-bench-reports]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from parcelbench.aed.demo import generate_labelled
from parcelbench.aed.importer import import_file
from parcelbench.aed.writers import write
from parcelbench.domain.pins import hash_pin
from parcelbench.domain.records import Inspection, Officer, Outcome, Role, Seizure
from parcelbench.services import seizures, summaries
from parcelbench.services.risk import active_engine, risk_snapshot
from parcelbench.store import Store
from parcelbench.store.aed import iter_current
from parcelbench.store.evidence import attach_photo, record_inspection, record_outcome
from parcelbench.store.history import StoreHistory
from parcelbench.store.officers import save_officer

START = datetime(2026, 11, 2, tzinfo=UTC)
BLITZ_ORIGIN = "CN"
CATEGORY_OF = {
    "precursor": "precursor_chemicals",
    "fentanyl": "narcotics",
    "pill_press": "pill_press",
    "counterfeit": "counterfeit",
}


def account(store: Store, badge: str, name: str, role: Role | str, pin: str) -> Officer:
    """A measuring account, written as HQ's feed writes accounts (no supervisor signs in)."""
    officer = Officer(badge, name, Role(role), hash_pin(pin))
    save_officer(store, officer, actor="bench")
    return officer


def _photo(seed: int) -> bytes:
    """A 1280×720 JPEG like a bench camera's (noise, so it does not compress to nothing)."""
    import io

    from PIL import Image

    rng = random.Random(seed)
    image = Image.frombytes("RGB", (1280, 720), rng.randbytes(1280 * 720 * 3))
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=70)
    return buf.getvalue()


def build(db: Path, n: int, n_items: int) -> str:
    """The bench database with `n` inspections; returns the number of a seizure with 6 photos."""
    stamp = db.with_suffix(".ready")
    if stamp.exists():
        return stamp.read_text().strip()
    db.unlink(missing_ok=True)
    rng = random.Random(6)
    batch = db.with_suffix(".jsonl")
    labels: dict[str, tuple[str, ...]] = {}
    with batch.open("w", encoding="utf-8") as fh:
        items = []
        for item, label in generate_labelled(n_items, seed=6, suspicious_rate=0.08):
            labels[item["item_id"]] = label.suspicious
            items.append(item)
        write("jsonl", items, fh)
    with Store(db) as store:
        store.conn.execute("PRAGMA synchronous = OFF")  # building only; not what is timed
        import_file(store, batch, actor="bench")
        officer = account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
        account(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574")
        engine = active_engine(store)
        history = StoreHistory(store.conn, snapshot=True)
        sequence = 0
        first_seizure = ""
        for k, item in enumerate(list(iter_current(store.conn))):
            if k == n:
                break  # every parcel of the blitz up to n is examined
            assessment = engine.assess(item.item_id, item, history=history)
            # a blitz on one origin: every flagged or CN-origin parcel is a targeted exam, the
            # rest are examined at random (the baseline)
            targeted = str(assessment.level) != "clear" or item.sender.country == BLITZ_ORIGIN
            truth = labels.get(item.item_id, ())
            at = (START + timedelta(seconds=k * 11)).isoformat(timespec="milliseconds")
            at = at.replace("+00:00", "Z")
            inspection_uuid = str(uuid.UUID(int=rng.getrandbits(128)))
            kind = next((CATEGORY_OF[t] for t in truth if t in CATEGORY_OF), None)
            outcome = (
                Outcome.SEIZED
                if kind
                else (Outcome.RETURNED_TO_SENDER if truth else Outcome.RELEASED)
            )
            inspection = Inspection(
                inspection_uuid,
                item.item_id,
                outcome,
                officer.badge,
                at,
                targeted=targeted,
                reason="not admissible" if outcome is Outcome.RETURNED_TO_SENDER else None,
                noncompliance=(kind,) if kind else (("undeclared",) if truth else ()),
                aed_version=item.version,
                risk=risk_snapshot(assessment),
            )
            if kind is None:
                record_inspection(store, inspection)
                continue
            sequence += 1
            number = f"2027-4701-{sequence:06d}-01"
            seizure = Seizure(
                number,
                inspection_uuid,
                kind,
                f"{kind.replace('_', ' ')} found in parcel",
                1,
                "g",
                round(rng.uniform(0.5, 900), 2),
                at,
                "TruNarc",
                "positive",
                (f"EB-{sequence:06d}",),
            )
            record_outcome(store, inspection, [seizure])
            if not first_seizure:
                first_seizure = number
                for p in range(6):
                    attach_photo(
                        store,
                        inspection_uuid,
                        _photo(p),
                        actor=officer.badge,
                        caption=f"view {p + 1}",
                    )
    batch.unlink()
    stamp.write_text(first_seizure)
    return first_seizure


def _timed(fn, runs: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1e3)
    return {
        "median_ms": round(statistics.median(times), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", default="/tmp/pb-bench-reports")
    args = parser.parse_args()
    folder = Path(args.workdir)
    folder.mkdir(parents=True, exist_ok=True)
    items = args.inspections + args.inspections // 50  # ~1 % come twice (AED version 2)
    db = folder / f"reports-{args.inspections}.sqlite"
    started = time.perf_counter()
    number = build(db, args.inspections, items)
    built_s = time.perf_counter() - started
    out: dict[str, object] = {}
    with Store(db) as store:
        supervisor = store_officer(store)
        examined = store.conn.execute("SELECT count(*) FROM inspections").fetchone()[0]
        record = seizures.build_record(store, number)
        report = seizures.print_report(store, supervisor, number)
        out["seizure_report"] = {
            "seizure_number": number,
            "photos": len(record.photos),
            "pdf_bytes": len(report.pdf),
            **_timed(lambda: seizures.print_report(store, supervisor, number), args.runs),
        }
        scope = summaries.scope_for(store, since="2026-01-01", until="2027-12-31")
        data, done = summaries.pdf(store, supervisor, scope)
        out["operation_summary"] = {
            "inspections": done.summary.examined,
            "inspections_in_db": examined,
            "pdf_bytes": len(data),
            **_timed(lambda: summaries.pdf(store, supervisor, scope), args.runs),
        }
    out["build_s"] = round(built_s, 1)
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


def store_officer(store: Store):  # type: ignore[no-untyped-def]
    from parcelbench.store.officers import get_officer

    officer = get_officer(store.conn, "S2001")
    assert officer is not None
    return officer


if __name__ == "__main__":
    main()
