"""Benchmark: current-AED lookup by item id (`store.aed.get_current`), as the bench does per scan.

Picks N random stored ids (spread over the table) and times each full lookup: the item row, its
two parties and its content pieces. Prints JSON.

    python bench/aed_lookup.py --db PATH [--lookups 20000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time

from parcelbench.store import Store
from parcelbench.store.aed import get_current, sample_item_ids


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--lookups", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with Store(args.db) as store:
        ids = sample_item_ids(store.conn, args.lookups, seed=args.seed)
        if not ids:
            raise SystemExit("the database holds no AED items")
        random.Random(args.seed).shuffle(ids)
        timings: list[float] = []
        misses = 0
        for item_id in ids:
            started = time.perf_counter()
            found = get_current(store.conn, item_id)
            timings.append((time.perf_counter() - started) * 1e6)
            misses += found is None
    print(
        json.dumps(
            {
                "lookups": len(timings),
                "misses": misses,
                "p50_us": round(statistics.median(timings), 1),
                "p99_us": round(percentile(timings, 0.99), 1),
                "max_us": round(max(timings), 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
