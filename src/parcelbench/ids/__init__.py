"""Parcel identifiers an officer scans: classify, validate and normalize one payload.

Why a single :func:`parse`: the scan box, the AED importer and the store must agree on what a
payload *is* and on its lookup key, whatever the scanner added (``]C1``, GS, spaces, lowercase).
The one rule that matters most: a bad code is never shown as a wrong parcel. Anything *shaped*
like an S10 / IMpb / USPS 20 keeps that kind with ``valid=False`` and a specific reason; anything
else (receptacle ids, URLs, QR text, an empty scan) is ``"unknown"``, "not a parcel identifier".

``ParsedId.normalized`` is the lookup key:

* ``s10``: 13 characters, uppercase, no spaces (``RR473124829GB``);
* ``impb``: the tracking number digits with any ``420`` + ZIP routing stripped;
* ``usps20``: the 20 digits;
* ``unknown``: the payload without symbology identifier, GS and surrounding whitespace.

Pure stdlib and allocation-light: :func:`parse` runs in a few microseconds.
"""

from __future__ import annotations

import re

from parcelbench.ids.model import (
    NOT_A_PARCEL_ID,
    FieldValue,
    Kind,
    ParsedId,
    unknown,
    untrusted_id_message,
)
from parcelbench.ids.s10 import is_s10_shape, parse_compact, parse_s10
from parcelbench.ids.scan import GS, remove_spaces, strip_gs, strip_symbology
from parcelbench.ids.usps import parse_digits, parse_usps

__all__ = [
    "NOT_A_PARCEL_ID",
    "FieldValue",
    "Kind",
    "ParsedId",
    "parse",
    "parse_s10",
    "parse_usps",
    "untrusted_id_message",
]


_CANONICAL_S10 = re.compile(r"[A-Z]{2}[0-9]{9}[A-Z]{2}")


def parse(payload: str) -> ParsedId:
    """Classify and check one scanned or typed payload (never raises for any string)."""
    if len(payload) == 13 and _CANONICAL_S10.fullmatch(payload):
        return parse_compact(payload, payload)  # fast path: AED files carry clean ids
    text = strip_symbology(payload)
    compact = remove_spaces(text)
    if compact.isascii():
        letters = compact.replace(GS, "") if GS in compact else compact
        if len(letters) == 13:
            upper = letters.upper()
            if is_s10_shape(upper):
                return parse_compact(payload, upper)
        result = parse_digits(payload, compact)
        if result is not None:
            return result
    return unknown(payload, strip_gs(text))
