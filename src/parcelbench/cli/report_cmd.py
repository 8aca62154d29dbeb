"""`parcelbench report seizure|operation`: the seizure report and the summary, as PDF (and CSV)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from parcelbench.cli.common import (
    CliError,
    add_credentials,
    add_db_option,
    add_json_option,
    open_store,
    print_json,
    signed_in,
)
from parcelbench.services import seizures, summaries
from parcelbench.services.officers import AuthError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    top = sub.add_parser("report", help="print a seizure report or a summary to PDF (supervisor)")
    cmds = top.add_subparsers(dest="report_command", metavar="COMMAND", required=True)
    seizure = cmds.add_parser("seizure", help="the seizure report / custody receipt of one seizure")
    seizure.add_argument("seizure_number", metavar="SEIZURE_NUMBER")
    seizure.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    summary = cmds.add_parser(
        "operation",
        help="the summary of an operation or a period",
        description="Non-compliance overall and per stratum against the random-exam baseline, "
        "seizures by category, hit rate per rule. Give --operation NAME or --from/--to.",
    )
    summary.add_argument("--operation", metavar="NAME")
    summary.add_argument("--from", dest="since", metavar="YYYY-MM-DD")
    summary.add_argument("--to", dest="until", metavar="YYYY-MM-DD")
    summary.add_argument("-o", "--output", metavar="FILE.pdf")
    summary.add_argument(
        "--csv", metavar="DIR", help="also (or only) write the tables as CSV files into DIR"
    )
    for parser in (seizure, summary):
        add_credentials(parser)
        add_db_option(parser)
        add_json_option(parser)
    seizure.set_defaults(handler=run_seizure)
    summary.set_defaults(handler=run_summary)


def _write(path: Path, data: bytes) -> None:
    """Whole or nothing: a half-written report must never be mistaken for the real one."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise CliError(f"cannot write {path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")
    umask = os.umask(0)
    os.umask(umask)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CliError(f"cannot write {path}: {exc.strerror}") from None


def run_seizure(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        officer = signed_in(store, args)
        try:
            report = seizures.print_report(store, officer, args.seizure_number)
        except AuthError as exc:
            raise CliError(str(exc), 3) from None
        except seizures.SeizureError as exc:
            raise CliError(str(exc)) from None
    out = Path(args.output)
    _write(out, report.pdf)
    if args.json:
        print_json(
            {
                "seizure_number": args.seizure_number,
                "file": str(out),
                "record_sha256": report.record_sha256,
                "pdf_sha256": report.pdf_sha256,
            }
        )
    else:
        print(f"{out}: seizure report {args.seizure_number} (record {report.record_sha256[:16]}…)")
    return 0


def run_summary(args: argparse.Namespace) -> int:
    if not args.output and not args.csv:
        raise CliError("say where to write: -o FILE.pdf and/or --csv DIR")
    with open_store(args) as store:
        officer = signed_in(store, args)
        try:
            scope = summaries.scope_for(
                store, operation=args.operation, since=args.since, until=args.until
            )
            pdf = summaries.pdf(store, officer, scope) if args.output else None
            tables = summaries.csv_export(store, officer, scope) if args.csv else None
        except AuthError as exc:
            raise CliError(str(exc), 3) from None
        except summaries.SummaryError as exc:
            raise CliError(str(exc)) from None
        done = pdf[1] if pdf is not None else tables[1]  # type: ignore[index]
        note = summaries.empty_note(store, done)
    written: list[str] = []
    if pdf is not None:
        _write(Path(args.output), pdf[0])
        written.append(args.output)
    if tables is not None:
        folder = Path(args.csv)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in tables[0].items():
            _write(folder / name, text.encode("utf-8"))
            written.append(str(folder / name))
    if note:
        print(f"parcelbench: note: {note}", file=sys.stderr)
    overall = done.summary.overall
    if args.json:
        print_json(
            {
                "title": done.scope.title,
                "since": done.scope.since,
                "until": done.scope.until,
                "examined": overall.all.n,
                "targeted": overall.targeted.n,
                "random": overall.random.n,
                "noncompliant": overall.all.hits,
                "files": written,
            }
        )
    else:
        print(
            f"{done.scope.title}: {overall.all.n:,} examined ({overall.targeted.n:,} targeted, "
            f"{overall.random.n:,} random), {overall.all.hits:,} non-compliant → "
            + ", ".join(written)
        )
    return 0
