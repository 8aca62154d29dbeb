"""Crash safety under kill -9: a real bench process is killed at random moments, again and again,
and after every kill the database and the photos folder must hold everything it reported and
nothing half-written. Prints JSON; exits 1 on any problem.

The child (this script with `--child`) opens the bench as the window does (`Desk.open`, which
sweeps what a crash left), signs an officer in and records in a loop through the bench's one
door: inspections with every outcome (`Desk.decide`), seizures with 1–3 photos, and every Nth
iteration an AED import of a small freshly written file (`Desk.import_aed`). It prints a line
per record only AFTER the service call returned, so a printed record is one the officer was
told was saved. The parent SIGKILLs it at a seeded random moment (while it starts and sweeps,
or inside a later record), then checks the files before anything else writes:

- `PRAGMA integrity_check` is ok (on a plain connection, before the bench code opens it);
- every reported inspection, seizure line, photo row and AED import is present;
- every inspection is whole: a seizure has its one seizure line and all its photos (the count
  the child wrote into the notes), other outcomes none;
- after `Desk.open` (its sweep), every photo row's file is there with its size and SHA-256, no
  file is without its row and no staging file is left;
- the audit chain verifies; every evidence record has its audit row, every evidence audit row
  its outbox event and every event names an audit row with the same action and hash;
- an AED file is imported all or nothing (its items all held, or none), and every import row
  is finished, counts exactly its items and has its audit row.

    python bench/kill_harness.py [--kills 200] [--seed 1] [--workdir DIR] [--aed-every 7]
                                 [--max-delay 0.25]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

BADGE = "O1001"
PIN = "83920417"
PHOTO_NOTE = "photos:"  # the child writes how many photos a record carries into its notes
#: Audit actions written with an outbox event (`store.journal.audit_and_enqueue`) by what the
#: child does; an evidence row of these kinds without its event would never reach HQ.
EVIDENCE_ACTIONS = ("inspection.recorded", "seizure.recorded", "photo.attached")
READY_S = 60.0  # a child that has not started recording by then is stuck: a problem
MAX_PROBLEMS = 50


# -- the child: a bench recording in a loop --------------------------------------------------
def _jpeg_ish(rng: random.Random) -> bytes:
    """Random bytes framed like a JPEG (SOI/APP0 … EOI): evidence-sized, never repeated."""
    body = rng.randbytes(rng.randint(4_000, 60_000))
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + body + b"\xff\xd9"


#: A detention notice as 19 CFR 151.16(c) asks for it.
NOTICE = {
    "reason": "label and contents differ",
    "anticipated_length": "5 business days",
    "tests_pending": "laboratory analysis",
    "information_requested": "the invoice",
    "addressee": "",
    "notice_method": "none-yet",
}


def _aed_file(folder: Path, name: str, rng: random.Random, next_id: Any) -> Path:
    """A small AED file of fresh parcel ids, written whole before the import sees it (renamed
    into place), so the parent can read every file the child may have imported."""
    from parcelbench.aed.demo import generate
    from parcelbench.aed.writers import write_jsonl

    ids: dict[str, str] = {}
    items = []
    for item in generate(rng.randint(5, 40), seed=rng.randrange(3)):  # pools cached per seed
        item["item_id"] = ids.setdefault(item["item_id"], next_id())  # a v2 keeps its v1's id
        items.append(item)
    final = folder / f"{name}.jsonl"
    part = folder / f"{name}.part"
    with part.open("w", encoding="utf-8") as out:
        write_jsonl(items, out)
    os.replace(part, final)
    return final


def child(db: Path, generation: int, seed: int, aed_every: int) -> None:
    """Record forever; one JSON line on stdout per record, after its service call returned."""
    from parcelbench.domain.exam import Exam
    from parcelbench.domain.records import Outcome
    from parcelbench.ids import s10
    from parcelbench.services.bench import Decision, Desk
    from parcelbench.services.outcomes import (
        AGENCIES,
        NONCOMPLIANCE,
        OutcomeError,
        SeizureDraft,
    )

    rng = random.Random(seed * 1_000_003 + generation)
    serial = iter(range(generation * 100_000, (generation + 1) * 100_000))

    def next_id() -> str:
        return s10.make("RR", f"{next(serial):08d}", "US")

    aed_dir = db.parent / "aed"
    desk = Desk.open(db)
    officer = desk.authenticate(BADGE, PIN)
    outcomes = (
        Outcome.RELEASED,
        Outcome.REFERRED,
        Outcome.DETAINED,
        Outcome.SEIZED,
        Outcome.RETURNED_TO_SENDER,
    )
    with_aed: list[str] = []
    emit = sys.stdout
    emit.write("ready\n")
    emit.flush()
    n = rng.randrange(aed_every)  # so a short life still reaches an import now and then
    while True:
        n += 1
        if n % aed_every == 0:
            path = _aed_file(aed_dir, f"g{generation:05d}-{n:06d}", rng, next_id)
            report = desk.import_aed([path], actor=officer.badge)
            result = report.results[0]
            if result.refused or result.rejections:
                raise SystemExit(f"AED file {path.name} not imported whole: {report.to_json()}")
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            with_aed += [json.loads(line)["item_id"] for line in path.read_text().splitlines()]
            line = {
                "k": "aed",
                "file": path.name,
                "sha256": sha,
                "imported": result.counts.imported,
            }
        else:
            outcome = rng.choice(outcomes)
            photos = (
                tuple(_jpeg_ish(rng) for _ in range(rng.randint(1, 3)))
                if outcome is Outcome.SEIZED
                else ()
            )
            item_id = rng.choice(with_aed) if with_aed and rng.random() < 0.6 else next_id()

            def decide(outcome: Outcome, item_id: str = item_id, photos: Any = photos) -> Any:
                return desk.decide(
                    officer,
                    Decision(
                        item_id,
                        outcome,
                        agency=rng.choice(AGENCIES) if outcome is Outcome.REFERRED else None,
                        reason="label and contents differ" if outcome is Outcome.DETAINED else None,
                        noncompliance=(rng.choice(NONCOMPLIANCE),) if rng.random() < 0.3 else (),
                        notes=f"{PHOTO_NOTE}{len(photos)}",
                        seizure=SeizureDraft(
                            "narcotics", "white powder", rng.randint(1, 9), "g", rng.randint(1, 999)
                        )
                        if outcome is Outcome.SEIZED
                        else None,
                        photos=photos,
                        selection="risk_rule",
                        exam=Exam(
                            methods=("visual",),
                            findings="contents as declared"
                            if outcome is Outcome.RELEASED
                            else None,
                            return_reason="prohibited"
                            if outcome is Outcome.RETURNED_TO_SENDER
                            else None,
                            notice=NOTICE if outcome is Outcome.DETAINED else None,
                        ),
                    ),
                )

            try:
                done = decide(outcome)
            except OutcomeError:
                # a release over a critical flag needs a supervisor: the officer detains it
                done = decide(Outcome.DETAINED)
            line = {
                "k": "inspection",
                "uuid": done.inspection.uuid,
                "outcome": str(done.inspection.outcome),
                "seizures": [s.seizure_number for s in done.seizures],
                "photos": [p.sha256 for p in done.photos],
            }
        emit.write(json.dumps(line) + "\n")  # only now: the call returned, the record is saved
        emit.flush()


# -- the parent: kill, restart, check --------------------------------------------------------
@dataclass
class Reported:
    """What children said they saved, over every run."""

    inspections: dict[str, dict[str, Any]] = field(default_factory=dict)
    aed: dict[str, dict[str, Any]] = field(default_factory=dict)  # file name -> line

    def add(self, line: str) -> None:
        record = json.loads(line)
        if record["k"] == "aed":
            self.aed[record["file"]] = record
        else:
            self.inspections[record["uuid"]] = record

    def counts(self) -> dict[str, int]:
        return {
            "inspections": len(self.inspections),
            "seizures": sum(len(r["seizures"]) for r in self.inspections.values()),
            "photos": sum(len(r["photos"]) for r in self.inspections.values()),
            "aed_imports": len(self.aed),
            "aed_items": sum(r["imported"] for r in self.aed.values()),
        }


class Lines:
    """Whole lines from a child's stdout, with a deadline (a stuck child is a problem)."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        self.fd = proc.stdout.fileno()
        self.buf = b""

    def readline(self, deadline: float) -> str | None:
        """The next line, or None if the child ended or the deadline passed."""
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    return None
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode()

    def drain(self) -> list[str]:
        """Every complete line left once the child is dead (a cut-off last line is dropped)."""
        while chunk := os.read(self.fd, 65536):
            self.buf += chunk
        *whole, self.buf = self.buf.split(b"\n")
        return [w.decode() for w in whole]


