"""`parcelbench hq serve|enroll|status|revoke|publish`: running headquarters.

These commands act on HQ's database directly (`--db`, default `$PARCELBENCH_HQ_DB`, else
`hq.sqlite` in the user data folder); they are for HQ's own machines, never for a bench.
The default is one fixed place, not a file in the current folder, so `hq serve` and a later
`hq enroll` run from elsewhere use the same database.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from parcelbench.cli.common import CliError, add_json_option, print_json
from parcelbench.cli.progname import command_name
from parcelbench.paths import data_dir

HQ_DB_ENV = "PARCELBENCH_HQ_DB"
HQ_DB_FILE = "hq.sqlite"


def default_hq_db() -> str:
    """`$PARCELBENCH_HQ_DB`, else `hq.sqlite` in the user data folder (an absolute URL)."""
    return os.environ.get(HQ_DB_ENV) or f"sqlite:///{data_dir() / HQ_DB_FILE}"


def _add_hq_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="HQ database: sqlite:///PATH or postgresql://… "
        f"(default: ${HQ_DB_ENV}, else {HQ_DB_FILE} in the user data folder)",
    )


def _db_url(args: argparse.Namespace) -> str:
    return args.db or default_hq_db()


def _open(args: argparse.Namespace, *, create: bool = True) -> Any:
    """HQ's database; `create=False` for commands that need one already (status, revoke)."""
    from parcelbench.hq.storage import HqDbError, NoHqDatabase, open_database

    try:
        return open_database(_db_url(args), create=create)
    except NoHqDatabase as exc:
        me = command_name()
        raise CliError(
            f"{exc}: start one with `{me} hq serve` or `{me} hq enroll BENCH_NAME "
            "--facility CODE`, or give --db with HQ's database"
        ) from None
    except HqDbError as exc:
        raise CliError(str(exc)) from None


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "hq",
        help="headquarters: serve the sync API, enroll and revoke benches, publish the feed",
        description="Headquarters commands (run at HQ, against HQ's database).",
    )
    hsub = parser.add_subparsers(dest="hq_command", metavar="ACTION", required=True)

    serve = hsub.add_parser("serve", help="serve the sync API and the HQ page")
    _add_hq_db(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8787)
    serve.add_argument("--tls-cert", metavar="PEM", help="server certificate (chain)")
    serve.add_argument("--tls-key", metavar="PEM", help="its private key")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="answer from N processes (PostgreSQL; one per core is a good start)",
    )
    serve.set_defaults(handler=run_serve)

    enroll = hsub.add_parser(
        "enroll",
        help="enroll a bench: print its id and token once",
        description="Enroll a bench. The token is printed once; HQ keeps only its hash.",
    )
    enroll.add_argument("name", metavar="BENCH_NAME")
    enroll.add_argument("--facility", required=True, metavar="CODE")
    enroll.add_argument(
        "--port",
        metavar="PPPP",
        help="the facility's CBP port code (four digits), given once per facility: each bench "
        "of a port numbers seizures in a segment of its own (FY-PPPP-SSNNNN-LL)",
    )
    enroll.add_argument(
        "--out",
        metavar="FILE",
        help="write the enrollment file the bench takes (`sync --enroll FILE`): its token and "
        "HQ's signing key, owner-only; carry it to the bench, then delete it",
    )
    enroll.add_argument("--url", metavar="URL", help="HQ's address as benches reach it (in FILE)")
    enroll.add_argument(
        "--replaces",
        metavar="BENCH_ID",
        help="the same bench enrolled again: carry on that enrollment's audit chain and revoke "
        "its token",
    )
    _add_hq_db(enroll)
    add_json_option(enroll)
    enroll.set_defaults(handler=run_enroll)

    operator = hsub.add_parser(
        "operator",
        help="create (or renew) an HQ page account: print its key once",
        description=(
            "Create an account for the HQ page (HTTP Basic: the name and this key). Running it "
            "again for the same name replaces the key. HQ keeps only the key's hash."
        ),
    )
    operator.add_argument("name", metavar="NAME")
    operator.add_argument("--revoke", action="store_true", help="revoke this account's key instead")
    _add_hq_db(operator)
    add_json_option(operator)
    operator.set_defaults(handler=run_operator)

    revoke = hsub.add_parser("revoke", help="revoke a bench's token (it must enroll again)")
    revoke.add_argument("bench_id", metavar="BENCH_ID")
    _add_hq_db(revoke)
    revoke.set_defaults(handler=run_revoke)

    key = hsub.add_parser(
        "key",
        help="print HQ's feed signing key (benches pin it at enrollment)",
        description=(
            "Print HQ's public feed signing key. It is in every enrollment file; a bench "
            "enrolled without one pins it with `sync --hq-key KEY` (compare it by a channel "
            "other than the network to HQ)."
        ),
    )
    _add_hq_db(key)
    key.set_defaults(handler=run_key)

    feed = hsub.add_parser("feed", help="the latest feed items, withdrawn ones marked")
    _add_hq_db(feed)
    add_json_option(feed)
    feed.set_defaults(handler=run_feed)

    withdraw = hsub.add_parser(
        "withdraw",
        help="withdraw a feed item benches cannot (or must not) apply",
        description=(
            "Withdraw a published feed item: benches that have not applied it move past it "
            "without applying it. Publish a corrected file as a new item."
        ),
    )
    withdraw.add_argument("seq", type=int, metavar="SEQ")
    withdraw.add_argument("--reason", required=True)
    _add_hq_db(withdraw)
    withdraw.set_defaults(handler=run_withdraw)

    rebuild = hsub.add_parser(
        "rebuild",
        help="rebuild HQ's query tables (seizures, inspections) from the event log",
        description=(
            "Empty HQ's query tables and fill them again from the events HQ holds. They are "
            "kept at ingest; rebuild after restoring the events from a backup or to check "
            "them. Arrivals are not in the event log and are kept as they are."
        ),
    )
    _add_hq_db(rebuild)
    add_json_option(rebuild)
    rebuild.set_defaults(handler=run_rebuild)

    stats = hsub.add_parser(
        "stats",
        help="the period's figures: baseline and targeted rates, AED compliance, holds",
        description=(
            "Non-compliance per facility, origin post and selection reason (targeted against "
            "the random-exam baseline, each with a 95 % Wilson interval, and the lift), AED "
            "compliance per origin post, holds located and examined per facility, and the "
            "seizures, for the days --from to --to (UTC, both included)."
        ),
    )
    stats.add_argument("--from", dest="since", required=True, metavar="YYYY-MM-DD")
    stats.add_argument("--to", dest="until", required=True, metavar="YYYY-MM-DD")
    _add_hq_db(stats)
    add_json_option(stats)
    stats.set_defaults(handler=run_stats)

    linked = hsub.add_parser(
        "links",
        help="parcels not yet examined that share a party with a seizure anywhere",
        description=(
            "HQ's link search: the parties (names, addresses, phones, e-mails) of every AED "
            "item HQ published, against every seizure's parties, listing the parcels no bench "
            "has inspected yet. --publish turns them into holds on the benches (of --facility "
            "only, if given) in one step; --holds FILE writes the targeting list instead."
        ),
    )
    linked.add_argument("--holds", metavar="FILE", help="write them as a targeting list (CSV)")
    linked.add_argument("--publish", action="store_true", help="publish them as holds")
    linked.add_argument("--facility", metavar="CODE", help="with --publish: that facility only")
    _add_hq_db(linked)
    add_json_option(linked)
    linked.set_defaults(handler=run_links)

    post = hsub.add_parser(
        "postal",
        help="postal operators who pull customs decisions on their items",
        description=(
            "A postal operator pulls the customs decisions on its items from "
            "GET /postal/v1/decisions?after=CURSOR[&format=csv] with its own token (Bearer): "
            "released, held for examination, returned, seized, with the retention reason; an "
            "amendment comes as a new message naming the one it corrects."
        ),
    )
    psub = post.add_subparsers(dest="postal_command", metavar="ACTION", required=True)
    padd = psub.add_parser("add", help="create (or renew) an account: print its token once")
    padd.add_argument("name", metavar="NAME")
    scope = padd.add_mutually_exclusive_group(required=True)
    scope.add_argument("--posts", metavar="CC,CC", help="its origin posts (S10 country codes)")
    scope.add_argument("--all", action="store_true", help="every item (the delivering post)")
    prevoke = psub.add_parser("revoke", help="revoke an account's token")
    prevoke.add_argument("name", metavar="NAME")
    for parser in (padd, prevoke):
        _add_hq_db(parser)
        add_json_option(parser)
        parser.set_defaults(handler=run_postal)

    report = hsub.add_parser(
        "report",
        help="the period's report: a PDF, and its tables as CSV",
        description=(
            "The figures `hq stats` prints for the days --from to --to (UTC, both included), "
            "as a PDF (-o FILE.pdf) and, with --csv DIR, one CSV file per table."
        ),
    )
    report.add_argument("--from", dest="since", required=True, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="until", required=True, metavar="YYYY-MM-DD")
    report.add_argument("-o", "--out", required=True, metavar="FILE.pdf")
    report.add_argument("--csv", metavar="DIR", help="also write each table as DIR/NAME.csv")
    _add_hq_db(report)
    report.set_defaults(handler=run_report)

    target = hsub.add_parser(
        "target",
        help="set, list or drop the targets HQ measures progress against",
        description=(
            "Targets are shares from 0 to 1: aed_share (arrived parcels with AED) and "
            "aed_on_time per origin post, holds_in_2_days (holds examined within 2 days) and "
            "random_rate (random exams per arrived parcel) per facility; --scope all for the "
            "whole agency. `hq stats` and the HQ page show the progress month by month."
        ),
    )
    tsub = target.add_subparsers(dest="target_command", metavar="ACTION", required=True)
    tset = tsub.add_parser("set", help="set (or change) a target")
    tset.add_argument("metric", metavar="MEASURE")
    tset.add_argument("value", type=float, metavar="SHARE", help="e.g. 0.9 for 90 %%")
    tdrop = tsub.add_parser("drop", help="drop a target")
    tdrop.add_argument("metric", metavar="MEASURE")
    for parser in (tset, tdrop):
        parser.add_argument(
            "--scope", default="all", help="an origin post, a facility code, or all (default)"
        )
    tlist = tsub.add_parser("list", help="every target")
    for parser in (tset, tdrop, tlist):
        _add_hq_db(parser)
        add_json_option(parser)
        parser.set_defaults(handler=run_target)

    status = hsub.add_parser("status", help="every bench: events held, chain, last sync")
    _add_hq_db(status)
    add_json_option(status)
    status.set_defaults(handler=run_status)

    publish = hsub.add_parser(
        "publish",
        help="publish a file to every bench through the feed",
        description=(
            "Publish one file to the feed: aed (an AED file), rules (a rule pack), holds (a "
            "targeting list), watchlist / shippers (JSON array or JSON Lines of entries), "
            "officers (entries with badge, name, role and pin or pin_hash). The file is "
            "validated first; a bad file is refused and nothing is published."
        ),
    )
    from parcelbench.hq.publish import KINDS

    publish.add_argument("kind", choices=KINDS)
    publish.add_argument("file", metavar="FILE")
    publish.add_argument(
        "--facility",
        metavar="CODE",
        help="publish to that facility's benches only (e.g. its targeting list)",
    )
    _add_hq_db(publish)
    add_json_option(publish)
    publish.set_defaults(handler=run_publish)


