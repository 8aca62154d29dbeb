"""Everything HQ reads and writes, as functions of the database (one transaction each).

Ingest is insert-if-absent on `event_id`, so a batch retried any number of times, or delivered
twice at once, stores each event once; the answer names the ids HQ holds for this bench, and
nothing else, so a bench only ever marks what is really at HQ.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from parcelbench.domain.canonical import canonical_json
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.feed import feed_checksum, sign_item
from parcelbench.hq import auth
from parcelbench.hq.chain import AuditRow, ChainState, advance, recomputed
from parcelbench.hq.storage import feed_out, read_models
from parcelbench.hq.storage.db import Database, Tx
from parcelbench.hq.storage.keys import signing_key_in
from parcelbench.hq.storage.schema import GENESIS_HASH

CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Bench:
    bench_id: str
    name: str
    facility: str
    revoked: bool
    port: str | None = None
    segment: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    seq: int
    kind: str
    created_at: str
    payload: dict[str, Any]


@dataclass(slots=True)
class IngestResult:
    held: list[str] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    chain: ChainState | None = None


class NoSuchBench(LookupError):
    """No enrolled bench has this id."""


class EnrollError(ValueError):
    """An enrollment HQ refuses (a port that contradicts the facility's, no segment left)."""


#: A port's benches number seizures `FY-PPPP-SSNNNN-LL`: segment SS from 01 to 99.
MAX_SEGMENT = 99


def enroll(
    db: Database,
    name: str,
    facility: str,
    *,
    port: str | None = None,
    replaces: str | None = None,
) -> tuple[str, str]:
    """A new bench: its id and its token (the token is not kept, only its hash).

    `port` is the facility's CBP port code; the first enrollment that names it sets it for the
    facility and later ones inherit it. A bench at a facility with a port gets its own segment
    of the port's seizure numbers (the next one never given to any bench of the port), so
    benches offline for days never issue the same number.

    `replaces`: the same bench enrolled again (a lost token, a new PC with the restored
    database). The new enrollment carries on the old one's audit chain (its head and the rows
    HQ holds) and its segment, and the old token is revoked, so a log rewritten before
    re-enrolling is caught exactly as it would have been, instead of starting a chain HQ would
    accept afresh.
    """
    if port is not None and not (len(port) == 4 and port.isdigit()):
        raise EnrollError(f"port {port!r} is not a CBP port code (four digits, e.g. 4701)")
    bench_id = auth.new_bench_id()
    token = auth.new_token(bench_id)
    now = utc_now_iso()
    with db.tx() as tx:
        chain: tuple[Any, ...] = (0, GENESIS_HASH, 1, None)
        segment: int | None = None
        known = tx.one("SELECT port FROM facilities WHERE code = ?" + tx.for_update(), (facility,))
        held_port = known[0] if known else None
        if port is not None and held_port is not None and port != held_port:
            raise EnrollError(
                f"facility {facility} is at port {held_port}, not {port}; leave --port out or "
                "name the facility the port belongs to"
            )
        if known is None:
            tx.run(
                "INSERT INTO facilities (code, port, created_at) VALUES (?, ?, ?)",
                (facility, port, now),
            )
        elif held_port is None and port is not None:
            tx.run("UPDATE facilities SET port = ? WHERE code = ?", (port, facility))
        port = port or held_port
        if replaces is not None:
            old = tx.one(
                "SELECT chain_seq, chain_head, chain_ok, chain_error, port, segment, facility "
                "FROM benches WHERE bench_id = ?" + tx.for_update(),
                (replaces,),
            )
            if old is None:
                raise NoSuchBench(f"no enrolled bench {replaces} (see `hq status`)")
            if old[6] != facility:
                raise EnrollError(
                    f"bench {replaces} is enrolled at {old[6]}; enroll its replacement there"
                )
            chain = tuple(old[:4])
            if old[4] == port:
                segment = old[5]
            tx.run(  # before the new row: a port's live benches never share a segment
                "UPDATE benches SET revoked_at = ? WHERE bench_id = ? AND revoked_at IS NULL",
                (now, replaces),
            )
        if port is not None and segment is None:
            row = tx.one("SELECT coalesce(max(segment), 0) FROM benches WHERE port = ?", (port,))
            segment = int(row[0] if row else 0) + 1
            if segment > MAX_SEGMENT:
                raise EnrollError(
                    f"port {port} has given out all {MAX_SEGMENT} bench segments; enroll a "
                    "replaced bench with --replaces to keep its segment"
                )
        tx.run(
            "INSERT INTO benches (bench_id, name, facility, token_hash, enrolled_at, chain_seq, "
            "chain_head, chain_ok, chain_error, replaces, port, segment) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (bench_id, name, facility, auth.token_hash(token), now, *chain, replaces, port,
             segment),
        )  # fmt: skip
        if replaces is not None:
            tx.run(
                "INSERT INTO audit_rows (bench_id, seq, at, actor, action, entity, payload, "
                "prev_hash, hash) SELECT ?, seq, at, actor, action, entity, payload, prev_hash, "
                "hash FROM audit_rows WHERE bench_id = ?",
                (bench_id, replaces),
            )
    return bench_id, token


