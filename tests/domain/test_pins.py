"""The PIN policy: what an offline search tries first is refused, with a reason; old hashes
still verify and are made stronger at the next good login."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher

from parcelbench.domain.pins import HASHER, WeakPin, check_pin_shape, hash_pin, needs_rehash
from parcelbench.domain.records import Officer, Role
from parcelbench.services.officers import authenticate
from parcelbench.store import Store
from parcelbench.store.officers import get_officer, save_officer

#: What the bench hashed with before this policy (19 MiB, 2 passes).
OLD = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


@pytest.mark.parametrize(
    ("pin", "why"),
    [
        ("1234", "8 to 12 digits"),
        ("0000", "8 to 12 digits"),
        ("123456", "8 to 12 digits"),
        ("00000000", "fewer than 3 different digits"),
        ("11112222", "fewer than 3 different digits"),
        ("12345678", "run of digits"),
        ("87654321", "run of digits"),
        ("13579135", "run of digits"),
        ("123456789012", "run of digits"),
        ("12341234", "repeats a shorter block"),
        ("123123123", "repeats a shorter block"),
        ("12344321", "reads the same backwards"),
        ("19840512", "a date"),
        ("12051984", "a date"),
        ("14789632", "most common"),
        ("90100173", "badge number"),  # badge O1001
        ("1234567890123", "8 to 12 digits"),
        ("short words", "8 to 12 digits"),
        ("aaaaaaaaaaaaaaaaaa", "fewer than 5 different characters"),
        (" padded passphrase ", "start or end with a space"),
        ("my badge is o1001 ok", "must not contain the badge"),
    ],
)
def test_guessable_pins_are_refused_with_a_reason(pin: str, why: str) -> None:
    with pytest.raises(WeakPin, match=why):
        check_pin_shape(pin, badge="O1001")
    with pytest.raises(ValueError):  # what callers already catch
        hash_pin(pin, badge="O1001")


@pytest.mark.parametrize("pin", ["40718253", "63920574", "905182736411", "copper kettle at dawn"])
def test_a_good_pin_or_passphrase_is_accepted(pin: str) -> None:
    check_pin_shape(pin, badge="O1001")


def test_the_hash_is_sized_for_offline_guessing() -> None:
    """64 MiB, 3 passes: the figures in `domain.pins` are measured with these."""
    assert (HASHER.memory_cost, HASHER.time_cost, HASHER.parallelism) == (65536, 3, 1)
    made = hash_pin("40718253")
    assert made.startswith("$argon2id$v=19$m=65536,t=3,p=1$") and not needs_rehash(made)
    assert needs_rehash(OLD.hash("1234"))


def test_an_old_account_still_logs_in_and_its_hash_is_made_stronger(tmp_path: Path) -> None:
    with Store(tmp_path / "bench.sqlite") as store:
        old = OLD.hash("1234")  # a PIN set before the policy: it still works
        save_officer(store, Officer("O7", "Old Timer", Role.OFFICER, old), actor="test")
        assert authenticate(store, "O7", "1234").badge == "O7"
        held = get_officer(store.conn, "O7")
        assert held is not None and held.pin_hash != old and not needs_rehash(held.pin_hash)
        assert authenticate(store, "O7", "1234").badge == "O7"  # the new hash verifies
        actions = [r[0] for r in store.conn.execute("SELECT action FROM audit_log")]
        assert actions[-1] == "officer.pin_rehashed"
