"""A targeting list file: read, checked row by row, refused whole at the first bad row.

Why in `domain`: the bench imports these files and HQ validates them before publishing them to
every bench, so the rules are one pure module both use (no store, no service). A list that
imported "except row 212" would leave a parcel targeted at HQ but invisible at the bench, so one
bad row (parcel id and check digit, reason, source, date) refuses the whole file, with a
one-line message naming the file, line and field (and every problem in `HoldsRefused.problems`).

Accepted files: CSV with the header `item_id,reason,source,targeted_on` (any order, extra
columns ignored and reported; `,`, `;` or tab separated), or JSON Lines with the same keys, in
UTF-8. `targeted_on` is a date, `YYYY-MM-DD`.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from parcelbench.domain.holds import NewHold
from parcelbench.ids import parse as parse_id

COLUMNS: tuple[str, ...] = ("item_id", "reason", "source", "targeted_on")
MAX_FILE_BYTES = 32 * 1024 * 1024  # ~300,000 holds; a targeting list is far smaller
MAX_REASON = 500
MAX_SOURCE = 80
EARLIEST = date(2000, 1, 1)
MAX_PROBLEMS = 1000  # enough to fix a file; a wholly wrong file stops being counted there

_BINARY_MAGIC: dict[bytes, str] = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document: save the sheet as CSV)",
    b"\x1f\x8b": "a gzip archive",
    b"SQLite format 3\x00": "an SQLite database",
}
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_MISSING = {
    "item_id": "missing: every hold names the parcel id",
    "reason": "missing: every hold says why the parcel was targeted",
    "source": "missing: every hold says who targeted it (e.g. HQ targeting, CBP ATS, local)",
    "targeted_on": "missing: the date targeted, as YYYY-MM-DD",
}


@dataclass(frozen=True, slots=True)
class HoldProblem:
    """One field of one row that stops the file from importing."""

    file: str
    line: int
    item_id: str | None
    field: str
    reason: str

    def text(self) -> str:
        return f"{self.file} line {self.line}, {self.field}: {self.reason}"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class HoldsRefused(Exception):
    """The targeting list imports nothing; `str()` is one line an operator can act on."""

    def __init__(self, file: str, reason: str, problems: tuple[HoldProblem, ...] = ()) -> None:
        self.file = file
        self.reason = reason
        self.problems = problems
        super().__init__(reason)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "refused": self.reason,
            "problems": [p.to_json() for p in self.problems],
        }


@dataclass(frozen=True, slots=True)
class HoldsFile:
    """A targeting list read and validated: every row good, one `NewHold` per item id."""

    file: str
    format: str
    sha256: str
    rows: int
    holds: list[NewHold]
    unknown_fields: list[str] = field(default_factory=list)


# -- reading ----------------------------------------------------------------------------------


def _sniff(name: str, data: bytes) -> tuple[str, str]:
    """(format, text) of a holds file, or `HoldsRefused` saying what the file is instead."""
    if not data.strip():
        raise HoldsRefused(name, f"{name}: empty file, no holds in it; nothing imported")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise HoldsRefused(name, f"{name}: binary file ({what}), not a holds list")
    if data.startswith(_WIDE_BOMS):
        raise HoldsRefused(name, f"{name}: not UTF-8 (UTF-16/UTF-32); save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise HoldsRefused(name, f"{name}: binary file (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise HoldsRefused(
            name,
            f"{name} line {line}: not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
        ) from None
    head = text.lstrip(" \t\r\n")
    if head.startswith("{"):
        return "jsonl", text
    if head.startswith("["):
        raise HoldsRefused(name, f"{name}: a JSON array, not JSON Lines: one hold object a line")
    first = head.split("\n", 1)[0].strip().lower()
    if re.search(r"(^|[,;\t\"])\s*item_id\s*([,;\t\"]|$)", first):
        return "csv", text
    raise HoldsRefused(
        name,
        f"{name}: not a holds list: expected a CSV header {','.join(COLUMNS)} "
        "or JSON Lines objects with those keys",
    )


def _csv_rows(name: str, text: str, unknown: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, {column: value}) per CSV row; a malformed table refuses the file."""
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
        while not any(cell.strip() for cell in header):
            header = next(reader)
        names = [cell.strip().lower() for cell in header]
        header_line = reader.line_num
        for column in COLUMNS:
            if column not in names:
                raise HoldsRefused(
                    name,
                    f"{name} line {header_line}, {column}: the CSV header has no {column} column "
                    f"(expected {','.join(COLUMNS)}); nothing imported",
                )
        twice = sorted({n for n in names if n and names.count(n) > 1})
        if twice:
            raise HoldsRefused(
                name, f"{name} line {header_line}: column {twice[0]} appears twice in the header"
            )
        unknown.extend(n for n in names if n not in COLUMNS)
        index = {column: names.index(column) for column in COLUMNS}
        previous = reader.line_num
        for row in reader:
            line, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(names):
                yield line, {"_row": f"{len(row)} fields where the header has {len(names)}"}
                continue
            yield line, {column: row[i] for column, i in index.items()}
    except StopIteration:
        raise HoldsRefused(name, f"{name}: no CSV header row") from None
    except csv.Error as exc:
        raise HoldsRefused(
            name, f"{name} line {reader.line_num}: not well-formed CSV ({exc}); nothing imported"
        ) from None


