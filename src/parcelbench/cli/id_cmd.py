"""`parcelbench id PAYLOAD`: what a scanned or typed payload is, and whether it is valid."""

from __future__ import annotations

import argparse

from parcelbench.cli.common import add_json_option, print_json
from parcelbench.ids import parse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "id",
        help="parse and validate a parcel identifier (UPU S10, USPS IMpb, USPS 20-digit)",
        description="Parse and validate a parcel identifier. Exit 0 when valid, 1 when not.",
    )
    parser.add_argument("payload", help="the scanned or typed text, e.g. RR473124829GB")
    add_json_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    parsed = parse(args.payload)
    if args.json:
        print_json(parsed.to_json())
    else:
        if parsed.valid:
            print(f"{parsed.display()}  valid {parsed.kind}")
        else:
            print(f"{parsed.normalized or args.payload!r}  {parsed.kind}: {parsed.error}")
        for key, value in parsed.fields.items():
            if value is not None:
                print(f"  {key}: {value}")
    return 0 if parsed.valid else 1
