"""Real parts for the sync tests: an HQ server process, a throwaway PostgreSQL cluster, benches.

Everything is started on loopback with free ports and bounded waits, and stopped by its own pid.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from parcelbench.domain.records import Inspection, Outcome
from parcelbench.store import Store
from parcelbench.store.evidence import record_inspection
from parcelbench.store.journal import audit_and_enqueue


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(check, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@dataclass
class HqProcess:
    """`parcelbench hq serve` in its own process (so a test can kill and restart it).

    `db_url=None` runs it without --db (HQ's default database); `env` replaces the environment
    and `cwd` is the folder it runs in.
    """

    db_url: str | None
    log: Path
    port: int = field(default_factory=free_port)
    tls: tuple[str, str] | None = None
    proc: subprocess.Popen[bytes] | None = None
    env: dict[str, str] | None = None
    cwd: Path | None = None
    workers: int = 1

    @property
    def url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    def start(self) -> HqProcess:
        cmd = [
            sys.executable,
            "-m",
            "parcelbench",
            "hq",
            "serve",
            *(["--db", self.db_url] if self.db_url else []),
            "--port",
            str(self.port),
            *(["--workers", str(self.workers)] if self.workers > 1 else []),
        ]
        if self.tls:
            cmd += ["--tls-cert", self.tls[0], "--tls-key", self.tls[1]]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                cmd, stdout=out, stderr=subprocess.STDOUT, env=self.env, cwd=self.cwd
            )
        wait_until(self._listening, 30, f"HQ on port {self.port} (log {self.log})")
        return self

    def _listening(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise AssertionError(f"HQ exited: {self.log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(15)
        self.proc = None

    def restart(self) -> None:
        self.stop(signal.SIGKILL)
        self.start()

    def page(self) -> str:
        with urllib.request.urlopen(self.url + "/", timeout=10) as response:
            return response.read().decode("utf-8")


def record_events(store: Store, count: int, *, actor: str = "O1001", per_tx: int = 5000) -> None:
    """`count` evidence events as the bench writes them (audit row + outbox event together)."""
    done = 0
    while done < count:
        with store.transaction() as conn:
            for _ in range(min(per_tx, count - done)):
                done += 1
                audit_and_enqueue(
                    conn,
                    actor=actor,
                    action="inspection.recorded",
                    entity=f"inspection:T{done}",
                    payload={"uuid": f"T{done}", "outcome": "released", "n": done},
                )


def cli(
    *args: str,
    timeout: float = 60,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """`parcelbench ARGS` in a child process, as an operator runs it (in `cwd`, with `env`)."""
    return subprocess.run(
        [sys.executable, "-m", "parcelbench", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=cwd,
    )


def seized_inspection(store: Store, uuid: str) -> None:
    """An inspection with outcome seized, for seizures and photos to hang on."""
    record_inspection(
        store, Inspection(uuid, "RR473124829GB", Outcome.SEIZED, "O1001", "2026-11-27T10:00:00Z")
    )


# -- PostgreSQL ------------------------------------------------------------------------------
def pg_bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    roots = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    return roots[0] if roots else None


@dataclass
class PgCluster:
    """A throwaway PostgreSQL cluster in a temp folder (as `postgres` when we are root)."""

    root: Path
    port: int = field(default_factory=free_port)
    bindir: Path | None = field(default_factory=pg_bindir)
    durable: bool = False  # tests trade fsync for speed; the benchmark measures the real thing
    created: int = 0

    @property
    def owner(self) -> str:
        """Who runs the cluster when we are root (initdb refuses root): postgres, else nobody."""
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "nobody"
        return "postgres"

    def _as_owner(self, cmd: list[str]) -> list[str]:
        if os.geteuid() != 0:
            return cmd
        return ["runuser", "-u", self.owner, "--", *cmd]

    def start(self) -> PgCluster:
        if self.bindir is None:
            raise RuntimeError("PostgreSQL server binaries not found (Debian: postgresql)")
        data = self.root / "data"
        self.root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, self.owner)
            os.chmod(self.root, 0o700)

        def run(cmd: list[str]) -> None:
            done = subprocess.run(
                self._as_owner(cmd), capture_output=True, timeout=120, cwd=self.root, text=True
            )
            if done.returncode:
                raise RuntimeError(f"{Path(cmd[0]).name} failed: {done.stderr.strip()[-800:]}")

        run(
            [
                str(self.bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
            ]
        )
        run(
            [
                str(self.bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(self.root / "log"),
                "-w",
                "-t",
                "60",
                "-o",
                f"-p {self.port} -h 127.0.0.1 -k {self.root} -c max_connections=200"
                + (
                    ""
                    if self.durable
                    else " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                ),
                "start",
            ]
        )
        return self

    def stop(self) -> None:
        if self.bindir is None:
            return
        subprocess.run(
            self._as_owner(
                [
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(self.root / "data"),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ]
            ),
            capture_output=True,
            timeout=60,
            cwd=self.root,
            check=False,
        )

    def new_database(self) -> str:
        import psycopg

        self.created += 1
        name = f"hq_{os.getpid()}_{self.created}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    pytest.fail("chromium is required for the HQ page tests (Debian: chromium)")


def dump_dom(url: str, profile: Path) -> str:
    """The page at `url` as headless Chromium leaves it once its scripts ran."""
    done = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout
