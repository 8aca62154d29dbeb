"""A re-score flags every parcel exactly as scanning it would.

Why: the re-score answers its questions in bulk — the volume keys the import stored, every
sender's parcels by day and the addresses shared by more than one parcel read once, every
arrival at the facility read once, text results kept per distinct description, and the flags'
explanations never written — while a scan asks the database about its one parcel. Both must
give the same level, score and rules, for the parcels each shortcut is about: a drop address
(some of its parcels undated), a sender past the fan-out threshold, a parcel scanned before
its AED came, and the thousands of ordinary ones around them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from parcelbench.aed.demo import generate
from parcelbench.aed.importer import import_file
from parcelbench.aed.writers import write
from parcelbench.domain.records import Scan
from parcelbench.domain.risk import Level
from parcelbench.ids.s10 import make
from parcelbench.services import risk
from parcelbench.store import Store, scans, volume
from parcelbench.store.aed import iter_current, iter_current_keyed
from parcelbench.store.history import StoreHistory
from parcelbench.store.scans import facility_arrival_at, record_scan
from tests.conftest import make_item

DROP = [
    "4410 Industrial Pkwy Unit 12",
    "4410 INDUSTRIAL PARKWAY #12",
    "Unit 12, 4410 Industrial Pkwy",
]


def _parcels(now: datetime) -> list[dict[str, Any]]:
    items = list(generate(2500, 33))
    day = (now - timedelta(days=2)).isoformat(timespec="seconds")
    for n in range(7):  # seven senders to one drop; two parcels undated (counted today)
        item = make_item(item_id=make("CP", f"{n + 1:08d}", "CN"), sent_at=None if n < 2 else day)
        item["sender"] = {**item["sender"], "name": f"Drop Sender {n}"}
        item["addressee"] = {
            "name": f"Resident {n}",
            "street": DROP[n % len(DROP)],
            "city": "Reno",
            "postcode": "89502",
            "country": "US",
        }
        items.append(item)
    for n, item in enumerate(items[:260]):  # one shipper past the fan-out threshold
        item["sender"] = {**item["sender"], "name": "Mega Export Shop", "business": None}
        item["sent_at"] = (now - timedelta(days=n % 5)).isoformat(timespec="seconds")
    return items


def _as_scanned(store: Store, engine: Any) -> dict[str, tuple[str, int, tuple[str, ...]]]:
    """Each current parcel assessed as a scan does: a live history asking per parcel."""
    history = StoreHistory(store.conn)
    found = {}
    for item in iter_current(store.conn):
        a = engine.assess(item.item_id, item, history=history)
        rules = tuple(dict.fromkeys(f.rule for f in a.flags))
        found[item.item_id] = (str(a.level), a.score, rules)
    return found


@pytest.mark.parametrize("in_memory", [True, False], ids=["bulk", "query-each"])
def test_a_rescore_flags_each_parcel_as_a_scan_would(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_memory: bool
) -> None:
    if not in_memory:  # too many to hold: the re-score falls back to asking per parcel
        monkeypatch.setattr(scans, "ARRIVALS_IN_MEMORY", 0)
        monkeypatch.setattr(volume, "SENDER_DAYS_IN_MEMORY", 0)
    now = datetime.now(UTC)
    items = _parcels(now)
    late = items[300]["item_id"]
    earlier = (now - timedelta(hours=5)).isoformat(timespec="seconds")
    record_scan(store, Scan(late, late, "s10", True, "camera", "code128", earlier))
    path = tmp_path / "aed.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write("jsonl", items, fh)
    import_file(store, path)

    engine = risk.active_engine(store)
    scanned = _as_scanned(store, engine)
    # every parcel, cleared ones too, as the re-score's loop sees it
    history = StoreHistory(store.conn, snapshot=True)
    bulk = {}
    for item, row in iter_current_keyed(store.conn):
        history.use_stored_keys(item, row)
        level, score, rules = engine.score(item.item_id, item, history=history)
        bulk[item.item_id] = (str(level), score, rules)
    assert bulk == scanned
    # and what the re-score keeps: the parcels not cleared
    run = risk.rescore(store, engine, actor="T1", workers=1)
    kept = {p.item_id: (p.level, p.score, p.rules) for p in risk.worklist(store, limit=-1)}
    flagged = {i: r for i, r in scanned.items() if r[0] != str(Level.CLEAR)}
    assert kept == flagged
    assert sum(run.levels.values()) == len(scanned) > 2400
    assert run.levels[str(Level.CLEAR)] == len(scanned) - len(flagged)
    # every shortcut was on the path of some parcel
    fired = [rule for _, _, rules in scanned.values() for rule in rules]
    assert fired.count("sender-fan-out") >= 200
    assert fired.count("drop-address") == 7
    assert "late-aed" in scanned[late][2]


def test_the_bulk_answers_equal_the_queries(store: Store, tmp_path: Path) -> None:
    """Sender counts by day, lone addresses and arrivals read in one pass give what each
    query gives, window edges and limits included."""
    now = datetime.now(UTC)
    items = _parcels(now)
    for n, item in enumerate(items[:40]):
        at = (now - timedelta(hours=n)).isoformat(timespec="seconds")
        record_scan(store, Scan(item["item_id"], item["item_id"], "s10", True, "camera", "c", at))
    path = tmp_path / "aed.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write("jsonl", items, fh)
    import_file(store, path)

    by_day = volume.sender_days(store.conn)
    assert by_day is not None and volume.sender_days(store.conn, limit=1) is None
    rows = store.conn.execute(
        "SELECT DISTINCT sender_key, day FROM aed_volume WHERE sender_key IS NOT NULL"
    ).fetchall()
    checked = 0
    for key, day in rows[:300]:
        for shift in (-15, -14, 0, 3, 14, 15):
            for days, limit in ((14, 200), (1, 5), (0, 1)):
                want = volume.sender_parcels(store.conn, key, day + shift, days, limit)
                assert by_day[key].within(day + shift, days, limit) == want
                checked += want > 0
    assert checked > 500

    shared = volume.shared_addresses(store.conn)
    lone = 0
    for _, row in iter_current_keyed(store.conn):
        if row is not None and row[2] is not None and row[2] not in shared:
            for shift in (-15, -14, 0, 14, 15):
                for days, limit in ((14, 5), (14, 0)):
                    want = volume.addressee_senders(store.conn, row[2], row[0] + shift, days, limit)
                    assert volume.lone_address_senders(row, row[0] + shift, days, limit) == want
            lone += 1
    assert len(shared) >= 1 and lone > 2000  # the drop, and everyone else

    arrivals = scans.facility_arrivals(store.conn)
    assert arrivals is not None and len(arrivals) == 40
    assert scans.facility_arrivals(store.conn, limit=39) is None
    for item in items[:60]:
        assert arrivals.get(item["item_id"]) == facility_arrival_at(store.conn, item["item_id"])


def test_the_engines_short_answer_is_its_assessment(store: Store, tmp_path: Path) -> None:
    """`RiskEngine.score` (what a re-score keeps) is the level, score and rules of `assess`."""
    path = tmp_path / "aed.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write("jsonl", _parcels(datetime.now(UTC)), fh)
    import_file(store, path)
    engine = risk.active_engine(store)
    history = StoreHistory(store.conn)
    levels = set()
    for item in iter_current(store.conn):
        a = engine.assess(item.item_id, item, history=history)
        short = engine.score(item.item_id, item, history=history)
        assert short == (a.level, a.score, tuple(dict.fromkeys(f.rule for f in a.flags)))
        levels.add(a.level)
    assert levels == {Level.CLEAR, Level.EXAMINE, Level.DETAIN}
