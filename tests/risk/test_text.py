"""Folding and term matching: offsets in folded text are offsets in the original."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parcelbench.risk.text import TermSet, cas_check_digit_ok, find_cas_numbers, fold, tokens


@given(st.text())
def test_fold_keeps_the_length_so_spans_index_the_original(text: str) -> None:
    assert len(fold(text)) == len(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_a_term_is_found_whatever_surrounds_it(noise: str) -> None:
    terms = TermSet.compile(["n-phenethyl-4-piperidone"])
    text = f"{noise} N-Phenethyl-4-Piperidone, {noise}"
    spans = list(terms.spans(fold(text)))
    assert [text[s:e] for s, e in spans][-1:] == ["N-Phenethyl-4-Piperidone"]


def test_fold_strips_accents_case_and_punctuation() -> None:
    assert fold("Hermès BIRKIN-30!") == "hermes birkin 30 "
    assert tokens("tert-Butyl 4-(phenylamino)piperidine") == [
        "tert",
        "butyl",
        "4",
        "phenylamino",
        "piperidine",
    ]
    assert fold("Ｆｅｎｔａｎｙｌ") == "fentanyl"  # full-width letters


def test_terms_match_plurals_and_ignore_spacing() -> None:
    terms = TermSet.compile(["pill press", "die"])
    assert [m for m in terms.spans(fold("Pill-presses and dies"))] == [(0, 12), (17, 21)]
    assert terms.search(fold("PILLPRESS")) == (0, 9)
    assert terms.search(fold("diesel")) is None
    assert not TermSet.compile([])
    assert TermSet.compile(["--"]).pattern is None


def test_cas_check_digit() -> None:
    for number in ("79099-07-3", "437-38-7", "39742-60-4", "21409-26-7", "7732-18-5"):
        assert cas_check_digit_ok(number.replace("-", "")), number
    assert not cas_check_digit_ok("7909907" + "4")
    text = "CAS 79099-07-3; lot 79099-07-4; no. 125541-22-2"
    assert [n for _, _, n in find_cas_numbers(text)] == ["79099-07-3", "125541-22-2"]
    assert list(find_cas_numbers("2026-11-20")) == []
