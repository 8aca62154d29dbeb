"""Hypothesis profiles for the fuzz tests: bounded for CI, long on demand.

Why profiles of our own, applied per test (see `tests.fuzz.common.fuzz`) rather than loaded
for the whole session: the rest of the suite keeps hypothesis's defaults, and a long run is one
environment variable, ``PARCELBENCH_FUZZ=long pytest tests/fuzz``.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

CI_EXAMPLES = 200
LONG_EXAMPLES = 20_000

_COMMON = {
    "deadline": None,  # every target does I/O (files, SQLite): timing varies on a shared box
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "derandomize": False,
    "print_blob": True,
}

# CI draws the same examples every run (a red build names a change, not a lucky draw); a long
# run draws new ones each time, which is how it finds what CI does not.
settings.register_profile(
    "fuzz-ci", max_examples=CI_EXAMPLES, **(_COMMON | {"derandomize": True, "database": None})
)
settings.register_profile("fuzz-long", max_examples=LONG_EXAMPLES, **_COMMON)
