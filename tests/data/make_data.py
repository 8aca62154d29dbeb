"""Regenerates the malformed-file fixtures in this folder: python tests/data/make_data.py"""

import io
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.chdir(HERE)

from tests.conftest import make_item
from parcelbench.aed.writers import write_xml, write_jsonl, write_csv
good = [make_item(), make_item(item_id="EE471108151FR")]
def xml(items=good):
    b = io.StringIO(); write_xml(items, b); return b.getvalue()
def jl(items=good):
    b = io.StringIO(); write_jsonl(items, b); return b.getvalue()
def cs(items=good):
    b = io.StringIO(); write_csv(items, b); return b.getvalue()
W = lambda name, data: open(name, "wb").write(data if isinstance(data, bytes) else data.encode())
W("good.xml", xml()); W("good.jsonl", jl()); W("good.csv", cs())
x = xml()
W("truncated.xml", x[: len(x) * 2 // 3])
W("mismatched-tags.xml", x.replace("</Addressee>", "</Addresee>", 1))
laughs = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE AedBatch [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
W("billion-laughs.xml", laughs + x.split("\n", 1)[1].replace("<Comments>", "<Comments>&lol3;", 1))
W("external-entity.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE AedBatch SYSTEM "http://127.0.0.1:9/aed.dtd">\n' + x.split("\n", 1)[1])
W("xxe-file.xml", '<?xml version="1.0"?>\n<!DOCTYPE AedBatch [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' + x.split("\n", 1)[1].replace("<InvoiceNo>INV-7731", "<InvoiceNo>&xxe;", 1))
W("undeclared-entity.xml", x.replace("<InvoiceNo>INV-7731", "<InvoiceNo>&xxe;", 1))
W("latin1-declared.xml", x.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1"))
W("latin1-undeclared.xml", x.encode("latin-1"))
W("latin1.jsonl", jl().encode("latin-1"))
W("latin1.csv", cs().encode("latin-1"))
W("utf16.jsonl", jl().encode("utf-16"))
W("binary.bin", bytes(range(256)) * 8)
W("html.xml", "<!-- a web page -->\n<html><body><p>Tracking</p></body></html>\n")
W("other-namespace.xml", x.replace("urn:parcelbench:aed:1", "urn:example:invoices"))
W("array.json", json.dumps(good, ensure_ascii=False))
W("not-aed.csv", "name,email,phone\nAna,ana@example.org,555\n")
W("notes.txt", "Bench 3 notes: remember to restock evidence bags.\n")
W("empty.xml", b"")
lines = jl().splitlines()
W("broken.jsonl", "\n".join([lines[0], lines[1][:-5], *lines[2:]]) + "\n")
W("scalar-line.jsonl", lines[0] + "\n42\n")
c = cs().splitlines()
W("ragged.csv", "\n".join([*c[:2], c[2] + ",extra", *c[3:]]) + "\n")
W("bad-items.jsonl", jl([make_item(), make_item(item_id="RB123456786US"), make_item(item_id="EE471108151FR", currency="XYZ")]))
