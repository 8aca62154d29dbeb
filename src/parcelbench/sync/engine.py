"""One sync round: photos up, events up (with the audit chain), feed down, arrivals up.

Crash safety comes from the order of things: an event is marked sent only after HQ named it as
held, so an event in flight when the bench dies is simply sent again, and HQ stores it once.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from parcelbench.domain.chain import GENESIS_HASH
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.records import OutboxEvent
from parcelbench.domain.settings import (
    ARRIVALS_CURSOR,
    HQ_CA_FILE,
    HQ_CHAIN_OK,
    HQ_CHAIN_SEQ,
    HQ_TOKEN,
    HQ_URL,
    LAST_ATTEMPT,
    LAST_ERROR,
    LAST_SYNC,
    NEEDS_ENROLLMENT,
)
from parcelbench.store import Store, audit, outbox, settings
from parcelbench.store import sync as store_sync
from parcelbench.store.scans import arrivals_after
from parcelbench.sync.apply import FeedError, apply_page
from parcelbench.sync.transport import HqClient, HqError, Refused, Transient, Unauthorized

BATCH = 1000
ARRIVALS_BATCH = 5000
BLOB_PART = 1024 * 1024


@dataclass(slots=True)
class SyncReport:
    pushed: int = 0  # events sent in requests HQ answered
    acknowledged: int = 0  # events HQ named as held, now marked sent here
    parked: int = 0  # events waiting for a supervisor (HQ refused them)
    pulled: int = 0  # feed items applied
    pending: int = 0  # events still to send
    queued_total: int = 0  # events ever queued on this bench
    cursor: int = 0  # the last feed item applied
    blobs: int = 0  # photos uploaded this round
    blobs_parked: int = 0  # photos set aside this round (damaged, missing or refused)
    feed_refused: int = 0  # feed items this bench could not apply, set aside this round
    feed_error: str | None = None
    chain_ok: bool | None = None
    arrivals: int = 0  # scans sent to HQ as arrivals this round

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def client_for(store: Store, timeout: float = 30.0) -> HqClient:
    """The HQ client from the bench's saved settings (raises `Unauthorized` if none)."""
    conn = store.conn
    url, token = settings.get(conn, HQ_URL), settings.get(conn, HQ_TOKEN)
    if not url or not token:
        raise Unauthorized(
            "this bench is not enrolled with HQ: parcelbench sync --hq URL --token T"
        )
    return HqClient(url, token, settings.get(conn, HQ_CA_FILE), timeout)


def _event_json(bench_id: str, event: OutboxEvent) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "bench_id": bench_id,
        "seq": event.seq,
        "kind": event.kind,
        "created_at": event.created_at,
        "payload": event.payload,
    }


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while part := handle.read(BLOB_PART):
            digest.update(part)
    return digest.hexdigest()


def _send_blob(client: HqClient, sha: str, size: int, path: Path) -> bool:
    """One photo, resumed from whatever HQ already has of it; True once HQ holds it whole."""
    state = client.request("GET", f"/v1/blobs/{sha}")
    offset = 0 if state["size"] != size else int(state["received"])
    if not state["complete"]:
        with path.open("rb") as handle:
            handle.seek(offset)
            while True:
                part = handle.read(BLOB_PART)
                state = client.request(
                    "PUT",
                    f"/v1/blobs/{sha}",
                    data=part,
                    headers={
                        "Upload-Offset": str(offset),
                        "Upload-Length": str(size),
                        "Content-Type": "application/octet-stream",
                    },
                )
                offset += len(part)
                if state["complete"] or offset >= size:
                    break
    return bool(state["complete"])


def _upload_blobs(store: Store, client: HqClient, report: SyncReport) -> None:
    """Photos HQ does not hold yet. A photo that cannot be sent (its file gone or no longer
    matching its hash, or refused by HQ) is set aside with the reason, so it never stops the
    photos and events behind it; the evidence record still names its hash."""
    while batch := store_sync.photos_to_upload(store):
        for sha, size, path in batch:
            if path is None:
                why = "the photo file is missing from this bench"
            else:
                try:
                    found = _file_sha256(path)
                except OSError as exc:
                    found, why = "", f"the photo file cannot be read ({exc.strerror or exc})"
                else:
                    why = f"the photo file is damaged: its bytes hash to {found[:12]}…"
                if found == sha:
                    try:
                        if _send_blob(client, sha, size, path):
                            store_sync.mark_blob_uploaded(store, sha)
                            report.blobs += 1
                            continue
                        why = "HQ did not take the whole photo"
                    except Refused as exc:
                        why = f"HQ refused the photo ({exc.status}): {exc.detail}"
            store_sync.park_blob(store, sha, why)
            report.blobs_parked += 1


