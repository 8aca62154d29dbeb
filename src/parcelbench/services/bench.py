"""The bench's one door to its evidence: `Desk`, what the window (and the CLI) ask of a bench.

Why one door: the window must add no business rules, and the CLI and the window must do the
same thing for the same request. A `Desk` owns one store connection, so it lives on one thread
(the window's writer or reader lane, or a job's thread; see `ui.tasks`), never the GUI thread.
Plain dataclasses out, so the widgets only paint. Errors a user can act on are the exceptions
in `USER_ERRORS`; their message is the sentence to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from parcelbench.aed.importer import (
    ImportReport,
    ProgressCallback,
    import_files,
    index_for_search,
)
from parcelbench.domain.aed import AedItem
from parcelbench.domain.arrival import AedAtScan, completeness, on_time
from parcelbench.domain.clock import iso
from parcelbench.domain.exam import Exam, Selection, selection_for
from parcelbench.domain.holds import Hold
from parcelbench.domain.images import ImageError
from parcelbench.domain.operations import Operation, OperationCounts
from parcelbench.domain.outbox import SyncState
from parcelbench.domain.records import Inspection, Officer, Outcome, Scan
from parcelbench.domain.rescore import Rescore, ScoredParcel
from parcelbench.domain.risk import Assessment, Level
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.ids import ParsedId
from parcelbench.risk.engine import RiskEngine
from parcelbench.risk.pack import PackError, RulePack
from parcelbench.services import holds, officers, operations
from parcelbench.services.officers import AuthError
from parcelbench.services.outcomes import (
    OutcomeError,
    Override,
    Recorded,
    SeizureDraft,
    record,
)
from parcelbench.services.risk import (
    UntrustedId,
    active_engine,
    assess,
    last_rescore,
    load_rule_pack,
    rescore,
    risk_snapshot,
    worklist,
)
from parcelbench.services.summaries import SummaryError
from parcelbench.store import Store, StoreError, photo_files, random_draws
from parcelbench.store.aed import (
    SearchHit,
    StoredItem,
    count_current,
    first_received_at,
    get_current,
    get_history,
    iter_current,
    sample_item_ids,
    search,
)
from parcelbench.store.evidence import PhotoBytes, get_inspection, inspections_since
from parcelbench.store.history import StoreHistory
from parcelbench.store.operations import OperationError
from parcelbench.store.rulepacks import active_pack
from parcelbench.store.scans import facility_arrival_at, record_scan
from parcelbench.store.seizures import SeizureError
from parcelbench.store.sync import sync_state


@dataclass(frozen=True, slots=True)
class ParcelView:
    """Everything the parcel card shows for one scan."""

    parsed: ParsedId
    stored: StoredItem | None
    assessment: Assessment | None  # None when the payload is not a valid parcel id
    source: str
    scanned_at: str
    hold: Hold | None = None  # targeted for examination (open or, latest, examined)

    @property
    def item(self) -> AedItem | None:
        return self.stored.item if self.stored else None

    @property
    def selection(self) -> Selection:
        """Why the bench proposes to examine this parcel (the officer may say otherwise)."""
        a = self.assessment
        return proposed_selection(self.hold, a) if a else Selection.NOT_EXAMINED


def proposed_selection(hold: Hold | None, assessment: Assessment) -> Selection:
    """The targeting list first (an open hold), then the rules' level, then the random draw."""
    return selection_for(
        on_hold_list=hold is not None and hold.open,
        level=str(assessment.level),
        random_pick=assessment.random_exam,
    )


@dataclass(frozen=True, slots=True)
class Decision:
    """Only what the officer chose for a parcel: the outcome and what its form asked for.

    Everything else an inspection keeps — the assessment that led to the exam, whether it
    was targeted or random, the port and the seizure number — the door adds itself, so the
    window and `parcelbench record` cannot send it wrong or differently.
    """

    item_id: str
    outcome: Outcome
    agency: str | None = None
    reason: str | None = None
    noncompliance: tuple[str, ...] = ()
    notes: str | None = None
    seizure: SeizureDraft | None = None
    seizures: tuple[SeizureDraft, ...] = ()  # several lines: numbered …-01, …-02 in order
    photos: tuple[bytes | PhotoBytes, ...] = ()  # camera JPEGs or imported images
    amends: str | None = None  # the earlier inspection this one corrects
    selection: str | None = None  # None: what the bench proposes (`proposed_selection`)
    exam: Exam = field(default_factory=Exam)
    override: Override | None = None  # the supervisor allowing a release over a critical flag


