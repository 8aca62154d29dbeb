"""Entity keys: spelling variants of one party meet on one key; different parties never do.

Why so many cases: the counter-network is only as good as its keys. A variant that misses is a
link the officer never sees; a false key equality is a parcel held for nothing. Each group below
has the variants shippers really write and the near-misses that must stay apart.
"""

from __future__ import annotations

import pytest

from parcelbench.domain.aed import Party
from parcelbench.risk.entities import (
    ADDRESS_MATCH_THRESHOLD,
    NAME_MATCH_THRESHOLD,
    EntityKeys,
    address_block,
    address_key,
    address_matches,
    address_similarity,
    email_key,
    entity_keys,
    key_for,
    name_key,
    name_similarity,
    parse_street,
    phone_key,
)


def reno(street: str, *, postcode: str | None = "89502", city: str | None = "Reno") -> str | None:
    return address_key(street, city=city, postcode=postcode, country="US")


MUST = "4410 Industrial Pkwy Unit 12"

# -- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "José Núñez",
        "NUNEZ Jose",
        "Nunez, Jose",
        "JOSE NUNEZ",
        "jose   nuñez",
        "Mr. José Núñez",
        "Núñez José",
    ],
)
def test_name_variants_share_one_key(variant: str) -> None:
    assert name_key(variant) == name_key("José Núñez") == "jose nunez"


