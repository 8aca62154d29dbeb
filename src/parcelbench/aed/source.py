"""Opening an AED file: sniff what it is, refuse what it must not be, stream the rest.

The sniff reads only the head of the file, so a binary or foreign file is refused at once.
Problems deeper in the file (a bad byte at item 900,000) surface while streaming as the same
`FileRefused`; the importer then rolls the whole file back.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from parcelbench.aed.errors import FileRefused
from parcelbench.aed.fields import XML_NAMESPACE
from parcelbench.aed.raw import AedReader

SNIFF_BYTES = 64 * 1024

_BINARY_MAGIC: dict[bytes, str] = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"SQLite format 3\x00": "an SQLite database",
}
_UTF16_32_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)


class MeteredStream(io.RawIOBase):
    """A raw file stream that counts and hashes what passes through it.

    The count drives the progress ETA; the hash names the exact file in the audit log.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.bytes_read = 0
        self._sha = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        if n:
            self.bytes_read += n
            self._sha.update(memoryview(buffer)[:n])
        return n or 0

    def sha256(self) -> str:
        return self._sha.hexdigest()

    def close(self) -> None:
        self._raw.close()
        super().close()


@dataclass
class AedSource:
    """An opened AED file: its reader, plus size and position for progress reports."""

    path: Path
    format: str
    size: int
    stream: MeteredStream
    reader: AedReader = field(repr=False)

    def close(self) -> None:
        self.stream.close()


def sniff(head: bytes) -> str:
    """Decide from the first bytes whether this is AED XML, JSON Lines or CSV; refuse otherwise."""
    if not head.strip():
        raise FileRefused("empty file: it holds no AED items")
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise FileRefused(f"binary file ({what}), not AED text")
    for bom in _UTF16_32_BOMS:
        if head.startswith(bom):
            raise FileRefused("not UTF-8: the file is UTF-16/UTF-32 encoded; save it as UTF-8")
    nul = head.find(b"\x00")
    if nul >= 0:
        raise FileRefused(f"binary file: NUL byte at offset {nul}, not AED text")
    controls = sum(1 for b in head if b < 0x20 and b not in (9, 10, 13))
    if controls > max(8, len(head) // 100):
        raise FileRefused("binary file: too many control bytes for AED text")
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        text = decoder.decode(head, final=False)
    except UnicodeDecodeError as exc:
        raise FileRefused(
            f"not UTF-8: invalid byte 0x{head[exc.start]:02x} at offset {exc.start}; "
            "save the file as UTF-8"
        ) from None
    text = text.lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        _check_xml_prolog(text)
        return "xml"
    if text.startswith("{"):
        return "jsonl"
    if text.startswith("["):
        raise FileRefused("a JSON array, not JSON Lines: write one AED item object per line")
    first_line = text.split("\n", 1)[0].strip().lower()
    if re.search(r"(^|[,;\t\"])\s*item_id\s*([,;\t\"]|$)", first_line):
        return "csv"
    raise FileRefused(
        "not AED: expected an <AedBatch> XML document, JSON Lines items or a CSV header "
        "with an item_id column"
    )


_XML_DECL = re.compile(r"<\?xml\b(?P<attrs>.*?)\?>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PI = re.compile(r"<\?.*?\?>", re.S)
_ROOT = re.compile(r"<(?:(?P<prefix>[\w.-]+):)?(?P<name>[\w.-]+)(?P<attrs>[^>]*)>", re.S)


def _check_xml_prolog(text: str) -> None:
    """Refuse DTDs, entity declarations, non-UTF-8 declarations and foreign roots."""
    pos = 0
    decl = _XML_DECL.match(text)
    if decl:
        enc = re.search(r"encoding\s*=\s*[\"']([^\"']+)[\"']", decl.group("attrs"))
        if enc and enc.group(1).strip().lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise FileRefused(
                f"not UTF-8: the XML declares encoding {enc.group(1)!r}; save it as UTF-8"
            )
        pos = decl.end()
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if text.startswith("<!--", pos):
            match = _COMMENT.match(text, pos)
            if not match:
                break
            pos = match.end()
        elif text.startswith("<?", pos):
            match = _PI.match(text, pos)
            if not match:
                break
            pos = match.end()
        else:
            break
    if text.startswith("<!", pos):
        raise FileRefused(
            "XML with a DTD (<!DOCTYPE>) or entity declarations is refused: AED XML must not "
            "declare a DTD or entities"
        )
    root = _ROOT.match(text, pos)
    if not root:
        raise FileRefused("not AED: no XML root element found at the start of the file")
    if root.group("name") != "AedBatch":
        raise FileRefused(
            f"not AED: root element is <{root.group(0)[1:].split()[0].rstrip('>/')}>, "
            f'expected <AedBatch xmlns="{XML_NAMESPACE}">'
        )
    namespaces = re.findall(r"xmlns(?::[\w.-]+)?\s*=\s*[\"']([^\"']*)[\"']", root.group("attrs"))
    if namespaces and XML_NAMESPACE not in namespaces:
        raise FileRefused(
            f"not AED: <AedBatch> is in namespace {namespaces[0]!r}, expected {XML_NAMESPACE!r}"
        )


def open_aed(path: str | Path) -> AedSource:
    """Open an AED file for streaming; raise `FileRefused` if it is not one."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except IsADirectoryError:
        raise FileRefused("is a directory, not an AED file") from None
    except FileNotFoundError:
        raise FileRefused("no such file") from None
    except PermissionError:
        raise FileRefused("permission denied: cannot read the file") from None
    fmt = sniff(head)
    stream = MeteredStream(path.open("rb", buffering=0))
    reader: AedReader
    if fmt == "xml":
        from parcelbench.aed.xml_reader import XmlReader

        reader = XmlReader(stream)
    elif fmt == "jsonl":
        from parcelbench.aed.jsonl_reader import JsonlReader

        reader = JsonlReader(stream)
    else:
        from parcelbench.aed.csv_reader import CsvReader

        reader = CsvReader(stream)
    return AedSource(path=path, format=fmt, size=size, stream=stream, reader=reader)
