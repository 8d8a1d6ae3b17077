"""Seeded generator of a labelled corpus of council-style text (see README.md).

Run:  .venv/bin/python bench/pii/generate.py [--seed 20260105] [--size-mb 3] [--out FILE]

Without `--out` it prints counts per type; with it, it writes one JSON object a line:
`{"id", "kind", "name_set", "text", "gold": [{"type", "start", "end", "fmt", "source",
"subtype"}]}`. The same seed and size always give the same corpus (with the same Faker).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

from gen_builder import Doc
from gen_clean_docs import CLEAN_KINDS
from gen_names import NameSource
from gen_pii_docs import PII_KINDS, Ctx

__all__ = ["DEFAULT_SEED", "generate"]

DEFAULT_SEED = 20260105
CLEAN_SHARE = 0.3
"""Share of documents with no personal data at all."""


def generate(
    seed: int = DEFAULT_SEED, size_mb: float = 3.0, clean_share: float = CLEAN_SHARE
) -> list[Doc]:
    """Documents until their UTF-8 text reaches `size_mb` megabytes (10^6 bytes)."""
    rng = random.Random(seed)
    names = NameSource(seed)
    pii_kinds, pii_weights = list(PII_KINDS), [w for _, w in PII_KINDS.values()]
    clean_kinds, clean_weights = list(CLEAN_KINDS), [w for _, w in CLEAN_KINDS.values()]
    docs: list[Doc] = []
    total, target = 0, int(size_mb * 1_000_000)
    while total < target:
        doc_id = f"d{len(docs) + 1:05d}"
        if rng.random() < clean_share:
            kind = rng.choices(clean_kinds, weights=clean_weights)[0]
            doc = CLEAN_KINDS[kind][0](rng).build(doc_id, kind)
        else:
            kind = rng.choices(pii_kinds, weights=pii_weights)[0]
            name_set = rng.choice("AB")
            ctx = Ctx(rng, names, name_set)
            doc = PII_KINDS[kind][0](ctx).build(doc_id, kind, name_set)
        docs.append(doc)
        total += len(doc.text.encode("utf-8"))
    return docs


def stats(docs: list[Doc]) -> str:
    types = Counter(g.type for d in docs for g in d.gold)
    kinds = Counter(d.kind for d in docs)
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    clean = sum(1 for d in docs if not d.has_pii)
    lines = [f"{len(docs)} documents, {size / 1e6:.2f} MB, {clean} with no personal data"]
    lines += [f"  {k:<22}{n:>6}" for k, n in sorted(kinds.items())]
    lines += ["gold spans:"] + [f"  {t:<22}{n:>6}" for t, n in sorted(types.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--size-mb", type=float, default=3.0)
    parser.add_argument("--out", type=Path, help="write the corpus as JSONL here")
    args = parser.parse_args(argv)
    docs = generate(args.seed, args.size_mb)
    if args.out:
        with args.out.open("w", encoding="utf-8") as out:
            for doc in docs:
                out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    print(stats(docs), file=sys.stderr if args.out else sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
