"""TLS with a private CA, and the HQ page as a real headless chromium renders it."""

from __future__ import annotations

import base64
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from lxml import html

from parcelbench.domain.records import Seizure
from parcelbench.hq.storage import Database, repo
from parcelbench.store.evidence import record_seizure
from parcelbench.sync import sync_once
from parcelbench.sync.transport import HqClient, Transient
from tests.sync.conftest import Bench, enroll_bench
from tests.sync.hqproc import HqProcess, dump_dom, record_events, seized_inspection


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def private_ca(folder: Path) -> tuple[Path, Path, Path]:
    """A CA, and a server certificate it signed for 127.0.0.1: (ca, cert, key)."""
    if shutil.which("openssl") is None:
        pytest.fail("openssl is required (Debian: openssl)")
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=ParcelBench test CA",
        cwd=folder,
    )
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "hq.key",
        "-out",
        "hq.csr",
        "-subj",
        "/CN=127.0.0.1",
        cwd=folder,
    )
    (folder / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\n", encoding="utf-8")
    openssl(
        "x509",
        "-req",
        "-in",
        "hq.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "hq.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
        cwd=folder,
    )
    return folder / "ca.pem", folder / "hq.pem", folder / "hq.key"


@pytest.mark.parametrize("hq_db_url", ["sqlite"], indirect=True)
def test_tls_with_a_private_ca(hq_db: Database, hq_db_url: str, tmp_path: Path) -> None:
    ca, cert, key = private_ca(tmp_path)
    server = HqProcess(hq_db_url, tmp_path / "hq.log", tls=(str(cert), str(key))).start()
    try:
        assert server.url.startswith("https://")
        bench = enroll_bench(hq_db, tmp_path / "bench.db", server.url)
        record_events(bench.store, 5)
        with pytest.raises(Transient, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify"):
            sync_once(bench.store, HqClient(server.url, bench.token))  # the CA is not known
        assert sync_once(bench.store, HqClient(server.url, bench.token, str(ca))).pending == 0
        bench.store.close()
    finally:
        server.stop()


def test_hq_page_in_headless_chromium(
    bench: Bench, hq: HqProcess, hq_db: Database, tmp_path: Path
) -> None:
    seized_inspection(bench.store, "I-7")
    record_seizure(
        bench.store,
        Seizure(
            "SZ-JFK-2026-000042",
            "I-7",
            "narcotics",
            "white powder <b>bag</b>",
            3,
            "pieces",
            12.5,
            "2026-11-27T10:05:00Z",
        ),
        actor="O1001",
    )
    sync_once(bench.store)
    other = enroll_bench(hq_db, tmp_path / "other.db", hq.url, name="bench-ord")
    record_events(other.store, 4)
    sync_once(other.store)
    other.store.conn.execute("DELETE FROM audit_log WHERE seq > 2")
    sync_once(other.store)
    other.store.close()
    # the page is for HQ staff: no key, a wrong key, another name, a bench's token → 401
    key = repo.add_operator(hq_db, "ana.hq")

    def basic(name: str, secret: str) -> str:
        return "Basic " + base64.b64encode(f"{name}:{secret}".encode()).decode()

    for header in (
        None,
        basic("ana.hq", key + "x"),
        basic("nobody", key),
        f"Bearer {bench.token}",
    ):
        request = urllib.request.Request(hq.url + "/")
        if header:
            request.add_header("Authorization", header)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 401
        assert refused.value.headers["WWW-Authenticate"].startswith("Basic")
    signed_in = hq.url.replace("://", f"://ana.hq:{key}@") + "/"
    page = html.fromstring(dump_dom(signed_in, tmp_path / "chromium-profile"))
    benches = {
        row.get("data-bench"): [c.text_content() for c in row.findall("td")]
        for row in page.xpath("//table[@id='benches']/tbody/tr")
    }
    mine = benches[bench.bench_id]
    assert mine[1] == "bench-1" and mine[2] == "JFK" and mine[8] == "intact"
    assert mine[4].startswith("20")  # last sync time
    assert (mine[5], mine[6], mine[7]) == ("0", "0", "2")  # pending, parked, events at HQ
    theirs = benches[other.bench_id]
    assert theirs[1] == "bench-ord" and theirs[8].startswith("BROKEN")
    assert "truncated" in theirs[8]
    seizures = [
        [c.text_content() for c in row.findall("td")]
        for row in page.xpath("//table[@id='seizures']/tbody/tr")
    ]
    assert seizures[0][:5] == [
        "SZ-JFK-2026-000042",
        "JFK",
        "bench-1",
        "narcotics",
        "white powder <b>bag</b>",
    ]  # shown as text, never as markup
    assert page.xpath("//table[@id='seizures']//b") == []