def _need_server_extra() -> None:
    if getattr(sys, "frozen", False):  # the installed bench bundle leaves HQ's server out
        raise CliError(
            "this is the bench build of ParcelBench, without the HQ server; run `hq serve` on "
            "HQ's machine from the Python package: pip install 'parcelbench[hq]'"
        )
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise CliError("the HQ server needs the hq extra: pip install 'parcelbench[hq]'") from None


def run_serve(args: argparse.Namespace) -> int:
    _need_server_extra()
    if bool(args.tls_cert) != bool(args.tls_key):
        raise CliError("--tls-cert and --tls-key go together")
    from parcelbench.domain.hq_url import is_loopback

    if not args.tls_cert and not is_loopback(args.host):
        raise CliError(
            f"refusing to serve plain HTTP on {args.host}: bench tokens and the feed would "
            "cross the network unencrypted. Give --tls-cert PEM --tls-key PEM, or serve on "
            "127.0.0.1 behind a TLS proxy on this machine"
        )
    if not 1 <= args.workers <= 64:
        raise CliError(f"--workers must be 1 to 64, not {args.workers}")
    from parcelbench.hq.server import serve
    from parcelbench.hq.storage import HqDbError

    try:
        serve(
            _db_url(args),
            host=args.host,
            port=args.port,
            tls_cert=args.tls_cert,
            tls_key=args.tls_key,
            workers=args.workers,
        )
    except HqDbError as exc:
        raise CliError(str(exc)) from None
    return 0


