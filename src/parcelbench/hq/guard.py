"""The door of HQ's web service: who is asking, and how much they may send, before any body.

Why an ASGI middleware and not a FastAPI dependency: FastAPI reads and parses a request's body
before it resolves the dependencies that check the token, so a caller without a token could
make HQ read and parse any amount of JSON (150 MiB of it took HQ from 63 to 790 MB) before being
refused. Here the bearer token is checked from the headers alone, a declared `Content-Length`
over the route's cap is refused at once, and a body sent without one (chunked) is counted as it
streams in and cut off at the cap: no request without a bench token, and no request larger than
its route allows, costs HQ more than its headers.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from parcelbench.hq.storage import Database, repo

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The largest request body per route (method, path prefix); everything else: SMALL.
EVENTS_BODY = 16 * 1024 * 1024  # a batch of up to 5,000 events with their audit rows
BLOB_PART = 8 * 1024 * 1024  # one part of a photo upload
ARRIVALS_BODY = 2 * 1024 * 1024  # 5,000 arrivals of about 200 bytes each
SMALL = 64 * 1024
OPEN_PATHS = {"/v1/health"}  # the only /v1 path that needs no bench token


def body_cap(method: str, path: str) -> int:
    if method == "POST" and path == "/v1/events":
        return EVENTS_BODY
    if method == "POST" and path == "/v1/arrivals":
        return ARRIVALS_BODY
    if method == "PUT" and path.startswith("/v1/blobs/"):
        return BLOB_PART
    return SMALL


async def _answer(send: Send, status: int, detail: str, headers: dict[str, str]) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    sent = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    sent += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": sent})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


class Guard:
    """Authenticates `/v1` requests from their headers and caps every request body."""

    def __init__(self, app: App, db: Database) -> None:
        self.app, self.db = app, db

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        if path.startswith("/v1/") and path not in OPEN_PATHS:
            problem = await self._bench(scope)
            if problem is not None:
                await _answer(send, 401, problem, {"WWW-Authenticate": "Bearer"})
                return
        cap = body_cap(method, path)
        declared = _header(scope, b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await _answer(send, 400, "Content-Length is not a number", {})
                return
            if int(declared) > cap:
                await _answer(send, 413, _too_large(cap), {})
                return
        await self.app(scope, _capped(receive, cap), send)

    async def _bench(self, scope: Scope) -> str | None:
        """None when the token names a live bench (kept in the scope for the route), else
        what is wrong, in the words a bench shows (it adds what to do)."""
        scheme, _, token = (_header(scope, b"authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return "no token"
        found = await run_in_threadpool(repo.bench_for_token, self.db, token.strip())
        if found is None:
            return "unknown token"
        if found.revoked:
            return "token revoked"
        scope.setdefault("state", {})["bench"] = found
        return None


def _too_large(cap: int) -> str:
    return f"request body over {cap} bytes: send less per request"


def _capped(receive: Receive, cap: int) -> Receive:
    """`receive` that stops a body at `cap` bytes, whatever Content-Length said (or did not)."""
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > cap:
                raise HTTPException(413, _too_large(cap))
        return message

    return counted
