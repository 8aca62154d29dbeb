"""The bench's flow of parcels, without a window: one on the card, the rest in line, each once."""

from __future__ import annotations

from parcelbench.domain.bench_flow import Arrival, BenchFlow, Place


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def arrive(flow: BenchFlow[str], item_id: str, source: str = "camera", ok: bool = True) -> Place:
    assert flow.arrival(item_id, source) is Arrival.LOOK_UP
    return flow.looked_up(item_id, f"view of {item_id}", decidable=ok)


def test_parcels_arriving_while_one_is_undecided_wait_in_order_and_come_up_one_by_one() -> None:
    flow: BenchFlow[str] = BenchFlow(clock=Clock())
    assert arrive(flow, "A") is Place.SHOWN
    assert arrive(flow, "B") is Place.QUEUED
    assert arrive(flow, "C") is Place.QUEUED
    assert flow.current == "A" and flow.waiting_ids == ["B", "C"]
    flow.decide()
    assert flow.busy  # the record has not landed: a new arrival still waits
    assert arrive(flow, "D") is Place.QUEUED
    assert flow.done() == "view of B" and flow.current == "B" and not flow.decided
    assert flow.skip() == "view of C"  # F9: B stays undecided, C comes up
    assert flow.waiting_ids == ["D"]


def test_the_same_parcel_is_not_a_new_arrival() -> None:
    clock = Clock()
    flow: BenchFlow[str] = BenchFlow(clock=clock, recent_s=60)
    arrive(flow, "A")
    assert flow.arrival("A", "camera") is Arrival.ON_SCREEN
    assert flow.arrival("B", "camera") is Arrival.LOOK_UP
    assert flow.arrival("B", "camera") is Arrival.WAITING  # still being looked up
    flow.looked_up("B", "view of B", decidable=True)
    assert flow.arrival("B", "wedge") is Arrival.WAITING
    flow.decide()
    flow.done()  # B comes up
    flow.decide()
    flow.done()
    clock.now += 5
    assert flow.arrival("A", "camera") is Arrival.JUST_DECIDED  # still lying under the camera
    assert flow.arrival("A", "wedge") is Arrival.LOOK_UP  # a deliberate scan always counts
    flow.looked_up("A", "view of A", decidable=True)
    flow.decide()
    flow.done()
    clock.now += 61
    assert flow.arrival("A", "camera") is Arrival.LOOK_UP  # put back later: a new arrival


def test_an_unreadable_code_never_replaces_an_undecided_parcel() -> None:
    flow: BenchFlow[str] = BenchFlow(clock=Clock())
    arrive(flow, "A")
    assert arrive(flow, "XX", ok=False) is Place.REFUSED
    assert flow.current == "A" and flow.waiting_ids == []
    flow.decide()
    flow.done()
    assert arrive(flow, "XX", source="wedge", ok=False) is Place.SHOWN  # nothing to decide
    assert flow.decided and not flow.busy
    assert arrive(flow, "B") is Place.SHOWN  # so the next parcel replaces it at once
    assert flow.forget() is False  # Esc does not throw away an undecided parcel


def test_a_failed_record_leaves_the_parcel_undecided_and_a_failed_look_up_can_be_retried() -> None:
    flow: BenchFlow[str] = BenchFlow(clock=Clock())
    arrive(flow, "A")
    flow.decide()
    flow.undo_decide()
    assert flow.current == "A" and not flow.decided and flow.busy  # undecided again
    assert flow.arrival("A", "camera") is Arrival.ON_SCREEN  # an undone decision is not recent
    assert flow.arrival("B", "wedge") is Arrival.LOOK_UP
    flow.lost()
    assert flow.arrival("B", "wedge") is Arrival.LOOK_UP


def test_another_officer_starts_with_an_empty_card_and_no_line() -> None:
    flow: BenchFlow[str] = BenchFlow(clock=Clock())
    arrive(flow, "A")
    arrive(flow, "B")
    flow.clear()
    assert flow.current is None and flow.waiting_ids == [] and not flow.busy
    assert arrive(flow, "B") is Place.SHOWN
