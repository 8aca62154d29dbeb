"""Benchmark: one risk assessment with the default rule pack, engine only (no store, no history).

Validates N demo items up front (not timed), compiles the default pack once, then times each
`RiskEngine.assess` call. Prints JSON: assessments, per second, p50 and p99 in microseconds.

    python bench/risk_engine.py [--items 20000] [--seed 2026]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from parcelbench.aed.demo import DEMO_SEED, generate
from parcelbench.aed.validate import validate_item
from parcelbench.domain.aed import AedItem
from parcelbench.risk.engine import RiskEngine, default_pack


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=DEMO_SEED)
    args = parser.parse_args()
    items = [
        item
        for i, data in enumerate(generate(args.items, args.seed))
        if isinstance(item := validate_item(data, file="demo", line=i + 1), AedItem)
    ]
    engine = RiskEngine(default_pack())
    for item in items[:200]:  # warm-up: first sight of each character fills the fold table
        engine.assess(item.item_id, item)
    timings: list[float] = []
    clock = time.perf_counter_ns
    for item in items:
        started = clock()
        engine.assess(item.item_id, item)
        timings.append((clock() - started) / 1000)
    total_s = sum(timings) / 1e6
    print(
        json.dumps(
            {
                "assessments": len(timings),
                "per_s": round(len(timings) / total_s),
                "p50_us": round(statistics.median(timings), 1),
                "p99_us": round(percentile(timings, 0.99), 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