def run_operator(args: argparse.Namespace) -> int:
    from parcelbench.hq.storage import repo

    name = args.name.strip()
    if not name or ":" in name or len(name) > 64:
        raise CliError("an operator name is 1 to 64 characters, without ':'")
    db = _open(args, create=not args.revoke)
    try:
        if args.revoke:
            if not repo.revoke_operator(db, name):
                raise CliError(f"no HQ operator {name!r} with a live key")
            print(f"revoked operator {name}")
            return 0
        key = repo.add_operator(db, name)
    finally:
        db.close()
    return _show_once(args, {"name": name, "key": key}, ("operator", "key"), db.location())


def run_enroll(args: argparse.Namespace) -> int:
    from parcelbench.domain.hq_url import hq_url_problem
    from parcelbench.hq.storage import repo
    from parcelbench.hq.storage.keys import public_key

    if args.url and (problem := hq_url_problem(args.url)):
        raise CliError(problem)
    out = Path(args.out) if args.out else None
    if out is not None and out.exists():
        raise CliError(f"{out} exists; give a new file name (an enrollment file is never reused)")
    db = _open(args)
    try:
        bench_id, token = repo.enroll(
            db, args.name, args.facility, port=args.port, replaces=args.replaces
        )
        bench = repo.bench(db, bench_id)
        hq_key = public_key(db)
    except (repo.NoSuchBench, repo.EnrollError) as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    identity = {"facility": bench.facility, "port": bench.port, "segment": bench.segment}
    if out is None:
        secret = {"bench_id": bench_id, "token": token, "hq_key": hq_key, **identity}
        labels = ("bench id", "token", "hq key", "facility", "port", "segment")
        return _show_once(args, secret, labels, db.location())
    enrollment = {"bench_id": bench_id, "token": token, "hq_key": hq_key, **identity}
    if args.url:
        enrollment["hq_url"] = args.url
    write_private(out, json.dumps(enrollment, indent=2) + "\n")
    shown = {"bench_id": bench_id, "enrollment_file": str(out), "hq_key": hq_key, **identity}
    if args.json:
        print_json(shown)
    else:
        print(f"bench id: {bench_id}\nenrollment file: {out}\nhq key:   {hq_key}")
        print(f"facility: {bench.facility}" + _numbering(bench.port, bench.segment))
    print(
        f"The file holds the bench's token (HQ keeps only its hash, {db.location()}): carry it "
        f"to the bench, run `{command_name()} sync --hq URL --enroll FILE` there, then delete it.",
        file=sys.stderr,
    )
    return 0


