"""Officer accounts and logins: argon2id hashes (`domain.pins`), never the PIN itself.

Benches are shared, so every action is tied to a badge that proved its PIN; five wrong PINs
lock the badge for a while.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from parcelbench.domain.pins import HASHER as _HASHER
from parcelbench.domain.pins import check_pin_shape, hash_pin
from parcelbench.domain.records import Officer, Role
from parcelbench.store import Store, audit
from parcelbench.store.audit import recent_actions
from parcelbench.store.officers import get_officer, list_officers, save_officer

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
LOGIN_OK = "officer.login"
LOGIN_FAILED = "officer.login_failed"


class AuthError(Exception):
    """Wrong badge or PIN, or a role that may not do this. The message is safe to show."""


class NotRecognised(AuthError):
    """The badge and PIN did not match an active account (which part was wrong is not said).

    Its own type so a caller can add advice that reveals nothing about this database's badges
    (the demo badges are public; "no accounts at all" is not a secret worth keeping).
    """


def accounts(store: Store) -> list[Officer]:
    """Every account of this bench, active or not (`officer list`, the CLI's hints)."""
    return list_officers(store.conn)


def current(store: Store, signed_in: Officer) -> Officer | None:
    """The signed-in officer's account as this bench holds it now, or None if it is gone or
    deactivated: HQ's feed may have changed the role or closed the account since sign-in, and
    a session must not outlive what the account allows."""
    held = get_officer(store.conn, signed_in.badge)
    return held if held is not None and held.active else None


#: The audit trail's actor for a bench's first account, made before anyone can sign in.
FIRST_RUN = "first-run"


class FirstAccountError(ValueError):
    """A bench's first account must be its supervisor (who then adds everyone else)."""


def add_officer(
    store: Store, badge: str, name: str, role: Role, pin: str, *, by: Officer | None
) -> Officer:
    """Create or update an account: a supervisor's act, checked here whatever asks (the CLI,
    the window, a script), because an account is what every other role check trusts.

    The one exception is a bench's first account, on a database with none (`by` is None): it
    must be a supervisor, who then adds the others. Without that rule anyone at the bench PC
    could make themselves a supervisor, or reset a colleague's PIN. The audit row never holds
    the PIN or its hash.
    """
    badge = badge.strip().upper()
    if not badge or not badge.replace("-", "").isalnum():
        raise ValueError("a badge is letters and digits, e.g. O1001")
    if not name.strip():
        raise ValueError("the officer's name is required")
    if by is None:
        if list_officers(store.conn):
            raise AuthError("adding or changing an account needs a signed-in supervisor")
        if role is not Role.SUPERVISOR:
            raise FirstAccountError(
                "a bench's first account must be its supervisor, who then adds the others"
            )
    else:
        require_role(by, Role.SUPERVISOR)
    officer = Officer(badge, name.strip(), role, hash_pin(pin))
    save_officer(store, officer, actor=by.badge if by else FIRST_RUN)
    return officer


def _failures(store: Store, badge: str, now: datetime) -> tuple[int, datetime | None]:
    """Wrong PINs for this badge since its last good one, within the lockout window."""
    count, newest = 0, None
    for action, at in recent_actions(
        store.conn, entity=f"officer:{badge}", actions=(LOGIN_OK, LOGIN_FAILED)
    ):
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
        if action == LOGIN_OK or now - moment > LOCKOUT:
            break
        count += 1
        newest = newest or moment
    return count, newest


def _audit_login(store: Store, badge: str, action: str) -> None:
    with store.transaction() as conn:
        audit.append(conn, actor=badge, action=action, entity=f"officer:{badge}", payload={})


def authenticate(store: Store, badge: str, pin: str) -> Officer:
    """The active officer with this badge and PIN; the same error whichever part was wrong.

    After `MAX_FAILURES` wrong PINs in a row the badge is locked for `LOCKOUT` (benches are
    shared and a 4-digit PIN falls to guessing otherwise); every wrong PIN is an audit row, and
    a good PIN after wrong ones is too, which ends the count. Locked or not, a wrong PIN costs
    the same argon2 time, so timing reveals nothing.
    """
    badge = badge.strip().upper()
    now = datetime.now(UTC)
    failures, newest = _failures(store, badge, now) if badge else (0, None)
    if failures >= MAX_FAILURES and newest is not None:
        _HASHER.hash("0000")
        minutes = max(1, int((LOCKOUT - (now - newest)).total_seconds() // 60) + 1)
        raise AuthError(
            f"badge {badge} is locked for {minutes} more minute(s) after {failures} wrong PINs; "
            "a supervisor can help"
        )
    officer = get_officer(store.conn, badge)
    denied = NotRecognised("badge or PIN not recognised")
    if officer is None or not officer.active or not officer.pin_hash:
        _HASHER.hash("0000")  # same time either way: do not reveal which badges exist
        if badge:
            _audit_login(store, badge, LOGIN_FAILED)
        raise denied
    try:
        _HASHER.verify(officer.pin_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        _audit_login(store, badge, LOGIN_FAILED)
        raise denied from None
    if failures:
        _audit_login(store, badge, LOGIN_OK)
    return officer


def require_role(officer: Officer, *roles: Role) -> None:
    if officer.role not in roles:
        allowed = " or ".join(str(r) for r in roles)
        raise AuthError(
            f"{officer.badge} is a{'n' if str(officer.role)[0] in 'aeiou' else ''} "
            f"{officer.role}; this needs a {allowed}"
        )


__all__ = [
    "FIRST_RUN",
    "AuthError",
    "FirstAccountError",
    "NotRecognised",
    "add_officer",
    "authenticate",
    "check_pin_shape",
    "hash_pin",
    "list_officers",
    "require_role",
]
