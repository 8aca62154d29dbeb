"""The random-exam draw at the bench: secret, made once per parcel at its first scan, recorded
with the inspection, and checkable by whoever is given the bench's key."""

from __future__ import annotations

from parcelbench.domain.random_draw import Draw
from parcelbench.domain.records import Outcome, Role
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.services.bench import Decision, Desk
from parcelbench.store import Store, random_draws
from tests.accounts import account
from tests.exams import OPENED


def test_a_parcel_is_drawn_for_once_and_the_inspection_keeps_the_draw(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Store(tmp_path / "b.sqlite") as store:
        officer = account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
    with Desk.open(tmp_path / "b.sqlite") as desk:
        first = desk.look_up(ScanEvent.of("RR473124829GB", "manual"), officer="O1001")
        again = desk.look_up(ScanEvent.of("RR473124829GB", "camera"), officer="O1001")
        assert first.assessment is not None and again.assessment is not None
        assert first.assessment.random_exam == again.assessment.random_exam  # no re-draw
        drawn = desk.store.conn.execute("SELECT item_id, drawn_at FROM random_draws").fetchall()
        assert drawn == [("RR473124829GB", first.scanned_at)]
        done = desk.decide(
            officer,
            Decision("RR473124829GB", Outcome.RELEASED, selection="random", exam=OPENED),
        )
        said = done.inspection.risk["random_draw"]
        held = random_draws.latest(desk.store.conn, "RR473124829GB")
        assert held is not None and said["fraction"] == held.fraction
        assert said["drawn_at"] == first.scanned_at
        key = random_draws.bench_key(desk.store)
        assert held.verify(key)  # an auditor with the key recomputes it
        assert not Draw(held.item_id, held.drawn_at, held.fraction, held.rate).verify(b"x" * 32)


def test_the_key_is_the_benchs_own_and_stays_out_of_settings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    keys = []
    for name in ("a", "b"):
        with Store(tmp_path / f"{name}.sqlite") as store:
            keys.append(random_draws.bench_key(store))
            assert random_draws.bench_key(store) == keys[-1]  # made once
            listed = store.conn.execute("SELECT count(*) FROM settings").fetchone()[0]
            assert (
                all(
                    keys[-1].hex() not in str(v)
                    for v in store.conn.execute("SELECT * FROM settings").fetchall()
                )
                or listed == 0
            )
    assert keys[0] != keys[1] and len(keys[0]) == 32