def _numbering(port: str | None, segment: int | None) -> str:
    """How the bench will number seizures, for the officer enrolling it."""
    if port is None or segment is None:
        return (
            " (no port: give --port PPPP once for this facility so its benches number "
            "seizures apart)"
        )
    return f", port {port}, bench segment {segment:02d} (seizures {port}-{segment:02d}NNNN)"


def write_private(path: Path, text: str) -> None:
    """A new file only its owner can read, created that way (never readable, even briefly)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def run_rebuild(args: argparse.Namespace) -> int:
    from parcelbench.hq.storage.read_models import rebuild

    db = _open(args, create=False)
    try:
        counts = rebuild(db)
    finally:
        db.close()
    if args.json:
        print_json(counts)
    else:
        print(", ".join(f"{table.removeprefix('rm_')} {n:,}" for table, n in counts.items()))
    return 0


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{option} {text!r} is not a date (YYYY-MM-DD)") from None


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share:.1%}"


def run_stats(args: argparse.Namespace) -> int:
    figures = _figures(args)
    since, until = figures["period"]["from"], figures["period"]["to"]
    if args.json:
        print_json(figures)
        return 0
    print(f"HQ figures {since} to {until}")
    print("\nBaseline (random exams) and targeted exams")
    for b in figures["baseline"]:
        t, r = b["targeted"], b["random"]
        lift = "—" if b["lift"] is None else f"{b['lift']:.1f}×"
        print(
            f"  {b['facility']:<10} targeted {t['noncompliant']}/{t['exams']} "
            f"({_pct(t['rate'])}, {t['ci95'][0]:.1%}–{t['ci95'][1]:.1%})  random "
            f"{r['noncompliant']}/{r['exams']} ({_pct(r['rate'])}, "
            f"{r['ci95'][0]:.1%}–{r['ci95'][1]:.1%})  lift {lift}"
        )
    print("\nAED compliance per origin post")
    for a in figures["aed_compliance"]:
        print(
            f"  {a['origin']:<6} arrived {a['arrived']:>7,}  with AED {_pct(a['share_with_aed'])}"
            f"  on time {_pct(a['share_on_time'])}  complete {_pct(a['completeness'])}"
        )
    print("\nHolds per facility")
    for h in figures["holds"]:
        print(
            f"  {h['facility']:<10} targeted {h['targeted']}  located {h['located']}  examined "
            f"{h['examined']} ({_pct(h['examined_share'])}; within 2 days "
            f"{_pct(h['examined_in_2_days_share'])})"
        )
    if figures["targets"]:
        print("\nTargets")
    for t in figures["targets"]:
        state = "—" if t["met"] is None else "met" if t["met"] else "not met"
        months = ", ".join(f"{m['month']} {_pct(m['actual'])}" for m in t["months"])
        print(
            f"  {t['metric']} [{t['scope']}] target {_pct(t['target'])}: "
            f"{_pct(t['actual'])} ({state}){'; ' + months if months else ''}"
        )
    print(f"\nSeizures: {len(figures['seizures'])}")
    return 0


def _figures(args: argparse.Namespace) -> dict[str, Any]:
    from parcelbench.hq.stats import stats

    since, until = _day(args.since, "--from"), _day(args.until, "--to")
    if until < since:
        raise CliError(f"--to {until} is before --from {since}")
    db = _open(args, create=False)
    try:
        return stats(db, since, until)
    finally:
        db.close()


def run_report(args: argparse.Namespace) -> int:
    from parcelbench.hq.report import pdf, write_csv

    figures = _figures(args)
    out = Path(args.out)
    try:
        out.write_bytes(pdf(figures))
        tables = write_csv(figures, Path(args.csv)) if args.csv else []
    except OSError as exc:
        raise CliError(f"cannot write the report: {exc.strerror or exc} ({exc.filename})") from None
    print(f"report {figures['period']['from']} to {figures['period']['to']}: {out}")
    for path in tables:
        print(f"table: {path}")
    return 0


def _targeting_list(found: list[Any]) -> str:
    """The links as a targeting list a bench imports: one hold per parcel, its first link as
    the reason."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["item_id", "reason", "source", "targeted_on"])
    seen: set[str] = set()
    today = date.today().isoformat()
    for link in found:
        if link.item_id in seen:
            continue
        seen.add(link.item_id)
        writer.writerow([
            link.item_id,
            f"{link.entity} shared with seizure {link.seizure_number} at {link.facility}",
            "HQ counter-network",
            today,
        ])  # fmt: skip
    return out.getvalue()


