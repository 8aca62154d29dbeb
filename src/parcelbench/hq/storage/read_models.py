"""HQ's query tables, kept from the event log: seizures, inspections with their verdict, holds,
arrivals.

Why tables of their own: every figure HQ publishes (non-compliance against the random
baseline, AED compliance per origin post, seizures per facility) is a query over these, not a
scan of JSON payloads. They are written in the transaction that stores the events, so they are
never behind the log, and `rebuild` makes them again from the log alone (`hq rebuild`): the
log is the record, these tables are a view of it.

`claim_seizure_numbers` runs before the events are stored: a seizure number is one parcel's for
good (it is what a claimant and the forfeiture office track), so a second bench sending the
same number has that event refused, and parked on the bench with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from parcelbench.domain.exam import stored_selection, verdict
from parcelbench.domain.postal_decision import postal_decision
from parcelbench.domain.words import words
from parcelbench.hq.storage import arrival_counts, latest, links
from parcelbench.hq.storage.db import AFTER_MIGRATION, Database, Tx
from parcelbench.hq.storage.schema import COUNTED_FROM, READ_MODELS_FROM
from parcelbench.ids import parse


@dataclass(frozen=True, slots=True)
class Told:
    """A feed item an event calls for (`feed_out.append_all` puts it in the feed)."""

    kind: str
    name: str
    body: dict[str, Any]
    by: str


@dataclass(frozen=True, slots=True)
class Stored:
    """An event as the read models take it: whose, which kind, its record."""

    event_id: str
    bench_id: str
    kind: str
    record: dict[str, Any]


def origin_and_class(item_id: str) -> tuple[str, str]:
    """The origin post (an S10 id's country) and the mail class (its service indicator's
    first letter: E express, C parcel, R registered, L letter, U, V…); for any other id
    (a domestic IMpb, a carrier's own) "other"."""
    parsed = parse(item_id)
    if parsed.kind == "s10" and len(parsed.normalized) == 13:
        return parsed.normalized[11:], parsed.normalized[0]
    return "other", "other"


def claim_seizure_numbers(
    tx: Tx, bench_id: str, facility: str, events: Sequence[Stored]
) -> dict[str, str]:
    """Hold each seizure event's number for this bench (its row in `rm_seizures`); {event id:
    why refused} for numbers another bench holds. Insert first, then read who holds it, so two
    benches sending one number at the same instant cannot both keep it."""
    items = {
        str(e.record.get("uuid")): str(e.record.get("item_id", ""))
        for e in events
        if e.kind == "inspection.recorded"
    }
    refused: dict[str, str] = {}
    for event in events:
        if event.kind != "seizure.recorded":
            continue
        number = str(event.record.get("seizure_number", ""))
        _seizure(tx, event, facility, items)
        row = tx.one(
            "SELECT s.bench_id, b.name, b.facility FROM rm_seizures s "
            "JOIN benches b ON b.bench_id = s.bench_id WHERE s.seizure_number = ?",
            (number,),
        )
        if row is not None and row[0] != bench_id:
            refused[event.event_id] = (
                f"seizure number {number} is already held at HQ by bench {row[1]} ({row[2]}); "
                "enroll this bench with its facility's port (`hq enroll --port`) so it numbers "
                "in a segment of its own, then send the record again"
            )
    return refused


def _seizure(tx: Tx, event: Stored, facility: str, items: dict[str, str] | None = None) -> None:
    r = event.record
    uuid = str(r.get("inspection_uuid", ""))
    item_id = (items or {}).get(uuid)
    if item_id is None:
        found = tx.one("SELECT item_id FROM rm_inspections WHERE uuid = ?", (uuid,))
        item_id = str(found[0]) if found else ""
    tx.run(
        "INSERT INTO rm_seizures (seizure_number, bench_id, facility, item_id, inspection_uuid, "
        "category, at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (seizure_number) DO NOTHING",
        (
            r["seizure_number"],
            event.bench_id,
            facility,
            item_id,
            uuid,
            r.get("category", ""),
            r.get("at", ""),
            event.event_id,
        ),
    )


def _inspections(tx: Tx, events: list[Stored], facility: str, keep_latest: bool) -> None:
    """Inspections, and the message the posts receive for each (an amendment's names the
    message it corrects), two statements for a whole batch: ingest keeps its pace. With
    `keep_latest`, which record of each parcel counts is kept too (`latest`)."""
    if not events:
        return
    # a record without a parcel id counts for no parcel (and would make every such record
    # the same parcel's history)
    parcels = [(str(e.record["item_id"]), str(e.record.get("at", ""))) for e in events
               if e.record.get("item_id")]  # fmt: skip
    if keep_latest:
        latest.hold(tx, [item for item, _ in parcels])
    inspections, decisions = [], []
    for event in events:
        r = event.record
        exam = r.get("exam") or {}
        origin, mail_class = origin_and_class(str(r.get("item_id", "")))
        outcome = str(r.get("outcome", ""))
        judged = verdict(
            outcome,
            noncompliance=bool(r.get("noncompliance")),
            return_reason=exam.get("return_reason"),
        )
        inspections.append(
            (r["uuid"], event.bench_id, facility, r.get("item_id", ""), origin, mail_class,
             outcome, stored_selection(r.get("selection"), bool(r.get("targeted", True))),
             int(bool(r.get("noncompliance"))), str(judged), r.get("at", ""), r.get("amends"),
             event.event_id, r.get("officer_badge", ""))
        )  # fmt: skip
        said = postal_decision(outcome, exam.get("return_reason"))
        decisions.append(
            (r["uuid"], r.get("item_id", ""), origin, facility, said.code, said.decision,
             said.reason, r.get("at", ""), r.get("amends") or "")
        )  # fmt: skip
    tx.many(
        "INSERT INTO rm_inspections (uuid, bench_id, facility, item_id, origin, mail_class, "
        "outcome, selection, noncompliance, verdict, at, amends, event_id, officer) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING",
        inspections,
    )
    # a first decision is a plain row (one statement for the batch); an amendment names the
    # message it corrects, looked up once the ones before it are in
    tx.many(
        "INSERT INTO rm_decisions (inspection_uuid, item_id, origin, facility, code, decision, "
        "reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (inspection_uuid) DO NOTHING",
        [d[:-1] for d in decisions if not d[-1]],
    )
    tx.many(
        "INSERT INTO rm_decisions (inspection_uuid, item_id, origin, facility, code, decision, "
        "reason, at, corrects) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
        "(SELECT d.seq FROM rm_decisions d WHERE d.inspection_uuid = ?)) "
        "ON CONFLICT (inspection_uuid) DO NOTHING",
        [d for d in decisions if d[-1]],
    )
    if keep_latest:
        latest.mark(
            tx, parcels, [str(e.record["amends"]) for e in events if e.record.get("amends")]
        )


def _referral_closed(tx: Tx, event: Stored) -> None:
    r = event.record
    row = tx.one(
        "SELECT outcome, noncompliance FROM rm_inspections WHERE uuid = ?",
        (r.get("inspection_uuid", ""),),
    )
    if row is None:
        return
    judged = verdict(
        str(row[0]), noncompliance=bool(row[1]), referral_finding=bool(r.get("finding"))
    )
    tx.run(
        "UPDATE rm_inspections SET verdict = ? WHERE uuid = ?",
        (str(judged), r["inspection_uuid"]),
    )


def _announce(
    tx: Tx, event: Stored, facility: str, hold: dict[str, Any], status: str, told: list[Told]
) -> None:
    """Tell the facility's other benches (a feed item addressed to the facility) that this
    bench located or examined the held parcel: where, by whom, with what outcome."""
    row = tx.one("SELECT name FROM benches WHERE bench_id = ?", (event.bench_id,))
    bench = str(row[0]) if row else event.bench_id
    at = hold.get("examined_at" if status == "examined" else "located_at")
    where = f"located at {bench}"
    if status == "examined":
        found = tx.one(
            "SELECT officer, outcome, at FROM rm_inspections WHERE uuid = ?",
            (hold.get("inspection_uuid") or "",),
        )
        where = f"examined at {bench}"
        if found is not None:
            where += f" by {found[0]}: {words(str(found[1]))}"
            at = at or found[2]
    body = {
        "facility": facility,
        "item_id": hold["item_id"],
        "targeted_on": hold["targeted_on"],
        "status": status,
        "at": at or event.record.get("at") or "",
        "where": where,
    }
    told.append(Told("hold_state", f"{hold['item_id']} {status}", body, f"bench:{bench}"))


def _holds_imported(tx: Tx, event: Stored, facility: str, told: list[Told] | None) -> None:
    """A targeting list a bench imported: one row per facility, parcel and targeting date,
    however many of the facility's benches imported the same list."""
    rows = [
        (facility, h["item_id"], h["targeted_on"], h.get("reason", ""), h.get("source", ""))
        for h in event.record.get("holds", [])
        if h.get("change") == "added"
    ]
    if rows:
        tx.many(
            "INSERT INTO rm_holds (facility, item_id, targeted_on, reason, source, status) "
            "VALUES (?, ?, ?, ?, ?, 'outstanding') "
            "ON CONFLICT (facility, item_id, targeted_on) DO NOTHING",
            rows,
        )
    for h in event.record.get("holds", []):
        if h.get("change") == "added" and h.get("status") == "examined":
            _hold_examined(tx, event, facility, told, h)


def _hold_located(tx: Tx, event: Stored, facility: str, told: list[Told] | None) -> None:
    h = event.record
    changed = tx.run(
        "UPDATE rm_holds SET status = 'located', located_at = ?, located_by = ? "
        "WHERE facility = ? AND item_id = ? AND targeted_on = ? AND status = 'outstanding'",
        (h.get("located_at"), event.bench_id, facility, h["item_id"], h["targeted_on"]),
    )
    if changed and told is not None:
        _announce(tx, event, facility, h, "located", told)


def _hold_examined(
    tx: Tx,
    event: Stored,
    facility: str,
    told: list[Told] | None,
    hold: dict[str, Any] | None = None,
) -> None:
    h = hold or event.record
    at = h.get("examined_at") or h.get("located_at")
    if at is None and h.get("inspection_uuid"):  # examined before the list reached the bench
        found = tx.one("SELECT at FROM rm_inspections WHERE uuid = ?", (h["inspection_uuid"],))
        at = found[0] if found else None
    changed = tx.run(
        "UPDATE rm_holds SET status = 'examined', located_at = coalesce(located_at, ?), "
        "located_by = coalesce(located_by, ?), examined_at = ?, examined_by = ?, "
        "inspection_uuid = ? WHERE facility = ? AND item_id = ? AND targeted_on = ? "
        "AND status <> 'examined'",
        (at, event.bench_id, at, event.bench_id, h.get("inspection_uuid"), facility,
         h["item_id"], h["targeted_on"]),
    )  # fmt: skip
    if changed and told is not None:
        _announce(tx, event, facility, {**h, "examined_at": at}, "examined", told)


def _seized_parties(tx: Tx, event: Stored, facility: str, told: list[Told] | None) -> None:
    """A seizure's party keys: kept, and fanned out to every bench of every facility, so a
    parcel anywhere that shares a party with it is flagged with the link."""
    r = event.record
    entities = [e for e in r.get("entities", []) if isinstance(e, dict)]
    tx.many(
        "INSERT INTO rm_seized_parties (seizure_number, facility, bench_id, item_id, role, kind, "
        "key, block, display) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (seizure_number, role, kind, key) DO NOTHING",
        [
            (r["seizure_number"], facility, event.bench_id, r.get("item_id", ""), e["role"],
             e["kind"], e["key"], e.get("block"), e.get("display") or "")
            for e in entities
        ],
    )  # fmt: skip
    if told is not None and entities:
        body = {
            "seized_at": facility,
            "seizure_number": r["seizure_number"],
            "item_id": r.get("item_id", ""),
            "entities": entities,
        }
        told.append(Told("seized_parties", r["seizure_number"], body, f"bench:{event.bench_id}"))


def apply(
    tx: Tx, facility: str, events: Iterable[Stored], *, told: list[Told] | None = None,
    keep_latest: bool = True,
) -> None:  # fmt: skip
    """What the events just stored say, into the query tables (in the log's order). Given
    `told` (at ingest; never when the tables are rebuilt from the log), what the other benches
    should hear is added to it — a hold located or examined for its facility's benches, a
    seizure's parties for every bench — for the caller to put in the feed as its transaction's
    last step (`feed_out.append_all`). A rebuild leaves `keep_latest` to one `latest.refill`
    at its end."""
    events = list(events)
    _inspections(tx, [e for e in events if e.kind == "inspection.recorded"], facility, keep_latest)
    for event in events:  # what reads the inspections comes after them, in the log's order
        if event.kind == "seizure.recorded":
            _seizure(tx, event, facility)
        elif event.kind == "referral.closed":
            _referral_closed(tx, event)
        elif event.kind == "holds.imported":
            _holds_imported(tx, event, facility, told)
        elif event.kind == "hold.located":
            _hold_located(tx, event, facility, told)
        elif event.kind == "hold.examined":
            _hold_examined(tx, event, facility, told)
        elif event.kind == "seizure.parties":
            _seized_parties(tx, event, facility, told)


def add_arrivals(tx: Tx, bench_id: str, facility: str, rows: Sequence[dict[str, Any]]) -> int:
    """A bench's scans as arrivals (idempotent on the bench's scan id); how many were new."""
    if not rows:
        return 0
    span = (bench_id, min(int(r["scan_id"]) for r in rows), max(int(r["scan_id"]) for r in rows))
    held = "SELECT count(*) FROM rm_arrivals WHERE bench_id = ? AND scan_id BETWEEN ? AND ?"
    before = int((tx.one(held, span) or (0,))[0])
    scans = [
        arrival_counts.Arrival(
            str(r["item_id"]),
            bench_id,
            int(r["scan_id"]),
            facility,
            str(r["at"]),
            *origin_and_class(str(r["item_id"])),
            int(bool(r["aed_present"])),
            int(bool(r["aed_on_time"])),
            r.get("aed_completeness"),
        )
        for r in rows
    ]
    tx.many(
        "INSERT INTO rm_arrivals (bench_id, scan_id, item_id, facility, at, origin, mail_class, "
        "aed_present, aed_on_time, aed_completeness) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (bench_id, scan_id) DO NOTHING",
        [(a.bench_id, a.scan_id, a.item_id, a.facility, a.at, a.origin, a.mail_class,
          a.aed_present, a.aed_on_time, a.aed_completeness) for a in scans],
    )  # fmt: skip
    arrival_counts.count(tx, scans)
    return int((tx.one(held, span) or (0,))[0]) - before


def rebuild(db: Database, page: int = 5000) -> dict[str, int]:
    """Empty the query tables and fill them again from the event log (arrivals are kept: they
    are not in the log). {table: rows} afterwards."""
    with db.tx() as tx:
        tx.run("DELETE FROM rm_seizures")
        tx.run("DELETE FROM rm_inspections")
        tx.run("DELETE FROM rm_holds")
        tx.run("DELETE FROM rm_seized_parties")
        rebuild_in(tx, page)
        refill_counted(tx)
        return counts(tx)


def counts(tx: Tx) -> dict[str, int]:
    """Rows in each query table."""
    return {
        "rm_seizures": int((tx.one("SELECT count(*) FROM rm_seizures") or (0,))[0]),
        "rm_inspections": int((tx.one("SELECT count(*) FROM rm_inspections") or (0,))[0]),
        "rm_holds": int((tx.one("SELECT count(*) FROM rm_holds") or (0,))[0]),
        "rm_seized_parties": int((tx.one("SELECT count(*) FROM rm_seized_parties") or (0,))[0]),
        "rm_arrivals": int((tx.one("SELECT count(*) FROM rm_arrivals") or (0,))[0]),
        "rm_first_arrivals": int((tx.one("SELECT count(*) FROM rm_first_arrivals") or (0,))[0]),
    }


def rebuild_in(tx: Tx, page: int = 5000) -> None:
    """`rebuild`'s fill, inside a transaction the caller holds (also the schema migration's)."""
    facility_of = dict(tx.rows("SELECT bench_id, facility FROM benches"))
    last: tuple[str, int] = ("", -1)
    while True:
        rows = tx.rows(
            "SELECT event_id, bench_id, kind, payload, seq FROM events "
            "WHERE kind IN ('inspection.recorded', 'seizure.recorded', 'referral.closed', "
            "'holds.imported', 'hold.located', 'hold.examined', 'seizure.parties') "
            "AND (bench_id > ? OR (bench_id = ? AND seq > ?)) ORDER BY bench_id, seq LIMIT ?",
            (last[0], last[0], last[1], page),
        )
        if not rows:
            return
        for event_id, bench_id, kind, payload, _seq in rows:
            record = (json.loads(payload) if isinstance(payload, str) else payload)["record"]
            stored = Stored(event_id, bench_id, kind, record)
            apply(tx, facility_of.get(bench_id, ""), [stored], keep_latest=False)
        last = (rows[-1][1], int(rows[-1][4]))


def refill_counted(tx: Tx) -> None:
    """Which record of each parcel counts, and each parcel's first arrival with the day
    counts, again from the tables (`latest`, `arrival_counts`)."""
    latest.refill(tx)
    arrival_counts.refill(tx)


AFTER_MIGRATION[READ_MODELS_FROM] = rebuild_in  # what HQ held before the tables existed


def _counted_and_blocks(tx: Tx) -> None:
    refill_counted(tx)
    links.fill_blocks(tx)


AFTER_MIGRATION[COUNTED_FROM] = _counted_and_blocks
