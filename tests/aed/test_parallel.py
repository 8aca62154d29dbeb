"""The helper-process reader gives exactly what the in-process reader gives, refusals included."""

from __future__ import annotations

import hashlib
import marshal
import os
import signal
import struct
import time
from pathlib import Path
from typing import Any

import pytest

from parcelbench.aed.demo import generate
from parcelbench.aed.importer import import_file
from parcelbench.aed.parallel import ParallelReader, from_wire, produce
from parcelbench.aed.source import open_aed
from parcelbench.aed.validate import validate_item
from parcelbench.aed.writers import write
from parcelbench.ids.s10 import make
from parcelbench.risk.entities import item_volume_keys
from parcelbench.store import Store
from parcelbench.store.aed import get_current
from tests.conftest import TEST_DATA, dump, make_item


def _file(path: Path, fmt: str, n: int) -> Path:
    items = [make_item(item_id=make("UA", f"{i:08d}", "HK")) for i in range(n)]
    items.insert(6, make_item(item_id="RB123456786US"))  # two bad items
    items.insert(8, make_item(item_id="EE471108151FR", currency="XYZ"))
    with path.open("w", encoding="utf-8", newline="") as fh:
        write(fmt, items, fh)
    return path


@pytest.mark.parametrize("fmt", ["xml", "jsonl", "csv"])
def test_parallel_and_local_imports_agree(tmp_path: Path, fmt: str) -> None:
    path = _file(tmp_path / f"a.{fmt}", fmt, 1500)
    results = {}
    for parallel in (False, True):
        with Store(tmp_path / f"{parallel}.sqlite") as store:
            result = import_file(store, path, parallel=parallel, batch_size=300)
            results[parallel] = result
            stored = get_current(store.conn, make("UA", f"{1234:08d}", "HK"))
            assert stored is not None
    local, remote = results[False], results[True]
    assert remote.refused is None
    assert remote.counts == local.counts
    assert remote.counts.imported == 1500 and remote.counts.rejected == 2
    assert remote.rejections == local.rejections


@pytest.mark.parametrize("name", ["truncated.xml", "latin1.jsonl", "ragged.csv"])
def test_parallel_reader_refuses_like_the_local_one(tmp_path: Path, name: str) -> None:
    db = tmp_path / "p.sqlite"
    with Store(db) as store:
        before = dump(db)
        local = import_file(store, TEST_DATA / name, parallel=False)
        remote = import_file(store, TEST_DATA / name, parallel=True)
        assert remote.refused is not None
        assert remote.refused == local.refused
        assert dump(db) == before


def test_parallel_import_records_the_file_hash(tmp_path: Path) -> None:
    path = _file(tmp_path / "h.xml", "xml", 50)
    with Store(tmp_path / "h.sqlite") as store:
        import_file(store, path, parallel=True)
        payload = store.conn.execute("SELECT payload FROM audit_log").fetchone()[0]
    assert hashlib.sha256(path.read_bytes()).hexdigest() in payload


def test_wire_form_round_trips_a_validated_item() -> None:
    from parcelbench.aed.parallel import from_wire, to_wire
    from parcelbench.aed.validate import validate_item

    item = validate_item(make_item(licence_nos=["A", "B"]), file="f", line=1)
    assert not isinstance(item, list)
    assert from_wire(to_wire(item)) == item


def _frames(path: Path) -> list[tuple[int, Any, Any, Any]]:
    out: list[tuple[int, Any, Any, Any]] = []
    with path.open("rb") as stream:
        while header := stream.read(4):
            message = marshal.loads(stream.read(struct.unpack("!I", header)[0]))
            if message[0] == "items":
                out.extend(message[1])
    return out


@pytest.mark.parametrize("fmt", ["xml", "jsonl"])
@pytest.mark.parametrize("share", [0.0, 0.4, 0.8, 1.0])
def test_the_helper_validates_its_share_and_the_writer_the_rest(
    tmp_path: Path, fmt: str, share: float
) -> None:
    """However the work is split, each item arrives once, in order, and validated the same:
    the helper's share validated and keyed, bad items and the rest raw."""
    path = _file(tmp_path / f"s.{fmt}", fmt, 200)
    stream = tmp_path / "frames"
    with stream.open("wb") as out:
        produce(str(path), out, share=share)
    frames = _frames(stream)
    assert [line for line, *_ in frames] == sorted({line for line, *_ in frames})
    assert len(frames) == 202
    assert sum(wire is not None for _, _, wire, _ in frames) == pytest.approx(202 * share, abs=3)
    raw = {r.line: r.data for r in open_aed(path).reader}
    bad = 0
    for line, data, wire, keys in frames:
        again = validate_item(raw[line], file=str(path), line=line)
        if wire is None:  # the writer validates it (and reports it, when bad)
            assert (data, keys) == (raw[line], None)
            bad += isinstance(again, list)
        else:
            assert data is None and from_wire(wire) == again
            assert keys == item_volume_keys(again)
    assert bad == 2


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="POSIX job control")
def test_frames_survive_the_reader_being_stopped_and_continued(tmp_path: Path) -> None:
    """Ctrl-Z and fg (or a profiler attaching) stop the helper inside a blocked pipe write.

    The kernel then returns a partial write; the stream must carry on exactly where it was
    (BufferedWriter lost or repeated bytes of the frame: "bad marshal data").
    """
    path = tmp_path / "big.xml"
    with path.open("w", encoding="utf-8") as out:
        write("xml", generate(12_000, seed=3), out)
    reader = ParallelReader(path, "xml")
    seen = 0
    for raw in reader:
        seen += 1
        assert raw.line > 0
        if seen % 400 == 0:  # the pipe is full by now: the helper waits in write()
            time.sleep(0.03)
            assert reader.process is not None
            os.kill(reader.process.pid, signal.SIGSTOP)
            time.sleep(0.01)
            os.kill(reader.process.pid, signal.SIGCONT)
    assert seen == 12_000
    assert reader.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
