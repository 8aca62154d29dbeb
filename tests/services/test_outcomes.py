"""Recording outcomes through the service the CLI and the window share, on a real store."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from parcelbench.aed.importer import import_file
from parcelbench.domain.records import Outcome, Role
from parcelbench.services.officers import AuthError, authenticate, require_role
from parcelbench.services.outcomes import (
    OutcomeError,
    SeizureDraft,
    fiscal_year,
    record,
    seizure_prefix,
)
from parcelbench.store import Store
from parcelbench.store.audit import verify_chain
from parcelbench.store.evidence import get_inspection
from tests.accounts import account
from tests.conftest import TEST_DATA
from tests.exams import EXAMINED, RANDOM

POWDER = SeizureDraft(
    "narcotics",
    "white powder, field test positive for fentanyl",
    1,
    "pieces",
    12.34,
    "TruNarc",
    "positive fentanyl",
    ("EB-0001",),
)


@pytest.fixture
def officer(store: Store):  # type: ignore[no-untyped-def]
    return account(store, "o1001", "Ana Ruiz", Role.OFFICER, "40718253")


def test_pin_is_hashed_and_checked(store: Store, officer) -> None:  # type: ignore[no-untyped-def]
    row = store.conn.execute("SELECT pin_hash FROM officers WHERE badge = 'O1001'").fetchone()
    assert row[0].startswith("$argon2id$") and "40718253" not in row[0]
    assert authenticate(store, "o1001", "40718253").badge == "O1001"
    for badge, pin in (("O1001", "52839160"), ("X9", "40718253")):
        with pytest.raises(AuthError, match="badge or PIN not recognised"):
            authenticate(store, badge, pin)
    with pytest.raises(ValueError, match="a PIN is 8 to 12 digits"):
        account(store, "O2", "Bo", Role.OFFICER, "12")


def test_repeated_wrong_pins_lock_the_badge(store: Store, officer) -> None:  # type: ignore[no-untyped-def]
    """Five wrong PINs lock the badge for 15 minutes, even for the right PIN; each is audited."""
    for _ in range(4):
        with pytest.raises(AuthError, match="not recognised"):
            authenticate(store, "O1001", "0000")
    assert authenticate(store, "O1001", "40718253").badge == "O1001"  # a good PIN ends the count
    for _ in range(5):
        with pytest.raises(AuthError, match="not recognised"):
            authenticate(store, "O1001", "0000")
    with pytest.raises(AuthError, match=r"O1001 is locked for 1[45] more minute"):
        authenticate(store, "O1001", "40718253")
    actions = [
        r[0]
        for r in store.conn.execute("SELECT action FROM audit_log WHERE entity = 'officer:O1001'")
    ]
    assert actions.count("officer.login_failed") == 9 and actions.count("officer.login") == 1
    assert verify_chain(store.conn).ok
    # an hour later (the failures aged out of the window) the right PIN works again
    store.conn.execute(
        "UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE entity = 'officer:O1001'"
    )
    assert authenticate(store, "O1001", "40718253").badge == "O1001"


def test_roles_are_checked(officer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AuthError, match="O1001 is an officer; this needs a supervisor"):
        require_role(officer, Role.SUPERVISOR)


def test_release_records_inspection_audit_and_outbox(store: Store, officer) -> None:  # type: ignore[no-untyped-def]
    import_file(store, TEST_DATA / "good.xml")
    done = record(store, officer, "rr 473 124 829 gb", Outcome.RELEASED, **RANDOM)
    held = get_inspection(store.conn, done.inspection.uuid)
    assert held is not None and held.item_id == "RR473124829GB"
    assert held.aed_version == 1 and held.targeted is False
    counts = store.table_counts()
    assert counts["inspections"] == 1 and counts["outbox"] == 1
    assert verify_chain(store.conn).ok


def test_an_amendment_is_a_new_record_naming_the_old_one(store: Store, officer) -> None:  # type: ignore[no-untyped-def]
    import_file(store, TEST_DATA / "good.xml")
    first = record(store, officer, "RR473124829GB", Outcome.RELEASED)
    fix = record(
        store,
        officer,
        "RR473124829GB",
        Outcome.REFERRED,
        agency="FDA",
        notes="released by mistake: tablets without labels",
        amends=first.inspection.uuid,
        **EXAMINED,
    )
    sql = "SELECT uuid, outcome, amends FROM inspections ORDER BY at"
    both = store.conn.execute(sql).fetchall()
    assert both == [
        (first.inspection.uuid, "released", None),
        (fix.inspection.uuid, "referred", first.inspection.uuid),
    ]
    with pytest.raises(OutcomeError, match="does not exist"):
        record(store, officer, "RR473124829GB", Outcome.RELEASED, amends="no-such-uuid")
    assert verify_chain(store.conn).ok


def test_seizure_gets_the_next_number_in_one_transaction(store: Store, officer) -> None:  # type: ignore[no-untyped-def]
    first = record(
        store,
        officer,
        "CP100000140DE",
        Outcome.SEIZED,
        seizure=POWDER,
        noncompliance=("narcotics",),
        port_code="4701",
        **EXAMINED,
    )
    second = record(
        store,
        officer,
        "EE471108151FR",
        Outcome.SEIZED,
        seizure=POWDER,
        port_code="4701",
        **EXAMINED,
    )
    prefix = seizure_prefix(datetime.now().astimezone(), "4701")  # segment 00: not enrolled
    assert prefix.endswith("-4701-00")
    assert first.seizures[0].seizure_number == f"{prefix}0001-01"
    assert second.seizures[0].seizure_number == f"{prefix}0002-01"
    rows = store.conn.execute(
        "SELECT action FROM audit_log WHERE action LIKE 'seizure%' OR action LIKE 'insp%'"
    ).fetchall()
    assert len(rows) == 4
    assert store.table_counts()["outbox"] == 4


def test_failed_seizure_leaves_nothing(store: Store, officer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """If the seizure part fails, the inspection is not kept half-recorded either."""
    import parcelbench.store.evidence as evidence

    def broken(conn, seizure, actor):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(evidence, "_write_seizure", broken)
    before = store.table_counts()
    with pytest.raises(RuntimeError):
        record(store, officer, "CP100000140DE", Outcome.SEIZED, seizure=POWDER, **EXAMINED)
    assert store.table_counts() == before


@pytest.mark.parametrize(
    ("outcome", "kwargs", "message"),
    [
        (Outcome.REFERRED, {}, "needs --agency"),
        (Outcome.DETAINED, {}, "needs --reason"),
        (Outcome.SEIZED, {}, "category, description"),
        (Outcome.RELEASED, {"seizure": POWDER}, "only with outcome 'seized'"),
        (Outcome.SEIZED, {"seizure": SeizureDraft("narcotics", "x", 1, "g", 1.234)}, "2 decimals"),
        (Outcome.RELEASED, {"noncompliance": ("bribes",)}, "unknown non-compliance"),
        (Outcome.DESTROYED, {}, "witnessing officer"),
    ],
)
def test_incomplete_outcomes_are_refused_and_change_nothing(
    store: Store,
    officer,
    outcome,
    kwargs,
    message,  # type: ignore[no-untyped-def]
) -> None:
    before = store.table_counts()
    exam = {} if outcome is Outcome.RELEASED else EXAMINED
    with pytest.raises(OutcomeError, match=message):
        record(store, officer, "RR473124829GB", outcome, **exam, **kwargs)
    assert store.table_counts() == before


def test_fiscal_year_turns_in_october() -> None:
    assert fiscal_year(datetime(2026, 9, 30)) == 2026
    assert fiscal_year(datetime(2026, 10, 1)) == 2027


def test_works_on_any_store_file(tmp_path: Path) -> None:
    """The service works on any store file, not only the default one."""
    with Store(tmp_path / "other.sqlite") as other:
        officer = account(other, "S1", "Sam", Role.SUPERVISOR, "63920574")
        assert record(other, officer, "RR473124829GB", Outcome.RELEASED).seizures == []


def test_seizure_links_a_later_parcel_at_the_same_address(
    store: Store, officer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The must-show case: same drop address spelled differently links to the seizure."""
    from parcelbench.aed.validate import validate_item
    from parcelbench.aed.writers import write
    from parcelbench.store.history import StoreHistory
    from tests.conftest import make_item

    drop = {
        "name": "K. Marsh",
        "street": "4410 Industrial Pkwy Unit 12",
        "city": "Reno",
        "state": "NV",
        "postcode": "89502",
        "country": "US",
    }
    path = tmp_path / "a.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write("jsonl", [make_item(item_id="LX806576725TW", addressee=drop)], fh)
    import_file(store, path)
    seized = record(store, officer, "LX806576725TW", Outcome.SEIZED, seizure=POWDER, **EXAMINED)
    number = seized.seizures[0].seizure_number

    later = validate_item(
        make_item(
            item_id="RR287043775IN",
            addressee={**drop, "name": "Kim Marsh", "street": "4410 Industrial Parkway, Unit #12"},
        ),
        file="b",
        line=1,
    )
    assert not isinstance(later, list)
    links = StoreHistory(store.conn).seizure_links(later)
    assert [
        (link.entity, link.seizure, link.item_id)
        for link in links
        if link.entity == "addressee address"
    ] == [("addressee address", number, "LX806576725TW")]
    assert "sender address" in {link.entity for link in links}  # the same shop sent both
    other_unit = validate_item(
        make_item(
            item_id="RR287043775IN",
            addressee={**drop, "street": "4410 Industrial Parkway, Unit #14"},
        ),
        file="b",
        line=1,
    )
    assert not [
        link
        for link in StoreHistory(store.conn).seizure_links(other_unit)  # type: ignore[arg-type]
        if link.entity == "addressee address"
    ]
