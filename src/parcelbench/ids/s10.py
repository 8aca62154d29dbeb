"""UPU S10 item identifiers: ``AA 00000000 9 BB`` (service indicator, serial, check, country).

Why this module is strict about *reasons*: most inbound postal items carry an S10, and an officer
who scans a damaged or mistyped label must see *what* is wrong ("check digit is 6, expected 5"),
not a silent miss or, worse, somebody else's parcel. So anything shaped like an S10 is reported
as kind ``"s10"`` even when a rule fails, with every failed rule in ``error``.

Check digit (UPU S10 §): weights 8 6 4 2 3 5 9 7 on the eight serial digits, ``S = Σ wᵢdᵢ``,
``C = 11 − (S mod 11)``, then C = 10 → 0 and C = 11 → 5.

**Known blind spot of the standard (not a bug here).** Because C = 11 → 5 *and* S mod 11 = 6
also gives C = 5, the two residues 0 and 6 share a check digit. A single wrong serial digit whose
weighted change moves S between residue 0 and residue 6 is therefore undetectable. Concrete
pair: ``RR000000005GB`` (S = 0) and ``RR000020005GB`` (digit 5 has weight 3, 3 × 2 = 6, so
S = 6) are both valid. Every other single-digit substitution, and every change of the check digit
itself, is caught. Such a misread yields another *valid* id; it can only land on a wrong parcel
if that other id also exists in the AED, which is why the UI shows the matched record's details
(sender, contents, country) for the officer to confirm.

Reuse: an S10 may be reissued after 12 months, so it is not a lifetime key.
"""

from __future__ import annotations

from typing import Final

from parcelbench.ids.countries import COUNTRY_NAMES
from parcelbench.ids.model import NOT_A_PARCEL_ID, ParsedId
from parcelbench.ids.scan import strip_gs, strip_symbology

WEIGHTS: Final = (8, 6, 4, 2, 3, 5, 9, 7)
"""S10 check-digit weights, left to right over the 8-digit serial."""

RESERVED_FIRST_LETTERS: Final = frozenset("JKSTW")
"""First letters the S10 standard reserves; an item id starting with them is invalid."""

_SERVICE_BY_FIRST_LETTER: Final[dict[str, str]] = {
    "C": "parcel",
    "E": "EMS",
    "H": "e-commerce parcel",
    "L": "letter post express/tracked",
    "M": "M-bag",
    "R": "registered",
    "U": "letter post with customs declaration",
    "V": "insured",
}
DOMESTIC: Final = "domestic/bilateral"
IBRS: Final = "IBRS"

# Hints for codes people commonly use in place of the ISO one.
_COUNTRY_HINTS: Final[dict[str, str]] = {"UK": "GB", "EL": "GR"}

_UPPER: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGITS: Final = frozenset("0123456789")


def check_digit(serial: str) -> int:
    """Return the S10 check digit for an 8-digit serial (``ValueError`` if not 8 ASCII digits)."""
    if len(serial) != 8 or not _DIGITS.issuperset(serial):
        raise ValueError(f"S10 serial must be 8 digits, got {serial!r}")
    return _check_from_sum(_weighted_sum(serial))


def _weighted_sum(serial: str) -> int:
    d = serial.encode("ascii")  # digits as bytes: b"0" == 48; unrolled, it is on every import
    return (
        8 * d[0]
        + 6 * d[1]
        + 4 * d[2]
        + 2 * d[3]
        + 3 * d[4]
        + 5 * d[5]
        + 9 * d[6]
        + 7 * d[7]
        - 48 * sum(WEIGHTS)
    )


def _check_from_sum(total: int) -> int:
    c = 11 - total % 11
    return 0 if c == 10 else 5 if c == 11 else c


def service_name(service_indicator: str) -> str | None:
    """Name the service class of a two-letter indicator; None when the indicator is reserved.

    ``Q`` is IBRS only for ``QA``–``QM``; ``QN``–``QZ``, like every letter pair the standard does
    not assign, is treated as domestic/bilateral use.
    """
    first = service_indicator[:1]
    if first in RESERVED_FIRST_LETTERS:
        return None
    if first == "Q" and "A" <= service_indicator[1:2] <= "M":
        return IBRS
    return _SERVICE_BY_FIRST_LETTER.get(first, DOMESTIC)


def make(service_indicator: str, serial: str, country: str) -> str:
    """Build a valid 13-character S10 (for generators, fixtures and tests).

    Raises ``ValueError`` if the indicator is not two letters or is reserved, the serial is not 8
    digits, or the country is not an assigned ISO 3166-1 code, so fixtures cannot drift invalid.
    """
    si = service_indicator.upper()
    cc = country.upper()
    if len(si) != 2 or not _UPPER.issuperset(si):
        raise ValueError(f"service indicator must be two letters, got {service_indicator!r}")
    if si[0] in RESERVED_FIRST_LETTERS:
        raise ValueError(_reserved_message(si))
    if cc not in COUNTRY_NAMES:
        raise ValueError(_country_message(cc))
    return f"{si}{serial}{check_digit(serial)}{cc}"


def parse_s10(text: str) -> ParsedId:
    """Parse one scanned or typed S10; lowercase, spaces, ``]C0`` and GS are tolerated.

    Text that is not shaped like an S10 (2 letters, 9 digits, 2 letters) comes back as kind
    ``"unknown"``.
    """
    cleaned = strip_gs(strip_symbology(text))
    compact = "".join(cleaned.split())
    # ASCII first: str.upper() maps some non-ASCII letters (dotless i, long s) onto A-Z.
    compact = compact.upper() if compact.isascii() else ""
    if not is_s10_shape(compact):
        return ParsedId("unknown", text, cleaned, False, NOT_A_PARCEL_ID, {})
    return parse_compact(text, compact)


def is_s10_shape(compact: str) -> bool:
    """True for 2 uppercase ASCII letters, 9 ASCII digits, 2 uppercase ASCII letters."""
    return (
        len(compact) == 13
        and compact[0] in _UPPER
        and compact[1] in _UPPER
        and compact[11] in _UPPER
        and compact[12] in _UPPER
        and _DIGITS.issuperset(compact[2:11])
    )


def parse_compact(raw: str, compact: str) -> ParsedId:
    """Check an S10 already reduced to 13 uppercase characters (see :func:`is_s10_shape`)."""
    si = compact[:2]
    serial = compact[2:10]
    given = ord(compact[10]) - 48
    cc = compact[11:]
    errors: list[str] = []
    name = service_name(si)
    if name is None:
        errors.append(_reserved_message(si))
    expected = _check_from_sum(_weighted_sum(serial))
    if given != expected:
        errors.append(f"check digit is {given}, expected {expected}")
    country = COUNTRY_NAMES.get(cc)
    if country is None:
        errors.append(_country_message(cc))
    fields: dict[str, str | int | None] = {
        "service_indicator": si,
        "serial": serial,
        "check_digit": given,
        "country": cc,
        "service_name": name,
        "country_name": country,
    }
    error = "; ".join(errors) if errors else None
    return ParsedId("s10", raw, compact, not errors, error, fields)


def _reserved_message(si: str) -> str:
    return f"service indicator {si!r} is reserved (J, K, S, T, W)"


def _country_message(cc: str) -> str:
    hint = _COUNTRY_HINTS.get(cc)
    message = f"{cc!r} is not an ISO 3166-1 country code"
    return f"{message} (use {hint!r})" if hint else message
