"""`parcelbench scan FILE...`: every code in images or videos, with the parsed parcel id.

Images are read with the still-image settings (every decoder at full effort: there is no next
frame); videos and folders of frames with the live-camera settings, frame by frame, through the
same scan logic the bench uses, so ``--first`` stops exactly where the window would have shown
the parcel. OpenCV is imported only when this command runs, so other commands start fast.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from parcelbench.cli.common import add_json_option, print_json

_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff", ".pgm", ".ppm")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "scan",
        help="decode barcodes in images or videos and parse the parcel ids",
        description=(
            "Decode every barcode in each image, video or folder of frames and parse it as a "
            "parcel id. Exit 0 when every file held a valid parcel id, 1 when one did not, "
            "2 when a file could not be read."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="image, video or folder")
    parser.add_argument(
        "--first",
        action="store_true",
        help="stop a video at the first confirmed parcel id",
    )
    add_json_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import cv2

    cv2.setNumThreads(1)  # the other core captures frames at the bench; keep CLI figures alike
    results: list[dict[str, Any]] = []
    worst = 0
    for name in args.files:
        try:
            result = scan_file(Path(name), first=args.first)
        except ScanFileError as exc:
            print(f"parcelbench: {name}: {exc}", file=sys.stderr)
            results.append({"file": name, "error": str(exc)})
            worst = 2
            continue
        results.append(result)
        if not any(c["id"]["valid"] for c in result["codes"]):
            worst = max(worst, 1)
        if not args.json:
            _print_text(result)
    if args.json:
        print_json(results)
    return worst


class ScanFileError(Exception):
    """A file that is missing or is neither an image nor a video OpenCV can read."""


def scan_file(path: Path, *, first: bool = False) -> dict[str, Any]:
    """Decode one image, video or folder; the JSON-ready result."""
    import cv2

    if not path.exists():
        raise ScanFileError("no such file")
    if path.is_file() and path.suffix.lower() in _IMAGE_SUFFIXES:
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if image is None:
            raise ScanFileError("not an image that can be read")
        return _scan_image(path, image)
    return _scan_frames(path, first=first)


def _scan_image(path: Path, image: Any) -> dict[str, Any]:
    from parcelbench.scan.pipeline import DecoderConfig, FrameDecoder

    t = time.perf_counter()
    codes = FrameDecoder(DecoderConfig(still=True)).decode(image)
    ms = (time.perf_counter() - t) * 1e3
    return {"file": str(path), "codes": [c.to_json() for c in codes], "ms": round(ms, 1)}


def _scan_frames(path: Path, *, first: bool) -> dict[str, Any]:
    from parcelbench.scan.logic import ScanLogic
    from parcelbench.scan.pipeline import FrameDecoder
    from parcelbench.scan.sources import CaptureSettings, SourceError, open_source

    try:
        source = open_source(path, CaptureSettings(realtime=False))
    except SourceError as exc:
        message = str(exc).removeprefix(f"{path}: ")
        if path.is_file():
            message = "not an image or video that can be read"
        raise ScanFileError(message) from None
    decoder = FrameDecoder()
    logic = ScanLogic()
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    events: list[dict[str, Any]] = []
    frames = 0
    elapsed = 0.0
    try:
        while (image := source.read()) is not None:
            frames += 1
            t = time.perf_counter()
            codes = decoder.decode(image)
            elapsed += time.perf_counter() - t
            for code in codes:
                entry = seen.setdefault((code.symbology, code.text), code.to_json())
                entry.setdefault("frame", frames)
            # Frame times, not wall time: a file is scanned faster than it was filmed.
            event = logic.feed(codes, str(path), now=frames / (source.fps or 30.0))
            if event is not None:
                events.append({"item_id": event.item_id, "raw": event.raw, "frame": frames})
                if first and event.item_id is not None:
                    break
    finally:
        source.close()
    if frames == 0:
        raise ScanFileError("not an image or video that can be read")
    codes_json = sorted(seen.values(), key=lambda c: (not c["id"]["valid"], c["frame"]))
    return {
        "file": str(path),
        "codes": codes_json,
        "ms": round(elapsed * 1e3, 1),
        "frames": frames,
        "events": events,
    }


def _print_text(result: dict[str, Any]) -> None:
    name = result["file"]
    if not result["codes"]:
        print(f"{name}: no code found ({result['ms']:.0f} ms)")
        return
    for code in result["codes"]:
        parsed = code["id"]
        where = f" frame {code['frame']}" if "frame" in code else ""
        if parsed["valid"]:
            verdict = f"valid {parsed['kind']}"
        else:
            verdict = f"{parsed['kind']}: {parsed['error']}"
        shown = parsed["display"] if parsed["valid"] else repr(code["text"])
        print(f"{name}{where}: {shown}  {code['symbology']}  {verdict}")
    print(f"{name}: {len(result['codes'])} code(s) in {result['ms']:.0f} ms")
