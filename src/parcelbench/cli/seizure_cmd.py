"""`parcelbench seizure list|approve|return|resubmit|transfer`: the seizure approval queue."""

from __future__ import annotations

import argparse

from parcelbench.cli.common import (
    CliError,
    add_credentials,
    add_db_option,
    add_json_option,
    open_store,
    print_json,
    signed_in,
)
from parcelbench.domain.words import words
from parcelbench.services import seizures
from parcelbench.services.officers import AuthError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    top = sub.add_parser("seizure", help="list seizures; approve or return them (supervisor)")
    cmds = top.add_subparsers(dest="seizure_command", metavar="COMMAND", required=True)
    listing = cmds.add_parser("list", help="seizures on this bench, oldest first")
    listing.add_argument("--pending", action="store_true", help="only those awaiting approval")
    approve = cmds.add_parser("approve", help="approve a pending seizure (supervisor)")
    approve.add_argument("--comment")
    back = cmds.add_parser("return", help="return a seizure to its officer with a comment")
    back.add_argument("--comment", required=True, help="what the officer must correct")
    again = cmds.add_parser("resubmit", help="put a returned seizure back in the queue")
    again.add_argument("--comment")
    move = cmds.add_parser("transfer", help="record a chain-of-custody hand-over")
    move.add_argument("--released-by", required=True)
    move.add_argument("--received-by", required=True)
    move.add_argument("--purpose", required=True)
    for parser in (approve, back, again, move):
        parser.add_argument("seizure_number", metavar="SEIZURE_NUMBER")
        add_credentials(
            parser, "a supervisor's badge" if parser in (approve, back) else "your badge"
        )
    for parser in (listing, approve, back, again, move):
        add_db_option(parser)
        add_json_option(parser)
    listing.set_defaults(handler=run_list)
    approve.set_defaults(handler=run_review, action="approve")
    back.set_defaults(handler=run_review, action="return")
    again.set_defaults(handler=run_review, action="resubmit")
    move.set_defaults(handler=run_transfer)


def run_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        rows = seizures.listing(store, pending_only=args.pending)
    if args.json:
        print_json([row.to_json() for row in rows])
        return 0
    if not rows:
        print("no seizures awaiting approval" if args.pending else "no seizures on this bench")
        return 0
    for row in rows:
        s = row.seizure
        print(
            f"{s.seizure_number}  {s.status:<9} {s.at[:16].replace('T', ' ')}  {row.item_id}  "
            f"{row.officer_badge}  {words(s.category)}: {s.description} "
            f"({s.quantity:g} {s.unit}, {s.weight_g:,.2f} g)"
        )
    return 0


def run_review(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        officer = signed_in(store, args)
        try:
            if args.action == "approve":
                done = seizures.approve(store, officer, args.seizure_number, args.comment)
            elif args.action == "return":
                done = seizures.return_to_officer(store, officer, args.seizure_number, args.comment)
            else:
                done = seizures.resubmit(store, officer, args.seizure_number, args.comment)
        except AuthError as exc:
            raise CliError(str(exc), 3) from None
        except seizures.SeizureError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        print_json(done.to_json())
    else:
        print(f"seizure {done.seizure_number} {done.decision} by {done.actor}")
    return 0


def run_transfer(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        officer = signed_in(store, args)
        try:
            done = seizures.transfer(
                store,
                officer,
                args.seizure_number,
                released_by=args.released_by,
                received_by=args.received_by,
                purpose=args.purpose,
            )
        except seizures.SeizureError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        print_json(done.to_json())
    else:
        print(f"seizure {done.seizure_number}: {done.released_by} → {done.received_by}")
    return 0
