"""Every CSV the app writes for spreadsheets makes formula-starting text inert; the AED CSV,
a machine format the app reads back, keeps every value exactly.

The payloads are OWASP's CSV-injection starts (`=`, `+`, `-`, `@`, tab, carriage return) in
the places outside data reaches an export: rule ids (from a rule pack HQ publishes) and the
strata values (origin country, mail class, AED category).
"""

from __future__ import annotations

import csv
import io
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from parcelbench.aed.csv_reader import CsvReader
from parcelbench.aed.writers import write_csv as write_aed_csv
from parcelbench.domain.csv_cells import safe_cell
from parcelbench.domain.records import Inspection, Outcome, Role
from parcelbench.reports import summary as summary_report
from parcelbench.reports.stats import InspectionFact, SeizureTotal, summarise
from parcelbench.services import summaries
from parcelbench.store import Store
from parcelbench.store.evidence import record_inspection
from tests.accounts import account
from tests.conftest import make_item

HOSTILE = ('=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1")


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_inert(text: str) -> None:
    """Each payload is in the file, and only with the quote before it."""
    cells = _cells(text)
    for payload in HOSTILE:
        assert "'" + payload in cells, (payload, text)
        assert payload not in cells, (payload, text)
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))], cells


@pytest.mark.parametrize("payload", HOSTILE)
def test_formula_text_gets_a_quote(payload: str) -> None:
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize(
    "value",
    [
        -2,
        -0.125,
        Decimal("-1.50"),
        0,
        3,
        True,
        "RR473124829GB",
        "CN",
        "3926.90",
        "a-b",
        "O'Brien",
        "rule.07",
        "sale_of_goods",
        "",
    ],
)
def test_numbers_and_ordinary_text_are_left_alone(value: object) -> None:
    assert safe_cell(value) == value
    assert safe_cell(None) == ""


def test_summary_csv_neutralises_strata_and_rules() -> None:
    facts = [
        InspectionFact("detained", n % 2 == 0, True, (payload,), payload, payload, payload)
        for n, payload in enumerate(HOSTILE)
    ]
    files = summary_report.write_csv(summarise(facts, [SeizureTotal("narcotics", 2, -0.5)]))
    _assert_inert(files["strata.csv"])
    _assert_inert(files["rules.csv"])
    assert "narcotics,2,-0.5" in files["seizures.csv"]  # a number stays a number


def test_the_summary_export_of_a_real_bench_neutralises_rule_ids(tmp_path: Path) -> None:
    """Through the service the CLI and the window call: rule ids as a pack named them."""
    with Store(tmp_path / "bench.sqlite") as store:
        account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
        boss = account(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574")
        for n in range(3):
            record_inspection(
                store,
                Inspection(
                    str(uuid.uuid4()),
                    "RR473124829GB",
                    Outcome.RETURNED_TO_SENDER,
                    "O1001",
                    f"2026-11-10T12:00:0{n}.000Z",
                    True,
                    reason="lab test",
                    risk={"rules": list(HOSTILE)},
                ),
            )
        scope = summaries.scope_for(store, since="2026-11-10", until="2026-11-10")
        files, _ = summaries.csv_export(store, boss, scope)
    _assert_inert(files["rules.csv"])


def test_the_aed_csv_writer_keeps_values_exactly_for_its_reader(tmp_path: Path) -> None:
    """A machine format: the importer must read back `+86 …` and `=…` as they were sent."""
    sender = {**make_item()["sender"], "name": HOSTILE[0], "phone": "+86 755 8888 1234"}
    item = make_item(sender=sender, invoice_no="-2+3")
    path = tmp_path / "aed.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        write_aed_csv([item], fh)
    with path.open("rb") as fh:
        (read,) = list(CsvReader(fh))
    assert read.data["sender"]["name"] == HOSTILE[0]
    assert read.data["sender"]["phone"] == "+86 755 8888 1234"
    assert read.data["invoice_no"] == "-2+3"
