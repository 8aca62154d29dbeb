"""What the engine may ask about the past: links to seizures, volumes, watchlists, shippers.

The engine depends on this protocol only; the store provides the real implementation (SQL stays
in `store/`), and `NO_HISTORY` is the honest answer of a bench with no history at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from parcelbench.domain.aed import AedItem
from parcelbench.domain.risk import NetworkLink


@dataclass(frozen=True, slots=True)
class WatchHit:
    role: str  # sender | addressee
    kind: str  # name | address | phone | email
    entry: str  # the watchlist entry as listed
    reason: str  # why it is on the list


class RiskHistory(Protocol):
    def seizure_links(self, item: AedItem) -> list[NetworkLink]: ...

    def addressee_senders(self, item: AedItem, days: int, limit: int) -> int:
        """Distinct senders that shipped to this item's addressee address within `days`.

        Counting stops at `limit`: a rule only needs to know whether its threshold is reached,
        and a big shipper's window can hold tens of thousands of parcels.
        """
        ...

    def sender_parcels(self, item: AedItem, days: int, limit: int) -> int:
        """Parcels this item's sender shipped within `days` (up to `limit`).

        Parcels, not distinct addressees: a reshipper's parcels go to different people anyway,
        and counting distinct addressees costs three times as much for every big shipper.
        """
        ...

    def watchlist_hits(self, item: AedItem) -> list[WatchHit]: ...

    def facility_arrival(self, item_id: str) -> str | None:
        """When the item is first known to have been at this facility (ISO 8601), or None.

        The one place the engine asks where the parcel's arrival comes from. Today that is the
        earliest this bench saw it — its own scans, and a hold of the item marked located —
        because that is all a bench knows; a facility-wide arrival feed (other benches, USPS
        arrival scans) plugs in here and every rule that needs the arrival follows.
        """
        ...

    def aed_received(self, item_id: str) -> str | None:
        """When any version of the item's AED first reached this bench (ISO 8601), or None."""
        ...

    def known_shipper(self, item: AedItem) -> str | None:
        """The vetted-shipper entry the sender matches, if any."""
        ...


class _NoHistory:
    def seizure_links(self, item: AedItem) -> list[NetworkLink]:
        return []

    def addressee_senders(self, item: AedItem, days: int, limit: int) -> int:
        return 0

    def sender_parcels(self, item: AedItem, days: int, limit: int) -> int:
        return 0

    def watchlist_hits(self, item: AedItem) -> list[WatchHit]:
        return []

    def facility_arrival(self, item_id: str) -> str | None:
        return None

    def aed_received(self, item_id: str) -> str | None:
        return None

    def known_shipper(self, item: AedItem) -> str | None:
        return None


NO_HISTORY: RiskHistory = _NoHistory()
