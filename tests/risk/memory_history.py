"""A small, real in-memory implementation of the `RiskHistory` protocol for tests.

Why not a mock: the engine depends only on the protocol, so a plain implementation over lists
is as real as the store's SQL one — it just keeps everything in memory. Parties are matched on
normalized keys (name words in any order, phone digits, e-mail, house number + street word +
ZIP5) so that the spelling variants of a drop address ("4821 Bellaire Blvd., APT. 4B" vs
"4821 BELLAIRE BLVD #4B") meet, as they would in the store.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from parcelbench.domain.aed import AedItem, Party
from parcelbench.domain.risk import NetworkLink
from parcelbench.risk.history import WatchHit
from parcelbench.risk.text import tokens

_DIGITS = re.compile(r"\D+")


def party_keys(party: Party) -> dict[str, str]:
    """Match keys of a party by kind (name, address, phone, email); absent parts are left out."""
    keys: dict[str, str] = {}
    words = sorted(tokens(party.name))
    if words:
        keys["name"] = " ".join(words) + "|" + party.country
    if party.phone:
        digits = _DIGITS.sub("", party.phone)
        if len(digits) >= 7:
            keys["phone"] = digits[-10:]
    if party.email:
        local, _, domain = party.email.lower().partition("@")
        keys["email"] = local.replace(".", "") + "@" + domain
    if party.street:
        street = tokens(party.street)
        number = next((w for w in street if w.isdigit()), None)
        word = next((w for w in street if not w.isdigit() and len(w) > 2), None)
        postcode = (party.postcode or "")[:5]
        if number and word:
            keys["address"] = f"{number} {word} {postcode}|{party.country}"
    return keys


def _when(item: AedItem) -> datetime | None:
    return datetime.fromisoformat(item.sent_at) if item.sent_at else None


@dataclass(frozen=True)
class WatchEntry:
    role: str  # sender | addressee
    kind: str  # name | address | phone | email
    entry: str  # as listed (matched through the same keys as parties)
    reason: str


@dataclass
class MemoryHistory:
    """Earlier AED, seizures, a watchlist and vetted shippers, all held in lists."""

    shipments: list[AedItem] = field(default_factory=list)
    seizures: list[tuple[str, AedItem]] = field(default_factory=list)  # (seizure no, item)
    watchlist: list[WatchEntry] = field(default_factory=list)
    known_shippers: list[str] = field(default_factory=list)  # sender names as vetted
    first_scans: dict[str, str] = field(default_factory=dict)  # item id → first scan time
    #: item id → arrival at the facility known from elsewhere (a located hold, a facility feed)
    arrivals: dict[str, str] = field(default_factory=dict)
    aed_received_at: dict[str, str] = field(default_factory=dict)  # item id → AED arrival time

    def __post_init__(self) -> None:
        # key → [(time, other party's key)] for the volume questions
        self._to_addressee: dict[str, list[tuple[datetime | None, str]]] = defaultdict(list)
        self._from_sender: dict[str, list[tuple[datetime | None, str]]] = defaultdict(list)
        for item in self.shipments:
            self._index(item)

    def add_shipment(self, item: AedItem) -> None:
        self.shipments.append(item)
        self._index(item)

    def _index(self, item: AedItem) -> None:
        when = _when(item)
        sender = party_keys(item.sender).get("name", item.sender.name)
        addressee_keys = party_keys(item.addressee)
        addressee = addressee_keys.get("name", item.addressee.name)
        for kind, key in addressee_keys.items():
            if kind != "name":  # many people share a name; volume is about a place or contact
                self._to_addressee[key].append((when, sender))
        self._from_sender[sender].append((when, addressee))

    @staticmethod
    def _distinct(entries: list[tuple[datetime | None, str]], item: AedItem, days: int) -> int:
        when = _when(item)
        return len(
            {
                other
                for moment, other in entries
                if when is None or moment is None or abs((moment - when).days) <= days
            }
        )

    # -- the RiskHistory protocol --------------------------------------------------------------

    def seizure_links(self, item: AedItem) -> list[NetworkLink]:
        links = []
        for role in ("sender", "addressee"):
            mine = party_keys(getattr(item, role))
            for number, seized in self.seizures:
                for seized_role in ("sender", "addressee"):
                    theirs = party_keys(getattr(seized, seized_role))
                    for kind, key in mine.items():
                        if theirs.get(kind) == key:
                            links.append(
                                NetworkLink(f"{role} {kind}", kind, number, seized.item_id)
                            )
        return links

    def addressee_senders(self, item: AedItem, days: int, limit: int) -> int:
        keys = [k for kind, k in party_keys(item.addressee).items() if kind != "name"]
        counts = (self._distinct(self._to_addressee[k], item, days) for k in keys)
        return min(max(counts, default=0), limit)

    def sender_parcels(self, item: AedItem, days: int, limit: int) -> int:
        sender = party_keys(item.sender).get("name", item.sender.name)
        return min(self._distinct(self._from_sender[sender], item, days), limit)

    def watchlist_hits(self, item: AedItem) -> list[WatchHit]:
        hits = []
        for entry in self.watchlist:
            party = getattr(item, entry.role)
            listed = Party(name=entry.entry, country=party.country)
            if entry.kind == "name":
                key, mine = party_keys(listed).get("name"), party_keys(party).get("name")
            else:
                listed = Party(name="-", country=party.country, **{_FIELD[entry.kind]: entry.entry})
                if entry.kind == "address":
                    listed.postcode = party.postcode
                key, mine = party_keys(listed).get(entry.kind), party_keys(party).get(entry.kind)
            if key is not None and key == mine:
                hits.append(WatchHit(entry.role, entry.kind, entry.entry, entry.reason))
        return hits

    def facility_arrival(self, item_id: str) -> str | None:
        known = [t for t in (self.first_scans.get(item_id), self.arrivals.get(item_id)) if t]
        return min(known, key=datetime.fromisoformat) if known else None

    def aed_received(self, item_id: str) -> str | None:
        return self.aed_received_at.get(item_id)

    def known_shipper(self, item: AedItem) -> str | None:
        mine = party_keys(item.sender).get("name")
        for name in self.known_shippers:
            if party_keys(Party(name=name, country=item.sender.country)).get("name") == mine:
                return name
        return None


_FIELD = {"address": "street", "phone": "phone", "email": "email"}
