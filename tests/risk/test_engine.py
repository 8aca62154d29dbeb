"""The engine on small purpose-built packs: each condition kind fires where it should, stays
quiet where it should, and reports the field and the exact original text."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

import pytest

from parcelbench.domain.aed import AedItem
from parcelbench.domain.random_draw import draw_fraction, new_key
from parcelbench.domain.risk import Level, NetworkLink, Severity
from parcelbench.ids import s10
from parcelbench.risk.engine import RiskEngine
from parcelbench.risk.history import NO_HISTORY, WatchHit
from parcelbench.risk.pack import parse_pack
from tests.conftest import make_item
from tests.risk.conftest import to_item
from tests.risk.memory_history import MemoryHistory, WatchEntry

HEADER = """
[pack]
name = "unit"
version = "7"
random_exam_rate = 0.0
volume_window_days = 14
[pack.thresholds]
examine = 40
detain = 80
[pack.usd_per_unit]
CNY = 0.14
"""


def rule(rid: str, kind: str, body: str = "", *, severity: str = "medium", score: int = 40) -> str:
    return (
        f'\n[[rules]]\nid = "{rid}"\ntitle = "{rid} title"\nseverity = "{severity}"\n'
        f'score = {score}\nrationale = "Why {rid} matters."\nkind = "{kind}"\n{body}\n'
    )


def engine_with(*rules: str, header: str = HEADER) -> RiskEngine:
    return RiskEngine(parse_pack(tomllib.loads(header + "".join(rules)), "unit.toml"))


def contents(*pieces: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"quantity": 1, **p} for p in pieces]


def assess(engine: RiskEngine, data: dict[str, Any], **kw: Any) -> Any:
    item = to_item(data)
    return engine.assess(item.item_id, item, **kw)


def hits(assessment: Any) -> list[tuple[str, str, str]]:
    return [(f.rule, f.field, f.matched) for f in assessment.flags]


# -- keywords ----------------------------------------------------------------------------------

PRECURSOR = rule(
    "precursor",
    "keywords",
    'keywords = ["4-AP", "tert-butyl 4-(phenylamino)piperidine-1-carboxylate", "79099-07-3", '
    '"芬太尼", "research chemical"]',
    severity="critical",
    score=100,
)


def test_keyword_match_reports_field_and_the_original_text() -> None:
    engine = engine_with(PRECURSOR)
    data = make_item(
        contents=contents(
            {"description": "Phone case"},
            {"description": "Tert-Butyl 4-(PHENYLAMINO)piperidine-1-carboxylate, 99%"},
        )
    )
    a = assess(engine, data)
    assert hits(a) == [
        (
            "precursor",
            "contents[1].description",
            "Tert-Butyl 4-(PHENYLAMINO)piperidine-1-carboxylate",
        )
    ]
    (flag,) = a.flags
    assert flag.severity is Severity.CRITICAL
    assert flag.score == 100
    assert flag.title == "precursor title"
    assert flag.rationale == "Why precursor matters."


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("4-AP", "4-AP"),
        ("4 ap hydrochloride", "4 ap"),
        ("4AP", "4AP"),
        ("99% 4 - AP (2HCl)", "4 - AP"),
        ("CAS 79099-07-3", "79099-07-3"),
        ("芬太尼粉末", "芬太尼"),
        ("Research Chemicals for lab use", "Research Chemicals"),
    ],
)
def test_keywords_ignore_case_punctuation_and_spacing(text: str, matched: str) -> None:
    a = assess(engine_with(PRECURSOR), make_item(contents=contents({"description": text})))
    assert hits(a) == [("precursor", "contents[0].description", matched)]


@pytest.mark.parametrize("text", ["14-AP valve", "4-APX adapter", "stdp", "research chemist"])
def test_keywords_match_whole_words_only(text: str) -> None:
    a = assess(engine_with(PRECURSOR), make_item(contents=contents({"description": text})))
    assert a.flags == ()


def test_a_rule_counts_once_but_lists_every_hit() -> None:
    engine = engine_with(PRECURSOR)
    data = make_item(
        contents=contents({"description": "4-AP"}, {"description": "4-AP and 79099-07-3"}),
        comments="research chemical",
    )
    a = assess(engine, data)
    assert hits(a) == [
        ("precursor", "contents[0].description", "4-AP"),
        ("precursor", "contents[1].description", "4-AP"),
        ("precursor", "contents[1].description", "79099-07-3"),
        ("precursor", "comments", "research chemical"),
    ]
    assert [f.score for f in a.flags] == [100, 0, 0, 0]
    assert a.score == 100 == sum(f.score for f in a.flags)


PRESS = rule(
    "press",
    "keywords",
    'keywords = ["tablet press"]\nweak_keywords = ["die", "mold"]\n'
    'context = ["press", "punch", "tablet"]\nexclude = ["die cast", "cake"]',
    severity="critical",
    score=90,
)


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("Die-cast model car", None),
        ("Die set", None),
        ("Cake mold", None),
        ("Punch and die set", "die"),
        ("Tablet mold with logo", "mold"),
        ("TDP tablet press", "tablet press"),
        ("Cake tablet press", None),  # an exclusion vetoes the whole field
    ],
)
def test_weak_keywords_need_context_and_exclusions_veto(text: str, matched: str | None) -> None:
    a = assess(engine_with(PRESS), make_item(contents=contents({"description": text})))
    assert [f.matched for f in a.flags] == ([matched] if matched else [])


def test_keyword_rules_search_the_fields_they_name() -> None:
    engine = engine_with(
        rule(
            "maker",
            "keywords",
            'fields = ["sender.name", "sender.business"]\nkeywords = ["tablet press"]',
        )
    )
    quiet = make_item(contents=contents({"description": "tablet press"}))
    assert assess(engine, quiet).flags == ()
    sender = dict(make_item()["sender"], name="Shanghai Tianxiang Tablet Press Co., Ltd.")
    a = assess(engine, make_item(sender=sender))
    assert hits(a) == [("maker", "sender.name", "Tablet Press")]


def test_keyword_patterns_and_context_patterns_run_on_folded_text() -> None:
    engine = engine_with(
        rule(
            "chem",
            "keywords",
            r"patterns = ['\bcas\s+no\b']" + "\nweak_keywords = ['powder']\n"
            r"context_patterns = ['\w+piperid\w*']",
        )
    )
    cases = {
        "CAS-No. 1234": ["CAS-No"],
        "white powder of 4-phenylpiperidine": ["powder"],
        "Matcha powder": [],
    }
    for text, expected in cases.items():
        a = assess(engine, make_item(contents=contents({"description": text})))
        assert [f.matched for f in a.flags] == expected, text


# -- CAS numbers ---------------------------------------------------------------------------------


def test_cas_numbers_with_a_valid_check_digit_fire() -> None:
    engine = engine_with(rule("cas", "cas_number", 'ignore = ["7732-18-5"]', score=50))
    a = assess(engine, make_item(contents=contents({"description": "Reagent CAS 437-38-7, 1 g"})))
    assert hits(a) == [("cas", "contents[0].description", "437-38-7")]
    assert a.flags[0].rationale.endswith("(CAS 437-38-7)")
    for text in ("Part 437-38-8", "Distilled water 7732-18-5", "Size 38-40", "2026-11-20"):
        assert assess(engine, make_item(contents=contents({"description": text}))).flags == ()


# -- HS codes ----------------------------------------------------------------------------------


def test_hs_prefixes_fire_on_the_piece_and_respect_exclusions() -> None:
    engine = engine_with(
        rule("hs", "hs_prefix", 'prefixes = ["2933.3"]\nexclude_prefixes = ["2933.39"]')
    )
    data = make_item(
        contents=contents(
            {"description": "x", "hs_code": "2933.33"},
            {"description": "y", "hs_code": "2933.39.61"},
            {"description": "z"},
        )
    )
    assert hits(assess(engine, data)) == [("hs", "contents[0].hs_code", "293333")]


def test_hs_mismatch_compares_description_and_chapter() -> None:
    engine = engine_with(
        rule(
            "mismatch",
            "hs_mismatch",
            '[[rules.groups]]\nkeywords = ["t-shirt"]\nexclude = ["hanger"]\nhs_prefixes = ["61"]',
            score=15,
        )
    )
    wrong = make_item(contents=contents({"description": "Cotton T-shirt", "hs_code": "293339"}))
    a = assess(engine, wrong)
    assert hits(a) == [("mismatch", "contents[0].hs_code", "293339")]
    assert "“T-shirt”" in a.flags[0].rationale
    for desc, hs in (("Cotton T-shirt", "610910"), ("T-shirt hanger", "392690"), ("Mug", "691200")):
        data = make_item(contents=contents({"description": desc, "hs_code": hs}))
        assert assess(engine, data).flags == ()


# -- countries and categories ------------------------------------------------------------------


def test_country_rules_look_at_the_roles_they_name() -> None:
    engine = engine_with(
        rule("ofac", "country", 'roles = ["sender", "origin"]\ncountries = ["IR", "KP"]')
    )
    sender = dict(make_item()["sender"], country="IR")
    data = make_item(
        sender=sender,
        contents=contents({"description": "Saffron", "origin_country": "IR"}),
    )
    assert hits(assess(engine, data)) == [
        ("ofac", "sender.country", "IR"),
        ("ofac", "contents[0].origin_country", "IR"),
    ]
    assert assess(engine, make_item()).flags == ()


def test_gift_in_commercial_quantity() -> None:
    engine = engine_with(rule("gift", "category", 'categories = ["gift"]\nmin_quantity = 12'))
    data = make_item(
        category="gift", contents=contents({"description": "Phone case", "quantity": 50})
    )
    a = assess(engine, data)
    assert hits(a) == [("gift", "contents[0].quantity", "50")]
    assert "50 × “Phone case” declared as gift" in a.flags[0].rationale
    assert assess(engine, dict(data, category="sale_of_goods")).flags == ()
    few = make_item(category="gift", contents=contents({"description": "Mug", "quantity": 11}))
    assert assess(engine, few).flags == ()


def test_documents_too_heavy() -> None:
    engine = engine_with(
        rule("docs", "category", 'categories = ["documents"]\nmin_weight_kg = 2.0')
    )
    heavy = make_item(category="documents", gross_weight_kg=3.5)
    assert hits(assess(engine, heavy)) == [("docs", "gross_weight_kg", "3.5")]
    assert assess(engine, make_item(category="documents", gross_weight_kg=0.2)).flags == ()


# -- vague descriptions ------------------------------------------------------------------------

VAGUE = rule(
    "vague",
    "vague_description",
    'descriptions = ["gift", "parts", "spare parts", "things", "clothes"]\n'
    'filler = ["used", "my", "and", "for"]',
)


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Gift", True),
        ("GIFT!", True),
        ("2 x gift", True),
        ("Parts", True),
        ("Spare parts", True),
        ("Used things", True),
        ("Gift and clothes", True),
        ("-", True),
        ("LEGO set parts", False),
        ("Gift card", False),
        ("Parts for sewing machine", False),
        ("Baby clothes", False),
    ],
)
def test_vague_means_the_whole_description(text: str, vague: bool) -> None:
    a = assess(engine_with(VAGUE), make_item(contents=contents({"description": text})))
    assert hits(a) == ([("vague", "contents[0].description", text)] if vague else [])


# -- values ------------------------------------------------------------------------------------

BRANDS = rule(
    "brand",
    "value_per_piece",
    'exclude = ["case for"]\n'
    '[[rules.bands]]\nkeywords = ["rolex"]\nmin_usd = 300\n'
    '[[rules.bands]]\nkeywords = ["chanel"]\ncontext = ["lipstick"]\nmin_usd = 15\n'
    '[[rules.bands]]\nkeywords = ["chanel"]\nmin_usd = 100\n',
    severity="high",
    score=50,
)


def brand_item(desc: str, value: str | None, qty: int = 1, currency: str = "USD") -> dict:
    piece: dict[str, Any] = {"description": desc, "quantity": qty, "currency": currency}
    if value is not None:
        piece["value"] = value
    return make_item(contents=[piece], currency=currency, total_value="999.00")


@pytest.mark.parametrize(
    ("desc", "value", "qty", "currency", "fires"),
    [
        ("Rolex Submariner", "45.00", 1, "USD", True),
        ("Rolex Submariner", "4500.00", 1, "USD", False),
        ("Rolex Submariner", "3000.00", 20, "USD", True),  # 150 USD each
        ("Rolex Submariner", "3000.00", 1, "CNY", False),  # 3000 × 0.14 = 420 USD
        ("Rolex Submariner", "2000.00", 1, "CNY", True),  # 280 USD
        ("Rolex Submariner", "20.00", 1, "XAF", False),  # no rate known: no guess
        ("Case for Rolex", "5.00", 1, "USD", False),
        ("Chanel lipstick", "40.00", 1, "USD", False),
        ("Chanel lipstick", "5.00", 1, "USD", True),
        ("Chanel bag", "40.00", 1, "USD", True),
        ("Plain watch", "5.00", 1, "USD", False),
    ],
)
def test_value_per_piece_bands(desc: str, value: str, qty: int, currency: str, fires: bool) -> None:
    a = assess(engine_with(BRANDS), brand_item(desc, value, qty, currency))
    assert hits(a) == ([("brand", "contents[0].value", value)] if fires else [])


def test_value_per_piece_explains_the_price_and_uses_the_total_for_one_piece() -> None:
    engine = engine_with(BRANDS)
    data = make_item(
        contents=[{"description": "Rolex Datejust", "quantity": 1}], total_value="45.00"
    )
    (flag,) = assess(engine, data).flags
    assert (flag.field, flag.matched) == ("contents[0].value", "45.00")
    assert "“Rolex” declared at 45.00 USD for 1, about 45.00 USD each" in flag.rationale
    assert "plausible from 300 USD" in flag.rationale


def test_value_per_kg() -> None:
    engine = engine_with(
        rule(
            "per-kg",
            "value_per_kg",
            'min_weight_kg = 0.05\n[[rules.bands]]\nhs_prefixes = ["85"]\nmin_usd_per_kg = 3',
            score=20,
        )
    )
    cheap = make_item(
        contents=contents(
            {"description": "Speaker", "value": "2.00", "net_weight_kg": 2.0, "hs_code": "851822"}
        )
    )
    assert hits(assess(engine, cheap)) == [("per-kg", "contents[0].value", "2.00")]
    fair = make_item(
        contents=contents(
            {"description": "Speaker", "value": "20.00", "net_weight_kg": 2.0, "hs_code": "851822"}
        )
    )
    assert assess(engine, fair).flags == ()
    tiny = make_item(
        contents=contents(
            {"description": "Chip", "value": "0.01", "net_weight_kg": 0.01, "hs_code": "854231"}
        )
    )
    assert assess(engine, tiny).flags == ()


# -- weight and value consistency --------------------------------------------------------------

WEIGHT = rule(
    "weight", "weight_mismatch", "min_ratio = 0.9\nmax_ratio = 4.0\nmin_difference_kg = 1.0"
)


@pytest.mark.parametrize(
    ("gross", "fires"), [(1.25, False), (0.6, False), (0.3, True), (6.0, True), (2.2, False)]
)
def test_gross_weight_against_the_pieces(gross: float, fires: bool) -> None:
    # BASE_ITEM pieces weigh 0.1 + 0.5 = 0.6 kg
    a = assess(engine_with(WEIGHT), make_item(gross_weight_kg=gross))
    assert hits(a) == ([("weight", "gross_weight_kg", f"{gross:g}")] if fires else [])


def test_weight_check_needs_every_piece_weight() -> None:
    data = make_item(gross_weight_kg=0.01)
    del data["contents"][1]["net_weight_kg"]
    assert assess(engine_with(WEIGHT), data).flags == ()


def test_zero_value() -> None:
    engine = engine_with(rule("zero", "zero_value", 'exclude_categories = ["documents"]'))
    assert hits(assess(engine, make_item(total_value="0.00"))) == [("zero", "total_value", "0.00")]
    assert assess(engine, make_item(total_value="0.00", category="documents")).flags == ()
    assert assess(engine, make_item()).flags == ()
    data = make_item()
    del data["total_value"]
    for piece in data["contents"]:
        piece["value"] = "0"
    assert hits(assess(engine, data)) == [("zero", "contents[0].value", "0")]


# -- data quality ------------------------------------------------------------------------------

DATA_RULES = (
    rule("no-aed", "missing_aed", severity="high", score=60),
    rule("check-digit", "check_digit", score=40),
    rule(
        "no-hs",
        "missing_fields",
        'fields = ["contents.hs_code", "sender.street"]\ncategories = ["sale_of_goods"]',
        severity="low",
        score=10,
    ),
)


def test_missing_aed_produces_a_flag_and_an_examine() -> None:
    engine = engine_with(*DATA_RULES)
    a = engine.assess("RR473124829GB", None)
    assert a.aed is False
    assert hits(a) == [("no-aed", "item_id", "RR473124829GB")]
    assert (a.score, a.level) == (60, Level.EXAMINE)
    assert a.links == ()


def test_invalid_check_digit_produces_a_flag_with_and_without_aed() -> None:
    engine = engine_with(*DATA_RULES)
    a = engine.assess("RB123456786US", None, id_valid=False)
    assert hits(a) == [
        ("no-aed", "item_id", "RB123456786US"),
        ("check-digit", "item_id", "RB123456786US"),
    ]
    assert (a.score, a.level) == (100, Level.DETAIN)
    b = assess(engine, make_item(), id_valid=False)
    assert hits(b) == [("check-digit", "item_id", "RR473124829GB")]
    assert b.aed is True


def test_missing_fields_are_listed_one_by_one() -> None:
    engine = engine_with(*DATA_RULES)
    data = make_item()
    for piece in data["contents"]:
        del piece["hs_code"]
    del data["sender"]["street"]
    a = assess(engine, data)
    assert hits(a) == [
        ("no-hs", "contents[0].hs_code", ""),
        ("no-hs", "contents[1].hs_code", ""),
        ("no-hs", "sender.street", ""),
    ]
    assert [f.score for f in a.flags] == [10, 0, 0]
    assert assess(engine, dict(data, category="gift")).flags == ()


# -- history: watchlist, seizure links, volumes, known shippers ---------------------------------

HISTORY_RULES = (
    rule("watch", "watchlist", severity="high", score=70),
    rule("seized", "seizure_link", "min_similarity = 0.85", severity="high", score=60),
    rule("drop", "volume", 'role = "addressee"\nmin_count = 3', score=40),
    rule("fan-out", "volume", 'role = "sender"\nmin_count = 3\ndays = 7', severity="info", score=5),
    rule("known", "known_shipper", severity="info", score=-30),
)


def item_to(addressee: dict[str, str], sender_name: str, serial: int, day: int = 1) -> AedItem:
    slug = sender_name.lower().replace(" ", ".")
    sender = dict(
        make_item()["sender"],
        name=sender_name,
        email=f"{slug}@example.cn",
        street=f"{serial} Nanshan Rd",
    )
    del sender["phone"]
    data = make_item(
        item_id=s10.make("LX", f"{serial:08d}", "CN"),
        sender=sender,
        addressee=addressee,
        sent_at=f"2026-11-{day:02d}T10:00:00+08:00",
    )
    return to_item(data)


DROP = {
    "name": "Kevin Tran",
    "street": "4821 Bellaire Blvd Apt 4B",
    "city": "Houston",
    "state": "TX",
    "postcode": "77036",
    "country": "US",
    "phone": "(713) 284-0193",
}


def test_watchlisted_party() -> None:
    engine = engine_with(*HISTORY_RULES)
    history = MemoryHistory(
        watchlist=[WatchEntry("addressee", "phone", "713-284-0193", "HQ bulletin 2026-41")]
    )
    item = item_to(DROP, "Somebody", 1)
    a = engine.assess(item.item_id, item, history=history)
    assert hits(a) == [("watch", "addressee.phone", "(713) 284-0193")]
    assert "watchlist “713-284-0193”: HQ bulletin 2026-41" in a.flags[0].rationale
    assert a.level is Level.EXAMINE


def test_seizure_links_go_into_links_and_produce_a_flag() -> None:
    engine = engine_with(*HISTORY_RULES)
    seized = item_to(dict(DROP, name="K. Tran", street="4821 BELLAIRE BLVD #4B"), "X", 2)
    history = MemoryHistory(seizures=[("2027-4701-000123-01", seized)])
    item = item_to(DROP, "Other sender", 3)
    a = engine.assess(item.item_id, item, history=history)
    assert {(link.kind, link.seizure) for link in a.links} == {
        ("address", "2027-4701-000123-01"),
        ("phone", "2027-4701-000123-01"),
    }
    assert sorted((f.rule, f.field) for f in a.flags) == [
        ("seized", "addressee.phone"),
        ("seized", "addressee.street"),
    ]
    assert sum(f.score for f in a.flags) == a.score == 60
    street = next(f for f in a.flags if f.field == "addressee.street")
    assert street.matched == "4821 Bellaire Blvd Apt 4B, Houston, 77036"
    assert "seizure 2027-4701-000123-01" in street.rationale


@dataclass
class FixedLinks:
    """A RiskHistory that knows only some links (e.g. fuzzy ones from the store)."""

    links: list[NetworkLink] = field(default_factory=list)

    def seizure_links(self, item: AedItem) -> list[NetworkLink]:
        return list(self.links)

    def addressee_senders(self, item: AedItem, days: int, limit: int) -> int:
        return 0

    def sender_parcels(self, item: AedItem, days: int, limit: int) -> int:
        return 0

    def watchlist_hits(self, item: AedItem) -> list[WatchHit]:
        return []

    def facility_arrival(self, item_id: str) -> str | None:
        return None

    def aed_received(self, item_id: str) -> str | None:
        return None

    def known_shipper(self, item: AedItem) -> str | None:
        return None


def test_weak_seizure_links_are_kept_but_do_not_score() -> None:
    engine = engine_with(*HISTORY_RULES)
    weak = NetworkLink("sender name", "name", "2027-4701-000001-01", "RR000000014CN", 0.6)
    strong = NetworkLink("sender name", "name", "2027-4701-000002-01", "RR000000028CN", 0.9)
    item = to_item(make_item())
    a = engine.assess(item.item_id, item, history=FixedLinks([weak]))
    assert a.links == (weak,)
    assert a.flags == ()
    b = engine.assess(item.item_id, item, history=FixedLinks([weak, strong]))
    assert hits(b) == [("seized", "sender.name", "Shenzhen Huaxin Trading Co., Ltd.")]
    assert "similarity 0.90" in b.flags[0].rationale


def test_addressee_volume_counts_distinct_senders_in_the_window() -> None:
    engine = engine_with(*HISTORY_RULES)
    history = MemoryHistory()
    variants = ["4821 Bellaire Blvd.", "4821 BELLAIRE BOULEVARD", "4821 Bellaire Blvd"]
    for i, street in enumerate(variants):
        history.add_shipment(item_to(dict(DROP, street=street), f"Sender {i}", 10 + i))
    history.add_shipment(item_to(DROP, "Sender 0", 20))  # same sender again: not distinct
    item = item_to(DROP, "Sender 9", 30)
    a = engine.assess(item.item_id, item, history=history)
    assert hits(a) == [("drop", "addressee.street", "4821 Bellaire Blvd Apt 4B, Houston, 77036")]
    assert "3 distinct senders to this addressee in 14 days" in a.flags[0].rationale
    late = item_to(DROP, "Sender 9", 31, day=28)  # 27 days after the others
    assert engine.assess(late.item_id, late, history=history).flags == ()


def test_sender_volume() -> None:
    engine = engine_with(*HISTORY_RULES)
    history = MemoryHistory()
    for i in range(3):
        addressee = dict(DROP, name=f"Person {i}", phone=f"212555010{i}", street=f"{i + 1} Main St")
        history.add_shipment(item_to(addressee, "Busy Sender", 40 + i))
    item = item_to(DROP, "Busy Sender", 50)
    a = engine.assess(item.item_id, item, history=history)
    assert hits(a) == [("fan-out", "sender.name", "Busy Sender")]


CRITICAL = rule("fentanyl", "keywords", 'keywords = ["fentanyl"]', severity="critical", score=10)


def test_a_critical_hit_holds_whatever_the_score() -> None:
    engine = engine_with(CRITICAL)
    a = assess(engine, make_item(contents=contents({"description": "fentanyl"})))
    assert (a.score, a.level) == (10, Level.DETAIN)


def test_known_shipper_lowers_the_score_never_below_zero() -> None:
    engine = engine_with(*HISTORY_RULES, VAGUE)
    history = MemoryHistory(known_shippers=["Shenzhen Huaxin Trading Co Ltd"])
    item = to_item(make_item())
    a = engine.assess(item.item_id, item, history=history)
    assert hits(a) == [("known", "sender.name", "Shenzhen Huaxin Trading Co., Ltd.")]
    assert a.flags[0].score == -30
    assert (a.score, a.level) == (0, Level.CLEAR)
    vague = to_item(make_item(contents=contents({"description": "Gift"})))
    b = engine.assess(vague.item_id, vague, history=history)
    assert (b.score, b.level) == (10, Level.CLEAR)  # 40 - 30
    assert engine.assess(vague.item_id, vague).level is Level.EXAMINE


def test_known_shipper_with_a_critical_indicator_is_still_examined() -> None:
    engine = engine_with(*HISTORY_RULES, CRITICAL)
    history = MemoryHistory(known_shippers=["Shenzhen Huaxin Trading Co., Ltd."])
    item = to_item(make_item(contents=contents({"description": "fentanyl"})))
    a = engine.assess(item.item_id, item, history=history)
    assert [f.rule for f in a.flags] == ["fentanyl", "known"]
    assert (a.score, a.level) == (0, Level.EXAMINE)
    assert engine.assess(item.item_id, item).level is Level.DETAIN


# -- levels, order, determinism ----------------------------------------------------------------


def test_levels_follow_the_thresholds() -> None:
    engine = engine_with(
        rule("a", "keywords", 'keywords = ["alpha"]', score=39),
        rule("b", "keywords", 'keywords = ["beta"]', score=1),
        rule("c", "keywords", 'keywords = ["gamma"]', score=40),
    )
    cases = {"alpha": (39, "clear"), "alpha beta": (40, "examine"), "alpha gamma": (79, "examine"),
             "alpha beta gamma": (80, "detain")}  # fmt: skip
    for text, (score, level) in cases.items():
        a = assess(engine, make_item(contents=contents({"description": text})))
        assert (a.score, str(a.level)) == (score, level), text


def test_flags_are_ordered_by_severity_then_pack_order() -> None:
    engine = engine_with(
        rule("low-one", "keywords", 'keywords = ["gift"]', severity="low", score=5),
        rule("high-one", "keywords", 'keywords = ["rolex"]', severity="high", score=50),
        rule("crit-one", "keywords", 'keywords = ["fentanyl"]', severity="critical", score=100),
        rule("high-two", "keywords", 'keywords = ["cheap"]', severity="high", score=10),
    )
    data = make_item(contents=contents({"description": "gift: cheap rolex with fentanyl"}))
    a = assess(engine, data)
    assert [f.rule for f in a.flags] == ["crit-one", "high-one", "high-two", "low-one"]


def test_the_same_input_gives_the_same_output() -> None:
    engine = engine_with(PRECURSOR, PRESS, VAGUE, BRANDS, WEIGHT, *DATA_RULES, *HISTORY_RULES)
    data = make_item(
        contents=contents(
            {"description": "Gift"}, {"description": "4-AP"}, {"description": "Tablet mold"}
        ),
        gross_weight_kg=0.01,
    )
    first = assess(engine, data)
    again = assess(engine_with(PRECURSOR, PRESS, VAGUE, BRANDS, WEIGHT, *DATA_RULES,
                               *HISTORY_RULES), data)  # fmt: skip
    assert first == again
    assert first.to_json() == again.to_json()
    assert first.rulepack == "unit@7"
    assert engine.rulepack == "unit@7"


def test_no_history_is_the_default() -> None:
    engine = engine_with(*HISTORY_RULES)
    item = to_item(make_item())
    assert engine.assess(item.item_id, item) == engine.assess(
        item.item_id, item, history=NO_HISTORY
    )


# -- random exams ------------------------------------------------------------------------------


def random_engine(rate: float) -> RiskEngine:
    header = HEADER.replace("random_exam_rate = 0.0", f"random_exam_rate = {rate}")
    return engine_with(VAGUE, header=header)


def ids(n: int) -> list[str]:
    return [s10.make("LX", f"{i * 7919 % 10**8:08d}", "CN") for i in range(n)]


def test_random_exam_rate_over_50k_draws() -> None:
    engine = random_engine(0.02)
    key = new_key()
    at = "2026-12-03T10:00:00.000Z"
    picked = sum(engine.random_pick(draw_fraction(key, i, at)) for i in ids(50_000))
    rate = picked / 50_000
    assert abs(rate - 0.02) < 0.0025, rate  # ±4 standard deviations


def test_the_pack_alone_does_not_say_which_parcels_are_picked() -> None:
    """Two benches with the same pack pick different parcels: the pick comes from each bench's
    own key, so nobody holding the pack can list the ids that are never examined."""
    sample, at = ids(2000), "2026-12-03T10:00:00.000Z"
    engine = random_engine(0.1)
    one, two = new_key(), new_key()
    first = [engine.random_pick(draw_fraction(one, i, at)) for i in sample]
    assert first == [engine.random_pick(draw_fraction(one, i, at)) for i in sample]  # auditable
    assert first != [engine.random_pick(draw_fraction(two, i, at)) for i in sample]
    assert not any(engine.random_pick(None) for _ in range(10))  # no draw, no pick
    assert not any(random_engine(0.0).random_pick(draw_fraction(one, i, at)) for i in sample)
    assert all(random_engine(1.0).random_pick(draw_fraction(one, i, at)) for i in sample)


def test_random_exams_are_only_for_clear_parcels() -> None:
    engine = random_engine(1.0)
    clear = assess(engine, make_item(), random_draw=0.5)
    assert (clear.level, clear.random_exam) == (Level.CLEAR, True)
    vague = assess(engine, make_item(contents=contents({"description": "Gift"})), random_draw=0.5)
    assert (vague.level, vague.random_exam) == (Level.EXAMINE, False)
    assert assess(random_engine(0.0), make_item(), random_draw=0.5).random_exam is False
    assert assess(engine, make_item()).random_exam is False  # no draw given
