"""The HQ web service: the sync API for benches and the read-only page for HQ staff.

Every `/v1` call but the health check carries a bench token (`Authorization: Bearer …`),
checked by `hq.guard` from the headers before any body is read; the bench is whoever the token
says, and it may write only its own events. The page and the API schema ask HQ staff for an
operator name and key (HTTP Basic; use TLS). Tokens and keys never reach a log. Every answer a
route can give is in the schema, so a client generated from it handles each one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from starlette.concurrency import run_in_threadpool

from parcelbench import __version__
from parcelbench.hq import view
from parcelbench.hq.chain import AuditRow
from parcelbench.hq.guard import BLOB_PART, Guard
from parcelbench.hq.models import (
    ArrivalsIn,
    ArrivalsOut,
    BlobOut,
    ChainOut,
    FeedItem,
    FeedOut,
    Invalid,
    Offset,
    Problem,
    PushIn,
    PushOut,
    Rejected,
)
from parcelbench.hq.stats import stats
from parcelbench.hq.storage import Database, HqDbError, postal, repo

SHA = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
_basic = HTTPBasic(auto_error=False)
MAX_PART = BLOB_PART
#: The largest photo a bench may upload (a declared Upload-Length over it is refused).
MAX_BLOB = 64 * 1024 * 1024


def current_bench(request: Request) -> repo.Bench:
    """The bench the guard found for this request's token (`hq.guard` refuses any other)."""
    found = getattr(request.state, "bench", None)
    if found is None:  # unreachable behind the guard; never serve a /v1 call without it
        raise HTTPException(401, "no token", headers={"WWW-Authenticate": "Bearer"})
    return found


Bench = Annotated[repo.Bench, Depends(current_bench)]

#: What every bench call may answer besides its success, as the schema documents it.
BENCH_ANSWERS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "the body is not JSON, or a header is not a number"},
    401: {"model": Problem, "description": "no token, an unknown one, or a revoked one"},
    413: {"model": Problem, "description": "the request body is over this route's cap"},
    422: {"model": Invalid, "description": "a field is missing or wrong (each one named)"},
    503: {"model": Problem, "description": "HQ's storage is unavailable: try again later"},
}


def _answers(*extra: tuple[int, str, type]) -> dict[int | str, dict[str, Any]]:
    out = dict(BENCH_ANSWERS)
    for status, description, model in extra:
        out[status] = {"model": model, "description": description}
    return out


def _operator(db: Database, credentials: HTTPBasicCredentials | None) -> None:
    if credentials is None or not repo.operator_ok(db, credentials.username, credentials.password):
        raise HTTPException(
            401,
            "sign in with an HQ operator name and key (parcelbench hq operator NAME)",
            headers={"WWW-Authenticate": 'Basic realm="ParcelBench HQ", charset="UTF-8"'},
        )


