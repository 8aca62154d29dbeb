"""Holds through the services the CLI and the window share, on a real store file.

A targeting list is all or nothing: every kind of bad row must refuse the whole file and leave
the database byte-identical, with a message naming the file, line and field.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from parcelbench.domain.records import Officer, Outcome, Role
from parcelbench.services import holds
from parcelbench.services.officers import AuthError
from parcelbench.services.outcomes import SeizureDraft, record
from parcelbench.store import Store
from parcelbench.store.audit import verify_chain
from parcelbench.store.evidence import get_inspection
from tests.accounts import account
from tests.conftest import dump
from tests.exams import EXAMINED
from tests.store.test_holds import disagreements

TODAY = date(2026, 11, 27)
HEADER = "item_id,reason,source,targeted_on\n"
ROWS = (
    "RR473124829GB,pill press parts (HQ alert 17),HQ targeting,2026-11-20\n"
    'ee 471 108 151 fr,"undeclared supplements, second shipment",CBP ATS,2026-11-21\n'
    "9400111201080805483016,local intelligence,local,2026-11-22\n"
)
POWDER = SeizureDraft("narcotics", "white powder", 1, "pieces", 12.34)


@pytest.fixture
def supervisor(store: Store) -> Officer:
    return account(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574")


@pytest.fixture
def officer() -> Officer:
    return Officer("O1001", "Ana Ruiz", Role.OFFICER)


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def importing(store: Store, path: Path, who: Officer) -> holds.HoldImport:
    return holds.import_holds(store, path, who, today=TODAY)


# -- importing ---------------------------------------------------------------------------------


def test_import_csv(store: Store, supervisor: Officer, tmp_path: Path) -> None:
    batch = importing(store, write(tmp_path, "holds.csv", HEADER + ROWS), supervisor)
    assert (batch.file, batch.format, batch.rows, batch.added) == ("holds.csv", "csv", 3, 3)
    assert batch.actor == "S2001" and len(batch.sha256) == 64
    hold = holds.hold_for(store, "EE471108151FR")
    assert hold is not None
    assert (hold.reason, hold.source, hold.targeted_on) == (
        "undeclared supplements, second shipment",
        "CBP ATS",
        "2026-11-21",
    )
    assert hold.import_id == batch.id and hold.status == "outstanding"
    assert holds.counts(store).outstanding == 3
    assert verify_chain(store.conn).ok


def test_import_jsonl_and_reimport_is_unchanged(
    store: Store, supervisor: Officer, tmp_path: Path
) -> None:
    rows = [
        {"item_id": "RR473124829GB", "reason": "r1", "source": "HQ targeting",
         "targeted_on": "2026-11-20", "priority": 1},
        {"item_id": "]C1420112049400111201080805483016", "reason": "r2", "source": "local",
         "targeted_on": "2026-11-21"},
    ]  # fmt: skip
    path = write(tmp_path, "holds.jsonl", jsonl(rows))
    assert holds.read_holds_file(path, today=TODAY).unknown_fields == ["priority"]
    first = importing(store, path, supervisor)
    assert (first.format, first.added) == ("jsonl", 2)
    assert holds.hold_for(store, "9400 1112 0108 0805 4830 16") is not None
    again = importing(store, path, supervisor)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    rows[0]["reason"] = "r1, revised"
    revised = importing(store, write(tmp_path, "holds2.jsonl", jsonl(rows)), supervisor)
    assert (revised.updated, revised.unchanged) == (1, 1)
    assert holds.hold_for(store, "RR473124829GB").reason == "r1, revised"  # type: ignore[union-attr]


def test_csv_variants_a_spreadsheet_writes(
    store: Store, supervisor: Officer, tmp_path: Path
) -> None:
    text = (
        "\ufeffTargeted_On;Item_ID;Reason;Source;Notes\r\n"
        '2026-11-20;RR473124829GB;"two\r\nlines";HQ targeting;x\r\n'
        "\r\n"
        '2026-11-20;RR473124829GB;"two\r\nlines";HQ targeting;duplicate, same content\r\n'
    )
    checked = holds.read_holds_file(write(tmp_path, "excel.csv", text), today=TODAY)
    assert checked.rows == 2 and checked.unknown_fields == ["notes"]
    assert [(h.item_id, h.reason, h.line) for h in checked.holds] == [
        ("RR473124829GB", "two lines", 2)
    ]


def test_only_a_supervisor_imports(
    store: Store, supervisor: Officer, officer: Officer, tmp_path: Path
) -> None:
    before = dump(store.path)
    with pytest.raises(AuthError, match="needs a supervisor"):
        importing(store, write(tmp_path, "holds.csv", HEADER + ROWS), officer)
    assert dump(store.path) == before


BAD_ROWS = [
    ("RR473124828GB,r,HQ,2026-11-20\n", "item_id", "check digit is 8, expected 9"),
    ("RECEPTACLE-42,r,HQ,2026-11-20\n", "item_id", "not a parcel identifier"),
    (",r,HQ,2026-11-20\n", "item_id", "missing"),
    ("RR473124829GB,,HQ,2026-11-20\n", "reason", "missing"),
    ("RR473124829GB,   ,HQ,2026-11-20\n", "reason", "missing"),
    ("RR473124829GB,r,,2026-11-20\n", "source", "missing"),
    ("RR473124829GB,r,HQ,11/20/2026\n", "targeted_on", "expected YYYY-MM-DD"),
    ("RR473124829GB,r,HQ,2026-02-30\n", "targeted_on", "not a real date"),
    ("RR473124829GB,r,HQ,2027-01-01\n", "targeted_on", "in the future"),
    ("RR473124829GB,r,HQ,1999-12-31\n", "targeted_on", "before 2000"),
    ("RR473124829GB,r,HQ\n", "row", "3 fields where the header has 4"),
    ('RR473124829GB,"r\x07",HQ,2026-11-20\n', "reason", "control characters"),
    ("RR473124829GB," + "r" * 501 + ",HQ,2026-11-20\n", "reason", "longer than 500"),
    ("RR473124829GB,other reason,HQ,2026-11-20\n", "item_id", "also on line 2"),
]


@pytest.mark.parametrize(("row", "field", "reason"), BAD_ROWS, ids=[r[2] for r in BAD_ROWS])
def test_one_bad_row_refuses_the_whole_file(
    store: Store, supervisor: Officer, tmp_path: Path, row: str, field: str, reason: str
) -> None:
    importing(
        store, write(tmp_path, "first.csv", HEADER + "CP100000140DE,r,HQ,2026-11-20\n"), supervisor
    )
    before = dump(store.path)
    text = HEADER + "RR473124829GB,r,HQ,2026-11-20\n" + "EE471108151FR,r,HQ,2026-11-20\n" + row
    with pytest.raises(holds.HoldsRefused) as refused:
        importing(store, write(tmp_path, "holds.csv", text), supervisor)
    message = str(refused.value)
    assert message.startswith(f"holds.csv line 4, {field}: "), message
    assert reason in message and "nothing imported" in message and "\n" not in message
    assert [(p.line, p.field) for p in refused.value.problems] == [(4, field)]
    assert dump(store.path) == before


def test_every_problem_is_listed_and_the_first_is_named(
    store: Store, supervisor: Officer, tmp_path: Path
) -> None:
    rows = [
        {"item_id": "RR473124829GB", "reason": "r", "source": "HQ", "targeted_on": "2026-11-20"},
        {"item_id": "RR473124828GB", "reason": "", "source": "HQ", "targeted_on": "2026-13-01"},
    ]
    text = jsonl(rows) + "not json\n" + "[1, 2]\n" + '{"item_id": 42}\n'
    before = dump(store.path)
    with pytest.raises(holds.HoldsRefused) as refused:
        importing(store, write(tmp_path, "h.jsonl", text), supervisor)
    problems = [(p.line, p.field) for p in refused.value.problems]
    assert problems == [
        (2, "item_id"),
        (2, "reason"),
        (2, "targeted_on"),
        (3, "row"),
        (4, "row"),
        (5, "item_id"),
        (5, "reason"),
        (5, "source"),
        (5, "targeted_on"),
    ]
    assert str(refused.value).endswith("nothing imported (and 8 more problems)")
    as_json = refused.value.to_json()
    assert as_json["problems"][0]["item_id"] == "RR473124828GB"
    assert "must be text" in as_json["problems"][5]["reason"]
    assert dump(store.path) == before


FILES: list[tuple[str, str | bytes, str]] = [
    ("empty.csv", "", "empty file"),
    ("blank.csv", "\n\n  \n", "empty file"),
    ("header-only.csv", HEADER, "a header but no holds"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "binary file (a PNG image)"),
    ("sheet.xlsx", b"PK\x03\x04" + b"\x00" * 20, "save the sheet as CSV"),
    ("utf16.csv", HEADER.encode("utf-16"), "not UTF-8"),
    ("latin1.csv", (HEADER + "RR473124829GB,caf\xe9,HQ,2026-11-20\n").encode("latin-1"), "line 2"),
    ("array.json", "[{}]", "a JSON array"),
    ("notes.txt", "please hold these parcels\n", "not a holds list"),
    ("aed.xml", "<AedBatch/>", "not a holds list"),
    ("cols.csv", "item_id,reason,targeted_on\nRR473124829GB,r,2026-11-20\n", "no source column"),
    ("twice.csv", "item_id,reason,source,targeted_on,reason\n", "reason appears twice"),
    ("quote.csv", HEADER + 'RR473124829GB,"r"x,HQ,2026-11-20\n', "not well-formed CSV"),
]


@pytest.mark.parametrize(("name", "content", "reason"), FILES, ids=[f[0] for f in FILES])
def test_files_that_are_not_holds_lists_are_refused(
    store: Store, supervisor: Officer, tmp_path: Path, name: str, content: str | bytes, reason: str
) -> None:
    before = dump(store.path)
    with pytest.raises(holds.HoldsRefused) as refused:
        importing(store, write(tmp_path, name, content), supervisor)
    assert reason in str(refused.value) and str(refused.value).startswith(name)
    assert "\n" not in str(refused.value)
    assert dump(store.path) == before


def test_missing_files_and_folders_are_refused(
    store: Store, supervisor: Officer, tmp_path: Path
) -> None:
    with pytest.raises(holds.HoldsRefused, match="no such file"):
        importing(store, tmp_path / "absent.csv", supervisor)
    with pytest.raises(holds.HoldsRefused, match="is a directory"):
        importing(store, tmp_path, supervisor)


# -- scanning and examining --------------------------------------------------------------------


def test_hold_for_and_located(store: Store, supervisor: Officer, tmp_path: Path) -> None:
    importing(store, write(tmp_path, "holds.csv", HEADER + ROWS), supervisor)
    assert holds.hold_for(store, "RR473124828GB") is None  # a misread never finds a hold
    assert holds.hold_for(store, "CP100000140DE") is None  # not targeted
    assert holds.located(store, "CP100000140DE", officer="O1001") is None
    assert holds.located(store, "not a parcel") is None

    found = holds.located(store, "rr 473 124 829 gb", officer="O1001")
    assert found is not None and found.status == "located" and found.open
    assert holds.hold_for(store, "RR473124829GB") == found
    assert holds.located(store, "RR473124829GB", officer="O1001") == found  # once only
    audit = store.conn.execute(
        "SELECT actor, action FROM audit_log WHERE action = 'hold.located'"
    ).fetchall()
    assert audit == [("O1001", "hold.located")]
    assert holds.counts(store).label() == "holds outstanding 2 · located 1"
    assert [h.item_id for h in holds.list_holds(store, "located")] == ["RR473124829GB"]


def test_recording_an_outcome_examines_the_hold(
    store: Store, supervisor: Officer, officer: Officer, tmp_path: Path
) -> None:
    importing(store, write(tmp_path, "holds.csv", HEADER + ROWS), supervisor)
    holds.located(store, "EE471108151FR", officer="O1001")
    done = record(store, officer, "EE471108151FR", Outcome.SEIZED, seizure=POWDER, **EXAMINED)
    hold = holds.hold_for(store, "EE471108151FR")
    assert hold is not None and hold.status == "examined" and not hold.open
    assert hold.inspection_uuid == done.inspection.uuid
    assert hold.examined_at == done.inspection.at
    inspection = get_inspection(store.conn, done.inspection.uuid)
    assert inspection is not None and inspection.item_id == hold.item_id
    actions = [r[0] for r in store.conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    assert actions[-3:] == ["inspection.recorded", "hold.examined", "seizure.recorded"]
    kinds = [r[0] for r in store.conn.execute("SELECT kind FROM outbox ORDER BY seq")]
    assert kinds[-3:] == ["inspection.recorded", "hold.examined", "seizure.recorded"]
    counts = holds.counts(store)
    assert (counts.outstanding, counts.located, counts.examined) == (2, 0, 1)
    assert disagreements(store.conn) == []
    assert verify_chain(store.conn).ok


def test_a_failing_outcome_leaves_the_hold_outstanding(
    store: Store, supervisor: Officer, officer: Officer, tmp_path: Path, monkeypatch: Any
) -> None:
    """The seizure is written after the hold is marked: its failure must undo the mark too."""
    import parcelbench.store.evidence as evidence

    importing(store, write(tmp_path, "holds.csv", HEADER + ROWS), supervisor)
    before = dump(store.path)

    def broken(conn: Any, seizure: Any, actor: str) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(evidence, "_write_seizure", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        record(store, officer, "RR473124829GB", Outcome.SEIZED, seizure=POWDER, **EXAMINED)
    assert dump(store.path) == before
    hold = holds.hold_for(store, "RR473124829GB")
    assert hold is not None and hold.status == "outstanding" and hold.inspection_uuid is None
    assert store.table_counts()["inspections"] == 0
    assert disagreements(store.conn) == []


def test_a_failing_hold_mark_does_not_record_the_outcome(
    store: Store, supervisor: Officer, officer: Officer, tmp_path: Path, monkeypatch: Any
) -> None:
    """And the other way round: no inspection without its hold examined."""
    import parcelbench.store.holds as store_holds

    importing(store, write(tmp_path, "holds.csv", HEADER + ROWS), supervisor)
    before = dump(store.path)

    def broken(conn: Any, **kwargs: Any) -> None:
        raise RuntimeError("hold table unavailable")

    monkeypatch.setattr(store_holds, "mark_examined", broken)
    with pytest.raises(RuntimeError, match="unavailable"):
        record(store, officer, "RR473124829GB", Outcome.RELEASED)
    assert dump(store.path) == before
