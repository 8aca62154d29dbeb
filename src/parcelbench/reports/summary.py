"""The operation / period summary: what was examined, what was found, against the baseline.

It reports non-compliance overall and per stratum (origin country, mail class, category) for
targeted exams and for the random exams that give the baseline, each with a 95 % Wilson
interval; seizures by category with their weights; and each rule's hit rate (how often the
parcels it flagged were found non-compliant) — the feedback the rule pack is tuned with.
Tables split across pages with their header repeated; the CSV export holds the same numbers
unformatted.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from parcelbench.domain.canonical import canonical_json, sha256_hex
from parcelbench.domain.csv_cells import write_rows
from parcelbench.domain.words import words
from parcelbench.reports import fonts, layout
from parcelbench.reports.layout import para
from parcelbench.reports.stats import STRATA, Rate, Split, Summary

WIDTH = layout.PAGE[0] - 2 * layout.MARGIN
TARGETED_COLOUR = colors.HexColor("#c0392b")
RANDOM_COLOUR = colors.HexColor("#2e86c1")
CHART_ROWS = 12  # strata values shown in a chart (the table lists them all)


@dataclass(frozen=True, slots=True)
class Scope:
    """What the summary covers: an operation or a period, at one facility."""

    title: str
    since: str
    until: str
    facility: str
    operation: dict[str, Any] | None = None
    period: str = ""  # as printed, e.g. "2026-11-10 to 2026-11-14 (UTC days)"


def _rate_cols(r: Rate) -> list[Any]:
    lo, hi = r.interval
    return [r.n, r.hits, round(r.rate, 6), round(lo, 6), round(hi, 6)]


def csv_tables(summary: Summary) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Every table of the report as raw numbers: name -> (header, rows)."""
    rate_head = ["examined", "noncompliant", "rate", "ci_low", "ci_high"]
    split_head = (
        [f"all_{h}" for h in rate_head]
        + [f"targeted_{h}" for h in rate_head]
        + [f"random_{h}" for h in rate_head]
        + ["lift"]
    )

    def split(s: Split) -> list[Any]:
        lift = s.lift
        return [
            *_rate_cols(s.all),
            *_rate_cols(s.targeted),
            *_rate_cols(s.random),
            None if lift is None else round(lift, 4),
        ]

    strata = [[key, value, *split(s)] for key, _ in STRATA for value, s in summary.stratum(key)]
    return {
        "overall": (split_head, [split(summary.overall)]),
        "outcomes": (
            ["outcome", "inspections"],
            [[k, v] for k, v in summary.outcome_rows()],
        ),
        "strata": (["stratum", "value", *split_head], strata),
        "seizures": (
            ["category", "seizures", "weight_g"],
            [[s.category, s.seizures, round(s.weight_g, 2)] for s in summary.seizures],
        ),
        "rules": (
            ["rule", *rate_head],
            [[rule, *_rate_cols(rate)] for rule, rate in summary.rule_rows()],
        ),
    }


def record_sha256(scope: Scope, summary: Summary) -> str:
    """SHA-256 of what the report states (scope and every table), for the QR and footer."""
    body = {"scope": _scope_json(scope), "tables": csv_tables(summary)}
    return sha256_hex(canonical_json(body))


def _scope_json(scope: Scope) -> dict[str, Any]:
    return {
        "title": scope.title,
        "since": scope.since,
        "until": scope.until,
        "facility": scope.facility,
        "operation": scope.operation,
        "period": scope.period,
    }


def write_csv(summary: Summary) -> dict[str, str]:
    """CSV text per table (file name -> text), UTF-8, comma-separated, CRLF, one header row.

    For spreadsheets: text cells that would start a formula are made inert (`csv_cells`);
    the record's SHA-256 is taken over the values themselves, before that.
    """
    out: dict[str, str] = {}
    for name, (header, rows) in csv_tables(summary).items():
        buf = io.StringIO()
        write_rows(buf, header, rows)
        out[f"{name}.csv"] = buf.getvalue()
    return out


# -- PDF ----------------------------------------------------------------------------------------


def _pct(r: Rate, *, ci: bool = True) -> str:
    if not r.n:
        return "—"
    lo, hi = r.interval
    return f"{r.rate:.1%} [{lo:.1%}–{hi:.1%}]" if ci else f"{r.rate:.1%}"


def _lift(s: Split) -> str:
    return "—" if s.lift is None else f"{s.lift:.1f}×"


