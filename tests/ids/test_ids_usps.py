"""USPS IMpb and legacy 20-digit numbers: examples, routing, scanner noise, check digits."""

import pytest

from parcelbench.ids import parse, parse_usps
from parcelbench.ids.usps import make_impb, make_usps20, mod10_check_digit

GS = "\x1d"


def test_domain_example_impb_22() -> None:
    r = parse("9400 1112 0108 0805 4830 16")
    assert (r.kind, r.valid, r.error) == ("impb", True, None)
    assert r.normalized == "9400111201080805483016"
    assert r.display() == "9400 1112 0108 0805 4830 16"
    assert r.fields == {
        "routing_zip": None,
        "application_identifier": "94",
        "channel": "online or vendor label",
        "service_type": "001",
        "mailer_id": "112010",
        "serial": "8080548301",
        "check_digit": 6,
    }


def test_domain_example_routed_zip9() -> None:
    r = parse("4201002334249200190132607600833457")
    assert (r.kind, r.valid) == ("impb", True)
    assert r.normalized == "9200190132607600833457"
    assert r.fields["routing_zip"] == "100233424"
    assert r.fields["application_identifier"] == "92"
    assert r.fields["mailer_id"] == "901326076"  # AI 92: 9-digit mailer id
    assert r.fields["serial"] == "0083345"


@pytest.mark.parametrize(
    "raw",
    [
        "]C14201002334249200190132607600833457",
        "]C1420100233424" + GS + "9200190132607600833457",
        GS + "420100233424" + GS + "9200190132607600833457",
        "  ]C1 420 10023 3424 9200 1901 3260 7600 8334 57  ",
        "]C0420100233424\x1d9200190132607600833457\n",
    ],
)
def test_symbology_prefix_and_gs_are_stripped(raw: str) -> None:
    r = parse(raw)
    assert (r.kind, r.valid, r.raw) == ("impb", True, raw)
    assert r.normalized == "9200190132607600833457"
    assert r.fields["routing_zip"] == "100233424"


def test_routing_zip5() -> None:
    r = parse("420 11213 92 6129098349792366623 8")
    assert (r.kind, r.valid, r.normalized) == ("impb", True, "9261290983497923666238")
    assert r.fields["routing_zip"] == "11213"
    r = parse("]C1" + "42011213" + GS + "9261290983497923666238")
    assert (r.valid, r.fields["routing_zip"]) == (True, "11213")


def test_routing_zip5_before_26_digit_number() -> None:
    tracking = make_impb("92", "748", "931507708", "51301805006")
    assert tracking == "92748931507708513018050063"  # a sample from the jkeen file
    r = parse("42090210" + tracking)
    assert (r.valid, r.normalized, r.fields["routing_zip"]) == (True, tracking, "90210")


def test_ambiguous_34_digits_prefers_22_unless_gs_says_otherwise() -> None:
    """420+ZIP9+22 and 420+ZIP5+26 both have 34 digits; FNC1 (GS) is the only real separator."""
    # A 26-digit number whose last 22 digits are themselves a valid IMpb number: AI 93 + STC
    # 009 + mailer 4xxxxx makes digits 5-6 read "94", and 3*9 + 3 + 3*0 + 0 = 30 ≡ 0 (mod 10).
    t26 = make_impb("93", "009", "412345", "12345678901234")
    assert parse(t26[4:]).valid
    no_gs = parse("42010001" + t26)
    assert (no_gs.normalized, no_gs.fields["routing_zip"]) == (t26[4:], "100019300")
    with_gs = parse("42010001" + GS + t26)
    assert (with_gs.valid, with_gs.normalized, with_gs.fields["routing_zip"]) == (
        True,
        t26,
        "10001",
    )


def test_ambiguous_34_digits_takes_the_valid_reading() -> None:
    r = parse("4201028200009261290113185417468510")  # 26-digit reading has AI 00
    assert (r.valid, r.normalized) == (True, "9261290113185417468510")
    assert r.fields["routing_zip"] == "102820000"


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("9400 1112 0108 0805 4830 17", "check digit is 7, expected 6"),
        ("2334611306206407667222", "application identifier '23' is not a USPS channel (91–95)"),
        (
            "9200000000000000000000",
            "application identifier 92 requires a 9-digit mailer ID (9…); "
            "check digit is 0, expected 1",
        ),
        ("9300090000000000000003", "application identifier 93 requires a 6-digit mailer ID"),
        ("420000000000000000000000000000", "application identifier '00' is not a USPS channel"),
        ("9100000000000000000000000003", None),  # 28 digits: not a USPS shape
    ],
)
def test_invalid_usps_numbers_keep_their_kind(raw: str, error: str | None) -> None:
    r = parse(raw)
    if error is None:
        assert r.kind == "unknown"
        return
    assert (r.kind, r.valid) == ("impb", False)
    assert r.error is not None and r.error.startswith(error)


