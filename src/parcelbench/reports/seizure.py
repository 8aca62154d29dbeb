"""The seizure report / custody receipt for seized property and evidence.

Its fields follow the custody receipt a seizing officer fills in (seizure number, date and
place, seizing officer, what was seized with quantity, unit, weight to 0.01 g, field test,
evidence bags and seals, photos, the parcel's identifiers and parties, the chain of custody).
The report is a pure function of a `SeizureRecord`; its SHA-256 (canonical JSON) is printed
and carried in the QR on every page, so a printed copy can be checked against the bench's
record, and the PDF bytes are the same every time the same record is printed.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer, Table

from parcelbench.domain.aed import AedItem, Party
from parcelbench.domain.canonical import canonical_json, sha256_hex
from parcelbench.domain.exam import LabResult, stored_selection
from parcelbench.domain.records import Inspection, Photo, Seizure
from parcelbench.domain.risk import level_word
from parcelbench.domain.words import words
from parcelbench.reports import layout
from parcelbench.reports.layout import para

#: Blank chain-of-custody lines printed after the recorded ones, for hand entries.
BLANK_CUSTODY_ROWS = 4
WIDTH = layout.PAGE[0] - 2 * layout.MARGIN


@dataclass(frozen=True, slots=True)
class Person:
    badge: str
    name: str

    def label(self) -> str:
        return f"{self.name} ({self.badge})" if self.name else self.badge


@dataclass(frozen=True, slots=True)
class CustodyLine:
    released_by: str
    received_by: str
    at: str
    purpose: str


@dataclass(frozen=True, slots=True)
class SeizureRecord:
    """Everything the report prints, gathered from the store by the seizure service."""

    seizure_number: str
    facility: str
    port_code: str
    status: str
    items: tuple[Seizure, ...]
    inspection: Inspection
    aed: AedItem | None
    seizing_officer: Person
    approved_by: Person | None = None
    approved_at: str | None = None
    photos: tuple[Photo, ...] = ()
    custody: tuple[CustodyLine, ...] = ()
    reviews: tuple[dict[str, Any], ...] = field(default=())
    rule_titles: tuple[tuple[str, str], ...] = ()
    """(rule id, title) of the rules that fired, from the pack version that assessed it."""
    lab_results: tuple[LabResult, ...] = ()
    """The laboratory's results on this seizure's samples, oldest first (the last stands)."""

    def to_json(self) -> dict[str, Any]:
        """The record as hashed: every field, in a stable shape."""

        def seizure(s: Seizure) -> dict[str, Any]:
            return {
                "seizure_number": s.seizure_number,
                "category": s.category,
                "description": s.description,
                "quantity": s.quantity,
                "unit": s.unit,
                "weight_g": s.weight_g,
                "at": s.at,
                "field_test": s.field_test,
                "field_test_result": s.field_test_result,
                "substance": s.substance,
                "lab_sample": s.lab_sample,
                "evidence_bags": list(s.evidence_bags),
                "seals": list(s.seals),
                "witness": s.witness,
            }

        i = self.inspection
        return {
            "seizure_number": self.seizure_number,
            "facility": self.facility,
            "port_code": self.port_code,
            "status": self.status,
            "items": [seizure(s) for s in self.items],
            "inspection": {
                "uuid": i.uuid,
                "item_id": i.item_id,
                "outcome": str(i.outcome),
                "officer_badge": i.officer_badge,
                "at": i.at,
                "targeted": i.targeted,
                "reason": i.reason,
                "noncompliance": list(i.noncompliance),
                "notes": i.notes,
                "aed_version": i.aed_version,
                "risk": i.risk,
            },
            "aed": self.aed.to_json() if self.aed else None,
            "seizing_officer": [self.seizing_officer.badge, self.seizing_officer.name],
            "approved_by": (
                [self.approved_by.badge, self.approved_by.name] if self.approved_by else None
            ),
            "approved_at": self.approved_at,
            "photos": [[p.sha256, p.size, p.taken_at, p.caption] for p in self.photos],
            "custody": [[c.released_by, c.received_by, c.at, c.purpose] for c in self.custody],
            "reviews": list(self.reviews),
        } | (
            ({"rule_titles": [list(t) for t in self.rule_titles]} if self.rule_titles else {})
            | ({"exam": {"selection": i.selection, **i.exam.to_json()}} if i.selection else {})
            | ({"lab_results": [asdict(x) for x in self.lab_results]} if self.lab_results else {})
        )  # keys only records that have them: a record made before them hashes as it did

    @property
    def sha256(self) -> str:
        return sha256_hex(canonical_json(self.to_json()))


def _when(iso: str | None) -> str:
    """ISO 8601 as printed: 2026-11-27 14:03 UTC (or with the offset it was given in)."""
    if not iso:
        return "—"
    if "T" not in iso:
        return iso
    day, clock = iso.split("T", 1)
    offset = "UTC" if clock.endswith("Z") else ""
    for sign in "+-":
        if sign in clock:
            offset = sign + clock.rsplit(sign, 1)[1]
    return f"{day} {clock[:5]} {offset}".strip()


def _party(p: Party | None) -> str:
    if p is None:
        return "— (no advance electronic data)"
    lines = [
        p.name,
        p.business,
        p.street,
        " ".join(x for x in (p.postcode, p.city, p.state) if x),
        p.country,
        p.phone,
        p.email,
    ]
    return "\n".join(x for x in lines if x)


def _grams(value: float) -> str:
    return f"{value:,.2f} g"


def _facts(rows: list[tuple[str, Any]], st: dict[str, Any], label_w: float) -> Table:
    """Label / value pairs as a two-column grid."""
    data = [[para(k, st["head"]), _multi(v, st["cell"])] for k, v in rows]
    t = Table(data, colWidths=[label_w, WIDTH - label_w], hAlign="LEFT")
    t.setStyle(
        layout.style(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, layout.GRID),
                ("BACKGROUND", (0, 0), (0, -1), layout.HEAD_BG),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


def _multi(value: Any, style: Any) -> Paragraph:
    text = layout.markup("" if value is None else str(value)).replace("\n", "<br/>")
    return Paragraph(text, style)


def _header(r: SeizureRecord, st: dict[str, Any]) -> list[Any]:
    barcode = Code128(
        r.seizure_number,
        barWidth=0.36 * mm,
        barHeight=12 * mm,
        humanReadable=True,
        fontName=layout.fonts.REGULAR,
        fontSize=8,
    )
    approved = (
        f"{r.approved_by.label()} on {_when(r.approved_at)}"
        if r.approved_by
        else f"NOT APPROVED (status: {r.status})"
    )
    barcode.hAlign = "LEFT"
    first = r.items[0] if r.items else None
    return [
        para("Seizure report — custody receipt for seized property and evidence", st["h1"]),
        Spacer(1, 2 * mm),
        barcode,
        Spacer(1, 6 * mm),  # the human-readable line is drawn below the bars
        _facts(
            [
                ("Seizure number", r.seizure_number),
                ("Facility", r.facility),
                ("Port", r.port_code),
                ("Date of seizure", _when(first.at if first else r.inspection.at)),
                ("Date of examination", _when(r.inspection.at)),
                ("Seizing officer", r.seizing_officer.label()),
                ("Approving supervisor", approved),
                ("Witness", first.witness if first and first.witness else "—"),
                ("Record SHA-256", r.sha256),
            ],
            st,
            38 * mm,
        ),
    ]


def _parcel(r: SeizureRecord, st: dict[str, Any]) -> list[Any]:
    a, i = r.aed, r.inspection
    ids = [("Item id", i.item_id)]
    if a is not None:
        ids += [
            ("AED version", str(a.version)),
            ("Sent", _when(a.sent_at)),
            ("Mail class / category", f"{a.mail_class or '—'} / {words(a.category) or '—'}"),
            ("Gross weight", f"{a.gross_weight_kg} kg" if a.gross_weight_kg is not None else "—"),
            ("Declared value", f"{a.total_value or '—'} {a.currency or ''}".strip()),
            (
                "Invoice / licences",
                ", ".join(x for x in (a.invoice_no, *a.licence_nos) if x) or "—",
            ),
        ]
    parties = Table(
        [
            [para("Sender", st["head"]), para("Addressee", st["head"])],
            [
                _multi(_party(a.sender if a else None), st["cell"]),
                _multi(_party(a.addressee if a else None), st["cell"]),
            ],
        ],
        colWidths=[WIDTH / 2, WIDTH / 2],
        hAlign="LEFT",
    )
    parties.setStyle(
        layout.style(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, layout.GRID),
                ("BACKGROUND", (0, 0), (-1, 0), layout.HEAD_BG),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    declared = [
        (
            c.description,
            str(c.quantity),
            f"{c.net_weight_kg} kg" if c.net_weight_kg is not None else "—",
            f"{c.value or '—'} {c.currency or ''}".strip(),
            c.hs_code or "—",
            c.origin_country or "—",
        )
        for c in (a.contents if a else ())
    ] or [("— no declaration received —", "", "", "", "", "")]
    found = "; ".join(
        x
        for x in (
            ", ".join(s.description for s in r.items),
            ("non-compliance: " + ", ".join(map(words, i.noncompliance)))
            if i.noncompliance
            else "",
            i.reason or "",
            i.notes or "",
        )
        if x
    )
    return [
        para("The parcel", st["h2"]),
        _facts(ids, st, 38 * mm),
        Spacer(1, 2 * mm),
        parties,
        Spacer(1, 2 * mm),
        layout.table(
            ["Declared contents", "Qty", "Net weight", "Value", "HS code", "Origin"],
            declared,
            [WIDTH - 112 * mm, 12 * mm, 22 * mm, 28 * mm, 28 * mm, 22 * mm],
            st,
        ),
        Spacer(1, 2 * mm),
        _facts([("Found at examination", found or "—")], st, 38 * mm),
    ]


def _field_test(s: Seizure) -> str:
    """ "Raman: positive fentanyl (lab sample LS-1)": the kit, its result, what it named."""
    said = " ".join(x for x in (s.field_test_result, s.substance) if x) or "—"
    sample = f" (lab sample {s.lab_sample})" if s.lab_sample else ""
    return f"{s.field_test or '—'}: {said}{sample}"


def _items(r: SeizureRecord, st: dict[str, Any]) -> list[Any]:
    rows = [
        (
            s.seizure_number.rsplit("-", 1)[-1],
            words(s.category),
            s.description,
            f"{s.quantity:g}",
            s.unit,
            _grams(s.weight_g),
            _field_test(s),
            ", ".join((*s.evidence_bags, *(f"seal {x}" for x in s.seals))) or "—",
        )
        for s in r.items
    ]
    labs = [
        (
            x.seizure_number.rsplit("-", 1)[-1],
            x.lab_sample,
            " ".join(v for v in (x.result, x.substance) if v),
            x.laboratory + (f" ({x.report_ref})" if x.report_ref else ""),
            x.at[:16].replace("T", " "),
        )
        for x in r.lab_results
    ]
    lab_table = (
        [
            para("Laboratory results", st["h2"]),
            layout.table(
                ["Line", "Lab sample", "Result", "Laboratory (report)", "Recorded (UTC)"],
                labs,
                [11 * mm, 35 * mm, 50 * mm, WIDTH - 136 * mm, 40 * mm],
                st,
            ),
        ]
        if labs
        else []
    )
    return [
        para("Seized items", st["h2"]),
        layout.table(
            [
                "Line",
                "Category",
                "Description",
                "Qty",
                "Unit",
                "Weight",
                "Field test: result",
                "Evidence bags / seals",
            ],
            rows,
            [11 * mm, 27 * mm, WIDTH - 157 * mm, 11 * mm, 14 * mm, 20 * mm, 37 * mm, 37 * mm],
            st,
        ),
        *lab_table,
    ]


def _risk(r: SeizureRecord, st: dict[str, Any]) -> list[Any]:
    risk = r.inspection.risk or {}
    ins = r.inspection
    why = words(stored_selection(ins.selection, ins.targeted))
    how = ", ".join(words(m) for m in ins.exam.methods) or "—"
    titles = dict(r.rule_titles)
    rules = (
        "; ".join(
            f"{rule} — {titles[rule]}" if rule in titles else rule for rule in risk.get("rules", ())
        )
        or "— none fired —"
    )
    rows = [
        ("Why examined", why + (" (random-exam draw)" if risk.get("random_exam") else "")),
        ("How examined", how),
        (
            "Risk level / score",
            f"{level_word(risk.get('level')) or '—'} / {risk.get('score', '—')}",
        ),
        ("Rule pack", risk.get("rulepack") or "—"),
        ("Rules that fired", rules),
    ]
    if risk.get("links"):
        rows.append(("Linked earlier seizures", ", ".join(risk["links"])))
    return [para("Risk flags that led to the examination", st["h2"]), _facts(rows, st, 38 * mm)]


def _photos(r: SeizureRecord, files: Mapping[str, Path], st: dict[str, Any]) -> list[Any]:
    """Photos two to a row, each with its caption, time, size and SHA-256."""
    heading = para("Evidence photos", st["h2"])
    if not r.photos:
        return [heading, para("No photos attached.", st["body"])]
    cells = []
    for n, p in enumerate(r.photos, start=1):
        path = files.get(p.sha256)
        thumb: Any = para("(photo file not on this bench)", st["small"])
        if path is not None and path.exists():
            # from the bytes, not the path: reportlab names an image by its file name, and the
            # same record must give the same PDF wherever the bench keeps its photos
            data = io.BytesIO(path.read_bytes())
            thumb = Image(data, width=60 * mm, height=38 * mm, kind="proportional")
        cells.append(
            [
                thumb,
                para(
                    f"Photo {n}: {p.caption or ''} · taken {_when(p.taken_at)} · {p.size:,} bytes",
                    st["small"],
                ),
                para("SHA-256", st["small"]),
                para(p.sha256, st["mono"]),
            ]
        )
    if len(cells) % 2:
        cells.append("")
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    t = Table(rows, colWidths=[WIDTH / 2, WIDTH / 2], hAlign="LEFT")
    t.setStyle(
        layout.style(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, layout.GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ]
        )
    )
    return [heading, t]


def _custody(r: SeizureRecord, st: dict[str, Any]) -> list[Any]:
    rows: list[tuple[Any, ...]] = [
        (c.released_by, c.received_by, _when(c.at), c.purpose, "", "") for c in r.custody
    ]
    rows += [("", "", "", "", "", "")] * BLANK_CUSTODY_ROWS
    widths = [34 * mm, 34 * mm, 28 * mm, WIDTH - 160 * mm, 32 * mm, 32 * mm]
    t = layout.table(
        [
            "Released by",
            "Received by",
            "Date / time",
            "Purpose",
            "Signature (released)",
            "Signature (received)",
        ],
        rows,
        widths,
        st,
        row_height=11 * mm,
    )
    sign = Table(
        [
            ["", "", ""],
            [
                para(
                    f"Seizing officer {r.seizing_officer.label()}: signature and date", st["small"]
                ),
                "",
                para(
                    "Approving supervisor "
                    + (r.approved_by.label() if r.approved_by else "")
                    + ": signature and date",
                    st["small"],
                ),
            ],
        ],
        colWidths=[WIDTH * 0.45, WIDTH * 0.1, WIDTH * 0.45],
        rowHeights=[14 * mm, None],
        hAlign="LEFT",
    )
    sign.setStyle(
        layout.style(
            [
                ("LINEBELOW", (0, 0), (0, 0), 0.6, layout.GRID),
                ("LINEBELOW", (2, 0), (2, 0), 0.6, layout.GRID),
            ]
        )
    )
    return [
        para("Chain of custody", st["h2"]),
        t,
        KeepTogether([Spacer(1, 4 * mm), sign]),
    ]


def render(record: SeizureRecord, photo_files: Mapping[str, Path] | None = None) -> bytes:
    """The report as PDF bytes (the same record always gives the same bytes)."""
    st = layout.styles()
    story: list[Any] = []
    story += _header(record, st)
    story += _parcel(record, st)
    story += _items(record, st)
    story += _risk(record, st)
    story += _photos(record, photo_files or {}, st)
    story += _custody(record, st)
    stamp = layout.Stamp(
        title=f"Seizure {record.seizure_number}",
        left=f"{record.facility} · port {record.port_code}",
        right=f"status: {record.status}",
        qr=f"PARCELBENCH SEIZURE {record.seizure_number} SHA256 {record.sha256}",
        footer=f"Record SHA-256 {record.sha256}",
    )
    return layout.build(story, stamp, subject=f"Seizure {record.seizure_number}")