@dataclass(frozen=True, slots=True)
class BenchStatus:
    """The status bar's facts."""

    aed_items: int
    sync: SyncState  # HQ: online or not, events waiting, parked
    rulepack: str
    db_version: int = 0  # the bench database's schema version
    holds: str = ""  # "holds outstanding 37 · located 4"
    operation: tuple[Operation, OperationCounts] | None = None  # the running one, if any


#: Errors whose message is written for the officer or supervisor; anything else is a fault
#: that is logged and reported in general words.
USER_ERRORS: tuple[type[Exception], ...] = (
    AuthError,
    ImageError,
    OutcomeError,
    UntrustedId,
    OperationError,
    SeizureError,
    SummaryError,
    PackError,
    StoreError,
)


@dataclass(frozen=True, slots=True)
class HoldsList:
    """The holds list: the holds, the outcome words of examined ones, the counts line."""

    holds: list[Hold]
    outcomes: dict[str, str]  # inspection uuid -> outcome (and agency)
    label: str


class Desk:
    """One bench's door to its store; used only from the thread that opened it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.history = StoreHistory(store.conn)
        self._engine: RiskEngine | None = None
        self._engine_pack: object = None

    @classmethod
    def open(cls, db_path: Path) -> Desk:
        """The window's desk on its database; photo files a crash left without a committed
        record are swept here, before the bench takes any work."""
        desk = cls(Store(db_path))
        try:
            photo_files.sweep(desk.store)
        except BaseException:
            desk.close()
            raise
        return desk

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def engine(self) -> RiskEngine:
        """The active rule pack's engine, compiled again only when the active pack changed
        (loaded in the window, or applied from HQ's feed by the sync loop)."""
        held = active_pack(self.store.conn)
        key = None if held is None else (held.name, held.version)
        if self._engine is None or key != self._engine_pack:
            self._engine, self._engine_pack = active_engine(self.store), key
        return self._engine

    # -- the officer ---------------------------------------------------------------------------
    def authenticate(self, badge: str, pin: str) -> Officer:
        """Badge and PIN (failed attempts are counted and audited: a write)."""
        return officers.authenticate(self.store, badge, pin)

    def account(self, signed_in: Officer) -> Officer | None:
        """The signed-in officer's account now (None: deactivated or gone)."""
        return officers.current(self.store, signed_in)

    def look_up(self, event: ScanEvent, *, officer: str | None) -> ParcelView:
        """Record the scan, fetch the AED and assess it (the event was parsed where it arose).

        A payload that is not a valid parcel id is recorded as a scan and shown as unreadable;
        it is never looked up, so a misread can never show another parcel's data.
        """
        parsed, source, now = event.parsed, event.channel, iso(event.at)
        stored = get_current(self.store.conn, parsed.normalized) if parsed.valid else None
        if parsed.normalized:
            record_scan(
                self.store,
                Scan(
                    raw=event.raw,
                    item_id=parsed.normalized,
                    kind=parsed.kind,
                    valid=parsed.valid,
                    source=source,
                    symbology=event.symbology or None,
                    at=now,
                    officer_badge=officer,
                    aed=self._aed_at_scan(parsed.normalized, stored, now) if parsed.valid else None,
                ),
            )
        if not parsed.valid:
            return ParcelView(parsed, None, None, source, now)
        hold = holds.located(self.store, parsed.normalized, officer=officer)
        engine = self.engine
        drawn = random_draws.draw(self.store, parsed.normalized, at=now, rate=engine.random_rate)
        assessment = engine.assess(
            parsed.normalized,
            stored.item if stored else None,
            id_valid=True,
            history=self.history,
            random_draw=drawn.fraction,
        )
        return ParcelView(parsed, stored, assessment, source, now, hold)

    def _aed_at_scan(self, item_id: str, stored: StoredItem | None, now: str) -> AedAtScan:
        """What this scan knows of the AED, for HQ's arrival counts: there or not, on time
        (received no later than the parcel's first arrival here, this scan included), and
        how complete. Two index probes."""
        if stored is None:
            return AedAtScan(present=False, on_time=False, completeness=None)
        arrived = facility_arrival_at(self.store.conn, item_id)
        return AedAtScan(
            present=True,
            on_time=on_time(first_received_at(self.store.conn, item_id), arrived, now),
            completeness=completeness(stored.item),
        )

    def search_aed(self, text: str, limit: int = 50) -> list[SearchHit]:
        """AED by id prefix, party, address, e-mail or description (see `store.aed.search`)."""
        return search(self.store.conn, text, limit=limit)

    def aed(self, item_id: str) -> StoredItem | None:
        """The current AED held for a normalised parcel id, or None."""
        return get_current(self.store.conn, item_id)

    def aed_history(self, item_id: str) -> list[StoredItem]:
        """Every version held for a parcel id, newest first (current and superseded)."""
        return get_history(self.store.conn, item_id)

    def aed_count(self) -> int:
        """How many parcels have current AED."""
        return count_current(self.store.conn)

    def aed_sample(self, n: int, *, seed: int) -> list[StoredItem]:
        """`n` current items spread over the table, the same ones for the same seed."""
        found = (
            get_current(self.store.conn, i) for i in sample_item_ids(self.store.conn, n, seed=seed)
        )
        return [stored for stored in found if stored is not None]

    def today(self, limit: int = 500) -> list[Inspection]:
        """This bench's inspections since local midnight, newest first."""
        midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        since = midnight.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        return inspections_since(self.store.conn, since, limit=limit)

    def decide(self, officer: Officer, decision: Decision) -> Recorded:
        """Record what the officer decided: the inspection, every seizure line, every photo,
        the hold examined, the audit rows and outbox events — one transaction, or nothing.

        The parcel is assessed again here (the same pack, history and random draw the card
        showed), and its snapshot, the port and the numbering are added here; the selection
        reason is the officer's, or what the bench proposes. An id that is not a valid parcel
        id is refused (`UntrustedId`); nothing is written.
        """
        assessment, drawn = assess(self.store, self.engine, decision.item_id)
        selection = decision.selection
        if selection is None:
            hold = holds.hold_for(self.store, assessment.item_id)
            selection = proposed_selection(hold, assessment)
            if selection is Selection.NOT_EXAMINED and decision.outcome is not Outcome.RELEASED:
                selection = Selection.OFFICER_DISCRETION
        return record(
            self.store,
            officer,
            decision.item_id,
            decision.outcome,
            agency=decision.agency,
            reason=decision.reason,
            noncompliance=decision.noncompliance,
            notes=decision.notes,
            selection=selection,
            exam=decision.exam,
            seizure=decision.seizure,
            seizures=decision.seizures,
            risk=risk_snapshot(assessment, drawn),
            amends=decision.amends,
            photos=decision.photos,
            override=decision.override,
        )

    def holds(self, limit: int = 2000) -> HoldsList:
        listed = holds.list_holds(self.store, limit=limit)
        outcomes = {}
        for hold in listed:
            if hold.inspection_uuid:
                ins = get_inspection(self.store.conn, hold.inspection_uuid)
                if ins is not None:
                    outcomes[hold.inspection_uuid] = f"{ins.outcome} {ins.agency or ''}".strip()
        return HoldsList(listed, outcomes, holds.counts(self.store).label())

    def start_operation(self, officer: Officer, request: dict[str, Any]) -> None:
        operations.start(self.store, officer, **request)

    def end_operation(self, officer: Officer) -> None:
        operations.end(self.store, officer)

    def load_pack(self, officer: Officer, path: str) -> RulePack:
        """Validate and activate a rule pack (supervisors); the next look-up assesses with it."""
        try:
            return load_rule_pack(self.store, officer, path)
        except OSError as exc:
            raise PackError(f"the rule pack could not be read: {exc.strerror} ({path})") from None

    def import_aed(
        self, paths: list[Path], *, actor: str, progress: ProgressCallback | None = None
    ) -> ImportReport:
        """AED files, one transaction each (a job: seconds to minutes). A big import is
        committed (looked up by id, counted) before it is indexed for search; the job then
        indexes it, and the search reads the rows not yet indexed meanwhile."""
        report = import_files(self.store, paths, actor=actor, progress=progress)
        if report.search_pending:
            index_for_search(self.store, progress=progress)
        return report

    def rescore(self, officer: Officer) -> Rescore:
        """Every stored parcel assessed with the active pack, the run and the parcels not
        cleared kept as the worklist (a job: a minute on a million items)."""
        return rescore(self.store, self.engine, actor=officer.badge)

    def worklist(self, limit: int = 1000) -> tuple[Rescore | None, list[ScoredParcel]]:
        """The last re-score and its parcels, detain first (at most `limit` of them)."""
        return last_rescore(self.store), worklist(self.store, limit=limit)

    def one_per_level(self) -> dict[Level, str]:
        """The first stored parcel of each level (clear, examine, hold): what a demo shows."""
        engine, found = self.engine, {}
        for item in iter_current(self.store.conn):
            level = engine.assess(item.item_id, item, history=self.history).level
            found.setdefault(level, item.item_id)
            if len(found) == len(Level):
                break
        return found

    def operations(self) -> list[Operation]:
        """Special operations, for choosing one to summarise."""
        return operations.listing(self.store)

    def status(self) -> BenchStatus:
        return BenchStatus(
            aed_items=count_current(self.store.conn),
            sync=sync_state(self.store),
            rulepack=self.engine.pack.label,
            db_version=self.store.schema_version,
            holds=holds.counts(self.store).label(),
            operation=operations.running(self.store),
        )
