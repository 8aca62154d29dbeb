"""Officer accounts and logins: argon2id hashes (`domain.pins`), never the PIN itself.

Benches are shared, so every action is tied to a badge that proved its PIN; five wrong PINs
lock the badge for a while. The count is the audit log's wrong PINs (so it survives a
restart) plus, in this process's memory, the wrong PINs that could not be written there (so a
bench whose disk is full still locks the badge). Each bench counts its own: a guesser who moves
from bench to bench gets five tries on each; counting across benches needs HQ and is left for
later.
"""

from __future__ import annotations

import contextlib
import os
import threading
from datetime import UTC, datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from parcelbench.domain.pins import HASHER as _HASHER
from parcelbench.domain.pins import WeakPin, check_pin_shape, hash_pin, needs_rehash
from parcelbench.domain.records import Officer, Role
from parcelbench.store import DiskFull, Store, StoreError, audit
from parcelbench.store.audit import recent_actions
from parcelbench.store.officers import get_officer, list_officers, rehash_pin, save_officer

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
    officer = Officer(badge, name.strip(), role, hash_pin(pin, badge=badge))
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


class _Failures:
    """Wrong PINs the audit log could not take, per (database, badge), in this process.

    Why: a failure that cannot be written (disk full) must still count, or a full disk would
    turn the lockout off. Only those: the written ones are counted from the log. One lock: the
    window checks PINs on a worker thread while a sync loop may run.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str], list[datetime]] = {}

    @staticmethod
    def _key(store: Store, badge: str) -> tuple[str, str]:
        return (os.path.abspath(store.path), badge)

    def count(self, store: Store, badge: str, now: datetime) -> tuple[int, datetime | None]:
        with self._lock:
            kept = [t for t in self._seen.get(self._key(store, badge), []) if now - t <= LOCKOUT]
            self._seen[self._key(store, badge)] = kept
            return len(kept), (max(kept) if kept else None)

    def add(self, store: Store, badge: str, now: datetime) -> None:
        with self._lock:
            self._seen.setdefault(self._key(store, badge), []).append(now)

    def clear(self, store: Store, badge: str) -> None:
        with self._lock:
            self._seen.pop(self._key(store, badge), None)


_FAILURES = _Failures()


def _audit_login(store: Store, badge: str, action: str) -> None:
    with store.transaction() as conn:
        audit.append(conn, actor=badge, action=action, entity=f"officer:{badge}", payload={})


def _refuse(store: Store, badge: str, now: datetime, denied: AuthError) -> AuthError:
    """Count a wrong PIN (in the audit log, else in memory) and return the refusal to raise;
    on a full disk the refusal also says so, since the failure could not be written."""
    try:
        _audit_login(store, badge, LOGIN_FAILED)
    except DiskFull as exc:
        _FAILURES.add(store, badge, now)
        return type(denied)(f"{denied} (and this attempt could not be written: {exc})")
    return denied


def _strengthen(store: Store, officer: Officer, pin: str) -> None:
    """A hash made with weaker parameters than today's, re-made now that the PIN is known.
    Best effort: a bench that cannot write (disk full, read-only) still lets the officer in."""
    if not needs_rehash(officer.pin_hash):
        return
    with contextlib.suppress(StoreError):
        rehash_pin(store, officer.badge, officer.pin_hash, _HASHER.hash(pin))


def authenticate(store: Store, badge: str, pin: str) -> Officer:
    """The active officer with this badge and PIN; the same error whichever part was wrong.

    After `MAX_FAILURES` wrong PINs in a row the badge is locked for `LOCKOUT` (benches are
    shared and a PIN falls to guessing otherwise); every wrong PIN is an audit row, and a good
    PIN after wrong ones is too, which ends the count. A wrong PIN that cannot be written (disk
    full) still counts, in this process's memory, so a full disk never turns the lockout off.
    Locked or not, a wrong PIN costs the same argon2 time, so timing reveals nothing. A hash
    made with weaker parameters than today's is re-made at a good login.
    """
    badge = badge.strip().upper()
    now = datetime.now(UTC)
    failures, newest = _failures(store, badge, now) if badge else (0, None)
    unwritten, newest_unwritten = _FAILURES.count(store, badge, now)
    failures += unwritten
    newest = max((t for t in (newest, newest_unwritten) if t is not None), default=None)
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
            raise _refuse(store, badge, now, denied)
        raise denied
    try:
        _HASHER.verify(officer.pin_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise _refuse(store, badge, now, denied) from None
    _FAILURES.clear(store, badge)
    if failures:
        with contextlib.suppress(DiskFull):  # they may still look; a record says "disk full"
            _audit_login(store, badge, LOGIN_OK)
    _strengthen(store, officer, pin)
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
    "WeakPin",
    "add_officer",
    "authenticate",
    "check_pin_shape",
    "hash_pin",
    "list_officers",
    "require_role",
]