def prepare(db: Path) -> None:
    """A fresh bench database with the officer the child signs in as."""
    from parcelbench.domain.pins import hash_pin
    from parcelbench.domain.records import Officer, Role
    from parcelbench.store import Store
    from parcelbench.store.officers import save_officer

    (db.parent / "aed").mkdir(parents=True, exist_ok=True)
    with Store(db) as store:
        save_officer(
            store, Officer(BADGE, "Kim Nguyen", Role.OFFICER, hash_pin(PIN)), actor="setup"
        )


@dataclass
class KillRound:
    """One child's life: the lines it reported and how it ended."""

    lines: list[str]
    problem: str | None
    early: bool


def run_and_kill(
    db: Path, generation: int, seed: int, aed_every: int, rng: random.Random, max_delay: float
) -> KillRound:
    """Start a child, SIGKILL it at a random moment, collect what it reported.

    One kill in eight lands while the child starts (opening, sweeping, signing in); the rest
    after it has reported 0–6 records, a random delay into a later one.
    """
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    err_path = db.parent / "child.stderr"
    with err_path.open("wb") as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--child",
                str(db),
                "--generation",
                str(generation),
                "--seed",
                str(seed),
                "--aed-every",
                str(aed_every),
            ],
            stdout=subprocess.PIPE,
            stderr=err,
            env=env,
        )
    reader = Lines(proc)
    lines: list[str] = []
    problem: str | None = None
    early = rng.random() < 0.125
    try:
        if early:
            time.sleep(rng.uniform(0.0, 1.5))
        else:
            deadline = time.monotonic() + READY_S
            if reader.readline(deadline) != "ready":
                problem = "the bench did not start"
            else:
                for _ in range(rng.randint(0, 6)):
                    line = reader.readline(deadline)
                    if line is None:
                        problem = "the bench stopped recording"
                        break
                    lines.append(line)
                time.sleep(rng.uniform(0.0, max_delay))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode != -signal.SIGKILL:
        problem = f"the bench exited by itself (code {proc.returncode})"
    rest = reader.drain()
    if rest and rest[0] == "ready":
        rest = rest[1:]
    lines += rest
    assert proc.stdout is not None
    proc.stdout.close()
    if problem:
        tail = err_path.read_text(errors="replace")[-1500:]
        problem = f"{problem}: {tail}"
    return KillRound(lines, problem, early)


