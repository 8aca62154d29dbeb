"""Streaming reader for AED CSV: one row per content piece, item fields repeated.

Consecutive rows with the same item_id and version form one item; parties are flattened as
`sender_name`, `addressee_city`, … and content fields are prefixed `content_`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from parcelbench.aed.errors import FileRefused
from parcelbench.aed.fields import (
    CONTENT_FIELDS,
    CSV_COLUMNS,
    CSV_LIST_SEPARATOR,
    LIST_FIELDS,
    PARTY_ROLES,
)
from parcelbench.aed.raw import RawItem
from parcelbench.domain.aed import ITEM_SCALAR_FIELDS, PARTY_FIELDS

_ITEM_SCALARS = ("item_id", "version", *ITEM_SCALAR_FIELDS)


class CsvReader:
    format = "csv"

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.unknown_fields: set[str] = set()

    def __iter__(self) -> Iterator[RawItem]:
        text = io.TextIOWrapper(
            io.BufferedReader(self._stream, 1 << 16),  # type: ignore[arg-type]
            encoding="utf-8-sig",
            errors="strict",
            newline="",
        )
        reader = csv.reader(text)
        try:
            yield from self._items(reader)
        except UnicodeDecodeError:
            raise FileRefused("not UTF-8: invalid byte", line=reader.line_num + 1) from None
        except csv.Error as exc:
            raise FileRefused(f"not well-formed CSV: {exc}", line=reader.line_num) from None

    def _items(self, reader: Any) -> Iterator[RawItem]:
        header = next(reader, None)
        if not header:
            raise FileRefused("not AED: the CSV file has no header row")
        header = [h.strip().lower() for h in header]
        if "item_id" not in header:
            raise FileRefused("not AED: the CSV header has no item_id column", line=1)
        self.unknown_fields.update(h for h in header if h and h not in CSV_COLUMNS)
        col = {name: i for i, name in enumerate(header) if name in CSV_COLUMNS}
        width = len(header)
        item_cols = [(n, col[n]) for n in _ITEM_SCALARS if n in col]
        list_cols = [(n, col[n]) for n in LIST_FIELDS if n in col]
        party_cols = [
            (role, [(f, col[f"{role}_{f}"]) for f in PARTY_FIELDS if f"{role}_{f}" in col])
            for role in PARTY_ROLES
        ]
        content_cols = [(f, col[f"content_{f}"]) for f in CONTENT_FIELDS if f"content_{f}" in col]
        id_col = col["item_id"]
        version_col = col.get("version")

        current: dict[str, Any] | None = None
        current_key: tuple[str, str] | None = None
        current_line = 0
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            line = reader.line_num
            if len(row) != width:
                raise FileRefused(
                    f"not well-formed CSV: {len(row)} fields where the header has {width}",
                    line=line,
                )
            key = (row[id_col], row[version_col] if version_col is not None else "")
            if key != current_key:
                if current is not None:
                    yield RawItem(current_line, current)
                current = {n: row[i] for n, i in item_cols if row[i] != ""}
                for name, i in list_cols:
                    if row[i]:
                        current[name] = [v for v in row[i].split(CSV_LIST_SEPARATOR) if v]
                for role, cols in party_cols:
                    current[role] = {f: row[i] for f, i in cols if row[i] != ""}
                current["contents"] = []
                current_key = key
                current_line = line
            piece = {f: row[i] for f, i in content_cols if row[i] != ""}
            if piece:
                current["contents"].append(piece)  # type: ignore[index]
        if current is not None:
            yield RawItem(current_line, current)
