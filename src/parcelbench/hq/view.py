"""HQ's read-only page: every bench (last sync, waiting events, chain status) and recent seizures.

Server-rendered HTML with every value escaped; no script, so it shows the same in any browser.
"""

from __future__ import annotations

from html import escape
from typing import Any


def _cell(value: Any) -> str:
    return f"<td>{escape('' if value is None else str(value))}</td>"


def _bench_row(bench: dict[str, Any]) -> str:
    if bench["chain_ok"]:
        chain = '<td class="ok">intact</td>'
    else:
        chain = f'<td class="bad">BROKEN: {escape(bench["chain_error"] or "")}</td>'
    state = "revoked" if bench["revoked"] else "enrolled"
    return (
        f'<tr data-bench="{escape(bench["bench_id"])}">'
        + _cell(bench["bench_id"])
        + _cell(bench["name"])
        + _cell(bench["facility"])
        + _cell(state)
        + _cell(bench["last_sync"] or "never")
        + _cell(bench["pending"] if bench["pending"] is not None else "unknown")
        + _cell(bench["parked"] or 0)
        + _cell(bench["events"])
        + chain
        + "</tr>"
    )


def _seizure_row(seizure: dict[str, Any]) -> str:
    quantity = f"{seizure['quantity']} {seizure['unit'] or ''}".strip()
    return (
        "<tr>"
        + _cell(seizure["seizure_number"])
        + _cell(seizure["facility"])
        + _cell(seizure["bench"])
        + _cell(seizure["category"])
        + _cell(seizure["description"])
        + _cell(quantity)
        + _cell(seizure["at"])
        + "</tr>"
    )


def render(benches: list[dict[str, Any]], seizures: list[dict[str, Any]]) -> str:
    bench_rows = "".join(_bench_row(b) for b in benches) or (
        '<tr><td colspan="9">No bench is enrolled yet.</td></tr>'
    )
    seizure_rows = "".join(_seizure_row(s) for s in seizures) or (
        '<tr><td colspan="7">No seizure has reached HQ yet.</td></tr>'
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ParcelBench HQ</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; }}
table {{ border-collapse: collapse; margin-bottom: 2em; }}
th, td {{ border: 1px solid #bbb; padding: .3em .6em; text-align: left; }}
.ok {{ color: #176117; }} .bad {{ color: #a40000; font-weight: bold; }}
</style></head>
<body>
<h1>ParcelBench HQ</h1>
<h2>Benches</h2>
<table id="benches">
<thead><tr><th>Bench</th><th>Name</th><th>Facility</th><th>State</th><th>Last sync</th>
<th>Pending</th><th>Parked</th><th>Events at HQ</th><th>Audit chain</th></tr></thead>
<tbody>{bench_rows}</tbody></table>
<h2>Recent seizures</h2>
<table id="seizures">
<thead><tr><th>Seizure</th><th>Facility</th><th>Bench</th><th>Category</th><th>Description</th>
<th>Quantity</th><th>At</th></tr></thead>
<tbody>{seizure_rows}</tbody></table>
</body></html>
"""
