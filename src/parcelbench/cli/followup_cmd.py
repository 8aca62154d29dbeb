"""`parcelbench lab-result` and `parcelbench referral close|list`: answers that come after the
exam.

Why signed: a lab result decides what a seizure was, and a partner agency's answer decides
whether a referral is a finding; both count in every rate HQ publishes, so the officer who
enters them proves who they are, as for the outcome itself.
"""

from __future__ import annotations

import argparse
from typing import Any

from parcelbench.cli.common import (
    CliError,
    add_credentials,
    add_db_option,
    add_json_option,
    open_store,
    print_json,
    signed_in,
)
from parcelbench.domain.exam import TestResult


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    lab = sub.add_parser(
        "lab-result",
        help="record the laboratory's result on a seized line's sample",
        description=(
            "Record the laboratory's result on the sample a seizure line sent to the lab (its "
            "field test was inconclusive). --sample must be the lab sample number the line was "
            "recorded with. The seizure itself is not changed; the result is kept beside it."
        ),
    )
    lab.add_argument("seizure_number", metavar="SEIZURE_NUMBER")
    lab.add_argument("--sample", required=True, help="the lab sample number on the seizure line")
    lab.add_argument("--result", required=True, choices=[str(r) for r in TestResult])
    lab.add_argument("--substance", help="what the lab found (required when positive)")
    lab.add_argument("--lab", required=True, metavar="NAME", help="the laboratory")
    lab.add_argument("--report", metavar="REF", help="the lab report's reference")
    add_credentials(lab, "your badge")
    add_db_option(lab)
    add_json_option(lab)
    lab.set_defaults(handler=run_lab_result)

    top = sub.add_parser(
        "referral",
        help="close a referral with the partner agency's answer; list open referrals",
        description=(
            "A referral stays pending (neither a finding nor compliant) until the partner "
            "agency's answer is recorded."
        ),
    )
    cmds = top.add_subparsers(dest="referral_command", metavar="COMMAND", required=True)
    close = cmds.add_parser("close", help="record the partner agency's answer to a referral")
    close.add_argument("inspection_id", metavar="INSPECTION_ID", help="the referral's inspection")
    close.add_argument("--answer", required=True, metavar="TEXT", help="what the agency decided")
    found = close.add_mutually_exclusive_group(required=True)
    found.add_argument(
        "--finding", dest="finding", action="store_true", help="the agency found a violation"
    )
    found.add_argument(
        "--no-finding", dest="finding", action="store_false", help="the agency found none"
    )
    listing = cmds.add_parser("list", help="referrals still waiting for the agency's answer")
    for parser in (close, listing):
        add_credentials(parser, "your badge")
        add_db_option(parser)
        add_json_option(parser)
    close.set_defaults(handler=run_close)
    listing.set_defaults(handler=run_list)


def run_lab_result(args: argparse.Namespace) -> int:
    from parcelbench.services.followups import record_lab_result
    from parcelbench.services.outcomes import OutcomeError

    with open_store(args) as store:
        officer = signed_in(store, args)
        try:
            done = record_lab_result(
                store,
                officer,
                args.seizure_number,
                lab_sample=args.sample,
                result=args.result,
                laboratory=args.lab,
                substance=args.substance,
                report_ref=args.report,
            )
        except OutcomeError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        print_json(
            {
                "seizure_number": done.seizure_number,
                "lab_sample": done.lab_sample,
                "result": done.result,
                "substance": done.substance,
                "laboratory": done.laboratory,
                "report_ref": done.report_ref,
                "recorded_by": done.recorded_by,
                "at": done.at,
            }
        )
    else:
        what = f" ({done.substance})" if done.substance else ""
        print(f"seizure {done.seizure_number}: lab {done.result}{what} — {done.laboratory}")
    return 0


def run_close(args: argparse.Namespace) -> int:
    from parcelbench.services.followups import close_referral
    from parcelbench.services.outcomes import OutcomeError

    with open_store(args) as store:
        officer = signed_in(store, args)
        try:
            done = close_referral(
                store, officer, args.inspection_id, answer=args.answer, finding=args.finding
            )
        except OutcomeError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        print_json(
            {
                "inspection_id": done.inspection_uuid,
                "agency": done.agency,
                "answer": done.answer,
                "finding": done.finding,
                "closed_by": done.closed_by,
                "at": done.at,
            }
        )
    else:
        verdict = "a finding" if done.finding else "no finding"
        print(f"referral to {done.agency} closed: {verdict}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from parcelbench.services.followups import open_referrals

    with open_store(args) as store:
        signed_in(store, args)
        rows = open_referrals(store)
    if args.json:
        out: list[dict[str, Any]] = [
            {"inspection_id": uuid, "item_id": item, "agency": agency, "at": at}
            for uuid, item, agency, at in rows
        ]
        print_json(out)
        return 0
    if not rows:
        print("no open referrals")
        return 0
    for uuid, item, agency, at in rows:
        print(f"{uuid}  {item}  {agency:<6} {at[:16].replace('T', ' ')}")
    return 0
