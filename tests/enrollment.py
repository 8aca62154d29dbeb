"""Enrollment files as `hq enroll --out` writes them, for tests that enroll a bench by hand."""

from __future__ import annotations

import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from parcelbench.domain.feed import public_key_text


def some_hq_key() -> str:
    """A well-formed HQ key no HQ holds (for benches that never pull a feed item)."""
    return public_key_text(Ed25519PrivateKey.generate())


def write_enrollment(path: Path, token: str, hq_key: str | None = None) -> Path:
    path.write_text(
        json.dumps(
            {"bench_id": token.partition(".")[0], "token": token, "hq_key": hq_key or some_hq_key()}
        ),
        encoding="utf-8",
    )
    path.chmod(0o600)
    return path
