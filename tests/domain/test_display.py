"""Outside text as displayed: direction controls visible, right-to-left text isolated."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parcelbench.domain.display import BIDI_CONTROLS, has_bidi_controls, shown


def test_ascii_text_is_shown_unchanged() -> None:
    assert shown("José Núñez, 41-12 Main St") == "José Núñez, 41-12 Main St"
    assert shown("<b>bold</b>") == "<b>bold</b>"  # escaping is the label's business
    assert shown(None) == shown("") == ""


def test_an_override_becomes_a_visible_marker() -> None:
    assert shown("John \u202eyelsnarB") == "John [RLO]yelsnarB"
    assert shown("a\u200eb\u061cc") == "a[LRM]b[ALM]c"
    assert has_bidi_controls("x\u2067y") and not has_bidi_controls("plain")


def test_right_to_left_text_is_isolated_from_its_neighbours() -> None:
    assert shown("محمد علي 12") == "\u2068محمد علي 12\u2069"


@given(st.text())
def test_no_direction_control_of_the_sender_survives(text: str) -> None:
    out = shown(text)
    inner = out[1:-1] if out.startswith("\u2068") and out.endswith("\u2069") else out
    assert not any(ch in BIDI_CONTROLS for ch in inner)