class _Pusher:
    def __init__(self, store: Store, client: HqClient, report: SyncReport) -> None:
        self.store, self.client, self.report = store, client, report
        self.hq_seq = settings.get(store.conn, HQ_CHAIN_SEQ)

    def send(
        self, events: list[OutboxEvent], rows: list[audit.AuditEntry], with_status: bool = False
    ) -> None:
        """One request; a refused batch is split until the refused event stands alone.

        The queue counts (a scan of the outbox) ride only on the first and last request of a
        round: once per batch would make a long catch-up quadratic.
        """
        conn = self.store.conn
        counts = store_sync.queue_counts(conn) if with_status else None
        # always a head, (0, genesis) for an empty log: HQ's truncation check needs one
        head = store_sync.audit_head(conn) or (0, GENESIS_HASH)
        body = {
            "bench_id": self.client.bench_id,
            "events": [_event_json(self.client.bench_id, e) for e in events],
            "audit": [
                {
                    "seq": r.seq,
                    "at": r.at,
                    "actor": r.actor,
                    "action": r.action,
                    "entity": r.entity,
                    "payload": r.payload,
                    "prev_hash": r.prev_hash,
                    "hash": r.hash,
                }
                for r in rows
            ],
            "audit_head": {"seq": head[0], "hash": head[1]},
            "status": None
            if counts is None
            else {
                "pending": counts.pending,
                "parked": counts.parked,
                "queued_total": counts.queued_total,
            },
        }
        try:
            answer = self.client.request("POST", "/v1/events", body=body)
        except Refused as exc:
            if len(events) > 1:
                half = len(events) // 2
                self.send(events[:half], [])
                self.send(events[half:], [])
                return
            if len(events) == 1:
                store_sync.park(self.store, events[0].event_id, exc.detail)
                return
            raise
        sent = {e.event_id for e in events}
        held = [i for i in answer["held"] if i in sent]
        with self.store.transaction() as tx:
            self.report.acknowledged += outbox.mark_sent(tx, held)
            chain = answer["chain"]
            self.hq_seq = int(chain["seq"])
            settings.write(tx, HQ_CHAIN_SEQ, self.hq_seq)
            settings.write(tx, HQ_CHAIN_OK, bool(chain["ok"]))
        self.report.chain_ok = bool(answer["chain"]["ok"])
        self.report.pushed += len(events)
        for rejected in answer["rejected"]:
            if rejected["event_id"] in sent:
                store_sync.park(self.store, rejected["event_id"], rejected["reason"])

    def run(self, batch: int) -> None:
        """Batches until the queue is empty; always at least one request (the chain head)."""
        last_first: str | None = None
        while True:
            events = outbox.pending(self.store.conn, batch)
            rows = audit.entries(self.store.conn, after=self.hq_seq, limit=batch)
            if events and events[0].event_id == last_first:
                raise Transient("HQ answered without taking the batch; trying again later")
            before = self.hq_seq
            self.send(events, rows, with_status=last_first is None or len(events) < batch)
            if events:
                last_first = events[0].event_id
                continue
            if not rows or self.hq_seq == before:
                return  # done, or audit rows HQ does not take (a gap or a broken chain)


def _push_arrivals(store: Store, client: HqClient, report: SyncReport) -> None:
    """Every scan after the cursor, as compact arrivals; the cursor moves once HQ answered.

    Scans are telemetry, not evidence (no audit row): a batch sent twice is stored once at HQ
    (keyed on this bench's scan id), so a round cut short only sends a batch again.
    """
    cursor = settings.get(store.conn, ARRIVALS_CURSOR)
    while rows := arrivals_after(store.conn, cursor, ARRIVALS_BATCH):
        body = {
            "bench_id": client.bench_id,
            "arrivals": [
                {
                    "scan_id": scan_id,
                    "item_id": item_id,
                    "at": at,
                    "aed_present": bool(present),
                    "aed_on_time": bool(timely),
                    "aed_completeness": complete,
                }
                for scan_id, item_id, at, present, timely, complete in rows
            ],
        }
        client.request("POST", "/v1/arrivals", body=body)
        cursor = int(rows[-1][0])
        settings.save(store, {ARRIVALS_CURSOR: cursor})
        report.arrivals += len(rows)


def sync_once(store: Store, client: HqClient | None = None, *, batch: int = BATCH) -> SyncReport:
    """One full round. Raises `HqError` (Transient / Unauthorized / Refused) if HQ failed it.

    What was acknowledged before a failure stays acknowledged; the failure is recorded for
    `state()` and the window's status bar.
    """
    report = SyncReport()
    try:
        client = client or client_for(store)
        _upload_blobs(store, client, report)
        pusher = _Pusher(store, client, report)
        pusher.run(batch)
        cursor = store_sync.cursor(store.conn)
        while True:
            page = client.request("GET", f"/v1/feed?after={cursor}")
            if not page["items"]:
                break
            try:
                outcome = apply_page(store, client, page["items"])
            except FeedError as exc:
                report.feed_error = str(exc)
                break
            report.pulled += outcome.applied
            report.feed_refused += outcome.refused
            cursor = store_sync.cursor(store.conn)
        if report.pulled or report.feed_refused:
            pusher.run(batch)  # the audit rows of what was just applied, so HQ's head is current
        _push_arrivals(store, client, report)  # last: telemetry never holds back evidence or feed
    except HqError as exc:
        settings.save(
            store,
            {
                LAST_ERROR: str(exc),
                LAST_ATTEMPT: utc_now_iso(),
                NEEDS_ENROLLMENT: str(exc) if isinstance(exc, Unauthorized) else None,
            },
        )
        raise
    finally:
        counts = store_sync.queue_counts(store.conn)
        report.parked, report.pending = counts.parked, counts.pending
        report.queued_total = counts.queued_total
        report.cursor = store_sync.cursor(store.conn)
    now = utc_now_iso()
    settings.save(
        store,
        {
            LAST_SYNC: now,
            LAST_ATTEMPT: now,
            LAST_ERROR: report.feed_error,
            NEEDS_ENROLLMENT: None,
        },
    )
    return report