def bench(db: Database, bench_id: str) -> Bench:
    """An enrolled bench (revoked or not): its name, facility, port and segment."""
    with db.tx(write=False) as tx:
        row = tx.one(
            "SELECT bench_id, name, facility, revoked_at, port, segment FROM benches "
            "WHERE bench_id = ?",
            (bench_id,),
        )
    if row is None:
        raise NoSuchBench(f"no enrolled bench {bench_id} (see `hq status`)")
    return Bench(row[0], row[1], row[2], row[3] is not None, row[4], row[5])


def revoke(db: Database, bench_id: str) -> bool:
    with db.tx() as tx:
        return (
            tx.run(
                "UPDATE benches SET revoked_at = ? WHERE bench_id = ? AND revoked_at IS NULL",
                (utc_now_iso(), bench_id),
            )
            > 0
        )


def add_operator(db: Database, name: str) -> str:
    """A new (or renewed) HQ page account; its key is returned once, HQ keeps only the hash."""
    key = auth.new_operator_key()
    with db.tx() as tx:
        tx.run("DELETE FROM operators WHERE name = ?", (name,))
        tx.run(
            "INSERT INTO operators (name, key_hash, created_at) VALUES (?, ?, ?)",
            (name, auth.token_hash(key), utc_now_iso()),
        )
    return key


def revoke_operator(db: Database, name: str) -> bool:
    with db.tx() as tx:
        return (
            tx.run(
                "UPDATE operators SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                (utc_now_iso(), name),
            )
            > 0
        )


def operator_ok(db: Database, name: str, key: str) -> bool:
    with db.tx(write=False) as tx:
        row = tx.one(
            "SELECT key_hash FROM operators WHERE name = ? AND revoked_at IS NULL", (name,)
        )
    return row is not None and auth.same_hash(key, str(row[0]))


def bench_for_token(db: Database, token: str) -> Bench | None:
    with db.tx(write=False) as tx:
        row = tx.one(
            "SELECT bench_id, name, facility, revoked_at, port, segment FROM benches "
            "WHERE token_hash = ?",
            (auth.token_hash(token),),
        )
    return None if row is None else Bench(row[0], row[1], row[2], row[3] is not None, *row[4:])


#: The largest event HQ keeps (canonical JSON of its payload); photos travel as blobs.
MAX_EVENT_BYTES = 256 * 1024


def _event_problem(event: Event, rows_by_seq: dict[int, str]) -> str | None:
    """Why HQ will not keep this event, or None. `rows_by_seq`: hashes of the audit rows HQ
    holds or accepts in this request."""
    if len(canonical_json(event.payload)) > MAX_EVENT_BYTES:
        return f"the event is over {MAX_EVENT_BYTES} bytes"
    record, ref = event.payload["record"], event.payload["audit"]
    if ref["action"] != event.kind:
        return f"the event's kind {event.kind} is not its audit row's action {ref['action']}"
    named = AuditRow(
        seq=ref["seq"],
        at=ref["at"],
        actor=ref["actor"],
        action=ref["action"],
        entity=ref["entity"],
        payload=record,
        prev_hash=ref["prev_hash"],
        hash=ref["hash"],
    )
    if recomputed(named) != ref["hash"]:
        return f"the record does not match audit row {ref['seq']} it names (its hash differs)"
    held = rows_by_seq.get(int(ref["seq"]))
    if held is not None and held != ref["hash"]:
        return f"audit row {ref['seq']} at HQ is not the row this event names"
    return None


