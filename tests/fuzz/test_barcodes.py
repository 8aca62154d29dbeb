"""Fuzz barcode payloads through the bench: any bytes a QR code holds give a clear answer.

A camera decoder hands over bytes (as text: UTF-8, else Latin-1, see `scan.decoders`); the
bench makes a `ScanEvent` and `Desk.look_up` records the scan and shows the parcel or "not a
parcel id". Nothing may escape, and a payload that is not a valid id is never looked up.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcelbench.aed.importer import import_files
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.scan.decoders import _text as decoded_text
from parcelbench.services.bench import Desk, ParcelView
from parcelbench.store import Store
from tests.conftest import TEST_DATA
from tests.fuzz.common import fuzz, mutated, no_hang

KNOWN = "RR473124829GB"  # in good.jsonl
SOURCES = ("camera:0", "wedge", "manual", "file:clip.avi", "url:rtsp://cam/1", "folder:x")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    path = tmp_path_factory.mktemp("barcodes") / "bench.sqlite"
    with Store(path) as store:
        import_files(store, [TEST_DATA / "good.jsonl"])
    with Desk.open(path) as opened:
        yield opened


def scans(desk: Desk) -> int:
    return int(desk.store.conn.execute("SELECT count(*) FROM scans").fetchone()[0])


def look_up(desk: Desk, raw: str, source: str = "camera:0") -> ParcelView:
    """One scan through the bench, with what every answer promises."""
    before = scans(desk)
    with no_hang(10):
        event = ScanEvent.of(raw, source, "qrcode")
        view = desk.look_up(event, officer=None)
    assert isinstance(view, ParcelView)
    assert event.channel in ("camera", "wedge", "manual")
    if event.item_id is None:  # not a valid parcel id: shown as such, never looked up
        assert event.message
        assert view.stored is None and view.assessment is None
    else:
        assert event.message == "" and view.assessment is not None
        assert (view.stored is not None) is (event.item_id == KNOWN)
    assert scans(desk) == before + (1 if event.parsed.normalized else 0)
    return view


@fuzz(scale=2)
@given(st.binary(max_size=300), st.sampled_from(SOURCES))
def test_any_qr_bytes_give_a_clear_result(desk: Desk, data: bytes, source: str) -> None:
    look_up(desk, decoded_text(data), source)


@fuzz()
@given(st.text(max_size=300))
def test_any_typed_or_wedge_text_gives_a_clear_result(desk: Desk, raw: str) -> None:
    look_up(desk, raw, "wedge")


@fuzz()
@given(mutated(f"]Q1 {KNOWN}\x1d".encode(), max_edits=3))
def test_damaged_reads_of_a_known_parcel_never_show_another(desk: Desk, data: bytes) -> None:
    view = look_up(desk, decoded_text(data))
    if view.stored is not None:
        assert view.stored.item.item_id == KNOWN


def test_a_known_parcel_is_found(desk: Desk) -> None:
    view = look_up(desk, f"]C1{KNOWN.lower()}")
    assert view.stored is not None and view.stored.item.item_id == KNOWN


def test_html_in_a_qr_code_is_kept_as_plain_text(desk: Desk) -> None:
    payload = "<h1 style='color:green'>CLEAR</h1>"
    view = look_up(desk, payload)
    assert view.parsed.raw == payload and not view.parsed.valid
