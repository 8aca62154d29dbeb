"""Bulk iteration of current items (for rescoring) and the bench's rule-pack history."""

from __future__ import annotations

from pathlib import Path

import pytest

from parcelbench.aed.importer import import_file
from parcelbench.aed.writers import write
from parcelbench.store import Store
from parcelbench.store.aed import get_current, iter_current
from parcelbench.store.audit import verify_chain
from parcelbench.store.rulepacks import activate_pack, active_pack, list_packs


def test_iter_current_yields_exactly_what_lookups_give(store: Store, tmp_path: Path) -> None:
    from parcelbench.aed.demo import generate

    path = tmp_path / "d.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write("jsonl", generate(3000, 11), fh)  # includes version-2 items and gaps
    import_file(store, path)
    walked = list(iter_current(store.conn, chunk=250))
    assert len(walked) == len({item.item_id for item in walked})
    assert (
        len(walked)
        == store.conn.execute("SELECT count(*) FROM aed_items WHERE is_current = 1").fetchone()[0]
    )
    for item in walked[::37]:
        held = get_current(store.conn, item.item_id)
        assert held is not None and held.item == item


def test_activating_packs_keeps_history_and_one_active(store: Store) -> None:
    activate_pack(store, name="default", version="1", body="a = 1\n", actor="t")
    activate_pack(store, name="default", version="2", body="a = 2\n", actor="t")
    active = active_pack(store.conn)
    assert active is not None and (active.name, active.version) == ("default", "2")
    assert [(p.version, p.active) for p in list_packs(store.conn)] == [("1", False), ("2", True)]
    activate_pack(store, name="default", version="1", body="a = 1\n", actor="t")  # roll back
    assert active_pack(store.conn).version == "1"  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="raise the pack's version"):
        activate_pack(store, name="default", version="1", body="a = 3\n", actor="t")
    assert active_pack(store.conn).version == "1"  # type: ignore[union-attr]
    assert verify_chain(store.conn).entries == 3
