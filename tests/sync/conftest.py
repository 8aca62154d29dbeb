"""Fixtures: the real HQ server (SQLite or PostgreSQL), enrolled benches on real SQLite files."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from parcelbench.domain.settings import HQ_KEY, HQ_TOKEN, HQ_URL
from parcelbench.hq.storage import Database, open_database, repo
from parcelbench.hq.storage.keys import public_key
from parcelbench.services.bench import Desk
from parcelbench.services.hq_link import Enrollment, name_hq
from parcelbench.store import Store, settings
from parcelbench.sync.transport import HqClient
from tests.sync.hqproc import HqProcess, PgCluster

pytest.importorskip("fastapi", reason="the hq extra is not installed")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    # its own folder under the system temp dir: pytest's base folder is private to this user,
    # and the cluster runs as `postgres` when the tests run as root
    root = Path(tempfile.mkdtemp(prefix="parcelbench-pg-"))
    cluster = PgCluster(root)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hq.db'}"
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database()


@pytest.fixture
def hq_db(hq_db_url: str) -> Iterator[Database]:
    db = open_database(hq_db_url)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def hq(hq_db: Database, hq_db_url: str, tmp_path: Path) -> Iterator[HqProcess]:
    server = HqProcess(hq_db_url, tmp_path / "hq.log").start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Bench:
    store: Store
    bench_id: str
    token: str
    path: Path

    def client(self, url: str, timeout: float = 10.0) -> HqClient:
        return HqClient(url, self.token, timeout=timeout)


def enroll_bench(db: Database, path: Path, url: str, name: str = "bench-1") -> Bench:
    bench_id, token = repo.enroll(db, name, "JFK")
    store = Store(path)
    settings.save(store, {HQ_URL: url, HQ_TOKEN: token, HQ_KEY: public_key(db)})
    return Bench(store, bench_id, token, path)


def enrolled_desk(
    db: Database, url: str, path: Path, name: str, facility: str, port: str | None = None
) -> Desk:
    """A bench at `path` as `hq enroll NAME --facility F [--port P] --out FILE` and `sync --hq
    URL --enroll FILE` leave it: token, HQ's key, facility, port and seizure-number segment."""
    bench_id, token = repo.enroll(db, name, facility, port=port)
    b = repo.bench(db, bench_id)
    desk = Desk.open(path)
    name_hq(desk.store, url=url, enrollment=Enrollment(
        bench_id, token, public_key(db), None, b.facility, b.port, b.segment))  # fmt: skip
    return desk


@pytest.fixture
def bench(hq_db: Database, hq: HqProcess, tmp_path: Path) -> Iterator[Bench]:
    made = enroll_bench(hq_db, tmp_path / "bench.db", hq.url)
    try:
        yield made
    finally:
        made.store.close()
