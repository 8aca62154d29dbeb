"""`parcelbench db info` and `parcelbench audit verify`: the state of the local store."""

from __future__ import annotations

import argparse

from parcelbench.cli.common import add_db_option, add_json_option, open_store, print_json
from parcelbench.services.database import describe, verify_audit


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    db = sub.add_parser("db", help="the workstation database")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    info = db_sub.add_parser("info", help="path, schema version and row counts")
    add_db_option(info)
    add_json_option(info)
    info.set_defaults(handler=run_info)

    audit = sub.add_parser("audit", help="the audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = audit_sub.add_parser("verify", help="check the audit hash chain (exit 1 when broken)")
    add_db_option(verify)
    add_json_option(verify)
    verify.set_defaults(handler=run_verify)


def run_info(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        info = describe(store).to_json()
    if args.json:
        print_json(info)
    else:
        print(f"{info['db']}  (schema version {info['schema_version']})")
        for name, count in info["tables"].items():
            print(f"  {name:16} {count:>12,}")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        status = verify_audit(store)
    if args.json:
        print_json(status.to_json())
    elif status.ok:
        print(f"audit chain OK: {status.entries:,} entries, head {status.head[:16]}…")
    elif status.first_bad_seq is not None:
        print(f"audit chain BROKEN at row {status.first_bad_seq}: {status.reason}")
    else:
        print(f"audit chain OK, but records differ from their audit rows: {status.reason}")
    return 0 if status.ok else 1
