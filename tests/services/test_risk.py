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
    single = risk.rescore(store, engine, workers=1)
    monkeypatch.setattr(risk, "RESCORE_SPLIT_MIN", 0)
    split = risk.rescore(store, engine, workers=2)
    assert split == single
    assert (
        sum(split.values())
        == store.conn.execute("SELECT count(*) FROM aed_items WHERE is_current = 1").fetchone()[0]
    )
    assert split["hold"] > 0 and split["examine"] > 0
