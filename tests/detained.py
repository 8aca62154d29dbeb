"""Inspections recorded at a chosen instant, through the one service the bench records with.

Why: a detention's clocks run from the moment it was recorded, and `services.outcomes.record`
stamps the present; tests of the clocks need detentions made on given days (a Friday before a
Monday holiday, a night that is already tomorrow in UTC) without waiting for those days.
"""

from __future__ import annotations

from typing import Any

import pytest

from parcelbench.domain.records import Officer, Outcome
from parcelbench.services import outcomes
from parcelbench.services.outcomes import Recorded
from parcelbench.store import Store
from tests.exams import DETAINED, EXAMINED


def record_at(
    store: Store,
    officer: Officer,
    monkeypatch: pytest.MonkeyPatch,
    item_id: str,
    outcome: Outcome,
    at: str,
    **kwargs: Any,
) -> Recorded:
    """`services.outcomes.record` with its clock set to `at` (UTC ISO, as the store keeps it)."""
    monkeypatch.setattr(outcomes, "utc_now_iso", lambda: at)
    if outcome is Outcome.DETAINED:
        kwargs.setdefault("reason", "suspected undeclared supplements; FDA sampling")
        kwargs.setdefault("selection", DETAINED["selection"])
        kwargs.setdefault("exam", DETAINED["exam"])
    elif outcome is not Outcome.RELEASED:
        kwargs.setdefault("selection", EXAMINED["selection"])
        kwargs.setdefault("exam", EXAMINED["exam"])
    return outcomes.record(store, officer, item_id, outcome, **kwargs)
