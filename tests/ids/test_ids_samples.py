"""Data-driven checks against the public test vectors in shared/samples (jkeen, MIT).

Every valid/invalid test number must come out as the file says, and where the file's regex
splits a valid number into named parts, our fields must agree with those parts.
"""

import json
import re
import string
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from parcelbench.ids import parse
from parcelbench.ids.countries import is_country

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
S10_FILE = SAMPLES / "jkeen_tracking_number_data_s10.json"
USPS_FILE = SAMPLES / "jkeen_tracking_number_data_usps.json"

pytestmark = pytest.mark.skipif(
    not (S10_FILE.is_file() and USPS_FILE.is_file()),
    reason=f"public sample vectors not found in {SAMPLES}",
)


@cache
def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _entries(path: Path) -> list[dict[str, Any]]:
    return _load(path)["tracking_numbers"] if path.is_file() else []


def _cases(path: Path) -> list[Any]:
    return [
        pytest.param(entry["id"], number, validity == "valid", id=f"{entry['id']}-{number}")
        for entry in _entries(path)
        for validity in ("valid", "invalid")
        for number in entry["test_numbers"][validity]
    ]


def _regex(entry: dict[str, Any]) -> re.Pattern[str]:
    """The file's Ruby regex (a string or a list of parts) as a Python pattern."""
    source = entry["regex"]
    source = "".join(source) if isinstance(source, list) else source
    return re.compile(source.replace("(?<", "(?P<") + r"\s*")


def _group(match: re.Match[str], name: str) -> str | None:
    value = match.groupdict().get(name)
    return None if value is None else re.sub(r"\s", "", value)


@pytest.mark.parametrize(("entry_id", "number", "valid"), _cases(S10_FILE))
def test_s10_vectors(entry_id: str, number: str, valid: bool) -> None:
    r = parse(number)
    assert r.kind == "s10"
    assert r.valid is valid, r.error
    assert r.normalized == re.sub(r"\s", "", number).upper()


@pytest.mark.parametrize(("entry_id", "number", "valid"), _cases(USPS_FILE))
def test_usps_vectors(entry_id: str, number: str, valid: bool) -> None:
    r = parse(number)
    assert r.kind in ("impb", "usps20")
    assert r.valid is valid, r.error
    if not valid:
        return
    entry = next(e for e in _entries(USPS_FILE) if e["id"] == entry_id)
    match = _regex(entry).fullmatch(number)
    assert match is not None
    check = int(_group(match, "CheckDigit") or "")
    if r.kind == "usps20":
        assert len(r.normalized) == 20
        assert r.fields["service_type"] == _group(match, "ServiceType")
        assert r.fields["shipper_id"] == _group(match, "ShipperId")
        assert r.fields["package_id"] == _group(match, "PackageId")
        assert r.fields["check_digit"] == check
        return
    zip5, plus4 = _group(match, "DestinationZip"), _group(match, "DestinationZipPlus4")
    assert r.fields["routing_zip"] == (None if zip5 is None else zip5 + (plus4 or ""))
    assert r.fields["application_identifier"] == _group(match, "ApplicationIdentifier")
    assert r.fields["service_type"] == _group(match, "ServiceType")
    assert r.fields["mailer_id"] == _group(match, "ShipperId")
    assert r.fields["serial"] == _group(match, "PackageId")
    assert r.fields["check_digit"] == check
    assert r.normalized == _group(match, "SerialNumber") + str(check)


def test_s10_service_indicator_lookup_agrees() -> None:
    """Every two-letter indicator the file classifies gets the matching service name here."""
    names = {
        "EMS": "EMS",
        "Letter Post Express": "letter post express/tracked",
        "Letter Post M-bag": "M-bag",
        "Letter Post IBRS": "IBRS",
        "Letter Post Registered": "registered",
        "Letter Post Misc": "letter post with customs declaration",
        "Letter Post Insured": "insured",
        "Parcel Post": "parcel",
        "Parcel Post (e-commerce)": "e-commerce parcel",
        "Domestic": "domestic/bilateral",
    }
    (entry,) = _entries(S10_FILE)
    (service_lookup,) = [a for a in entry["additional"] if a["regex_group_name"] == "ServiceType"]
    checked = 0
    for first in string.ascii_uppercase:
        for second in string.ascii_uppercase:
            indicator = first + second
            for rule in service_lookup["lookup"]:
                if re.fullmatch(rule["matches_regex"], indicator):
                    r = parse(f"{indicator}123456785GB")
                    assert r.fields["service_name"] == names[rule["name"]], indicator
                    assert r.valid
                    checked += 1
    assert checked > 200


def test_s10_country_lookup_codes_are_all_assigned() -> None:
    (entry,) = _entries(S10_FILE)
    (courier,) = [a for a in entry["additional"] if a["regex_group_name"] == "CountryCode"]
    codes = [row["matches"] for row in courier["lookup"]]
    assert len(codes) == 191
    assert all(is_country(code) for code in codes)
    for code in codes:
        assert parse(f"RB123456785{code}").valid
