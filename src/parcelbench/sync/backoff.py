"""When to try HQ again: exponential backoff with full jitter, or HQ's own `Retry-After`.

Full jitter spreads a facility's benches out when HQ comes back, instead of all of them retrying
in the same second; `Retry-After` wins when HQ says how long it needs (never beyond the cap).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(slots=True)
class Backoff:
    base: float = 1.0
    cap: float = 300.0
    factor: float = 2.0
    failures: int = 0
    rng: random.Random = field(default_factory=random.Random)

    def next_delay(self, retry_after: float | None = None) -> float:
        """Seconds to wait after one more failure."""
        self.failures += 1
        if retry_after is not None and retry_after >= 0:
            return min(self.cap, retry_after)
        ceiling = min(self.cap, self.base * self.factor ** (self.failures - 1))
        return self.rng.uniform(self.base / 2, max(self.base / 2, ceiling))

    def reset(self) -> None:
        self.failures = 0
