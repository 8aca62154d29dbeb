"""Rules on the past: watchlists, links to earlier seizures, volumes, vetted shippers.

Why through the `RiskHistory` protocol: the engine stays pure (no SQL) and a bench without history
answers honestly with `NO_HISTORY`; the store implements the same questions with indexes.
"""

from __future__ import annotations

import re

from parcelbench.risk.pack import (
    CommercialDrop,
    KnownShipper,
    RulePack,
    SeizureLink,
    Volume,
    Watchlist,
)
from parcelbench.risk.rules_base import Context, Hit, party_value
from parcelbench.risk.rules_text import item_usd

__all__ = [
    "CommercialDropCheck",
    "KnownShipperCheck",
    "SeizureLinkCheck",
    "VolumeCheck",
    "WatchlistCheck",
]

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
                    f"{link.entity} matches seizure {link.seizure}"
                    f"{f' at {link.facility}' if link.facility else ''} (parcel {link.item_id})"
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
        # the words for each count, written once (a big shipper's parcels all say "at least")
        self.details = {n: self._detail(n) for n in range(self.min_count, self.limit + 1)}

    def _detail(self, count: int) -> str:
        many = f"at least {count}" if count >= self.limit else str(count)
        if self.role == "addressee":
            return f"{many} distinct senders to this addressee in {self.days} days"
        return f"{many} parcels from this sender in {self.days} days"

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        if self.role == "addressee":
            count = ctx.history.addressee_senders(item, self.days, self.limit)
            if count < self.min_count:
                return []
            field, own = party_value(item, "addressee", "address")
        else:
            count = ctx.history.sender_parcels(item, self.days, self.limit)
            if count < self.min_count:
                return []
            field, own = "sender.name", item.sender.name
        return [Hit(field, own, self.details.get(count) or self._detail(count))]


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


_SPLIT = re.compile(r"[^a-z0-9]+")


class _Words:
    """Whole words or phrases in lower-cased text, tested through a set of its words.

    Most streets hold none of the terms: one plain search for the terms' first words (no word
    boundaries, which make a regex of two dozen alternatives several times slower) rejects
    them in about a microsecond; only a street that passes is split into words and matched
    whole.
    """

    def __init__(self, terms: tuple[str, ...]) -> None:
        phrases = [tuple(w for w in _SPLIT.split(t.lower()) if w) for t in terms]
        self.firsts = frozenset(p[0] for p in phrases if p)
        self.phrases = sorted({p for p in phrases if p}, key=len, reverse=True)
        self.quick = re.compile(
            "|".join(sorted(map(re.escape, self.firsts), key=len, reverse=True))
        )

    def find(self, lower: str) -> str | None:
        if self.quick.search(lower) is None:  # most streets: one plain search and done
            return None
        words = [w for w in _SPLIT.split(lower) if w]
        if self.firsts.isdisjoint(words):
            return None
        for i, word in enumerate(words):
            if word in self.firsts:
                for phrase in self.phrases:
                    if tuple(words[i : i + len(phrase)]) == phrase:
                        return " ".join(phrase)
        return None


class CommercialDropCheck:
    """Several senders within a day to a person at a commercial unit, for cheap goods.

    Drop addresses rented in industrial parks and business units receive consumer parcels in a
    private name from several senders at once, and forward them; the long-window volume rule
    needs many senders over weeks and misses a burst of four in a day. The cheap checks run
    first — no business named, a commercial address word, no company word in the addressee
    name, a low declared value — and only then is the history asked (the same indexed count as
    the volume rule, cached per address and day), so an ordinary parcel costs one regex search
    on its lower-cased street. The address and name are read as written (lower case), not
    through the disguise-proof fold the goods rules use: nobody disguises "Unit" to slip past
    it, and folding every street would cost more than the rest of this rule. The volume index
    keeps no sender country, so "different countries" is not counted: distinct senders are.
    """

    needs_item = True

    def __init__(self, cond: CommercialDrop, pack: RulePack) -> None:
        self.address = _Words(cond.address_terms)
        self.address_re = (
            re.compile("|".join(f"(?:{p})" for p in cond.address_patterns))
            if cond.address_patterns
            else None
        )
        self.company = _Words(cond.company_terms)
        self.max_usd = cond.max_value_usd
        self.min_senders = cond.min_senders
        self.days = cond.days
        self.rates = pack.usd_per_unit
        self.limit = max(self.min_senders, VOLUME_COUNT_UPTO)

    def _commercial(self, street: str) -> str | None:
        lower = street.lower()
        found = self.address.find(lower)
        if found is None and self.address_re is not None:
            m = self.address_re.search(lower)
            found = None if m is None else m.group(0)
        return found

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        addressee = item.addressee
        if addressee.business or not addressee.street:
            return []
        unit = self._commercial(addressee.street)
        if unit is None:
            return []
        if self.company.find(addressee.name.lower()) is not None:
            return []
        usd = item_usd(item, self.rates)
        if usd is None or usd > self.max_usd:
            return []
        count = ctx.history.addressee_senders(item, self.days, self.limit)
        if count < self.min_senders:
            return []
        field, own = party_value(item, "addressee", "address")
        many = f"at least {count}" if count >= self.limit else str(count)
        return [
            Hit(
                field,
                own,
                f"{many} distinct senders within {self.days} day(s) to a “{unit}”, a commercial "
                f"address, for a private addressee; goods declared at about {usd:.2f} USD",
            )
        ]
