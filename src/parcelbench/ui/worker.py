"""The window's database worker: every store call runs here, one at a time, off the GUI thread.

Why one thread with its own connection: SQLite connections belong to the thread that made
them, evidence writes must be serialised anyway, and the GUI thread must only paint. The
window talks to the worker through queued signals (requests in, results out); a failure comes
back as one sentence for the officer, and the details go to the log, never a traceback.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from parcelbench.domain.records import Outcome
from parcelbench.domain.settings import PORT_CODE
from parcelbench.risk.pack import PackError
from parcelbench.services import holds, officers, operations
from parcelbench.services.bench import Bench
from parcelbench.services.outcomes import OutcomeError, SeizureDraft, record
from parcelbench.services.risk import active_engine, load_rule_pack_as, risk_snapshot
from parcelbench.store import Store, settings
from parcelbench.store.evidence import attach_photo, get_inspection

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class OutcomeRequest:
    """One outcome as the officer gave it in the window."""

    badge: str
    item_id: str
    outcome: Outcome
    agency: str | None = None
    reason: str | None = None
    notes: str | None = None
    targeted: bool = True
    seizure: SeizureDraft | None = None
    risk: dict[str, Any] | None = None
    photos: tuple[Any, ...] = ()  # BGR camera frames; JPEG-encoded here, off the GUI thread
    amends: str | None = None  # the earlier inspection this one corrects


class DbWorker(QObject):
    """Lives in its own QThread; open the store with `open_store` before anything else."""

    opened = Signal(object)  # BenchStatus
    authenticated = Signal(object)  # Officer
    auth_failed = Signal(str)
    looked_up = Signal(object)  # ParcelView
    recorded = Signal(object)  # Recorded
    today = Signal(object)  # list[Inspection]
    found = Signal(str, object)  # the search text, list[SearchHit]
    holds_listed = Signal(object, object, str)  # list[Hold], {inspection uuid: outcome}, label
    status = Signal(object)  # BenchStatus
    pack_loaded = Signal(str, int)  # rule pack label, rules
    failed = Signal(str)

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.store: Store | None = None
        self.bench: Bench | None = None
        self._officers: dict[str, Any] = {}

    # -- lifecycle ---------------------------------------------------------------------------
    @Slot()
    def open_store(self) -> None:
        try:
            self.store = Store(self.db_path)
            self.bench = Bench(self.store, active_engine(self.store))
            self.opened.emit(self.bench.status())
        except Exception as exc:  # reported to the officer; details in the log
            log.exception("opening %s failed", self.db_path)
            self.failed.emit(self.tr("Cannot open the bench database: {error}").format(error=exc))

    @Slot()
    def close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
            self.bench = None

    # -- requests ----------------------------------------------------------------------------
    @Slot(str, str)
    def authenticate(self, badge: str, pin: str) -> None:
        assert self.store is not None
        try:
            officer = officers.authenticate(self.store, badge, pin)
        except officers.AuthError as exc:
            self.auth_failed.emit(str(exc))
            return
        self._officers[officer.badge] = officer
        self.authenticated.emit(officer)

    @Slot(str, str, str, str)
    def look_up(self, payload: str, source: str, symbology: str, badge: str) -> None:
        assert self.bench is not None
        try:
            view = self.bench.look_up(
                payload, source=source, symbology=symbology or None, officer=badge or None
            )
        except Exception:
            log.exception("look-up of %r failed", payload)
            self.failed.emit(self.tr("The parcel could not be looked up; try the scan again."))
            return
        self.looked_up.emit(view)
        if view.hold is not None:  # a scan may have located a hold: the count moved
            self.status.emit(self.bench.status())

    @Slot(object)
    def record(self, request: OutcomeRequest) -> None:
        assert self.bench is not None and self.store is not None
        officer = self._officers.get(request.badge)
        if officer is None:
            self.failed.emit(self.tr("Log in again to record outcomes."))
            return
        try:
            done = record(
                self.store,
                officer,
                request.item_id,
                request.outcome,
                agency=request.agency,
                reason=request.reason,
                notes=request.notes,
                targeted=request.targeted,
                seizure=request.seizure,
                risk=request.risk,
                amends=request.amends,
                port_code=settings.get(self.store.conn, PORT_CODE),
            )
        except OutcomeError as exc:
            self.failed.emit(str(exc))
            return
        except Exception:
            log.exception("recording %s for %s failed", request.outcome, request.item_id)
            self.failed.emit(self.tr("The outcome was NOT recorded (database error); try again."))
            return
        for frame in request.photos:
            try:
                attach_photo(
                    self.store,
                    done.inspection.uuid,
                    encode_jpeg(frame),
                    actor=officer.badge,
                    caption="evidence photo",
                )
            except Exception:
                log.exception("evidence photo for %s failed", request.item_id)
                self.failed.emit(self.tr("An evidence photo could not be stored; take it again."))
        self.recorded.emit(done)
        self.refresh()

    @Slot(str)
    def search_aed(self, text: str) -> None:
        assert self.bench is not None
        try:
            self.found.emit(text, self.bench.search_aed(text))
        except Exception:
            log.exception("AED search for %r failed", text)
            self.failed.emit(self.tr("The AED search failed; try other words."))

    @Slot(str, object)
    def operation(self, badge: str, request: dict[str, Any] | None) -> None:
        """Start (`request` with name, dates, rates) or end (None) the special operation."""
        assert self.store is not None
        officer = self._officers.get(badge)
        if officer is None:
            self.failed.emit(self.tr("Log in again to change the operation."))
            return
        try:
            if request is None:
                operations.end(self.store, officer)
            else:
                operations.start(self.store, officer, **request)
        except (officers.AuthError, operations.OperationError) as exc:
            self.failed.emit(str(exc))
            return
        self.refresh()

    @Slot(str, str)
    def load_pack(self, badge: str, path: str) -> None:
        """Validate and activate a rule pack (supervisors); the next look-up assesses with it."""
        assert self.store is not None and self.bench is not None
        officer = self._officers.get(badge)
        if officer is None:
            self.failed.emit(self.tr("Log in again to load a rule pack."))
            return
        try:
            pack = load_rule_pack_as(self.store, officer, path)
        except (officers.AuthError, PackError) as exc:
            self.failed.emit(
                self.tr("Rule pack refused, the active pack stays: {error}").format(error=exc)
            )
            return
        except OSError as exc:
            self.failed.emit(
                self.tr("The rule pack could not be read: {error} ({path})").format(
                    error=exc.strerror, path=path
                )
            )
            return
        self.bench.engine = active_engine(self.store)
        self.pack_loaded.emit(pack.label, len(pack.rules))
        self.status.emit(self.bench.status())

    @Slot()
    def list_holds(self) -> None:
        assert self.store is not None
        listed = holds.list_holds(self.store, limit=2000)
        outcomes = {}
        for hold in listed:
            if hold.inspection_uuid:
                ins = get_inspection(self.store.conn, hold.inspection_uuid)
                if ins is not None:
                    outcomes[hold.inspection_uuid] = f"{ins.outcome} {ins.agency or ''}".strip()
        self.holds_listed.emit(listed, outcomes, holds.counts(self.store).label())

    @Slot()
    def refresh(self) -> None:
        assert self.bench is not None
        self.today.emit(self.bench.today())
        self.status.emit(self.bench.status())


def encode_jpeg(frame: Any) -> bytes:
    """A camera frame as JPEG bytes (quality 92: evidence, not a thumbnail)."""
    import cv2  # the camera's library; only loaded when photos are taken

    ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 92])
    if not ok:
        raise ValueError("the frame could not be encoded")
    return bytes(data.tobytes())


def snapshot(view: Any) -> dict[str, Any] | None:
    """What an inspection keeps of the assessment on screen."""
    return risk_snapshot(view.assessment) if view is not None and view.assessment else None


class WorkerThread:
    """A `DbWorker` in its own `QThread`, stopped and joined on `stop` (no thread left over)."""

    def __init__(self, db_path: Path) -> None:
        self.thread = QThread()
        self.thread.setObjectName("parcelbench-db")
        self.worker = DbWorker(db_path)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.open_store)
        self.thread.start()

    def stop(self) -> None:
        if self.thread.isRunning():
            # close the connection on its own thread, then end the loop and wait
            from PySide6.QtCore import QMetaObject, Qt

            QMetaObject.invokeMethod(
                self.worker, "close_store", Qt.ConnectionType.BlockingQueuedConnection
            )
            self.thread.quit()
            self.thread.wait(5000)
