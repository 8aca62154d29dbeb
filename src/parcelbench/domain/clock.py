"""Timestamps as the store and HQ keep them: UTC, ISO 8601, millisecond precision, `Z`."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
