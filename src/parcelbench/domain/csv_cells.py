"""CSV for spreadsheets: a text cell that a spreadsheet would run as a formula is made inert.

Why: exported tables carry outside data (AED categories, mail classes, rule ids from a pack),
and a supervisor opens them in Excel or LibreOffice. A text cell beginning with `=`, `+`, `-`,
`@`, a tab or a carriage return is read there as a formula (`=HYPERLINK(...)` leaks data,
DDE runs commands). OWASP's rule: prefix such a cell with a single quote, which the spreadsheet
shows as text. Numbers written as numbers (int, float, Decimal) are left alone, so a negative
count or rate stays a number; only text is touched, including text that looks like a negative
number or an identifier beginning with `-`, because the spreadsheet cannot tell those from a
formula (`-2+3`).

Why in `domain`: it is pure, so every writer of a spreadsheet export — reports, services, HQ —
uses this one rule. Machine formats the app reads back (the AED CSV writer) must not use it:
the quote would become part of the data.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TextIO

#: What a spreadsheet reads as the start of a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value` as it may be written to a spreadsheet export: numbers as they are, text that
    would start a formula prefixed with `'`, None as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


def write_rows(out: TextIO, header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> None:
    """A header and rows as comma-separated lines, every cell through `safe_cell`.

    Lines end in CRLF (RFC 4180, what spreadsheets expect), which also makes the writer quote
    a cell holding a bare carriage return; with "\n" it would write it unquoted and split the
    row in two.
    """
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(safe_row(header))
    writer.writerows(safe_row(row) for row in rows)