def add_arrivals(db: Database, bench_id: str, arrivals: Sequence[dict[str, Any]]) -> int:
    """A bench's scans, kept as arrivals at its facility; how many HQ did not hold yet."""
    with db.tx() as tx:
        row = tx.one("SELECT facility FROM benches WHERE bench_id = ?", (bench_id,))
        assert row is not None, "the bench was authenticated in this request"
        return read_models.add_arrivals(tx, bench_id, str(row[0]), arrivals)


def _fresh(tx: Tx, events: Sequence[Event]) -> list[Event]:
    """The events HQ does not hold yet (a batch sent again is applied to the query tables
    once)."""
    held: set[str] = set()
    ids = [e.event_id for e in events]
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        held.update(
            r[0] for r in tx.rows(f"SELECT event_id FROM events WHERE event_id IN ({marks})", chunk)
        )
    return [e for e in events if e.event_id not in held]


def ingest(
    db: Database,
    bench_id: str,
    events: Sequence[Event],
    audit_rows: Sequence[AuditRow],
    audit_head: tuple[int, str] | None,
    status: dict[str, int | None],
) -> IngestResult:
    """Store a batch for this bench and follow its audit chain, in one transaction.

    Each event is checked against the audit row it names (its record must hash to that row,
    and the row must be the one HQ holds at that place in the chain), so what HQ keeps as the
    record is what the chain vouches for; an event whose row reaches HQ later is checked then.
    """
    result = IngestResult()
    now = utc_now_iso()
    with db.tx() as tx:
        row = tx.one(
            "SELECT chain_seq, chain_head, chain_ok, chain_error FROM benches WHERE bench_id = ?"
            + tx.for_update(),
            (bench_id,),
        )
        assert row is not None, "the bench was authenticated in this request"
        state = ChainState(int(row[0]), row[1], bool(row[2]), row[3])
        wanted = {r.seq for r in audit_rows if r.seq <= state.seq}
        wanted |= {int(e.payload["audit"]["seq"]) for e in events}
        if audit_head is not None and audit_head[0] <= state.seq:
            wanted.add(audit_head[0])
        held_hashes = _held_hashes(tx, bench_id, sorted(wanted))
        new_state, accepted = advance(state, audit_rows, audit_head, held_hashes)
        known = held_hashes | {r.seq: r.hash for r in accepted}
        kept: list[Event] = []
        for event in events:
            problem = _event_problem(event, known)
            if problem is None:
                kept.append(event)
            else:
                result.rejected.append({"event_id": event.event_id, "reason": problem})
        facility = str((tx.one("SELECT facility FROM benches WHERE bench_id = ?", (bench_id,))
                        or ("",))[0])  # fmt: skip
        fresh = _fresh(tx, kept)
        stored = [read_models.Stored(e.event_id, bench_id, e.kind, e.payload["record"])
                  for e in fresh]  # fmt: skip
        taken = read_models.claim_seizure_numbers(tx, bench_id, facility, stored)
        for event_id, why in taken.items():
            result.rejected.append({"event_id": event_id, "reason": why})
        kept = [e for e in kept if e.event_id not in taken]
        told: list[read_models.Told] = []
        read_models.apply(
            tx,
            facility,
            [s for s in stored if s.event_id not in taken and s.kind != "seizure.recorded"],
            told=told,
        )
        tx.many(
            "INSERT INTO events (event_id, bench_id, seq, kind, created_at, payload, received_at, "
            "audit_seq, audit_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (event_id) DO NOTHING",
            [
                (
                    e.event_id,
                    bench_id,
                    e.seq,
                    e.kind,
                    e.created_at,
                    canonical_json(e.payload),
                    now,
                    int(e.payload["audit"]["seq"]),
                    e.payload["audit"]["hash"],
                )
                for e in kept
            ],
        )
        ids = [e.event_id for e in kept]
        owners: dict[str, str] = {}
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for event_id, owner in tx.rows(
                f"SELECT event_id, bench_id FROM events WHERE event_id IN ({marks})", chunk
            ):
                owners[event_id] = owner
        for event_id in ids:
            if owners.get(event_id) == bench_id:
                result.held.append(event_id)
            else:
                result.rejected.append(
                    {"event_id": event_id, "reason": "this event id belongs to another bench"}
                )
        tx.many(
            "INSERT INTO audit_rows (bench_id, seq, at, actor, action, entity, payload, "
            "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    bench_id,
                    r.seq,
                    r.at,
                    r.actor,
                    r.action,
                    r.entity,
                    canonical_json(r.payload),
                    r.prev_hash,
                    r.hash,
                )
                for r in accepted
            ],
        )
        if accepted:
            odd = tx.one(
                "SELECT e.event_id, e.audit_seq FROM events e JOIN audit_rows a "
                "ON a.bench_id = e.bench_id AND a.seq = e.audit_seq "
                "WHERE e.bench_id = ? AND e.audit_seq BETWEEN ? AND ? AND e.audit_hash <> a.hash "
                "ORDER BY e.audit_seq LIMIT 1",
                (bench_id, accepted[0].seq, accepted[-1].seq),
            )
            if odd is not None:
                new_state = new_state.broken(
                    f"event {odd[0]} held at HQ does not match audit row {odd[1]}"
                )
        tx.run(
            "UPDATE benches SET last_sync = ?, pending = coalesce(?, pending), "
            "parked = coalesce(?, parked), queued_total = coalesce(?, queued_total), "
            "chain_seq = ?, chain_head = ?, chain_ok = ?, chain_error = ? WHERE bench_id = ?",
            (
                now,
                status.get("pending"),
                status.get("parked"),
                status.get("queued_total"),
                new_state.seq,
                new_state.head,
                int(new_state.ok),
                new_state.error,
                bench_id,
            ),
        )
        result.chain = new_state
        # last: the feed's lock is held from here to COMMIT, not through the whole batch
        feed_out.append_all(tx, [(t.kind, t.name, t.body, t.by) for t in told])
    return result


