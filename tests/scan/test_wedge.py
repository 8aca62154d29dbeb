"""The burst detector on recorded key timings: scanners vs people."""

from __future__ import annotations

from parcelbench.scan.wedge import GS, Action, BurstDetector, WedgeConfig, bursts

RR = "RR473124829GB"


def keys(text: str, start: float, gap: float) -> list[tuple[str, float]]:
    return [(ch, start + i * gap) for i, ch in enumerate(text)]


def test_a_fast_burst_ending_in_enter_is_one_scan() -> None:
    assert bursts(keys(RR + "\r", 0, 4)) == [RR]


def test_tab_also_ends_a_scan() -> None:
    assert bursts(keys(RR + "\t", 0, 2)) == [RR]


def test_typing_is_never_a_scan_even_when_quick() -> None:
    assert bursts(keys(RR + "\r", 0, 70)) == []
    # A fast typist's roll of a few keys, then Enter: too short to be a scan.
    assert bursts(keys("abc\r", 0, 15)) == []


def test_typing_is_handed_back_in_order() -> None:
    detector = BurstDetector()
    released: list[int] = []
    tokens = []
    for i, ch in enumerate("hello"):
        token, decision = detector.key(ch, i * 120.0)
        tokens.append(token)
        released.extend(decision.release)
    released.extend(detector.timeout(10_000))
    assert released == tokens


def test_a_pause_inside_a_burst_breaks_it() -> None:
    # Neither part is a scan: each is judged alone, and the tail is shorter than a code.
    seq = keys("RR473124", 0, 3) + keys("829GB\r", 200, 3)
    assert bursts(seq) == []


def test_two_scans_in_a_row() -> None:
    seq = keys(RR + "\r", 0, 3) + keys("EE471108151FR\r", 500, 3)
    assert bursts(seq) == [RR, "EE471108151FR"]


def test_gs_is_kept_for_the_id_parser() -> None:
    payload = "420100233424" + GS + "9200190132607600833457"
    assert bursts(keys(payload + "\r", 0, 2)) == [payload]
    alias = WedgeConfig(gs_aliases=("<GS>",))
    assert bursts(keys("420100233424<GS>9200190132607600833457\r", 0, 2), alias) == [payload]


def test_prefix_and_suffix_are_required_and_stripped() -> None:
    config = WedgeConfig(prefix="]C0", suffix="#")
    assert bursts(keys(f"]C0{RR}#\r", 0, 2), config) == [RR]
    assert bursts(keys(f"{RR}\r", 0, 2), config) == []


def test_enter_without_a_burst_passes() -> None:
    detector = BurstDetector()
    _, decision = detector.key("\r", 0.0)
    assert decision.action is Action.PASS
    _, decision = detector.key("", 10.0)  # F-keys, arrows: never part of a scan
    assert decision.action is Action.PASS
