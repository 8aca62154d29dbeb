"""Operation and period summaries for supervisors: the numbers, the PDF, the CSV tables.

An operation's summary covers the inspections recorded while it ran (the same window as its
live counts); a period summary covers whole UTC days from one date to another, both included.
Only a supervisor may print or export one; each is an audit row and an outbox event holding
the SHA-256 of what was issued.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from parcelbench.domain.clock import just_after
from parcelbench.domain.records import Officer, Role
from parcelbench.domain.settings import FACILITY
from parcelbench.reports import summary as summary_report
from parcelbench.reports.stats import InspectionFact, SeizureTotal, Summary, summarise
from parcelbench.services.officers import require_role
from parcelbench.store import Store, settings
from parcelbench.store.operations import by_name
from parcelbench.store.reports import inspection_facts, latest_inspection_at, seizure_totals
from parcelbench.store.seizures import record_issued

__all__ = [
    "Summarised",
    "SummaryError",
    "csv_export",
    "empty_note",
    "pdf",
    "scope_for",
    "summarise_scope",
]


class SummaryError(ValueError):
    """The operation or period cannot be summarised as asked; the message says why."""


@dataclass(frozen=True, slots=True)
class Summarised:
    scope: summary_report.Scope
    summary: Summary


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise SummaryError(f"{what} {text!r} is not a date (YYYY-MM-DD)") from None


def scope_for(
    store: Store,
    *,
    operation: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> summary_report.Scope:
    """The window to summarise: a named operation, or from one day to another (UTC)."""
    facility = settings.get(store.conn, FACILITY)
    if operation is not None:
        if since or until:
            raise SummaryError("give either an operation or a period (--from/--to), not both")
        op = by_name(store.conn, " ".join(operation.split()))
        if op is None:
            raise SummaryError(f"no operation named “{operation}” on this bench")
        return summary_report.Scope(
            title=f"Operation summary — {op.name}",
            since=op.started_at,
            until=just_after(op.ended_at) if op.ended_at else "9999",
            facility=facility,
            operation=op.to_json(),
            period=f"{op.started_at} to {op.ended_at or 'now (still running)'}",
        )
    if not since or not until:
        raise SummaryError("give an operation (--operation NAME) or a period (--from D --to D)")
    first, last = _day(since, "start date"), _day(until, "end date")
    if last < first:
        raise SummaryError(f"the end date {last} is before the start date {first}")
    return summary_report.Scope(
        title=f"Period summary — {first.isoformat()} to {last.isoformat()}",
        since=first.isoformat(),
        until=(last + timedelta(days=1)).isoformat(),
        facility=facility,
        period=f"{first.isoformat()} to {last.isoformat()} (whole UTC days)",
    )


def summarise_scope(store: Store, scope: summary_report.Scope) -> Summarised:
    """Read the window's inspections and seizures and compute every rate (no role needed:
    the numbers are what the operation banner already shows)."""
    facts = (
        InspectionFact.from_row(*row)
        for row in inspection_facts(store.conn, scope.since, scope.until)
    )
    totals = [
        SeizureTotal(c, int(n), float(w))
        for c, n, w in seizure_totals(store.conn, scope.since, scope.until)
    ]
    return Summarised(scope, summarise(facts, totals))


def _issued(store: Store, officer: Officer, action: str, done: Summarised, digest: str) -> None:
    record_issued(
        store,
        actor=officer.badge,
        action=action,
        entity=f"summary:{done.scope.since}/{done.scope.until}",
        payload={
            "title": done.scope.title,
            "since": done.scope.since,
            "until": done.scope.until,
            "examined": done.summary.examined,
            "record_sha256": summary_report.record_sha256(done.scope, done.summary),
            "sha256": digest,
        },
    )


def pdf(store: Store, officer: Officer, scope: summary_report.Scope) -> tuple[bytes, Summarised]:
    """The summary PDF (supervisors only), audited with the SHA-256 of its bytes."""
    require_role(officer, Role.SUPERVISOR)
    done = summarise_scope(store, scope)
    data = summary_report.render(done.scope, done.summary)
    _issued(store, officer, "report.summary_printed", done, hashlib.sha256(data).hexdigest())
    return data, done


def csv_export(
    store: Store, officer: Officer, scope: summary_report.Scope
) -> tuple[dict[str, str], Summarised]:
    """The summary tables as CSV texts by file name (supervisors only), audited."""
    require_role(officer, Role.SUPERVISOR)
    done = summarise_scope(store, scope)
    files = summary_report.write_csv(done.summary)
    joined = "".join(f"{name}\n{text}" for name, text in sorted(files.items()))
    _issued(
        store,
        officer,
        "report.summary_exported",
        done,
        hashlib.sha256(joined.encode("utf-8")).hexdigest(),
    )
    return files, done


def empty_note(store: Store, done: Summarised) -> str | None:
    """A one-line note when the summary covers no inspection (None otherwise), naming when the
    bench's latest one was: a period that misses today's work is the usual cause."""
    if done.summary.examined:
        return None
    where = (
        f"operation “{done.scope.operation['name']}”"
        if done.scope.operation
        else f"the period {done.scope.period}"
    )
    latest = latest_inspection_at(store.conn)
    after = (
        f"the latest inspection on this bench was recorded {latest[:10]}"
        if latest
        else "this bench has recorded no inspections yet"
    )
    return f"{where} holds no inspections ({after}); the summary says so"
