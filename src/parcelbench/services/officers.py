"""Officer accounts and PINs: argon2id hashes, never the PIN itself.

Benches are shared, so every action is tied to a badge that proved its PIN. The hash
parameters follow OWASP's argon2id minimum (19 MiB, 2 passes): ~30 ms per check here, cheap
for a login, costly for guessing.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from parcelbench.domain.records import Officer, Role
from parcelbench.store import Store
from parcelbench.store.evidence import get_officer, list_officers, save_officer

_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
MIN_PIN = 4
MAX_PIN = 12


class AuthError(Exception):
    """Wrong badge or PIN, or a role that may not do this. The message is safe to show."""


def check_pin_shape(pin: str) -> None:
    if not (pin.isdigit() and MIN_PIN <= len(pin) <= MAX_PIN):
        raise ValueError(f"a PIN is {MIN_PIN} to {MAX_PIN} digits")


def hash_pin(pin: str) -> str:
    check_pin_shape(pin)
    return _HASHER.hash(pin)


def add_officer(
    store: Store, badge: str, name: str, role: Role, pin: str, *, actor: str
) -> Officer:
    """Create or update an account (the audit row never holds the PIN or its hash)."""
    badge = badge.strip().upper()
    if not badge or not badge.replace("-", "").isalnum():
        raise ValueError("a badge is letters and digits, e.g. O1001")
    if not name.strip():
        raise ValueError("the officer's name is required")
    officer = Officer(badge, name.strip(), role, hash_pin(pin))
    save_officer(store, officer, actor=actor)
    return officer


def authenticate(store: Store, badge: str, pin: str) -> Officer:
    """The active officer with this badge and PIN; the same error whichever part was wrong."""
    officer = get_officer(store.conn, badge.strip().upper())
    denied = AuthError("badge or PIN not recognised")
    if officer is None or not officer.active or not officer.pin_hash:
        _HASHER.hash("0000")  # same time either way: do not reveal which badges exist
        raise denied
    try:
        _HASHER.verify(officer.pin_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise denied from None
    return officer


def require_role(officer: Officer, *roles: Role) -> None:
    if officer.role not in roles:
        allowed = " or ".join(str(r) for r in roles)
        raise AuthError(
            f"{officer.badge} is a{'n' if str(officer.role)[0] in 'aeiou' else ''} "
            f"{officer.role}; this needs a {allowed}"
        )


__all__ = ["AuthError", "add_officer", "authenticate", "hash_pin", "list_officers", "require_role"]
