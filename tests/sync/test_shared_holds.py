"""Holds shared by a facility's benches: HQ publishes a targeting list to one facility, a hold
located and examined at one bench shows as such (where, by whom, with what outcome) at the
other after one sync round each, and HQ sees every hold's state — real bench files, a real HQ
on loopback, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from parcelbench.domain.records import Outcome, Role
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.hq.storage import Database
from parcelbench.ids.s10 import make
from parcelbench.services.holds import hold_for, list_holds
from parcelbench.services.outcomes import SeizureDraft, record
from parcelbench.sync import sync_once
from tests.accounts import account
from tests.exams import OPENED
from tests.sync.conftest import enrolled_desk
from tests.sync.hqproc import HqProcess, cli

H1, H2, H3 = (make("LX", f"{40000001 + i:08d}", "CN") for i in range(3))
POWDER = SeizureDraft("narcotics", "white powder", 1, "g", 20.0, "Raman", "positive fentanyl")


def test_a_hold_examined_at_one_bench_shows_examined_at_the_other(
    hq: HqProcess, hq_db: Database, hq_db_url: str, tmp_path: Path
) -> None:
    one = enrolled_desk(hq_db, hq.url, tmp_path / "1.db", "jfk-1", "JFK", "4701")
    two = enrolled_desk(hq_db, hq.url, tmp_path / "2.db", "jfk-2", "JFK", "4701")
    ord_ = enrolled_desk(hq_db, hq.url, tmp_path / "3.db", "ord-1", "ORD", "3901")
    today = datetime.now(UTC).date()
    targets = tmp_path / "jfk-targets.csv"
    targets.write_text(
        "item_id,reason,source,targeted_on\n"
        + "".join(f"{h},sender linked to a seizure,HQ targeting,{today}\n" for h in (H1, H2, H3))
    )
    published = cli("hq", "publish", "holds", str(targets), "--facility", "JFK", "--db", hq_db_url)
    assert published.returncode == 0, published.stderr
    refused = cli("hq", "publish", "holds", str(targets), "--facility", "SFO", "--db", hq_db_url)
    assert refused.returncode != 0 and "no facility 'SFO' at HQ" in refused.stderr
    try:
        for desk in (one, two, ord_):
            sync_once(desk.store)
        assert [h.item_id for h in list_holds(one.store)] == [H1, H2, H3]
        assert [h.item_id for h in list_holds(two.store)] == [H1, H2, H3]
        assert list_holds(ord_.store) == []  # another facility's list
        # jfk-1 finds H1 and H2, seizes from H1
        officer = account(one.store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
        one.look_up(ScanEvent.of(H1, "wedge"), officer="O1001")
        one.look_up(ScanEvent.of(H2, "wedge"), officer="O1001")
        record(one.store, officer, H1, Outcome.SEIZED, selection="targeting_list", exam=OPENED,
               seizure=POWDER)  # fmt: skip
        sync_once(one.store)  # one round at jfk-1 ...
        sync_once(two.store)  # ... and one at jfk-2
        there = {h.item_id: h for h in list_holds(two.store)}
        assert (there[H1].status, there[H1].elsewhere) == (
            "examined", "examined at jfk-1 by O1001: seized"
        )  # fmt: skip
        assert (there[H2].status, there[H2].elsewhere) == ("located", "located at jfk-1")
        assert (there[H3].status, there[H3].elsewhere) == ("outstanding", None)
        assert there[H1].inspection_uuid is None  # not examined here: no record of this bench
        seen = hold_for(two.store, H1)
        assert seen is not None and not seen.open  # scanned at jfk-2: no longer targeted here
        sync_once(ord_.store)
        assert list_holds(ord_.store) == []
        # the examining bench hears its own news back and keeps its own record
        sync_once(one.store)
        mine = {h.item_id: h for h in list_holds(one.store)}
        assert mine[H1].elsewhere is None and mine[H1].inspection_uuid is not None
    finally:
        for desk in (one, two, ord_):
            desk.close()
    with hq_db.tx(write=False) as tx:
        states = dict(
            (item, status)
            for item, status in tx.rows(
                "SELECT item_id, status FROM rm_holds WHERE facility = 'JFK'"
            )
        )
    assert states == {H1: "examined", H2: "located", H3: "outstanding"}
