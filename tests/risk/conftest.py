"""Fixtures for the risk engine tests, and a terminal section with the measured figures.

Why a summary section: recall, false-positive rate and speed are the numbers that tell whether
the default rule pack is fit for use; they are printed at the end of every run of these tests
(not only with ``-s``) and asserted in the tests themselves.
"""

from __future__ import annotations

from typing import Any

import pytest

from parcelbench.aed.validate import validate_item
from parcelbench.domain.aed import AedItem
from parcelbench.risk.engine import RiskEngine
from parcelbench.risk.pack import RulePack, default_pack

FIGURES: list[str] = []


def report(line: str) -> None:
    """Record a figure for the terminal summary (and print it for ``-s`` runs)."""
    FIGURES.append(line)
    print(line)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if FIGURES:
        terminalreporter.section("risk engine figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


def to_item(data: dict[str, Any]) -> AedItem:
    """An item dict in the interchange shape, validated into an AedItem."""
    item = validate_item(data, file="test", line=1)
    assert isinstance(item, AedItem), item
    return item


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return default_pack()


@pytest.fixture(scope="session")
def engine(pack: RulePack) -> RiskEngine:
    return RiskEngine(pack)
