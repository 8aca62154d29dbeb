"""Import AED files into the store: stream, validate, write in batches, one transaction a file.

A refused file (or Ctrl-C) rolls its transaction back, so the store never holds half a file.
Items that fail validation are reported with file, line, item id, field and reason, and the
rest of the file imports. The volume index (`parcelbench.store.volume`) is written with each
batch, from keys computed as the items stream (by the reader process for big files), so a
committed file is counted at once; after the files, `volume.catch_up` indexes whatever arrived
some other way (normally nothing). The search index is written with each batch too, except for
big imports (`SEARCH_LATER_BYTES`): writing it is about half of what a million items cost, so
their rows are committed, looked up by id and counted first, and indexed for search after the
import returns (`store.search_index.catch_up`, by whoever imported: the window's import job,
the sync loop, or the command's background indexer). Searches stay complete meanwhile.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from parcelbench.aed.errors import FileRefused, Rejection
from parcelbench.aed.parallel import ParallelReader, can_run
from parcelbench.aed.raw import RawItem
from parcelbench.aed.source import AedSource, open_aed
from parcelbench.aed.validate import validate_item
from parcelbench.domain.aed import AedItem
from parcelbench.risk.entities import VolumeKeys
from parcelbench.store import Store, search_index, volume
from parcelbench.store.aed import AedImport, ImportCounts

BATCH_SIZE = 2000
#: Files at least this large are parsed in a helper process (see `parallel`); smaller ones are
#: not worth the process start.
PARALLEL_MIN_BYTES = 4 * 1024 * 1024
#: Imports at least this large (all files together) leave the search index to catch up after
#: they commit: about 50,000 items, two seconds of indexing.
SEARCH_LATER_BYTES = 64 * 1024 * 1024


class ImportCancelled(Exception):
    """Raised from a progress callback to stop: the file in progress rolls back whole."""


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
    volume_indexed: int = 0  # rows of this file that the volume index counts (see AedImport)


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)
    import_seconds: float = 0.0  # the files, until their last COMMIT
    # rows indexed for volume, by the files' imports and then the catch-up; `seconds` is the
    # catch-up's time only (None: not indexed)
    volume_index: volume.CatchUp | None = None
    # current rows left for the search index to catch up with (0: searchable from the index)
    search_pending: int = 0

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
            "import_seconds": round(self.import_seconds, 2),
            "volume_index": self.volume_index.to_json() if self.volume_index else None,
            "search_pending": self.search_pending,
        }


def import_files(
    store: Store,
    paths: Iterable[str | Path],
    *,
    actor: str = "system",
    progress: ProgressCallback | None = None,
    batch_size: int = BATCH_SIZE,
    parallel: bool | None = None,
    index_volume: bool = True,
    index_search: bool | None = None,
) -> ImportReport:
    """Import the files one after another (one transaction each), indexing their volume as
    they go, then let `volume.catch_up` index anything left.

    `index_volume=False` leaves the index to a later `volume.catch_up` (tests of the import
    alone, and of the catch-up); the bench and the CLI always index. `index_search`: index
    for search as they go (True), or leave it to `search_index.catch_up` (False); None
    decides by size (`SEARCH_LATER_BYTES`). `search_pending` in the report says how many
    rows the catch-up has to do.
    """
    paths = list(paths)
    if index_search is None:
        index_search = _total_bytes(paths) < SEARCH_LATER_BYTES
    report = ImportReport()
    started = time.perf_counter()
    for path in paths:
        report.results.append(
            import_file(
                store,
                path,
                actor=actor,
                progress=progress,
                batch_size=batch_size,
                parallel=parallel,
                index_volume=index_volume,
                index_search=index_search,
            )
        )
    report.import_seconds = time.perf_counter() - started
    if index_volume:
        caught = volume.catch_up(store, progress=_index_progress(store, progress))
        in_import = sum(result.volume_indexed for result in report.results)
        report.volume_index = volume.CatchUp(in_import + caught.indexed, caught.seconds)
    report.search_pending = search_index.pending(store.conn)
    return report


def index_for_search(store: Store, progress: ProgressCallback | None = None) -> volume.CatchUp:
    """Index for search the rows a big import left (`search_pending`), in short transactions;
    shown on the import's progress display as one more "file"."""
    show = None
    if progress is not None:
        started = time.perf_counter()

        def show(done: int, total: int) -> None:
            progress(Progress("search index", done, done, total, time.perf_counter() - started))

    return search_index.catch_up(store, progress=show)


def search_backlog(store: Store) -> int:
    """Current AED rows not yet indexed for search (see `index_for_search`)."""
    return search_index.pending(store.conn)


def index_in_background(db: str | Path) -> subprocess.Popen[bytes]:
    """Start `parcelbench aed index --db DB` on its own, to outlive the command that started
    it: the import has returned, and the search index catches up meanwhile."""
    if getattr(sys, "frozen", False):  # the bundled app is its own interpreter and CLI
        command = [sys.executable, "aed", "index", "--db", str(db), "--quiet"]
    else:
        command = [sys.executable, "-m", "parcelbench", "aed", "index", "--db", str(db), "--quiet"]
    detached: dict[str, Any] = (
        {"creationflags": subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP}
        if sys.platform == "win32"
        else {"start_new_session": True}
    )
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p)),
        **detached,
    )


