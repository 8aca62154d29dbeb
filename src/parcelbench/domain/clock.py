"""Timestamps as the store and HQ keep them: UTC, ISO 8601, millisecond precision, `Z`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def utc_now_iso() -> str:
    return iso(datetime.now(UTC))


def iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def just_after(stamp: str) -> str:
    """The next millisecond: a window `[since, just_after(end))` includes what happened at `end`
    (a record written in the same millisecond as the operation was ended belongs to it)."""
    at = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return iso(at + timedelta(milliseconds=1))