def run_links(args: argparse.Namespace) -> int:
    from parcelbench.hq.publish import PublishError, publish_file
    from parcelbench.hq.storage.links import unexamined_links

    if args.facility and not args.publish:
        raise CliError("--facility goes with --publish")
    db = _open(args, create=False)
    try:
        found = unexamined_links(db)
        published = None
        if args.publish and found:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "hq-links.csv"
                path.write_text(_targeting_list(found), encoding="utf-8")
                try:
                    published = publish_file(db, "holds", path, facility=args.facility)
                except PublishError as exc:
                    raise CliError(str(exc)) from None
    finally:
        db.close()
    if args.holds:
        Path(args.holds).write_text(_targeting_list(found), encoding="utf-8")
    if args.json:
        print_json([
            {"item_id": x.item_id, "origin": x.origin, "entity": x.entity, "shown": x.shown,
             "seizure_number": x.seizure_number, "facility": x.facility,
             "seized_item": x.seized_item, "similarity": x.similarity}
            for x in found
        ])  # fmt: skip
    else:
        for x in found:
            same = "=" if x.similarity >= 1 else f"≈ ({x.similarity:.0%} alike)"
            print(
                f"{x.item_id} ({x.origin}): {x.entity} “{x.shown}” {same} seizure "
                f"{x.seizure_number} at {x.facility} (parcel {x.seized_item})"
            )
        parcels = len({x.item_id for x in found})
        print(f"{parcels} parcel(s) not yet examined share a party with a seizure")
    if published is not None:
        print(f"published as holds: feed item {published['seq']}", file=sys.stderr)
    return 0


