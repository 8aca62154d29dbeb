"""Benchmark: microseconds per `parcelbench.ids.parse` call, per kind of payload. Prints JSON."""

from __future__ import annotations

import argparse
import json
import statistics
import timeit

from parcelbench.ids import parse

PAYLOADS = {
    "s10": "RR473124829GB",
    "s10_spaced_lower": "rr 4731 2482 9 gb",
    "impb_gs1": "]C1420100233424\x1d9200190132607600833457",
    "impb_spaced": "9400 1112 0108 0805 4830 16",
    "unknown_url": "https://example.org/receptacle/USNYCAFRCDGAAUN60101",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--number", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    out = {}
    for name, payload in PAYLOADS.items():
        runs = timeit.repeat(lambda p=payload: parse(p), number=args.number, repeat=args.repeat)
        per_call = [r / args.number * 1e6 for r in runs]
        out[name] = {
            "median_us": round(statistics.median(per_call), 2),
            "min_us": round(min(per_call), 2),
        }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