@dataclass
class Leftovers:
    """What crashes left in the photos folder for the sweep (shows the kills hit the gaps)."""

    staging: int = 0
    unreferenced: int = 0


def check(db: Path, reported: Reported, leftovers: Leftovers) -> tuple[list[str], dict[str, int]]:
    """Every check of the module docstring; the problems found and what the database holds."""
    from parcelbench.services.bench import Desk
    from parcelbench.services.database import verify_audit
    from parcelbench.store.photo_files import STAGING, photos_dir

    problems: list[str] = []
    raw = sqlite3.connect(db)  # before any bench code runs on it: what the kill left
    try:
        integrity = raw.execute("PRAGMA integrity_check").fetchall()
        held_photos = {r[0] for r in raw.execute("SELECT sha256 FROM photos")}
    finally:
        raw.close()
    if integrity != [("ok",)]:
        problems.append(f"integrity_check: {integrity[:5]}")
        return problems, {}
    folder = db.with_name(db.name + ".photos")
    if folder.is_dir():
        for path in folder.iterdir():
            if path.name.startswith(STAGING):
                leftovers.staging += 1
            elif path.name.split(".", 1)[0] not in held_photos:
                leftovers.unreferenced += 1

    with Desk.open(db) as desk:  # as the window opens it: the sweep runs here
        conn = desk.store.conn
        problems += _check_records(conn, reported)
        problems += _check_photo_files(conn, photos_dir(desk.store), STAGING)
        chain = verify_audit(desk.store)
        if not chain.ok:
            problems.append(f"audit chain broken at row {chain.first_bad_seq}: {chain.reason}")
        problems += _check_journal(conn)
        problems += _check_aed(conn, db.parent / "aed", reported)
        found = {
            "inspections": _count(conn, "inspections"),
            "seizures": _count(conn, "seizures"),
            "photos": _count(conn, "photos"),
            "aed_imports": _count(conn, "aed_imports"),
            "aed_items": _count(conn, "aed_items"),
            "audit_rows": _count(conn, "audit_log"),
            "outbox_events": _count(conn, "outbox"),
        }
    return problems, found


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _check_records(conn: sqlite3.Connection, reported: Reported) -> list[str]:
    """Reported records present; every held inspection whole (its seizure and photos)."""
    problems: list[str] = []
    inspections = {
        uuid: (outcome, notes)
        for uuid, outcome, notes in conn.execute("SELECT uuid, outcome, notes FROM inspections")
    }
    seizures: dict[str, list[str]] = {}
    for number, uuid in conn.execute("SELECT seizure_number, inspection_uuid FROM seizures"):
        seizures.setdefault(uuid, []).append(number)
    photos: dict[str, set[str]] = {}
    for sha, uuid in conn.execute("SELECT sha256, inspection_uuid FROM photos"):
        photos.setdefault(uuid, set()).add(sha)
    for uuid, record in reported.inspections.items():
        if uuid not in inspections:
            problems.append(f"reported inspection {uuid} is lost")
            continue
        if inspections[uuid][0] != record["outcome"]:
            problems.append(f"inspection {uuid} changed outcome")
        if sorted(seizures.get(uuid, [])) != sorted(record["seizures"]):
            problems.append(f"inspection {uuid}: seizure lines {record['seizures']} not all held")
        if photos.get(uuid, set()) != set(record["photos"]):
            problems.append(f"inspection {uuid}: its photo rows are not all held")
    for uuid, (outcome, notes) in inspections.items():
        want = int((notes or f"{PHOTO_NOTE}0").removeprefix(PHOTO_NOTE))
        lines = len(seizures.get(uuid, []))
        if (lines, len(photos.get(uuid, ()))) != (int(outcome == "seized"), want):
            problems.append(
                f"inspection {uuid} ({outcome}) half written: {lines} seizure line(s), "
                f"{len(photos.get(uuid, ()))} of {want} photo(s)"
            )
    return problems


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while part := handle.read(1 << 20):
            digest.update(part)
    return digest.hexdigest()


