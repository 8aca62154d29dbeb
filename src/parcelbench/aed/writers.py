"""Write AED items (interchange JSON shape) as XML, JSON Lines or CSV, streaming.

Used by `parcelbench demo-data` and by tests that build files item by item; the readers in this
package read back exactly what these write.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from parcelbench.aed.fields import (
    CONTENT_FIELDS,
    CSV_COLUMNS,
    CSV_LIST_SEPARATOR,
    LIST_FIELDS,
    PARTY_ROLES,
    XML_NAMESPACE,
    pascal,
)
from parcelbench.domain.aed import ITEM_SCALAR_FIELDS, PARTY_FIELDS

FORMATS = ("xml", "jsonl", "csv")

_ITEM_TAGS = [(name, pascal(name)) for name in ("item_id", "version", *ITEM_SCALAR_FIELDS)]
_PARTY_TAGS = [(name, pascal(name)) for name in PARTY_FIELDS]
_CONTENT_TAGS = [(name, pascal(name)) for name in CONTENT_FIELDS]


def _text(value: Any) -> str:
    return escape(str(value))


def _xml_item(item: dict[str, Any]) -> str:
    parts = ["  <Item>\n"]
    for name, tag in _ITEM_TAGS:
        value = item.get(name)
        if value is None or name == "currency":
            continue
        if name == "total_value" and item.get("currency"):
            parts.append(
                f"    <{tag} currency={quoteattr(item['currency'])}>{_text(value)}</{tag}>\n"
            )
        else:
            parts.append(f"    <{tag}>{_text(value)}</{tag}>\n")
    if item.get("currency") and item.get("total_value") is None:
        parts.append(f"    <Currency>{_text(item['currency'])}</Currency>\n")
    for name, tag in LIST_FIELDS.items():
        for value in item.get(name) or ():
            parts.append(f"    <{tag}>{_text(value)}</{tag}>\n")
    for role in PARTY_ROLES:
        party = item.get(role) or {}
        tag = pascal(role)
        parts.append(f"    <{tag}>\n")
        for name, child in _PARTY_TAGS:
            if party.get(name) is not None:
                parts.append(f"      <{child}>{_text(party[name])}</{child}>\n")
        parts.append(f"    </{tag}>\n")
    for piece in item.get("contents") or ():
        parts.append("    <Content>\n")
        for name, child in _CONTENT_TAGS:
            value = piece.get(name)
            if value is None or name == "currency":
                continue
            if name == "value" and piece.get("currency"):
                attr = quoteattr(piece["currency"])
                parts.append(f"      <{child} currency={attr}>{_text(value)}</{child}>\n")
            else:
                parts.append(f"      <{child}>{_text(value)}</{child}>\n")
        if piece.get("currency") and piece.get("value") is None:
            parts.append(f"      <Currency>{_text(piece['currency'])}</Currency>\n")
        parts.append("    </Content>\n")
    parts.append("  </Item>\n")
    return "".join(parts)


def write_xml(
    items: Iterable[dict[str, Any]],
    out: TextIO,
    *,
    batch_id: str = "batch",
    created_at: str = "2026-11-01T00:00:00Z",
) -> int:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f'<AedBatch xmlns="{XML_NAMESPACE}" batchId={quoteattr(batch_id)} '
        f"createdAt={quoteattr(created_at)}>\n"
    )
    count = 0
    for item in items:
        out.write(_xml_item(item))
        count += 1
    out.write("</AedBatch>\n")
    return count


def write_jsonl(items: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        count += 1
    return count


def _csv_rows(item: dict[str, Any]) -> list[list[str]]:
    base: dict[str, str] = {}
    for name in ("item_id", "version", *ITEM_SCALAR_FIELDS):
        if item.get(name) is not None:
            base[name] = str(item[name])
    for name in LIST_FIELDS:
        if item.get(name):
            base[name] = CSV_LIST_SEPARATOR.join(item[name])
    for role in PARTY_ROLES:
        for name, value in (item.get(role) or {}).items():
            if value is not None:
                base[f"{role}_{name}"] = str(value)
    rows = []
    for piece in item.get("contents") or [{}]:
        row = dict(base)
        for name, value in piece.items():
            if value is not None:
                row[f"content_{name}"] = str(value)
        rows.append([row.get(col, "") for col in CSV_COLUMNS])
    return rows


def write_csv(items: Iterable[dict[str, Any]], out: TextIO) -> int:
    """AED as CSV, the interchange encoding the importer reads back (`aed.csv_reader`).

    Cells are written exactly, never made inert for spreadsheets (`domain.csv_cells`): this is
    a machine format, and a quote before `+86 755…` or `-` would become part of the data on
    import. Open it in a spreadsheet only with formulas disabled.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for item in items:
        writer.writerows(_csv_rows(item))
        count += 1
    return count


def write(fmt: str, items: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write items in one of `FORMATS`; returns how many were written."""
    if fmt == "xml":
        return write_xml(items, out)
    if fmt == "jsonl":
        return write_jsonl(items, out)
    if fmt == "csv":
        return write_csv(items, out)
    raise ValueError(f"unknown AED format {fmt!r}; use one of {', '.join(FORMATS)}")
