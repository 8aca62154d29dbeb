"""`parcelbench aed import|index|show|search`: bring advance electronic data in, and look at it."""

from __future__ import annotations

import argparse
import sys

from parcelbench.aed.importer import (
    ImportReport,
    import_files,
    index_for_search,
    index_in_background,
)
from parcelbench.cli.common import (
    CliError,
    add_db_option,
    add_json_option,
    open_desk,
    open_store,
    print_json,
)
from parcelbench.cli.progress import TerminalProgress
from parcelbench.domain.aed import SearchHit, StoredItem
from parcelbench.ids import parse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("aed", help="import and show advance electronic data (AED)")
    aed_sub = parser.add_subparsers(dest="aed_command", metavar="ACTION", required=True)

    imp = aed_sub.add_parser(
        "import",
        help="import AED files (XML, JSON Lines or CSV; detected from the content)",
        description=(
            "Import AED files. Each file is one transaction: a refused file imports nothing. "
            "Items that fail validation are listed and the rest import. Exit 0 when every file "
            "was readable (even with rejected items), 2 when a file was refused whole."
        ),
    )
    imp.add_argument("files", nargs="+", metavar="FILE")
    add_db_option(imp)
    add_json_option(imp)
    imp.add_argument("--no-progress", action="store_true", help="no progress line on stderr")
    imp.add_argument(
        "--index-search",
        choices=("auto", "now", "later"),
        default="auto",
        help=(
            "write the search index inside the import (now), or after it returns, in the "
            "background (later); auto: later for files of 64 MiB and more. Searches find "
            "everything either way, and ids are looked up at once"
        ),
    )
    imp.set_defaults(handler=run_import)

    index = aed_sub.add_parser(
        "index",
        help="catch the AED search index up with what big imports left (and wait for it)",
        description=(
            "Index for search the AED rows a big import left to be indexed after it returned "
            "(the import starts this in the background itself; run it to wait for it, or after "
            "a background indexer was stopped). Nothing to do: exit 0 at once."
        ),
    )
    add_db_option(index)
    add_json_option(index)
    index.add_argument("--quiet", action="store_true", help="no progress, no summary")
    index.set_defaults(handler=run_index)

    show = aed_sub.add_parser(
        "show",
        help="show the AED held for an item id",
        description="Show the current AED for an item id. Exit 1 when none is held.",
    )
    show.add_argument("item_id", metavar="ITEM_ID")
    show.add_argument("--history", action="store_true", help="also list superseded versions")
    add_db_option(show)
    add_json_option(show)
    show.set_defaults(handler=run_show)

    find = aed_sub.add_parser(
        "search",
        help="find current AED by id start, party, street, e-mail or goods",
        description=(
            "Find current AED: items whose id starts with TEXT, or else whose party names, "
            "streets, e-mails or content descriptions hold every word of TEXT (any case). Text "
            "under three characters searches ids only. One line per hit: id, sender, "
            "addressee, first content line. Exit 1 when nothing is found."
        ),
    )
    find.add_argument("text", nargs="+", metavar="TEXT")
    find.add_argument(
        "--limit", type=_positive, default=50, metavar="N", help="at most N hits (default 50)"
    )
    add_db_option(find)
    add_json_option(find)
    find.set_defaults(handler=run_search)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def run_import(args: argparse.Namespace) -> int:
    progress = TerminalProgress(sys.stderr)
    progress.enabled = progress.enabled and not args.no_progress
    index_search = {"auto": None, "now": True, "later": False}[args.index_search]
    with open_store(args, create=True) as store:  # importing AED starts a bench
        try:
            report = import_files(
                store, args.files, actor="cli", progress=progress, index_search=index_search
            )
        except KeyboardInterrupt:
            progress.done()
            raise CliError(
                "interrupted: the file being imported was rolled back; files finished before "
                "it are kept",
                130,
            ) from None
        finally:
            progress.done()
        if report.search_pending:
            index_in_background(store.path)
    for result in report.refused:
        print(f"{result.file}: REFUSED, nothing imported: {result.refused}", file=sys.stderr)
    if args.json:
        print_json(report.to_json())
    else:
        _print_report(report)
        if report.search_pending:
            print(
                f"search index: {report.search_pending:,} items being indexed in the "
                "background (searches read them directly meanwhile; `parcelbench aed index` "
                "waits for it)"
            )
    return 2 if report.refused else 0


