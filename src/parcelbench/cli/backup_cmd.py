"""`parcelbench backup FILE` and `parcelbench restore FILE`: the bench at rest, in one file.

Exit codes: 0 done; 1 refused because the backup (or the bench being backed up) does not
verify — nothing was written or replaced; 2 cannot do as asked (a file exists, no database,
a folder cannot be written). Neither needs a PIN: whoever can read the database file can copy
it anyway, and a restore never deletes anything.
"""

from __future__ import annotations

import argparse

from parcelbench.cli.common import CliError, add_db_option, add_json_option, print_json
from parcelbench.services.backup import BackupError, BackupRefused, backup, restore
from parcelbench.services.database import NoDatabase


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    make = sub.add_parser(
        "backup",
        help="copy the bench database and its photos to one file (safe while the bench works)",
        description=(
            "Write a consistent copy of the bench database and every evidence photo it refers "
            "to into FILE (a tar with a manifest of SHA-256 hashes, readable 0600 by you only). "
            "Safe while the window, sync or an import is writing. FILE must not exist."
        ),
    )
    make.add_argument("file", metavar="FILE", help="the backup file to write (e.g. bench.tar)")
    add_db_option(make)
    add_json_option(make)
    make.set_defaults(handler=run_backup)

    back = sub.add_parser(
        "restore",
        help="put a backup in place after checking every byte, the audit chain and the schema",
        description=(
            "Check the backup FILE (every file against its SHA-256, photos against their "
            "names, SQLite's integrity check, the whole audit chain, a schema this version "
            "knows) and only then restore it to --db. An existing database is replaced only "
            "with --replace, and is then renamed NAME.replaced-<UTC time>.sqlite, never deleted."
        ),
    )
    back.add_argument("file", metavar="FILE", help="a file written by `parcelbench backup`")
    add_db_option(back)
    back.add_argument(
        "--replace",
        action="store_true",
        help="set an existing database (and its photos) aside under a dated name, then restore",
    )
    add_json_option(back)
    back.set_defaults(handler=run_restore)


def _fail(exc: Exception) -> CliError:
    if isinstance(exc, NoDatabase):
        from parcelbench.cli.hints import no_database

        return CliError(no_database(str(exc)))
    return CliError(str(exc), 1 if isinstance(exc, BackupRefused) else 2)


def run_backup(args: argparse.Namespace) -> int:
    try:
        made = backup(args.db, args.file)
    except (BackupError, NoDatabase) as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise CliError(f"cannot write {args.file}: {exc.strerror or exc}") from None
    if args.json:
        print_json(made.to_json())
    else:
        print(
            f"{made.path}: {made.size / 1e6:,.1f} MB, {made.photos:,} photos, "
            f"{made.audit_entries:,} audit rows (head {made.audit_head[:16]}…), "
            f"schema {made.schema_version}, in {made.seconds:.2f} s"
        )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    try:
        done = restore(args.file, args.db, replace=args.replace)
    except BackupError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise CliError(f"cannot restore {args.file}: {exc.strerror or exc}") from None
    if args.json:
        print_json(done.to_json())
        return 0
    for path in done.set_aside:
        print(f"set aside: {path}")
    print(
        f"restored {done.path} from {done.backup} (made {done.created_at}): "
        f"{done.photos:,} photos, audit chain OK ({done.audit_entries:,} rows, head "
        f"{done.audit_head[:16]}…)"
    )
    return 0
