"""`parcelbench operation start|end|show`: special operations, for supervisors."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from parcelbench.cli.common import (
    CliError,
    add_credentials,
    add_db_option,
    add_json_option,
    open_store,
    print_json,
    signed_in,
)
from parcelbench.services import operations
from parcelbench.services.officers import AuthError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    op = sub.add_parser("operation", help="start, end or show a special operation (blitz)")
    cmds = op.add_subparsers(dest="operation_command", metavar="COMMAND", required=True)
    start = cmds.add_parser("start", help="start a special operation (supervisor)")
    start.add_argument("name")
    start.add_argument("--from", dest="starts_on", default=date.today().isoformat())
    start.add_argument(
        "--to", dest="ends_on", default=(date.today() + timedelta(days=2)).isoformat()
    )
    start.add_argument("--targeted-rate", type=float, default=1.0, help="0–1 (default 1)")
    start.add_argument("--random-rate", type=float, default=0.02, help="0–1 (default 0.02)")
    add_credentials(start)
    end = cmds.add_parser("end", help="end the running operation (supervisor)")
    add_credentials(end)
    show = cmds.add_parser("show", help="the running operation and its counts so far")
    for parser in (start, end, show):
        add_db_option(parser)
        add_json_option(parser)
    start.set_defaults(handler=run_start)
    end.set_defaults(handler=run_end)
    show.set_defaults(handler=run_show)


def _change(args: argparse.Namespace, start: bool) -> int:
    with open_store(args) as store:
        officer = signed_in(store, args)
        try:
            if start:
                operations.start(
                    store,
                    officer,
                    args.name,
                    starts_on=args.starts_on,
                    ends_on=args.ends_on,
                    targeted_rate=args.targeted_rate,
                    random_rate=args.random_rate,
                )
            else:
                operations.end(store, officer)
        except AuthError as exc:
            raise CliError(str(exc), 3) from None
        except operations.OperationError as exc:
            raise CliError(str(exc)) from None
    return run_show(args)


def run_start(args: argparse.Namespace) -> int:
    return _change(args, True)


def run_end(args: argparse.Namespace) -> int:
    return _change(args, False)


def run_show(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        current = operations.running(store)
    if args.json:
        print_json(
            {"operation": None}
            if current is None
            else {"operation": current[0].to_json(), "counts": current[1].to_json()}
        )
    elif current is None:
        print("no special operation is running")
    else:
        op, n = current
        print(
            f"“{op.name}” {op.starts_on} – {op.ends_on} (started by {op.started_by}): examined "
            f"{n.examined} ({n.targeted} targeted, {n.random} random), non-compliant "
            f"{n.noncompliant} ({n.rate:.1%}), seized {n.seized}"
        )
    return 0
