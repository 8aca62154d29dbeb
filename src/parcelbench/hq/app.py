"""The HQ web service: the sync API for benches and the read-only page for HQ staff.

Every `/v1` call but the health check carries a bench token (`Authorization: Bearer …`); the
bench is whoever the token says, and it may write only its own events. The page asks HQ staff
for an operator name and key (HTTP Basic; use TLS). Tokens and keys never reach a log.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, StreamingResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from starlette.concurrency import run_in_threadpool

from parcelbench import __version__
from parcelbench.hq import view
from parcelbench.hq.chain import AuditRow
from parcelbench.hq.models import (
    BlobOut,
    ChainOut,
    FeedItem,
    FeedOut,
    PushIn,
    PushOut,
    Rejected,
)
from parcelbench.hq.storage import Database, HqDbError, repo

SHA = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
_basic = HTTPBasic(auto_error=False)
MAX_PART = 8 * 1024 * 1024


def current_bench(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> repo.Bench:
    """The bench this request's token names, or 401 (unknown, missing or revoked token).

    The detail says only what is wrong; what to do about it is the client's to say (the bench
    says it once, in its own words), so advice is never printed twice.
    """
    db: Database = request.app.state.db
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "no token", headers={"WWW-Authenticate": "Bearer"})
    found = repo.bench_for_token(db, token.strip())
    if found is None:
        raise HTTPException(
            401,
            "unknown token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if found.revoked:
        raise HTTPException(
            401,
            "token revoked",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return found


Bench = Annotated[repo.Bench, Depends(current_bench)]


def create_app(db: Database) -> FastAPI:
    app = FastAPI(title="ParcelBench HQ", version=__version__)
    app.state.db = db

    @app.exception_handler(HqDbError)
    async def db_down(_request: Request, exc: HqDbError) -> JSONResponse:
        return JSONResponse(
            {"detail": "HQ storage unavailable, try again"},
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @app.get("/v1/health")
    def health() -> dict[str, object]:
        return {"ok": True, "version": __version__}

    @app.post("/v1/events", response_model=PushOut)
    def push(body: PushIn, me: Bench) -> PushOut:
        if body.bench_id != me.bench_id:
            raise HTTPException(403, f"this token belongs to bench {me.bench_id}")
        foreign = next((e for e in body.events if e.bench_id != me.bench_id), None)
        if foreign is not None:
            raise HTTPException(
                403,
                f"event {foreign.event_id} names bench {foreign.bench_id}; this token "
                f"writes only bench {me.bench_id}'s events",
            )
        result = repo.ingest(
            db,
            me.bench_id,
            [repo.Event(e.event_id, e.seq, e.kind, e.created_at, e.payload) for e in body.events],
            [AuditRow(**r.model_dump()) for r in body.audit],
            (body.audit_head.seq, body.audit_head.hash) if body.audit_head else None,
            body.status.model_dump() if body.status else {},
        )
        assert result.chain is not None
        return PushOut(
            held=result.held,
            rejected=[Rejected(**r) for r in result.rejected],
            chain=ChainOut(**result.chain.to_json()),
        )

    @app.get("/v1/blobs/{sha256}", response_model=BlobOut)
    def blob_status(sha256: SHA, me: Bench) -> BlobOut:
        state = repo.blob_state(db, sha256)
        if state is None:
            return BlobOut(sha256=sha256, size=0, received=0, complete=False)
        return BlobOut(
            sha256=sha256, size=state.size, received=state.received, complete=state.complete
        )

    @app.put("/v1/blobs/{sha256}", response_model=BlobOut)
    async def blob_put(
        sha256: SHA,
        request: Request,
        me: Bench,
        upload_offset: Annotated[int, Header(ge=0)] = 0,
        upload_length: Annotated[int | None, Header(ge=0)] = None,
    ) -> BlobOut | JSONResponse:
        data = await request.body()
        if len(data) > MAX_PART:
            raise HTTPException(413, f"send blobs in parts of at most {MAX_PART} bytes")
        size = upload_length if upload_length is not None else upload_offset + len(data)
        try:
            state = await run_in_threadpool(
                repo.put_blob_part,
                db,
                sha256,
                offset=upload_offset,
                size=size,
                data=data,
                kind="photo",
                bench_id=me.bench_id,
            )
        except repo.BlobOffsetConflict as exc:
            return JSONResponse({"detail": str(exc), "received": exc.received}, status_code=409)
        except repo.BlobMismatch as exc:
            raise HTTPException(422, str(exc)) from None
        return BlobOut(
            sha256=sha256, size=state.size, received=state.received, complete=state.complete
        )

    @app.get("/v1/blobs/{sha256}/content")
    def blob_content(sha256: SHA, me: Bench) -> StreamingResponse:
        if repo.blob_kind(db, sha256) != "feed":
            raise HTTPException(404, "no such feed file at HQ")
        state = repo.blob_state(db, sha256)
        assert state is not None

        def parts() -> Iterator[bytes]:
            yield from repo.read_blob(db, sha256)

        return StreamingResponse(
            parts(),
            media_type="application/octet-stream",
            headers={"Content-Length": str(state.size)},
        )

    @app.get("/v1/feed", response_model=FeedOut)
    def feed(
        me: Bench,
        after: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    ) -> FeedOut:
        items = repo.feed_page(db, after, limit)
        repo.touch(db, me.bench_id)
        return FeedOut(items=[FeedItem(**i) for i in items], head=repo.feed_head(db))

    @app.get("/", response_class=HTMLResponse)
    def page(
        credentials: Annotated[HTTPBasicCredentials | None, Depends(_basic)],
    ) -> HTMLResponse:
        """Seizures across facilities are not public: HQ staff sign in (`hq operator NAME`)."""
        if credentials is None or not repo.operator_ok(
            db, credentials.username, credentials.password
        ):
            raise HTTPException(
                401,
                "sign in with an HQ operator name and key (parcelbench hq operator NAME)",
                headers={"WWW-Authenticate": 'Basic realm="ParcelBench HQ", charset="UTF-8"'},
            )
        return HTMLResponse(view.render(repo.status(db), repo.recent_seizures(db)))

    return app
