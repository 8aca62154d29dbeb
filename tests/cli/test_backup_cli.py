"""`parcelbench backup` / `restore`, run as the real command on real files.

A backup taken while another process records seizures with photos restores to a database whose
integrity check and audit chain pass and which holds every record committed before the backup
began, with its photos. A backup changed afterwards — an audit payload edited, a photo's bytes
damaged, a schema from the future, a member named to escape the folder — is refused and
nothing is written; an existing database is only replaced with `--replace`, and then kept.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from parcelbench.store import Store
from tests.accounts import account
from tests.cli.conftest import Cli
from tests.conftest import dump
from tests.store.test_kill9 import LineReader
from tests.ui.conftest import CLEAR_ID

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX pipes and select")

PHOTOS = 2
BACKUPS = 3

#: Records seizures with photos through the bench's door (what F4 and `record` call) and
#: reports each inspection only once `decide` returned, i.e. once it was committed.
WRITER = f"""
import os, sys
from parcelbench.domain.records import Outcome
from parcelbench.services.bench import Decision, Desk
from parcelbench.services.officers import authenticate
from parcelbench.services.outcomes import SeizureDraft
from parcelbench.domain.exam import Exam

desk = Desk.open(sys.argv[1])
officer = authenticate(desk.store, "O1001", "40718253")
line = SeizureDraft("narcotics", "white powder", 1, "g", 12.5)
print("ready", flush=True)
while True:
    photos = tuple(os.urandom(20_000 + n) for n in range({PHOTOS}))
    done = desk.decide(
        officer, Decision("{CLEAR_ID}", Outcome.SEIZED, seizure=line, photos=photos,
        exam=Exam(methods=("visual",)))
    )
    print(done.inspection.uuid, flush=True)
"""


def _bench(db: Path) -> None:
    with Store(db) as store:
        account(store, "O1001", "Kim Nguyen", "officer", "40718253")


def _start_writer(db: Path) -> tuple[subprocess.Popen[bytes], LineReader]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    reader = LineReader(proc)
    assert reader.readline(time.monotonic() + 60) == "ready"
    return proc, reader


def _read(reader: LineReader, at_least: int) -> list[str]:
    deadline = time.monotonic() + 60
    return [reader.readline(deadline) for _ in range(at_least)]


def _check_restored(db: Path, committed: list[str]) -> int:
    """Integrity, chain, every committed inspection whole with its photos; returns the count."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        held = {r[0] for r in conn.execute("SELECT uuid FROM inspections")}
        assert set(committed) <= held, "a record committed before the backup is missing"
        for uuid in held:
            seized = conn.execute(
                "SELECT count(*) FROM seizures WHERE inspection_uuid = ?", (uuid,)
            ).fetchone()[0]
            photos = conn.execute(
                "SELECT sha256, size FROM photos WHERE inspection_uuid = ?", (uuid,)
            ).fetchall()
            assert (seized, len(photos)) == (1, PHOTOS), f"{uuid} half restored"
            for sha, size in photos:
                data = (db.with_name(db.name + ".photos") / f"{sha}.jpg").read_bytes()
                assert len(data) == size and hashlib.sha256(data).hexdigest() == sha
        return len(held)
    finally:
        conn.close()


def test_a_backup_taken_while_another_process_records_restores_whole(
    cli: Cli, tmp_path: Path
) -> None:
    db = tmp_path / "bench.sqlite"
    _bench(db)
    proc, reader = _start_writer(db)
    reported: list[str] = []
    try:
        for n in range(BACKUPS):
            reported += _read(reader, 3)
            committed = list(reported)  # every one of these returned before the backup began
            archive = tmp_path / f"backup-{n}.tar"
            made = cli("backup", archive, "--db", db, "--json").json()
            reported += _read(reader, 1)
            assert made["photos"] >= len(committed) * PHOTOS
            assert stat.S_IMODE(archive.stat().st_mode) == 0o600
            restored = tmp_path / f"restored-{n}" / "bench.sqlite"
            done = cli("restore", archive, "--db", restored, "--json").json()
            assert done["audit_entries"] == made["audit_entries"] and not done["set_aside"]
            held = _check_restored(restored, committed)
            assert held >= len(committed)
            verified = cli("audit", "verify", "--db", restored, "--json").json()
            assert verified["ok"] and verified["head"] == made["audit_head"]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            stream.close()  # type: ignore[union-attr]
    assert not list(tmp_path.glob(".backup-*")), "a temporary file was left beside the backup"


# -- refused backups ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A backup of a bench holding two recorded seizures, each with photos (made once)."""
    folder = tmp_path_factory.mktemp("good-backup")
    db = folder / "bench.sqlite"
    _bench(db)
    proc, reader = _start_writer(db)
    try:
        _read(reader, 2)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            stream.close()  # type: ignore[union-attr]
    archive = folder / "backup.tar"
    Cli(folder)("backup", archive, "--db", db)
    return archive


Members = dict[str, bytes]


