"""`parcelbench app`: open the bench window (or run its smoke test)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    app = sub.add_parser(
        "app",
        help="open the inspection workstation window",
        description=(
            "Open the bench window. --demo uses the bundled demo bench (AED, accounts, camera "
            "clip); --smoke-test FILE.png runs it offscreen until the first flagged parcel card, "
            "saves a screenshot and exits 0 (non-zero with the reason otherwise)."
        ),
    )
    app.add_argument("--db", help="the bench database (default with --demo: the demo bench)")
    app.add_argument("--camera", help="device index, video file, stream URL or image folder")
    app.add_argument("--demo", action="store_true", help="open the demo bench")
    app.add_argument("--smoke-test", metavar="FILE.png", help="self-test; screenshot to FILE")
    app.set_defaults(handler=run_app)


def run_app(args: argparse.Namespace) -> int:
    from parcelbench.ui.app import run

    return run(
        Path(args.db) if args.db else None,
        camera=args.camera,
        demo=args.demo,
        smoke_test=Path(args.smoke_test) if args.smoke_test else None,
    )
