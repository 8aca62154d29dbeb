"""Benchmark: AED search (`store.aed.search`, the window's Ctrl+Shift+F and `aed search`). JSON.

Words are picked from the database, deterministically: the current AED of `--sample` items
spread over the table (`sample_item_ids`) is split into words of four characters or more.
Common words are those held by the most sampled items (each found in many thousands of items
on a million). Rare ones, a third each: made-up words that match nothing; words held by exactly
one sampled item (an e-mail's name, a rare street), which match a few items at most; and common
words with two letters swapped, as typed in a hurry, which match nothing but are built of
common trigrams (the slowest kind for the index: every item holding all of them is checked).
Each word is one timed `search(conn, word, limit=50)`: the id-prefix lookup, the text search
and the hit rows, as the window asks for them.

    python bench/aed_search.py --db PATH [--queries 200] [--sample 2000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import string
import time
from collections import Counter

from parcelbench.domain.aed import AedItem
from parcelbench.store import Store
from parcelbench.store.aed import count_current, get_current, sample_item_ids, search

WORD = re.compile(r"\w{4,}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def texts(item: AedItem) -> list[str]:
    fields = [
        item.sender.name,
        item.sender.business,
        item.addressee.name,
        item.addressee.business,
        item.sender.street,
        item.addressee.street,
        item.sender.email,
        item.addressee.email,
        *(piece.description for piece in item.contents),
    ]
    return [f for f in fields if f]


def pick_words(store: Store, n: int, sample: int, seed: int) -> tuple[list[str], list[str], float]:
    """(common, rare) words, n of each, from the current AED of `sample` items, and the
    smallest share of the sampled items that holds a common word."""
    held: Counter[str] = Counter()
    sampled = 0
    for item_id in sample_item_ids(store.conn, sample, seed=seed):
        stored = get_current(store.conn, item_id)
        if stored is not None:
            sampled += 1
            held.update({w.lower() for t in texts(stored.item) for w in WORD.findall(t)})
    ranked = sorted(held.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    common = [w for w, _ in ranked]
    rng = random.Random(seed)
    once = sorted(w for w, count in held.items() if count == 1 and len(w) >= 6)
    rng.shuffle(once)
    typos = [t for w in common if (t := swapped(w)) not in held and t != w]
    made_up = ["".join(rng.choices(string.ascii_lowercase, k=7)) for _ in range(n)]
    third = n // 3
    rare = once[:third] + typos[:third]
    return common, rare + made_up[: n - len(rare)], ranked[-1][1] / max(sampled, 1)


def swapped(word: str) -> str:
    """The word with its two middle letters swapped ("street" -> "steret")."""
    i = len(word) // 2 - 1
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def timed(store: Store, words: list[str]) -> tuple[list[float], list[int]]:
    millis: list[float] = []
    hits: list[int] = []
    for word in words:
        started = time.perf_counter()
        found = search(store.conn, word, limit=50)
        millis.append((time.perf_counter() - started) * 1000)
        hits.append(len(found))
    return millis, hits


def summary(name: str, millis: list[float], hits: list[int]) -> dict[str, float | int]:
    return {
        f"{name}_queries": len(millis),
        f"{name}_p50_ms": round(statistics.median(millis), 2),
        f"{name}_p99_ms": round(percentile(millis, 0.99), 2),
        f"{name}_max_ms": round(max(millis), 2),
        f"{name}_hits_median": statistics.median(hits),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--queries", type=int, default=200, help="words of each kind")
    parser.add_argument("--sample", type=int, default=2000, help="items the words come from")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with Store(args.db, create=False) as store:
        items = count_current(store.conn)
        if not items:
            raise SystemExit("the database holds no AED items")
        common, rare, least_share = pick_words(store, args.queries, args.sample, args.seed)
        mixed = [(w, "common") for w in common] + [(w, "rare") for w in rare]
        random.Random(args.seed).shuffle(mixed)  # neither kind always runs on a warmer cache
        millis, hits = timed(store, [w for w, _ in mixed])
    by_kind: dict[str, tuple[list[float], list[int]]] = {"rare": ([], []), "common": ([], [])}
    for (_, kind), ms, n in zip(mixed, millis, hits, strict=True):
        by_kind[kind][0].append(ms)
        by_kind[kind][1].append(n)
    print(
        json.dumps(
            {
                "items": items,
                **summary("rare", *by_kind["rare"]),
                **summary("common", *by_kind["common"]),
                # the least common of the common words is in this share of the items
                "common_least_share": round(least_share, 4),
                "common_words": common[:10],
                "rare_words": rare[:: max(1, len(rare) // 3)][:3],  # one of each kind
            },
            indent=2,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