def _rewrite(
    archive: Path, dest: Path, change: Callable[[Members], None], *, fix_manifest: bool
) -> Path:
    """A copy of a backup with its members changed, and its manifest rewritten to match (as
    someone covering their tracks would) or left as it was."""
    with tarfile.open(archive) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]
    change(members)
    if fix_manifest:
        manifest = json.loads(members["MANIFEST.json"])
        manifest["files"] = [
            {"name": n, "sha256": hashlib.sha256(b).hexdigest(), "size": len(b)}
            for n, b in members.items()
            if n != "MANIFEST.json"
        ]
        members["MANIFEST.json"] = json.dumps(manifest).encode()
    with tarfile.open(dest, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return dest


def _edit_database(members: Members, sql: str) -> None:
    """Run `sql` on the backup's database, as anyone with the file could."""
    with sqlite3.connect(":memory:") as conn:
        conn.deserialize(members["bench.sqlite"])
        conn.execute(sql)
        conn.commit()
        members["bench.sqlite"] = conn.serialize()


def _refused(cli: Cli, tmp_path: Path, archive: Path, says: str) -> None:
    target = tmp_path / "restored" / "bench.sqlite"
    result = cli("restore", archive, "--db", target, expect=1)
    assert says in result.stderr, result.describe()
    assert "another backup" in result.stderr or "newer" in result.stderr
    assert not target.parent.exists() or not list(target.parent.iterdir())  # nothing left


@pytest.mark.parametrize("fix_manifest", [True, False], ids=["manifest-rewritten", "as-found"])
def test_restore_refuses_a_backup_whose_audit_row_was_edited(
    cli: Cli, tmp_path: Path, good_backup: Path, fix_manifest: bool
) -> None:
    archive = good_backup

    def tamper(members: Members) -> None:
        _edit_database(
            members,
            "UPDATE audit_log SET payload = replace(payload, '12.5', '1.25') "
            "WHERE seq = (SELECT min(seq) FROM audit_log WHERE payload LIKE '%12.5%')",
        )

    tampered = _rewrite(archive, tmp_path / "tampered.tar", tamper, fix_manifest=fix_manifest)
    says = "audit chain is broken at row" if fix_manifest else "does not match the SHA-256"
    _refused(cli, tmp_path, tampered, says)
    cli("restore", archive, "--db", tmp_path / "good" / "bench.sqlite")  # the original is fine


@pytest.mark.parametrize("fix_manifest", [True, False], ids=["manifest-rewritten", "as-found"])
def test_restore_refuses_a_backup_with_a_damaged_photo(
    cli: Cli, tmp_path: Path, good_backup: Path, fix_manifest: bool
) -> None:
    archive = good_backup

    def damage(members: Members) -> None:
        name = next(n for n in members if n.startswith("photos/"))
        data = bytearray(members[name])
        data[100] ^= 0xFF
        members[name] = bytes(data)

    damaged = _rewrite(archive, tmp_path / "damaged.tar", damage, fix_manifest=fix_manifest)
    says = "does not hash to its name" if fix_manifest else "does not match the SHA-256"
    _refused(cli, tmp_path, damaged, says)


def test_restore_refuses_a_backup_missing_a_photo(
    cli: Cli, tmp_path: Path, good_backup: Path
) -> None:
    archive = good_backup

    def drop(members: Members) -> None:
        del members[next(n for n in members if n.startswith("photos/"))]

    _refused(
        cli,
        tmp_path,
        _rewrite(archive, tmp_path / "less.tar", drop, fix_manifest=True),
        "lacks 1 photo(s)",
    )


def test_restore_refuses_a_newer_schema(cli: Cli, tmp_path: Path, good_backup: Path) -> None:
    archive = good_backup

    def future(members: Members) -> None:
        _edit_database(members, "PRAGMA user_version = 999")

    newer = _rewrite(archive, tmp_path / "newer.tar", future, fix_manifest=True)
    _refused(cli, tmp_path, newer, "schema version 999, newer than this ParcelBench")


@pytest.mark.parametrize("name", ["../escaped.txt", "/tmp/escaped.txt", "photos/../../x.jpg"])
def test_restore_refuses_a_member_named_to_escape(
    cli: Cli, tmp_path: Path, good_backup: Path, name: str
) -> None:
    archive = good_backup

    def plant(members: Members) -> None:
        members[name] = b"planted"

    planted = _rewrite(archive, tmp_path / "planted.tar", plant, fix_manifest=True)
    _refused(cli, tmp_path, planted, "which no ParcelBench backup holds")
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/escaped.txt").exists()


def test_a_truncated_backup_is_refused(cli: Cli, tmp_path: Path, good_backup: Path) -> None:
    archive = good_backup
    cut = tmp_path / "cut.tar"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    _refused(cli, tmp_path, cut, "")


# -- what exists is never lost ------------------------------------------------------------------


def test_restore_over_a_database_needs_replace_and_keeps_the_old_one(
    cli: Cli, tmp_path: Path, good_backup: Path
) -> None:
    archive = good_backup
    live = tmp_path / "live" / "bench.sqlite"
    _bench(live)
    with Store(live) as store:
        account(store, "O7777", "Only Here", "officer", "40718253")
    before = dump(live)
    refused = cli("restore", archive, "--db", live, expect=2)
    assert "already exists" in refused.stderr and "--replace" in refused.stderr
    assert dump(live) == before
    done = cli("restore", archive, "--db", live, "--replace", "--json").json()
    (aside,) = [Path(p) for p in done["set_aside"]]
    assert aside.parent == live.parent and aside.name.startswith("bench.replaced-")
    assert dump(aside) == before  # the replaced database, whole, under its new name
    assert _check_restored(live, []) == 2
    again = cli("backup", archive, "--db", live, expect=2)
    assert "never overwrites" in again.stderr
