"""Hostile input, each tried on purpose: refused with a clear error or handled, never a crash,
never a read outside the file given, never a hang (every case runs under a time limit).

XML bombs and external entities, gigantic fields, deeply nested JSON, path traversal in every
file name the bench takes from outside (feed items, backup members), SQL and FTS metacharacters
in every search the services offer, and text that is not valid Unicode.
"""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from parcelbench.aed.importer import import_files
from parcelbench.aed.validate import validate_item
from parcelbench.domain.holds_file import HoldsRefused, read_holds_file
from parcelbench.domain.records import Officer, Role
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.ids.scan import storable
from parcelbench.risk.pack import PackError, load_pack
from parcelbench.services import holds, lists
from parcelbench.services.backup_archive import BackupRefused, unpack
from parcelbench.services.bench import Desk
from parcelbench.store import Store
from parcelbench.store.holds import HoldError
from parcelbench.sync.apply import FeedOutcome
from tests.conftest import TEST_DATA, dump, make_item
from tests.fuzz.common import no_hang
from tests.fuzz.test_feed_applier import (
    GOOD_AED,
    DummyClient,
    _aed_item,
    apply_checked,
    signed,
)
from tests.fuzz.test_feed_applier import store as store
from tests.fuzz.test_feed_applier import temp_root as temp_root

NS = "urn:parcelbench:aed:1"
ITEM_XML = (TEST_DATA / "good.xml").read_text(encoding="utf-8")
PASSWD_MARK = "root:x:0:0"


@pytest.fixture
def bench(tmp_path: Path) -> Iterator[Path]:
    """A bench database that holds an import, so 'unchanged' means something."""
    db = tmp_path / "bench.sqlite"
    with Store(db) as opened:
        import_files(opened, [TEST_DATA / "good.jsonl"])
    yield db


def import_refused(db: Path, path: Path, seconds: float = 60) -> str:
    """Import `path` and return the refusal; the database must be unchanged."""
    before = dump(db)
    with Store(db) as opened, no_hang(seconds):
        [result] = import_files(opened, [path]).results
    assert result.refused, f"{path.name} was not refused"
    assert dump(db) == before
    return result.refused


# -- XML: bombs, entities, DTDs -------------------------------------------------------------


def _bomb(levels: int = 10) -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)
    ]
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE AedBatch [{"".join(entities)}]>\n'
        f'<AedBatch xmlns="{NS}"><Item><ItemId>&lol{levels - 1};</ItemId></Item></AedBatch>\n'
    )


@pytest.mark.parametrize(
    "text",
    [
        _bomb(),
        # the DTD after 70 KiB of comments, beyond the 64 KiB the sniff reads
        "<!--" + "x" * 70_000 + "-->" + _bomb().split("\n", 1)[1],
        # quadratic blow-up: one big entity referenced many times
        f'<!DOCTYPE a [<!ENTITY a "{"x" * 50_000}">]><AedBatch xmlns="{NS}"><Item>'
        + "<Comments>"
        + "&a;" * 10_000
        + "</Comments></Item></AedBatch>",
        # parameter entities
        "<!DOCTYPE a [<!ENTITY % p \"<!ENTITY x 'y'>\"> %p;]><AedBatch/>",
    ],
    ids=["billion-laughs", "dtd-past-the-sniff", "quadratic-blowup", "parameter-entity"],
)
def test_xml_bombs_are_refused_at_once(bench: Path, tmp_path: Path, text: str) -> None:
    path = tmp_path / "bomb.xml"
    path.write_text(text, encoding="utf-8")
    reason = import_refused(bench, path, seconds=10)
    assert "DTD" in reason or "entit" in reason.lower() or "not well-formed" in reason


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "/etc/passwd", "file:///etc/hostname", "../../etc/passwd"]
)
def test_external_entities_are_refused_and_never_read(
    bench: Path, tmp_path: Path, target: str
) -> None:
    path = tmp_path / "xxe.xml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "{target}">]>'
        f'<AedBatch xmlns="{NS}"><Item><ItemId>&x;</ItemId></Item></AedBatch>',
        encoding="utf-8",
    )
    assert "DTD" in import_refused(bench, path)
    assert not any(PASSWD_MARK in line for line in dump(bench))


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A local TCP server recording every connection: an entity fetched over the network
    would show up here."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            seen.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], seen
    stop.set()
    thread.join(2)
    server.close()


def test_network_entities_and_dtds_are_never_fetched(
    bench: Path, tmp_path: Path, listener: tuple[int, list[bytes]]
) -> None:
    port, seen = listener
    url = f"http://127.0.0.1:{port}/evil"
    for n, text in enumerate(
        [
            f'<!DOCTYPE a [<!ENTITY x SYSTEM "{url}">]><AedBatch xmlns="{NS}">'
            "<Item><ItemId>&x;</ItemId></Item></AedBatch>",
            f'<!DOCTYPE AedBatch SYSTEM "{url}"><AedBatch xmlns="{NS}"/>',
            f'<!DOCTYPE a [<!ENTITY % p SYSTEM "{url}"> %p;]><AedBatch xmlns="{NS}"/>',
        ]
    ):
        path = tmp_path / f"net{n}.xml"
        path.write_text(text, encoding="utf-8")
        import_refused(bench, path)
    assert seen == []


