"""Proportions with honest intervals: the Wilson score interval every rate is published with.

Why Wilson: strata are often small (a few parcels from one origin post, one facility's random
exams in a quiet week) and the normal approximation gives intervals below 0 or above 100 %
there; Wilson's does not. Why here: the bench's summaries and HQ's figures must compute the
same interval the same way, and both may read `domain`.
"""

from __future__ import annotations

import math

Z95 = 1.959963984540054


def wilson(hits: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion (95 % by default); (0, 0) when n is 0."""
    if n <= 0:
        return 0.0, 0.0
    p = hits / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = 0.0 if hits <= 0 else max(0.0, centre - half)
    high = 1.0 if hits >= n else min(1.0, centre + half)
    return low, high
