"""`parcelbench hq serve|enroll|status|revoke|publish`: running headquarters.

These commands act on HQ's database directly (`--db`, default `$PARCELBENCH_HQ_DB`, else
`hq.sqlite` in the user data folder); they are for HQ's own machines, never for a bench.
The default is one fixed place, not a file in the current folder, so `hq serve` and a later
`hq enroll` run from elsewhere use the same database.
"""

from __future__ import annotations

import argparse
import os
import sys
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
    serve.set_defaults(handler=run_serve)

    enroll = hsub.add_parser(
        "enroll",
        help="enroll a bench: print its id and token once",
        description="Enroll a bench. The token is printed once; HQ keeps only its hash.",
    )
    enroll.add_argument("name", metavar="BENCH_NAME")
    enroll.add_argument("--facility", required=True, metavar="CODE")
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
    _add_hq_db(operator)
    add_json_option(operator)
    operator.set_defaults(handler=run_operator)

    revoke = hsub.add_parser("revoke", help="revoke a bench's token (it must enroll again)")
    revoke.add_argument("bench_id", metavar="BENCH_ID")
    _add_hq_db(revoke)
    revoke.set_defaults(handler=run_revoke)

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
    _add_hq_db(publish)
    add_json_option(publish)
    publish.set_defaults(handler=run_publish)


def _need_server_extra() -> None:
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise CliError("the HQ server needs the hq extra: pip install 'parcelbench[hq]'") from None


def run_serve(args: argparse.Namespace) -> int:
    _need_server_extra()
    if bool(args.tls_cert) != bool(args.tls_key):
        raise CliError("--tls-cert and --tls-key go together")
    from parcelbench.hq.server import serve
    from parcelbench.hq.storage import HqDbError

    try:
        serve(
            _db_url(args),
            host=args.host,
            port=args.port,
            tls_cert=args.tls_cert,
            tls_key=args.tls_key,
        )
    except HqDbError as exc:
        raise CliError(str(exc)) from None
    return 0


def run_operator(args: argparse.Namespace) -> int:
    from parcelbench.hq.storage import repo

    name = args.name.strip()
    if not name or ":" in name or len(name) > 64:
        raise CliError("an operator name is 1 to 64 characters, without ':'")
    db = _open(args)
    try:
        key = repo.add_operator(db, name)
    finally:
        db.close()
    return _show_once(args, {"name": name, "key": key}, ("operator", "key"), db.location())


def run_enroll(args: argparse.Namespace) -> int:
    from parcelbench.hq.storage import repo

    db = _open(args)
    try:
        bench_id, token = repo.enroll(db, args.name, args.facility)
    finally:
        db.close()
    secret = {"bench_id": bench_id, "token": token}
    return _show_once(args, secret, ("bench id", "token"), db.location())


def _show_once(
    args: argparse.Namespace, secret: dict[str, str], labels: tuple[str, str], where: str
) -> int:
    """An identity and its secret, printed this once (HQ keeps only the secret's hash).

    Which database holds it is said on stderr: an identity made in another HQ database than
    the one `hq serve` uses is refused later, far from the cause.
    """
    if args.json:
        print_json(secret)
    else:
        for label, value in zip(labels, secret.values(), strict=True):
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
        item = publish_file(db, args.kind, args.file)
    except PublishError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    if args.json:
        print_json(item)
    else:
        print(f"published {item['kind']} {item['name']} as feed item {item['seq']}")
    return 0
