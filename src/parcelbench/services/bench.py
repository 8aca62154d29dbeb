"""What the bench window asks of the store, in one place: look a parcel up, list today's work.

Why a service of its own: the window must add no business rules (the CLI and the window call
the same code), and every call here runs on the window's database worker thread, never on the
GUI thread. Plain dataclasses out, so the widgets only paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from parcelbench.domain.aed import AedItem
from parcelbench.domain.clock import utc_now_iso
from parcelbench.domain.holds import Hold
from parcelbench.domain.operations import Operation, OperationCounts
from parcelbench.domain.records import Inspection, Scan
from parcelbench.domain.risk import Assessment
from parcelbench.ids import ParsedId
from parcelbench.ids import parse as parse_id
from parcelbench.risk.engine import RiskEngine
from parcelbench.services import holds, operations
from parcelbench.store import Store
from parcelbench.store.aed import SearchHit, StoredItem, count_current, get_current, search
from parcelbench.store.evidence import inspections_since
from parcelbench.store.history import StoreHistory
from parcelbench.store.scans import record_scan
from parcelbench.sync.loop import SyncState
from parcelbench.sync.loop import state as sync_state


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


@dataclass(frozen=True, slots=True)
class BenchStatus:
    """The status bar's facts."""

    aed_items: int
    sync: SyncState  # HQ: online or not, events waiting, parked
    rulepack: str
    db_version: int = 0  # the bench database's schema version
    holds: str = ""  # "holds outstanding 37 · located 4"
    operation: tuple[Operation, OperationCounts] | None = None  # the running one, if any


class Bench:
    """One bench's view of its store; lives on (and is only used from) the worker thread."""

    def __init__(self, store: Store, engine: RiskEngine) -> None:
        self.store = store
        self.engine = engine
        self.history = StoreHistory(store.conn)

    def look_up(
        self, payload: str, *, source: str, symbology: str | None, officer: str | None
    ) -> ParcelView:
        """Parse, record the scan, fetch the AED and assess it.

        A payload that is not a valid parcel id is recorded as a scan and shown as unreadable;
        it is never looked up, so a misread can never show another parcel's data.
        """
        parsed = parse_id(payload)
        now = utc_now_iso()
        if parsed.normalized:
            record_scan(
                self.store,
                Scan(
                    raw=payload,
                    item_id=parsed.normalized,
                    kind=parsed.kind,
                    valid=parsed.valid,
                    source=source,
                    symbology=symbology,
                    at=now,
                    officer_badge=officer,
                ),
            )
        if not parsed.valid:
            return ParcelView(parsed, None, None, source, now)
        hold = holds.located(self.store, parsed.normalized, officer=officer)
        stored = get_current(self.store.conn, parsed.normalized)
        assessment = self.engine.assess(
            parsed.normalized,
            stored.item if stored else None,
            id_valid=True,
            history=self.history,
        )
        return ParcelView(parsed, stored, assessment, source, now, hold)

    def search_aed(self, text: str, limit: int = 50) -> list[SearchHit]:
        """AED by id prefix, party, address, e-mail or description (see `store.aed.search`)."""
        return search(self.store.conn, text, limit=limit)

    def today(self, limit: int = 500) -> list[Inspection]:
        """This bench's inspections since local midnight, newest first."""
        midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        since = midnight.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        return inspections_since(self.store.conn, since, limit=limit)

    def status(self) -> BenchStatus:
        return BenchStatus(
            aed_items=count_current(self.store.conn),
            sync=sync_state(self.store),
            rulepack=self.engine.pack.label,
            db_version=self.store.schema_version,
            holds=holds.counts(self.store).label(),
            operation=operations.running(self.store),
        )
