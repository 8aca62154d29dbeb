"""Running the HQ service under uvicorn, optionally with TLS (a certificate from a private CA)."""

from __future__ import annotations

import sys

from parcelbench.hq.storage import open_database


def serve(
    db_url: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8787,
    tls_cert: str | None = None,
    tls_key: str | None = None,
) -> None:
    """Serve until interrupted. Access logs stay off: request lines are noise at batch rates."""
    import uvicorn

    from parcelbench.hq.app import create_app

    db = open_database(db_url)
    scheme = "https" if tls_cert else "http"
    print(
        f"ParcelBench HQ on {scheme}://{host}:{port} (storage: {db.location()})",
        file=sys.stderr,
        flush=True,
    )
    try:
        uvicorn.run(
            create_app(db),
            host=host,
            port=port,
            ssl_certfile=tls_cert,
            ssl_keyfile=tls_key,
            log_level="warning",
            access_log=False,
        )
    finally:
        db.close()
