"""The `parcelbench` command. Every capability of the window is scriptable from here."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence

from parcelbench import __version__
from parcelbench.cli import (
    aed_cmd,
    app_cmd,
    backup_cmd,
    db_cmd,
    demo_cmd,
    detentions_cmd,
    followup_cmd,
    holds_cmd,
    hq_cmd,
    id_cmd,
    lists_cmd,
    officer_cmd,
    operation_cmd,
    record_cmd,
    report_cmd,
    risk_cmd,
    scan_cmd,
    seizure_cmd,
    sync_cmd,
)
from parcelbench.cli.common import CliError
from parcelbench.services.database import StoreError

COMMANDS = (
    app_cmd,
    id_cmd,
    scan_cmd,
    aed_cmd,
    risk_cmd,
    record_cmd,
    followup_cmd,
    officer_cmd,
    operation_cmd,
    seizure_cmd,
    report_cmd,
    lists_cmd,
    holds_cmd,
    detentions_cmd,
    demo_cmd,
    db_cmd,
    backup_cmd,
    sync_cmd,
    hq_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parcelbench",
        description="ParcelBench: the inspection workstation for international mail facilities.",
    )
    parser.add_argument("--version", action="version", version=f"parcelbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(sub)
    return parser


def _utf8_stdout() -> None:
    """JSON and AED on stdout are UTF-8 (RFC 8259), whatever code page a redirect got on Windows."""
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper) and out.encoding.lower().replace("-", "") != "utf8":
        out.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_stdout()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        print(f"parcelbench: {exc.message}", file=sys.stderr)
        return exc.code
    except StoreError as exc:
        print(f"parcelbench: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("parcelbench: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("PARCELBENCH_DEBUG"):
            raise
        print(
            f"parcelbench: internal error ({type(exc).__name__}: {exc}); "
            "run again with PARCELBENCH_DEBUG=1 for details",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