def run_index(args: argparse.Namespace) -> int:
    progress = TerminalProgress(sys.stderr)
    progress.enabled = progress.enabled and not args.quiet
    with open_store(args) as store:
        try:
            done = index_for_search(store, progress=progress)
        finally:
            progress.done()
    if args.json:
        print_json(done.to_json())
    elif not args.quiet:
        print(f"search index: {done.indexed:,} items indexed ({done.seconds:.1f} s)")
    return 0


def _print_report(report: ImportReport) -> None:
    for result in report.results:
        if result.refused:
            continue
        c = result.counts
        print(
            f"{result.file} ({result.format}): {c.imported:,} imported, {c.superseded:,} "
            f"superseded, {c.unchanged:,} unchanged, {c.rejected:,} rejected"
        )
        for r in result.rejections[:20]:
            print(f"  line {r.line}: {r.item_id or '-'}: {r.field} {r.reason}")
        if len(result.rejections) > 20:
            print(f"  … {len(result.rejections) - 20:,} more (use --json for all)")
        if result.unknown_fields:
            print(f"  warning: ignored unknown fields: {', '.join(result.unknown_fields)}")


def run_show(args: argparse.Namespace) -> int:
    parsed = parse(args.item_id)
    with open_desk(args) as desk:
        history = desk.aed_history(parsed.normalized) if args.history else []
        current = desk.aed(parsed.normalized)
    if current is None and not history:
        what = f"{parsed.kind} id" if parsed.kind != "unknown" else "payload"
        note = f" ({parsed.error})" if parsed.error else ""
        print(f"no AED held for {what} {parsed.normalized!r}{note}", file=sys.stderr)
        return 1
    if args.json:
        out = (current or history[0]).to_json()
        if args.history:
            out["history"] = [h.to_json() for h in history if not h.is_current]
        print_json(out)
    else:
        _print_item(current or history[0])
        for old in history:
            if not old.is_current:
                print(
                    f"  superseded version {old.item.version} (imported {old.imported_at}, "
                    f"superseded {old.superseded_at})"
                )
    return 0


def _print_item(stored: StoredItem) -> None:
    item = stored.item
    parsed = parse(item.item_id)
    print(
        f"{parsed.display()}  version {item.version}{'' if stored.is_current else ' (superseded)'}"
    )
    for label, key in (
        ("sent", "sent_at"),
        ("class", "mail_class"),
        ("category", "category"),
        ("gross weight kg", "gross_weight_kg"),
        ("total value", "total_value"),
        ("currency", "currency"),
        ("invoice", "invoice_no"),
    ):
        value = getattr(item, key)
        if value is not None:
            print(f"  {label}: {value}")
    for label, party in (("sender", item.sender), ("addressee", item.addressee)):
        address = ", ".join(
            v for v in (party.street, party.city, party.state, party.postcode, party.country) if v
        )
        print(
            f"  {label}: {party.name}{f' ({party.business})' if party.business else ''} — {address}"
        )
    print("  contents:")
    for piece in item.contents:
        print(
            f"    {piece.quantity} × {piece.description}  "
            f"{piece.net_weight_kg if piece.net_weight_kg is not None else '-'} kg  "
            f"{piece.value or '-'} {piece.currency or item.currency or ''}  "
            f"HS {piece.hs_code or '-'}  origin {piece.origin_country or '-'}"
        )


def run_search(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    with open_desk(args) as desk:
        hits = desk.search_aed(text, limit=args.limit)
    if args.json:
        print_json([hit.to_json() for hit in hits])
    else:
        for hit in hits:
            print(_hit_line(hit))
        if not hits:
            print(f"no current AED matches {text.strip()!r}", file=sys.stderr)
        elif len(hits) == args.limit:
            print(f"{args.limit} shown; there may be more (--limit N)", file=sys.stderr)
    return 0 if hits else 1


def _hit_line(hit: SearchHit) -> str:
    line = f"{hit.item_id:<22} {hit.sender} → {hit.addressee}"
    return f"{line} — {hit.first_description}" if hit.first_description else line
