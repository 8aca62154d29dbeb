"""Read an AED file in a helper process, so parsing and storing use both cores.

Parsing XML (lxml holds the GIL while libxml2 parses) and validating + writing items each take
about as long as the other, so on a two-core bench a million-item import fits its budget only
when they run side by side. The helper is a plain `python -m parcelbench.aed.parallel FILE`
child (not multiprocessing, which would re-import the caller's main module). It streams items
back as length-prefixed marshal frames on its stdout, most of them validated and with their
volume keys, the others raw for the writer to validate (`VALIDATE_SHARE`: how the work is
split); the pipe's small buffer makes it wait when the writer falls behind, so memory stays
flat.
"""

from __future__ import annotations

import gc
import marshal
import os
import struct
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any, BinaryIO

from parcelbench.aed.errors import FileRefused
from parcelbench.aed.raw import RawItem
from parcelbench.aed.source import open_aed
from parcelbench.aed.validate import validate_item
from parcelbench.domain.aed import AedItem, ContentPiece, Party
from parcelbench.risk.entities import VolumeKeys, item_volume_keys

BATCH = 400
#: The share of items the helper validates and keys itself, by format (see `produce`): the rest
#: go to the writer raw. Parsing XML costs the helper three times what JSON Lines does (40 and
#: 14 µs an item, storing one 25 µs: `bench/aed_floor.py`), so it leaves the writer more of the
#: validating. Measured on a million items: XML 0.2–0.4 best (0.6 and 1.0 slower), JSON Lines
#: 0.8 (0.6, 0.9 and 1.0 slower); CSV, parsed in C like JSON, as JSON Lines.
VALIDATE_SHARE = {"xml": 0.3, "jsonl": 0.8, "csv": 0.8}
PIPE_BYTES = 1 << 20
_HEADER = struct.Struct("!I")

Frame = tuple[int, dict[str, Any] | None, tuple[Any, ...] | None, VolumeKeys | None]
"""One item on the wire: (line, raw data, None, None), or (line, None, validated item, keys)."""


def _send(out: BinaryIO, message: tuple[Any, ...]) -> None:
    """Write one frame whole, straight to the file descriptor.

    marshal: raw items are plain dicts, lists and strings, and marshal moves those about twice
    as fast as pickle. Only this module's own child process ever writes the stream.

    Not through `out.write`: when a stop signal (Ctrl-Z, a debugger or profiler attaching)
    interrupts a blocked pipe write, the kernel returns a partial count, and Python 3.11's
    BufferedWriter then corrupts the stream (bytes of a large frame lost or repeated; measured,
    `tests/aed/test_parallel.py`). A plain write loop resumes where the kernel stopped.
    """
    data = marshal.dumps(message)
    frame = memoryview(_HEADER.pack(len(data)) + data)
    fd = out.fileno()
    while frame:
        frame = frame[os.write(fd, frame) :]


_PARTY_WIRE = attrgetter(*(f.name for f in fields(Party)))
_CONTENT_WIRE = attrgetter(*(f.name for f in fields(ContentPiece)))
_ITEM_TAIL = attrgetter(*(f.name for f in fields(AedItem)[4:]))


def to_wire(item: AedItem) -> tuple[Any, ...]:
    """A validated item as plain tuples (marshal moves those; dataclasses it cannot)."""
    return (
        item.item_id,
        _PARTY_WIRE(item.sender),
        _PARTY_WIRE(item.addressee),
        tuple(_CONTENT_WIRE(piece) for piece in item.contents),
        *_ITEM_TAIL(item),
    )


def from_wire(wire: tuple[Any, ...]) -> AedItem:
    return AedItem(
        wire[0],
        Party(*wire[1]),
        Party(*wire[2]),
        tuple(ContentPiece(*piece) for piece in wire[3]),
        *wire[4:],
    )


