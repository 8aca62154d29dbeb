"""Fuzz the identifier parsers: any text gives a `ParsedId`, never an exception.

`parse`, `parse_s10` and `parse_usps` promise to classify every string ("never raises"); the
public sample vectors (shared/samples) keep their verdict however a scanner decorates them.
"""

from __future__ import annotations

import json
import string
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcelbench.ids import ParsedId, parse, parse_s10, parse_usps, untrusted_id_message
from parcelbench.ids.scan import GS
from parcelbench.scan.decoders import _text as decoded_text
from tests.conftest import SHARED
from tests.fuzz.common import fuzz, mutated, no_hang

SAMPLES = SHARED / "samples"
KINDS = {"s10", "impb", "usps20", "unknown"}


def _vectors(name: str) -> dict[str, list[str]]:
    path = SAMPLES / name
    if not path.is_file():
        return {"valid": [], "invalid": []}
    out: dict[str, list[str]] = {"valid": [], "invalid": []}
    for entry in json.loads(path.read_text(encoding="utf-8"))["tracking_numbers"]:
        for validity in out:
            out[validity].extend(entry["test_numbers"][validity])
    return out


S10 = _vectors("jkeen_tracking_number_data_s10.json")
USPS = _vectors("jkeen_tracking_number_data_usps.json")
VALID = S10["valid"] + USPS["valid"]
ALL = VALID + S10["invalid"] + USPS["invalid"]
needs_samples = pytest.mark.skipif(not VALID, reason=f"no sample vectors in {SAMPLES}")

#: Text a scanner or a keyboard may deliver: mostly the id alphabet, plus the awkward rest.
scanner_text = st.text(
    st.sampled_from(string.ascii_letters + string.digits + " ]" + GS + "\t\n-")
    | st.characters(codec="utf-8"),
    max_size=60,
)


def _check(result: Any, raw: str) -> ParsedId:
    """What every parse result promises, valid or not."""
    assert isinstance(result, ParsedId)
    assert result.kind in KINDS
    assert result.raw == raw
    assert isinstance(result.normalized, str)
    assert result.valid is (result.error is None)
    if result.valid:
        assert result.kind != "unknown"
        assert result.normalized.isascii() and result.normalized.isalnum()
    json.dumps(result.to_json())  # the CLI prints it
    assert isinstance(result.display(), str)
    if not result.valid:
        assert untrusted_id_message(result)
    return result


@fuzz(scale=3)
@given(st.text(max_size=200) | scanner_text)
def test_any_text_parses_without_raising(raw: str) -> None:
    with no_hang(2):
        parsed = _check(parse(raw), raw)
        _check(parse_s10(raw), raw)
        _check(parse_usps(raw), raw)
    assert parse(raw) == parsed  # pure: same text, same answer


@fuzz(scale=3)
@given(st.binary(max_size=200))
def test_any_barcode_bytes_parse_without_raising(data: bytes) -> None:
    raw = decoded_text(data)  # as the camera decoders turn bytes into text
    with no_hang(2):
        _check(parse(raw), raw)


@needs_samples
@fuzz(scale=3)
@given(st.sampled_from(ALL or ["x"]).flatmap(lambda v: mutated(v.encode(), max_edits=4)))
def test_mutated_sample_vectors_parse_without_raising(data: bytes) -> None:
    raw = data.decode("utf-8", "replace")
    with no_hang(2):
        _check(parse(raw), raw)


@st.composite
def decorated(draw: st.DrawFn, number: str) -> str:
    """`number` as scanners and officers send it: spaces, lower case, ]C1, padding."""
    text = number
    if draw(st.booleans()):
        step = draw(st.integers(1, 6))
        text = " ".join(text[i : i + step] for i in range(0, len(text), step))
    if text[:2].isalpha() and draw(st.booleans()):
        text = text.lower()
    if draw(st.booleans()):
        text = draw(st.sampled_from(("]C1", "]C0", "]Q1", "]d2"))) + text
    pad = draw(st.sampled_from(("", " ", "\t", "\r\n", "  ")))
    return pad + text + pad


@needs_samples
@fuzz()
@given(st.sampled_from(VALID or ["x"]).flatmap(lambda v: st.tuples(st.just(v), decorated(v))))
def test_valid_sample_vectors_stay_valid_however_decorated(case: tuple[str, str]) -> None:
    number, raw = case
    plain = parse(number)
    assert plain.valid, number
    parsed = _check(parse(raw), raw)
    assert (parsed.kind, parsed.valid, parsed.normalized) == (
        plain.kind,
        True,
        plain.normalized,
    )


@needs_samples
def test_the_invalid_sample_vectors_are_invalid() -> None:
    for number in S10["invalid"] + USPS["invalid"]:
        assert not parse(number).valid, number
