"""`parcelbench demo-data` (synthetic AED files) and `parcelbench demo` (the demo database)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from parcelbench.aed.writers import FORMATS, write
from parcelbench.cli.aed_cmd import _print_item
from parcelbench.cli.common import CliError, add_json_option, print_json
from parcelbench.cli.progname import command_name
from parcelbench.services.bench import Desk
from parcelbench.services.database import evidence_held, open_database
from parcelbench.services.demo import DEMO_ACCOUNTS, DemoError, default_demo_db, ensure_demo


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    gen = sub.add_parser(
        "demo-data",
        help="write realistic synthetic AED (for demos, tests and benchmarks)",
        description=(
            "Write N synthetic AED items: realistic origins, parties and goods, a few percent "
            "suspicious (vague descriptions, precursors, cheap brand goods, shared drop "
            "addresses), some with optional fields missing. Same seed, same file."
        ),
    )
    gen.add_argument("--items", type=int, default=1000, metavar="N")
    gen.add_argument(
        "--seed", type=int, metavar="S", help="default: the demo seed (the bundled demo data)"
    )
    gen.add_argument("--format", choices=FORMATS, default="xml")
    gen.add_argument("-o", "--output", required=True, metavar="FILE", help="'-' for stdout")
    gen.set_defaults(handler=run_demo_data)

    demo = sub.add_parser(
        "demo",
        help="build the demo database from the bundled demo AED and show it",
        description="Build (once) and show the demo workstation database.",
    )
    demo.add_argument(
        "--db", metavar="PATH", help="demo database (default: demo.sqlite in the user data folder)"
    )
    demo.add_argument("--rebuild", action="store_true", help="start from an empty database")
    add_json_option(demo)
    demo.set_defaults(handler=run_demo)


def run_demo_data(args: argparse.Namespace) -> int:
    from parcelbench.aed.demo import DEMO_SEED, generate  # 30 ms of tables: load on use

    if args.items < 0:
        raise CliError("--items must be 0 or more")
    items = generate(args.items, DEMO_SEED if args.seed is None else args.seed)
    if args.output == "-":
        write(args.format, items, sys.stdout)
        return 0
    out = Path(args.output)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="") as fh:
            count = write(args.format, items, fh)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror}") from None
    print(f"wrote {count:,} AED items ({args.format}) to {out}", file=sys.stderr)
    return 0


def _check_deletable(path: Path) -> None:
    """--rebuild deletes the file: only ever a SQLite database, never a document by mistake."""
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise CliError(f"cannot rebuild {path}: {exc.strerror}") from None
    if header and header != b"SQLite format 3\x00":
        raise CliError(f"{path} is not a database; --rebuild deletes it, so refusing")
    if header:
        evidence = evidence_held(path)
        if evidence:
            held = ", ".join(f"{v} {k}" for k, v in sorted(evidence.items()))
            raise CliError(f"{path} holds evidence ({held}); --rebuild never deletes evidence")


def run_demo(args: argparse.Namespace) -> int:
    db_path = Path(args.db) if args.db else default_demo_db()
    if args.rebuild:
        if args.db:  # the default demo file is always the demo's; any other file is checked
            _check_deletable(db_path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    try:
        bench = ensure_demo(db_path)
    except DemoError as exc:
        raise CliError(str(exc)) from None
    created, seconds = bench.created, bench.seconds
    with Desk(open_database(db_path)) as desk:
        total = desk.aed_count()
        samples = desk.aed_sample(3, seed=1)
    if args.json:
        print_json(
            {
                "db": str(db_path),
                "created": created,
                "items": total,
                "samples": [s.to_json() for s in samples if s],
                "accounts": [
                    {"badge": b, "name": n, "role": str(r), "pin": p}
                    for b, n, r, p in DEMO_ACCOUNTS
                ],
            }
        )
        return 0
    state = f"built in {seconds:.1f} s" if created else "already built"
    print(f"ParcelBench demo database: {db_path} ({state})")
    print(f"{total:,} parcels with advance electronic data. A few of them:\n")
    for stored in samples:
        if stored:
            _print_item(stored)
            print()
    first = samples[0].item.item_id if samples and samples[0] else "RR473124829GB"
    print("Demo accounts (badge / PIN):")
    for badge, name, role, pin in DEMO_ACCOUNTS:
        print(f"  {badge} / {pin}  {name} ({role})")
    _print_try(first, db_path)
    return 0


def _print_try(first: str, db_path: Path) -> None:
    """Next commands, written as this user can run them (`.venv/bin/parcelbench` after `./run`)."""
    me, db = command_name(), shlex.quote(str(db_path))
    print("\nTry:")
    print(f"  {me} aed show {first} --db {db}")
    print(
        f"  {me} record {first} --outcome released --officer {DEMO_ACCOUNTS[0][0]} --db {db}"
        f"   # asks for the PIN ({DEMO_ACCOUNTS[0][3]})"
    )
    print(f"  {me} id RR473124829GB")
    print(
        f"  {me} demo-data --items 5000 -o demo.jsonl --format jsonl && "
        f"{me} aed import demo.jsonl --db {db}"
    )
