"""Benchmark: barcode read rate, misreads and ms per frame — our pipeline vs plain decoders.

Prints JSON with two parts:

* ``synthetic``: 1280×720 label frames from :mod:`parcelbench.scan.synth` (real Code 128, QR
  and DataMatrix encoders; shipping labels on parcels at any rotation, tilted up to 40° under a
  pinhole camera, defocus and motion blur, uneven light, shadows, glare, sensor noise, low light,
  JPEG; S10 modules 1.3–3 px), read by the pipeline (live-camera settings), by plain
  ``pyzbar.decode`` and by plain ``zxingcpp.read_barcodes`` on the same frames. Read rate of the
  S10 id per module-size band, misreads (a valid parcel id other than the printed one) and
  median/p95 ms per frame. ``pipeline_zbar_only`` is the same pipeline with zbar reading the
  averaged scanlines instead of zxing-cpp: what the second decoder adds. ``--conditions mild``
  gives the easier frames the pipeline was first measured on; the default, ``webcam``, is
  calibrated so the plain decoders read about as often as on real webcam frames.
* ``corpus``: zxing-cpp's public sample images (``shared/corpus/barcodes``), per format: images
  whose expected content each decoder read, images where it returned only other text, ms.

``--frames-dir DIR`` instead scores any folder of frames made elsewhere — the independent sets
of ``bench/framesets/``, a camera's recordings — against its ``truth.json``
(``[{"file": "frame_0001.png", "expected": "RR473124829GB", "difficulty": "easy"}, …]``,
``difficulty`` optional) with the live-camera settings, and prints ``frames``, ``read``,
``read_rate``, ``by_difficulty``, ``misreads`` (a valid parcel id other than the expected one)
and ``median_ms``; ``--plain`` adds plain pyzbar and zxing-cpp on the same frames, ``--misses``
the files not read.

One thread (``cv2.setNumThreads(1)``), as the budget is per core.

    .venv/bin/python bench/decode.py --frames 300 --seed 1
    .venv/bin/python bench/decode.py --frames-dir /tmp/frames-zint --plain
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from parcelbench.ids import parse
from parcelbench.scan.corpus import Sample, samples
from parcelbench.scan.pipeline import DecoderConfig, FrameDecoder, to_gray
from parcelbench.scan.synth import CONDITIONS, Conditions, label_frames

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "barcodes"
BANDS = (("1.3-1.7", 1.3, 1.7), ("1.7-2.4", 1.7, 2.4), ("2.4-3.0", 2.4, 3.01))

# name -> function from a BGR image to [(text, bytes)]
Reader = Callable[[np.ndarray], list[tuple[str, bytes]]]


class PipelineReader:
    """The pipeline as a reader; remembers which stage/decoder read each text last frame."""

    def __init__(self, config: DecoderConfig) -> None:
        self.decoder = FrameDecoder(config)
        self.how: dict[str, str] = {}

    def __call__(self, image: np.ndarray) -> list[tuple[str, bytes]]:
        codes = self.decoder.decode(image)
        self.how = {c.text: f"{c.method}/{c.decoder}" for c in codes}
        return [(c.text, c.data) for c in codes]


def pipeline_reader(config: DecoderConfig) -> Reader:
    return PipelineReader(config)


def plain_pyzbar(image: np.ndarray) -> list[tuple[str, bytes]]:
    from pyzbar import pyzbar

    out = []
    for r in pyzbar.decode(to_gray(image)):
        try:
            text = r.data.decode("utf-8")
        except UnicodeDecodeError:
            text = r.data.decode("latin-1")
        out.append((text, bytes(r.data)))
    return out


def plain_zxing(image: np.ndarray) -> list[tuple[str, bytes]]:
    import zxingcpp

    results = zxingcpp.read_barcodes(to_gray(image), text_mode=zxingcpp.TextMode.Plain)
    return [(r.text, bytes(r.bytes)) for r in results]


def _ms(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return {"median_ms": round(statistics.median(ordered) * 1e3, 1), "p95_ms": round(p95 * 1e3, 1)}


def bench_synthetic(
    readers: dict[str, Reader], count: int, seed: int, conditions: Conditions
) -> dict[str, Any]:
    t0 = time.perf_counter()
    frames = label_frames(count, seed, conditions=conditions)
    generate_s = time.perf_counter() - t0
    out: dict[str, Any] = {
        "frames": count,
        "seed": seed,
        "conditions": conditions.name,
        "generate_s": round(generate_s, 1),
        "frames_per_band": {
            name: sum(lo <= f.module_px < hi for f in frames) for name, lo, hi in BANDS
        },
    }
    for name, reader in readers.items():
        hits = dict.fromkeys((b[0] for b in BANDS), 0)
        read_by: dict[str, int] = {}
        misreads = 0
        times = []
        for frame in frames:
            t = time.perf_counter()
            texts = [text for text, _ in reader(frame.image)]
            times.append(time.perf_counter() - t)
            band = next(b for b, lo, hi in BANDS if lo <= frame.module_px < hi)
            hits[band] += frame.item_id in texts
            if isinstance(reader, PipelineReader) and frame.item_id in reader.how:
                how = reader.how[frame.item_id]
                read_by[how] = read_by.get(how, 0) + 1
            misreads += sum(
                1 for text in texts if parse(text).valid and parse(text).normalized != frame.item_id
            )
        out[name] = {
            "read_rate": {
                band: round(hits[band] / max(1, out["frames_per_band"][band]), 3) for band in hits
            },
            "read_rate_all": round(sum(hits.values()) / count, 3),
            "misreads": misreads,
            **_ms(times),
        }
        if read_by:
            out[name]["s10_read_by"] = dict(sorted(read_by.items()))
    return out


def bench_corpus(readers: dict[str, Reader], root: Path) -> dict[str, Any]:
    per_format: dict[str, dict[str, Any]] = {}
    times: dict[str, list[float]] = {name: [] for name in readers}
    for sample in samples(root):
        image = cv2.imread(str(sample.path), cv2.IMREAD_COLOR)
        if image is None:
            continue
        entry = per_format.setdefault(
            sample.format, {"images": 0, **{n: {"read": 0, "wrong": 0} for n in readers}}
        )
        entry["images"] += 1
        for name, reader in readers.items():
            t = time.perf_counter()
            reads = reader(image)
            times[name].append(time.perf_counter() - t)
            _score(entry[name], sample, reads)
    return {"formats": per_format, "ms": {name: _ms(t) for name, t in times.items()}}


def _score(slot: dict[str, int], sample: Sample, reads: list[tuple[str, bytes]]) -> None:
    if sample.format == "falsepositives":
        slot["wrong"] += bool(reads)
    elif any(sample.matches(text, data) for text, data in reads):
        slot["read"] += 1
    elif reads:
        slot["wrong"] += 1


@dataclass(frozen=True)
class Truth:
    """One frame of a frame set and what its label carries."""

    path: Path
    expected: str
    difficulty: str


class FrameSetError(Exception):
    """A frame set that cannot be scored; the message says what is wrong and where."""


def load_truth(folder: Path) -> list[Truth]:
    """The frames of ``folder`` as its ``truth.json`` lists them, every file checked first."""
    truth_file = folder / "truth.json"
    if not truth_file.is_file():
        raise FrameSetError(f"{truth_file} not found: a frame set needs a truth.json list")
    try:
        rows = json.loads(truth_file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise FrameSetError(f"{truth_file} is not valid JSON: {exc}") from None
    if not isinstance(rows, list) or not rows:
        raise FrameSetError(f"{truth_file} must be a non-empty JSON list of frames")
    out = []
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not isinstance(row.get("file"), str):
            raise FrameSetError(f'{truth_file} entry {n}: needs a "file" name')
        if not isinstance(row.get("expected"), str) or not row["expected"]:
            raise FrameSetError(f'{truth_file} entry {n} ({row["file"]}): needs "expected" text')
        path = folder / row["file"]
        if not path.is_file():
            raise FrameSetError(f"{truth_file} entry {n}: {path} does not exist")
        out.append(Truth(path, row["expected"], str(row.get("difficulty") or "all")))
    return out


def score_frames(readers: dict[str, Reader], frames: list[Truth]) -> dict[str, dict[str, Any]]:
    """Per reader: frames whose expected text was read, by difficulty, misreads and ms."""
    results: dict[str, dict[str, Any]] = {}
    for name, reader in readers.items():
        by: dict[str, dict[str, int]] = {}
        misreads = 0
        times: list[float] = []
        missed: list[str] = []
        for frame in frames:
            image = cv2.imread(str(frame.path), cv2.IMREAD_COLOR)
            if image is None:
                raise FrameSetError(f"{frame.path} cannot be read as an image")
            t = time.perf_counter()
            texts = [text for text, _ in reader(image)]
            times.append(time.perf_counter() - t)
            slot = by.setdefault(frame.difficulty, {"read": 0, "total": 0})
            slot["total"] += 1
            if frame.expected in texts:
                slot["read"] += 1
            else:
                missed.append(frame.path.name)
            misreads += sum(
                1
                for text in texts
                if parse(text).valid and parse(text).normalized != frame.expected
            )
        read = sum(s["read"] for s in by.values())
        results[name] = {
            "frames": len(frames),
            "read": read,
            "read_rate": round(read / len(frames), 3),
            "by_difficulty": dict(sorted(by.items())),
            "misreads": misreads,
            **_ms(times),
            "missed": missed,
        }
    return results


def bench_frames_dir(folder: Path, *, plain: bool, misses: bool) -> dict[str, Any]:
    """The live-camera pipeline on a folder of frames (and plain decoders with ``plain``)."""
    frames = load_truth(folder)
    readers: dict[str, Reader] = {"pipeline": pipeline_reader(DecoderConfig())}
    if plain:
        readers |= {"pyzbar": plain_pyzbar, "zxing_cpp": plain_zxing}
    scored = score_frames(readers, frames)
    for result in scored.values():
        if not misses:
            del result["missed"]
    result = {"set": str(folder), **scored.pop("pipeline")}
    if scored:
        result["plain"] = scored
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--conditions", choices=sorted(CONDITIONS), default="webcam")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--frames-dir", type=Path, help="score this folder (truth.json) only")
    parser.add_argument("--plain", action="store_true", help="with --frames-dir: plain decoders")
    parser.add_argument("--misses", action="store_true", help="with --frames-dir: files not read")
    args = parser.parse_args()
    cv2.setNumThreads(1)
    if args.frames_dir is not None:
        try:
            print(
                json.dumps(
                    bench_frames_dir(args.frames_dir, plain=args.plain, misses=args.misses),
                    indent=2,
                )
            )
        except FrameSetError as exc:
            raise SystemExit(f"decode.py: {exc}") from None
        return
    result: dict[str, Any] = {
        "opencv": cv2.__version__,
        "zxing_cpp": version("zxing-cpp"),
        "pyzbar": version("pyzbar"),
    }
    if not args.skip_synthetic:
        readers = {
            "pipeline": pipeline_reader(DecoderConfig()),
            "pipeline_zbar_only": pipeline_reader(DecoderConfig(strip_zxing=False)),
            "pyzbar": plain_pyzbar,
            "zxing_cpp": plain_zxing,
        }
        result["synthetic"] = bench_synthetic(
            readers, args.frames, args.seed, CONDITIONS[args.conditions]
        )
    if not args.skip_corpus and args.corpus.is_dir():
        readers = {
            "pipeline": pipeline_reader(DecoderConfig(still=True)),
            "pyzbar": plain_pyzbar,
            "zxing_cpp": plain_zxing,
        }
        result["corpus"] = bench_corpus(readers, args.corpus)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
