"""Watchlist entries and known shippers: the two reference lists a supervisor or HQ keeps.

Written by `parcelbench.store.watchlist` and `parcelbench.store.shippers`; shown by the CLI
and the window, and sent as JSON in audit rows. Removed entries are kept (`active` false) so
every past hit stays explainable.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class WatchEntry:
    """One watchlist entry: the value as entered, its key, and why it is listed."""

    id: int
    kind: str
    value: str
    country: str | None
    city: str | None
    postcode: str | None
    key: str
    reason: str
    source: str
    added_by: str
    added_at: str
    active: bool
    removed_by: str | None = None
    removed_at: str | None = None

    @property
    def label(self) -> str:
        """The entry as an officer reads it: value plus the place that qualifies it."""
        place = ", ".join(v for v in (self.city, self.postcode, self.country) if v)
        return f"{self.value} ({place})" if place and self.kind == "address" else self.value

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class KnownShipper:
    """A vetted shipper: name and country, and the address when the programme gives one."""

    id: int
    name: str
    street: str | None
    city: str | None
    postcode: str | None
    country: str
    programme: str
    reference: str | None
    name_key: str
    address_key: str | None
    source: str
    added_by: str
    added_at: str
    active: bool
    removed_by: str | None = None
    removed_at: str | None = None

    @property
    def label(self) -> str:
        """What the officer sees on a known-shipper flag."""
        ref = f" {self.reference}" if self.reference else ""
        return f"{self.name} ({self.programme}{ref})"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