def create_app(db: Database) -> FastAPI:
    # no /docs: the interactive page loads its scripts from a public CDN, which an HQ on a
    # closed network cannot reach; the schema itself is served to signed-in callers below
    app = FastAPI(
        title="ParcelBench HQ",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.db = db
    app.add_middleware(Guard, db=db)

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

    @app.get("/v1/openapi.json", include_in_schema=False)
    def schema(me: Bench) -> JSONResponse:
        """The API's contract for a bench (or a client generated from it)."""
        return JSONResponse(app.openapi())

    @app.get("/openapi.json", include_in_schema=False)
    def schema_for_staff(
        credentials: Annotated[HTTPBasicCredentials | None, Depends(_basic)],
    ) -> JSONResponse:
        _operator(db, credentials)
        return JSONResponse(app.openapi())

    @app.post(
        "/v1/events",
        response_model=PushOut,
        responses=_answers((403, "the token belongs to another bench", Problem)),
    )
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
            [
                repo.Event(e.event_id, e.seq, e.kind, e.created_at, e.payload.model_dump())
                for e in body.events
            ],
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

    @app.post(
        "/v1/arrivals",
        response_model=ArrivalsOut,
        responses=_answers((403, "the token belongs to another bench", Problem)),
    )
    def arrivals(body: ArrivalsIn, me: Bench) -> ArrivalsOut:
        """The bench's scans: what arrived at its facility, and whether its AED was there."""
        if body.bench_id != me.bench_id:
            raise HTTPException(403, f"this token belongs to bench {me.bench_id}")
        held = repo.add_arrivals(db, me.bench_id, [a.model_dump() for a in body.arrivals])
        upto = max((a.scan_id for a in body.arrivals), default=0)
        return ArrivalsOut(held=held, upto=upto)

    @app.get("/v1/blobs/{sha256}", response_model=BlobOut, responses=_answers())
    def blob_status(sha256: SHA, me: Bench) -> BlobOut:
        state = repo.upload_state(db, me.bench_id, sha256)
        return BlobOut(
            sha256=sha256, size=state.size, received=state.received, complete=state.complete
        )

    @app.put(
        "/v1/blobs/{sha256}",
        response_model=BlobOut,
        responses=_answers(
            (
                409,
                "the part does not start where HQ's copy ends, or the bytes do not match "
                "their SHA-256 or declared length: send again from `received`",
                Offset,
            )
        ),
    )
    async def blob_put(
        sha256: SHA,
        request: Request,
        me: Bench,
        upload_length: Annotated[int, Header(ge=0, le=MAX_BLOB)],
        upload_offset: Annotated[int, Header(ge=0, le=MAX_BLOB)] = 0,
    ) -> BlobOut | JSONResponse:
        data = await request.body()  # at most MAX_PART: the guard cut anything longer
        size = upload_length
        try:
            state = await run_in_threadpool(
                repo.put_upload_part,
                db,
                me.bench_id,
                sha256,
                offset=upload_offset,
                size=size,
                data=data,
            )
        except repo.BlobOffsetConflict as exc:
            return JSONResponse({"detail": str(exc), "received": exc.received}, status_code=409)
        except repo.BlobMismatch as exc:  # HQ kept none of it: start again from `received`
            return JSONResponse({"detail": str(exc), "received": exc.received}, status_code=409)
        return BlobOut(
            sha256=sha256, size=state.size, received=state.received, complete=state.complete
        )

    @app.get(
        "/v1/blobs/{sha256}/content",
        response_class=StreamingResponse,
        responses=_answers((404, "no such feed file at HQ", Problem))
        | {200: {"content": {"application/octet-stream": {}}, "description": "the file"}},
    )
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

    @app.get("/v1/feed", response_model=FeedOut, responses=_answers())
    def feed(
        me: Bench,
        after: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    ) -> FeedOut:
        items = repo.feed_page(db, after, limit)
        repo.touch(db, me.bench_id)
        return FeedOut(items=[FeedItem(**i) for i in items], head=repo.feed_head(db))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page(
        credentials: Annotated[HTTPBasicCredentials | None, Depends(_basic)],
        since: Annotated[date | None, Query(alias="from")] = None,
        until: Annotated[date | None, Query(alias="to")] = None,
    ) -> HTMLResponse:
        """Seizures across facilities are not public: HQ staff sign in (`hq operator NAME`).
        The figures are for `from`..`to` (UTC days; default: the last 30 days)."""
        _operator(db, credentials)
        end = until or datetime.now(UTC).date()
        start = since or end - timedelta(days=29)
        if start > end:
            start, end = end, start
        figures = stats(db, start, end)
        body = view.render(
            repo.status(db), repo.recent_seizures(db), figures, repo.bench_rescores(db)
        )
        return HTMLResponse(body, headers={"Content-Security-Policy": view.CSP})

    @app.get("/postal/v1/decisions", include_in_schema=False)
    def decisions(
        authorization: Annotated[str | None, Header()] = None,
        after: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
        shape: Annotated[str, Query(alias="format", pattern="^(jsonl|csv)$")] = "jsonl",
    ) -> Response:
        """Customs decisions on a postal operator's items, after its cursor, in its terms
        (JSON Lines or CSV); `X-Next-Cursor` is where the next pull starts."""
        scheme, _, token = (authorization or "").partition(" ")
        reader = postal.for_token(db, token.strip()) if scheme.lower() == "bearer" else None
        if reader is None:
            raise HTTPException(
                401, "a postal operator's token is needed (hq postal add NAME)",
                headers={"WWW-Authenticate": "Bearer"},
            )  # fmt: skip
        rows = postal.decisions(db, reader, after, limit)
        cursor = str(rows[-1]["seq"] if rows else after)
        if shape == "csv":
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=list(postal.COLUMNS))
            writer.writeheader()
            writer.writerows(rows)
            body, media = out.getvalue(), "text/csv; charset=utf-8"
        else:
            body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
            media = "application/x-ndjson"
        return Response(body, media_type=media, headers={"X-Next-Cursor": cursor})

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        """The page's own style and scripts (Chart.js included): nothing from elsewhere."""
        found = view.static_file(name)
        if found is None:
            raise HTTPException(404, "no such file")
        data, media = found
        return Response(data, media_type=media, headers={"Cache-Control": "max-age=3600"})

    return app