def _headline(scope: Scope, summary: Summary, st: dict[str, Any]) -> list[Any]:
    o = summary.overall
    seized = summary.outcomes.get("seized", 0)
    rows = [
        ("Examined", f"{o.all.n:,}"),
        ("Targeted / random exams", f"{o.targeted.n:,} / {o.random.n:,}"),
        ("Non-compliant (all exams)", f"{o.all.hits:,} — {_pct(o.all)}"),
        ("Targeted exams: non-compliance", f"{o.targeted.hits:,} — {_pct(o.targeted)}"),
        ("Baseline (random exams)", f"{o.random.hits:,} — {_pct(o.random)}"),
        ("Targeting lift over baseline", _lift(o)),
        (
            "Seizures",
            f"{seized:,} inspections; "
            f"{sum(s.seizures for s in summary.seizures):,} seizure records, "
            f"{sum(s.weight_g for s in summary.seizures):,.2f} g",
        ),
    ]
    if scope.operation:
        op = scope.operation
        rows.insert(
            0,
            (
                "Operation",
                f"{op['name']} ({op['starts_on']} – {op['ends_on']}), "
                f"started by {op['started_by']}"
                + (f", ended by {op['ended_by']}" if op.get("ended_by") else " (still running)"),
            ),
        )
        rows.insert(
            1,
            (
                "Planned rates",
                f"targeted {op['targeted_rate']:.0%}, random {op['random_rate']:.0%}",
            ),
        )
    rows.insert(0, ("Facility", scope.facility))
    rows.insert(1, ("Inspections recorded", scope.period or f"{scope.since} to {scope.until}"))
    return [
        para(scope.title, st["h1"]),
        Spacer(1, 3 * mm),
        layout.table(["Measure", "Figure"], rows, [62 * mm, WIDTH - 62 * mm], st),
        para(
            "Rates are non-compliant parcels out of those examined, with 95 % Wilson "
            "confidence intervals in brackets. The baseline is the rate found by random "
            "(untargeted) exams; lift is the targeted rate divided by the baseline.",
            st["small"],
        ),
    ]


def _outcomes(summary: Summary, st: dict[str, Any]) -> list[Any]:
    total = summary.examined or 1
    rows = [(words(k), f"{v:,}", f"{v / total:.1%}") for k, v in summary.outcome_rows()]
    return [
        para("Outcomes", st["h2"]),
        layout.table(
            ["Outcome", "Inspections", "Share"],
            rows or [("—", "0", "")],
            [60 * mm, 30 * mm, 30 * mm],
            st,
        ),
    ]


def _no_inspections(scope: Scope) -> Drawing:
    """What stands in the chart's place when nothing was examined: a sentence, not empty axes
    whose every tick reads "0 %" (which looks like a broken chart, not an empty period)."""
    where = "during this operation" if scope.operation else "in this period"
    d = Drawing(WIDTH, 14 * mm)
    d.add(
        String(
            WIDTH / 2,
            5 * mm,
            f"No inspections {where}",
            fontName=fonts.BOLD,
            fontSize=11,
            textAnchor="middle",
            fillColor=colors.HexColor("#5d6d7e"),
        )
    )
    return layout.embedded_fonts(d)


def _rates_chart(summary: Summary, key: str, heading: str) -> Drawing:
    """Targeted vs baseline non-compliance per stratum value (largest strata first)."""
    rows = summary.stratum(key)[:CHART_ROWS]
    width, height = WIDTH, 62 * mm
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = (
        12 * mm,
        12 * mm,
        width - 50 * mm,
        height - 22 * mm,
    )
    chart.data = [
        [round(s.targeted.rate * 100, 2) for _, s in rows] or [0],
        [round(s.random.rate * 100, 2) for _, s in rows] or [0],
    ]
    chart.categoryAxis.categoryNames = [words(v)[:10] for v, _ in rows] or ["—"]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 6.5
    chart.valueAxis.valueMin = 0
    if not any(any(series) for series in chart.data):
        chart.valueAxis.valueMax = 100  # all compliant: a 0–100 % scale, not six "0 %" ticks
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labelTextFormat = "%d %%"
    chart.bars[0].fillColor = TARGETED_COLOUR
    chart.bars[1].fillColor = RANDOM_COLOUR
    chart.barSpacing = 1
    chart.groupSpacing = 6
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 34 * mm, height - 16 * mm
    legend.fontName = fonts.REGULAR
    legend.fontSize = 7
    legend.colorNamePairs = [(TARGETED_COLOUR, "targeted"), (RANDOM_COLOUR, "random (baseline)")]
    d.add(legend)
    d.add(
        String(
            0,
            height - 6,
            f"Non-compliance by {heading.lower()}: targeted vs baseline",
            fontName=fonts.BOLD,
            fontSize=8,
        )
    )
    return d


