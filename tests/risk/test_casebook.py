"""The casebook is well formed: every item is valid AED, ids are unique, counts and sources hold.

These tests say nothing about how the rule pack scores the casebook; recall on it is measured
elsewhere, and keeping that out of here keeps the set out of rule tuning.
"""

from __future__ import annotations

from collections import Counter

import pytest

from parcelbench.aed.validate import validate_item
from parcelbench.domain.aed import AedItem
from tests.risk.casebook import CASES, ORDINARY, SUSPICIOUS, Case

MIN_SUSPICIOUS = 60
MIN_ORDINARY = 150


def _item_params() -> list[tuple[str, int, dict]]:
    return [(case.id, n, item) for case in CASES for n, item in enumerate(case.items)]


@pytest.mark.parametrize(("case_id", "n", "item"), _item_params())
def test_every_item_is_valid_aed(case_id: str, n: int, item: dict) -> None:
    result = validate_item(item, file=f"casebook:{case_id}", line=n + 1)
    assert isinstance(result, AedItem), result


def test_case_ids_are_unique() -> None:
    counts = Counter(case.id for case in CASES)
    assert [case_id for case_id, n in counts.items() if n > 1] == []


def test_item_ids_are_unique() -> None:
    counts = Counter(item["item_id"] for case in CASES for item in case.items)
    assert [item_id for item_id, n in counts.items() if n > 1] == []


def test_counts_meet_the_minimums() -> None:
    labels = Counter(case.label for case in CASES)
    assert labels[SUSPICIOUS] >= MIN_SUSPICIOUS
    assert labels[ORDINARY] >= MIN_ORDINARY
    assert set(labels) == {SUSPICIOUS, ORDINARY}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_every_case_is_described_and_sourced(case: Case) -> None:
    assert case.source.strip()
    assert case.note.strip()
    assert case.category.strip()
    assert case.items
    assert (case.category == "ordinary") == (case.label == ORDINARY)


def test_suspicious_cases_cite_something_public() -> None:
    """A URL or report number, or an honest note that only a general description was found."""
    for case in CASES:
        if case.label == SUSPICIOUS:
            source = case.source
            assert "http" in source or "GAO-" in source or "no specific" in source, case.id


@pytest.mark.parametrize("case", [c for c in CASES if len(c.items) > 1], ids=lambda case: case.id)
def test_cluster_items_are_in_arrival_order(case: Case) -> None:
    times = [item["sent_at"] for item in case.items]
    assert times == sorted(times)
