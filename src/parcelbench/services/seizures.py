"""Seizure approval and the seizure report: the one service the CLI and the window both call.

The role is checked here, not by hiding buttons: only a supervisor approves, returns, prints
or exports, and an officer is refused with a message that says so. A supervisor may not
approve a seizure they made themselves (four eyes). Every step is an audit row and an outbox
event in the same transaction as the change it records; printing records the SHA-256 of the
record printed and of the PDF bytes, so a copy produced in court can be matched to the bench.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.records import Officer, Role
from parcelbench.domain.seizures import Review, SeizureListing, Transfer
from parcelbench.domain.settings import FACILITY
from parcelbench.reports import seizure as seizure_report
from parcelbench.reports.seizure import CustodyLine, Person, SeizureRecord
from parcelbench.services.officers import require_role
from parcelbench.services.risk import rule_titles
from parcelbench.store import Store, settings
from parcelbench.store import followups as store_followups
from parcelbench.store import seizures as store_seizures
from parcelbench.store.aed import get_history
from parcelbench.store.evidence import get_inspection
from parcelbench.store.officers import get_officer
from parcelbench.store.photo_files import photos_dir
from parcelbench.store.seizures import APPROVED, PENDING, SeizureError

__all__ = [
    "Report",
    "SeizureError",
    "approve",
    "build_record",
    "listing",
    "print_report",
    "resubmit",
    "return_to_officer",
    "transfer",
]

MAX_COMMENT = 2000


@dataclass(frozen=True, slots=True)
class Report:
    """A printed report: the PDF and the SHA-256 of the record it was made from."""

    pdf: bytes
    record_sha256: str

    @property
    def pdf_sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


def listing(store: Store, *, pending_only: bool = False) -> list[SeizureListing]:
    """Seizures on this bench, oldest first (only those awaiting approval with pending_only)."""
    return store_seizures.list_seizures(store.conn, status=PENDING if pending_only else None)


def _comment(comment: str | None, *, required: bool) -> str | None:
    text = " ".join((comment or "").split())
    if required and not text:
        raise SeizureError("say what the officer must correct (a comment is required)")
    if len(text) > MAX_COMMENT:
        raise SeizureError(f"a comment is at most {MAX_COMMENT} characters")
    return text or None


def _seizing_officer(store: Store, number: str) -> str:
    found = store_seizures.get_seizure(store.conn, number)
    if found is None:
        raise SeizureError(f"no seizure {number} on this bench")
    inspection = get_inspection(store.conn, found.inspection_uuid)
    return inspection.officer_badge if inspection else ""


def approve(store: Store, officer: Officer, number: str, comment: str | None = None) -> Review:
    """Approve a pending seizure (supervisors only, never their own)."""
    require_role(officer, Role.SUPERVISOR)
    if _seizing_officer(store, number) == officer.badge:
        raise SeizureError(
            f"{officer.badge} made seizure {number}; another supervisor must approve it"
        )
    return store_seizures.review(
        store, number, "approved", actor=officer.badge, comment=_comment(comment, required=False)
    )


def return_to_officer(store: Store, officer: Officer, number: str, comment: str) -> Review:
    """Send a pending seizure back to its officer with what to correct (supervisors only)."""
    require_role(officer, Role.SUPERVISOR)
    text = _comment(comment, required=True)
    _seizing_officer(store, number)
    return store_seizures.review(store, number, "returned", actor=officer.badge, comment=text)


def resubmit(store: Store, officer: Officer, number: str, comment: str | None = None) -> Review:
    """The seizing officer (or a supervisor) puts a returned seizure back in the queue."""
    seizing = _seizing_officer(store, number)
    if officer.badge != seizing and officer.role is not Role.SUPERVISOR:
        raise SeizureError(
            f"only {seizing}, who made seizure {number}, or a supervisor can resubmit it"
        )
    return store_seizures.review(
        store,
        number,
        "resubmitted",
        actor=officer.badge,
        comment=_comment(comment, required=False),
    )


def transfer(
    store: Store,
    officer: Officer,
    number: str,
    *,
    released_by: str,
    received_by: str,
    purpose: str,
    at: str | None = None,
) -> Transfer:
    """Record one hand-over of the seized goods (any signed-in officer, as custody moves)."""
    fields = {"released by": released_by, "received by": received_by, "purpose": purpose}
    for name, value in fields.items():
        if not value.strip():
            raise SeizureError(f"a custody transfer needs '{name}'")
    return store_seizures.record_transfer(
        store,
        Transfer(
            number,
            released_by.strip(),
            received_by.strip(),
            at or utc_now_iso(),
            purpose.strip(),
            officer.badge,
        ),
    )


def _person(store: Store, badge: str) -> Person:
    known = get_officer(store.conn, badge)
    return Person(badge, known.name if known else "")


def build_record(store: Store, number: str) -> SeizureRecord:
    """Everything the report prints about one seizure, read through the store's APIs."""
    conn = store.conn
    found = store_seizures.get_seizure(conn, number)
    if found is None:
        raise SeizureError(f"no seizure {number} on this bench")
    inspection = get_inspection(conn, found.inspection_uuid)
    if inspection is None:  # the foreign key makes this a broken database
        raise SeizureError(f"seizure {number} names an inspection this bench does not hold")
    aed = next(
        (
            s.item
            for s in get_history(conn, inspection.item_id)
            if s.item.version == inspection.aed_version
        ),
        None,
    )
    history = store_seizures.reviews(conn, number)
    approval = next((r for r in reversed(history) if r.decision == "approved"), None)
    return SeizureRecord(
        seizure_number=number,
        facility=settings.get(conn, FACILITY),
        port_code=number.split("-")[1] if number.count("-") >= 2 else "",
        status=found.status,
        items=(found,),
        inspection=inspection,
        aed=aed,
        seizing_officer=_person(store, inspection.officer_badge),
        approved_by=(
            _person(store, approval.actor) if approval and found.status == APPROVED else None
        ),
        approved_at=approval.at if approval and found.status == APPROVED else None,
        photos=tuple(store_seizures.photos_of(conn, inspection.uuid)),
        custody=tuple(
            CustodyLine(t.released_by, t.received_by, t.at, t.purpose)
            for t in store_seizures.transfers(conn, number)
        ),
        reviews=tuple(r.to_json() for r in history),
        rule_titles=rule_titles(
            store, (inspection.risk or {}).get("rulepack"), (inspection.risk or {}).get("rules", [])
        ),
        lab_results=tuple(store_followups.lab_results(conn, number)),
    )


def photo_files(store: Store, record: SeizureRecord) -> dict[str, Path]:
    """Where each of the record's photos is stored on this bench (by its SHA-256)."""
    folder = photos_dir(store)
    found: dict[str, Path] = {}
    for photo in record.photos:
        matches = sorted(folder.glob(f"{photo.sha256}.*")) if folder.is_dir() else []
        if matches:
            found[photo.sha256] = matches[0]
    return found


def print_report(store: Store, officer: Officer, number: str) -> Report:
    """The seizure report PDF (supervisors only); the printing is audited and sent to HQ."""
    require_role(officer, Role.SUPERVISOR)
    record = build_record(store, number)
    pdf = seizure_report.render(record, photo_files(store, record))
    report = Report(pdf, record.sha256)
    store_seizures.record_issued(
        store,
        actor=officer.badge,
        action="report.seizure_printed",
        entity=f"seizure:{number}",
        payload={
            "seizure_number": number,
            "status": record.status,
            "record_sha256": report.record_sha256,
            "pdf_sha256": report.pdf_sha256,
        },
    )
    return report