@pytest.mark.parametrize(
    "variant",
    [
        "Shenzhen Huaxin Trading Co., Ltd.",
        "SHENZHEN HUAXIN TRADING CO LTD",
        "Shenzhen Huaxin Trading Limited",
        "Shenzhen Huaxin Trading Co.,Ltd",
        "shenzhen huaxin trading company limited",
        "Shenzhen Huaxin Trading",
    ],
)
def test_company_legal_forms_are_dropped(variant: str) -> None:
    assert name_key(variant) == "huaxin shenzhen trading"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme Inc.", "ACME INCORPORATED"),
        ("Acme LLC", "Acme, L.L.C."),
        ("Bolsa S.A.", "BOLSA SA"),
        ("Müller GmbH", "Muller"),
        ("O'Brien & Sons Ltd", "OBrien and Sons"),
        ("Søren Ørsted", "Soren Orsted"),
        ("Łukasz Wałęsa", "Lukasz Walesa"),
        ("深圳华信贸易有限公司", "深圳华信贸易"),
    ],
)
def test_more_name_variants(a: str, b: str) -> None:
    assert name_key(a) is not None
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("José Núñez", "José Núñez Jr"),  # father and son
        ("Jose Nunez", "Jose Nunes"),
        ("Li Wei", "Li Wen"),
        ("Limited Editions Co", "Editions Co"),  # a legal form only counts at the end
    ],
)
def test_different_names_differ(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize("placeholder", ["", "   ", "N/A", "n.a.", "Unknown", "-", "Customer"])
def test_placeholder_names_do_not_link(placeholder: str) -> None:
    assert name_key(placeholder) is None


def test_name_similarity_is_fuzzy_only_for_long_names() -> None:
    assert name_similarity("jose nunez", "jose nunez") == 1.0
    assert name_similarity(name_key("Jose Nunez"), name_key("Jose Nunes")) >= NAME_MATCH_THRESHOLD
    assert name_similarity(name_key("Li Wei"), name_key("Li Wen")) == 0.0
    assert name_similarity(name_key("Jose Nunez"), name_key("Maria Lopez")) < NAME_MATCH_THRESHOLD
    assert name_similarity(None, "jose nunez") == 0.0


# -- addresses: the must-show case ---------------------------------------------------------------


def test_parkway_spellings_give_the_same_key() -> None:
    assert reno(MUST) is not None
    assert reno("4410 Industrial Parkway, Unit #12") == reno(MUST)
    assert address_similarity(reno(MUST), reno("4410 Industrial Parkway, Unit #12")) == 1.0


def test_a_typo_matches_fuzzily_above_the_threshold() -> None:
    typo = reno("4410 Industral Pkwy Unit 12")
    assert typo != reno(MUST)
    similarity = address_similarity(reno(MUST), typo)
    assert ADDRESS_MATCH_THRESHOLD <= similarity < 1.0
    assert address_matches(typo, reno("4410 INDUSTRIAL PARKWAY #12"))


@pytest.mark.parametrize(
    "other",
    [
        "4412 Industrial Pkwy Unit 12",  # another house number
        "4410 Industrial Pkwy Unit 13",  # another unit
        "4410 Industrial Pkwy Unit 12A",
        "4410 Industrial Pkwy",  # no unit: the whole building is not the drop
        "4410 Industrial Way Unit 12",  # another street type
        "4410 Commercial Pkwy Unit 12",
        "4410 Industral Pkwy Unit 21",  # typo AND another unit
    ],
)
def test_a_different_number_unit_or_street_does_not_match(other: str) -> None:
    assert reno(other) != reno(MUST)
    assert address_similarity(reno(MUST), reno(other)) < ADDRESS_MATCH_THRESHOLD
    assert not address_matches(reno(MUST), reno(other))


def test_a_different_postcode_or_country_does_not_match() -> None:
    here = reno(MUST)
    assert address_similarity(here, reno(MUST, postcode="89501")) == 0.0
    other_country = address_key(MUST, city="Reno", postcode="89502", country="CA")
    assert address_similarity(here, other_country) == 0.0


# -- addresses: real-world variants --------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "4410 Industrial Pkwy Unit 12",
        "4410 Industrial Parkway, Unit #12",
        "4410 INDUSTRIAL PKY #12",
        "4410 Industrial Pkwy. Ste. 12",
        "4410 Industrial Parkway Suite 12",
        "4410 Industrial Pkwy Apt 12",
        "4410 Industrial Pkwy Apartment No. 12",
        "4410 Industrial Pkwy Rm 12",
        "4410 Industrial Pkwy #012",
        "4410 Industrial Pkwy Unit12",
        "4410 Industrial Pkwy 12",
        "Unit 12, 4410 Industrial Parkway",
        "#12 - 4410 Industrial Pkwy",
        "4410  industrial   pkwy,,  unit 12.",
        "4410 Industrial Pkwys Unit 12",
    ],
)
def test_unit_and_suffix_spellings_share_one_key(variant: str) -> None:
    assert reno(variant) == reno(MUST) == "US|89502|4410|industrial|pkwy||12"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("41-12 Main St Apt 4B", "4112 Main Street Apartment 4-B"),
        ("41-12 Main St Apt 4B", "4112 MAIN ST #4b"),
        ("100 Oak Avenue", "100 Oak Ave."),
        ("100 Oak Avenue", "100 Oak Av"),
        ("7 Elm Road", "7 Elm Rd"),
        ("7 Sunset Boulevard", "7 Sunset Blvd"),
        ("7 Sunset Drive", "7 Sunset Dr."),
        ("7 Birch Lane", "7 Birch Ln"),
        ("7 Birch Court", "7 Birch Ct"),
        ("7 Birch Place", "7 Birch Pl"),
        ("7 Birch Circle", "7 Birch Cir"),
        ("7 Birch Terrace", "7 Birch Ter"),
        ("7 Pacific Coast Highway", "7 Pacific Coast Hwy"),
        ("1200 North Main Street", "1200 N Main St"),
        ("1200 N.E. 5th Ave", "1200 Northeast Fifth Avenue"),
        ("1200 Main St SW", "1200 Main Street Southwest"),
        ("10 Saint Marks Place", "10 St. Marks Pl"),
        ("3rd Floor, 100 Main St", "100 Main St Fl 3"),
        ("100 Main St Floor 3", "100 Main St 3rd Fl"),
        ("12 Main St Bldg A", "12 Main Street Building A"),
        ("P.O. Box 123", "PO BOX 123"),
        ("Post Office Box 123", "POB 123"),
        ("Hauptstraße 5", "Hauptstr. 5"),
        ("Hauptstraße 5", "HAUPTSTRASSE 5"),
        ("Flat 3, 22 Baker Street", "22 Baker St Flat 3"),
        ("Rue de Rivoli 12", "rue de rivoli 12"),
        ("123 Route 66", "123 Rte 66"),
    ],
)
def test_address_variants(a: str, b: str) -> None:
    key = address_key(a, postcode="10001", country="US")
    assert key is not None
    assert key == address_key(b, postcode="10001", country="US")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("100 Main St", "100 Main Ave"),
        ("100 Main St", "101 Main St"),
        ("100 5th Ave", "100 6th Ave"),
        ("100 115th St", "100 116th St"),  # a string ratio alone would call these equal
        ("100 N Main St", "100 S Main St"),
        ("100 Main St Apt 4B", "100 Main St Apt 4C"),
        ("P.O. Box 123", "P.O. Box 124"),
        ("123 Route 66", "123 Route 67"),
        ("12 Bus Stop Rd", "12 Bus Rd"),
    ],
)
def test_different_addresses_do_not_match(a: str, b: str) -> None:
    ka = address_key(a, postcode="10001", country="US")
    kb = address_key(b, postcode="10001", country="US")
    assert ka is not None and kb is not None
    assert ka != kb
    assert not address_matches(ka, kb)


