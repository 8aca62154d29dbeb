"""parse(): classification of arbitrary payloads, the ParsedId record, speed."""

import dataclasses

import pytest

from parcelbench.ids import NOT_A_PARCEL_ID, ParsedId, parse

GS = "\x1d"


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("", ""),
        ("   ", ""),
        ("]C1", ""),
        (GS, ""),
        ("https://tools.usps.com/go/TrackConfirmAction?tLabels=RR473124829GB", None),
        ("USJFKAGBLHRAAUN40001001110021", None),  # UPU S9 receptacle id (29 characters)
        ("INV-2024-000123 total 12.50 USD", None),
        ("RR47312482GB", None),  # 8 digits
        ("RR4731248299GB", None),  # 10 digits
        ("R1473124829GB", None),
        ("RR473124829G", None),
        ("ÄR473124829GB", None),
        ("123", None),
        ("420100233424", None),  # routing element alone
        ("940011120108080548301", None),  # 21 digits
        ("1234567890123456789012345678901234", None),  # 34 digits without 420
        ("4201002334249200190132607600833457999", None),  # 37 digits
        ("9400-1112-0108-0805-4830-16", None),  # hyphens are not scanner output
        ("]Q1  hello\x1dworld  ", "helloworld"),
        ("٩٤٠٠١١١٢٠١٠٨٠٨٠٥٤٨٣٠١٦", None),  # Arabic-Indic digits are not ASCII digits
    ],
)
def test_everything_else_is_not_a_parcel_identifier(raw: str, normalized: str | None) -> None:
    r = parse(raw)
    assert (r.kind, r.valid, r.error, r.raw) == ("unknown", False, NOT_A_PARCEL_ID, raw)
    assert r.fields == {}
    assert r.normalized == (raw.strip() if normalized is None else normalized)
    assert r.display() == r.normalized


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("RB123456786US", "s10"),
        ("xx000000000xx", "s10"),
        ("JJ 0000 0000 0 JJ", "s10"),
        ("00000000000000000001", "usps20"),
        ("0000000000000000000000", "impb"),
        ("12345678901234567890123456", "impb"),
        ("420000000000000000000000000000", "impb"),
    ],
)
def test_bad_codes_keep_their_shape_kind(raw: str, kind: str) -> None:
    r = parse(raw)
    assert (r.kind, r.valid) == (kind, False)
    assert r.error and r.error != NOT_A_PARCEL_ID


def test_to_json_is_flat_and_complete() -> None:
    r = parse("rr 4731 2482 9 gb")
    assert r.to_json() == {
        "kind": "s10",
        "valid": True,
        "normalized": "RR473124829GB",
        "error": None,
        "raw": "rr 4731 2482 9 gb",
        "display": "RR 4731 2482 9 GB",
        "service_indicator": "RR",
        "serial": "47312482",
        "check_digit": 9,
        "country": "GB",
        "service_name": "registered",
        "country_name": "United Kingdom",
    }
    u = parse("hello")
    assert u.to_json() == {
        "kind": "unknown",
        "valid": False,
        "normalized": "hello",
        "error": NOT_A_PARCEL_ID,
        "raw": "hello",
        "display": "hello",
    }


def test_parsed_id_is_frozen_hashable_and_comparable() -> None:
    a, b = parse("RR473124829GB"), parse("RR473124829GB")
    assert isinstance(a, ParsedId)
    assert a == b and hash(a) == hash(b)
    assert a != parse("rr473124829gb")  # raw differs
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.valid = False  # type: ignore[misc]


@pytest.mark.parametrize(
    ("raw", "sentence"),
    [
        (
            "HA336870918CN",
            "HA336870918CN is not a parcel id we can trust: check digit is 8, expected 7",
        ),
        (
            "ha 3368 7091 8 cn",
            "HA336870918CN is not a parcel id we can trust: check digit is 8, expected 7",
        ),
        ("hello", "hello is not a parcel id we can trust: not a parcel identifier"),
        ("", "'' is not a parcel id we can trust: not a parcel identifier"),
    ],
)
def test_untrusted_id_message_is_one_sentence_for_every_entry_point(
    raw: str, sentence: str
) -> None:
    from parcelbench.ids import untrusted_id_message

    assert untrusted_id_message(parse(raw)) == sentence
