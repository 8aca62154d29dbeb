"""The bench's link to HQ as people manage it: where HQ is, and the events HQ parked.

Why a service: sending parked events again is a supervisor's decision, checked here whatever
asks for it (the CLI today, a window menu tomorrow); the address and token are saved together
in one transaction, so a half-enrolled bench never syncs with an old token.
"""

from __future__ import annotations

from parcelbench.domain.outbox import ParkedEvent
from parcelbench.domain.records import Officer, Role
from parcelbench.domain.settings import HQ_CA_FILE, HQ_TOKEN, HQ_URL, NEEDS_ENROLLMENT, Setting
from parcelbench.services.officers import require_role
from parcelbench.store import Store, settings
from parcelbench.store import sync as outbox


class EnrollmentError(ValueError):
    """What was given cannot name HQ (the message says what is missing)."""


def hq_address(store: Store) -> str | None:
    """The HQ address this bench syncs with, if it has been given one."""
    return settings.get(store.conn, HQ_URL)


def name_hq(
    store: Store, *, url: str | None, token: str | None, ca_file: str | None = None
) -> None:
    """Keep HQ's address, this bench's token and a private CA (each only when given); the
    first time, both address and token are required."""
    if not url and not token and not ca_file:
        return
    held = hq_address(store)
    if not (url or held) or not (token or held):
        raise EnrollmentError("the first sync needs both --hq URL and --token TOKEN")
    values: dict[Setting[str | None], str | None] = {NEEDS_ENROLLMENT: None}
    if url:
        values[HQ_URL] = url
    if token:
        values[HQ_TOKEN] = token.strip()
    if ca_file:
        values[HQ_CA_FILE] = ca_file
    settings.save(store, values)


def parked(store: Store) -> list[ParkedEvent]:
    """Events HQ refused, oldest first, waiting for a supervisor."""
    return outbox.parked_events(store.conn)


def retry_parked(store: Store, officer: Officer) -> int:
    """Send every parked event again (after HQ or the data was fixed): a supervisor only;
    audited. Returns how many were parked."""
    require_role(officer, Role.SUPERVISOR)
    return outbox.unpark_all(store, actor=officer.badge)
