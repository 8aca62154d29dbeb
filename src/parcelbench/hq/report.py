"""HQ's monthly report: the period's figures as a PDF an analyst files, and as CSV tables a
spreadsheet reads — the same figures `hq stats` prints and the HQ page shows.

Why built from `hq.stats` output and nothing else: the report, the page and the JSON must never
disagree, so all three read one dictionary. Helvetica only: every value HQ prints here is a code,
a number or a date (facility codes, origin posts, seizure numbers), never free text a bench
typed, so no font for other scripts is needed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from parcelbench.domain.words import words


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f} %"


def _ci(rate: dict[str, Any]) -> str:
    low, high = rate["ci95"]
    return f"{_pct(rate['rate'])} ({_pct(low)}–{_pct(high)})"


def tables(figures: dict[str, Any]) -> dict[str, tuple[list[str], list[list[str]]]]:
    """{name: (header, rows)} of every table in the report, as text."""
    baseline = [
        [b["facility"], f"{b['targeted']['noncompliant']}/{b['targeted']['exams']}",
         _ci(b["targeted"]), f"{b['random']['noncompliant']}/{b['random']['exams']}",
         _ci(b["random"]), "—" if b["lift"] is None else f"{b['lift']:.2f}",
         str(b["targeted"]["pending"] + b["random"]["pending"])]
        for b in figures["baseline"]
    ]  # fmt: skip
    noncompliance = [
        [r["facility"], r["origin"], words(r["selection"]), str(r["exams"]),
         str(r["noncompliant"]),
         _ci(r), str(r["pending"])]
        for r in figures["noncompliance"]
    ]  # fmt: skip
    targets = [
        [t["metric"], t["scope"], _pct(t["target"]), _pct(t["actual"]), str(t["of"]),
         "—" if t["met"] is None else "met" if t["met"] else "not met",
         "; ".join(f"{m['month']} {_pct(m['actual'])}" for m in t["months"])]
        for t in figures["targets"]
    ]  # fmt: skip
    aed = [
        [a["origin"], str(a["arrived"]), _pct(a["share_with_aed"]), _pct(a["share_on_time"]),
         _pct(a["completeness"])]
        for a in figures["aed_compliance"]
    ]  # fmt: skip
    holds = [
        [h["facility"], str(h["targeted"]), str(h["located"]), str(h["examined"]),
         _pct(h["examined_share"]), _pct(h["examined_in_2_days_share"])]
        for h in figures["holds"]
    ]  # fmt: skip
    seizures = [
        [s["number"], s["facility"], s["item_id"], s["category"], s["at"][:16].replace("T", " ")]
        for s in figures["seizures"]
    ]
    return {
        "baseline": (["Facility", "Targeted", "Rate (95 % CI)", "Random", "Rate (95 % CI)",
                      "Lift", "Pending"], baseline),
        "noncompliance": (["Facility", "Origin", "Why examined", "Exams", "Non-compliant",
                           "Rate (95 % CI)", "Pending"], noncompliance),
        "targets": (["Measure", "Scope", "Target", "Actual", "Of", "Met", "By month"], targets),
        "aed_compliance": (["Origin", "Arrived", "With AED", "On time", "Completeness"], aed),
        "holds": (["Facility", "Targeted", "Located", "Examined", "Share", "Within 2 days"],
                  holds),
        "seizures": (["Seizure", "Facility", "Parcel", "Category", "At (UTC)"], seizures),
    }  # fmt: skip


TITLES = {
    "baseline": "Baseline (random exams) and targeted exams, per facility",
    "noncompliance": "Non-compliance per facility, origin post and reason for the exam",
    "targets": "Targets and progress",
    "aed_compliance": "AED compliance per origin post",
    "holds": "Holds per facility",
    "seizures": "Seizures",
}


def pdf(figures: dict[str, Any]) -> bytes:
    """The report as PDF bytes."""
    styles = getSampleStyleSheet()
    out = io.BytesIO()
    period = figures["period"]
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"ParcelBench HQ report {period['from']} to {period['to']}",
    )
    title = f"ParcelBench HQ report, {period['from']} to {period['to']} (UTC)"
    story: list[Any] = [
        Paragraph(title, styles["Title"]),
        Paragraph(
            "Non-compliance means a finding; the baseline is the random exams only; every rate "
            "has its 95 % Wilson interval; a parcel released on sight is in no rate and a "
            "pending one (a detention, an unanswered referral) is counted apart.",
            styles["Normal"],
        ),
    ]  # fmt: skip
    for name, (header, rows) in tables(figures).items():
        story += [Spacer(1, 6 * mm), Paragraph(TITLES[name], styles["Heading2"])]
        if not rows:
            story.append(Paragraph("None in this period.", styles["Normal"]))
            continue
        table = Table([header, *rows], repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                    ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ]
            )
        )
        story.append(table)
    doc.build(story)
    return out.getvalue()


def _flat(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A figures row as CSV columns: nested rates prefixed, an interval as _low/_high."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out |= _flat(value, f"{name}_")
        elif key == "ci95":
            out[f"{prefix}ci95_low"], out[f"{prefix}ci95_high"] = value
        elif not isinstance(value, list):
            out[name] = value
    return out


#: The sections written as CSV (numbers as numbers, shares from 0 to 1).
CSV_SECTIONS = (
    "baseline", "noncompliance", "noncompliance_by_mail_class", "targets", "aed_compliance",
    "aed_compliance_by_month", "holds", "seizures",
)  # fmt: skip


def write_csv(figures: dict[str, Any], folder: Path) -> list[Path]:
    """One CSV file per section in `folder` (made if missing), plus each target's months;
    the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    sections = {name: [_flat(r) for r in figures[name]] for name in CSV_SECTIONS}
    sections["targets_by_month"] = [
        {"metric": t["metric"], "scope": t["scope"], "target": t["target"], **m}
        for t in figures["targets"]
        for m in t["months"]
    ]
    written = []
    for name, rows in sections.items():
        path = folder / f"{name}.csv"
        columns = list(dict.fromkeys(k for r in rows for k in r))
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    return written
