"""Benchmark: the bench window, offscreen, on a big store. Prints JSON.

`scan_to_card_*`: from a scan reaching the window to the parcel card painted with its flags
(look-up, scan record, assessment on the worker thread, then the card on the GUI thread), for
random stored parcels. `cold_start_ms`: from creating the window to the store open and the
login panel shown.

    python bench/ui_latency.py --db PATH [--scans 300]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from parcelbench.domain.pins import hash_pin
from parcelbench.domain.records import Officer, Role
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.store import Store
from parcelbench.store.aed import sample_item_ids
from parcelbench.store.officers import get_officer, save_officer
from parcelbench.ui.main_window import MainWindow


def account(store: Store, badge: str, name: str, role: Role | str, pin: str) -> Officer:
    """A measuring account, written as HQ's feed writes accounts (no supervisor signs in)."""
    officer = Officer(badge, name, Role(role), hash_pin(pin))
    save_officer(store, officer, actor="bench")
    return officer


def wait(signal: object, timeout_ms: int = 30_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--scans", type=int, default=300)
    args = parser.parse_args()
    db = Path(args.db)
    with Store(db) as store:
        if get_officer(store.conn, "B0001") is None:
            account(store, "B0001", "Bench Mark", "officer", "52839160")
        ids = sample_item_ids(store.conn, args.scans, seed=3)
        items = store.conn.execute("SELECT count(*) FROM aed_items WHERE is_current = 1")
        n_items = items.fetchone()[0]
    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    win = MainWindow(db, facility="bench")
    win.show()
    # the window's own slot records the opened store's status (it may arrive before a
    # listener connected here could catch it)
    while win.status_facts is None and time.perf_counter() - started < 60:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    app.processEvents()
    cold = (time.perf_counter() - started) * 1000
    win.log_in("B0001", "52839160")
    wait(win.refreshed)
    random.Random(5).shuffle(ids)
    times = []
    for item_id in ids:
        t0 = time.perf_counter()
        win.scan(ScanEvent.of(item_id, "wedge"))
        wait(win.parcel_shown)
        app.processEvents()  # the card painted
        times.append((time.perf_counter() - t0) * 1000)
        win.flow.decided = True  # nothing recorded: the next scan takes the card
    win.shutdown()
    win.deleteLater()
    app.processEvents()
    times.sort()
    print(
        json.dumps(
            {
                "items_in_db": n_items,
                "scans": len(times),
                "scan_to_card_p50_ms": round(statistics.median(times), 2),
                "scan_to_card_p99_ms": round(times[int(len(times) * 0.99) - 1], 2),
                "cold_start_ms": round(cold, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
