"""The wire format of the sync API, validated field by field (a bad payload is a 422 naming it)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

HEX64 = r"^[0-9a-f]{64}$"
EVENT_ID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AuditRef(Strict):
    """The audit row an event was written with, as the event carries it."""

    seq: int = Field(ge=1)
    at: str = Field(min_length=1, max_length=40)
    actor: str = Field(max_length=200)
    action: str = Field(min_length=1, max_length=200)
    entity: str = Field(max_length=400)
    prev_hash: str = Field(pattern=HEX64)
    hash: str = Field(pattern=HEX64)


class EventPayload(Strict):
    """Every event's envelope: the record, and the audit row that chains it."""

    record: dict[str, Any]
    audit: AuditRef


class EventIn(Strict):
    event_id: str = Field(pattern=EVENT_ID)
    bench_id: str = Field(min_length=1, max_length=64)
    seq: int = Field(ge=1)
    kind: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$", max_length=80)
    created_at: str = Field(min_length=10, max_length=40)
    payload: EventPayload


class AuditIn(Strict):
    seq: int = Field(ge=1)
    at: str = Field(min_length=1, max_length=40)
    actor: str = Field(max_length=200)
    action: str = Field(min_length=1, max_length=200)
    entity: str = Field(max_length=400)
    payload: dict[str, Any]
    prev_hash: str = Field(pattern=HEX64)
    hash: str = Field(pattern=HEX64)


class Head(Strict):
    seq: int = Field(ge=0)
    hash: str = Field(pattern=HEX64)


class BenchCounts(Strict):
    pending: int | None = Field(default=None, ge=0)
    parked: int | None = Field(default=None, ge=0)
    queued_total: int | None = Field(default=None, ge=0)


class PushIn(Strict):
    bench_id: str = Field(min_length=1, max_length=64)
    events: list[EventIn] = Field(default_factory=list, max_length=5000)
    audit: list[AuditIn] = Field(default_factory=list, max_length=5000)
    audit_head: Head | None = None
    status: BenchCounts | None = None


class ArrivalIn(Strict):
    """One scan at a bench: the parcel, when, and what the bench knew of its AED."""

    scan_id: int = Field(ge=1)
    item_id: str = Field(min_length=1, max_length=64)
    at: str = Field(min_length=10, max_length=40)
    aed_present: bool
    aed_on_time: bool
    aed_completeness: float | None = Field(default=None, ge=0, le=1)


class ArrivalsIn(Strict):
    bench_id: str = Field(min_length=1, max_length=64)
    arrivals: list[ArrivalIn] = Field(max_length=5000)


class ArrivalsOut(Strict):
    held: int  # arrivals new to HQ in this request (a batch sent again adds none)
    upto: int  # the last scan id of the batch, now held


class Rejected(Strict):
    event_id: str
    reason: str


class ChainOut(Strict):
    ok: bool
    seq: int
    head: str
    error: str | None = None


class PushOut(Strict):
    held: list[str]
    rejected: list[Rejected]
    chain: ChainOut


class BlobOut(Strict):
    sha256: str
    size: int
    received: int
    complete: bool


class FeedItem(Strict):
    seq: int
    kind: str
    name: str
    body: dict[str, Any]
    checksum: str
    published_at: str
    signature: str  # Ed25519 over seq, kind, name, checksum, published_at (domain.feed)


class FeedOut(Strict):
    items: list[FeedItem]
    head: int


class Problem(Strict):
    """Every refusal HQ answers (401, 403, 404, 409, 413, 503): one sentence saying what."""

    detail: str


class FieldProblem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Invalid(Strict):
    """A 422: each field that is wrong, where it is (`loc`) and why (`msg`); or, for bytes
    that do not match their SHA-256, one sentence."""

    detail: list[FieldProblem] | str


class Offset(Strict):
    """A 409 on a blob part: HQ holds `received` bytes; send from there."""

    detail: str
    received: int
