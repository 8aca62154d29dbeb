"""`parcelbench detentions [--overdue] [--as-of DATE]`: detained parcels and their clocks.

Listing is open to anyone at the bench, like the holds list: a detention decided late is a
deemed exclusion nobody chose, and anyone who sees the list can chase the decision.
"""

from __future__ import annotations

import argparse
from datetime import date

from parcelbench.cli.common import CliError, add_db_option, add_json_option, open_store, print_json
from parcelbench.services import detentions
from parcelbench.services.detentions import Detention, DetentionState


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "detentions",
        help="detained parcels, their decision due dates and which are overdue",
        description=(
            "Parcels whose latest inspection detained them, most urgent first. A decision is "
            "due 5 business days (weekends and federal holidays excluded) after the detention "
            "date, the facility's local date; goods still undecided after the 30th day are "
            "deemed excluded (19 U.S.C. 1499(c)). A later inspection of the parcel (release, "
            "seizure, return…) closes its detention."
        ),
    )
    parser.add_argument(
        "--overdue",
        action="store_true",
        help="only detentions past their decision due date or deemed excluded",
    )
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="judge the clocks on this date instead of today",
    )
    add_db_option(parser)
    add_json_option(parser)
    parser.set_defaults(handler=run)


def _as_of(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"--as-of must be a date as YYYY-MM-DD, got {text!r}") from None


HEADER = ("ITEM", "DETAINED", "DECISION DUE", "30TH DAY", "STATUS", "OFFICER", "REASON")


def _row(d: Detention) -> tuple[str, ...]:
    return (
        d.record.item_id,
        d.clock.detained_on.isoformat(),
        d.clock.decision_due.isoformat(),
        d.clock.excluded_on.isoformat(),
        d.status.label(),
        d.record.officer_badge,
        d.record.reason or "",
    )


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    """Columns as wide as their widest cell; the last column (the reason) runs free."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER) - 1)]
    return [
        "  ".join([*(cell.ljust(w) for cell, w in zip(r, widths, strict=False)), r[-1]]).rstrip()
        for r in rows
    ]


def _summary(found: list[Detention], as_of: date) -> str:
    states = [d.status.state for d in found]
    overdue = states.count(DetentionState.DECISION_OVERDUE)
    excluded = states.count(DetentionState.DEEMED_EXCLUDED)
    return (
        f"{len(found)} detained · {overdue} decision overdue · {excluded} deemed excluded "
        f"(as of {as_of.isoformat()})"
    )


def run(args: argparse.Namespace) -> int:
    as_of = _as_of(args.as_of)
    with open_store(args) as store:
        found = (detentions.overdue if args.overdue else detentions.open_detentions)(store, as_of)
    if args.json:
        print_json([d.to_json() for d in found])
        return 0
    day = as_of if as_of is not None else (found[0].today if found else date.today())
    if not found:
        print(
            f"no overdue detentions (as of {day})"
            if args.overdue
            else f"no detentions (as of {day})"
        )
        return 0
    for line in _table([HEADER, *(_row(d) for d in found)]):
        print(line)
    print(_summary(found, day))
    return 0
