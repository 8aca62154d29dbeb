"""The settings registry: one entry per key and place, defaults of the declared type.

Why: the registry is the one place a key and its default are written; two entries with the
same key in one place would make two defaults for one stored value again.
"""

from __future__ import annotations

from collections import Counter

import pytest

from parcelbench.domain import settings
from parcelbench.domain.settings import REGISTRY, SCOPES, Setting


def test_every_registered_setting_has_one_entry_per_place() -> None:
    keys = Counter((s.scope, s.key) for s in REGISTRY)
    assert [k for k, n in keys.items() if n > 1] == []


def test_the_registry_lists_every_setting_constant() -> None:
    constants = {v for v in vars(settings).values() if isinstance(v, Setting)}
    assert constants == set(REGISTRY)


def test_scopes_and_defaults() -> None:
    assert set(SCOPES) == {"bench", "sync", "user"}
    for s in REGISTRY:
        assert s.default is None or isinstance(s.default, s.type), s
    assert settings.PORT_CODE.default == "0000"
    assert settings.SEIZURE_DRAFTS.child("LX123456785CN") == "drafts/seizure/LX123456785CN"


def test_a_bad_entry_is_refused() -> None:
    with pytest.raises(ValueError, match="scope"):
        Setting("x", str, "", "database")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="default"):
        Setting("x", int, "0", "sync")