def _check_photo_files(conn: sqlite3.Connection, folder: Path, staging: str) -> list[str]:
    """After the sweep: each photo row's file whole, and no file that is not a row's."""
    problems: list[str] = []
    rows = dict(conn.execute("SELECT DISTINCT sha256, size FROM photos"))
    files = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    for sha, size in rows.items():
        path = folder / f"{sha}.jpg"
        if not path.is_file():
            problems.append(f"photo {sha[:12]}… has its row but no file")
        elif path.stat().st_size != size or _sha256(path) != sha:
            problems.append(f"photo {sha[:12]}… is half written or damaged")
    left = sorted(f for f in files if f.startswith(staging))
    if left:
        problems.append(f"staging files left after the sweep: {left[:3]}")
    stray = sorted(f for f in files if not f.startswith(staging) and f[:-4] not in rows)
    if stray:
        problems.append(f"photo files without a committed row: {stray[:3]}")
    return problems


def _check_journal(conn: sqlite3.Connection) -> list[str]:
    """Record ↔ audit row ↔ outbox event, one to one, for every evidence kind the child wrote."""
    problems: list[str] = []
    audit = {
        seq: (action, entity, digest)
        for seq, action, entity, digest in conn.execute(
            "SELECT seq, action, entity, hash FROM audit_log"
        )
    }
    events: Counter[int] = Counter()
    for event_id, kind, seq, digest in conn.execute(
        "SELECT event_id, kind, json_extract(payload, '$.audit.seq'), "
        "json_extract(payload, '$.audit.hash') FROM outbox"
    ):
        held = audit.get(seq)
        if held is None or held[0] != kind or held[2] != digest:
            problems.append(f"outbox event {event_id} ({kind}) names no matching audit row {seq}")
        events[seq] += 1
    kinds = set(EVIDENCE_ACTIONS) | {r[0] for r in conn.execute("SELECT DISTINCT kind FROM outbox")}
    for seq, (action, entity, _) in audit.items():
        if action in kinds and events[seq] != 1:
            problems.append(f"audit row {seq} ({action} {entity}) has {events[seq]} events")
    entities = Counter(entity for action, entity, _ in audit.values() if action in kinds)
    for table, key, prefix in (
        ("inspections", "uuid", "inspection:"),
        ("seizures", "seizure_number", "seizure:"),
        ("photos", "sha256", "photo:"),
    ):
        wanted = Counter(f"{prefix}{r[0]}" for r in conn.execute(f"SELECT {key} FROM {table}"))
        have = Counter({e: n for e, n in entities.items() if e.startswith(prefix)})
        if wanted != have:
            diff = (wanted - have) + (have - wanted)
            problems.append(f"{table} and their audit rows differ: {sorted(diff)[:3]}")
    return problems


