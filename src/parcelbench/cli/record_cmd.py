"""`parcelbench record ITEM_ID --outcome …`: record an inspection's outcome, as the window does.

Why the command checks its own options before the service sees them: an officer typing a
`--test` or a `--line` wants to be told which option and which key is wrong, in the words of
the command line, and a photo that is not an image must be refused before anything is written.
What the record needs (findings, the supervisor's override, the notice…) is the service's
business: the window and this command get the same refusals.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parcelbench.cli.common import (
    CliError,
    add_credentials,
    add_db_option,
    add_json_option,
    open_desk,
    print_json,
    signed_in,
)
from parcelbench.domain.detention import NOTICE_METHODS, DetentionNotice, NoticeError
from parcelbench.domain.exam import (
    Exam,
    FieldTest,
    Instrument,
    Method,
    ReturnReason,
    Selection,
    TestResult,
)
from parcelbench.domain.records import Outcome, SeizureLine
from parcelbench.domain.words import words

if TYPE_CHECKING:
    from parcelbench.services.outcomes import PhotoBytes

TEST_FORM = "INSTRUMENT:RESULT[:SUBSTANCE[:LAB_SAMPLE]]"
LINE_KEYS = (
    "category",
    "description",
    "quantity",
    "unit",
    "weight",
    "test",
    "result",
    "substance",
    "sample",
    "bags",
    "seals",
    "witness",
)
#: Image kinds accepted as evidence photos: the first bytes of the file, and the suffixes kept.
IMAGE_KINDS: tuple[tuple[tuple[bytes, ...], str, tuple[str, ...]], ...] = (
    ((b"\xff\xd8\xff",), ".jpg", (".jpg", ".jpeg")),
    ((b"\x89PNG\r\n\x1a\n",), ".png", (".png",)),
    ((b"II*\x00", b"MM\x00*"), ".tif", (".tif", ".tiff")),
)
#: The notice's fields and the options that give them, to name the option in a refusal.
NOTICE_OPTIONS = {
    "reason": "--reason",
    "tests_pending": "--tests-pending",
    "anticipated_length": "--anticipated-length",
    "information_requested": "--information-requested",
    "addressee": "--notice-to",
    "notice_method": "--notice-method",
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from parcelbench.services.outcomes import AGENCIES, NONCOMPLIANCE, RECORDABLE, UNITS

    rec = sub.add_parser(
        "record",
        help="record an inspection outcome (release, referral, detention, seizure, return…)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Record what the inspection of one parcel found, for an officer who proves their\n"
            "PIN (asked for, or --pin-stdin / --pin-file FILE). Every outcome is kept with why\n"
            "the parcel was examined (--selection; default: what the bench proposes), how\n"
            "(--method, --test) and what was found. A seizure line gets its number\n"
            "(FY-PORT-SEQUENCE-LINE) when recorded; several lines are numbered -01, -02…\n"
            "\n"
            "Releasing a parcel at the hold level needs --findings. Releasing over a critical\n"
            "flag needs --allowed-by SUPERVISOR and that supervisor's PIN (asked for, or\n"
            "--supervisor-pin-stdin / --supervisor-pin-file FILE), unless you are that\n"
            "supervisor. When both PINs come from stdin, give yours on the first line and the\n"
            "supervisor's on the second."
        ),
    )
    rec.add_argument("item_id", metavar="ITEM_ID")
    rec.add_argument("--outcome", required=True, choices=[str(o) for o in RECORDABLE])
    rec.add_argument(
        "--selection",
        choices=[str(s) for s in Selection],
        help="why the parcel was examined (default: what the bench proposes)",
    )
    rec.add_argument(
        "--method",
        action="append",
        default=[],
        choices=[str(m) for m in Method],
        help="how it was examined; repeatable",
    )
    rec.add_argument(
        "--test",
        action="append",
        default=[],
        metavar=TEST_FORM,
        help=(
            f"a field test on the parcel, repeatable (implies --method field_test); INSTRUMENT "
            f"is one of {', '.join(Instrument)}, RESULT one of {', '.join(TestResult)}; a "
            "positive test names the SUBSTANCE, an inconclusive one its LAB_SAMPLE number"
        ),
    )
    rec.add_argument("--findings", metavar="TEXT", help="what the exam found, in a line")
    rec.add_argument("--agency", type=str.upper, choices=AGENCIES, help="for a referral")
    rec.add_argument(
        "--reason", help="for a detention: the precise reason (in the notice); else a note"
    )
    rec.add_argument(
        "--noncompliance",
        action="append",
        default=[],
        choices=NONCOMPLIANCE,
        metavar="REASON",
        help=f"repeatable; one of {', '.join(NONCOMPLIANCE)}",
    )
    rec.add_argument("--notes")
    rec.add_argument(
        "--photo",
        action="append",
        default=[],
        metavar="FILE",
        help="an image file (JPEG, PNG or TIFF) kept with the record; repeatable",
    )
    release = rec.add_argument_group("release over a critical flag")
    release.add_argument(
        "--allowed-by", metavar="BADGE", help="the supervisor who allows the release"
    )
    from parcelbench.cli.secrets import add_secret_options

    add_secret_options(rec, "supervisor_pin", "supervisor's PIN")
    back = rec.add_argument_group("return to sender, abandonment, destruction")
    back.add_argument(
        "--return-reason",
        choices=[str(r) for r in ReturnReason],
        help="why the parcel goes back to its sender",
    )
    back.add_argument(
        "--certificate", metavar="NUMBER", help="the abandonment form or destruction certificate"
    )
    back.add_argument(
        "--witness",
        metavar="NAME",
        help="the witnessing officer (abandoned, destroyed; or the single seizure line's)",
    )
    notice = rec.add_argument_group("detention notice (with --outcome detained)")
    notice.add_argument("--tests-pending", metavar="TEXT", help="tests or inspections to be done")
    notice.add_argument(
        "--anticipated-length", metavar="TEXT", help="how long the detention should last"
    )
    notice.add_argument(
        "--information-requested",
        metavar="TEXT",
        help="what the importer could supply to speed up the decision",
    )
    notice.add_argument("--notice-to", metavar="ADDRESSEE", help="whom the notice goes to")
    notice.add_argument(
        "--notice-method",
        choices=NOTICE_METHODS,
        help="how the notice was sent (default: none-yet)",
    )
    seize = rec.add_argument_group(
        "seizure (with --outcome seized)",
        "One line with the options below, or several with --line (repeatable), each as "
        "'category=…;description=…;quantity=…;unit=…;weight=GRAMS;test=…;result=…;"
        "substance=…;sample=…;bags=EB1,EB2;seals=S1,S2;witness=…'.",
    )
    seize.add_argument("--line", action="append", default=[], metavar="KEY=VALUE;…")
    seize.add_argument("--seizure-category", choices=NONCOMPLIANCE)
    seize.add_argument("--seizure-description")
    seize.add_argument("--quantity", type=float)
    seize.add_argument("--unit", choices=UNITS, default="g")
    seize.add_argument("--weight-g", type=float, help="net weight in grams (0.01 g)")
    seize.add_argument("--field-test", help="field test kit")
    seize.add_argument("--field-test-result", help="positive, negative or inconclusive")
    seize.add_argument("--substance", help="what the field test named")
    seize.add_argument("--lab-sample", help="the lab sample number (inconclusive test)")
    seize.add_argument("--evidence-bag", action="append", default=[], help="repeatable")
    seize.add_argument("--seal", action="append", default=[], help="repeatable")
    add_credentials(rec, "your badge")
    add_db_option(rec)
    add_json_option(rec)
    rec.set_defaults(handler=run)


def parse_test(text: str) -> FieldTest:
    """`--test INSTRUMENT:RESULT[:SUBSTANCE[:LAB_SAMPLE]]` as a field test."""
    parts = [p.strip() for p in text.split(":", 3)]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise CliError(f"--test {text!r}: expected {TEST_FORM}")
    instrument, result = parts[0].lower(), parts[1].lower()
    if instrument not in {str(i) for i in Instrument}:
        raise CliError(
            f"--test {text!r}: instrument {parts[0]!r} is not one of {', '.join(Instrument)} "
            f"(expected {TEST_FORM})"
        )
    if result not in {str(r) for r in TestResult}:
        raise CliError(
            f"--test {text!r}: result {parts[1]!r} is not one of {', '.join(TestResult)} "
            f"(expected {TEST_FORM})"
        )
    substance = parts[2] if len(parts) > 2 and parts[2] else None
    sample = parts[3] if len(parts) > 3 and parts[3] else None
    return FieldTest(instrument, result, substance, sample)


def _number(n: int, key: str, value: str) -> float:
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        raise CliError(f"--line {n}: {key}={value!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise CliError(f"--line {n}: {key}={value!r} is not a number")
    return number


def _list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def parse_line(n: int, text: str) -> SeizureLine:
    """`--line 'category=…;description=…;…'` (the n-th) as a seizure line.

    Unknown keys and numbers that are not numbers are refused here, naming the line and the
    key; whether the line is complete is the service's check (the same as the window's)."""
    fields: dict[str, str] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key = key.strip().lower()
        if not sep:
            raise CliError(f"--line {n}: {part.strip()!r} is not KEY=VALUE")
        if key not in LINE_KEYS:
            raise CliError(f"--line {n}: unknown key {key!r}; use {', '.join(LINE_KEYS)}")
        if key in fields:
            raise CliError(f"--line {n}: {key} is given twice")
        fields[key] = value.strip()
    return SeizureLine(
        category=fields.get("category", ""),
        description=fields.get("description", ""),
        quantity=_number(n, "quantity", fields["quantity"]) if "quantity" in fields else 0,
        unit=fields.get("unit", "g"),
        weight_g=_number(n, "weight", fields["weight"]) if "weight" in fields else -1,
        field_test=fields.get("test"),
        field_test_result=fields.get("result"),
        evidence_bags=_list(fields.get("bags", "")),
        witness=fields.get("witness"),
        substance=fields.get("substance"),
        lab_sample=fields.get("sample"),
        seals=_list(fields.get("seals", "")),
    )


def read_photo(path_text: str) -> PhotoBytes:
    """The bytes of an image file to keep with the record, refused unless it is a JPEG, PNG
    or TIFF by its first bytes (a suffix proves nothing)."""
    from parcelbench.services.outcomes import PhotoBytes

    path = Path(path_text)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"--photo: no such file: {path}") from None
    except IsADirectoryError:
        raise CliError(f"--photo: {path} is a folder, not an image file") from None
    except OSError as exc:
        raise CliError(f"--photo: cannot read {path}: {exc.strerror}") from None
    for magics, suffix, suffixes in IMAGE_KINDS:
        if data.startswith(magics):
            own = path.suffix.lower()
            return PhotoBytes(data, f"imported: {path.name}", own if own in suffixes else suffix)
    raise CliError(f"--photo: {path} is not a JPEG, PNG or TIFF image; nothing was recorded")


def _notice(args: argparse.Namespace, outcome: Outcome) -> dict[str, Any] | None:
    given = [
        opt
        for opt, value in (
            ("--tests-pending", args.tests_pending),
            ("--anticipated-length", args.anticipated_length),
            ("--information-requested", args.information_requested),
            ("--notice-to", args.notice_to),
            ("--notice-method", args.notice_method),
        )
        if value is not None
    ]
    if outcome is not Outcome.DETAINED:
        if given:
            raise CliError(
                f"{given[0]} is part of a detention notice: only with --outcome detained"
            )
        return None
    notice = DetentionNotice(
        reason=(args.reason or "").strip(),
        tests_pending=(args.tests_pending or "").strip(),
        information_requested=(args.information_requested or "").strip(),
        addressee=(args.notice_to or "").strip(),
        notice_method=args.notice_method or "none-yet",
        anticipated_length=(args.anticipated_length or "").strip(),
    )
    try:
        notice.check()
    except NoticeError as exc:
        option = NOTICE_OPTIONS.get(exc.field, exc.field)
        raise CliError(
            f"a detention notice needs {option}: {exc} (19 CFR 151.16(c)); give "
            "--reason, --tests-pending, --anticipated-length and --information-requested"
        ) from None
    return notice.to_json()


def _seizure_lines(args: argparse.Namespace, outcome: Outcome) -> tuple[SeizureLine, ...]:
    """The --line lines in order (--witness for those that name none), then the line the
    single-line options describe."""
    lines = [parse_line(n, text) for n, text in enumerate(args.line, start=1)]
    if outcome is Outcome.SEIZED and args.witness:
        lines = [line if line.witness else replace(line, witness=args.witness) for line in lines]
    single = outcome is Outcome.SEIZED and not lines
    if single or args.seizure_category:
        lines.append(
            SeizureLine(
                category=args.seizure_category or "",
                description=args.seizure_description or "",
                quantity=args.quantity if args.quantity is not None else 0,
                unit=args.unit,
                weight_g=args.weight_g if args.weight_g is not None else -1,
                field_test=args.field_test,
                field_test_result=args.field_test_result,
                evidence_bags=tuple(args.evidence_bag),
                witness=args.witness,
                substance=args.substance,
                lab_sample=args.lab_sample,
                seals=tuple(args.seal),
            )
        )
    return tuple(lines)


def _exam(args: argparse.Namespace, outcome: Outcome) -> Exam:
    tests = tuple(parse_test(t) for t in args.test)
    methods = list(dict.fromkeys(args.method))
    if tests and Method.FIELD_TEST not in methods:
        methods.append(str(Method.FIELD_TEST))
    disposal = outcome in (Outcome.ABANDONED, Outcome.DESTROYED)
    return Exam(
        methods=tuple(methods),
        field_tests=tests,
        findings=args.findings,
        return_reason=args.return_reason,
        witness=args.witness if disposal else None,
        certificate=args.certificate,
        notice=_notice(args, outcome),
    )


def run(args: argparse.Namespace) -> int:
    from parcelbench.cli.secrets import read_secret
    from parcelbench.services.bench import Decision
    from parcelbench.services.outcomes import OutcomeError, Override
    from parcelbench.services.risk import UntrustedId

    outcome = Outcome(args.outcome)
    exam = _exam(args, outcome)
    lines = _seizure_lines(args, outcome)
    photos = tuple(read_photo(p) for p in args.photo)  # all read before anything is written
    decision_fields: dict[str, Any] = {
        "item_id": args.item_id,
        "outcome": outcome,
        "agency": args.agency,
        "reason": args.reason,
        "noncompliance": tuple(args.noncompliance),
        "notes": args.notes,
        "seizures": lines,
        "photos": photos,
        "selection": args.selection,  # None: what the bench proposes, as the window does
        "exam": exam,
    }
    with open_desk(args) as desk:  # the window's door: the same checks, one transaction
        officer = signed_in(desk.store, args)  # the officer's PIN first (stdin's first line)
        if args.allowed_by is not None:
            badge = args.allowed_by.strip().upper()
            pin = ""
            if badge != officer.badge:
                pin = read_secret(
                    args,
                    "supervisor_pin",
                    label="supervisor's PIN",
                    prompt=f"PIN of {badge} (allowing the release): ",
                )
            decision_fields["override"] = Override(badge, pin)
        try:
            recorded = desk.decide(officer, Decision(**decision_fields))
        except UntrustedId as exc:  # nothing recorded against a parcel we cannot name
            raise CliError(exc.message, 1) from None
        except OutcomeError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        print_json(recorded.to_json())
    else:
        line = f"{recorded.inspection.item_id}: {words(recorded.inspection.outcome)}"
        if recorded.seizures:
            numbers = ", ".join(s.seizure_number for s in recorded.seizures)
            line += f" — seizure {numbers}"
        if recorded.photos:
            line += f" — {len(recorded.photos)} photo(s)"
        print(line, file=sys.stdout)
    return 0
