"""Disguised words: invisible characters and look-alike letters must not turn DETAIN into CLEAR.

Each evasion here was a real CLEAR before matching ran on normalised text; the flag must still
quote what the sender wrote, and the disguise itself is an indicator (`deceptive-text`).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcelbench.domain.risk import Assessment, Level
from parcelbench.risk.confusables import mixed_script_words
from parcelbench.risk.engine import RiskEngine
from parcelbench.risk.text import TermSet, match_text
from tests.risk.conftest import to_item
from tests.risk.labelled import one

DISGUISED_FENTANYL = {
    "zero-width space": "fen\u200btanyl citrate",
    "soft hyphen": "fen\u00adtanyl citrate",
    "Cyrillic e": "f\u0435ntanyl citrate",
    "Greek omicron and Cyrillic a": "f\u0435ntanyl citr\u0430te p\u03bfwder",
    "zero-width joiner and BOM": "fe\u200dnta\ufeffnyl",
    "word joiner": "fent\u2060anyl",
    "right-to-left mark inside": "fent\u200fanyl",
    "full-width": "\uff26\uff25\uff2e\uff34\uff21\uff2e\uff39\uff2c",
    "mathematical bold": "".join(chr(0x1D41A + ord(c) - ord("a")) for c in "fentanyl"),
    "combining accent": "fe\u0301ntanyl",
    "all-Cyrillic look-alikes in capitals": "F\u0415NT\u0410NYL",
}


def _assess(engine: RiskEngine, data: dict[str, Any]) -> Assessment:
    item = to_item(data)
    return engine.assess(item.item_id, item)


@pytest.mark.parametrize("description", DISGUISED_FENTANYL.values(), ids=DISGUISED_FENTANYL)
def test_a_disguised_fentanyl_is_held_and_the_flag_quotes_the_original(
    engine: RiskEngine, description: str
) -> None:
    a = _assess(engine, one(description, 30, 0.05, "3926.90"))
    assert a.level is Level.DETAIN
    (flag,) = [f for f in a.flags if f.rule == "fentanyl"]
    assert flag.matched in description  # the sender's text, not the skeleton
    assert flag.matched.startswith(description[0])


def test_a_look_alike_letter_in_a_party_name_is_reported(engine: RiskEngine) -> None:
    data = one("industrial salt", 30, 0.5, "2501.00")
    data["sender"] = dict(data["sender"], business="Hubei \u0410NPP Chemical")  # Cyrillic A
    (flag,) = [f for f in _assess(engine, data).flags if f.rule == "deceptive-text"]
    assert (flag.field, flag.matched) == ("sender.business", "\u0410NPP")
    assert "reads as “anpp”" in flag.rationale


def test_match_text_maps_every_match_back_to_the_original() -> None:
    text = "2 x fen\u200btanyl  \ufb01bre, f\u0435ntanyl!"
    m = match_text(text)
    assert m.folded == "2 x fentanyl  fibre  fentanyl "
    terms = TermSet.compile(["fentanyl", "fibre"])
    assert [m.excerpt(s, e) for s, e in terms.spans(m.folded)] == [
        "fen\u200btanyl",
        "\ufb01bre",
        "f\u0435ntanyl",
    ]
    assert match_text("plain ASCII").starts is None  # the common case builds no map


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_a_term_is_found_through_any_noise_and_quoted_as_written(noise: str) -> None:
    terms = TermSet.compile(["fentanyl"])
    written = "fen\u00adta\u200bnyl"
    text = f"{noise} {written} {noise}"
    m = match_text(text)
    assert m.starts is None or len(m.starts) == len(m.folded)
    assert [m.excerpt(s, e) for s, e in terms.spans(m.folded)][-1:] == [written]


def test_mixed_scripts_inside_one_word_are_reported_not_units_or_cjk() -> None:
    assert list(mixed_script_words("f\u0435ntanyl citrate")) == [
        ("f\u0435ntanyl", ("CYRILLIC", "LATIN"))
    ]
    assert list(mixed_script_words("f\u0435n\u200btanyl")) == [
        ("f\u0435n\u200btanyl", ("CYRILLIC", "LATIN"))
    ]
    for innocent in ("100\u00b5F capacitor", "10k\u2126 resistor", "iPhone手机壳", "Москва Mall"):
        assert list(mixed_script_words(innocent)) == [], innocent


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("description", "f\u0435ntanyl citrate", "Cyrillic and Latin"),
        ("addressee.name", "John \u202eyelsnarB", "right-to-left override (U+202E)"),
        ("sender.street", "12 Main St \u2066Unit 4\u2069", "left-to-right isolate (U+2066)"),
    ],
)
def test_disguises_are_an_indicator_with_a_reason_an_officer_reads(
    engine: RiskEngine, field: str, value: str, said: str
) -> None:
    data = one("cotton t-shirt", 12, 0.2, "6109.10")
    if field == "description":
        data["contents"][0]["description"] = value
    else:
        role, name = field.split(".")
        data[role] = dict(data[role], **{name: value})
    a = _assess(engine, data)
    (flag,) = [f for f in a.flags if f.rule == "deceptive-text"]
    assert said in flag.rationale
    assert flag.matched in value or value.strip() == flag.matched
    assert a.level is not Level.CLEAR


@pytest.mark.parametrize(
    "text",
    [
        "Müller GmbH, Straße 5",
        "Иван Петров, Москва",
        "محمد علي",
        "東京都港区",
        "100\u00b5F capacitor",
    ],
)
def test_ordinary_foreign_text_is_not_deceptive(engine: RiskEngine, text: str) -> None:
    data = one("cotton t-shirt", 12, 0.2, "6109.10")
    data["addressee"] = dict(data["addressee"], name=text)
    assert "deceptive-text" not in {f.rule for f in _assess(engine, data).flags}
