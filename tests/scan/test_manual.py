"""Manual-entry feedback, keystroke by keystroke."""

from __future__ import annotations

from parcelbench.ids import parse
from parcelbench.scan.manual import check_entry


def test_feedback_while_typing_an_s10() -> None:
    states = [check_entry("RR473124829GB"[:n]).state for n in range(14)]
    assert states == ["empty"] + ["incomplete"] * 12 + ["valid"]
    assert check_entry("RR4731").message == "S10: 6 of 13 characters (AA 00000000 9 BB)"


def test_a_wrong_check_digit_says_which_digit_was_expected() -> None:
    feedback = check_entry("RB123456786US")
    assert feedback.state == "invalid" and not feedback.can_submit
    assert feedback.message == "Check digit is 6, expected 5"
    assert feedback.parsed == parse("RB123456786US")


def test_the_message_is_the_parsers_own() -> None:
    for text in ("JA473124829GB", "RR473124829UK", "9400111201080805483017"):
        feedback = check_entry(text)
        error = parse(text).error or ""
        assert feedback.state == "invalid"
        assert feedback.message.lower() == error.lower()


def test_spaced_lowercase_valid_and_impb() -> None:
    assert check_entry("rr 4731 2482 9 gb").can_submit
    assert check_entry("9400 1112 0108 0805 4830 16").can_submit
    assert check_entry("9400 1112 0108").state == "incomplete"
    assert check_entry("hello world").state == "invalid"
