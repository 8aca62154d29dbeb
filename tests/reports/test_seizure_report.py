"""The seizure report from a real bench database, read back as a person or a court would:
text through pdftotext, barcodes and QR codes decoded from rendered pages, fonts embedded."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from parcelbench.domain.aed import AedItem, ContentPiece, Party
from parcelbench.domain.records import Inspection, Outcome, Photo, Seizure
from parcelbench.reports.seizure import CustodyLine, Person, SeizureRecord, render
from parcelbench.services import seizures
from parcelbench.services.officers import AuthError
from parcelbench.store import Store
from tests.conftest import TEST_DATA
from tests.reports.bench_data import ADDRESSEE, DRAFT, SENDER, Bench, build

GOLDEN = TEST_DATA / "reports" / "seizure-golden.pdf"


def pdftotext(path: Path, *extra: str) -> str:
    return subprocess.run(
        ["pdftotext", *extra, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])


@pytest.fixture
def approved(tmp_path: Path) -> Bench:
    bench = build(tmp_path, photos=2)
    with Store(bench.db) as store:
        seizures.approve(store, bench.second_supervisor, bench.seizure_number, "checked")
        seizures.transfer(
            store,
            bench.officer,
            bench.seizure_number,
            released_by="Ana Ruiz (O1001)",
            received_by="Evidence custodian C3001",
            purpose="storage in the evidence vault",
        )
    return bench


def _print(bench: Bench, folder: Path) -> tuple[Path, seizures.Report]:
    with Store(bench.db) as store:
        report = seizures.print_report(store, bench.supervisor, bench.seizure_number)
    out = folder / "seizure.pdf"
    out.write_bytes(report.pdf)
    return out, report


def test_report_text_holds_every_custody_receipt_field(approved: Bench, tmp_path: Path) -> None:
    pdf, report = _print(approved, tmp_path)
    text = pdftotext(pdf)
    flat = " ".join(text.split())
    n = pages(pdf)
    required = [
        # header
        "Seizure report — custody receipt for seized property and evidence",
        "JFK International Mail Facility",
        "Port 4701",
        f"Seizure number {approved.seizure_number}",
        "Date of seizure",
        "Date of examination",
        "Seizing officer Ana Ruiz (O1001)",
        "Approving supervisor Mei Chen 陈美 (S2002) on",
        f"Record SHA-256 {report.record_sha256}",
        # the parcel: ids, parties, declared vs found
        "Item id RR473124829GB",
        SENDER["name"],
        SENDER["street"],
        ADDRESSEE["name"],
        "silicone phone case",
        "392690",
        "Found at examination",
        "declared phone cases; found powder sewn into the lining",
        # seized items
        DRAFT.description,
        "narcotics",
        "12.34 g",
        "TruNarc: positive fentanyl",
        "EB-000123, SEAL-9981",
        "Witness Chloé Dubois",
        # photos and their hashes
        *approved.photo_hashes,
        # risk flags
        "Risk flags that led to the examination",
        "detain / 87",  # recorded as "hold" before the level was renamed
        # a rule the pack names prints with its title; one it does not, by its id alone
        "fentanyl-precursor — Fentanyl precursor chemical named; retired-rule",
        # chain of custody with signature lines
        "Chain of custody",
        "Released by",
        "Received by",
        "Date / time",
        "Purpose",
        "(released)",
        "(received)",
        "Ana Ruiz (O1001) Evidence custodian C3001",
        "storage in the evidence vault",
        "Seizing officer Ana Ruiz (O1001): signature and date",
        "Approving supervisor Mei Chen 陈美 (S2002): signature and date",
    ]
    missing = [field for field in required if field not in flat]
    assert missing == [], missing
    for page in range(1, n + 1):
        assert f"Page {page} of {n}" in flat


def test_barcode_and_a_qr_on_every_page_decode(approved: Bench, tmp_path: Path) -> None:
    pdf, report = _print(approved, tmp_path)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    shots = sorted(tmp_path.glob("page-*.png"))
    assert len(shots) == pages(pdf) >= 2
    payload = f"PARCELBENCH SEIZURE {approved.seizure_number} SHA256 {report.record_sha256}"
    for number, shot in enumerate(shots, start=1):
        found = {(str(b.format), b.text) for b in zxingcpp.read_barcodes(Image.open(shot))}
        assert ("QR Code", payload) in found, (number, found)
        if number == 1:
            assert ("Code 128", approved.seizure_number) in found, found


def test_every_font_is_an_embedded_truetype_subset(approved: Bench, tmp_path: Path) -> None:
    """No base-14 font a viewer would substitute: only the shipped TrueType fonts, embedded."""
    pdf, _ = _print(approved, tmp_path)
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[1] == "TrueType" and " yes yes " in row for row in rows), fonts
    names = " ".join(rows)
    assert "DejaVuSans" in names and "DroidSansFallback" in names, fonts


def test_same_record_prints_the_same_bytes_and_is_audited(approved: Bench, tmp_path: Path) -> None:
    _, first = _print(approved, tmp_path)
    _, second = _print(approved, tmp_path)
    assert first.pdf == second.pdf
    with Store(approved.db) as store:
        rows = store.conn.execute(
            "SELECT payload FROM audit_log WHERE action = 'report.seizure_printed'"
        ).fetchall()
        events = store.conn.execute(
            "SELECT count(*) FROM outbox WHERE kind = 'report.seizure_printed'"
        ).fetchone()[0]
    assert len(rows) == events == 2
    assert f'"pdf_sha256":"{first.pdf_sha256}"' in rows[0][0]
    assert f'"record_sha256":"{first.record_sha256}"' in rows[0][0]


def test_an_officer_may_not_print(approved: Bench) -> None:
    with Store(approved.db) as store:
        before = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        with pytest.raises(AuthError, match=r"^O1001 is an officer; this needs a supervisor$"):
            seizures.print_report(store, approved.officer, approved.seizure_number)
        after = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert after == before


def test_a_pending_seizure_prints_as_not_approved(tmp_path: Path) -> None:
    bench = build(tmp_path, photos=0)
    pdf, _ = _print(bench, tmp_path)
    flat = " ".join(pdftotext(pdf).split())
    assert "Approving supervisor NOT APPROVED (status: pending)" in flat
    assert "No photos attached." in flat


def test_categories_print_as_words_not_stored_keys(tmp_path: Path) -> None:
    """Regression: the category column printed `precursor_chemicals` as "precursor_chemi / cals"."""
    bench = build(
        tmp_path, photos=0, draft=dataclasses.replace(DRAFT, category="precursor_chemicals")
    )
    pdf, _ = _print(bench, tmp_path)
    text = pdftotext(pdf)
    flat = " ".join(text.split())
    assert "_" not in text, [w for w in text.split() if "_" in w]
    assert "Mail class / category parcel / sale of goods" in flat
    assert "non-compliance: precursor chemicals" in flat
    table = pdftotext(pdf, "-layout")
    assert re.search(r"^\s*01\s+precursor\s", table, re.M), table  # broken at the space
    assert re.search(r"^\s+chemicals\s", table, re.M), table


# -- the golden file ----------------------------------------------------------------------------


def golden_record() -> SeizureRecord:
    """A fixed record (no clock, no random ids), so its PDF is fixed to the byte."""
    at = "2026-11-27T14:03:12.000Z"
    inspection = Inspection(
        "0b9f6c0e-4d1c-4bb8-9a53-7f0d3c2e9a11",
        "RR473124829GB",
        Outcome.SEIZED,
        "O1001",
        at,
        noncompliance=("narcotics",),
        notes="declared phone cases; found powder sewn into the lining",
        aed_version=1,
        risk={"level": "hold", "score": 87, "rules": ["precursor.fentanyl"], "links": []},
    )
    aed = AedItem(
        "RR473124829GB",
        Party(**SENDER),
        Party(**ADDRESSEE),
        (ContentPiece("silicone phone case", 2, 0.1, "10.00", "USD", "3926.90", "CN"),),
        sent_at="2026-11-20T08:15:00+08:00",
        mail_class="parcel",
        category="sale_of_goods",
        gross_weight_kg=1.25,
        total_value="10.00",
        currency="USD",
    )
    seizure = Seizure(
        "2027-4701-000001-01",
        inspection.uuid,
        "narcotics",
        DRAFT.description,
        1,
        "g",
        12.34,
        at,
        "TruNarc",
        "fentanyl positive",
        ("EB-000123", "SEAL-9981"),
        "Chloé Dubois",
        "approved",
    )
    photos = tuple(Photo(f"{n:064x}", inspection.uuid, 8000, at, f"view {n}") for n in (1, 2))
    return SeizureRecord(
        "2027-4701-000001-01",
        "JFK International Mail Facility",
        "4701",
        "approved",
        (seizure,),
        inspection,
        aed,
        Person("O1001", "Ana Ruiz"),
        Person("S2002", "Mei Chen 陈美"),
        "2026-11-27T15:00:00.000Z",
        photos,
        (CustodyLine("Ana Ruiz (O1001)", "Vault C3001", "2026-11-27T16:00:00.000Z", "storage"),),
    )


def test_golden_pdf_bytes() -> None:
    """Same record, same photos, same fonts -> the same PDF, byte for byte. After a deliberate
    layout change: PARCELBENCH_UPDATE_GOLDEN=1 pytest tests/reports, then look at the pages."""
    record = golden_record()
    files = {
        p.sha256: TEST_DATA / "reports" / f"photo-{n}.jpg"
        for n, p in enumerate(record.photos, start=1)
    }
    pdf = render(record, files)
    if os.environ.get("PARCELBENCH_UPDATE_GOLDEN"):
        GOLDEN.write_bytes(pdf)
    assert GOLDEN.exists(), "golden file missing: run with PARCELBENCH_UPDATE_GOLDEN=1"
    expected = GOLDEN.read_bytes()
    assert len(pdf) == len(expected) and pdf == expected, (
        "the seizure report's bytes changed; if intended, regenerate the golden file"
    )
    assert render(record, files) == pdf
