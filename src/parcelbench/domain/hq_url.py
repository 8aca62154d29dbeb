"""Which HQ addresses a bench may sync with.

Why plain HTTP only to loopback: the bench token travels in every request and the feed carries
officer accounts, rule packs and holds. Over plain HTTP anyone on the network path reads the
token and can answer in HQ's place (the feed signature stops forged items, not a stolen token).
Loopback never leaves the machine, so tests and a TLS proxy on the same host may use it.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def hq_url_problem(url: str) -> str | None:
    """What is wrong with `url` as HQ's address, or None if a bench may use it."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return f"{url!r} is not an address (https://HOST[:PORT])"
    if parts.scheme not in ("http", "https") or not host:
        return f"HQ's address must be https://HOST[:PORT], not {url!r}"
    if parts.scheme == "http" and not is_loopback(host):
        return (
            f"refusing plain http:// to {host}: the bench token and the feed would cross the "
            "network unencrypted; use https:// (HQ serves TLS with --tls-cert/--tls-key)"
        )
    return None


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
