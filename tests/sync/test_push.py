"""Push to a real HQ server: exactly-once storage, auth, revocation, parking, the audit chain."""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from parcelbench.domain.chain import entry_hash
from parcelbench.domain.records import Inspection, Outcome, Role
from parcelbench.domain.settings import HQ_TOKEN, NEEDS_ENROLLMENT
from parcelbench.hq.storage import Database, repo
from parcelbench.store import outbox, settings
from parcelbench.store import sync as store_sync
from parcelbench.store.evidence import attach_photo, record_inspection
from parcelbench.sync import state, sync_once
from parcelbench.sync.transport import Refused, Unauthorized
from tests.accounts import account, pin_file
from tests.sync.conftest import Bench, enroll_bench
from tests.sync.hqproc import HqProcess, cli, record_events


def bench_ids(store) -> list[str]:  # type: ignore[no-untyped-def]
    return [r[0] for r in store.conn.execute("SELECT event_id FROM outbox ORDER BY seq")]


def post(url: str, token: str, body: dict) -> tuple[int, dict]:  # type: ignore[type-arg]
    request = urllib.request.Request(
        url + "/v1/events",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_push_stores_each_event_once_and_marks_only_what_hq_holds(
    bench: Bench, hq: HqProcess, hq_db: Database
) -> None:
    record_events(bench.store, 2500)
    report = sync_once(bench.store, batch=700)
    assert (report.pushed, report.acknowledged, report.pending) == (2500, 2500, 0)
    assert report.queued_total == 2500 and report.chain_ok is True
    assert repo.bench_event_ids(hq_db, bench.bench_id) == bench_ids(bench.store)
    # resending everything (as after a crash before the marks) stores nothing twice
    bench.store.conn.execute("UPDATE outbox SET sent_at = NULL")
    again = sync_once(bench.store, batch=1000)
    assert again.acknowledged == 2500
    assert repo.bench_event_ids(hq_db, bench.bench_id) == bench_ids(bench.store)
    status = {b["bench_id"]: b for b in repo.status(hq_db)}[bench.bench_id]
    assert status["events"] == 2500 and status["last_seq"] == 2500
    assert status["chain_ok"] and status["chain_seq"] == 2500
    assert state(bench.store).online is True and state(bench.store).pending == 0


def test_wrong_and_revoked_tokens_are_refused_and_the_queue_is_kept(
    bench: Bench, hq: HqProcess, hq_db: Database
) -> None:
    record_events(bench.store, 3)
    wrong = bench.client(hq.url)
    wrong.token = bench.bench_id + ".not-the-secret"
    with pytest.raises(Unauthorized):
        sync_once(bench.store, wrong)
    assert repo.revoke(hq_db, bench.bench_id)
    with pytest.raises(Unauthorized, match="revoked"):
        sync_once(bench.store)
    assert outbox.count_pending(bench.store.conn) == 3
    seen = state(bench.store)
    assert seen.needs_enrollment and seen.online is False and seen.pending == 3
    assert repo.bench_event_ids(hq_db, bench.bench_id) == []
    # enrolled again: the kept queue goes through
    _, token = repo.enroll(hq_db, "bench-1 again", "JFK")
    settings.save(bench.store, {HQ_TOKEN: token, NEEDS_ENROLLMENT: None})
    assert sync_once(bench.store).acknowledged == 3


def test_a_token_cannot_write_another_benchs_events(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    other = enroll_bench(hq_db, tmp_path / "other.db", hq.url, name="bench-2")
    record_events(other.store, 2)
    sync_once(other.store)
    theirs = bench_ids(other.store)
    record_events(bench.store, 1)  # a well-formed event of this bench's own
    kind, payload = bench.store.conn.execute("SELECT kind, payload FROM outbox").fetchone()
    event = {
        "event_id": str(uuid.uuid4()),
        "bench_id": other.bench_id,
        "seq": 1,
        "kind": kind,
        "created_at": "2026-11-27T10:00:00Z",
        "payload": json.loads(payload),
    }
    # naming the other bench, in the envelope or in an event: 403
    status, body = post(hq.url, bench.token, {"bench_id": other.bench_id, "events": [event]})
    assert status == 403
    status, body = post(hq.url, bench.token, {"bench_id": bench.bench_id, "events": [event]})
    assert status == 403 and other.bench_id in body["detail"]
    # reusing the other bench's event id: refused per event, nothing overwritten
    event |= {"bench_id": bench.bench_id, "event_id": theirs[0]}
    status, body = post(hq.url, bench.token, {"bench_id": bench.bench_id, "events": [event]})
    assert status == 200 and body["held"] == []
    assert body["rejected"][0]["event_id"] == theirs[0]
    assert repo.bench_event_ids(hq_db, other.bench_id) == theirs
    assert repo.bench_event_ids(hq_db, bench.bench_id) == []
    other.store.close()


def test_a_refused_event_is_parked_without_blocking_the_queue(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    record_events(bench.store, 10)
    # an event HQ's validation refuses (a kind outside the wire format)
    bench.store.conn.execute("UPDATE outbox SET kind = 'Not A Kind!' WHERE seq = 4")
    report = sync_once(bench.store, batch=5)
    assert report.acknowledged == 9 and report.parked == 1 and report.pending == 0
    parked = store_sync.parked_events(bench.store.conn)
    assert [p.seq for p in parked] == [4] and "kind" in parked[0].reason
    held = repo.bench_event_ids(hq_db, bench.bench_id)
    assert len(held) == 9 and parked[0].event_id not in held
    assert state(bench.store).parked == 1
    listed = cli("sync", "--db", str(bench.path), "--parked", "--json")
    assert [(p["seq"], p["event_id"]) for p in json.loads(listed.stdout)["events"]] == [
        (4, parked[0].event_id)
    ]
    # sending them again is a supervisor's decision, signed and audited
    account(bench.store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
    account(bench.store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574")
    db = str(bench.path)
    unsigned = cli("sync", "--db", db, "--retry-parked", "--once")
    assert unsigned.returncode == 2 and "supervisor's decision" in unsigned.stderr
    retry = ("sync", "--db", db, "--retry-parked", "--once", "--officer")
    officer = cli(*retry, "O1001", "--pin-file", str(pin_file(tmp_path, "40718253")))
    assert officer.returncode == 3 and "needs a supervisor" in officer.stderr
    assert state(bench.store).parked == 1
    retried = cli(*retry, "S2001", "--pin-file", str(pin_file(tmp_path, "63920574")))
    assert retried.returncode == 0, retried.stderr
    assert state(bench.store).parked == 1  # HQ refuses it again: parked again, nothing lost
    actions = [
        r[0] for r in bench.store.conn.execute("SELECT actor || ' ' || action FROM audit_log")
    ]
    assert "S2001 sync.unparked" in actions


def test_bad_payload_gets_field_level_422(bench: Bench, hq: HqProcess) -> None:
    status, body = post(
        hq.url,
        bench.token,
        {"bench_id": bench.bench_id, "events": [{"event_id": "x", "seq": 0}]},
    )
    assert status == 422
    fields = {tuple(d["loc"]) for d in body["detail"]}
    assert ("body", "events", 0, "event_id") in fields
    assert ("body", "events", 0, "seq") in fields
    assert ("body", "events", 0, "payload") in fields


def test_photos_upload_verified_and_resumable(bench: Bench, hq: HqProcess, hq_db: Database) -> None:
    big = bytes(range(256)) * 12_000  # ~3 MB: several parts
    small = b"\xff\xd8 a small photo \xff\xd9"
    record_inspection(
        bench.store,
        Inspection("I-1", "RR473124829GB", Outcome.SEIZED, "O1001", "2026-11-27T10:00:00Z"),
    )
    for data in (big, small):
        attach_photo(bench.store, "I-1", data, actor="O1001")
    sha_big = hashlib.sha256(big).hexdigest()
    # an upload interrupted after its first part: HQ keeps the part, the bench resumes
    client = bench.client(hq.url)
    client.request(
        "PUT",
        f"/v1/blobs/{sha_big}",
        data=big[: 1024 * 1024],
        headers={"Upload-Offset": "0", "Upload-Length": str(len(big))},
    )
    assert repo.upload_state(hq_db, bench.bench_id, sha_big).received == 1024 * 1024
    report = sync_once(bench.store)
    assert report.blobs == 2
    hashes = repo.blob_hashes_ok(hq_db)
    assert hashes == {sha_big: True, hashlib.sha256(small).hexdigest(): True}
    # bytes that do not match their name are refused and not kept
    wrong = "0" * 64
    with pytest.raises(Refused, match="SHA-256"):
        client.request(
            "PUT",
            f"/v1/blobs/{wrong}",
            data=b"abc",
            headers={"Upload-Offset": "0", "Upload-Length": "3"},
        )
    assert repo.blob_state(hq_db, wrong) is None
    assert not repo.upload_state(hq_db, bench.bench_id, wrong).complete
    assert sync_once(bench.store).blobs == 0  # nothing left to upload


def test_no_bench_sees_restarts_or_pre_empts_another_benchs_photo_upload(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    other = enroll_bench(hq_db, tmp_path / "other.db", hq.url, name="bench-2")
    photo = bytes(range(256)) * 6_000  # ~1.5 MB: two parts
    sha = hashlib.sha256(photo).hexdigest()
    mine, theirs = bench.client(hq.url), other.client(hq.url)

    def put(client: object, data: bytes, offset: int, size: int) -> dict:  # type: ignore[type-arg]
        return client.request(  # type: ignore[attr-defined,no-any-return]
            "PUT",
            f"/v1/blobs/{sha}",
            data=data,
            headers={"Upload-Offset": str(offset), "Upload-Length": str(size)},
        )

    put(mine, photo[: 1024 * 1024], 0, len(photo))  # this bench's upload, half done
    assert theirs.request("GET", f"/v1/blobs/{sha}") == {
        "sha256": sha, "size": 0, "received": 0, "complete": False
    }  # fmt: skip
    put(theirs, b"junk", 0, 10)  # another size declared elsewhere: only that bench's upload
    assert repo.upload_state(hq_db, bench.bench_id, sha).received == 1024 * 1024
    # the other bench sends the whole photo: HQ keeps it; this bench still has to send its own
    put(theirs, photo[: 1024 * 1024], 0, len(photo))
    assert put(theirs, photo[1024 * 1024 :], 1024 * 1024, len(photo))["complete"] is True
    assert mine.request("GET", f"/v1/blobs/{sha}")["complete"] is False
    assert put(mine, photo[1024 * 1024 :], 1024 * 1024, len(photo))["complete"] is True
    assert repo.blob_hashes_ok(hq_db) == {sha: True}
    counts = {b["bench_id"]: b["blobs"] for b in repo.status(hq_db)}
    assert counts == {bench.bench_id: 1, other.bench_id: 1}
    other.store.close()


def test_a_damaged_or_missing_photo_is_set_aside_and_everything_else_syncs(
    bench: Bench, hq: HqProcess, hq_db: Database
) -> None:
    record_inspection(
        bench.store,
        Inspection("I-2", "RR473124829GB", Outcome.SEIZED, "O1001", "2026-11-27T10:00:00Z"),
    )
    photos = [b"\xff\xd8 photo %d \xff\xd9" % n for n in range(3)]
    for data in photos:
        attach_photo(bench.store, "I-2", data, actor="O1001")
    damaged, missing, good = (hashlib.sha256(d).hexdigest() for d in photos)
    folder = bench.path.with_name(bench.path.name + ".photos")
    (damaged_file,) = folder.rglob(f"{damaged}.*")
    damaged_file.write_bytes(b"\xff\xd8 bit rot \xff\xd9")
    (missing_file,) = folder.rglob(f"{missing}.*")
    missing_file.unlink()
    queued = bench_ids(bench.store)
    report = sync_once(bench.store)
    assert (report.blobs, report.blobs_parked, report.pending) == (1, 2, 0)
    # every event reached HQ, the two photo.parked events too
    held = repo.bench_event_ids(hq_db, bench.bench_id)
    assert set(queued) < set(held) and len(held) == len(queued) + 2
    assert repo.blob_hashes_ok(hq_db) == {good: True}
    reasons = dict(store_sync.parked_blobs(bench.store.conn))
    assert "damaged" in reasons[damaged] and "missing" in reasons[missing]
    listed = json.loads(cli("sync", "--db", str(bench.path), "--parked", "--json").stdout)
    assert {p["sha256"] for p in listed["photos"]} == {damaged, missing}
    # later rounds neither retry nor stall on them
    again = sync_once(bench.store)
    assert (again.blobs, again.blobs_parked, again.pending) == (0, 0, 0)
    # the file restored from a backup: a supervisor sends it again
    damaged_file.write_bytes(photos[0])
    store_sync.unpark_all(bench.store, actor="S2001")
    assert sync_once(bench.store).blobs == 1
    assert repo.blob_hashes_ok(hq_db) == {good: True, damaged: True}


def test_rewritten_and_truncated_logs_are_detected_at_next_sync(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    record_events(bench.store, 20)
    sync_once(bench.store)
    # rewrite row 5 and re-chain everything after it, so the local chain verifies again
    from parcelbench.store.audit import entry_hash, verify_chain

    conn = bench.store.conn
    rows = conn.execute(
        "SELECT seq, at, actor, action, entity, payload FROM audit_log ORDER BY seq"
    ).fetchall()
    prev = "0" * 64
    conn.execute("BEGIN")
    for seq, at, actor, action, entity, payload in rows:
        body = json.loads(payload)
        if seq == 5:
            body["outcome"] = "seized"
            payload = json.dumps(body)
        digest = entry_hash(
            prev, seq=seq, at=at, actor=actor, action=action, entity=entity, payload=body
        )
        conn.execute(
            "UPDATE audit_log SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (payload, prev, digest, seq),
        )
        prev = digest
    conn.execute("COMMIT")
    assert verify_chain(conn).ok
    report = sync_once(bench.store)
    assert report.chain_ok is False
    row = {b["bench_id"]: b for b in repo.status(hq_db)}[bench.bench_id]
    assert not row["chain_ok"] and "rewritten" in row["chain_error"]

    other = enroll_bench(hq_db, tmp_path / "other.db", hq.url, name="bench-2")
    record_events(other.store, 10)
    sync_once(other.store)
    other.store.conn.execute("DELETE FROM audit_log WHERE seq > 6")
    assert sync_once(other.store).chain_ok is False
    row = {b["bench_id"]: b for b in repo.status(hq_db)}[other.bench_id]
    assert "truncated" in row["chain_error"]
    other.store.close()


def test_an_emptied_log_is_caught_and_re_enrolling_carries_the_chain_on(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    record_events(bench.store, 5)
    assert sync_once(bench.store).chain_ok is True
    # every audit row deleted: the empty log still sends its head, and HQ sees the truncation
    bench.store.conn.execute("DELETE FROM audit_log")
    assert sync_once(bench.store).chain_ok is False
    row = {b["bench_id"]: b for b in repo.status(hq_db)}[bench.bench_id]
    assert "truncated" in row["chain_error"]

    # a log rewritten before re-enrolling: the new enrollment carries the old chain on
    other = enroll_bench(hq_db, tmp_path / "other.db", hq.url, name="bench-2")
    record_events(other.store, 6)
    assert sync_once(other.store).chain_ok is True
    conn = other.store.conn
    rows = conn.execute(
        "SELECT seq, at, actor, action, entity, payload FROM audit_log ORDER BY seq"
    ).fetchall()
    prev = "0" * 64
    with other.store.transaction() as tx:
        for seq, at, actor, action, entity, payload in rows:
            body = json.loads(payload) | ({"note": "rewritten"} if seq == 2 else {})
            digest = entry_hash(
                prev, seq=seq, at=at, actor=actor, action=action, entity=entity, payload=body
            )
            tx.execute(
                "UPDATE audit_log SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                (json.dumps(body), prev, digest, seq),
            )
            prev = digest
    enrolled = cli(
        "hq", "enroll", "bench-2", "--facility", "JFK", "--replaces", other.bench_id,
        "--db", hq.db_url or "", "--json",
    )  # fmt: skip
    assert enrolled.returncode == 0, enrolled.stderr
    again = json.loads(enrolled.stdout)
    settings.save(other.store, {HQ_TOKEN: again["token"]})
    assert sync_once(other.store).chain_ok is False
    row = {b["bench_id"]: b for b in repo.status(hq_db)}[again["bench_id"]]
    assert "rewritten" in row["chain_error"]
    assert {b["bench_id"]: b for b in repo.status(hq_db)}[other.bench_id]["revoked"]
    missing = cli(
        "hq", "enroll", "x", "--facility", "JFK", "--replaces", "B-NOPE", "--db", hq.db_url or ""
    )
    assert missing.returncode == 2 and "no enrolled bench B-NOPE" in missing.stderr
    other.store.close()


def test_openapi_schema_lists_the_sync_api_and_every_answer(hq: HqProcess, bench: Bench) -> None:
    schema = bench.client(hq.url).request("GET", "/v1/openapi.json")
    assert {"/v1/events", "/v1/feed", "/v1/blobs/{sha256}"} <= set(schema["paths"])
    assert "PushIn" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if path == "/v1/health":
                continue  # open, no body: it answers 200
            documented = set(operation["responses"])
            assert {"200", "400", "401", "413", "422", "503"} <= documented, (method, path)
    assert "409" in schema["paths"]["/v1/blobs/{sha256}"]["put"]["responses"]
    assert "403" in schema["paths"]["/v1/events"]["post"]["responses"]
