"""ISO 3166-1 alpha-2 table: complete, exact, and usable for validation elsewhere."""

from pathlib import Path

import pytest

from parcelbench.ids.countries import COUNTRY_NAMES, country_name, is_country

TZ_TABLES = [
    Path("/usr/share/zoneinfo/iso3166.tab"),
    Path("/usr/lib/zoneinfo/iso3166.tab"),
]


def test_exactly_249_assigned_codes() -> None:
    assert len(COUNTRY_NAMES) == 249
    for code, name in COUNTRY_NAMES.items():
        assert len(code) == 2 and code.isascii() and code.isupper() and code.isalpha()
        assert name and name == name.strip()


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("GB", "United Kingdom"),
        ("CN", "China"),
        ("HK", "Hong Kong"),
        ("TW", "Taiwan"),
        ("US", "United States"),
        ("IN", "India"),
        ("DE", "Germany"),
        ("FR", "France"),
        ("MX", "Mexico"),
        ("KR", "South Korea"),
        ("SS", "South Sudan"),
        ("AX", "Åland Islands"),
    ],
)
def test_names(code: str, name: str) -> None:
    assert country_name(code) == name
    assert country_name(code.lower()) == name
    assert country_name(f" {code} ") == name
    assert is_country(code)


@pytest.mark.parametrize("code", ["UK", "EU", "EL", "XK", "XX", "ZZ", "AN", "YU", "", "G", "GBR"])
def test_not_assigned(code: str) -> None:
    assert not is_country(code)
    assert country_name(code) is None


def test_matches_the_tz_database_list_when_available() -> None:
    table = next((p for p in TZ_TABLES if p.is_file()), None)
    if table is None:
        pytest.skip("no tzdata iso3166.tab on this machine")
    lines = table.read_text(encoding="utf-8").splitlines()
    codes = {line.split("\t")[0] for line in lines if line and not line.startswith("#")}
    assert codes == set(COUNTRY_NAMES)