def _held_hashes(tx: Any, bench_id: str, seqs: list[int]) -> dict[int, str]:
    held: dict[int, str] = {}
    for start in range(0, len(seqs), 900):
        chunk = seqs[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for seq, digest in tx.rows(
            f"SELECT seq, hash FROM audit_rows WHERE bench_id = ? AND seq IN ({marks})",
            (bench_id, *chunk),
        ):
            held[int(seq)] = digest
    return held


def touch(db: Database, bench_id: str) -> None:
    """A bench that only pulled has still synced."""
    with db.tx() as tx:
        tx.run("UPDATE benches SET last_sync = ? WHERE bench_id = ?", (utc_now_iso(), bench_id))


# -- blobs ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BlobState:
    sha256: str
    size: int
    received: int
    complete: bool


def blob_state(db: Database, sha256: str) -> BlobState | None:
    with db.tx(write=False) as tx:
        row = tx.one("SELECT size, received, complete FROM blobs WHERE sha256 = ?", (sha256,))
    return None if row is None else BlobState(sha256, int(row[0]), int(row[1]), bool(row[2]))


class BlobMismatch(Exception):
    """The bytes received do not hash to the name they were sent under (or overrun the size
    declared); `received` is what HQ holds of the blob now."""

    def __init__(self, message: str, received: int = 0) -> None:
        super().__init__(message)
        self.received = received


class BlobOffsetConflict(Exception):
    def __init__(self, received: int) -> None:
        super().__init__(f"HQ holds {received} bytes of this blob")
        self.received = received


def put_blob_part(
    db: Database,
    sha256: str,
    *,
    offset: int,
    size: int,
    data: bytes,
    kind: str,
    bench_id: str | None,
) -> BlobState:
    """Append one part of an upload at `offset`; verify and seal it when the last part lands.

    A part that starts anywhere but where HQ's copy ends is refused with HQ's offset, so an
    interrupted upload resumes where it stopped and a repeated part is never written twice.
    """
    with db.tx() as tx:
        row = tx.one(
            "SELECT size, received, complete FROM blobs WHERE sha256 = ?" + tx.for_update(),
            (sha256,),
        )
        if row is None:
            tx.run(
                "INSERT INTO blobs (sha256, kind, size, received, complete, bench_id, created_at) "
                "VALUES (?, ?, ?, 0, 0, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                (sha256, kind, size, bench_id, utc_now_iso()),
            )
            row = tx.one(
                "SELECT size, received, complete FROM blobs WHERE sha256 = ?" + tx.for_update(),
                (sha256,),
            )
            assert row is not None
        held_size, received, complete = int(row[0]), int(row[1]), bool(row[2])
        if complete:
            return BlobState(sha256, held_size, received, True)
        if held_size != size:
            # a different declared size restarts the upload: the old parts cannot be right
            tx.run("DELETE FROM blob_chunks WHERE sha256 = ?", (sha256,))
            tx.run("UPDATE blobs SET size = ?, received = 0 WHERE sha256 = ?", (size, sha256))
            held_size, received = size, 0
        if offset != received:
            raise BlobOffsetConflict(received)
        if received + len(data) > size:
            raise BlobMismatch(f"more bytes than the declared size {size}", received)
        if data:
            tx.run(
                "INSERT INTO blob_chunks (sha256, pos, data) VALUES (?, ?, ?)",
                (sha256, offset, data),
            )
        received += len(data)
        mismatch = sealed = False
        if received == size:
            digest = hashlib.sha256()
            for (part,) in tx.rows(
                "SELECT data FROM blob_chunks WHERE sha256 = ? ORDER BY pos", (sha256,)
            ):
                digest.update(bytes(part))
            sealed = digest.hexdigest() == sha256
            if not sealed:
                tx.run("DELETE FROM blob_chunks WHERE sha256 = ?", (sha256,))
                received, mismatch = 0, True
        tx.run(
            "UPDATE blobs SET received = ?, complete = ? WHERE sha256 = ?",
            (received, int(sealed), sha256),
        )
    if mismatch:
        raise BlobMismatch("the bytes received do not match their SHA-256; send them again")
    return BlobState(sha256, size, received, sealed)


def upload_state(db: Database, bench_id: str, sha256: str) -> BlobState:
    """A photo as this bench sees it at HQ: complete once this bench sent all of it, else its
    own upload so far. Nothing of another bench's upload or copy shows."""
    with db.tx(write=False) as tx:
        held = tx.one(
            "SELECT b.size FROM blob_holders h JOIN blobs b ON b.sha256 = h.sha256 "
            "WHERE h.sha256 = ? AND h.bench_id = ? AND b.complete = 1",
            (sha256, bench_id),
        )
        if held is not None:
            return BlobState(sha256, int(held[0]), int(held[0]), True)
        row = tx.one(
            "SELECT size, received FROM uploads WHERE bench_id = ? AND sha256 = ?",
            (bench_id, sha256),
        )
    if row is None:
        return BlobState(sha256, 0, 0, False)
    return BlobState(sha256, int(row[0]), int(row[1]), False)


def put_upload_part(
    db: Database, bench_id: str, sha256: str, *, offset: int, size: int, data: bytes
) -> BlobState:
    """Append one part of a bench's photo upload at `offset`; verify and keep it when whole.

    Each bench uploads into its own area, so no bench can see, restart or pre-empt another's
    upload of the same photo; HQ keeps one copy of the bytes (the first whole, verified one) and
    records every bench that sent them all.
    """
    with db.tx() as tx:
        held = tx.one(
            "SELECT 1 FROM blob_holders WHERE sha256 = ? AND bench_id = ?", (sha256, bench_id)
        )
        if held is not None:
            return BlobState(sha256, size, size, True)
        row = tx.one(
            "SELECT size, received FROM uploads WHERE bench_id = ? AND sha256 = ?"
            + tx.for_update(),
            (bench_id, sha256),
        )
        if row is None or int(row[0]) != size:
            # new, or a different declared size: the old parts cannot be right
            tx.run(
                "DELETE FROM upload_chunks WHERE bench_id = ? AND sha256 = ?", (bench_id, sha256)
            )
            tx.run("DELETE FROM uploads WHERE bench_id = ? AND sha256 = ?", (bench_id, sha256))
            tx.run(
                "INSERT INTO uploads (bench_id, sha256, size, received, started_at) "
                "VALUES (?, ?, ?, 0, ?)",
                (bench_id, sha256, size, utc_now_iso()),
            )
            received = 0
        else:
            received = int(row[1])
        if offset != received:
            raise BlobOffsetConflict(received)
        if received + len(data) > size:
            raise BlobMismatch(f"more bytes than the declared size {size}", received)
        if data:
            tx.run(
                "INSERT INTO upload_chunks (bench_id, sha256, pos, data) VALUES (?, ?, ?, ?)",
                (bench_id, sha256, offset, data),
            )
        received += len(data)
        tx.run(
            "UPDATE uploads SET received = ? WHERE bench_id = ? AND sha256 = ?",
            (received, bench_id, sha256),
        )
        if received < size:
            return BlobState(sha256, size, received, False)
        digest = hashlib.sha256()
        for (part,) in tx.rows(
            "SELECT data FROM upload_chunks WHERE bench_id = ? AND sha256 = ? ORDER BY pos",
            (bench_id, sha256),
        ):
            digest.update(bytes(part))
        whole = digest.hexdigest() == sha256
        if whole:
            kept = tx.one(
                "SELECT complete FROM blobs WHERE sha256 = ?" + tx.for_update(), (sha256,)
            )
            if kept is None or not kept[0]:
                tx.run("DELETE FROM blob_chunks WHERE sha256 = ?", (sha256,))
                tx.run("DELETE FROM blobs WHERE sha256 = ?", (sha256,))
                tx.run(
                    "INSERT INTO blobs (sha256, kind, size, received, complete, bench_id, "
                    "created_at) VALUES (?, 'photo', ?, ?, 1, ?, ?)",
                    (sha256, size, size, bench_id, utc_now_iso()),
                )
                tx.run(
                    "INSERT INTO blob_chunks (sha256, pos, data) SELECT sha256, pos, data "
                    "FROM upload_chunks WHERE bench_id = ? AND sha256 = ?",
                    (bench_id, sha256),
                )
            tx.run(
                "INSERT INTO blob_holders (sha256, bench_id) VALUES (?, ?) "
                "ON CONFLICT (sha256, bench_id) DO NOTHING",
                (sha256, bench_id),
            )
        tx.run("DELETE FROM upload_chunks WHERE bench_id = ? AND sha256 = ?", (bench_id, sha256))
        tx.run("DELETE FROM uploads WHERE bench_id = ? AND sha256 = ?", (bench_id, sha256))
    if not whole:
        raise BlobMismatch("the bytes received do not match their SHA-256; send them again")
    return BlobState(sha256, size, size, True)


def read_blob(db: Database, sha256: str, kind: str | None = None) -> Iterator[bytes]:
    """A complete blob's bytes, one stored part at a time (constant memory)."""
    state = blob_state(db, sha256)
    if state is None or not state.complete:
        return
    pos = 0
    while True:
        with db.tx(write=False) as tx:
            row = tx.one(
                "SELECT pos, data FROM blob_chunks WHERE sha256 = ? AND pos >= ? ORDER BY pos "
                "LIMIT 1",
                (sha256, pos),
            )
        if row is None:
            return
        data = bytes(row[1])
        yield data
        pos = int(row[0]) + len(data)


def blob_kind(db: Database, sha256: str) -> str | None:
    with db.tx(write=False) as tx:
        row = tx.one("SELECT kind FROM blobs WHERE sha256 = ? AND complete = 1", (sha256,))
    return None if row is None else str(row[0])


def store_file_blob(db: Database, path: str, kind: str = "feed") -> tuple[str, int]:
    """Store a file as a complete blob (publishing, at HQ itself): its SHA-256 and size."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while part := handle.read(CHUNK):
            digest.update(part)
            size += len(part)
    sha = digest.hexdigest()
    state = blob_state(db, sha)
    if state is not None and state.complete:
        return sha, size
    offset = state.received if state is not None and state.size == size else 0
    with open(path, "rb") as handle:
        handle.seek(offset)
        while True:
            part = handle.read(CHUNK)
            put_blob_part(db, sha, offset=offset, size=size, data=part, kind=kind, bench_id=None)
            offset += len(part)
            if offset >= size:
                break
    return sha, size


# -- feed -----------------------------------------------------------------------------------
def checksum(kind: str, name: str, body: dict[str, Any]) -> str:
    return feed_checksum(kind, name, body)


def publish(db: Database, kind: str, name: str, body: dict[str, Any], by: str) -> int:
    """Append one item to the feed, signed; its sequence number is the benches' cursor."""
    with db.tx() as tx:
        return feed_out.append(tx, kind, name, body, by)


class NoFeedItem(LookupError):
    """There is no such feed item to withdraw (or it was withdrawn already)."""


def withdraw(db: Database, seq: int, reason: str, by: str) -> dict[str, Any]:
    """Withdraw a published item: from now on every bench receives, at its place in the feed,
    a signed "withdrawn" item it moves past without applying anything.

    A bench that applied the item already keeps what it applied (a later item corrects it);
    the point is that a bad item stops blocking the benches that could not apply it.
    """
    with db.tx() as tx:
        row = tx.one(
            "SELECT kind, name, published_at FROM feed WHERE seq = ? AND withdrawn_at IS NULL"
            + tx.for_update(),
            (seq,),
        )
        if row is None:
            raise NoFeedItem(f"no feed item {seq} to withdraw (see `hq feed`)")
        kind, name, published_at = str(row[0]), str(row[1]), str(row[2])
        item = _withdrawn(seq, kind, name, published_at, reason)
        key = signing_key_in(tx)
        signature = sign_item(key, seq, "withdrawn", name, item["checksum"], published_at)
        tx.run(
            "UPDATE feed SET withdrawn_at = ?, withdrawn_reason = ?, signature = ?, "
            "published_by = published_by || ? WHERE seq = ?",
            (utc_now_iso(), reason, signature, f" (withdrawn by {by})", seq),
        )
    return item | {"signature": signature}


def _withdrawn(seq: int, kind: str, name: str, published_at: str, reason: str) -> dict[str, Any]:
    body = {"kind": kind, "reason": reason}
    return {
        "seq": seq,
        "kind": "withdrawn",
        "name": name,
        "body": body,
        "checksum": checksum("withdrawn", name, body),
        "published_at": published_at,
    }


def _sign_missing(db: Database, rows: list[tuple[Any, ...]]) -> dict[int, str]:
    """Signatures for items published before HQ signed its feed, made and kept once."""
    made: dict[int, str] = {}
    with db.tx() as tx:
        key = signing_key_in(tx)
        for seq, kind, name, _body, digest, published_at, _sig, _w in rows:
            signature = sign_item(key, int(seq), kind, name, digest, published_at)
            tx.run(
                "UPDATE feed SET signature = ? WHERE seq = ? AND signature IS NULL",
                (signature, int(seq)),
            )
            made[int(seq)] = signature
    return made


def feed_page(db: Database, after: int, limit: int) -> list[dict[str, Any]]:
    """Signed items after the cursor. An AED batch is a page of its own (see the client's
    apply); a withdrawn item is served as a "withdrawn" item in its place."""
    with db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT seq, kind, name, body, checksum, published_at, signature, withdrawn_reason "
            "FROM feed WHERE seq > ? ORDER BY seq LIMIT ?",
            (after, limit),
        )
    unsigned = [r for r in rows if r[6] is None]
    signed = _sign_missing(db, unsigned) if unsigned else {}
    items: list[dict[str, Any]] = []
    for seq, kind, name, body, digest, published_at, signature, withdrawn in rows:
        if withdrawn is not None:
            item = _withdrawn(int(seq), kind, name, published_at, withdrawn)
            items.append(item | {"signature": signature})
            continue
        if kind == "aed" and items:
            break
        items.append(
            {
                "seq": int(seq),
                "kind": kind,
                "name": name,
                "body": json.loads(body),
                "checksum": digest,
                "published_at": published_at,
                "signature": signed[int(seq)] if signature is None else signature,
            }
        )
        if kind == "aed":
            break
    return items


