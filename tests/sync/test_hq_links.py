"""HQ's own link search: AED HQ published is indexed by party; `hq links` lists the parcels not
yet examined anywhere that share a party with a seizure, and `--publish` makes them holds on a
facility's benches in one step — a real HQ on loopback, real benches (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

from parcelbench.aed.importer import import_files
from parcelbench.aed.writers import write_jsonl
from parcelbench.domain.records import Outcome, Role
from parcelbench.hq.storage import Database
from parcelbench.ids.s10 import make
from parcelbench.services.holds import list_holds
from parcelbench.services.outcomes import SeizureDraft, record
from parcelbench.sync import sync_once
from tests.accounts import account
from tests.conftest import make_item
from tests.exams import EXAMINED
from tests.sync.conftest import enrolled_desk
from tests.sync.hqproc import HqProcess, cli

SEIZED = make("LX", "80000001", "CN")
LINKED, UNRELATED, EXAMINED_ALREADY, ALIKE = (
    make("CP", f"{80000011 + i:08d}", "HK") for i in range(4)
)
DROP = {
    "name": "Kevin Marsh", "street": "Unit 14, 220 Commerce Park Dr", "city": "Joliet",
    "state": "IL", "postcode": "60431", "country": "US", "phone": "+1 815 555 0142",
}  # fmt: skip
#: The drop address misspelt, under another name, without a phone: linked by the address alone.
MISSPELT = {k: v for k, v in DROP.items() if k != "phone"} | {
    "name": "Kay Marshall", "street": "Unit 14, 220 Comerce Prk Dr",
}  # fmt: skip
ELSEWHERE = {"name": "Mia Chen", "street": "5 Elm St", "city": "Austin", "country": "US"}
HK_SENDER = {"name": "Kowloon Bay Gifts Ltd", "street": "8 Wang Chiu Rd", "city": "Kowloon Bay",
             "country": "HK", "phone": "+852 2555 0199"}  # fmt: skip
POWDER = SeizureDraft("narcotics", "white powder", 1, "g", 31.0, "Raman", "positive fentanyl")


def test_hq_lists_linked_parcels_and_makes_them_holds_in_one_step(
    hq: HqProcess, hq_db: Database, hq_db_url: str, tmp_path: Path
) -> None:
    aed = tmp_path / "hk-batch.jsonl"
    with aed.open("w", encoding="utf-8") as out:
        write_jsonl([
            make_item(item_id=LINKED, sender=HK_SENDER, addressee={**DROP, "name": "K. Marsh"}),
            make_item(item_id=UNRELATED, sender=HK_SENDER, addressee=ELSEWHERE),
            make_item(item_id=EXAMINED_ALREADY, sender=HK_SENDER, addressee=DROP),
            make_item(item_id=ALIKE, sender=ELSEWHERE, addressee=MISSPELT),
        ], out)  # fmt: skip
    published = cli("hq", "publish", "aed", str(aed), "--db", hq_db_url)
    assert published.returncode == 0, published.stderr
    jfk = enrolled_desk(hq_db, hq.url, tmp_path / "jfk.db", "jfk-1", "JFK", "4701")
    ord_ = enrolled_desk(hq_db, hq.url, tmp_path / "ord.db", "ord-1", "ORD", "3901")
    try:
        seized_aed = tmp_path / "jfk.jsonl"
        with seized_aed.open("w", encoding="utf-8") as out:
            write_jsonl([make_item(item_id=SEIZED, addressee=DROP)], out)
        assert not import_files(jfk.store, [seized_aed]).refused
        officer = account(jfk.store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
        number = (
            record(jfk.store, officer, SEIZED, Outcome.SEIZED, seizure=POWDER, **EXAMINED)
            .seizures[0]
            .seizure_number
        )
        other = account(ord_.store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
        record(ord_.store, other, EXAMINED_ALREADY, Outcome.RELEASED, **EXAMINED)
        for desk in (jfk, ord_):
            sync_once(desk.store)
        listed = cli("hq", "links", "--json", "--db", hq_db_url)
        assert listed.returncode == 0, listed.stderr
        found = json.loads(listed.stdout)
        assert {(x["item_id"], x["seizure_number"], x["facility"]) for x in found} == {
            (LINKED, number, "JFK"),
            (ALIKE, number, "JFK"),
        }  # not the unrelated parcel, not the one already examined at ORD
        assert {x["entity"] for x in found if x["item_id"] == LINKED} >= {"addressee phone"}
        [alike] = [x for x in found if x["item_id"] == ALIKE]
        assert alike["entity"] == "addressee address" and 0.85 <= alike["similarity"] < 1
        text = cli("hq", "links", "--db", hq_db_url).stdout
        assert f"{ALIKE} (HK): addressee address “" in text and "% alike) seizure" in text
        made = cli("hq", "links", "--publish", "--facility", "ORD", "--holds",
                   str(tmp_path / "targets.csv"), "--db", hq_db_url)  # fmt: skip
        assert made.returncode == 0, made.stderr
        assert "2 parcel(s) not yet examined share a party with a seizure" in made.stdout
        assert (
            (tmp_path / "targets.csv").read_text().startswith("item_id,reason,source,targeted_on")
        )
        for desk in (jfk, ord_):
            sync_once(desk.store)
        held = {h.item_id: h for h in list_holds(ord_.store)}
        assert set(held) == {LINKED, ALIKE}
        hold = held[LINKED]
        assert f"seizure {number} at JFK" in hold.reason
        assert hold.source == "HQ counter-network"
        assert list_holds(jfk.store) == []  # published to ORD's benches only
    finally:
        jfk.close()
        ord_.close()
    refused = cli("hq", "links", "--facility", "ORD", "--db", hq_db_url)
    assert refused.returncode == 2 and "--facility goes with --publish" in refused.stderr
