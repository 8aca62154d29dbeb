"""Rescoring splits the table between processes and gets the same counts as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from parcelbench.aed.importer import import_file
from parcelbench.aed.writers import write
from parcelbench.services import risk
from parcelbench.store import Store


def test_split_rescore_equals_single_process(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parcelbench.aed.demo import generate

    path = tmp_path / "d.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write("jsonl", generate(2500, 21), fh)
    import_file(store, path)
    engine = risk.active_engine(store)
    single = risk.rescore(store, engine, actor="T1", workers=1)
    alone = risk.worklist(store, limit=-1)
    monkeypatch.setattr(risk, "RESCORE_SPLIT_MIN", 0)
    split = risk.rescore(store, engine, actor="T1", workers=2)
    assert split.levels == single.levels
    assert split.id == single.id + 1
    assert risk.worklist(store, limit=-1) == alone  # the helper's parcels kept like its own
    assert (
        split.items
        == store.conn.execute("SELECT count(*) FROM aed_items WHERE is_current = 1").fetchone()[0]
    )
    assert split.levels["detain"] > 0 and split.levels["examine"] > 0
    assert len(alone) == split.levels["detain"] + split.levels["examine"]


def test_aed_that_arrives_after_the_parcel_is_flagged_on_the_next_scan(
    store: Store, tmp_path: Path
) -> None:
    """The real sequence: the parcel is scanned with no AED, the data arrives hours later,
    and scanning it again says so."""
    from datetime import UTC, datetime, timedelta

    from parcelbench.domain.records import Scan
    from parcelbench.store.scans import record_scan
    from tests.conftest import make_item

    engine = risk.active_engine(store)
    item_id = make_item()["item_id"]
    before, _ = risk.assess(store, engine, item_id)
    # RR…: a registered letter-post id, which may hold only documents (no AED needed)
    assert {f.rule for f in before.flags} == {"letter-without-aed"}
    three_hours_ago = (datetime.now(UTC) - timedelta(hours=3)).isoformat(timespec="seconds")
    record_scan(store, Scan(item_id, item_id, "s10", True, "camera", "code128", three_hours_ago))

    path = tmp_path / "late.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write("jsonl", [make_item()], fh)
    import_file(store, path)
    after, _ = risk.assess(store, engine, item_id)
    (late,) = [f for f in after.flags if f.rule == "late-aed"]
    assert "3.0 h after the parcel arrived at this facility" in late.rationale


def test_assess_refuses_an_id_that_is_not_valid(store: Store) -> None:
    """Every entry point (CLI, services) refuses what the window shows as unreadable."""
    from parcelbench.ids import parse, untrusted_id_message

    engine = risk.active_engine(store)
    for payload in ("HA336870918CN", "hello", ""):
        with pytest.raises(risk.UntrustedId) as caught:
            risk.assess(store, engine, payload)
        assert caught.value.parsed == parse(payload)
        assert caught.value.message == str(caught.value) == untrusted_id_message(parse(payload))
    assert risk.assess(store, engine, "HA336870917CN")[0].item_id == "HA336870917CN"