def test_zip_plus_four_and_city_spelling() -> None:
    """ZIP+4 is cut to ZIP5; with a postcode the city does not count ("Queens" vs "LIC")."""
    a = address_key("41-12 Main St Apt 4B", city="Queens", postcode="11101-2345", country="us")
    b = address_key("4112 Main St Apt 4B", city="Long Island City", postcode="11101", country="US")
    assert a == b
    assert a is not None and a.startswith("US|11101|")


def test_without_a_postcode_the_city_is_the_locality() -> None:
    a = address_key("4 Elm St", city="Saint-Laurent", postcode=None, country="CA")
    b = address_key("4 Elm Street", city="ST LAURENT", postcode="", country="CA")
    assert a == b
    assert address_key("4 Elm St", city="Montréal", postcode=None, country="CA") != a


def test_non_us_postcodes_keep_letters() -> None:
    a = address_key("Flat 3, 22 Baker Street", city="London", postcode="NW1 6XE", country="GB")
    b = address_key("22 Baker St Flat 3", city="LONDON", postcode="nw16xe", country="GB")
    assert a == b
    assert a is not None and "|NW16XE|" in a


@pytest.mark.parametrize(
    ("street", "city", "postcode"),
    [
        (None, "Reno", "89502"),
        ("", "Reno", "89502"),
        ("Industrial Pkwy", "Reno", "89502"),  # no number, no unit: a whole street
        (MUST, None, None),  # nowhere
        (MUST, None, "123"),  # a US ZIP needs five digits
    ],
)
def test_vague_addresses_give_no_key(
    street: str | None, city: str | None, postcode: str | None
) -> None:
    assert address_key(street, city=city, postcode=postcode, country="US") is None


def test_parse_street_parts() -> None:
    parts = parse_street("1200 N.E. Industrial Parkway, Suite #4-B")
    assert (parts.number, parts.name, parts.type, parts.dirs, parts.unit) == (
        "1200",
        "industrial",
        "pkwy",
        "ne",
        "4b",
    )
    assert parse_street("12 1/2 Oak St").number == "12 1/2"
    assert parse_street("Jalan Ampang No. 5").number == "5"


def test_address_block_is_country_locality_and_number() -> None:
    assert address_block(reno(MUST) or "") == "US|89502|4410"
    assert address_block(reno("4410 Industral Pkwy #12") or "") == "US|89502|4410"


def test_an_unknown_suffix_spelling_is_still_close() -> None:
    odd = reno("4410 Industrial Prkwy Unit 12")
    assert odd != reno(MUST)
    assert address_matches(odd, reno(MUST))


def test_malformed_keys_never_match() -> None:
    assert address_similarity("garbage", "garbage2") == 0.0
    assert address_similarity(None, reno(MUST)) == 0.0


# -- phones ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("+1 (212) 555-0100", "US"),
        ("212-555-0100", "US"),
        ("(212) 555-0100", "US"),
        ("212.555.0100", "US"),
        ("1-212-555-0100", "US"),
        ("+1 212 555 0100", "CN"),  # a US number on a Chinese sender's line
        ("001 212 555 0100", "DE"),
        ("011 1 212 555 0100", "US"),
        ("2125550100", "CA"),
        ("212-555-0100 ext. 15", "US"),
        ("212-555-0100 x15", "US"),
    ],
)
def test_nanp_numbers(text: str, country: str) -> None:
    assert phone_key(text, country) == "+12125550100"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("+86 755 8888 1234", "CN"),
        ("0755 8888 1234", "CN"),
        ("0755-88881234", "CN"),
        ("86 755 8888 1234", "CN"),
        ("0086 755 8888 1234", "US"),
        ("+86 (0)755 8888 1234", "CN"),
    ],
)
def test_international_numbers(text: str, country: str) -> None:
    assert phone_key(text, country) == "+8675588881234"