def _check_aed(conn: sqlite3.Connection, folder: Path, reported: Reported) -> list[str]:
    """Every AED file all or nothing; every import row finished, exact and audited."""
    problems: list[str] = []
    imports = {
        row[0]: row[1:]
        for row in conn.execute("SELECT id, sha256, finished_at, imported FROM aed_imports")
    }
    per_import = dict(
        conn.execute("SELECT import_id, count(*) FROM aed_items GROUP BY import_id").fetchall()
    )
    audited = {
        r[0] for r in conn.execute("SELECT entity FROM audit_log WHERE action = 'aed.import'")
    }
    for import_id, (_, finished, imported) in imports.items():
        if finished is None:
            problems.append(f"AED import {import_id} held but never finished")
        if per_import.get(import_id, 0) != imported:
            problems.append(
                f"AED import {import_id}: {per_import.get(import_id, 0)} items, says {imported}"
            )
        if f"aed_import:{import_id}" not in audited:
            problems.append(f"AED import {import_id} has no audit row")
    strays = set(per_import) - set(imports)
    if strays:
        problems.append(f"AED items of imports that do not exist: {sorted(strays)[:3]}")
    shas = {v[0] for v in imports.values()}
    for name, record in reported.aed.items():
        if record["sha256"] not in shas:
            problems.append(f"reported AED import of {name} is lost")
    for path in sorted(folder.glob("*.jsonl")):
        wanted = {
            (item["item_id"], item["version"])
            for item in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        }
        held = 0
        for item_id, version in wanted:
            held += conn.execute(
                "SELECT count(*) FROM aed_items WHERE item_id = ? AND version = ?",
                (item_id, version),
            ).fetchone()[0]
        if held not in (0, len(wanted)):
            problems.append(f"AED file {path.name}: {held} of {len(wanted)} items held")
    return problems


def run(kills: int, seed: int, work: Path, aed_every: int, max_delay: float) -> dict[str, Any]:
    """The whole harness: prepare, then kill/check `kills` times (stops at the first problem)."""
    db = work / "bench.sqlite"
    prepare(db)
    rng = random.Random(seed)
    reported = Reported()
    leftovers = Leftovers()
    problems: list[str] = []
    found: dict[str, int] = {}
    done = early = 0
    started = time.monotonic()
    for generation in range(1, kills + 1):
        life = run_and_kill(db, generation, seed, aed_every, rng, max_delay)
        for line in life.lines:
            reported.add(line)
        done += 1
        early += life.early
        if life.problem:
            problems.append(f"kill {generation}: {life.problem}")
        found_problems, found = check(db, reported, leftovers)
        problems += [f"after kill {generation}: {p}" for p in found_problems]
        if problems:
            break
    elapsed = time.monotonic() - started
    return {
        "kills": done,
        "kills_while_starting": early,
        "seed": seed,
        "records_reported": reported.counts(),
        "records_found": found,
        "swept_after_kills": {
            "staging_files": leftovers.staging,
            "photo_files_without_row": leftovers.unreferenced,
        },
        "problems": problems[:MAX_PROBLEMS],
        "elapsed_s": round(elapsed, 1),
        "kills_per_min": round(done / elapsed * 60, 1) if elapsed else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", help="keep the bench files here (default: a temp dir)")
    parser.add_argument("--aed-every", type=int, default=7, help="an AED import every N records")
    parser.add_argument(
        "--max-delay", type=float, default=0.25, help="longest wait (s) before a kill"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--generation", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.generation, args.seed, args.aed_every)
        return
    sys.path.insert(0, str(ROOT / "src"))
    if args.workdir:
        work = Path(args.workdir)
        work.mkdir(parents=True, exist_ok=True)
        if (work / "bench.sqlite").exists():
            raise SystemExit(f"{work} already holds a bench: give an empty --workdir")
        out = run(args.kills, args.seed, work, args.aed_every, args.max_delay)
    else:
        with tempfile.TemporaryDirectory(prefix="pb-kill-") as tmp:
            out = run(args.kills, args.seed, Path(tmp), args.aed_every, args.max_delay)
    print(json.dumps(out, indent=2))
    sys.exit(1 if out["problems"] else 0)


if __name__ == "__main__":
    main()
