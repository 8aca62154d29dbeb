"""Read an AED file in a helper process, so parsing and storing use both cores.

Parsing XML (lxml holds the GIL while libxml2 parses) and validating + writing items each take
about as long as the other, so on a two-core bench a million-item import fits its budget only
when they run side by side. The helper is a plain `python -m parcelbench.aed.parallel FILE`
child (not multiprocessing, which would re-import the caller's main module). It streams raw
items back as length-prefixed marshal frames on its stdout; the pipe's small buffer makes it
wait when the writer falls behind, so memory stays flat.
"""

from __future__ import annotations

import gc
import marshal
import os
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from parcelbench.aed.errors import FileRefused
from parcelbench.aed.source import RawItem, open_aed

BATCH = 400
PIPE_BYTES = 1 << 20
_HEADER = struct.Struct("!I")


def _send(out: BinaryIO, message: tuple[Any, ...]) -> None:
    # marshal: raw items are plain dicts, lists and strings, and marshal moves those about
    # twice as fast as pickle. Only this module's own child process ever writes the stream.
    data = marshal.dumps(message)
    out.write(_HEADER.pack(len(data)))
    out.write(data)


def produce(path: str, out: BinaryIO) -> None:
    """Helper side: stream one file's raw items as frames."""
    try:
        source = open_aed(path)
        try:
            batch: list[tuple[int, dict[str, Any]]] = []
            for raw in source.reader:
                batch.append((raw.line, raw.data))
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
    out.flush()


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
                    for line, data in message[1]:
                        yield RawItem(line, data)
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