def test_xinclude_is_an_unknown_field_not_a_file_read(bench: Path, tmp_path: Path) -> None:
    text = ITEM_XML.replace(
        "<Item>",
        '<Item><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        'href="file:///etc/passwd" parse="text"/>',
        1,
    )
    path = tmp_path / "xinclude.xml"
    path.write_text(text, encoding="utf-8")
    with Store(bench) as opened, no_hang(30):
        [result] = import_files(opened, [path]).results
    assert result.refused is None and "Item/include" in result.unknown_fields
    assert not any(PASSWD_MARK in line for line in dump(bench))


# -- gigantic fields -----------------------------------------------------------------------

BIG = 50 * 1024 * 1024  # a 50 MB field


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["jsonl", "xml", "csv"])
def test_a_50_mb_description_is_rejected_or_refused_in_time(
    bench: Path, tmp_path: Path, fmt: str
) -> None:
    huge = "A" * BIG
    path = tmp_path / f"huge.{fmt}"
    if fmt == "jsonl":
        item = make_item()
        item["contents"][0]["description"] = huge
        path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    elif fmt == "xml":
        path.write_text(ITEM_XML.replace("silicone phone case", huge, 1), encoding="utf-8")
    else:
        text = (TEST_DATA / "good.csv").read_text(encoding="utf-8")
        path.write_text(text.replace("silicone phone case", huge, 1), encoding="utf-8")
    before = dump(bench)
    with Store(bench) as opened, no_hang(60):
        [result] = import_files(opened, [path]).results
    if result.refused is not None:  # XML and CSV: the parsers' own field limits
        assert dump(bench) == before
    else:  # JSON Lines: the item is rejected, naming the field and the limit
        assert result.counts.imported == 0
        assert any("characters long" in r.reason for r in result.rejections)


def test_gigantic_values_in_an_item_are_rejected_not_crashed() -> None:
    item = make_item(
        version="9" * 5000, total_value="1" * 100_000, item_id="R" * 1_000_000, comments="x" * 10**6
    )
    with no_hang(10):
        verdict = validate_item(item, file="f", line=1)
    assert isinstance(verdict, list) and {r.field for r in verdict} >= {"item_id", "version"}


# -- deeply nested and oversized JSON ------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        '{"item_id": "RR473124829GB", "contents": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"sender": ' + '{"a":' * 100_000 + "1" + "}" * 100_001,
        '{"item_id": ' + "1" * 5000 + "}",
    ],
    ids=["array-100k-deep", "object-100k-deep", "5000-digit-number"],
)
def test_deeply_nested_or_huge_json_lines_are_refused(
    bench: Path, tmp_path: Path, line: str
) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    reason = import_refused(bench, path, seconds=30)
    assert "not AED JSON Lines" in reason and "line 1" in reason


def test_deeply_nested_json_in_a_holds_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "holds.jsonl"
    path.write_text(
        '{"item_id": "RR473124829GB", "reason": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
        '{"item_id": ' + "1" * 5000 + "}\n",
        encoding="utf-8",
    )
    with no_hang(30), pytest.raises(HoldsRefused) as refused:
        read_holds_file(path)
    assert "nested too deeply" in str(refused.value.problems)


@pytest.mark.parametrize(
    "text",
    ["a = " + "[" * 100_000 + "]" * 100_000, "a = " + "{b = " * 100_000 + "1" + "}" * 100_000],
    ids=["array", "inline-table"],
)
def test_deeply_nested_toml_is_a_pack_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(text, encoding="utf-8")
    with no_hang(30), pytest.raises(PackError, match="nested too deeply"):
        load_pack(path)


@pytest.mark.parametrize(
    ("field", "value"),
    [("version", "²"), ("version", "١"), ("currency", ["USD"]), ("sender", {"country": ["CN"]})],
)
def test_digits_that_are_not_numbers_and_unhashable_codes_are_rejected(
    field: str, value: object
) -> None:
    item = make_item(**{field: value})
    item["contents"][0].update(quantity="³", currency={"x": 1}, origin_country=["CN"])
    verdict = validate_item(item, file="f", line=1)
    assert isinstance(verdict, list)
    assert {r.field for r in verdict} >= {"contents[0].quantity", "contents[0].currency"}


# -- path traversal ------------------------------------------------------------------------

TRAVERSING = ["../../evil.csv", "/etc/cron.d/evil.csv", "..", ".", "", "a/../../../evil.csv",
              "x" * 400 + ".csv", "evil\x00.csv"]  # fmt: skip