def produce(path: str, out: BinaryIO, share: float | None = None) -> None:
    """Helper side: stream one file's items as frames.

    The two processes' work is evened out by the validating: the helper validates `share` of
    the items (evenly spread; default `VALIDATE_SHARE` for the file's format) and computes
    their volume keys (`item_volume_keys`), and sends the others raw for the writer to
    validate and key. An item that fails validation goes to the parent raw too, which
    validates it again and reports it.
    """
    try:
        source = open_aed(path)
        try:
            if share is None:
                share = VALIDATE_SHARE.get(source.format, 1.0)
            owed = 0.0  # the share accrued; each whole one is an item the helper validates
            batch: list[Frame] = []
            for raw in source.reader:
                checked = None
                owed += share
                if owed >= 1.0:
                    owed -= 1.0
                    checked = validate_item(raw.data, file=path, line=raw.line)
                if isinstance(checked, AedItem):
                    batch.append((raw.line, None, to_wire(checked), item_volume_keys(checked)))
                else:
                    batch.append((raw.line, raw.data, None, None))
                if len(batch) >= BATCH:
                    _send(out, ("items", batch, source.stream.bytes_read))
                    batch = []
            _send(out, ("items", batch, source.stream.bytes_read))
            _send(out, ("done", source.stream.sha256(), sorted(source.reader.unknown_fields)))
        finally:
            source.close()
    except FileRefused as exc:
        _send(out, ("refused", exc.reason, exc.line))
    except BaseException as exc:  # report, never leave the parent guessing
        _send(out, ("error", f"{type(exc).__name__}: {exc}", None))


def _read_exact(stream: BinaryIO, size: int) -> bytes:
    data = stream.read(size)
    if data is None or len(data) != size:
        raise EOFError
    return data


class ParallelReader:
    """Iterates a file's raw items, parsed in a helper process.

    After iteration `sha256` and `unknown_fields` hold what the helper saw; `bytes_read` moves
    as batches arrive (for progress displays).
    """

    def __init__(self, path: str | Path, fmt: str) -> None:
        self.path = str(path)
        self.format = fmt
        self.unknown_fields: set[str] = set()
        self.bytes_read = 0
        self.sha256: str | None = None
        self.process: subprocess.Popen[bytes] | None = None  # the helper, while it runs

    def __iter__(self) -> Iterator[RawItem]:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        process = subprocess.Popen(
            [sys.executable, "-m", "parcelbench.aed.parallel", self.path],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
            bufsize=1 << 16,
        )
        self.process = process
        assert process.stdout is not None
        _widen_pipe(process.stdout)
        try:
            while True:
                try:
                    size = _HEADER.unpack(_read_exact(process.stdout, _HEADER.size))[0]
                    message = marshal.loads(_read_exact(process.stdout, size))
                except EOFError:
                    detail = (
                        (process.stderr.read() if process.stderr else b"")
                        .decode("utf-8", "replace")
                        .strip()
                        .splitlines()
                    )
                    reason = detail[-1] if detail else "no output"
                    raise FileRefused(f"the AED reader process stopped ({reason})") from None
                kind = message[0]
                if kind == "items":
                    self.bytes_read = message[2]
                    for line, data, wire, keys in message[1]:
                        if wire is None:
                            yield RawItem(line, data)
                        else:
                            yield RawItem(line, {}, from_wire(wire), keys)
                elif kind == "done":
                    self.sha256 = message[1]
                    self.unknown_fields = set(message[2])
                    return
                elif kind == "refused":
                    raise FileRefused(message[1], line=message[2])
                else:
                    raise RuntimeError(f"AED reader process failed: {message[1]}")
        finally:
            process.stdout.close()
            if process.poll() is None:
                process.kill()
            process.wait()
            if process.stderr:
                process.stderr.close()


def _widen_pipe(stream: BinaryIO) -> None:
    """Let the helper run a whole batch ahead: a 64 KiB pipe would stall it mid-batch."""
    try:
        import fcntl

        fcntl.fcntl(stream.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):  # not Linux, or a lower system limit: only slower
        pass


def can_run() -> bool:
    """A frozen (bundled) app has no `python -m`; it imports in one process instead."""
    return not getattr(sys, "frozen", False)


if __name__ == "__main__":
    gc.disable()  # the reader makes no reference cycles; collections would only cost time
    produce(sys.argv[1], sys.stdout.buffer)
