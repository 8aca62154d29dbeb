"""USPS tracking numbers: IMpb (GS1-128, application identifiers 91–95) and legacy 20-digit.

Why: inbound items handed over by USPS, returns and domestic legs carry USPS numbers, and the
barcode often holds more than the tracking number: an optional routing element ``420`` + ZIP5 or
ZIP9 comes first. The lookup key must be the tracking number alone, so the routing is stripped
(and kept as ``routing_zip``).

Rules follow the public test vectors in ``shared/samples/jkeen_tracking_number_data_usps.json``:

* IMpb tracking number = AI (2) + service type (3) + mailer id (9 digits when it starts with
  ``9``, else 6) + serial + check digit, 22 or 26 digits long; AI 94 with a 9-digit mailer id may
  also be 30 digits. AI 92 needs a 9-digit mailer id, AI 93 a 6-digit one, AI 95 either.
* Legacy ``91`` numbers: 91 + service type (2) + shipper id (9) + package id (8) + check = 22.
* Legacy USPS 20-digit numbers: the same without the 91.
* Check digit: GS1 mod 10, weights 3, 1, 3, … from the rightmost data digit
  (:func:`mod10_check_digit`). With weights 1 and 3 (both coprime to 10) every single-digit
  substitution in an IMpb tracking number is detected.
* Routing: ``420`` + ZIP5 before a 22- or 26-digit number, ``420`` + ZIP9 before a 22-digit one
  (and, as Pub. 199 allows, before a 26-digit one). A 34-digit scan is ambiguous (ZIP9 + 22 or
  ZIP5 + 26): a GS between routing and tracking number (FNC1 in the barcode) settles it; without
  one the valid reading wins and, if both are valid, the 22-digit tracking number (by far the
  common one).

**USPS 20-digit blind spot.** The samples accept a 20-digit number whose check digit is computed
either on its own 19 digits or with the ``91`` application identifier in front
(``0307 1790 0005 2348 3741`` vs ``7196 9010 7560 0307 7385``). Prepending ``91`` adds 28 to the
weighted sum, so the two accepted check digits differ by 2: a single substitution that shifts
the weighted sum by exactly 2 or 8 (mod 10) lands on the other reading and goes undetected.
IMpb has no such gap.
"""

from __future__ import annotations

from typing import Final

from parcelbench.ids.model import NOT_A_PARCEL_ID, FieldValue, ParsedId
from parcelbench.ids.scan import GS, remove_spaces, strip_gs, strip_symbology

CHANNELS: Final[dict[str, str]] = {
    "91": "legacy confirmation service",
    "92": "commercial mailer (9-digit mailer ID)",
    "93": "commercial mailer (6-digit mailer ID)",
    "94": "online or vendor label",
    "95": "USPS retail",
}
"""IMpb application identifier (channel) → what issued the label."""

USPS20_SERVICES: Final[dict[str, str]] = {
    "01": "Delivery Confirmation",
    "02": "Delivery Confirmation",
    "03": "Delivery Confirmation",
    "04": "Delivery Confirmation",
    "05": "Delivery Confirmation",
    "06": "Delivery Confirmation",
    "07": "Delivery Confirmation",
    "08": "Delivery Confirmation",
    "14": "Delivery Confirmation",
    "21": "Signature Confirmation",
    "22": "Signature Confirmation",
    "23": "Signature Confirmation",
    "24": "Signature Confirmation",
    "25": "Signature Confirmation",
    "26": "Signature Confirmation",
    "34": "Signature Confirmation",
    "50": "Electronic File Header",
    "56": "Passive Enroute Scan",
    "73": "Insured Mail",
    "82": "Merchandise Return",
    "83": "Merchandise Return",
    "85": "Merchandise Return",
}
"""Service type of legacy confirmation numbers (from the samples file)."""

ROUTING_AI: Final = "420"

# (routing length incl. "420", tracking length), in order of preference when ambiguous.
_ROUTED_SPLITS: Final = ((12, 22), (8, 22), (8, 26), (12, 26))
_TRACKING_LENGTHS: Final = frozenset((22, 26, 30))
_DIGITS: Final = frozenset("0123456789")


def mod10_check_digit(digits: str) -> int:
    """GS1 mod-10 check digit of ``digits`` (the data digits, without the check digit).

    Weights alternate 3, 1, 3, … starting from the rightmost digit; the check digit brings the
    weighted sum to a multiple of 10.
    """
    if not digits or not _DIGITS.issuperset(digits):
        raise ValueError(f"mod-10 input must be ASCII digits, got {digits!r}")
    return _mod10(digits)


def _mod10(digits: str) -> int:
    """:func:`mod10_check_digit` without input validation, for already-checked digit strings."""
    return -(3 * sum(map(int, digits[-1::-2])) + sum(map(int, digits[-2::-2]))) % 10


def make_impb(
    application_identifier: str,
    service_type: str,
    mailer_id: str,
    serial: str,
    *,
    routing_zip: str | None = None,
) -> str:
    """Build a valid IMpb barcode payload (digits only) for fixtures and tests.

    ``routing_zip`` (5 or 9 digits) prepends the ``420`` routing element. Raises ``ValueError``
    when the parts do not form a valid tracking number (see the module rules).
    """
    body = application_identifier + service_type + mailer_id + serial
    if not _DIGITS.issuperset(body):
        raise ValueError("IMpb parts must be ASCII digits")
    tracking = body + str(mod10_check_digit(body))
    errors, fields = _check_tracking(tracking)
    if errors:
        raise ValueError("; ".join(errors))
    if (fields["mailer_id"], fields["serial"]) != (mailer_id, serial):
        raise ValueError(f"mailer id {mailer_id!r} does not fit application identifier")
    if routing_zip is None:
        return tracking
    if len(tracking) == 30:
        raise ValueError("a 30-digit tracking number is not combined with 420 routing")
    if len(routing_zip) not in (5, 9) or not _DIGITS.issuperset(routing_zip):
        raise ValueError(f"routing ZIP must be 5 or 9 digits, got {routing_zip!r}")
    return ROUTING_AI + routing_zip + tracking


