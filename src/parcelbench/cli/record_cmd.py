"""`parcelbench record ITEM_ID --outcome …`: record an inspection's outcome, as the window does."""

from __future__ import annotations

import argparse
import sys

from parcelbench.cli.common import (
    CliError,
    add_credentials,
    add_db_option,
    add_json_option,
    open_desk,
    print_json,
    signed_in,
)
from parcelbench.domain.records import Outcome
from parcelbench.domain.words import words


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from parcelbench.services.outcomes import AGENCIES, NONCOMPLIANCE, RECORDABLE, UNITS

    rec = sub.add_parser(
        "record",
        help="record an inspection outcome (release, referral, detention, seizure, return)",
        description=(
            "Record what the inspection of one parcel found, for an officer who proves their "
            "PIN (asked for, or --pin-stdin / --pin-file FILE). Every outcome is kept with its "
            "reason and whether the exam was targeted or random. A seizure gets its number "
            "(FY-PORT-SEQUENCE-LINE) when recorded."
        ),
    )
    rec.add_argument("item_id", metavar="ITEM_ID")
    rec.add_argument("--outcome", required=True, choices=[str(o) for o in RECORDABLE])
    rec.add_argument("--agency", type=str.upper, choices=AGENCIES, help="for a referral")
    rec.add_argument("--reason", help="for a detention: the precise reason; else a note")
    rec.add_argument(
        "--noncompliance",
        action="append",
        default=[],
        choices=NONCOMPLIANCE,
        metavar="REASON",
        help=f"repeatable; one of {', '.join(NONCOMPLIANCE)}",
    )
    rec.add_argument("--notes")
    rec.add_argument("--random", action="store_true", help="a random (untargeted) exam")
    seize = rec.add_argument_group("seizure (with --outcome seized)")
    seize.add_argument("--seizure-category", choices=NONCOMPLIANCE)
    seize.add_argument("--seizure-description")
    seize.add_argument("--quantity", type=float)
    seize.add_argument("--unit", choices=UNITS, default="g")
    seize.add_argument("--weight-g", type=float, help="net weight in grams (0.01 g)")
    seize.add_argument("--field-test", help="field test kit")
    seize.add_argument("--field-test-result")
    seize.add_argument("--evidence-bag", action="append", default=[], help="repeatable")
    seize.add_argument("--witness")
    add_credentials(rec, "your badge")
    add_db_option(rec)
    add_json_option(rec)
    rec.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from parcelbench.services.bench import Decision
    from parcelbench.services.outcomes import OutcomeError, SeizureDraft
    from parcelbench.services.risk import UntrustedId

    outcome = Outcome(args.outcome)
    seizure = None
    if outcome is Outcome.SEIZED or args.seizure_category:
        seizure = SeizureDraft(
            category=args.seizure_category or "",
            description=args.seizure_description or "",
            quantity=args.quantity if args.quantity is not None else 0,
            unit=args.unit,
            weight_g=args.weight_g if args.weight_g is not None else -1,
            field_test=args.field_test,
            field_test_result=args.field_test_result,
            evidence_bags=tuple(args.evidence_bag),
            witness=args.witness,
        )
    decision = Decision(
        item_id=args.item_id,
        outcome=outcome,
        agency=args.agency,
        reason=args.reason,
        noncompliance=tuple(args.noncompliance),
        notes=args.notes,
        seizure=seizure,
        random=True if args.random else None,  # else as the assessment picked, as the window
    )
    with open_desk(args) as desk:  # the window's door: the same checks, one transaction
        officer = signed_in(desk.store, args)
        try:
            recorded = desk.decide(officer, decision)
        except UntrustedId as exc:  # nothing recorded against a parcel we cannot name
            raise CliError(exc.message, 1) from None
        except OutcomeError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        print_json(recorded.to_json())
    else:
        line = f"{recorded.inspection.item_id}: {words(recorded.inspection.outcome)}"
        if recorded.seizures:
            line += f" — seizure {recorded.seizures[0].seizure_number}"
        print(line, file=sys.stdout)
    return 0
