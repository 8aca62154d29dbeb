"""The bench's link to HQ as people manage it: where HQ is, and the events HQ parked.

Why a service: sending parked events again is a supervisor's decision, checked here whatever
asks for it (the CLI today, a window menu tomorrow); the address, token and HQ's signing key
are checked and saved together in one transaction, so a half-enrolled bench never syncs with an
old token or trusts a feed its pinned key did not sign.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from parcelbench.domain.feed import SignatureError, parse_public_key
from parcelbench.domain.hq_url import hq_url_problem
from parcelbench.domain.outbox import ParkedEvent, SetAside
from parcelbench.domain.records import Officer, Role
from parcelbench.domain.settings import (
    BENCH_SEGMENT,
    FACILITY_CODE,
    HQ_CA_FILE,
    HQ_KEY,
    HQ_TOKEN,
    HQ_URL,
    NEEDS_ENROLLMENT,
    PORT_CODE,
    Setting,
)
from parcelbench.services.officers import require_role
from parcelbench.store import Store, settings
from parcelbench.store import sync as outbox


class EnrollmentError(ValueError):
    """What was given cannot name HQ (the message says what is missing)."""


def hq_address(store: Store) -> str | None:
    """The HQ address this bench syncs with, if it has been given one."""
    return settings.get(store.conn, HQ_URL)


@dataclass(frozen=True, slots=True)
class Enrollment:
    """What `hq enroll --out FILE` writes for one bench: its token and HQ's public key.

    A file, not arguments: the token is a secret (argv is visible to every user of the machine
    and kept in shell history) and the key must reach the bench by a path a man in the middle
    does not control, which the network to HQ is not.
    """

    bench_id: str
    token: str
    hq_key: str
    hq_url: str | None = None
    facility: str | None = None  # the facility code HQ enrolled the bench at
    port: str | None = None  # the facility's CBP port code, when HQ knows it
    segment: int | None = None  # this bench's segment of the port's seizure numbers


def read_enrollment(path: str | Path) -> Enrollment:
    """The enrollment file HQ wrote; `EnrollmentError` naming what is wrong with it."""
    where = Path(path)
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EnrollmentError(f"{where}: cannot read it ({exc.strerror or exc})") from None
    except ValueError:
        raise EnrollmentError(f"{where}: not an enrollment file from `hq enroll --out`") from None
    if not isinstance(data, dict):
        raise EnrollmentError(f"{where}: not an enrollment file from `hq enroll --out`")
    fields = {}
    for name in ("bench_id", "token", "hq_key"):
        value = data.get(name)
        if not isinstance(value, str) or not value.strip():
            raise EnrollmentError(f"{where}: it has no {name}; write it again with `hq enroll`")
        fields[name] = value.strip()
    url = data.get("hq_url")
    port, segment, facility = data.get("port"), data.get("segment"), data.get("facility")
    if port is not None and not (isinstance(port, str) and len(port) == 4 and port.isdigit()):
        raise EnrollmentError(f"{where}: its port {port!r} is not a 4-digit port code")
    if segment is not None and not (
        isinstance(segment, int) and not isinstance(segment, bool) and 1 <= segment <= 99
    ):
        raise EnrollmentError(f"{where}: its segment {segment!r} is not a number from 1 to 99")
    if (port is None) != (segment is None):
        raise EnrollmentError(f"{where}: it gives a port without a segment or the reverse")
    return Enrollment(
        **fields,
        hq_url=url.strip() if isinstance(url, str) and url else None,
        facility=facility.strip() if isinstance(facility, str) and facility.strip() else None,
        port=port,
        segment=segment,
    )


def name_hq(
    store: Store,
    *,
    url: str | None,
    enrollment: Enrollment | None = None,
    ca_file: str | None = None,
    hq_key: str | None = None,
) -> None:
    """Keep HQ's address, this bench's token, HQ's signing key and a private CA (each only
    when given); the first time, an enrollment (token and key) and an address are required.

    Everything is checked before anything is saved, and saved in one transaction, so a
    half-enrolled bench never syncs with an old token or an unpinned key.
    """
    url = url or (enrollment.hq_url if enrollment else None)
    key = hq_key or (enrollment.hq_key if enrollment else None)
    if not url and not enrollment and not ca_file and not key:
        return
    held = hq_address(store)
    if not (url or held) or not (enrollment or settings.get(store.conn, HQ_TOKEN)):
        raise EnrollmentError(
            "the first sync needs HQ's address and this bench's enrollment file: "
            "--hq URL --enroll FILE (the file `hq enroll NAME --facility CODE --out FILE` wrote)"
        )
    if url:
        problem = hq_url_problem(url)
        if problem:
            raise EnrollmentError(problem)
    if key:
        try:
            parse_public_key(key)
        except SignatureError as exc:
            raise EnrollmentError(str(exc)) from None
    values: dict[Setting[str | None], str | None] = {NEEDS_ENROLLMENT: None}
    if url:
        values[HQ_URL] = url.strip()
    if enrollment:
        values[HQ_TOKEN] = enrollment.token
    if key:
        values[HQ_KEY] = key.strip()
    if ca_file:
        values[HQ_CA_FILE] = ca_file
    with store.transaction() as conn:
        for setting, value in values.items():
            settings.write(conn, setting, value)
        if enrollment and enrollment.facility:  # who the bench is, as HQ enrolled it
            actor = f"hq:{enrollment.bench_id}"
            settings.write(conn, FACILITY_CODE, enrollment.facility, actor=actor)
            if enrollment.port is not None and enrollment.segment is not None:
                settings.write(conn, PORT_CODE, enrollment.port, actor=actor)
                settings.write(conn, BENCH_SEGMENT, enrollment.segment, actor=actor)


def parked(store: Store) -> list[ParkedEvent]:
    """Events HQ refused, oldest first, waiting for a supervisor."""
    return outbox.parked_events(store.conn)


def set_aside(store: Store) -> SetAside:
    """Everything sync set aside: refused events, unsendable photos, unappliable feed items."""
    conn = store.conn
    return SetAside(
        outbox.parked_events(conn), outbox.parked_blobs(conn), outbox.refused_feed(conn)
    )


def retry_parked(store: Store, officer: Officer) -> int:
    """Send every parked event and set-aside photo again (after HQ or the data was fixed): a
    supervisor only; audited. Returns how many were set aside."""
    require_role(officer, Role.SUPERVISOR)
    return outbox.unpark_all(store, actor=officer.badge)
