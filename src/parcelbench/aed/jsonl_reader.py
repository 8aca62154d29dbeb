"""Streaming reader for AED JSON Lines: one item object per line."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import BinaryIO

from parcelbench.aed.errors import FileRefused
from parcelbench.aed.fields import LIST_FIELDS, PARTY_ROLES
from parcelbench.aed.raw import RawItem
from parcelbench.domain.aed import ITEM_SCALAR_FIELDS

_KNOWN = frozenset(
    {"item_id", "version", "contents", *ITEM_SCALAR_FIELDS, *LIST_FIELDS, *PARTY_ROLES}
)


class JsonlReader:
    format = "jsonl"

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.unknown_fields: set[str] = set()

    def __iter__(self) -> Iterator[RawItem]:
        buffered = io.BufferedReader(self._stream, 1 << 16)  # type: ignore[arg-type]
        decode = json.loads
        for number, raw in enumerate(buffered, start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise FileRefused(
                    f"not UTF-8: invalid byte 0x{raw[exc.start]:02x} at column {exc.start + 1}",
                    line=number,
                ) from None
            if not text.strip():
                continue
            try:
                data = decode(text)
            except json.JSONDecodeError as exc:
                raise FileRefused(
                    f"not well-formed JSON Lines: {exc.msg} at column {exc.colno}", line=number
                ) from None
            except RecursionError:  # arrays or objects nested thousands deep: no AED item is
                raise FileRefused(
                    "not AED JSON Lines: values nested too deeply", line=number
                ) from None
            except ValueError as exc:  # a number of more than 4,300 digits
                raise FileRefused(f"not AED JSON Lines: {exc}", line=number) from None
            if not isinstance(data, dict):
                raise FileRefused(
                    "not AED JSON Lines: each line must be one item object", line=number
                )
            extra = data.keys() - _KNOWN
            if extra:
                self.unknown_fields.update(extra)
            yield RawItem(number, data)
