"""`parcelbench risk ITEM_ID | rescore | worklist | pack load|show`: why a parcel is risky."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import asdict

from parcelbench.cli.common import (
    CliError,
    add_credentials,
    add_db_option,
    add_json_option,
    open_store,
    print_json,
    signed_in,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    risk = sub.add_parser(
        "risk",
        help="assess a parcel with the active rule pack (level, score, every flag and why)",
        description=(
            "Assess a parcel: ITEM_ID assesses one parcel; 'rescore' re-assesses every stored "
            "item and keeps the parcels it does not clear; 'worklist' lists them (detain first, "
            "highest score first); 'pack load FILE' validates and activates a rule pack (a "
            "supervisor's decision: --officer BADGE, and the PIN asked for or given with "
            "--pin-stdin or --pin-file FILE)."
        ),
    )
    risk.add_argument("item_id", metavar="ITEM_ID|rescore|worklist|pack")
    risk.add_argument("args", nargs="*", metavar="ARG", help="for 'pack': load FILE | show")
    add_credentials(risk, "pack load: the supervisor's badge", required=False)
    add_db_option(risk)
    add_json_option(risk)
    risk.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.item_id == "rescore" and not args.args:
        return _rescore(args)
    if args.item_id == "worklist" and not args.args:
        return _worklist(args)
    if args.item_id == "pack":
        return _pack(args)
    if args.args:
        raise CliError(f"unexpected arguments: {' '.join(args.args)}")
    return _assess(args)


def _assess(args: argparse.Namespace) -> int:
    from parcelbench.services.risk import UntrustedId, active_engine, assess

    with open_store(args) as store:
        try:
            result, _ = assess(store, active_engine(store), args.item_id)
        except UntrustedId as exc:  # as `parcelbench id` and the window: exit 1
            raise CliError(exc.message, 1) from None
    if args.json:
        print_json(result.to_json())
        return 0
    aed = "AED received" if result.aed else "NO AED"
    extra = "  · RANDOM EXAM" if result.random_exam else ""
    print(f"{result.item_id}: {str(result.level).upper()} (score {result.score}) · {aed}{extra}")
    for flag in result.flags:
        print(f"  [{flag.severity}] {flag.title} — {flag.field}: “{flag.matched}”")
        print(f"      {flag.rationale}")
    for link in result.links:
        print(f"  LINK: {link.entity} shared with seizure {link.seizure} (parcel {link.item_id})")
    print(f"  rule pack {result.rulepack}")
    return 0


def _rescore(args: argparse.Namespace) -> int:
    from parcelbench.services.risk import active_engine, rescore

    started = time.perf_counter()
    with open_store(args) as store:
        run = rescore(store, active_engine(store), actor="cli")
    out = {**run.to_json(), "seconds": round(time.perf_counter() - started, 1)}
    if args.json:
        print_json(out)
    else:
        lv = run.levels
        print(
            f"{run.items:,} items with {run.rulepack}: {lv['clear']:,} clear, "
            f"{lv['examine']:,} examine, {lv['detain']:,} detain ({out['seconds']} s); "
            "the parcels not cleared: parcelbench risk worklist"
        )
    return 0


def _worklist(args: argparse.Namespace) -> int:
    from parcelbench.services.risk import last_rescore, worklist

    with open_store(args) as store:
        run = last_rescore(store)
        rows = worklist(store, limit=-1 if args.json else 50)
    if run is None:
        raise CliError("no re-score yet: run `parcelbench risk rescore` first", 1)
    if args.json:
        print_json({**run.to_json(), "parcels": [asdict(row) for row in rows]})
        return 0
    lv = run.levels
    print(
        f"re-score {run.id} with {run.rulepack} at {run.finished_at} by {run.actor}: "
        f"{lv['detain']:,} detain, {lv['examine']:,} examine of {run.items:,}"
    )
    for row in rows:
        stale = "" if row.current else "  (AED changed since)"
        print(
            f"  {row.level.upper():<7} {row.score:>4}  {row.item_id:<13}  "
            f"{' '.join(row.rules)}{stale}"
        )
    if len(rows) < lv["detain"] + lv["examine"]:
        print(f"  … the first {len(rows)}; all of them with --json")
    return 0


def _pack(args: argparse.Namespace) -> int:
    from parcelbench.risk.pack import PackError
    from parcelbench.services.officers import AuthError
    from parcelbench.services.risk import active_engine, load_rule_pack

    if args.args[:1] == ["load"] and len(args.args) == 2:
        if not args.officer:
            raise CliError(
                "loading a rule pack is a supervisor's decision: add --officer BADGE (the PIN is "
                "asked for, or given with --pin-stdin or --pin-file FILE)"
            )
        with open_store(args) as store:
            try:
                pack = load_rule_pack(store, signed_in(store, args), args.args[1])
            except AuthError as exc:
                raise CliError(str(exc), 3) from None
            except PackError as exc:
                raise CliError(f"rule pack refused, the active pack stays: {exc}") from None
            except ValueError as exc:
                raise CliError(str(exc)) from None
        print(f"active rule pack: {pack.label} ({len(pack.rules)} rules)", file=sys.stdout)
        return 0
    if args.args == ["show"]:
        with open_store(args) as store:
            engine = active_engine(store)
        pack = engine.pack
        if args.json:
            print_json(
                {
                    "rulepack": pack.label,
                    "rules": [r.id for r in pack.rules],
                    "thresholds": {"examine": pack.examine, "detain": pack.detain},
                    "random_exam_rate": pack.random_exam_rate,
                }
            )
        else:
            print(
                f"{pack.label}: {len(pack.rules)} rules; examine ≥ {pack.examine}, "
                f"detain ≥ {pack.detain}; random exams {pack.random_exam_rate:.1%}"
            )
        return 0
    raise CliError("use: parcelbench risk pack load FILE | parcelbench risk pack show")
