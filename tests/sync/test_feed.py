"""Pull from a real HQ: every feed kind applied with the bench's own importers, atomically."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from parcelbench.domain.settings import LAST_ERROR
from parcelbench.hq.publish import publish_file
from parcelbench.hq.storage import Database
from parcelbench.services.officers import authenticate
from parcelbench.store import settings
from parcelbench.store import sync as store_sync
from parcelbench.store.aed import get_current
from parcelbench.store.holds import list_holds
from parcelbench.store.rulepacks import active_pack
from parcelbench.store.shippers import list_shippers
from parcelbench.store.watchlist import list_watch
from parcelbench.sync import sync_once
from tests.conftest import PROJECT_ROOT, TEST_DATA
from tests.sync.conftest import Bench
from tests.sync.hqproc import HqProcess

DEFAULT_PACK = PROJECT_ROOT / "resources" / "rules" / "default.toml"


def pack_version(tmp_path: Path, version: str, extra: str = "") -> Path:
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^version = ".*"$', f'version = "{version}"', text, count=1) + extra
    path = tmp_path / f"pack-{version}-{len(extra)}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def write(tmp_path: Path, name: str, rows: list[dict] | str) -> Path:  # type: ignore[type-arg]
    path = tmp_path / name
    text = rows if isinstance(rows, str) else "\n".join(json.dumps(r) for r in rows)
    path.write_text(text, encoding="utf-8")
    return path


def publish_phone(db: Database, tmp_path: Path, value: str, reason: str) -> None:
    rows = [{"kind": "phone", "value": value, "reason": reason}]
    publish_file(db, "watchlist", write(tmp_path, "w.jsonl", rows))


def publish_everything(db: Database, tmp_path: Path) -> list[int]:
    seqs = [
        publish_file(db, "rules", pack_version(tmp_path, "2099.1"))["seq"],
        publish_file(
            db,
            "holds",
            write(
                tmp_path,
                "holds.csv",
                "item_id,reason,source,targeted_on\n"
                "RR473124829GB,pill press parts (HQ alert 17),HQ targeting,2026-11-20\n",
            ),
        )["seq"],
        publish_file(
            db,
            "watchlist",
            write(
                tmp_path,
                "watch.jsonl",
                [{"kind": "phone", "value": "+1 775 555 0142", "reason": "seller in case 17"}],
            ),
        )["seq"],
        publish_file(
            db,
            "shippers",
            write(
                tmp_path,
                "shippers.json",
                json.dumps([{"name": "Acme GmbH", "country": "DE", "programme": "AEO"}]),
            ),
        )["seq"],
        publish_file(
            db,
            "officers",
            write(
                tmp_path,
                "officers.jsonl",
                [{"badge": "S9001", "name": "Ana HQ", "role": "supervisor", "pin": "29174608"}],
            ),
        )["seq"],
    ]
    shutil.copy(TEST_DATA / "good.jsonl", tmp_path / "aed-batch.jsonl")
    seqs.append(publish_file(db, "aed", tmp_path / "aed-batch.jsonl")["seq"])
    return seqs


def test_every_feed_kind_reaches_the_bench(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    seqs = publish_everything(hq_db, tmp_path)
    report = sync_once(bench.store)
    assert report.pulled == 6 and report.feed_error is None
    assert report.cursor == seqs[-1] == store_sync.cursor(bench.store.conn)
    applied = store_sync.applied_feed(bench.store.conn)
    assert [a[0] for a in applied] == seqs
    conn = bench.store.conn
    assert active_pack(conn).version == "2099.1"  # type: ignore[union-attr]
    assert [h.item_id for h in list_holds(conn)] == ["RR473124829GB"]
    assert [(w.value, w.source) for w in list_watch(conn)] == [("+1 775 555 0142", "hq")]
    assert [(s.name, s.source) for s in list_shippers(conn)] == [("Acme GmbH", "hq")]
    assert authenticate(bench.store, "S9001", "29174608").name == "Ana HQ"
    assert get_current(conn, "RR473124829GB") is not None
    # nothing new: nothing pulled, the cursor stays
    again = sync_once(bench.store)
    assert again.pulled == 0 and again.cursor == seqs[-1]


def test_a_page_that_cannot_be_applied_is_reported_not_half_applied(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    first = publish_file(hq_db, "rules", pack_version(tmp_path, "2099.2"))["seq"]
    assert sync_once(bench.store).cursor == first
    # same name@version with other rules: the bench's pack store refuses it
    publish_phone(hq_db, tmp_path, "+44 20 7946 0000", "case 18")
    publish_file(hq_db, "rules", pack_version(tmp_path, "2099.2", "\n# changed\n"))
    before = bench.store.table_counts()
    del before["sync_state"]  # where the error itself is recorded
    report = sync_once(bench.store)
    assert report.pulled == 0 and report.cursor == first
    assert report.feed_error and "already held with other rules" in report.feed_error
    after = bench.store.table_counts()
    del after["sync_state"]
    assert after == before  # the watchlist entry of that page too
    assert settings.get(bench.store.conn, LAST_ERROR) == report.feed_error


def test_a_feed_item_that_fails_its_checksum_is_not_applied(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    publish_phone(hq_db, tmp_path, "+1 775 555 0199", "case 19")
    with hq_db.tx() as tx:
        tx.run("UPDATE feed SET body = replace(body, 'case 19', 'case 91')")
    report = sync_once(bench.store)
    assert report.cursor == 0 and "checksum" in (report.feed_error or "")
    assert list_watch(bench.store.conn) == []
