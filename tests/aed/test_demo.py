"""The demo AED generator: deterministic, valid, unique ids, and the risk indicators it promises."""

from __future__ import annotations

import re
import tracemalloc
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from parcelbench.aed.demo import (
    DEFAULT_START,
    DEMO_SEED,
    OPTIONAL_FIELDS,
    SUSPICIOUS_KINDS,
    VAGUE_DESCRIPTIONS,
    DemoLabel,
    generate,
    generate_labelled,
)
from parcelbench.aed.validate import validate_item
from parcelbench.domain.aed import AedItem
from parcelbench.domain.currencies import is_currency
from parcelbench.ids import parse
from parcelbench.ids.countries import is_country

N = 20_000
SEED = 7

ITEM_KEYS = {
    "item_id", "version", "sent_at", "mail_class", "category", "category_explanation",
    "gross_weight_kg", "total_value", "currency", "postal_charges", "invoice_no", "licence_nos",
    "certificate_nos", "comments", "sender", "addressee", "contents",
}  # fmt: skip
PARTY_KEYS = {
    "name", "business", "street", "city", "postcode", "state", "country", "phone", "email",
    "tax_id",
}  # fmt: skip
CONTENT_KEYS = {
    "description", "quantity", "net_weight_kg", "value", "currency", "hs_code", "origin_country",
}  # fmt: skip
SERVICE_INDICATORS = {"LX", "LY", "LZ", "UA", "UB", "RR", "RB", "CP", "CN", "EE", "EA", "HA"}
MONEY = re.compile(r"^\d+\.\d{2}$")
HS_CODE = re.compile(r"^\d{4}\.?\d{2}(\.?\d{2}|\.?\d{4})?$")
PRECURSOR = re.compile(
    r"4-ap\b|piperidone|anilinopiperidine|piperidin|anpp|\bnpp\b|cas \d+-\d\d-\d|"
    r"research chemical|white powder|xylazine|nitazene",
    re.IGNORECASE,
)
PILL_PRESS = re.compile(r"tablet press|pill press|punch|die set|mold|capsule filling", re.I)
BRANDS = re.compile(
    r"rolex|louis vuitton|gucci|nike|chanel|airpods|cartier|ray-ban|hermès|beats|canada goose|"
    r"moncler|dior|yeezy|pandora|oakley",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def labelled() -> list[tuple[dict[str, Any], DemoLabel]]:
    return list(generate_labelled(N, SEED))


@pytest.fixture(scope="module")
def firsts(labelled: list[tuple[dict[str, Any], DemoLabel]]) -> list[tuple[dict, DemoLabel]]:
    """Version 1 of every item (the v2 repeats would count twice)."""
    return [(item, label) for item, label in labelled if item["version"] == 1]


def ordinary(firsts: list[tuple[dict, DemoLabel]]) -> list[dict[str, Any]]:
    return [item for item, label in firsts if not label.suspicious]


def of_kind(firsts: list[tuple[dict, DemoLabel]], kind: str) -> list[dict[str, Any]]:
    return [item for item, label in firsts if kind in label.suspicious]


def grams(kg: float) -> int:
    return round(kg * 1000)


def missing_fields(item: dict[str, Any]) -> tuple[str, ...]:
    """Which of OPTIONAL_FIELDS an item lacks, judged from the item alone."""
    out = []
    for field in OPTIONAL_FIELDS:
        if field == "contents.hs_code":
            absent = any("hs_code" not in piece for piece in item["contents"])
        elif "." in field:
            role, key = field.split(".")
            absent = key not in item[role]
        else:
            absent = field not in item
        if absent:
            out.append(field)
    return tuple(sorted(out))


def street_key(street: str) -> str:
    """A rough normalisation (case, punctuation, unit) — enough to spot a shared address."""
    text = street.lower().replace(".", "").replace(",", " ")
    text = re.split(r"\s(?:apt|unit|ste|suite|pmb)\b|\s#", text)[0]
    return " ".join(text.split())


# --- determinism and the API ----------------------------------------------------------------


def test_same_seed_gives_identical_items_and_other_seeds_differ() -> None:
    first = list(generate(600, 3))
    assert first == list(generate(600, 3))
    other = list(generate(600, 4))
    assert first != other
    assert not {i["item_id"] for i in first} & {i["item_id"] for i in other}


def test_generate_yields_exactly_n_items_and_the_labelled_stream_has_the_same_ones() -> None:
    assert list(generate(0)) == []
    items = list(generate(1234, 5))
    assert len(items) == 1234
    pairs = list(generate_labelled(1234, 5))
    assert [item for item, _ in pairs] == items
    assert all(isinstance(label, DemoLabel) for _, label in pairs)


@pytest.mark.parametrize(
    "kwargs",
    [{"n": -1}, {"n": 5, "suspicious_rate": 1.5}, {"n": 5, "missing_rate": -0.1}],
)
def test_bad_arguments_are_refused_at_the_call(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        generate(**kwargs)
    with pytest.raises(ValueError):
        generate_labelled(**kwargs)


def test_times_follow_start_not_the_clock() -> None:
    def sent(items: list[dict[str, Any]]) -> list[datetime]:
        return [datetime.fromisoformat(i["sent_at"]) for i in items if "sent_at" in i]

    default = sent(list(generate(300, 1)))
    assert all(DEFAULT_START - timedelta(days=3) <= t <= DEFAULT_START + timedelta(hours=1)
               for t in default)  # fmt: skip
    assert all(t.tzinfo is not None for t in default)
    start = datetime(2030, 5, 17, 12, 0, tzinfo=UTC)
    later = sent(list(generate(300, 1, start=start)))
    assert [t - start for t in later] == [t - DEFAULT_START for t in default]
    naive = sent(list(generate(300, 1, start=start.replace(tzinfo=None))))
    assert naive == later
    assert DEMO_SEED == 2026


def test_generation_is_lazy_and_memory_does_not_grow_with_n() -> None:
    stream = generate(10**9, 9)  # nothing proportional to n happens up front
    assert next(stream)["item_id"]

    def peak(n: int) -> int:
        stream = generate(n, 2)
        next(stream)  # pools are built and cached before we measure
        tracemalloc.start()
        for _ in stream:
            pass
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    small, large = peak(500), peak(2_000)
    assert large < small + 256 * 1024


def test_items_are_fresh_dicts_the_caller_may_change() -> None:
    # mangle everything as it comes; the later v2 copies must still be complete
    seen = 0
    for item in generate(3_000, 12):
        if item["version"] == 2:
            seen += 1
            assert item["sender"]["name"] and item["contents"][0]["description"]
        item["sender"].clear()
        item["addressee"].clear()
        for piece in item["contents"]:
            piece.clear()
    assert seen > 5


# --- identifiers and versions ---------------------------------------------------------------


def test_item_ids_are_valid_s10_and_unique(labelled: list[tuple[dict, DemoLabel]]) -> None:
    keys = [(item["item_id"], item["version"]) for item, _ in labelled]
    assert len(set(keys)) == len(keys)
    for item, _ in labelled:
        parsed = parse(item["item_id"])
        assert parsed.kind == "s10" and parsed.valid, item["item_id"]
        assert parsed.normalized == item["item_id"]
        assert item["item_id"][:2] in SERVICE_INDICATORS
        assert item["item_id"][11:] == item["sender"]["country"]  # issued by the origin post
    used = Counter(item["item_id"][:2] for item, _ in labelled)
    assert set(used) == SERVICE_INDICATORS


def test_about_one_percent_come_again_later_as_version_2(
    labelled: list[tuple[dict, DemoLabel]],
) -> None:
    position = {}
    v2_count = 0
    for index, (item, label) in enumerate(labelled):
        if item["version"] == 1:
            position[item["item_id"]] = (index, item, label)
            continue
        assert item["version"] == 2
        v2_count += 1
        first_index, first, first_label = position[item["item_id"]]  # v1 came before
        assert first_index < index
        assert first_label == label
        changed = {k for k in item.keys() | first.keys() if item.get(k) != first.get(k)}
        assert changed - {"version", "comments"}, "v2 must change a field"
        assert item["comments"].startswith("Amended")
    assert 0.006 * N < v2_count < 0.014 * N


# --- shape and validity ---------------------------------------------------------------------


def test_items_have_exactly_the_interchange_shape(labelled: list[tuple[dict, DemoLabel]]) -> None:
    for item, _ in labelled:
        assert set(item) <= ITEM_KEYS
        assert isinstance(item["version"], int)
        assert item["mail_class"] in {"letter", "parcel", "ems", "other"}
        assert item["category"] in {
            "gift", "documents", "commercial_sample", "returned_goods", "sale_of_goods", "mixed",
            "other",
        }  # fmt: skip
        assert ("category_explanation" in item) == (item["category"] in {"other", "mixed"})
        assert MONEY.match(item["total_value"]) and MONEY.match(item["postal_charges"])
        assert is_currency(item["currency"])
        if "gross_weight_kg" in item:
            weight = item["gross_weight_kg"]
            assert isinstance(weight, float) and 0 < weight < 100
            assert weight == round(weight, 3)
        if "sent_at" in item:
            assert datetime.fromisoformat(item["sent_at"]).utcoffset() is not None
        for key in ("licence_nos", "certificate_nos"):
            assert key not in item or (item[key] and all(isinstance(x, str) for x in item[key]))
        for role in ("sender", "addressee"):
            party = item[role]
            assert set(party) <= PARTY_KEYS
            assert party["name"].strip() == party["name"] and party["name"]
            assert is_country(party["country"])
            assert all(isinstance(v, str) and v and v == v.strip() for v in party.values())
            if "email" in party:
                local, _, domain = party["email"].partition("@")
                assert local and "." in domain and local.isascii()
            if "phone" in party:
                assert sum(ch.isdigit() for ch in party["phone"]) >= 8
        assert item["addressee"]["country"] == "US"
        assert 1 <= len(item["contents"]) <= 4
        for piece in item["contents"]:
            assert set(piece) <= CONTENT_KEYS
            assert piece["description"] and isinstance(piece["quantity"], int)
            assert piece["quantity"] >= 1
            assert piece["net_weight_kg"] > 0 and piece["net_weight_kg"] == round(
                piece["net_weight_kg"], 3
            )
            assert MONEY.match(piece["value"]) and piece["currency"] == item["currency"]
            assert "hs_code" not in piece or HS_CODE.match(piece["hs_code"]), piece["hs_code"]
            assert is_country(piece["origin_country"])


def test_every_item_passes_the_importers_validation(
    labelled: list[tuple[dict, DemoLabel]],
) -> None:
    for line, (item, _) in enumerate(labelled[:6000], 1):
        result = validate_item(item, file="demo", line=line)
        assert isinstance(result, AedItem), result


def test_required_fields_are_never_missing(labelled: list[tuple[dict, DemoLabel]]) -> None:
    for item, _ in labelled:
        for key in ("item_id", "contents", "sender", "addressee"):
            assert item.get(key)
        for role in ("sender", "addressee"):
            assert item[role].get("name") and item[role].get("country")
        assert all(p.get("description") and p.get("quantity") for p in item["contents"])


# --- ordinary items are consistent ----------------------------------------------------------


def test_ordinary_items_add_up(firsts: list[tuple[dict, DemoLabel]]) -> None:
    for item in ordinary(firsts):
        values = sum(Decimal(piece["value"]) for piece in item["contents"])
        assert Decimal(item["total_value"]) == values > 0
        if "gross_weight_kg" in item:
            net = sum(grams(piece["net_weight_kg"]) for piece in item["contents"])
            assert net <= grams(item["gross_weight_kg"])
        if item["category"] == "gift":
            assert all(piece["quantity"] <= 2 for piece in item["contents"])
        for piece in item["contents"]:
            description = piece["description"]
            assert description not in VAGUE_DESCRIPTIONS
            assert not PRECURSOR.search(description) and not PILL_PRESS.search(description)
            assert not BRANDS.search(description)
        if item["mail_class"] == "letter":
            assert grams(item.get("gross_weight_kg", 0)) <= 2000


def test_realistic_mix_of_origins_and_addresses(firsts: list[tuple[dict, DemoLabel]]) -> None:
    origins = Counter(item["sender"]["country"] for item, _ in firsts)
    assert origins.most_common(1)[0][0] == "CN"
    assert {"HK", "GB", "DE", "IN", "JP", "KR", "TW", "VN", "TR", "CA", "MX"} <= set(origins)
    addressees = [item["addressee"] for item, _ in firsts]
    assert all(re.fullmatch(r"[A-Z]{2}", a["state"]) for a in addressees)
    zips = [a["postcode"] for a in addressees if "postcode" in a]
    assert all(re.fullmatch(r"\d{5}(-\d{4})?", z) for z in zips)
    streets = " ".join(a["street"] for a in addressees)
    for form in ("Apt ", "APT. ", "#", "Ste ", "Suite ", " St", " Street", " St.", " Ave"):
        assert form in streets, form
    hs_codes = [p["hs_code"] for item, _ in firsts for p in item["contents"] if "hs_code" in p]
    assert any("." in code for code in hs_codes) and any("." not in code for code in hs_codes)
    assert len({item["currency"] for item, _ in firsts}) > 5
    # ordinary addressees do not accidentally share an address
    places = Counter(
        (street_key(item["addressee"]["street"]), item["addressee"].get("postcode", "")[:5])
        for item in ordinary(firsts)
    )
    assert max(places.values()) <= 2


def test_names_exercise_unicode(firsts: list[tuple[dict, DemoLabel]]) -> None:
    names = [
        party.get(key, "")
        for item, _ in firsts
        for party in (item["sender"], item["addressee"])
        for key in ("name", "business")
    ]
    scripts = {
        "accented Latin": re.compile(r"[À-ɏ]"),
        "Chinese": re.compile(r"[\u4e00-\u9fff]"),
        "Japanese kana": re.compile(r"[\u3040-\u30ff]"),
        "Korean": re.compile(r"[\uac00-\ud7af]"),
        "Cyrillic": re.compile(r"[\u0400-\u04ff]"),
    }
    for script, pattern in scripts.items():
        assert sum(1 for name in names if pattern.search(name)) >= 3, script


# --- the risk indicators --------------------------------------------------------------------


def test_suspicious_share_is_close_to_the_rate(firsts: list[tuple[dict, DemoLabel]]) -> None:
    share = sum(1 for _, label in firsts if label.suspicious) / len(firsts)
    assert 0.034 < share < 0.046
    assert all(set(label.suspicious) <= set(SUSPICIOUS_KINDS) for _, label in firsts)


def test_suspicious_rate_controls_the_share() -> None:
    none = list(generate_labelled(3000, 4, suspicious_rate=0.0))
    assert not any(label.suspicious for _, label in none)
    for item, _ in none:
        assert all(not PRECURSOR.search(p["description"]) for p in item["contents"])
    many = [label for item, label in generate_labelled(3000, 4, suspicious_rate=0.3)
            if item["version"] == 1]  # fmt: skip
    assert 0.26 < sum(1 for label in many if label.suspicious) / len(many) < 0.34


@pytest.mark.parametrize("kind", SUSPICIOUS_KINDS)
def test_each_suspicious_kind_is_present(firsts: list[tuple[dict, DemoLabel]], kind: str) -> None:
    assert len(of_kind(firsts, kind)) >= 20


def test_suspicious_kinds_show_in_the_data(firsts: list[tuple[dict, DemoLabel]]) -> None:
    def descriptions(item: dict[str, Any]) -> list[str]:
        return [piece["description"] for piece in item["contents"]]

    for item in of_kind(firsts, "vague_description"):
        assert all(d in VAGUE_DESCRIPTIONS for d in descriptions(item))
    for item in of_kind(firsts, "precursor"):
        chemical = [p for p in item["contents"] if PRECURSOR.search(p["description"])]
        assert chemical and all(p["hs_code"].startswith("2933") for p in chemical if "hs_code" in p)
    for item in of_kind(firsts, "pill_press"):
        piece = item["contents"][0]
        assert PILL_PRESS.search(piece["description"])
        assert piece.get("hs_code", "8479").startswith("8479")
    for item in of_kind(firsts, "counterfeit"):
        piece = item["contents"][0]
        assert BRANDS.search(piece["description"])
        if item["currency"] == "USD":
            assert Decimal(piece["value"]) / piece["quantity"] <= 25
    for item in of_kind(firsts, "gift_commercial_quantity"):
        assert item["category"] == "gift" and item["contents"][0]["quantity"] >= 50
    for item in of_kind(firsts, "weight_mismatch"):
        net = sum(grams(p["net_weight_kg"]) for p in item["contents"])
        assert grams(item["gross_weight_kg"]) * 2 < net
    for item in of_kind(firsts, "zero_value"):
        assert item["total_value"] == "0.00"
        assert all(p["value"] == "0.00" for p in item["contents"])
    # the phrases a rule pack looks for all occur
    text = " ".join(d for item in of_kind(firsts, "precursor") for d in descriptions(item))
    for term in (
        "4-AP",
        "1-boc-4-piperidone",
        "CAS 79099-07-3",
        "N-phenethyl-4-piperidone",
        "research chemical",
        "white powder",
        "tert-butyl 4-oxopiperidine-1-carboxylate",
    ):
        assert term.lower() in text.lower(), term


def test_drop_addresses_receive_from_many_senders_in_many_spellings(
    firsts: list[tuple[dict, DemoLabel]],
) -> None:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in of_kind(firsts, "drop_address"):
        house = re.sub(r"\D", "", item["addressee"]["street"].split()[0])
        groups[f"{house} {item['addressee'].get('postcode', '?')[:5]}"].append(item)
    assert 5 <= len(groups) <= 15  # a small set of places
    busy = 0
    for items in groups.values():
        senders = {item["sender"]["name"] for item in items}
        spellings = {(i["addressee"]["name"], i["addressee"]["street"]) for i in items}
        if len(senders) >= 5 and len(spellings) >= 3:
            busy += 1
    assert busy >= 5
    # and they are far busier than any ordinary addressee
    ordinary_counts = Counter(
        (street_key(i["addressee"]["street"]), i["addressee"].get("postcode", "")[:5])
        for i in ordinary(firsts)
    )
    assert max(len(items) for items in groups.values()) > 2 * max(ordinary_counts.values())


def test_about_three_percent_lack_optional_fields(firsts: list[tuple[dict, DemoLabel]]) -> None:
    lacking = 0
    for item, label in firsts:
        assert missing_fields(item) == label.missing
        lacking += bool(label.missing)
    assert 0.022 < lacking / len(firsts) < 0.038
    kinds = Counter(field for _, label in firsts for field in label.missing)
    assert set(kinds) == set(OPTIONAL_FIELDS)


def test_missing_rate_zero_gives_complete_items() -> None:
    for item, label in generate_labelled(2000, 8, missing_rate=0.0):
        assert not label.missing and not missing_fields(item)
