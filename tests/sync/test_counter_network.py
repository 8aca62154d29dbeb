"""The counter-network across facilities: a seizure's parties reach HQ and every bench, so a
parcel at another facility that shares a party with it is flagged with the link (facility,
seizure number) — real bench files, a real HQ on loopback, SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from parcelbench.aed.importer import import_files
from parcelbench.aed.writers import write_jsonl
from parcelbench.domain.records import Outcome, Role
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.hq.storage import Database
from parcelbench.ids.s10 import make
from parcelbench.services.bench import Desk
from parcelbench.services.outcomes import SeizureDraft, record
from parcelbench.sync import sync_once
from tests.accounts import account
from tests.conftest import make_item
from tests.exams import EXAMINED
from tests.sync.conftest import enrolled_desk
from tests.sync.hqproc import HqProcess

SEIZED = make("LX", "60000001", "CN")  # seized at JFK
LINKED = make("CP", "60000002", "HK")  # arrives at ORD: another sender, the same drop phone
UNRELATED = make("CP", "60000003", "HK")
DROP = {
    "name": "Kevin Marsh", "street": "Unit 14, 220 Commerce Park Dr", "city": "Joliet",
    "state": "IL", "postcode": "60431", "country": "US", "phone": "+1 815 555 0142",
}  # fmt: skip
OTHER_SENDER = {
    "name": "Kowloon Bay Gifts Ltd", "street": "8 Wang Chiu Rd", "city": "Kowloon Bay",
    "country": "HK", "phone": "+852 2555 0199", "email": "orders@kbgifts.example",
}  # fmt: skip
POWDER = SeizureDraft("narcotics", "white powder", 1, "g", 31.0, "Raman", "positive fentanyl")


def _aed(desk: Desk, path: Path, items: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(items, out)
    assert not import_files(desk.store, [path]).refused


def test_a_seizure_at_one_facility_flags_a_linked_parcel_at_another(
    hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    url = hq.url
    jfk = enrolled_desk(hq_db, url, tmp_path / "jfk.db", "jfk-1", "JFK", "4701")
    ord_ = enrolled_desk(hq_db, url, tmp_path / "ord.db", "ord-1", "ORD", "3901")
    try:
        _aed(jfk, tmp_path / "jfk.jsonl", [make_item(item_id=SEIZED, addressee=DROP)])
        other_name = {**DROP, "name": "K. Marsh Imports", "street": "9 Oak St"}  # the phone stays
        _aed(ord_, tmp_path / "ord.jsonl", [
            make_item(item_id=LINKED, addressee=other_name, sender=OTHER_SENDER),
            make_item(item_id=UNRELATED, sender=OTHER_SENDER),
        ])  # fmt: skip
        before = ord_.look_up(ScanEvent.of(LINKED, "wedge"), officer="O1001")
        assert before.assessment is not None
        assert "seizure-link" not in {f.rule for f in before.assessment.flags}
        officer = account(jfk.store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
        done = record(jfk.store, officer, SEIZED, Outcome.SEIZED, seizure=POWDER, **EXAMINED)
        number = done.seizures[0].seizure_number
        sync_once(jfk.store)
        report = sync_once(ord_.store)
        assert report.feed_refused == 0
        view = ord_.look_up(ScanEvent.of(LINKED, "wedge"), officer="O1001")
        assert view.assessment is not None
        [link] = [f for f in view.assessment.flags if f.rule == "seizure-link"]
        assert link.matched == DROP["phone"]
        assert f"(addressee phone matches seizure {number} at JFK (parcel {SEIZED}))" in (
            link.rationale
        )
        plain = ord_.look_up(ScanEvent.of(UNRELATED, "wedge"), officer="O1001")
        assert plain.assessment is not None
        assert "seizure-link" not in {f.rule for f in plain.assessment.flags}
    finally:
        jfk.close()
        ord_.close()
    with hq_db.tx(write=False) as tx:
        held = tx.rows("SELECT DISTINCT seizure_number, facility, item_id FROM rm_seized_parties")
    assert [tuple(r) for r in held] == [(number, "JFK", SEIZED)]
