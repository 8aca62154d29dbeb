"""Rules on the data itself: no AED at all, fields left out, an identifier that fails its check.

Why these score: without AED nothing else can be targeted (the STOP Act makes AED mandatory for
items with goods), and a missing street or HS code is where misdeclaration hides; a wrong check
digit means a relabelled or hand-made label. They run even when there is no AED record
(`needs_item = False`).

What a bench knows of an item without AED is its identifier only: for a UPU S10 id, the service
indicator (first letter: the mail class) and the issuing post (last two letters). Whether a
letter holds only documents — which need no AED — cannot be known from that, so the pack sends
letter-class ids to their own, lower flag that asks the officer to check, instead of calling
them violations; and mail of a post with a waiver in force goes to alternate screening.
"""

from __future__ import annotations

from datetime import UTC, datetime
from operator import attrgetter

from parcelbench.domain.aed import AedItem
from parcelbench.ids.s10 import is_s10_shape
from parcelbench.risk.pack import (
    CheckDigit,
    DatedEntry,
    LateAed,
    MissingAed,
    MissingFields,
    RulePack,
)
from parcelbench.risk.rules_base import Context, Hit

__all__ = [
    "CheckDigitCheck",
    "LateAedCheck",
    "MissingAedCheck",
    "MissingFieldsCheck",
    "missing_in_pieces",
    "s10_parts",
    "today_iso",
]


def s10_parts(item_id: str) -> tuple[str, str] | None:
    """(service indicator letter, issuing post) of an S10-shaped id, else None (IMpb, other)."""
    if is_s10_shape(item_id):
        return item_id[0], item_id[11:13]
    return None


def today_iso() -> str:
    """The assessment's day (UTC): the date of an item that has no date of its own."""
    return datetime.now(UTC).date().isoformat()


class MissingAedCheck:
    """No AED for the ids this rule covers (by mail class and by the post's waiver)."""

    needs_item = False

    def __init__(self, cond: MissingAed, pack: RulePack) -> None:
        self.only = frozenset(cond.service_indicators)
        self.skip = frozenset(cond.exclude_service_indicators)
        self.waived = cond.waived
        self.waivers = pack.aed_waivers

    def _waiver(self, post: str | None) -> DatedEntry | None:
        if post is None or not self.waivers:
            return None
        day = today_iso()
        for entry in self.waivers:
            if entry.country == post and entry.in_force(day):
                return entry
        return None

    def check(self, ctx: Context) -> list[Hit]:
        if ctx.item is not None:
            return []
        parts = s10_parts(ctx.item_id)
        letter, post = parts if parts is not None else (None, None)
        if self.only and letter not in self.only:
            return []
        if letter is not None and letter in self.skip:
            return []
        waiver = self._waiver(post) if self.waived != "any" else None
        if self.waived == "only":
            if waiver is None:
                return []
            return [
                Hit(
                    "item_id",
                    ctx.item_id,
                    f"mail of post {post} is exempt from AED ({waiver.label}; {waiver.source}, "
                    f"from {waiver.start}): alternate screening: X-ray",
                )
            ]
        if waiver is not None:
            return []
        if letter is not None:
            detail = f"no AED record for this identifier (S10 service indicator {letter})"
        else:
            detail = "no AED record for this identifier"
        return [Hit("item_id", ctx.item_id, detail)]


class LateAedCheck:
    """The parcel was at the facility before its data: the AED came in after it arrived.

    The STOP Act wants AED before the item is loaded abroad. The AED format carries no loading
    or dispatch time (`sent_at` is when the sender posted the item, and data is commonly
    transmitted after posting), so the deadline a bench can check is the item's arrival at
    this facility, as `RiskHistory.facility_arrival` knows it — not the moment this bench
    happened to scan it, which may be days later. Data that only shows up after the parcel
    arrived was sent late, and late data is how a shipper avoids targeting.
    """

    needs_item = True

    def __init__(self, cond: LateAed, pack: RulePack) -> None:
        self.min_seconds = cond.min_hours * 3600

    def check(self, ctx: Context) -> list[Hit]:
        scanned = ctx.history.facility_arrival(ctx.item_id)
        if scanned is None:  # most parcels: one index probe and done
            return []
        received = ctx.history.aed_received(ctx.item_id)
        if received is None:
            return []
        try:
            gap = datetime.fromisoformat(received) - datetime.fromisoformat(scanned)
            late = gap.total_seconds()
        except (TypeError, ValueError):  # a timestamp without a zone, or none at all
            return []
        if late <= 0 or late < self.min_seconds:
            return []
        hours = late / 3600
        span = f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} days"
        return [
            Hit(
                "item_id",
                ctx.item_id,
                f"AED received {received[:16].replace('T', ' ')} UTC, {span} after the parcel "
                f"arrived at this facility ({scanned[:16].replace('T', ' ')} UTC)",
            )
        ]


class CheckDigitCheck:
    needs_item = False

    def __init__(self, cond: CheckDigit, pack: RulePack) -> None:
        pass

    def check(self, ctx: Context) -> list[Hit]:
        if not ctx.id_valid:
            return [Hit("item_id", ctx.item_id, "the identifier fails its check digit")]
        return []


def missing_in_pieces(item: AedItem, name: str) -> list[str]:
    """The content pieces' fields `name` that are absent, as "contents[i].name"."""
    return [
        f"contents[{i}].{name}"
        for i, piece in enumerate(item.contents)
        if getattr(piece, name) in (None, "")
    ]


class MissingFieldsCheck:
    needs_item = True

    def __init__(self, cond: MissingFields, pack: RulePack) -> None:
        self.fields = cond.fields
        self.categories = frozenset(cond.categories)
        # Each field's reader made once (every parcel is checked, a million in a re-score):
        # a getter for the item's and its parties' fields ("sender.street"), None for a
        # per-piece field ("contents.hs_code", each piece checked).
        self._readers = tuple(
            (path, None if path.startswith("contents.") else attrgetter(path))
            for path in cond.fields
        )

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        if self.categories and item.category not in self.categories:
            return []
        hits: list[Hit] = []
        for path, read in self._readers:
            if read is None:
                name = path.partition(".")[2]
                hits.extend(Hit(f, "", "not given") for f in missing_in_pieces(item, name))
            elif read(item) in (None, ""):
                hits.append(Hit(path, "", "not given"))
        return hits
