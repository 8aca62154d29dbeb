"""Scan logic on real decoded codes (``Code`` records with the real id parser)."""

from __future__ import annotations

from parcelbench.ids import parse
from parcelbench.scan.logic import ScanLogic, ScanPolicy
from parcelbench.scan.pipeline import Code

RR = "RR473124829GB"
EE = "EE471108151FR"
IMPB = "9400111201080805483016"
BAD = "RB123456786US"  # check digit should be 5
QR = "https://track.parcelbench.test/RR473124829GB"


def code(text: str, symbology: str = "code128") -> Code:
    return Code(text, symbology, ((0, 0), (1, 0), (1, 1), (0, 1)), parse(text), "zxing", "strip")


def test_a_valid_id_is_one_event_while_it_stays_in_view() -> None:
    logic = ScanLogic()
    events = [logic.feed([code(RR)], "camera:0", now=t / 30) for t in range(300)]  # 10 s
    fired = [e for e in events if e is not None]
    assert len(fired) == 1
    event = fired[0]
    assert (event.item_id, event.raw, event.symbology, event.source) == (
        RR,
        RR,
        "code128",
        "camera:0",
    )
    assert event.at.tzinfo is not None
    assert events[0] is fired[0], "a valid check digit confirms at once"


def test_the_same_parcel_after_the_window_is_a_new_event() -> None:
    logic = ScanLogic(ScanPolicy(duplicate_window_s=2.0))
    assert logic.feed([code(RR)], "cam", now=0.0) is not None
    assert logic.feed([], "cam", now=1.0) is None
    assert logic.feed([code(RR)], "cam", now=1.5) is None  # still within 2 s of the last sighting
    assert logic.feed([code(RR)], "cam", now=4.0) is not None
    assert logic.feed([code(EE)], "cam", now=4.1) is not None  # another parcel: at once


def test_prefers_the_parcel_id_over_other_codes_on_the_label() -> None:
    logic = ScanLogic()
    event = logic.feed([code(QR, "qr"), code("REF-ABC-1234567"), code(RR)], "cam", now=0.0)
    assert event is not None and event.item_id == RR
    # The label's other codes are not reported while its parcel id is current.
    assert logic.feed([code(QR, "qr")], "cam", now=0.1) is None
    assert logic.feed([code(QR, "qr")], "cam", now=0.2) is None


def test_s10_wins_over_impb_on_one_label() -> None:
    event = ScanLogic().feed([code(IMPB), code(RR)], "cam", now=0.0)
    assert event is not None and event.item_id == RR


def test_two_different_parcels_in_view_give_no_event() -> None:
    logic = ScanLogic()
    assert logic.feed([code(RR), code(EE)], "cam", now=0.0) is None
    assert logic.ambiguous == (EE, RR)
    event = logic.feed([code(EE)], "cam", now=0.1)
    assert event is not None and event.item_id == EE


def test_a_bad_check_digit_needs_two_frames_and_is_never_a_parcel() -> None:
    logic = ScanLogic()
    assert logic.feed([code(BAD)], "cam", now=0.0) is None
    event = logic.feed([code(BAD)], "cam", now=0.03)
    assert event is not None
    assert event.item_id is None
    assert event.raw == BAD
    assert "check digit is 6, expected 5" in event.message


def test_unconfirmed_reads_expire() -> None:
    logic = ScanLogic(ScanPolicy(confirm_within_s=0.5))
    assert logic.feed([code(BAD)], "cam", now=0.0) is None
    assert logic.feed([code(BAD)], "cam", now=2.0) is None  # too far apart to agree
    assert logic.feed([code(BAD)], "cam", now=2.1) is not None


def test_two_frames_can_be_required_for_valid_ids_too() -> None:
    logic = ScanLogic(ScanPolicy(valid_frames=2))
    assert logic.feed([code(RR)], "cam", now=0.0) is None
    event = logic.feed([code(RR)], "cam", now=0.04)
    assert event is not None and event.item_id == RR


def test_other_codes_can_be_left_unreported() -> None:
    logic = ScanLogic(ScanPolicy(report_other_codes=False))
    assert all(logic.feed([code(QR, "qr")], "cam", now=t / 10) is None for t in range(10))


def test_typed_scans_are_deduplicated_but_need_no_second_read() -> None:
    logic = ScanLogic(ScanPolicy(duplicate_window_s=3.0))
    first = logic.typed("rr 4731 2482 9 gb", "wedge", now=0.0)
    assert first is not None and first.item_id == RR and first.raw == "rr 4731 2482 9 gb"
    assert logic.typed(RR, "wedge", now=1.0) is None
    bad = logic.typed(BAD, "wedge", now=1.5)
    assert bad is not None and bad.item_id is None
