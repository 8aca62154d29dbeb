"""HQ's door: no body is read before the token is known, every body is capped, every payload
is checked against the chain it claims, and every answer is in the schema."""

from __future__ import annotations

import contextlib
import http.client
import json
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from parcelbench.domain.chain import entry_hash
from parcelbench.hq.storage import Database, repo
from parcelbench.sync import sync_once
from tests.sync.conftest import Bench
from tests.sync.hqproc import HqProcess, record_events

MIB = 1024 * 1024


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def send(
    url: str,
    method: str,
    path: str,
    body: bytes | Iterator[bytes] = b"",
    headers: dict[str, str] | None = None,
) -> tuple[int, Any]:
    """One request on a raw connection (a body of parts goes out chunked, without a length)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        # HQ may answer and close before the whole body went out: read its answer then
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        raw = response.read()
        try:
            return response.status, json.loads(raw)
        except ValueError:
            return response.status, raw
    finally:
        conn.close()


def junk(total: int) -> Iterator[bytes]:
    for _ in range(total // MIB):
        yield b"[" * MIB


def test_no_body_is_read_before_the_token_and_every_body_is_capped(
    hq: HqProcess, bench: Bench
) -> None:
    assert hq.proc is not None
    before = rss_mb(hq.proc.pid)
    # 150 MiB without a token, declared and streamed: refused from the headers alone
    status, body = send(hq.url, "POST", "/v1/events", junk(150 * MIB))
    assert (status, body["detail"]) == (401, "no token")
    status, _ = send(hq.url, "POST", "/v1/events", b"{", {"Content-Length": str(150 * MIB)})
    assert status == 401
    auth = {"Authorization": f"Bearer {bench.token}"}
    # with a token: a declared 32 MiB batch, and one streamed with no length, stop at the cap
    status, body = send(
        hq.url, "POST", "/v1/events", b"{", auth | {"Content-Length": str(32 * MIB)}
    )
    assert status == 413 and "over" in body["detail"]
    status, body = send(hq.url, "POST", "/v1/events", junk(32 * MIB), auth)
    assert status == 413
    # a blob part over 8 MiB, streamed, and a blob declaring a petabyte
    sha = "a" * 64
    status, _ = send(
        hq.url, "PUT", f"/v1/blobs/{sha}", junk(12 * MIB), auth | {"Upload-Length": str(20 * MIB)}
    )
    assert status == 413
    status, body = send(
        hq.url, "PUT", f"/v1/blobs/{sha}", b"abc", auth | {"Upload-Length": str(10**15)}
    )
    assert status == 422 and ["header", "upload-length"] in [d["loc"] for d in body["detail"]]
    after = rss_mb(hq.proc.pid)
    assert after - before < 40, (before, after)  # nothing above was held in memory
    # small requests on other routes are capped too
    status, _ = send(hq.url, "GET", "/v1/feed", b"x" * (128 * 1024), auth)
    assert status == 413


def _event(bench_id: str, seq: int, record: Any, audit: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "bench_id": bench_id,
        "seq": seq,
        "kind": audit["action"],
        "created_at": "2026-11-27T10:00:00Z",
        "payload": {"record": record, "audit": audit},
    }


def _push(hq: HqProcess, bench: Bench, events: list[dict[str, Any]]) -> tuple[int, Any]:
    body = json.dumps({"bench_id": bench.bench_id, "events": events}).encode()
    headers = {"Authorization": f"Bearer {bench.token}", "Content-Type": "application/json"}
    return send(hq.url, "POST", "/v1/events", body, headers)


def test_an_event_must_match_the_audit_row_it_names(
    hq: HqProcess, bench: Bench, hq_db: Database
) -> None:
    record_events(bench.store, 3)
    assert sync_once(bench.store).chain_ok is True
    seq, payload = bench.store.conn.execute(
        "SELECT seq, payload FROM outbox ORDER BY seq LIMIT 1"
    ).fetchone()
    envelope = json.loads(payload)
    audit, record = envelope["audit"], envelope["record"]
    # the record changed after its row was hashed (quantity 1 -> 999)
    forged = dict(record) | {"quantity": 999}
    status, body = _push(hq, bench, [_event(bench.bench_id, 90, forged, audit)])
    assert status == 200 and body["held"] == []
    assert "does not match audit row" in body["rejected"][0]["reason"]
    # re-hashed to match itself, but not the row HQ holds at that place in the chain
    rehashed = dict(audit) | {
        "hash": entry_hash(
            audit["prev_hash"],
            seq=audit["seq"],
            at=audit["at"],
            actor=audit["actor"],
            action=audit["action"],
            entity=audit["entity"],
            payload=forged,
        )
    }
    status, body = _push(hq, bench, [_event(bench.bench_id, 91, forged, rehashed)])
    assert body["held"] == [] and "is not the row this event names" in body["rejected"][0]["reason"]
    # a kind that is not its row's action
    other = _event(bench.bench_id, 92, record, audit) | {"kind": "seizure.recorded"}
    status, body = _push(hq, bench, [other])
    assert body["held"] == [] and "is not its audit row's action" in body["rejected"][0]["reason"]
    # a record that is not an object, an envelope without its row: 422 naming the field
    status, body = _push(hq, bench, [_event(bench.bench_id, 93, "a string", audit)])
    assert status == 422
    assert ["body", "events", 0, "payload", "record"] in [d["loc"] for d in body["detail"]]
    bare = _event(bench.bench_id, 94, record, audit)
    del bare["payload"]["audit"]
    status, body = _push(hq, bench, [bare])
    assert status == 422 and ["body", "events", 0, "payload", "audit"] in [
        d["loc"] for d in body["detail"]
    ]
    assert seq == 1 and len(repo.bench_event_ids(hq_db, bench.bench_id)) == 3
    assert {b["bench_id"]: b for b in repo.status(hq_db)}[bench.bench_id]["chain_ok"]


@pytest.mark.parametrize("path", ["/openapi.json", "/v1/openapi.json", "/docs"])
def test_the_api_schema_is_not_public(hq: HqProcess, path: str) -> None:
    status, _ = send(hq.url, "GET", path)
    assert status in (401, 404)