def _stratum(summary: Summary, key: str, heading: str, st: dict[str, Any]) -> list[Any]:
    rows = [
        (
            words(value),
            f"{s.all.n:,}",
            _pct(s.all),
            f"{s.targeted.n:,}",
            _pct(s.targeted),
            f"{s.random.n:,}",
            _pct(s.random),
            _lift(s),
        )
        for value, s in summary.stratum(key)
    ] or [("—", "0", "—", "0", "—", "0", "—", "—")]
    fixed = (26 * mm, 15 * mm, 19 * mm, 17 * mm, 17 * mm)  # value, exams, targeted, random, lift
    w = WIDTH - sum(fixed)
    return [
        para(f"Non-compliance by {heading.lower()}", st["h2"]),
        layout.table(
            [
                heading,
                "Exams",
                "Non-compliance (all)",
                "Targeted",
                "Targeted rate",
                "Random",
                "Baseline (random)",
                "Lift",
            ],
            rows,
            [fixed[0], fixed[1], w / 3, fixed[2], w / 3, fixed[3], w / 3, fixed[4]],
            st,
        ),
    ]


def _seizures_chart(summary: Summary) -> Drawing:
    rows = summary.seizures[:CHART_ROWS]
    height = max(30 * mm, (len(rows) * 6 + 16) * mm / 1.6)
    d = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40 * mm, 6 * mm, WIDTH - 60 * mm, height - 16 * mm
    chart.data = [[s.seizures for s in reversed(rows)] or [0]]
    chart.categoryAxis.categoryNames = [words(s.category) for s in reversed(rows)] or ["—"]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 6.5
    chart.bars[0].fillColor = TARGETED_COLOUR
    d.add(chart)
    d.add(String(0, height - 6, "Seizures by category", fontName=fonts.BOLD, fontSize=8))
    return layout.embedded_fonts(d)


def _seizures(summary: Summary, st: dict[str, Any]) -> list[Any]:
    rows = [
        (words(s.category), f"{s.seizures:,}", f"{s.weight_g:,.2f} g") for s in summary.seizures
    ]
    return [
        para("Seizures by category", st["h2"]),
        layout.table(
            ["Category", "Seizures", "Total weight"],
            rows or [("—", "0", "0.00 g")],
            [60 * mm, 30 * mm, 40 * mm],
            st,
        ),
        *([Spacer(1, 3 * mm), _seizures_chart(summary)] if summary.seizures else []),
    ]


def _rules(summary: Summary, st: dict[str, Any]) -> list[Any]:
    baseline = summary.overall.random
    rows = [
        (
            rule,
            f"{r.n:,}",
            f"{r.hits:,}",
            _pct(r),
            "—" if not baseline.hits else f"{r.rate / baseline.rate:.1f}×",
        )
        for rule, r in summary.rule_rows()
    ] or [("— no rule fired on these inspections —", "", "", "", "")]
    return [
        para("Flag hit-rate per rule", st["h2"]),
        para(
            "How often the parcels each rule flagged were found non-compliant: feedback for "
            "the rule pack. A rule whose hit rate is near the baseline adds little.",
            st["small"],
        ),
        Spacer(1, 1.5 * mm),
        layout.table(
            ["Rule", "Parcels flagged", "Non-compliant", "Hit rate [95 % CI]", "vs baseline"],
            rows,
            [WIDTH - 124 * mm, 24 * mm, 30 * mm, 46 * mm, 24 * mm],
            st,
        ),
    ]


def render(scope: Scope, summary: Summary) -> bytes:
    """The summary as PDF bytes (the same scope and numbers always give the same bytes)."""
    st = layout.styles()
    digest = record_sha256(scope, summary)
    story: list[Any] = []
    story += _headline(scope, summary, st)
    story += _outcomes(summary, st)
    story.append(Spacer(1, 4 * mm))
    story.append(
        KeepTogether([_rates_chart(summary, "origin", "Origin country")])
        if summary.examined
        else _no_inspections(scope)
    )
    for key, heading in STRATA:
        story += _stratum(summary, key, heading, st)
    story += _seizures(summary, st)
    story += _rules(summary, st)
    stamp = layout.Stamp(
        title=scope.title,
        left=f"{scope.facility} · {scope.period or scope.since + ' to ' + scope.until}",
        right=f"{summary.examined:,} inspections",
        qr=f"PARCELBENCH SUMMARY {scope.title} SHA256 {digest}",
        footer=f"Summary SHA-256 {digest}",
    )
    return layout.build(story, stamp, subject=scope.title)
