"""Detection throughput on ordinary mail bodies, beside the dense labelled corpus of run.py.

Run:  .venv/bin/python bench/pii/mail_throughput.py [--count 2000] [--rounds 5]

The labelled corpus is built to be dense with identifiers (to measure accuracy), so its
MB/s is a floor. A gateway mostly sees replies, newsletters and notes: this takes the body
text of the seeded mail corpus of bench/corpus.py (70% replies with quoted history and
signatures, 20% HTML, 10% with attachments: here the attachment text is included) and
times `detect()` once per body and once per attachment text, single process, after a
warm-up, reporting the median round.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import generate
from mailwarden.detectors import detect
from mailwarden.message.reader import parse_message_bytes


def texts(count: int, seed: int) -> list[str]:
    """Body and attachment texts of the seeded mail corpus."""
    out: list[str] = []
    for sample in generate(count, seed):
        message = parse_message_bytes(sample.data)
        out.append(message.subject)
        out.append(message.body.text)
        out += [a.text for a in message.walk_attachments() if a.text]
    return [t for t in out if t]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20260105)
    args = parser.parse_args()
    corpus = texts(args.count, args.seed)
    size = sum(len(t.encode("utf-8")) for t in corpus) / 1e6
    for text in corpus[:100]:
        detect(text)
    rounds = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        for text in corpus:
            detect(text)
        rounds.append(time.perf_counter() - started)
    seconds = statistics.median(rounds)
    print(
        f"{len(corpus)} texts, {size:.2f} MB: {size / seconds:.2f} MB/s "
        f"(median of {args.rounds}; min {size / max(rounds):.2f}, max {size / min(rounds):.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
