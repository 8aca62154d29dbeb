"""Talking HTTP(S) to HQ with the standard library, sorting every failure into what to do next.

- `Transient`: network errors, timeouts, cut or garbled answers, 5xx, 429: try again later.
- `Unauthorized`: 401: the token is wrong or revoked; the bench must enroll again.
- `Refused`: any other 4xx: HQ will never accept this request as it is.
The token travels only in the Authorization header and is never part of an error message.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


class HqError(Exception):
    """A sync step HQ did not complete; `str()` is one line for the officer or the log."""


class Transient(HqError):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Unauthorized(HqError):
    pass


class Refused(HqError):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HQ refused it ({status}): {detail}")
        self.status = status
        self.detail = detail


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _detail(raw: bytes) -> str:
    try:
        detail = json.loads(raw).get("detail")
    except (ValueError, AttributeError):
        return raw[:200].decode("utf-8", "replace")
    if isinstance(detail, list):  # pydantic: name the field
        parts = []
        for problem in detail[:3]:
            where = ".".join(str(p) for p in problem.get("loc", ()))
            parts.append(f"{where}: {problem.get('msg')}")
        return "; ".join(parts)
    return str(detail)


@dataclass
class HqClient:
    url: str
    token: str
    cafile: str | None = None
    timeout: float = 30.0

    def __post_init__(self) -> None:
        self.url = self.url.rstrip("/")
        self._context: ssl.SSLContext | None = None
        if self.url.startswith("https://"):
            self._context = ssl.create_default_context(cafile=self.cafile)
        # straight to HQ: a bench's HQ address is configured, not discovered through a proxy
        self._opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=self._context)
        )

    @property
    def bench_id(self) -> str:
        return self.token.partition(".")[0]

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        raw: bool = False,
    ) -> Any:
        sent_headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if body is not None:
            data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            sent_headers["Content-Type"] = "application/json"
        sent_headers.update(headers or {})
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers=sent_headers
        )
        try:
            response = self._opener.open(request, timeout=self.timeout)
            if raw:
                return response
            try:
                payload = response.read()
            finally:
                response.close()
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read()
            if status == 401:
                raise Unauthorized(
                    f"HQ does not accept this bench's token ({_detail(text)}): enroll this "
                    "bench again at HQ (`parcelbench hq enroll --out FILE`) and sync with the "
                    "new file (--enroll FILE)"
                ) from None
            if status == 429 or status >= 500:
                raise Transient(
                    f"HQ answered {status}", _retry_after(exc.headers.get("Retry-After"))
                ) from None
            raise Refused(status, _detail(text)) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise Transient(f"HQ unreachable at {self.url}: {reason}") from None
        try:
            return json.loads(payload)
        except ValueError:
            raise Transient("HQ's answer was cut or garbled") from None

    def download(self, path: str, into: Any, chunk: int = 1024 * 1024) -> int:
        """Stream a file from HQ into an open binary file; the bytes written."""
        response = self.request("GET", path, raw=True)
        written = 0
        try:
            while part := response.read(chunk):
                into.write(part)
                written += len(part)
        except (OSError, http.client.HTTPException) as exc:
            raise Transient(f"download from HQ cut: {exc}") from None
        finally:
            response.close()
        return written
