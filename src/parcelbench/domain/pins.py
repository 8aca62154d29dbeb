"""PINs: the policy a new PIN must meet, and its argon2id hash (never the PIN itself).

Why in `domain`: the bench checks PINs at login and HQ hashes the PINs of the officer accounts it
publishes (a plain PIN never enters the feed); both use this policy and these parameters.

Why this policy. Every officer's hash reaches every bench through HQ's feed, so anyone who copies
one bench's database can guess PINs offline, with no lockout to stop them: the guess rate is set
by the hash's cost alone. The parameters are argon2id with 64 MiB and 3 passes on one lane
(RFC 9106's second recommended option, at one lane so a login costs one core): one hash took
0.25 s on one core of a 2-core x86-64 host (median of 7 `HASHER.hash` calls; a verify costs
the same). At that rate:

- the whole space of 8-digit PINs (10^8) takes 10^8 × 0.25 s = 2.5·10^7 s ≈ 290 days on one
  core (a 4-digit PIN at the old 19 MiB / 2 passes, 0.038 s a hash, fell in 6 minutes; a
  6-digit one at these parameters would take 3 days);
- an attacker with 100 cores needs about 3 days, with a GPU farm less: an 8-digit PIN turns the
  theft of a bench into months of one computer's work, which slows a determined attacker but
  does not stop one. That is why a passphrase (15 characters or more, NIST SP 800-63B rev 4's
  minimum for a password that is the only factor) is accepted too, for any account that must
  be out of reach; the lasting fix, HQ no longer sending every hash to every bench, is a
  change of the feed left for later.

Hence: 8 to 12 digits, or a passphrase of 15 to 128 characters; refused are the PINs an attacker
tries first (one or two digits only, runs such as 12345678 or 97531975, a repeated block, a
palindrome, a date, keypad shapes and other common PINs, the officer's own badge number), each
with a reason the officer can act on. Hashes made before this policy (4-digit PINs, 19 MiB)
still verify, so old accounts still log in; `needs_rehash` says when a stored hash is weaker
than today's parameters, and the login re-hashes it (`services.officers`).
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from argon2 import PasswordHasher

HASHER = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=1)
MIN_PIN = 8
MAX_PIN = 12
MIN_PASSPHRASE = 15
MAX_PASSPHRASE = 128
SHAPE = (
    f"a PIN is {MIN_PIN} to {MAX_PIN} digits, or a passphrase of {MIN_PASSPHRASE} to "
    f"{MAX_PASSPHRASE} characters"
)

#: Keypad shapes and other PINs of 8+ digits that lists of leaked PINs put near the top and
#: that the rules below do not already catch.
COMMON = frozenset(
    {
        "14789632",
        "12369874",
        "78963214",
        "96321478",
        "74123698",
        "36987412",
        "15975346",
        "75395184",
        "14725836",
        "78945612",
        "45612378",
        "32165498",
        "123654789",
        "147258369",
        "741852963",
        "369258147",
        "789456123",
        "159357456",
        "987456321",
        "5201314520",
    }
)


class WeakPin(ValueError):
    """A new PIN the policy refuses; the message says why, never anything about other accounts."""


def _is_run(pin: str) -> bool:
    """Each digit a fixed step from the one before (mod 10): 12345678, 87654321, 13579135."""
    steps = {(int(b) - int(a)) % 10 for a, b in pairwise(pin)}
    return len(steps) == 1


def _is_repeated_block(pin: str) -> bool:
    """The PIN is a shorter block repeated (the last copy may be cut): 12341234, 123123123."""
    return any(
        (pin[:size] * (len(pin) // size + 1))[: len(pin)] == pin
        for size in range(1, len(pin) // 2 + 1)
    )


def _is_date(pin: str) -> bool:
    """YYYYMMDD, DDMMYYYY or MMDDYYYY for a year 1900–2099: birthdays are guessed first."""
    if len(pin) != 8:
        return False
    orders = (
        (pin[:4], pin[4:6], pin[6:]),
        (pin[4:], pin[2:4], pin[:2]),
        (pin[4:], pin[:2], pin[2:4]),
    )
    for y, m, d in orders:
        if 1900 <= int(y) <= 2099:
            try:
                date(int(y), int(m), int(d))
            except ValueError:
                continue
            return True
    return False


def _badge_digits(badge: str | None) -> str:
    return "".join(re.findall(r"\d", badge or ""))


def _check_digits(pin: str, badge: str | None) -> None:
    if not MIN_PIN <= len(pin) <= MAX_PIN:
        raise WeakPin(SHAPE)
    if len(set(pin)) < 3:
        raise WeakPin("that PIN uses fewer than 3 different digits; choose a less regular one")
    if _is_run(pin):
        raise WeakPin("that PIN is a run of digits (like 12345678); choose a less regular one")
    if _is_repeated_block(pin):
        raise WeakPin("that PIN repeats a shorter block (like 12341234); choose another")
    if pin == pin[::-1]:
        raise WeakPin("that PIN reads the same backwards (like 12344321); choose another")
    if _is_date(pin):
        raise WeakPin("that PIN is a date, which is guessed first; choose another")
    if pin in COMMON:
        raise WeakPin("that PIN is among the most common ones; choose another")
    digits = _badge_digits(badge)
    if len(digits) >= 4 and digits in pin:
        raise WeakPin("a PIN must not contain the badge number; choose another")


def _check_passphrase(phrase: str, badge: str | None) -> None:
    if not MIN_PASSPHRASE <= len(phrase) <= MAX_PASSPHRASE:
        raise WeakPin(SHAPE)
    if phrase != phrase.strip():
        raise WeakPin("a passphrase must not start or end with a space")
    if not phrase.isprintable():
        raise WeakPin("a passphrase is printable characters only (no tabs or control codes)")
    if len(set(phrase.casefold())) < 5:
        raise WeakPin("that passphrase uses fewer than 5 different characters; choose another")
    if badge and badge.strip() and badge.strip().casefold() in phrase.casefold():
        raise WeakPin("a passphrase must not contain the badge; choose another")


def check_pin_shape(pin: str, *, badge: str | None = None) -> None:
    """Refuse a new PIN that an offline search would find early (`WeakPin`, saying why).

    Checked when a PIN is set (an account added or published), never at login: an old account
    whose PIN predates the policy still logs in.
    """
    if pin.isascii() and pin.isdigit():
        _check_digits(pin, badge)
    else:
        _check_passphrase(pin, badge)


def hash_pin(pin: str, *, badge: str | None = None) -> str:
    check_pin_shape(pin, badge=badge)
    return HASHER.hash(pin)


def needs_rehash(pin_hash: str) -> bool:
    """Whether a stored hash is weaker than today's parameters (made before this policy)."""
    return HASHER.check_needs_rehash(pin_hash)
