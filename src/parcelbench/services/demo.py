"""The embedded demo: a database built from the bundled AED, demo accounts, a demo camera clip.

One place for it, because `parcelbench demo`, `parcelbench app --demo` and the window's smoke
test all start from the same demo bench.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from parcelbench.aed.importer import import_files
from parcelbench.domain.pins import needs_rehash
from parcelbench.domain.records import Officer, Role
from parcelbench.domain.settings import DEMO_BENCH
from parcelbench.paths import data_dir
from parcelbench.resources import resource
from parcelbench.services.holds import import_holds
from parcelbench.services.officers import add_officer
from parcelbench.store import Store, settings
from parcelbench.store.aed import count_current
from parcelbench.store.backup import copy_database
from parcelbench.store.officers import get_officer, list_officers

DEMO_AED = ("demo", "aed-demo.xml")
DEMO_CAMERA = ("demo", "camera")
DEMO_HOLDS = ("demo", "holds.csv")
#: Demo-only accounts, created in the demo database and shown on its login screen.
DEMO_ACCOUNTS: tuple[tuple[str, str, Role, str], ...] = (
    ("O1001", "Ana Ruiz", Role.OFFICER, "40718253"),
    ("S2001", "Sam Okafor", Role.SUPERVISOR, "63920574"),
)


class DemoError(Exception):
    """The bundled demo data is missing or unreadable (a broken install)."""


@dataclass(frozen=True, slots=True)
class DemoBench:
    db: Path
    created: bool
    seconds: float


def default_demo_db() -> Path:
    return data_dir() / "demo.sqlite"


def ensure_demo(db_path: Path) -> DemoBench:
    """Build the demo database once (bundled AED + demo accounts); later calls reuse it.

    Only a database the demo made (or the default demo file) is ever a demo bench: the demo's
    accounts and PINs are public, so adding them to a real bench would hand anyone a
    supervisor's account there. Any other database that holds accounts or AED is refused.
    """
    started = time.perf_counter()
    created = False
    with Store(db_path) as store:
        if not settings.get(store.conn, DEMO_BENCH):
            held = list_officers(store.conn) or count_current(store.conn)
            if held and not _same_file(db_path, default_demo_db()):
                raise DemoError(
                    f"{db_path} is a bench database, not a demo bench: the demo never adds its "
                    "public accounts or data to one; give a new file with --db, or leave --db out"
                )
            settings.set(store, DEMO_BENCH, True, actor="demo")
        if count_current(store.conn) == 0:
            try:
                demo_aed = resource(*DEMO_AED)
            except FileNotFoundError as exc:
                raise DemoError(f"{exc}; reinstall ParcelBench") from None
            report = import_files(store, [demo_aed], actor="demo")
            if report.refused:
                raise DemoError(f"bundled demo data refused: {report.refused[0].refused}")
            created = True
        supervisor = _demo_supervisor(store)
        for badge, name, role, pin in DEMO_ACCOUNTS:
            held = get_officer(store.conn, badge)
            # a demo bench built before today's PIN policy gets today's demo PINs
            if held is None or needs_rehash(held.pin_hash):
                add_officer(store, badge, name, role, pin, by=supervisor)
        if created:  # parcels HQ targeted, so the demo shows holds
            import_holds(store, resource(*DEMO_HOLDS), supervisor, today=date(2026, 11, 27))
    return DemoBench(db_path, created, time.perf_counter() - started)


def _demo_supervisor(store: Store) -> Officer:
    """The demo's supervisor: the bench's first account on a new demo bench, who adds the rest."""
    badge, name, role, pin = next(a for a in DEMO_ACCOUNTS if a[2] is Role.SUPERVISOR)
    held = get_officer(store.conn, badge)
    if held is not None:
        return held
    return add_officer(store, badge, name, role, pin, by=None)


def _same_file(a: Path, b: Path) -> bool:
    return a.expanduser().resolve() == b.expanduser().resolve()


def copy_bench(db: Path, dest: Path) -> Path:
    """A consistent copy of a bench database (the self-test works on one, never the original)."""
    with Store(db, create=False) as store:
        return copy_database(store, dest)


def demo_camera() -> Path:
    """The bundled demo camera clip (a folder of label frames the capture path plays)."""
    try:
        return resource(*DEMO_CAMERA)
    except FileNotFoundError as exc:
        raise DemoError(f"{exc}; reinstall ParcelBench") from None


def accounts_hint() -> str:
    return "Demo accounts: " + " · ".join(
        f"{badge} / PIN {pin} ({role})" for badge, _, role, pin in DEMO_ACCOUNTS
    )
