"""`parcelbench sync`: send this bench's records to HQ and apply what HQ published.

The first run names HQ and enrolls the bench: `--hq URL --enroll FILE`, where FILE is what
`hq enroll NAME --facility CODE --out FILE` wrote at HQ (the bench's token and HQ's signing
key), plus `--ca FILE` for a private CA; the bench keeps them. Exit 0 synced, 4 HQ unreachable
or failing (the queue is kept), 5 the token was refused (enroll again; the queue is kept),
2 other refusals.
"""

from __future__ import annotations

import argparse
import json
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
from parcelbench.services.database import Database

REPORT_KEYS = ("pushed", "acknowledged", "parked", "pulled", "pending", "queued_total", "cursor")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "sync",
        help="sync with HQ: push records and photos, pull the feed",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--hq", metavar="URL", help="HQ address (saved on this bench)")
    parser.add_argument(
        "--enroll",
        metavar="FILE",
        help="the enrollment file `hq enroll --out FILE` wrote (token and HQ key, saved)",
    )
    parser.add_argument(
        "--hq-key",
        metavar="KEY",
        help="pin HQ's signing key (`hq key` prints it) on a bench enrolled without one",
    )
    parser.add_argument("--token", help=argparse.SUPPRESS)
    parser.add_argument("--ca", metavar="PEM", help="the private CA that signed HQ's certificate")
    parser.add_argument("--once", action="store_true", help="one round, then exit")
    parser.add_argument("--interval", type=float, default=30.0, help="seconds between rounds")
    parser.add_argument("--batch", type=int, default=1000, help="events per request")
    parser.add_argument(
        "--parked",
        action="store_true",
        help="list what sync set aside (events HQ refused, photos it could not send, feed "
        "items this bench cannot apply) and exit",
    )
    parser.add_argument(
        "--retry-parked",
        action="store_true",
        help="send the parked events and photos again (a supervisor: --officer, and the PIN)",
    )
    add_credentials(parser, "a supervisor's badge (--retry-parked)", required=False)
    add_db_option(parser)
    add_json_option(parser)
    parser.set_defaults(handler=run_sync)


def _report_json(report: object) -> dict[str, object]:
    out = report.to_json()  # type: ignore[attr-defined]
    return {k: out[k] for k in REPORT_KEYS} | {
        k: out[k]
        for k in ("blobs", "blobs_parked", "feed_refused", "feed_error", "chain_ok")
        if out[k] is not None
    }


def _show(report: object, as_json: bool) -> None:
    data = _report_json(report)
    if as_json:
        print_json(data)
        return
    print(
        f"pushed {data['pushed']}, acknowledged {data['acknowledged']}, parked {data['parked']}, "
        f"pulled {data['pulled']}; {data['pending']} waiting, feed cursor {data['cursor']}"
    )
    if data.get("blobs_parked"):
        print(
            f"{data['blobs_parked']} photo(s) set aside, not sent (see `sync --parked`)",
            file=sys.stderr,
        )
    if data.get("feed_refused"):
        print(
            f"{data['feed_refused']} feed item(s) this bench cannot apply were set aside and "
            "reported to HQ (see `sync --parked`)",
            file=sys.stderr,
        )
    if data.get("feed_error"):
        print(f"feed not applied: {data['feed_error']}", file=sys.stderr)


def _list_parked(store: Database, as_json: bool) -> int:
    from parcelbench.services.hq_link import set_aside

    found = set_aside(store)
    if as_json:
        print_json(found.to_json())
        return 0
    if not (found.events or found.photos or found.feed):
        print("nothing set aside: no parked events, photos or feed items")
    for p in found.events:
        print(f"event #{p.seq} {p.kind} {p.event_id}: {p.reason}")
    for sha, why in found.photos:
        print(f"photo {sha}: {why}")
    for seq, kind, name, why in found.feed:
        print(f"feed item {seq} ({kind} {name}): {why}")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from parcelbench.aed.importer import index_in_background, search_backlog
    from parcelbench.services.hq_link import (
        EnrollmentError,
        name_hq,
        read_enrollment,
        retry_parked,
    )
    from parcelbench.services.officers import AuthError
    from parcelbench.sync import sync_once
    from parcelbench.sync.transport import Refused, Transient, Unauthorized

    if args.batch < 1 or args.batch > 5000:
        raise CliError("--batch is 1 to 5000")
    if args.token:
        raise CliError(
            "a token is never given on the command line (other users and the shell history "
            "see it): use --enroll FILE, the file `hq enroll NAME --facility CODE --out FILE` "
            "wrote at HQ"
        )
    try:
        enrollment = read_enrollment(args.enroll) if args.enroll else None
    except EnrollmentError as exc:
        raise CliError(str(exc)) from None
    # enrolling may start a bench: officers, AED and rules come from HQ
    enrolling = enrollment is not None and bool(args.hq or enrollment.hq_url) and not args.parked
    with open_store(args, create=enrolling) as store:
        if args.parked:
            return _list_parked(store, args.json)
        try:
            name_hq(store, url=args.hq, enrollment=enrollment, ca_file=args.ca, hq_key=args.hq_key)
        except EnrollmentError as exc:
            raise CliError(str(exc)) from None
        if args.retry_parked:
            if not args.officer:
                raise CliError(
                    "--retry-parked is a supervisor's decision: add --officer BADGE (the PIN is "
                    "asked for, or given with --pin-stdin or --pin-file FILE)"
                )
            try:
                retry_parked(store, signed_in(store, args))
            except AuthError as exc:
                raise CliError(str(exc), 3) from None
        if args.once:
            try:
                report = sync_once(store, batch=args.batch)
            except Unauthorized as exc:
                raise CliError(str(exc), 5) from None
            except Transient as exc:
                raise CliError(f"{exc}; the queue is kept and will be sent later", 4) from None
            except Refused as exc:
                raise CliError(str(exc)) from None
            if search_backlog(store):  # a big AED batch from HQ: indexed for search after this
                index_in_background(store.path)
            _show(report, args.json)
            return 0
        return _loop(store.path, args)


def _loop(db_path: object, args: argparse.Namespace) -> int:
    import threading

    from parcelbench.sync import SyncLoop

    done = threading.Event()

    def on_round(report: object, error: Exception | None) -> None:
        if error is not None:
            print(f"parcelbench: {error}", file=sys.stderr, flush=True)
        elif args.json:
            print(json.dumps(_report_json(report)), flush=True)
        else:
            _show(report, False)
            sys.stdout.flush()

    loop = SyncLoop(db_path, interval=args.interval, on_round=on_round)  # type: ignore[arg-type]
    loop.start()
    try:
        done.wait()
    finally:
        loop.stop()
    return 0
