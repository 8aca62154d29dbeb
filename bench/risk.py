"""Benchmark: risk assessment on a stored database, as the bench and a rescore do it. JSON.

Single assessments include every store look-up a scan needs (the AED item, seizure links,
sender and addressee volume, watchlist, known shippers); the rescore walks every current item
and stores the parcels it does not clear (the worklist, its audit row and HQ event), all inside
`seconds`.

    python bench/risk.py --db PATH [--lookups 5000] [--no-rescore]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time

from parcelbench.services.risk import active_engine, assess, rescore
from parcelbench.store import Store
from parcelbench.store.aed import sample_item_ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--lookups", type=int, default=5000)
    parser.add_argument("--no-rescore", action="store_true")
    args = parser.parse_args()
    out: dict[str, object] = {}
    with Store(args.db) as store:
        engine = active_engine(store)
        ids = sample_item_ids(store.conn, args.lookups, seed=3)
        random.Random(3).shuffle(ids)
        times = []
        for item_id in ids:
            started = time.perf_counter()
            assess(store, engine, item_id)
            times.append((time.perf_counter() - started) * 1e3)
        times.sort()
        out["rulepack"] = engine.rulepack
        out["single"] = {
            "assessments": len(times),
            "p50_ms": round(statistics.median(times), 3),
            "p99_ms": round(times[int(0.99 * (len(times) - 1))], 3),
        }
        if not args.no_rescore:
            started = time.perf_counter()
            run = rescore(store, engine, actor="bench")
            seconds = time.perf_counter() - started
            out["rescore"] = {
                "items": run.items,
                "seconds": round(seconds, 1),
                "per_s": round(run.items / seconds),
                "levels": run.levels,
                "stored": run.levels["examine"] + run.levels["detain"],
            }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
