"""Import AED files into the store: stream, validate, write in batches, one transaction a file.

A refused file (or Ctrl-C) rolls its transaction back, so the store never holds half a file.
Items that fail validation are reported with file, line, item id, field and reason, and the
rest of the file imports.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parcelbench.aed.errors import FileRefused, Rejection
from parcelbench.aed.source import AedSource, open_aed
from parcelbench.aed.validate import validate_item
from parcelbench.domain.aed import AedItem
from parcelbench.store import Store
from parcelbench.store.aed import AedImport, ImportCounts

BATCH_SIZE = 2000


@dataclass(frozen=True, slots=True)
class Progress:
    """A snapshot for progress displays: how far through the file, how fast."""

    file: str
    items: int
    bytes_done: int
    bytes_total: int
    elapsed_s: float

    @property
    def items_per_s(self) -> float:
        return self.items / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def eta_s(self) -> float | None:
        if self.bytes_done <= 0 or self.elapsed_s <= 0:
            return None
        rate = self.bytes_done / self.elapsed_s
        return max(0.0, (self.bytes_total - self.bytes_done) / rate)


ProgressCallback = Callable[[Progress], None]


@dataclass
class FileResult:
    file: str
    format: str | None
    counts: ImportCounts = field(default_factory=ImportCounts)
    rejections: list[Rejection] = field(default_factory=list)
    refused: str | None = None
    unknown_fields: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)

    @property
    def refused(self) -> list[FileResult]:
        return [r for r in self.results if r.refused is not None]

    def to_json(self) -> dict[str, Any]:
        total = ImportCounts()
        for result in self.results:
            total.add(result.counts)
        return {
            "files": len(self.results),
            **total.to_json(),
            "rejections": [r.to_json() for res in self.results for r in res.rejections],
            "refused": [{"file": r.file, "reason": r.refused} for r in self.refused],
            "warnings": [
                {"file": r.file, "unknown_fields": r.unknown_fields}
                for r in self.results
                if r.unknown_fields
            ],
        }


def import_files(
    store: Store,
    paths: Iterable[str | Path],
    *,
    actor: str = "system",
    progress: ProgressCallback | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    report = ImportReport()
    for path in paths:
        report.results.append(
            import_file(store, path, actor=actor, progress=progress, batch_size=batch_size)
        )
    return report


def import_file(
    store: Store,
    path: str | Path,
    *,
    actor: str = "system",
    progress: ProgressCallback | None = None,
    batch_size: int = BATCH_SIZE,
) -> FileResult:
    """Import one file; a refusal is reported in the result, never half-applied."""
    name = str(path)
    try:
        source = open_aed(path)
    except FileRefused as exc:
        return FileResult(name, None, refused=str(exc))
    result = FileResult(name, source.format)
    try:
        _stream_into(store, source, result, actor=actor, progress=progress, batch_size=batch_size)
    except FileRefused as exc:
        return FileResult(name, source.format, refused=str(exc))
    finally:
        source.close()
    result.unknown_fields = sorted(source.reader.unknown_fields)
    return result


def _stream_into(
    store: Store,
    source: AedSource,
    result: FileResult,
    *,
    actor: str,
    progress: ProgressCallback | None,
    batch_size: int,
) -> None:
    name = result.file
    started = time.perf_counter()
    next_report = started
    seen = 0
    with AedImport(store, source=name, fmt=source.format, actor=actor) as session:
        batch: list[AedItem] = []
        lines: list[int] = []

        def flush() -> None:
            conflicts = session.add_batch(batch)
            if conflicts:
                extra = [
                    Rejection(name, lines[c.index], batch[c.index].item_id, "version", c.reason)
                    for c in conflicts
                ]
                result.rejections.extend(extra)
                session.reject(extra)
                session.counts.rejected += len(conflicts)
            batch.clear()
            lines.clear()

        for raw in source.reader:
            seen += 1
            checked = validate_item(raw.data, file=name, line=raw.line)
            if isinstance(checked, AedItem):
                batch.append(checked)
                lines.append(raw.line)
                if len(batch) >= batch_size:
                    flush()
            else:
                result.rejections.extend(checked)
                session.reject(checked)
                session.counts.rejected += 1
            if progress is not None and seen % 1000 == 0:
                now = time.perf_counter()
                if now >= next_report:
                    next_report = now + 0.25
                    progress(
                        Progress(name, seen, source.stream.bytes_read, source.size, now - started)
                    )
        if batch:
            flush()
        session.commit(sha256=source.stream.sha256())
        result.counts = session.counts
    if progress is not None:
        progress(Progress(name, seen, source.size, source.size, time.perf_counter() - started))
