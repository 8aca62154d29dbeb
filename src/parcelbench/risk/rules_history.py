"""Rules on the past: watchlists, links to earlier seizures, volumes, vetted shippers.

Why through the `RiskHistory` protocol: the engine stays pure (no SQL) and a bench without history
answers honestly with `NO_HISTORY`; the store implements the same questions with indexes.
"""

from __future__ import annotations

from parcelbench.risk.pack import KnownShipper, RulePack, SeizureLink, Volume, Watchlist
from parcelbench.risk.rules_base import Context, Hit, party_value

__all__ = ["KnownShipperCheck", "SeizureLinkCheck", "VolumeCheck", "WatchlistCheck"]

VOLUME_COUNT_UPTO = 20


class WatchlistCheck:
    needs_item = True

    def __init__(self, cond: Watchlist, pack: RulePack) -> None:
        pass

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        hits = []
        for hit in ctx.history.watchlist_hits(item):
            field, own = party_value(item, hit.role, hit.kind)
            hits.append(Hit(field, own or hit.entry, f"watchlist “{hit.entry}”: {hit.reason}"))
        return hits


class SeizureLinkCheck:
    needs_item = True

    def __init__(self, cond: SeizureLink, pack: RulePack) -> None:
        self.min_similarity = cond.min_similarity

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        hits = []
        for link in ctx.links:
            if link.similarity < self.min_similarity:
                continue
            role = link.entity.split()[0] if link.entity else ""
            field, own = party_value(item, role, link.kind)
            similar = "" if link.similarity >= 1.0 else f", similarity {link.similarity:.2f}"
            hits.append(
                Hit(
                    field,
                    own,
                    f"{link.entity} matches seizure {link.seizure} (parcel {link.item_id})"
                    f"{similar}",
                )
            )
        return hits


class VolumeCheck:
    needs_item = True

    def __init__(self, cond: Volume, pack: RulePack) -> None:
        self.role = cond.role
        self.min_count = cond.min_count
        self.days = cond.days or pack.volume_window_days
        # Exact counts up to a few times a small threshold (an officer reads "7 senders"), but
        # never past a big one: 200+ addressees of a large shipper are not worth counting.
        self.limit = max(self.min_count, VOLUME_COUNT_UPTO)

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        if self.role == "addressee":
            count = ctx.history.addressee_senders(item, self.days, self.limit)
            what = "distinct senders to this addressee"
            field, own = party_value(item, "addressee", "address")
        else:
            count = ctx.history.sender_parcels(item, self.days, self.limit)
            what = "parcels from this sender"
            field, own = "sender.name", item.sender.name
        if count < self.min_count:
            return []
        many = f"at least {count}" if count >= self.limit else str(count)
        return [Hit(field, own, f"{many} {what} in {self.days} days")]


class KnownShipperCheck:
    needs_item = True

    def __init__(self, cond: KnownShipper, pack: RulePack) -> None:
        pass

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        entry = ctx.history.known_shipper(item)
        if entry is None:
            return []
        return [Hit("sender.name", item.sender.name, f"vetted shipper “{entry}”")]
