"""`parcelbench holds import|list`: the parcels targeted for examination at this bench.

Importing a targeting list is a supervisor's decision (badge and PIN, as for the watchlist);
listing is open to anyone at the bench, because finding every held parcel is everyone's job.
"""

from __future__ import annotations

import argparse
import sys

from parcelbench.cli.common import (
    CliError,
    add_credentials,
    add_db_option,
    add_json_option,
    open_store,
    print_json,
    signed_in,
)
from parcelbench.domain.holds import Hold
from parcelbench.services import holds
from parcelbench.services.officers import AuthError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "holds",
        help="parcels targeted for examination: import a targeting list, list holds",
        description=(
            "Holds are the parcels targeted for examination. Each is outstanding until the "
            "parcel is scanned at the bench (located) and examined once an outcome is recorded "
            "for it."
        ),
    )
    hsub = parser.add_subparsers(dest="holds_command", metavar="ACTION", required=True)

    imp = hsub.add_parser(
        "import",
        help="import a targeting list (CSV or JSON Lines); needs a supervisor",
        description=(
            f"Import a targeting list: CSV with the header {','.join(holds.COLUMNS)}, or JSON "
            "Lines objects with those keys (targeted_on as YYYY-MM-DD). The whole file is one "
            "transaction: if any row is bad (parcel id or check digit, missing reason or "
            "source, bad date) nothing is imported and the first problem is named by line and "
            "field (--json lists them all). Re-importing a hold changes nothing; another "
            "reason, source or date for a hold not yet examined updates it. Exit 0 imported, "
            "2 refused, 3 not a supervisor's badge and PIN."
        ),
    )
    imp.add_argument("file", metavar="FILE")
    add_credentials(imp)
    add_db_option(imp)
    add_json_option(imp)
    imp.set_defaults(handler=run_import)

    lst = hsub.add_parser(
        "list",
        help="list holds by status, with the count in each",
        description=(
            "List holds: outstanding first, then located, then examined; oldest targeting "
            "first within each. The last line counts holds per status."
        ),
    )
    lst.add_argument("--status", choices=holds.STATUSES, help="only holds in this status")
    add_db_option(lst)
    add_json_option(lst)
    lst.set_defaults(handler=run_list)


def run_import(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        officer = signed_in(store, args)
        try:
            batch = holds.import_holds(store, args.file, officer)
        except AuthError as exc:
            raise CliError(str(exc), 3) from None
        except holds.HoldsRefused as exc:
            if args.json:
                print_json(exc.to_json())
            raise CliError(str(exc)) from None
        status = holds.counts(store)
    if args.json:
        print_json({**batch.to_json(), "counts": status.to_json()})
    else:
        note = (
            f" ({batch.examined_on_import} already examined here)"
            if batch.examined_on_import
            else ""
        )
        print(
            f"{batch.file} ({batch.format}): {batch.added} added{note}, {batch.updated} updated, "
            f"{batch.unchanged} unchanged — import #{batch.id}"
        )
        print(status.label(), file=sys.stdout)
    return 0


def _line(hold: Hold) -> str:
    when = {
        "outstanding": f"targeted {hold.targeted_on}",
        "located": f"located {hold.located_at}",
        "examined": f"examined {hold.examined_at} (inspection {hold.inspection_uuid})",
    }[hold.status]
    return f"{hold.item_id:<22} {hold.status:<11} {hold.source} — {hold.reason}  [{when}]"


def run_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        found = holds.list_holds(store, args.status)
        status = holds.counts(store)
    if args.json:
        print_json([h.to_json() for h in found])
        return 0
    if not found:
        print(f"no {args.status} holds" if args.status else "no holds")
    for hold in found:
        print(_line(hold))
    print(
        f"{status.label()} · examined {status.examined}" if status.total else "holds outstanding 0"
    )
    return 0
