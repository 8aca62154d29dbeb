"""Running the HQ service under uvicorn, optionally with TLS (a certificate from a private CA)
and with several worker processes.

Why processes: the service is Python, so one process answers on one core however many benches
push at once; on PostgreSQL each worker has its own connections and the database keeps them
apart (each request is one transaction, and requests about one parcel take turns). A worker
finds the database in `DB_ENV`, set here and inherited, never on a command line (the address
may hold a password).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from parcelbench.hq.storage import HqDbError, open_database

if TYPE_CHECKING:
    from fastapi import FastAPI

#: Where a worker process finds HQ's database address.
DB_ENV = "PARCELBENCH_HQ_WORKER_DB"


def serve(
    db_url: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8787,
    tls_cert: str | None = None,
    tls_key: str | None = None,
    workers: int = 1,
) -> None:
    """Serve until interrupted. Access logs stay off: request lines are noise at batch rates."""
    import uvicorn

    from parcelbench.hq.app import create_app

    db = open_database(db_url)  # migrated once, here, before any worker starts
    scheme = "https" if tls_cert else "http"
    if workers > 1 and db.dialect != "postgresql":
        db.close()
        raise HqDbError(
            "several workers need PostgreSQL (SQLite takes one writer at a time); "
            "serve SQLite with one worker"
        )
    print(
        f"ParcelBench HQ on {scheme}://{host}:{port} (storage: {db.location()}"
        + (f", {workers} workers" if workers > 1 else "")
        + ")",
        file=sys.stderr,
        flush=True,
    )
    common = {
        "host": host,
        "port": port,
        "ssl_certfile": tls_cert,
        "ssl_keyfile": tls_key,
        "log_level": "warning",
        "access_log": False,
    }
    if workers > 1:
        db.close()
        os.environ[DB_ENV] = db_url
        uvicorn.run(f"{__name__}:worker_app", factory=True, workers=workers, **common)
        return
    try:
        uvicorn.run(create_app(db), **common)
    finally:
        db.close()


def worker_app() -> FastAPI:
    """The app in one worker process, on the database `serve` named."""
    from parcelbench.hq.app import create_app

    return create_app(open_database(os.environ[DB_ENV]))