def _total_bytes(paths: list[str | Path]) -> int:
    total = 0
    for path in paths:
        with suppress(OSError):  # such a file is refused, with its reason, when it is opened
            total += Path(path).stat().st_size
    return total


def _index_progress(
    store: Store, progress: ProgressCallback | None
) -> Callable[[int], None] | None:
    """Volume indexing shown on the import's progress display, as one more "file"."""
    if progress is None:
        return None
    total = volume.pending(store.conn)
    started = time.perf_counter()

    def show(done: int) -> None:
        progress(Progress("volume index", done, done, total, time.perf_counter() - started))

    return show


def import_file(
    store: Store,
    path: str | Path,
    *,
    actor: str = "system",
    progress: ProgressCallback | None = None,
    batch_size: int = BATCH_SIZE,
    parallel: bool | None = None,
    index_volume: bool = True,
    index_search: bool = True,
) -> FileResult:
    """Import one file; a refusal is reported in the result, never half-applied.

    `parallel` parses in a helper process; None decides by file size. `index_volume`,
    `index_search`: see `AedImport`.
    """
    name = str(path)
    try:
        source = open_aed(path)
    except FileRefused as exc:
        return FileResult(name, None, refused=str(exc))
    result = FileResult(name, source.format)
    if parallel is None:
        parallel = source.size >= PARALLEL_MIN_BYTES and can_run()
    feed: _Feed = _ParallelFeed(source) if parallel else _LocalFeed(source)
    try:
        with _cyclic_gc_paused():
            _stream_into(
                store,
                feed,
                result,
                actor=actor,
                progress=progress,
                batch_size=batch_size,
                index_volume=index_volume,
                index_search=index_search,
            )
    except FileRefused as exc:
        return FileResult(name, source.format, refused=str(exc))
    finally:
        source.close()
    result.unknown_fields = sorted(feed.unknown_fields())
    return result


class _Feed(Protocol):
    """Where raw items come from: this process, or the helper reader process."""

    size: int

    def __iter__(self) -> Iterator[RawItem]: ...
    def bytes_read(self) -> int: ...
    def sha256(self) -> str | None: ...
    def unknown_fields(self) -> set[str]: ...


class _LocalFeed:
    def __init__(self, source: AedSource) -> None:
        self.source = source
        self.size = source.size

    def __iter__(self) -> Iterator[RawItem]:
        return iter(self.source.reader)

    def bytes_read(self) -> int:
        return self.source.stream.bytes_read

    def sha256(self) -> str | None:
        return self.source.stream.sha256()

    def unknown_fields(self) -> set[str]:
        return self.source.reader.unknown_fields


class _ParallelFeed:
    def __init__(self, source: AedSource) -> None:
        self.reader = ParallelReader(source.path, source.format)
        self.size = source.size

    def __iter__(self) -> Iterator[RawItem]:
        return iter(self.reader)

    def bytes_read(self) -> int:
        return self.reader.bytes_read

    def sha256(self) -> str | None:
        return self.reader.sha256

    def unknown_fields(self) -> set[str]:
        return self.reader.unknown_fields


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while an import runs.

    An import makes millions of short-lived objects and no reference cycles, so the collector's
    passes find nothing and cost about 5 % of the import (measured); it is switched back on
    however the import ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _stream_into(
    store: Store,
    feed: _Feed,
    result: FileResult,
    *,
    actor: str,
    progress: ProgressCallback | None,
    batch_size: int,
    index_volume: bool,
    index_search: bool,
) -> None:
    name = result.file
    started = time.perf_counter()
    next_report = started
    seen = 0
    with AedImport(
        store,
        source=name,
        fmt=result.format or "?",
        actor=actor,
        index_volume=index_volume,
        index_search=index_search,
    ) as session:
        batch: list[AedItem] = []
        keys: list[VolumeKeys | None] = []
        lines: list[int] = []

        def flush() -> None:
            conflicts = session.add_batch(batch, keys)
            if conflicts:
                extra = [
                    Rejection(name, lines[c.index], batch[c.index].item_id, "version", c.reason)
                    for c in conflicts
                ]
                result.rejections.extend(extra)
                session.reject(extra)
                session.counts.rejected += len(conflicts)
            batch.clear()
            keys.clear()
            lines.clear()

        for raw in feed:
            seen += 1
            checked = raw.checked or validate_item(raw.data, file=name, line=raw.line)
            if isinstance(checked, AedItem):
                batch.append(checked)
                keys.append(raw.keys)  # None: keyed by the session
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
                    progress(Progress(name, seen, feed.bytes_read(), feed.size, now - started))
        if batch:
            flush()
        session.commit(sha256=feed.sha256())
        result.counts = session.counts
        result.volume_indexed = session.volume_indexed
    if progress is not None:
        progress(Progress(name, seen, feed.size, feed.size, time.perf_counter() - started))