def test_legacy_91_is_impb_with_two_digit_service_type() -> None:
    r = parse("9101 1234 5678 9000 0000 13")
    assert (r.kind, r.valid) == ("impb", True)
    assert r.fields["application_identifier"] == "91"
    assert (r.fields["service_type"], r.fields["mailer_id"], r.fields["serial"]) == (
        "01",
        "123456789",
        "00000001",
    )
    r = parse("9101123456789000000001234")  # 25 digits: no USPS shape
    assert r.kind == "unknown"


def test_30_digit_needs_ai_94() -> None:
    t30 = make_impb("94", "001", "912345678", "123456789012345")
    assert len(t30) == 30 and parse(t30).valid
    bad = "95" + t30[2:-1]
    bad += str(mod10_check_digit(bad))
    r = parse(bad)
    assert (r.kind, r.valid) == ("impb", False)
    assert r.error == "a 30-digit tracking number needs AI 94 and a 9-digit mailer ID"


def test_usps20_both_check_digit_readings() -> None:
    plain = parse("0307 1790 0005 2348 3741")
    with_ai = parse("7196 9010 7560 0307 7385")
    for r in (plain, with_ai):
        assert (r.kind, r.valid, r.error) == ("usps20", True, None)
    assert plain.fields == {
        "service_type": "03",
        "service_name": "Delivery Confirmation",
        "shipper_id": "071790000",
        "package_id": "52348374",
        "check_digit": 1,
    }
    assert plain.display() == "0307 1790 0005 2348 3741"
    bad = parse("0307 1790 0005 2348 3742")
    assert (bad.kind, bad.valid) == ("usps20", False)
    assert bad.error == (
        "check digit is 2, expected 1 (or 3 counting the 91 application identifier)"
    )


def test_usps20_blind_spot_is_real() -> None:
    """Documented in usps.py: two accepted check digits 2 apart let some substitutions through."""
    good = "03071790000523483741"
    # Digit 18 (0-based 17) has weight 1 in the plain reading; +2 moves onto the 91 reading.
    mutated = good[:17] + str(int(good[17]) + 2) + good[18:]
    assert parse(good).valid and parse(mutated).valid
    assert mod10_check_digit(mutated[:19]) != int(mutated[19])
    assert mod10_check_digit("91" + mutated[:19]) == int(mutated[19])


def test_make_usps20() -> None:
    assert make_usps20("03", "071790000", "52348374") == "03071790000523483741"
    assert make_usps20("71", "969010756", "00307738", with_ai91=True) == "71969010756003077385"
    for args in [("3", "071790000", "52348374"), ("03", "07179000a", "52348374")]:
        with pytest.raises(ValueError):
            make_usps20(*args)


def test_mod10() -> None:
    assert mod10_check_digit("940011120108080548301") == 6
    assert mod10_check_digit("0") == 0
    for bad in ("", "12a", "１２"):
        with pytest.raises(ValueError):
            mod10_check_digit(bad)


def test_make_impb() -> None:
    assert make_impb("94", "001", "112010", "8080548301") == "9400111201080805483016"
    assert (
        make_impb("92", "001", "901326076", "0083345", routing_zip="100233424")
        == "4201002334249200190132607600833457"
    )
    for args, kwargs in [
        (("92", "001", "112010", "8080548301"), {}),  # 92 needs a 9-digit mailer id
        (("93", "001", "901326076", "0083345"), {}),  # 93 needs a 6-digit one
        (("96", "001", "112010", "8080548301"), {}),  # not a channel
        (("94", "001", "112010", "8080548301"), {"routing_zip": "1234"}),
        (("94", "001", "112010", "808054830x"), {}),
        (("94", "001", "912345678", "123456789012345"), {"routing_zip": "10001"}),
    ]:
        with pytest.raises(ValueError):
            make_impb(*args, **kwargs)


def test_parse_usps_on_other_text_is_unknown() -> None:
    r = parse_usps("RR473124829GB")
    assert (r.kind, r.error) == ("unknown", "not a parcel identifier")
    assert parse_usps("]C1" + "9400111201080805483016").valid
