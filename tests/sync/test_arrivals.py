"""Every scan reaches HQ as a compact arrival — the parcel, the bench's facility, when, whether
its AED was there, on time, and how complete — through the real window service, a real bench
file and a real HQ on loopback (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from parcelbench.aed.importer import import_files
from parcelbench.aed.writers import write_jsonl
from parcelbench.domain.aed import AedItem, ContentPiece, Party
from parcelbench.domain.arrival import completeness, missing_elements
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.hq.storage import Database
from parcelbench.store import Store
from parcelbench.sync import sync_once
from tests.conftest import make_item
from tests.sync.conftest import enrolled_desk
from tests.sync.hqproc import HqProcess

EARLY = "RR473124829GB"  # AED imported before the parcel is scanned: on time
LATE = "CP100000140DE"  # scanned first, its AED imported afterwards: present, late
NONE = "LX123456785CN"  # never any AED


def _import(store: Store, path: Path, item: dict[str, object]) -> None:
    with path.open("w", encoding="utf-8") as out:
        write_jsonl([item], out)
    assert not import_files(store, [path]).refused


def test_scans_reach_hq_as_arrivals_once(hq: HqProcess, hq_db: Database, tmp_path: Path) -> None:
    with enrolled_desk(hq_db, hq.url, tmp_path / "bench.db", "bench-1", "JFK", "4701") as desk:
        partial = make_item(item_id=EARLY, total_value=None)
        for piece in partial["contents"]:  # type: ignore[union-attr]
            piece.pop("value")  # type: ignore[union-attr]
        _import(desk.store, tmp_path / "early.jsonl", partial)
        for raw in (EARLY, LATE, NONE, "RR473124820GB"):  # the last: a bad check digit
            desk.look_up(ScanEvent.of(raw, "wedge"), officer="O1001")
        _import(desk.store, tmp_path / "late.jsonl", make_item(item_id=LATE))
        desk.look_up(ScanEvent.of(LATE, "wedge"), officer="O1001")  # scanned again, AED here now
        first = sync_once(desk.store)
        assert first.arrivals == 4  # the unreadable id is not an arrival
        assert sync_once(desk.store).arrivals == 0  # nothing sent twice
    with hq_db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT item_id, facility, origin, mail_class, aed_present, aed_on_time, "
            "aed_completeness FROM rm_arrivals ORDER BY scan_id"
        )
    assert [tuple(r) for r in rows] == [
        (EARLY, "JFK", "GB", "R", 1, 1, 0.875),  # no declared value: 7 of 8 elements
        (LATE, "JFK", "DE", "C", 0, 0, None),
        (NONE, "JFK", "CN", "L", 0, 0, None),
        (LATE, "JFK", "DE", "C", 1, 0, 1.0),  # came after the parcel: late
    ]


def test_completeness_counts_the_required_elements() -> None:
    party = Party(name="A. Sender", country="CN", street="1 Road", city="Shenzhen")
    whole = AedItem(
        "RR473124829GB", party, party,
        (ContentPiece("phone case", 2, 0.1, "10.00", "USD"),), gross_weight_kg=0.3,
    )  # fmt: skip
    assert completeness(whole) == 1.0 and missing_elements(whole) == []
    bare = AedItem("RR473124829GB", Party(name="", country="CN"), party, (ContentPiece("", 0),))
    assert missing_elements(bare) == [
        "sender name", "sender address", "content description", "number of pieces",
        "total weight", "declared value",
    ]  # fmt: skip
    assert completeness(bare) == 0.25
