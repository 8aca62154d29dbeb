"""The progress line a long import draws on a terminal: items, percent, items/s, ETA."""

from __future__ import annotations

import io
from pathlib import Path

from parcelbench.aed.importer import Progress, import_file
from parcelbench.aed.writers import write
from parcelbench.cli.progress import TerminalProgress
from parcelbench.store import Store


def test_progress_line_shows_rate_and_eta(tmp_path: Path) -> None:
    from parcelbench.aed.demo import generate

    path = tmp_path / "a.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write("jsonl", generate(6000, 5), fh)
    screen = io.StringIO()
    progress = TerminalProgress(screen, force=True)
    with Store(tmp_path / "p.sqlite") as store:
        import_file(store, path, progress=progress, parallel=False)
    progress.done()
    drawn = screen.getvalue()
    assert "items/s" in drawn and "ETA" in drawn and "100.0%" in drawn
    assert drawn.endswith("\n")  # the line is finished, not left half-drawn


def test_progress_is_silent_off_a_terminal() -> None:
    screen = io.StringIO()  # not a tty: logs and CI get no carriage-return noise
    TerminalProgress(screen)(Progress("f", 10, 5, 10, 1.0))
    assert screen.getvalue() == ""


def test_eta_from_bytes() -> None:
    p = Progress("f", items=1000, bytes_done=250, bytes_total=1000, elapsed_s=2.0)
    assert p.items_per_s == 500
    assert p.eta_s == 6.0


def test_each_file_keeps_its_own_line() -> None:
    screen = io.StringIO()
    progress = TerminalProgress(screen, force=True)
    progress(Progress("a-very-long-file-name.xml", 10, 10, 10, 1.0))
    progress(Progress("b.jsonl", 3, 3, 3, 1.0))
    progress.done()
    lines = screen.getvalue().split("\n")
    assert lines[0].lstrip("\r").startswith("a-very-long-file-name.xml: 10 items")
    assert lines[1].lstrip("\r").startswith("b.jsonl: 3 items")
    assert lines[2] == ""
