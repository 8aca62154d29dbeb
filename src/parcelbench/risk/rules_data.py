"""Rules on the data itself: no AED at all, fields left out, an identifier that fails its check.

Why these score: without AED nothing else can be targeted (the STOP Act makes AED mandatory), and
a missing street or HS code is where misdeclaration hides; a wrong check digit means a relabelled
or hand-made label. They run even when there is no AED record (`needs_item = False`).
"""

from __future__ import annotations

from datetime import datetime

from parcelbench.domain.aed import AedItem
from parcelbench.risk.pack import CheckDigit, LateAed, MissingAed, MissingFields, RulePack
from parcelbench.risk.rules_base import Context, Hit

__all__ = ["CheckDigitCheck", "LateAedCheck", "MissingAedCheck", "MissingFieldsCheck", "missing"]


class MissingAedCheck:
    needs_item = False

    def __init__(self, cond: MissingAed, pack: RulePack) -> None:
        pass

    def check(self, ctx: Context) -> list[Hit]:
        if ctx.item is None:
            return [Hit("item_id", ctx.item_id, "no AED record for this identifier")]
        return []


class LateAedCheck:
    """The parcel was at the bench before its data: the AED came in after the first scan.

    The STOP Act wants AED before the item is loaded abroad; data that only shows up once the
    parcel has been scanned here was sent late, and late data is how a shipper avoids
    targeting. At the first scan the parcel shows as "no AED"; scanned again, it shows this.
    """

    needs_item = True

    def __init__(self, cond: LateAed, pack: RulePack) -> None:
        self.min_seconds = cond.min_hours * 3600

    def check(self, ctx: Context) -> list[Hit]:
        scanned, received = ctx.history.aed_timing(ctx.item_id)
        if scanned is None or received is None:
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
                f"AED received {received[:16].replace('T', ' ')} UTC, {span} after the first "
                f"scan here ({scanned[:16].replace('T', ' ')} UTC)",
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


def missing(item: AedItem, path: str) -> list[str]:
    """The concrete fields of `path` that are absent ("contents.hs_code" → per piece)."""
    head, _, name = path.partition(".")
    if head == "contents":
        return [
            f"contents[{i}].{name}"
            for i, piece in enumerate(item.contents)
            if getattr(piece, name) in (None, "")
        ]
    if name:
        return [path] if getattr(getattr(item, head), name) in (None, "") else []
    return [path] if getattr(item, head) in (None, "") else []


class MissingFieldsCheck:
    needs_item = True

    def __init__(self, cond: MissingFields, pack: RulePack) -> None:
        self.fields = cond.fields
        self.categories = frozenset(cond.categories)

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        if self.categories and item.category not in self.categories:
            return []
        return [
            Hit(field, "", "not given") for path in self.fields for field in missing(item, path)
        ]
