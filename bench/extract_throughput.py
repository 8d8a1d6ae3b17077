"""Attachment extraction throughput per type: MB/s over a ~100 KB document of each type.

Run:  .venv/bin/python bench/extract_throughput.py [--size-kb 100] [--rounds 7] [--seed 20260105]

Each document is generated from seeded invented words (the builders in
tests/message/extract/extract_fixtures.py), grown until its file is about `--size-kb`;
the .xlsx is written by openpyxl (a `test` extra), which stores text as inline strings.
PDF text comes from PDFium (pypdfium2) and .xlsx text from a streaming expat pass.
Every type is extracted `--rounds` times through `extract_attachments`, once with
`max_seconds=0` (in-process) and once through the worker process (already started, so the
figure is the per-file cost a gateway pays: pickling both ways plus the parse); the table
reports the median round, in MB of file per second.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "message" / "extract"))

import extract_fixtures as fx

from mailwarden.message.extract import extract_attachments, shutdown_workers, warm_up
from mailwarden.message.limits import Limits, ParseContext
from mailwarden.message.raw import RawPart

WORDS = [
    "council", "housing", "referral", "visit", "report", "budget", "meeting", "school",
    "transport", "care", "plan", "review", "officer", "resident", "application", "planning",
    "licence", "payment", "invoice", "ward", "road", "Jane", "Example", "street", "notes",
    "assessment", "support", "contact", "team", "service",
]  # fmt: skip

Builder = Callable[[list[str]], bytes]


def _lines(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(count)]


def _pdf(lines: list[str]) -> bytes:
    return fx.pdf([lines[i : i + 50] for i in range(0, len(lines), 50)], compress=True)


def _xlsx(lines: list[str]) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for number, line in enumerate(lines):
        sheet.append([*line.split()[:6], number, number * 1.5])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _pptx(lines: list[str]) -> bytes:
    import io

    import pptx

    deck = pptx.Presentation()
    for start in range(0, len(lines), 10):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = lines[start]
        slide.placeholders[1].text = "\n".join(lines[start + 1 : start + 10])
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _odt(lines: list[str]) -> bytes:
    body = "".join(f"<text:p>{line}</text:p>" for line in lines)
    return fx._odf("application/vnd.oasis.opendocument.text", f"<office:text>{body}</office:text>")


def _rtf(lines: list[str]) -> bytes:
    return b"{\\rtf1\\ansi\\f0 " + b"\\par ".join(line.encode() for line in lines) + b"}"


def _html(lines: list[str]) -> bytes:
    rows = "".join(f"<p>{line}</p><table><tr><td>{line[:20]}</td></tr></table>" for line in lines)
    return f"<html><body>{rows}</body></html>".encode()


def _csv(lines: list[str]) -> bytes:
    return "\r\n".join(",".join(line.split()) for line in lines).encode()


def _txt(lines: list[str]) -> bytes:
    return "\n".join(lines).encode()


def _zip(lines: list[str]) -> bytes:
    third = len(lines) // 3
    return fx.zip_of(
        {
            "a.txt": _txt(lines[:third]),
            "b.csv": _csv(lines[third : 2 * third]),
            "c/d.html": _html(lines[2 * third :]),
        }
    )


TYPES: dict[str, tuple[str, Builder]] = {
    "pdf": ("letter.pdf", _pdf),
    "docx": ("letter.docx", fx.docx_bytes),
    "xlsx": ("sheet.xlsx", _xlsx),
    "pptx": ("deck.pptx", _pptx),
    "odt": ("notes.odt", _odt),
    "rtf": ("letter.rtf", _rtf),
    "html": ("page.html", _html),
    "csv": ("export.csv", _csv),
    "txt": ("notes.txt", _txt),
    "zip": ("bundle.zip", _zip),
}


def build(builder: Builder, seed: int, target: int) -> bytes:
    """Grow the line count until the file is within 10% of `target` bytes."""
    count = 50
    data = builder(_lines(random.Random(seed), count))
    for _ in range(8):
        if abs(len(data) - target) < target // 10:
            break
        count = max(1, int(count * target / max(len(data), 1)))
        data = builder(_lines(random.Random(seed), count))
    return data


def rate(data: bytes, filename: str, limits: Limits, rounds: int) -> float:
    """Median MB/s of `rounds` extractions; fails loudly if the file was not read."""
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        (result,) = extract_attachments([RawPart(filename, "", data)], ParseContext.start(limits))
        timings.append(time.perf_counter() - started)
        if result.uninspected is not None:
            raise SystemExit(f"{filename}: {result.uninspected}")
    return len(data) / statistics.median(timings) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-kb", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seed", type=int, default=20260105)
    args = parser.parse_args()
    in_process, worker = Limits(max_seconds=0), Limits(max_seconds=60)
    warm_up(worker)
    print(f"{'type':<6} {'KB':>6} {'in-process MB/s':>16} {'worker MB/s':>12}")
    for name, (filename, builder) in TYPES.items():
        data = build(builder, args.seed, args.size_kb * 1000)
        rate(data, filename, worker, 1)  # warm both paths (imports, worker boot)
        rate(data, filename, in_process, 1)
        local = rate(data, filename, in_process, args.rounds)
        remote = rate(data, filename, worker, args.rounds)
        print(f"{name:<6} {len(data) / 1000:>6.0f} {local:>16.2f} {remote:>12.2f}")
    shutdown_workers()


if __name__ == "__main__":
    main()
