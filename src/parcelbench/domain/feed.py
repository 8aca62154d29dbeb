"""The checksum of an HQ feed item: HQ computes it when publishing, a bench before applying."""

from __future__ import annotations

from typing import Any

from parcelbench.domain.canonical import canonical_json, sha256_hex


def feed_checksum(kind: str, name: str, body: dict[str, Any]) -> str:
    return sha256_hex(canonical_json({"kind": kind, "name": name, "body": body}))
