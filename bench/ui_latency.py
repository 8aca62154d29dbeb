"""Benchmark: the bench window, offscreen, on a big store. Prints JSON.

`scan_to_card_*`: from a scan reaching the window to the parcel card painted with its flags
(look-up, scan record, assessment on the worker thread, then the card on the GUI thread), for
random stored parcels. `cold_start_ms`: from creating the window to the store open and the
login panel shown.

`frame_to_card_*`: what the officer waits for when a parcel is put under the camera — from the
camera capturing the first frame that shows its label to the card painted. The window's own
camera plays a 30 fps MJPEG clip (a video file is paced like a camera) of stored parcels'
labels (`scan.synth`, webcam conditions, modules 1.7–3 px), each held `--hold` frames with an
empty bench between them; it goes through the real capture thread, one-frame mailbox, decoder
thread, scan logic, look-up and card. A label whose first frames are not read waits for a
later one, and that wait is counted. `camera_parcels_missed`: labels never read.

    python bench/ui_latency.py --db PATH [--scans 300] [--camera-parcels 40]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import cv2
import numpy as np
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from parcelbench.domain.pins import hash_pin
from parcelbench.domain.records import Officer, Role
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.scan.capture import Frame, LatestFrame
from parcelbench.scan.synth import FRAME_SIZE, render_frame
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


CLIP_FPS = 30.0
GAP_FRAMES = 12  # an empty bench between two parcels (0.4 s)


def camera_clip(folder: Path, ids: list[str], hold: int, seed: int = 11) -> list[int]:
    """A 30 fps MJPEG clip of the labels of ``ids``; returns each label's first frame number."""
    rng = np.random.default_rng(seed)
    path = folder / "camera.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), CLIP_FPS, FRAME_SIZE)
    if not writer.isOpened():
        raise SystemExit(f"ui_latency.py: OpenCV cannot write an MJPEG clip to {path}")
    empty = np.full((FRAME_SIZE[1], FRAME_SIZE[0], 3), (92, 120, 142), np.uint8)
    firsts, n = [], 0
    for item_id in ids:
        for _ in range(GAP_FRAMES):
            writer.write(empty)
            n += 1
        label = render_frame(item_id, float(rng.uniform(1.7, 3.0)), rng).image
        firsts.append(n + 1)  # frame numbers count from 1, as the capture thread's do
        for _ in range(hold):
            writer.write(label)
            n += 1
    for _ in range(GAP_FRAMES):
        writer.write(empty)
    writer.release()
    return firsts


class CaptureClock:
    """When the capture thread read each frame: the start of what the officer waits for."""

    def __init__(self) -> None:
        self.at: dict[int, float] = {}
        self._put = LatestFrame.put

        def put(mailbox: LatestFrame, frame: Frame) -> None:
            self.at[frame.seq] = frame.captured_at
            self._put(mailbox, frame)

        LatestFrame.put = put  # type: ignore[method-assign]

    def close(self) -> None:
        LatestFrame.put = self._put  # type: ignore[method-assign]


def frame_to_card(db: Path, ids: list[str], hold: int) -> dict[str, float | int]:
    """Play the clip into a signed-in window's camera; ms from first label frame to card."""
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        firsts = camera_clip(Path(tmp), ids, hold)
        first_frame = dict(zip(ids, firsts, strict=True))
        clock = CaptureClock()
        shown: list[tuple[str, float]] = []
        win = MainWindow(db, camera=str(Path(tmp) / "camera.avi"), facility="bench")
        ended: list[str] = []
        win.camera.status.connect(lambda text: ended.append(text) if "ended" in text else None)

        def on_shown(view: object) -> None:
            app.processEvents()  # the card painted
            shown.append((view.parsed.normalized, time.monotonic()))  # type: ignore[attr-defined]
            win.flow.decided = True  # nothing recorded: the next parcel takes the card

        win.parcel_shown.connect(on_shown)
        win.show()
        win.log_in("B0001", "52839160")  # starts the camera
        deadline = time.monotonic() + 30 + len(ids) * (hold + GAP_FRAMES) / CLIP_FPS
        while not ended and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        for _ in range(20):  # the last parcel's look-up may still be on its way
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        win.shutdown()
        win.deleteLater()
        app.processEvents()
        clock.close()
    times = sorted(
        (painted - clock.at[first_frame[item_id]]) * 1000
        for item_id, painted in shown
        if item_id in first_frame
    )
    if not times:
        raise SystemExit("ui_latency.py: no parcel of the camera clip reached the card")
    return {
        "camera_parcels": len(ids),
        "camera_parcels_missed": len(ids) - len(times),
        "frame_to_card_p50_ms": round(statistics.median(times), 1),
        "frame_to_card_p99_ms": round(times[max(0, int(len(times) * 0.99) - 1)], 1),
        "frame_to_card_max_ms": round(times[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--scans", type=int, default=300)
    parser.add_argument("--camera-parcels", type=int, default=40, help="0: skip the camera part")
    parser.add_argument("--hold", type=int, default=20, help="frames each label stays in view")
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
    result: dict[str, float | int] = {
        "items_in_db": n_items,
        "scans": len(times),
        "scan_to_card_p50_ms": round(statistics.median(times), 2),
        "scan_to_card_p99_ms": round(times[int(len(times) * 0.99) - 1], 2),
        "cold_start_ms": round(cold, 1),
    }
    if args.camera_parcels:
        with Store(db) as store:
            camera_ids = sample_item_ids(store.conn, args.camera_parcels, seed=17)
        result |= frame_to_card(db, camera_ids, args.hold)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
