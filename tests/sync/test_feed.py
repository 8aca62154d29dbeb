"""Pull from a real HQ: every feed kind applied with the bench's own importers, atomically."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from parcelbench.domain.feed import sign_item
from parcelbench.domain.settings import HQ_KEY
from parcelbench.hq.publish import PublishError, publish_file
from parcelbench.hq.storage import Database, repo
from parcelbench.hq.storage.keys import public_key
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
from tests.enrollment import some_hq_key
from tests.sync.conftest import Bench
from tests.sync.hqproc import HqProcess, cli

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


def publish_phone(db: Database, tmp_path: Path, value: str, reason: str) -> int:
    rows = [{"kind": "phone", "value": value, "reason": reason}]
    return int(publish_file(db, "watchlist", write(tmp_path, "w.jsonl", rows))["seq"])


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


def test_an_item_the_bench_cannot_apply_is_set_aside_reported_and_the_feed_goes_on(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    first = publish_file(hq_db, "rules", pack_version(tmp_path, "2099.2"))["seq"]
    assert sync_once(bench.store).cursor == first
    # same name@version with other rules: the bench's pack store refuses it; the items behind
    # it (a watchlist entry, an officer account) must still apply
    publish_phone(hq_db, tmp_path, "+44 20 7946 0000", "case 18")
    bad = publish_file(hq_db, "rules", pack_version(tmp_path, "2099.2", "\n# changed\n"))["seq"]
    officers = [{"badge": "S9002", "name": "Lee HQ", "role": "supervisor", "pin": "58203746"}]
    last = publish_file(hq_db, "officers", write(tmp_path, "o.jsonl", officers))["seq"]
    report = sync_once(bench.store)
    assert (report.pulled, report.feed_refused, report.cursor) == (2, 1, last)
    assert report.feed_error is None
    conn = bench.store.conn
    assert [w.value for w in list_watch(conn)] == ["+44 20 7946 0000"]
    assert authenticate(bench.store, "S9002", "58203746").name == "Lee HQ"
    assert active_pack(conn).version == "2099.2"  # type: ignore[union-attr]
    ((seq, kind, _name, why),) = store_sync.refused_feed(conn)
    assert (seq, kind) == (bad, "rules") and "already held with other rules" in why
    # HQ hears of it as an event, and nothing is fetched again
    with hq_db.tx(write=False) as tx:
        rows = tx.rows("SELECT payload FROM events WHERE kind = 'feed.refused'")
    refused = [json.loads(payload)["record"] for (payload,) in rows]
    assert [(r["seq"], r["kind"]) for r in refused] == [(bad, "rules")]
    again = sync_once(bench.store)
    assert (again.pulled, again.feed_refused, again.cursor) == (0, 0, last)
    listed = cli("sync", "--db", str(bench.path), "--parked", "--json")
    assert [f["seq"] for f in json.loads(listed.stdout)["feed"]] == [bad]


def test_a_withdrawn_item_is_moved_past_without_applying_it(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    wrong = publish_phone(hq_db, tmp_path, "+1 202 555 0100", "typed in error")
    done = cli("hq", "withdraw", str(wrong), "--reason", "wrong number", "--db", hq.db_url or "")
    assert done.returncode == 0, done.stderr
    publish_phone(hq_db, tmp_path, "+1 202 555 0111", "case 20")
    report = sync_once(bench.store)
    assert (report.pulled, report.feed_refused, report.feed_error) == (2, 0, None)
    assert [w.value for w in list_watch(bench.store.conn)] == ["+1 202 555 0111"]
    assert store_sync.applied_feed(bench.store.conn)[0][:2] == (wrong, "withdrawn")
    feed = json.loads(cli("hq", "feed", "--json", "--db", hq.db_url or "").stdout)["items"]
    assert [(i["seq"], i["withdrawn_reason"]) for i in feed] == [(2, None), (1, "wrong number")]
    twice = cli("hq", "withdraw", str(wrong), "--reason", "again", "--db", hq.db_url or "")
    assert twice.returncode == 2 and "no feed item 1 to withdraw" in twice.stderr


def test_a_truncated_aed_file_is_refused_at_publish(hq_db: Database, tmp_path: Path) -> None:
    whole = (TEST_DATA / "good.xml").read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    with pytest.raises(PublishError, match=r"cut\.xml"):
        publish_file(hq_db, "aed", cut)
    assert repo.feed_head(hq_db) == 0


def test_an_aed_batch_the_bench_refuses_does_not_block_the_items_behind_it(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    whole = (TEST_DATA / "good.xml").read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    sha, size = repo.store_file_blob(hq_db, str(cut))  # as an HQ before full checks let it by
    body = {"file": "cut.xml", "format": "xml", "sha256": sha, "size": size}
    bad = repo.publish(hq_db, "aed", "cut.xml", body, "hq")
    publish_phone(hq_db, tmp_path, "+1 202 555 0122", "case 21")
    first = sync_once(bench.store)
    assert (first.feed_refused, first.feed_error) == (1, None)
    second = sync_once(bench.store)  # the AED page stood alone; the next round goes on
    assert [w.value for w in list_watch(bench.store.conn)] == ["+1 202 555 0122"]
    assert second.cursor == bad + 1
    assert [f[0] for f in store_sync.refused_feed(bench.store.conn)] == [bad]


def test_only_items_signed_by_the_pinned_hq_key_are_applied(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    publish_phone(hq_db, tmp_path, "+1 775 555 0142", "case 22")
    # a bench that pinned another key (a man in the middle's HQ, or the wrong enrollment)
    settings.save(bench.store, {HQ_KEY: some_hq_key()})
    report = sync_once(bench.store)
    assert report.cursor == 0 and "not signed by the HQ key" in (report.feed_error or "")
    # no key pinned: nothing from the feed at all
    settings.save(bench.store, {HQ_KEY: None})
    report = sync_once(bench.store)
    assert report.cursor == 0 and "no HQ key pinned" in (report.feed_error or "")
    assert list_watch(bench.store.conn) == []
    # the right key, but an item re-signed by someone else or stripped of its signature
    settings.save(bench.store, {HQ_KEY: public_key(hq_db)})
    stranger = Ed25519PrivateKey.generate()
    with hq_db.tx() as tx:
        seq, kind, name, digest, at = tx.one(
            "SELECT seq, kind, name, checksum, published_at FROM feed"
        )  # type: ignore[misc]
        tx.run("UPDATE feed SET signature = ?", (sign_item(stranger, seq, kind, name, digest, at),))
    assert "not signed by the HQ key" in (sync_once(bench.store).feed_error or "")
    with hq_db.tx() as tx:
        tx.run("UPDATE feed SET signature = ''")
    assert "is not signed by HQ" in (sync_once(bench.store).feed_error or "")
    assert store_sync.cursor(bench.store.conn) == 0 and list_watch(bench.store.conn) == []
    with hq_db.tx() as tx:
        tx.run("UPDATE feed SET signature = NULL")  # HQ signs it again with its own key
    assert sync_once(bench.store).pulled == 1


def test_a_feed_item_that_fails_its_checksum_is_not_applied(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    publish_phone(hq_db, tmp_path, "+1 775 555 0199", "case 19")
    with hq_db.tx() as tx:
        tx.run("UPDATE feed SET body = replace(body, 'case 19', 'case 91')")
    report = sync_once(bench.store)
    assert report.cursor == 0 and "checksum" in (report.feed_error or "")
    assert list_watch(bench.store.conn) == []