def make_usps20(
    service_type: str, shipper_id: str, package_id: str, *, with_ai91: bool = False
) -> str:
    """Build a valid legacy 20-digit number; ``with_ai91`` computes the check digit over 91+…."""
    body = service_type + shipper_id + package_id
    shape = (len(service_type), len(shipper_id), len(package_id))
    if shape != (2, 9, 8) or not _DIGITS.issuperset(body):
        raise ValueError("USPS 20 needs a 2-digit service type, 9-digit shipper, 8-digit package")
    check = mod10_check_digit("91" + body if with_ai91 else body)
    return body + str(check)


def parse_usps(text: str) -> ParsedId:
    """Parse a scanned or typed USPS number; ``]C1``, GS and spaces are tolerated.

    Text that is not a digit string of a USPS length comes back as kind ``"unknown"``.
    """
    cleaned = strip_symbology(text)
    result = parse_digits(text, remove_spaces(cleaned))
    return result or ParsedId("unknown", text, strip_gs(cleaned), False, NOT_A_PARCEL_ID, {})


def parse_digits(raw: str, compact: str) -> ParsedId | None:
    """Classify whitespace-free scanner text (GS allowed); None if not shaped like a USPS number.

    Shapes: 20 digits (legacy), 22/26/30 digits (tracking number; a 30-digit one starting with
    ``420`` is routing + 22), 34/38 digits starting with ``420`` (routing + tracking number).
    """
    routing_len = None
    if GS in compact:
        compact = compact.strip(GS)
        cut = compact.find(GS)
        if cut > 0 and compact.startswith(ROUTING_AI):
            routing_len = cut
        compact = compact.replace(GS, "")
    if not compact.isascii() or not compact.isdigit():
        return None
    n = len(compact)
    if n == 20:
        return _parse_usps20(raw, compact)
    if compact.startswith(ROUTING_AI) and n >= 30:
        splits = [s for s in _ROUTED_SPLITS if s[0] + s[1] == n]
        if routing_len is not None:
            splits = [s for s in splits if s[0] == routing_len] or splits
    elif n in _TRACKING_LENGTHS:
        splits = [(0, n)]
    else:
        return None
    if not splits:
        return None
    return _best_reading(raw, compact, splits)


def _best_reading(raw: str, compact: str, splits: list[tuple[int, int]]) -> ParsedId:
    """Pick the first valid routing/tracking split, else the most informative invalid one."""
    readings = []
    for routing_len, _ in splits:
        tracking = compact[routing_len:]
        errors, fields = _check_tracking(tracking)
        fields["routing_zip"] = compact[3:routing_len] if routing_len else None
        if not errors:
            return ParsedId("impb", raw, tracking, True, None, fields)
        readings.append((tracking, errors, fields))
    # Prefer a reading whose application identifier is at least a USPS channel.
    tracking, errors, fields = next(
        (r for r in readings if r[2]["channel"] is not None), readings[0]
    )
    return ParsedId("impb", raw, tracking, False, "; ".join(errors), fields)


def _check_tracking(t: str) -> tuple[list[str], dict[str, FieldValue]]:
    """Validate one IMpb tracking number (digits only); return (errors, fields)."""
    n = len(t)
    ai = t[:2]
    errors: list[str] = []
    service_type = mailer_id = serial = None
    if ai == "91":
        if n == 22:
            service_type, mailer_id, serial = t[2:4], t[4:13], t[13:21]
        else:
            errors.append(f"a legacy 91 tracking number has 22 digits, not {n}")
    elif ai in CHANNELS:
        service_type = t[2:5]
        mid_len = 9 if t[5] == "9" else 6
        mailer_id, serial = t[5 : 5 + mid_len], t[5 + mid_len : -1]
        if ai == "92" and mid_len != 9:
            errors.append("application identifier 92 requires a 9-digit mailer ID (9…)")
        elif ai == "93" and mid_len != 6:
            errors.append("application identifier 93 requires a 6-digit mailer ID (not 9…)")
        if n == 30 and (ai != "94" or mid_len != 9):
            errors.append("a 30-digit tracking number needs AI 94 and a 9-digit mailer ID")
    else:
        errors.append(f"application identifier {ai!r} is not a USPS channel (91–95)")
    given = ord(t[-1]) - 48
    expected = _mod10(t[:-1])
    if given != expected:
        errors.append(f"check digit is {given}, expected {expected}")
    fields: dict[str, FieldValue] = {
        "routing_zip": None,
        "application_identifier": ai,
        "channel": CHANNELS.get(ai),
        "service_type": service_type,
        "mailer_id": mailer_id,
        "serial": serial,
        "check_digit": given,
    }
    return errors, fields


def _parse_usps20(raw: str, d: str) -> ParsedId:
    """Legacy 20-digit number: valid if the check digit fits with or without the 91 prefix."""
    given = ord(d[19]) - 48
    plain = _mod10(d[:19])
    with_ai = _mod10("91" + d[:19])
    error = None
    if given not in (plain, with_ai):
        error = (
            f"check digit is {given}, expected {plain} "
            f"(or {with_ai} counting the 91 application identifier)"
        )
    fields: dict[str, FieldValue] = {
        "service_type": d[:2],
        "service_name": USPS20_SERVICES.get(d[:2]),
        "shipper_id": d[2:11],
        "package_id": d[11:19],
        "check_digit": given,
    }
    return ParsedId("usps20", raw, d, error is None, error, fields)