@pytest.mark.parametrize("name", TRAVERSING)
def test_feed_file_names_never_leave_the_temp_folder(
    store: Store,
    temp_root: Path,
    name: str,
) -> None:
    """A hold list, a pack and an AED batch under each name: applied or set aside, written
    only inside the applier's temp folder (checked by `apply_checked`)."""
    text = "item_id,reason,source,targeted_on\nRR473124829GB,parts,HQ,2026-11-20\n"
    holds_item = signed("holds", name, {"file": name, "format": "csv", "text": text})
    assert apply_checked(store, temp_root, [holds_item]) is not None
    pack = (TEST_DATA.parents[1] / "resources" / "rules" / "default.toml").read_text()
    rules = signed("rules", name, {"text": pack, "suffix": name})
    assert apply_checked(store, temp_root, [rules]) == FeedOutcome(applied=1, refused=0)
    aed = _aed_item(GOOD_AED["csv"], name)
    assert apply_checked(store, temp_root, [aed], DummyClient(GOOD_AED["csv"])) is not None


def test_officer_values_of_the_wrong_type_are_set_aside_not_retried_forever(
    store: Store,
    temp_root: Path,
) -> None:
    bad = {"badge": "O7002", "name": ["x"], "role": "officer", "pin_hash": None, "active": True}
    missing = {**bad, "name": None}
    for officer in (bad, missing):
        item = signed("officers", "officers.jsonl", {"officers": [officer]})
        assert apply_checked(store, temp_root, [item]) == FeedOutcome(applied=0, refused=1)


def test_an_aed_batch_with_a_path_for_a_hash_is_set_aside(
    store: Store,
    temp_root: Path,
) -> None:
    item = _aed_item(GOOD_AED["csv"], "a.csv", sha256="../../operators/1/content")
    client = DummyClient(GOOD_AED["csv"])
    assert apply_checked(store, temp_root, [item], client) == FeedOutcome(applied=0, refused=1)
    assert client.paths == []


@pytest.mark.parametrize("member", ["../evil", "/tmp/evil", "photos/../../evil", "bench.sqlite/"])
def test_a_backup_with_a_traversing_member_is_refused(tmp_path: Path, member: str) -> None:
    archive = tmp_path / "backup.tar"
    with tarfile.open(archive, "w") as tar:
        info = tarfile.TarInfo(member)
        info.size = 4
        tar.addfile(info, io.BytesIO(b"evil"))
    into = tmp_path / "restore"
    into.mkdir()
    with pytest.raises(BackupRefused):
        unpack(archive, into)
    assert list(into.iterdir()) == [] and not (tmp_path.parent / "evil").exists()


# -- SQL and FTS metacharacters in every search ---------------------------------------------

METACHARACTERS = [
    "' OR 1=1 --",
    '" OR ""="',
    "'; DROP TABLE aed_items; --",
    "RR%",
    "_",
    "%%%",
    "*",
    "a* OR b*",
    "NEAR(a b)",
    "sender: x",
    "AND OR NOT",
    "(((",
    '"""',
    "\\",
    "x\x00y",
    "\x00",
    "^",
    "-phone",
    "+case",
    "{a b}",
    "RR473124829GB' --",
    "\udcff\udcfe",  # bytes that were not UTF-8, as a command line hands them over
    "\ud800",
    "é" * 10_000,
]


@pytest.mark.parametrize("text", METACHARACTERS)
def test_searches_and_lookups_return_normally(bench: Path, text: str) -> None:
    officer = Officer("S9001", "Sup", Role.SUPERVISOR)
    with Desk.open(bench) as desk, no_hang(10):
        before = desk.aed_count()
        assert isinstance(desk.search_aed(text), list)
        assert isinstance(desk.search_aed(text + " phone"), list)
        assert desk.aed(text) is None and desk.aed_history(text) == []
        view = desk.look_up(ScanEvent.of(text, "wedge"), officer=officer.badge)
        assert not view.parsed.valid and view.stored is None
        assert holds.hold_for(desk.store, text) is None
        assert holds.located(desk.store, text) is None
        if storable(text) == text:  # the kind comes from a fixed list (CLI choices, menus)
            assert lists.watch_entries(desk.store, kind=text) == []
        with pytest.raises(HoldError, match="unknown hold status"):
            holds.list_holds(desk.store, status=text)
        assert desk.aed_count() == before
        assert desk.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_search_still_finds_what_it_should(bench: Path) -> None:
    with Desk.open(bench) as desk:
        assert [h.item_id for h in desk.search_aed("RR4731")] == ["RR473124829GB"]
        assert desk.search_aed("phone case")


@pytest.mark.parametrize("args", [["aed", "search"], ["aed", "show"], ["risk"], ["holds", "list",
                                  "--status"]])  # fmt: skip
def test_the_cli_answers_non_utf8_arguments_in_one_line(bench: Path, args: list[str]) -> None:
    """Bytes that are not UTF-8 on the command line (Python keeps them as lone surrogates)."""
    argv = [sys.executable, "-m", "parcelbench", *args]
    result = subprocess.run(
        [a.encode() for a in argv] + [b"\xff\xfe' OR 1=1 --", b"--db", str(bench).encode()],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode in (0, 1, 2), result.stderr
    assert b"internal error" not in result.stderr and b"Traceback" not in result.stderr
