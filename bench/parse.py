"""Parsing throughput: mailwarden's full `Message` against the standard library, same bytes.

Run:  .venv/bin/python bench/parse.py [--count 2000] [--rounds 7] [--seed 20260105]

Three parsers over one seeded corpus (bench/corpus.py), single process, after a warm-up,
each round timing every message once; the table reports the median round:

- `mailwarden`: `parse_message_bytes` — headers decoded, addresses with registrable domains,
  date, thread ids, auto-reply/forward indicators, markings, body text (HTML rendered) cut
  into new / signature / quoted sections, attachments sniffed with their text extracted.
- `stdlib full`: `BytesParser(policy=default)` plus decoding the same header fields, the
  addresses, the body text (`get_body().get_content()`) and each attachment's bytes — the
  like-for-like baseline.
- `stdlib compat32`: a bare `compat32` parse, no decoding: the floor.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import compat32, default
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Sample, generate
from mailwarden.message.reader import parse_message_bytes

FIELDS = ("from", "to", "cc", "subject", "date", "message-id", "in-reply-to", "references")


def stdlib_full(data: bytes) -> object:
    """The standard library doing the same decoding work, as a user of it would write it."""
    msg = BytesParser(policy=default).parsebytes(data)
    values = [str(msg[name]) for name in FIELDS if msg[name] is not None]
    addresses = [
        a.addr_spec
        for name in ("from", "to", "cc")
        if msg[name] is not None
        for a in msg[name].addresses
    ]
    body = msg.get_body(preferencelist=("plain", "html"))
    text = body.get_content() if body is not None else ""
    attachments = [part.get_content() for part in msg.iter_attachments()]
    return values, addresses, text, attachments


def stdlib_compat32(data: bytes) -> object:
    return BytesParser(policy=compat32).parsebytes(data)


def mailwarden_full(data: bytes) -> object:
    return parse_message_bytes(data)


PARSERS: dict[str, Callable[[bytes], object]] = {
    "mailwarden": mailwarden_full,
    "stdlib full": stdlib_full,
    "stdlib compat32": stdlib_compat32,
}


def _round(parser: Callable[[bytes], object], samples: list[Sample]) -> float:
    started = time.perf_counter()
    for sample in samples:
        parser(sample.data)
    return time.perf_counter() - started


def measure(samples: list[Sample], rounds: int) -> dict[str, float]:
    """Median seconds per round for each parser, rounds interleaved so drift hits all alike."""
    timings: dict[str, list[float]] = {name: [] for name in PARSERS}
    for parser in PARSERS.values():  # warm-up: imports, caches, the extraction worker
        _round(parser, samples[: min(50, len(samples))])
    for _ in range(rounds):
        for name, parser in PARSERS.items():
            timings[name].append(_round(parser, samples))
    return {name: statistics.median(values) for name, values in timings.items()}


def _groups(samples: list[Sample]) -> dict[str, list[Sample]]:
    groups: dict[str, list[Sample]] = {
        "no attachments (plain + HTML)": [
            s for s in samples if not s.kind.startswith("attachment")
        ],
        "plain-text replies": [s for s in samples if s.kind == "plain"],
        "HTML": [s for s in samples if s.kind == "html"],
    }
    for kind in ("pdf", "docx", "xlsx"):
        groups[f"with {kind.upper()} attachment"] = [
            s for s in samples if s.kind == f"attachment:{kind}"
        ]
    groups["whole mix"] = samples
    return groups


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seed", type=int, default=20260105)
    args = parser.parse_args()
    samples = generate(args.count, args.seed)
    print(
        f"corpus: {len(samples)} messages, seed {args.seed}, {args.rounds} rounds, median round\n"
    )
    print("| group | msgs | avg KB | parser | msgs/s | MB/s | µs/msg | vs stdlib full |")
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    for label, group in _groups(samples).items():
        if not group:
            continue
        size = sum(len(s.data) for s in group)
        medians = measure(group, args.rounds)
        for name, seconds in medians.items():
            ratio = seconds / medians["stdlib full"]
            print(
                f"| {label} | {len(group)} | {size / len(group) / 1024:.1f} | {name} | "
                f"{len(group) / seconds:,.0f} | {size / seconds / 1e6:.1f} | "
                f"{seconds / len(group) * 1e6:,.0f} | {ratio:.2f}× |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