def _jsonl_rows(name: str, text: str, unknown: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, object) per JSON Lines line; a line that is not an object is a problem row."""
    extra: set[str] = set()
    for line, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield line, {"_row": f"not well-formed JSON ({exc.msg} at column {exc.colno})"}
            continue
        except RecursionError:  # nested thousands deep: no hold is
            yield line, {"_row": "not a hold object: values nested too deeply"}
            continue
        except ValueError:  # a number of more than 4,300 digits
            yield line, {"_row": "not a hold object: a number too long to read"}
            continue
        if not isinstance(data, dict):
            yield line, {"_row": "each line must be one hold object"}
            continue
        extra.update(k for k in data if k not in COLUMNS)
        yield line, data
    unknown.extend(sorted(extra))


def _text(value: Any, column: str, limit: int) -> tuple[str | None, str | None]:
    """(clean text, None) or (None, problem): whitespace collapsed to single spaces."""
    if value is None:
        return None, _MISSING[column]
    if not isinstance(value, str):
        return None, f"must be text, got {json.dumps(value)[:40]}"
    if _CONTROL.search(value):
        return None, "holds control characters"
    clean = _SPACES.sub(" ", value).strip()
    if not clean:
        return None, _MISSING[column]
    if len(clean) > limit:
        return None, f"longer than {limit} characters"
    return clean, None


def _targeted_on(value: Any, today: date) -> tuple[str | None, str | None]:
    text, problem = _text(value, "targeted_on", 40)
    if text is None:
        return None, problem
    if not _DATE.fullmatch(text):
        return None, f"not a date: expected YYYY-MM-DD, got {text!r}"
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None, f"not a real date: {text!r}"
    if day < EARLIEST:
        return None, f"{text} is before {EARLIEST.isoformat()}"
    if day > today + timedelta(days=1):
        return None, f"{text} is in the future"
    return text, None


def _validate(
    name: str, line: int, data: dict[str, Any], today: date
) -> tuple[NewHold | None, list[HoldProblem]]:
    raw_id = data.get("item_id")
    shown = raw_id.strip() if isinstance(raw_id, str) and raw_id.strip() else None
    if "_row" in data:
        return None, [HoldProblem(name, line, None, "row", data["_row"])]
    problems: list[HoldProblem] = []

    def bad(column: str, reason: str | None) -> None:
        problems.append(HoldProblem(name, line, shown, column, reason or "invalid"))

    item_id: str | None = None
    text, problem = _text(raw_id, "item_id", 60)
    if text is None:
        bad("item_id", problem)
    else:
        parsed = parse_id(text)
        if parsed.valid:
            item_id = parsed.normalized
        else:
            bad("item_id", f"{text!r}: {parsed.error}")
    reason, problem = _text(data.get("reason"), "reason", MAX_REASON)
    if reason is None:
        bad("reason", problem)
    source, problem = _text(data.get("source"), "source", MAX_SOURCE)
    if source is None:
        bad("source", problem)
    targeted, problem = _targeted_on(data.get("targeted_on"), today)
    if targeted is None:
        bad("targeted_on", problem)
    if problems:
        return None, problems
    assert item_id and reason and source and targeted
    return NewHold(item_id, reason, source, targeted, line), []


def read_holds_file(path: str | Path, *, today: date | None = None) -> HoldsFile:
    """Read and check a whole targeting list; `HoldsRefused` if any row is bad.

    The file is read whole (lists are small; the size is capped), so the SHA-256 recorded
    with the batch is of exactly the bytes checked.
    """
    path = Path(path)
    name = path.name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise HoldsRefused(
                name, f"{name}: {size:,} bytes is too large for a holds list (over 32 MiB)"
            )
        data = path.read_bytes()
    except IsADirectoryError:
        raise HoldsRefused(name, f"{name}: is a directory, not a holds list") from None
    except FileNotFoundError:
        raise HoldsRefused(name, f"{name}: no such file") from None
    except PermissionError:
        raise HoldsRefused(name, f"{name}: permission denied") from None
    except OSError as exc:
        raise HoldsRefused(name, f"{name}: cannot read it ({exc.strerror})") from None
    file_format, text = _sniff(name, data)
    today = today or datetime.now().astimezone().date()
    unknown: list[str] = []
    rows = (
        _csv_rows(name, text, unknown) if file_format == "csv" else _jsonl_rows(name, text, unknown)
    )
    problems: list[HoldProblem] = []
    held: dict[str, NewHold] = {}
    count = 0
    for line, data_row in rows:
        count += 1
        hold, found = _validate(name, line, data_row, today)
        if hold is not None:
            first = held.get(hold.item_id)
            if first is None:
                held[hold.item_id] = hold
            elif first.content != hold.content:
                found = [
                    HoldProblem(
                        name,
                        line,
                        hold.item_id,
                        "item_id",
                        f"{hold.item_id} is also on line {first.line} with a different "
                        "reason, source or date",
                    )
                ]
        problems.extend(found)
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        more = len(problems) - 1
        tail = f" (and {more} more problem{'s' * (more > 1)})" if more else ""
        raise HoldsRefused(name, f"{problems[0].text()}; nothing imported{tail}", tuple(problems))
    if not held:
        raise HoldsRefused(name, f"{name}: a header but no holds; nothing imported")
    return HoldsFile(
        file=name,
        format=file_format,
        sha256=hashlib.sha256(data).hexdigest(),
        rows=count,
        holds=list(held.values()),
        unknown_fields=unknown,
    )