def feed_items(db: Database, limit: int = 100) -> list[dict[str, Any]]:
    """The latest items as HQ staff review them (newest first), withdrawn ones marked."""
    with db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT seq, kind, name, published_at, published_by, withdrawn_at, withdrawn_reason "
            "FROM feed ORDER BY seq DESC LIMIT ?",
            (limit,),
        )
    return [
        {
            "seq": int(r[0]),
            "kind": r[1],
            "name": r[2],
            "published_at": r[3],
            "published_by": r[4],
            "withdrawn_at": r[5],
            "withdrawn_reason": r[6],
        }
        for r in rows
    ]


def feed_head(db: Database) -> int:
    with db.tx(write=False) as tx:
        row = tx.one("SELECT coalesce(max(seq), 0) FROM feed")
    return int(row[0]) if row else 0


# -- reading --------------------------------------------------------------------------------
def status(db: Database) -> list[dict[str, Any]]:
    with db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT b.bench_id, b.name, b.facility, b.revoked_at, b.last_sync, b.pending, "
            "b.parked, b.queued_total, b.chain_seq, b.chain_ok, b.chain_error, "
            "(SELECT count(*) FROM events e WHERE e.bench_id = b.bench_id), "
            "(SELECT coalesce(max(e.seq), 0) FROM events e WHERE e.bench_id = b.bench_id), "
            "(SELECT count(*) FROM blob_holders x WHERE x.bench_id = b.bench_id) "
            "FROM benches b ORDER BY b.facility, b.name, b.bench_id"
        )
    return [
        {
            "bench_id": r[0],
            "name": r[1],
            "facility": r[2],
            "revoked": r[3] is not None,
            "last_sync": r[4],
            "pending": r[5],
            "parked": r[6],
            "queued_total": r[7],
            "chain_seq": int(r[8]),
            "chain_ok": bool(r[9]),
            "chain_error": r[10],
            "events": int(r[11]),
            "last_seq": int(r[12]),
            "blobs": int(r[13]),
        }
        for r in rows
    ]


