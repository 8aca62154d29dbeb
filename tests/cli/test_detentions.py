"""`parcelbench detentions`, run as the real command in a child process.

The bench's detentions are recorded in-process first (through `services.outcomes.record`, its
clock set to chosen instants); the child runs in New York time (`TZ`), the facility's zone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parcelbench.domain.records import Officer, Outcome, Role
from parcelbench.store import Store
from tests.cli.conftest import Cli
from tests.detained import record_at

NEW_YORK = {"TZ": "America/New_York"}


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three open detentions at three stages on 6 October 2026, and one released."""
    path = tmp_path / "bench.sqlite"
    officer = Officer("O1001", "Ana Ruiz", Role.OFFICER)
    with Store(path) as store:
        for item_id, at, reason in [
            ("AA473124829GB", "2026-10-06T01:30:00.000Z", "pill press dies; DEA review"),
            ("CP100000140DE", "2026-09-01T14:00:00.000Z", "counterfeit watches; rights holder"),
            ("EE471108151FR", "2026-09-25T14:00:00.000Z", "undeclared supplements; FDA lab"),
            ("RR473124829GB", "2026-09-02T14:00:00.000Z", "wildlife product; FWS"),
        ]:
            record_at(store, officer, monkeypatch, item_id, Outcome.DETAINED, at, reason=reason)
        record_at(
            store, officer, monkeypatch, "RR473124829GB", Outcome.RELEASED,
            "2026-09-03T14:00:00.000Z",
        )  # fmt: skip
    return path


def test_json_lists_every_open_detention_most_urgent_first(cli: Cli, db: Path) -> None:
    found = cli("detentions", "--as-of", "2026-10-06", "--db", db, "--json", env=NEW_YORK).json()
    assert [(d["item_id"], d["state"], d["days_left"]) for d in found] == [
        ("CP100000140DE", "deemed excluded", -19),
        ("EE471108151FR", "decision overdue", -2),
        ("AA473124829GB", "open", 4),  # Wed 7, Thu 8, Fri 9, Tue 13
    ]
    fresh = found[2]
    assert fresh["detained_at"] == "2026-10-06T01:30:00.000Z"
    assert fresh["detained_on"] == "2026-10-05"  # 21:30 on Monday in New York
    assert (fresh["decision_due"], fresh["excluded_on"]) == ("2026-10-13", "2026-11-04")
    assert fresh["inspection_id"] and fresh["officer_badge"] == "O1001"
    assert {"item_id", "inspection_id", "detained_at", "decision_due", "excluded_on", "state",
            "days_left"} <= set(fresh)  # fmt: skip

    overdue = cli(
        "detentions", "--overdue", "--as-of", "2026-10-06", "--db", db, "--json", env=NEW_YORK
    ).json()
    assert [d["item_id"] for d in overdue] == ["CP100000140DE", "EE471108151FR"]


def test_table_for_people(cli: Cli, db: Path) -> None:
    lines = cli("detentions", "--as-of", "2026-10-06", "--db", db, env=NEW_YORK).stdout.splitlines()
    assert lines[0].split() == ["ITEM", "DETAINED", "DECISION", "DUE", "30TH", "DAY", "STATUS",
                                "OFFICER", "REASON"]  # fmt: skip
    assert lines[1].startswith("CP100000140DE  2026-09-01  2026-09-09    2026-10-01  deemed ")
    assert "deemed excluded · 5 days past the 30th day" in lines[1]
    assert "counterfeit watches; rights holder" in lines[1]
    assert "decision overdue by 2 business days · deemed excluded in 20 days" in lines[2]
    assert lines[3].startswith("AA473124829GB  2026-10-05  2026-10-13")
    assert "open · 4 business days left to decide" in lines[3]
    assert lines[4] == "3 detained · 1 decision overdue · 1 deemed excluded (as of 2026-10-06)"
    assert len(lines) == 5


def test_nothing_to_show_and_a_bad_date(cli: Cli, db: Path, tmp_path: Path) -> None:
    early = cli("detentions", "--overdue", "--as-of", "2026-09-03", "--db", db, env=NEW_YORK)
    assert early.stdout == "no overdue detentions (as of 2026-09-03)\n"
    empty = tmp_path / "empty.sqlite"
    Store(empty).close()
    assert cli("detentions", "--as-of", "2026-10-06", "--db", empty).stdout == (
        "no detentions (as of 2026-10-06)\n"
    )
    bad = cli("detentions", "--as-of", "6/10/2026", "--db", db, expect=2)
    assert bad.stderr == "parcelbench: --as-of must be a date as YYYY-MM-DD, got '6/10/2026'\n"
    assert bad.stdout == ""