def run_postal(args: argparse.Namespace) -> int:
    from parcelbench.hq.storage import postal

    name = args.name.strip()
    if not name or len(name) > 64:
        raise CliError("a postal operator's name is 1 to 64 characters")
    db = _open(args, create=args.postal_command == "add")
    try:
        if args.postal_command == "revoke":
            if not postal.revoke(db, name):
                raise CliError(f"no postal operator {name!r} with a live token")
            print(f"revoked postal operator {name}")
            return 0
        posts: tuple[str, ...] = (postal.ALL_POSTS,)
        if not args.all:
            posts = tuple(sorted({p.strip().upper() for p in args.posts.split(",") if p.strip()}))
            bad = [p for p in posts if not (len(p) == 2 and p.isalpha())]
            if bad or not posts:
                raise CliError(
                    f"--posts takes two-letter country codes (S10), e.g. CN,HK; not {bad or '-'}"
                )
        token = postal.add(db, name, posts)
    finally:
        db.close()
    shown = {"name": name, "token": token, "posts": ",".join(posts)}
    return _show_once(args, shown, ("postal", "token", "posts"), db.location())


def run_target(args: argparse.Namespace) -> int:
    from parcelbench.hq.storage import figures
    from parcelbench.hq.targets import TargetError, check

    db = _open(args, create=args.target_command == "set")
    try:
        if args.target_command == "set":
            try:
                check(args.metric, args.scope, args.value)
            except TargetError as exc:
                raise CliError(str(exc)) from None
            figures.set_target(db, args.metric, args.scope.strip(), args.value, "hq")
        elif args.target_command == "drop" and not figures.drop_target(db, args.metric, args.scope):
            raise CliError(f"no target {args.metric} [{args.scope}] (see `hq target list`)")
        held = figures.targets(db)
    finally:
        db.close()
    if args.json:
        print_json([{"metric": t.metric, "scope": t.scope, "target": t.target,
                     "set_at": t.set_at} for t in held])  # fmt: skip
    else:
        for t in held:
            print(f"{t.metric} [{t.scope}] {t.target:.1%} (set {t.set_at[:10]})")
        if not held:
            print("no targets set")
    return 0