def recent_seizures(db: Database, limit: int = 20) -> list[dict[str, Any]]:
    with db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT e.payload, e.created_at, b.name, b.facility FROM events e "
            "JOIN benches b ON b.bench_id = e.bench_id WHERE e.kind = 'seizure.recorded' "
            "ORDER BY e.received_at DESC, e.created_at DESC LIMIT ?",
            (limit,),
        )
    out = []
    for payload, created_at, bench, facility in rows:
        record = json.loads(payload).get("record")
        if not isinstance(record, dict):  # kept before HQ checked envelopes: show what is there
            record = {}
        out.append(
            {
                "seizure_number": record.get("seizure_number"),
                "category": record.get("category"),
                "description": record.get("description"),
                "quantity": record.get("quantity"),
                "unit": record.get("unit"),
                "at": record.get("at") or created_at,
                "bench": bench,
                "facility": facility,
            }
        )
    return out


def bench_rescores(db: Database, shown: int = 10) -> list[dict[str, Any]]:
    """Each bench's last re-score of its stored AED: the pack, when, by whom, the count per
    level and its `shown` highest-scored parcels at detain (the event carries up to 5,000).
    What a pack does at each facility, before its parcels reach the benches."""
    with db.tx(write=False) as tx:
        rows = tx.rows(
            "SELECT e.payload, b.bench_id, b.name, b.facility FROM events e "
            "JOIN benches b ON b.bench_id = e.bench_id WHERE e.kind = 'risk.rescored' "
            "AND e.seq = (SELECT max(x.seq) FROM events x "
            "WHERE x.bench_id = e.bench_id AND x.kind = 'risk.rescored') "
            "ORDER BY b.facility, b.name, b.bench_id"
        )
    out = []
    for payload, bench_id, name, facility in rows:
        record = json.loads(payload).get("record")
        if not isinstance(record, dict):
            continue
        levels = record.get("levels") if isinstance(record.get("levels"), dict) else {}
        items = record.get("detain_items") if isinstance(record.get("detain_items"), list) else []
        out.append(
            {
                "bench_id": bench_id,
                "bench": name,
                "facility": facility,
                "rulepack": record.get("rulepack"),
                "at": record.get("finished_at"),
                "actor": record.get("actor"),
                "parcels": record.get("items"),
                "clear": levels.get("clear", 0),
                "examine": levels.get("examine", 0),
                "detain": levels.get("detain", 0),
                "top": [
                    f"{i.get('item_id')} ({i.get('score')})"
                    for i in items[:shown]
                    if isinstance(i, dict)
                ],
            }
        )
    return out


def bench_event_ids(db: Database, bench_id: str) -> list[str]:
    """Every event id HQ holds for a bench, in the bench's order (checks and tests)."""
    with db.tx(write=False) as tx:
        return [
            r[0]
            for r in tx.rows(
                "SELECT event_id FROM events WHERE bench_id = ? ORDER BY seq", (bench_id,)
            )
        ]


def blob_hashes_ok(db: Database) -> dict[str, bool]:
    """Every complete blob re-hashed from its stored parts: sha256 -> matches."""
    with db.tx(write=False) as tx:
        names = [r[0] for r in tx.rows("SELECT sha256 FROM blobs WHERE complete = 1")]
    out: dict[str, bool] = {}
    for name in names:
        digest = hashlib.sha256()
        for part in read_blob(db, name):
            digest.update(part)
        out[name] = digest.hexdigest() == name
    return out
