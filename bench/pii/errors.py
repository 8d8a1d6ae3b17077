"""Show mailwarden's misses and false alarms for one type, with the text around them.

Run:  .venv/bin/python bench/pii/errors.py TYPE [--fp | --fn] [--limit 20] [--size-mb 1]

For working on a detector: the benchmark's figures say how often, this says where. Values
are synthetic, so printing them is harmless.
"""

from __future__ import annotations

import argparse

import mw_setup
from generate import DEFAULT_SEED, generate
from score import Pred, match


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    return f"{before}[[{text[start:end]}]]{after}".replace("\n", "⏎")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("type")
    parser.add_argument("--fp", action="store_true", help="false positives only")
    parser.add_argument("--fn", action="store_true", help="false negatives only")
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--size-mb", type=float, default=1.0)
    args = parser.parse_args(argv)
    detect = mw_setup.build().detect
    shown = 0
    for doc in generate(args.seed, args.size_mb):
        preds = [Pred(str(e.type), e.start, e.end, e.score) for e in detect(doc.text)]
        pairs = match(doc.gold, preds)
        hit_g, hit_p = {g for g, _ in pairs}, {p for _, p in pairs}
        if not args.fp:
            for gi, g in enumerate(doc.gold):
                if g.type == args.type and gi not in hit_g:
                    print(f"FN {doc.id} {doc.kind} {g.fmt}: {_context(doc.text, g.start, g.end)}")
                    shown += 1
        if not args.fn:
            for pi, p in enumerate(preds):
                if p.type == args.type and pi not in hit_p:
                    text = _context(doc.text, p.start, p.end)
                    print(f"FP {doc.id} {doc.kind} score {p.score:.2f}: {text}")
                    shown += 1
        if shown >= args.limit:
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
