"""Writes the seeded benchmark corpus as an mbox, for whole-process timing of `inspect`.

Run: python bench/make_mbox.py [--count 2000] [--attachments] OUT.mbox
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20260105)
    parser.add_argument("--attachments", action="store_true", help="keep the 10% with attachments")
    args = parser.parse_args()
    samples = [
        s
        for s in generate(args.count, args.seed)
        if args.attachments or not s.kind.startswith("attachment")
    ]
    with open(args.out, "wb") as out:
        for sample in samples:
            body = sample.data.replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From ")
            out.write(b"From bench@norfolk.gov.uk Mon Jan  5 16:52:00 2026\n" + body + b"\n")
    print(f"wrote {len(samples)} messages to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
