"""UPU S10: the DOMAIN.md §2 examples, service indicators, countries and error wording."""

import pytest

from parcelbench.ids import parse, parse_s10
from parcelbench.ids.s10 import WEIGHTS, check_digit, make, service_name

VALID = [
    # (id, service_name, country_name)
    ("AA473124829GB", "domestic/bilateral", "United Kingdom"),
    ("RR473124829GB", "registered", "United Kingdom"),
    ("RR287043775IN", "registered", "India"),  # C = 11 -> 5
    ("EE471108151FR", "EMS", "France"),
    ("RB123456785GB", "registered", "United Kingdom"),
    ("LX806576725TW", "letter post express/tracked", "Taiwan"),
    ("CP100000140DE", "parcel", "Germany"),  # C = 10 -> 0
]


@pytest.mark.parametrize(("code", "service", "country"), VALID)
def test_domain_examples_are_valid(code: str, service: str, country: str) -> None:
    r = parse(code)
    assert (r.kind, r.valid, r.error, r.normalized) == ("s10", True, None, code)
    assert r.fields == {
        "service_indicator": code[:2],
        "serial": code[2:10],
        "check_digit": int(code[10]),
        "country": code[11:],
        "service_name": service,
        "country_name": country,
    }


def test_c11_and_c10_rules() -> None:
    # RR287043775IN: S mod 11 == 0 -> C = 11 -> 5; CP100000140DE: S mod 11 == 1 -> C = 10 -> 0.
    assert sum(w * int(d) for w, d in zip(WEIGHTS, "28704377", strict=True)) % 11 == 0
    assert check_digit("28704377") == 5
    assert sum(w * int(d) for w, d in zip(WEIGHTS, "10000014", strict=True)) % 11 == 1
    assert check_digit("10000014") == 0
    assert check_digit("47312482") == 9


def test_rb_us_with_wrong_check_digit_fails() -> None:
    r = parse("RB123456786US")
    assert (r.kind, r.valid) == ("s10", False)
    assert r.error == "check digit is 6, expected 5"
    assert r.fields["country_name"] == "United States"


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("rr473124829gb", "RR473124829GB"),
        ("RR 4731 2482 9 GB", "RR473124829GB"),
        ("  rr 473124829 Gb \n", "RR473124829GB"),
        ("]C0RR473124829GB", "RR473124829GB"),
        ("RR473124829\x1dGB", "RR473124829GB"),
        ("R R 4 7 3 1 2 4 8 2 9 G B", "RR473124829GB"),
    ],
)
def test_lowercase_spaces_and_scanner_noise_are_normalized(raw: str, normalized: str) -> None:
    r = parse(raw)
    assert (r.kind, r.valid, r.normalized, r.raw) == ("s10", True, normalized, raw)
    assert r.display() == "RR 4731 2482 9 GB"


@pytest.mark.parametrize("letter", "JKSTW")
def test_reserved_first_letters_are_rejected(letter: str) -> None:
    code = f"{letter}A473124829GB"
    r = parse(code)
    assert (r.kind, r.valid) == ("s10", False)
    assert r.error == f"service indicator '{letter}A' is reserved (J, K, S, T, W)"
    assert r.fields["service_name"] is None
    with pytest.raises(ValueError, match="reserved"):
        make(f"{letter}A", "47312482", "GB")


@pytest.mark.parametrize(
    ("indicator", "name"),
    [
        ("CA", "parcel"),
        ("CZ", "parcel"),
        ("EA", "EMS"),
        ("HA", "e-commerce parcel"),
        ("LX", "letter post express/tracked"),
        ("MA", "M-bag"),
        ("QA", "IBRS"),
        ("QM", "IBRS"),
        ("QN", "domestic/bilateral"),  # Q is IBRS only for QA-QM
        ("QZ", "domestic/bilateral"),
        ("RR", "registered"),
        ("UA", "letter post with customs declaration"),
        ("VV", "insured"),
        ("AA", "domestic/bilateral"),
        ("BZ", "domestic/bilateral"),
        ("ZZ", "domestic/bilateral"),
        ("GD", "domestic/bilateral"),
    ],
)
def test_service_names(indicator: str, name: str) -> None:
    assert service_name(indicator) == name
    r = parse(make(indicator, "12345678", "CN"))
    assert r.valid and r.fields["service_name"] == name


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("RB123456785XX", "'XX' is not an ISO 3166-1 country code"),
        ("RR473124829UK", "'UK' is not an ISO 3166-1 country code (use 'GB')"),
        ("RR473124829EU", "'EU' is not an ISO 3166-1 country code"),
        ("RR473124829XK", "'XK' is not an ISO 3166-1 country code"),
        ("RR473124829ZZ", "'ZZ' is not an ISO 3166-1 country code"),
    ],
)
def test_bad_countries(code: str, error: str) -> None:
    r = parse(code)
    assert (r.kind, r.valid, r.error) == ("s10", False, error)
    assert r.fields["country_name"] is None


def test_every_failed_rule_is_reported() -> None:
    r = parse("ja123456786uk")
    assert r.kind == "s10" and not r.valid
    assert r.error == (
        "service indicator 'JA' is reserved (J, K, S, T, W); "
        "check digit is 6, expected 5; "
        "'UK' is not an ISO 3166-1 country code (use 'GB')"
    )


def test_make_builds_valid_ids_and_refuses_bad_parts() -> None:
    assert make("rr", "47312482", "gb") == "RR473124829GB"
    assert make("CP", "10000014", "DE") == "CP100000140DE"
    for args in [("R", "47312482", "GB"), ("R1", "47312482", "GB"), ("RR", "4731248", "GB")]:
        with pytest.raises(ValueError):
            make(*args)
    with pytest.raises(ValueError, match="'UK' is not an ISO 3166-1 country code"):
        make("RR", "47312482", "UK")


@pytest.mark.parametrize("serial", ["", "1234567", "123456789", "1234567a", "１２３４５６７８"])
def test_check_digit_rejects_non_serials(serial: str) -> None:
    with pytest.raises(ValueError):
        check_digit(serial)


def test_parse_s10_on_other_text_is_unknown() -> None:
    r = parse_s10("9400 1112 0108 0805 4830 16")
    assert (r.kind, r.valid, r.error) == ("unknown", False, "not a parcel identifier")
    assert parse_s10(" rr473124829gb ").normalized == "RR473124829GB"
    # Non-ASCII letters that str.upper() would turn into A-Z are not accepted as S10.
    assert parse_s10("RR473124829ıT").kind == "unknown"
    assert parse("RR473124829ıT").kind == "unknown"


def test_undetectable_pair_exists_residues_0_and_6() -> None:
    """The standard's blind spot (see s10.py docstring): residues 0 and 6 share check digit 5."""
    a, b = "RR000000005GB", "RR000020005GB"  # differ in one serial digit (weight 3, +2)
    sums = [sum(w * int(d) for w, d in zip(WEIGHTS, x[2:10], strict=True)) for x in (a, b)]
    assert [s % 11 for s in sums] == [0, 6]
    assert sum(x != y for x, y in zip(a, b, strict=True)) == 1
    assert parse(a).valid and parse(b).valid