def test_uk_trunk_zero() -> None:
    assert phone_key("020 7946 0000", "GB") == phone_key("+44 20 7946 0000", "US")
    assert phone_key("+44 (0)20 7946 0000", "GB") == "+442079460000"


def test_italy_keeps_its_leading_zero() -> None:
    assert phone_key("06 1234 5678", "IT") == phone_key("+39 06 1234 5678", "IT") == "+390612345678"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("212-555-0100", "212-555-0101"),
        ("+1 212 555 0100", "+44 212 555 0100"),
        ("0755 8888 1234", "0755 8888 1235"),
    ],
)
def test_different_phones_differ(a: str, b: str) -> None:
    assert phone_key(a, "US") != phone_key(b, "US")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (None, "US"),
        ("", "US"),
        ("n/a", "US"),
        ("555-0100", "US"),  # no area code
        ("0000000000", "US"),
        ("1234567890", "US"),
        ("123", "CN"),
        ("0755 8888 1234", None),  # a national number with no country to place it
    ],
)
def test_unusable_phones_give_no_key(text: str | None, country: str | None) -> None:
    assert phone_key(text, country) is None


def test_a_country_without_a_known_code_is_still_keyed() -> None:
    assert phone_key("0727 456 789", "KZ") == phone_key("727-456-789", "kz") == "KZ:727456789"


# -- e-mail ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "jdoe@gmail.com",
        "JDoe@Gmail.com",
        "  j.doe@gmail.com ",
        "J.D.O.E@gmail.com",
        "jdoe+parcels@gmail.com",
        "j.doe+x.y@googlemail.com",
        "mailto:jdoe@gmail.com",
    ],
)
def test_gmail_variants(variant: str) -> None:
    assert email_key(variant) == "jdoe@gmail.com"


def test_other_providers_keep_dots() -> None:
    assert email_key("John.Doe@Example.COM") == "john.doe@example.com"
    assert email_key("john.doe@example.com") != email_key("johndoe@example.com")
    assert email_key("john+tag@example.com") == "john+tag@example.com"
    assert email_key("john+tag@outlook.com") == "john@outlook.com"


@pytest.mark.parametrize(
    "bad", [None, "", "not an email", "a@b", "@gmail.com", "none@none.com", "a b@c.com"]
)
def test_unusable_emails_give_no_key(bad: str | None) -> None:
    assert email_key(bad) is None


# -- parties -----------------------------------------------------------------------------------


def test_entity_keys_of_a_party() -> None:
    party = Party(
        name="NUNEZ Jose",
        business="Núñez Imports LLC",
        street="4410 Industrial Parkway, Unit #12",
        city="Reno",
        state="NV",
        postcode="89502-0001",
        country="US",
        phone="+1 (775) 555-0142",
        email="Jose.Nunez+orders@gmail.com",
    )
    keys = entity_keys(party)
    assert keys == EntityKeys(
        name="jose nunez",
        address="US|89502|4410|industrial|pkwy||12",
        phone="+17755550142",
        email="josenunez@gmail.com",
        business="imports nunez",
    )
    assert keys.pairs() == [
        ("name", "jose nunez"),
        ("name", "imports nunez"),
        ("address", "US|89502|4410|industrial|pkwy||12"),
        ("phone", "+17755550142"),
        ("email", "josenunez@gmail.com"),
    ]


def test_entity_keys_with_missing_fields() -> None:
    keys = entity_keys(Party(name="N/A", country="CN"))
    assert keys == EntityKeys(None, None, None, None, None)
    assert keys.pairs() == []


def test_business_equal_to_name_is_not_repeated() -> None:
    keys = entity_keys(Party(name="Acme Ltd", business="ACME LIMITED", country="GB"))
    assert keys.business is None
    assert keys.pairs() == [("name", "acme")]


def test_key_for_typed_entries() -> None:
    assert key_for("name", "NUNEZ Jose") == "jose nunez"
    assert key_for("phone", "212-555-0100", country="US") == "+12125550100"
    assert key_for("email", "J.Doe@gmail.com") == "jdoe@gmail.com"
    assert key_for("address", MUST, postcode="89502", country="US") == reno(MUST)
    with pytest.raises(ValueError, match="unknown entity kind"):
        key_for("fax", "123")
