"""Frame sources and the capture thread on real files: folders of JPEGs, an MJPEG .avi, a camera
index with no camera behind it and a stream address nobody answers."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from parcelbench.domain.scan_event import ScanEvent
from parcelbench.ids import parse
from parcelbench.resources import resource
from parcelbench.scan.capture import CaptureThread, Frame, LatestFrame
from parcelbench.scan.live import LiveScanner
from parcelbench.scan.sources import (
    CaptureSettings,
    FolderSource,
    SourceError,
    VideoSource,
    open_source,
    parse_spec,
)
from parcelbench.scan.synth import DEMO_IDS, label_frames, render_frame
from tests.scan.conftest import write_images, write_video

FAST = CaptureSettings(realtime=False, retries=1)


def test_specs_are_classified(tmp_path: Path) -> None:
    assert parse_spec(0).kind == "device"
    assert parse_spec("camera:2").target == 2
    assert parse_spec("1").kind == "device"
    assert parse_spec("rtsp://127.0.0.1:8554/bench").kind == "url"
    assert parse_spec(tmp_path).kind == "folder"
    assert parse_spec(tmp_path / "clip.avi").kind == "file"


def test_a_folder_plays_in_name_order_and_skips_broken_images(tmp_path: Path) -> None:
    frames = label_frames(3, seed=5)
    write_images(tmp_path, frames)
    (tmp_path / "frame-001b.jpg").write_bytes(b"not a jpeg")
    (tmp_path / "notes.txt").write_text("ignored")
    source = open_source(tmp_path, FAST)
    assert isinstance(source, FolderSource)
    read = []
    while (image := source.read()) is not None:
        read.append(image)
    assert len(read) == 3
    assert [p.name for p in source.skipped] == ["frame-001b.jpg"]


def test_an_mjpeg_file_reads_back_every_frame(tmp_path: Path) -> None:
    frames = label_frames(4, seed=6)
    clip = write_video(tmp_path / "clip.avi", frames, fps=12.0)
    source = open_source(clip, FAST)
    assert isinstance(source, VideoSource) and not source.live
    assert source.fps == pytest.approx(12.0)
    count = 0
    while source.read() is not None:
        count += 1
    source.close()
    assert count == 4


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("camera:97", "camera 97 could not be opened"),
        ("http://127.0.0.1:9/bench.mjpg", "stream http://127.0.0.1:9/bench.mjpg could not be"),
    ],
)
def test_open_failures_are_clear_and_quick(spec: str, message: str) -> None:
    settings = CaptureSettings(open_timeout_s=2.0, read_timeout_s=2.0)
    started = time.monotonic()
    with pytest.raises(SourceError, match=message):
        open_source(spec, settings)
    assert time.monotonic() - started < 15, "never a hang"


def test_a_missing_or_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        open_source(tmp_path / "missing.avi", FAST)
    bogus = tmp_path / "clip.avi"
    bogus.write_text("not a video")
    with pytest.raises(SourceError, match="not a video"):
        open_source(bogus, FAST)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SourceError, match="no images"):
        open_source(empty, FAST)


def test_a_missing_camera_is_retried_then_reported() -> None:
    statuses: list[str] = []
    settings = CaptureSettings(retries=3, retry_delay_s=0.05)
    thread = CaptureThread("camera:97", settings, on_status=statuses.append)
    thread.start()
    thread.join(20)
    assert not thread.is_alive()
    assert thread.attempts == 3
    assert sum("retrying" in s for s in statuses) == 2
    assert thread.error is not None and "gave up after 3 attempts" in thread.error
    assert thread.mailbox.closed and thread.mailbox.take(0.01) is None


def test_stop_interrupts_the_wait_between_retries() -> None:
    thread = CaptureThread("camera:97", CaptureSettings(retries=5, retry_delay_s=30))
    thread.start()
    time.sleep(0.3)
    thread.stop()
    thread.join(5)
    assert not thread.is_alive()


def test_the_mailbox_keeps_only_the_newest_frame() -> None:
    box = LatestFrame()
    image = np.zeros((2, 2, 3), np.uint8)
    for seq in (1, 2, 3):
        box.put(Frame(seq, image, 0.0))
    frame = box.take(0.01)
    assert frame is not None and frame.seq == 3
    assert box.dropped == 2
    assert box.take(0.01) is None


def test_a_busy_decoder_drops_frames_instead_of_queueing(tmp_path: Path) -> None:
    """A folder played at 400 fps into the real decoder (~20–40 ms a frame)."""
    frames = label_frames(2, seed=8)
    write_images(tmp_path, frames * 15)
    seqs: list[int] = []
    scanner = LiveScanner(
        tmp_path,
        CaptureSettings(fps=400.0),
        on_frame=lambda frame, _codes: seqs.append(frame.seq),
    ).start()
    assert scanner.wait(60)
    stats = scanner.stats
    assert stats.captured == 30
    assert stats.dropped > 0
    assert stats.decoded + stats.dropped == stats.captured
    assert seqs == sorted(seqs) and len(seqs) < 30, "only newest frames, in order"


def test_live_scanner_gives_one_event_per_parcel(tmp_path: Path) -> None:
    rng = np.random.default_rng(12)
    ids = ("RR473124829GB", "CP100000140DE", "LX806576725TW")
    frames = [render_frame(i, 2.4, rng) for i in ids for _ in range(4)]
    write_images(tmp_path, frames)
    events: list[ScanEvent] = []
    lock = threading.Lock()

    def collect(event: ScanEvent) -> None:
        with lock:
            events.append(event)

    scanner = LiveScanner(tmp_path, CaptureSettings(fps=10.0), on_event=collect).start()
    assert scanner.wait(60)
    assert [e.item_id for e in events] == list(ids)
    assert all(e.source == f"folder:{tmp_path}" for e in events)


def test_the_demo_clip_shows_demo_parcels() -> None:
    folder = resource("demo", "camera")
    aed = resource("demo", "aed-demo.xml").read_text(encoding="utf-8")
    events: list[ScanEvent] = []
    scanner = LiveScanner(folder, CaptureSettings(fps=10.0), on_event=events.append).start()
    assert scanner.wait(60)
    ids = [e.item_id for e in events]
    assert ids == list(DEMO_IDS)
    assert all(parse(i).valid and f"<ItemId>{i}</ItemId>" in aed for i in ids)


def test_a_paused_scanner_shows_frames_but_reads_nothing(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    write_images(tmp_path, [render_frame("RR473124829GB", 2.4, rng) for _ in range(4)])
    shown: list[int] = []
    events: list[ScanEvent] = []
    scanner = LiveScanner(
        tmp_path,
        CaptureSettings(fps=10.0),
        on_event=events.append,
        on_frame=lambda _frame, codes: shown.append(len(codes)),
    )
    scanner.paused.set()
    scanner.start()
    assert scanner.wait(60)
    assert shown and set(shown) == {0}, "frames reach the view, undecoded"
    assert events == [] and scanner.stats.decoded == 0