def run_key(args: argparse.Namespace) -> int:
    from parcelbench.domain.feed import key_fingerprint
    from parcelbench.hq.storage.keys import public_key

    db = _open(args)
    try:
        key = public_key(db)
    finally:
        db.close()
    print(key)
    print(f"fingerprint {key_fingerprint(key)}", file=sys.stderr)
    return 0


def run_feed(args: argparse.Namespace) -> int:
    from parcelbench.hq.storage import repo

    db = _open(args, create=False)
    try:
        items = repo.feed_items(db)
    finally:
        db.close()
    if args.json:
        print_json({"items": items})
        return 0
    if not items:
        print("nothing published")
    for i in items:
        gone = f" WITHDRAWN ({i['withdrawn_reason']})" if i["withdrawn_at"] else ""
        print(f"{i['seq']} {i['kind']} {i['name']} {i['published_at']}{gone}")
    return 0


def run_withdraw(args: argparse.Namespace) -> int:
    from parcelbench.hq.storage import repo

    reason = args.reason.strip()
    if not reason:
        raise CliError("--reason says why (benches record it)")
    db = _open(args, create=False)
    try:
        repo.withdraw(db, args.seq, reason, by="hq")
    except repo.NoFeedItem as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    print(f"withdrew feed item {args.seq}; benches move past it at their next sync")
    return 0


def _show_once(
    args: argparse.Namespace, secret: dict[str, Any], labels: tuple[str, ...], where: str
) -> int:
    """An identity and its secret, printed this once (HQ keeps only the secret's hash).

    Which database holds it is said on stderr: an identity made in another HQ database than
    the one `hq serve` uses is refused later, far from the cause.
    """
    if args.json:
        print_json(secret)
    else:
        for label, value in zip(labels, secret.values(), strict=True):
            if value is not None:
                print(f"{label + ':':<10}{value}")
    print(f"The {labels[1]} is shown once; HQ keeps only its hash ({where}).", file=sys.stderr)
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from parcelbench.hq.storage import repo

    db = _open(args, create=False)
    try:
        if not repo.revoke(db, args.bench_id):
            raise CliError(f"no enrolled bench {args.bench_id} with a live token")
    finally:
        db.close()
    print(f"revoked {args.bench_id}")
    return 0


STATUS_KEYS = ("bench_id", "name", "events", "last_seq", "blobs", "chain_ok", "last_sync")


def run_status(args: argparse.Namespace) -> int:
    from parcelbench.hq.storage import repo

    db = _open(args, create=False)
    try:
        benches = repo.status(db)
    finally:
        db.close()
    if args.json:
        print_json({"benches": benches})
        return 0
    if not benches:
        print("no bench enrolled")
    for b in benches:
        chain = "chain ok" if b["chain_ok"] else f"CHAIN BROKEN ({b['chain_error']})"
        state = " revoked" if b["revoked"] else ""
        print(
            f"{b['bench_id']} {b['name']} [{b['facility']}]{state}: {b['events']} events "
            f"(last seq {b['last_seq']}), {b['blobs']} blobs, {chain}, "
            f"last sync {b['last_sync'] or 'never'}"
        )
    return 0


def run_publish(args: argparse.Namespace) -> int:
    from parcelbench.hq.publish import PublishError, publish_file

    db = _open(args)
    try:
        item = publish_file(db, args.kind, args.file, facility=args.facility)
    except PublishError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    if args.json:
        print_json(item)
    else:
        print(f"published {item['kind']} {item['name']} as feed item {item['seq']}")
    return 0
