"""Regenerate the malformed-file fixtures in this folder: `python tests/data/make_data.py`.

Each file is one way an AED file must be refused whole (see tests/aed/test_refused_files.py),
plus a few good files that the refusals are compared against.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.conftest import make_item  # noqa: E402

from parcelbench.aed.writers import write_csv, write_jsonl, write_xml  # noqa: E402

GOOD = [make_item(), make_item(item_id="EE471108151FR")]
LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE AedBatch [\n <!ENTITY lol "lol">\n'
    ' <!ENTITY lol2 "' + "&lol;" * 10 + '">\n <!ENTITY lol3 "' + "&lol2;" * 10 + '">\n]>\n'
)


def render(writer: Callable[[Any, io.StringIO], int], items: list[dict[str, Any]] = GOOD) -> str:
    buffer = io.StringIO()
    writer(items, buffer)
    return buffer.getvalue()


def save(name: str, data: str | bytes) -> None:
    (HERE / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def main() -> None:
    xml, jsonl, csv = render(write_xml), render(write_jsonl), render(write_csv)
    body = xml.split("\n", 1)[1]  # without the XML declaration
    save("good.xml", xml)
    save("good.jsonl", jsonl)
    save("good.csv", csv)
    save("truncated.xml", xml[: len(xml) * 2 // 3])
    save("mismatched-tags.xml", xml.replace("</Addressee>", "</Addresee>", 1))
    save("billion-laughs.xml", LAUGHS + body.replace("<Comments>", "<Comments>&lol3;", 1))
    save(
        "external-entity.xml",
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE AedBatch SYSTEM "http://127.0.0.1:9/aed.dtd">\n' + body,
    )
    save(
        "xxe-file.xml",
        '<?xml version="1.0"?>\n<!DOCTYPE AedBatch [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        + body.replace("<InvoiceNo>INV-7731", "<InvoiceNo>&xxe;", 1),
    )
    save("undeclared-entity.xml", xml.replace("<InvoiceNo>INV-7731", "<InvoiceNo>&xxe;", 1))
    latin1_xml = xml.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    save("latin1-declared.xml", latin1_xml.encode("latin-1"))
    save("latin1-undeclared.xml", xml.encode("latin-1"))
    save("latin1.jsonl", jsonl.encode("latin-1"))
    save("latin1.csv", csv.encode("latin-1"))
    save("utf16.jsonl", jsonl.encode("utf-16"))
    save("binary.bin", bytes(range(256)) * 8)
    save("html.xml", "<!-- a web page -->\n<html><body><p>Tracking</p></body></html>\n")
    save("other-namespace.xml", xml.replace("urn:parcelbench:aed:1", "urn:example:invoices"))
    save("array.json", json.dumps(GOOD, ensure_ascii=False))
    save("not-aed.csv", "name,email,phone\nAna,ana@example.org,555\n")
    save("notes.txt", "Bench 3 notes: remember to restock evidence bags.\n")
    save("empty.xml", b"")
    lines = jsonl.splitlines()
    save("broken.jsonl", "\n".join([lines[0], lines[1][:-5], *lines[2:]]) + "\n")
    save("scalar-line.jsonl", lines[0] + "\n42\n")
    rows = csv.splitlines()
    save("ragged.csv", "\n".join([*rows[:2], rows[2] + ",extra", *rows[3:]]) + "\n")
    bad = [
        make_item(),
        make_item(item_id="RB123456786US"),
        make_item(item_id="EE471108151FR", currency="XYZ"),
    ]
    save("bad-items.jsonl", render(write_jsonl, bad))


if __name__ == "__main__":
    main()
