"""PINs: their shape and their argon2id hash, never the PIN itself.

Why in `domain`: the bench checks PINs at login and HQ hashes the PINs of the officer accounts it
publishes (a plain PIN never enters the feed); both use these parameters. They follow OWASP's
argon2id minimum (19 MiB, 2 passes): ~30 ms per check, cheap for a login, costly for guessing.
"""

from __future__ import annotations

from argon2 import PasswordHasher

HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
MIN_PIN = 4
MAX_PIN = 12


def check_pin_shape(pin: str) -> None:
    if not (pin.isdigit() and MIN_PIN <= len(pin) <= MAX_PIN):
        raise ValueError(f"a PIN is {MIN_PIN} to {MAX_PIN} digits")


def hash_pin(pin: str) -> str:
    check_pin_shape(pin)
    return HASHER.hash(pin)
