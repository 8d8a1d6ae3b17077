"""PII detection benchmark: mailwarden against Presidio on a seeded, labelled corpus.

Run:  .venv/bin/python bench/pii/run.py [--size-mb 3] [--presidio-mb 0.5] [--json]

Generates the corpus in memory (generate.py), runs `mailwarden.detectors.detect` over all
of it and the Presidio set-ups (presidio_setup.py) over a fixed subset (every k-th
document; mailwarden is scored on the same subset for the side-by-side figures), then
prints precision, recall and F1 per type, the clean-document rate, throughput, cold start
and peak memory as Markdown, or everything as JSON with `--json`. See README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import measure
import mw_setup
import report
from gen_builder import Doc
from generate import DEFAULT_SEED, generate
from score import ALL_TYPES, Pred, Scores, score_docs

THRESHOLDS = [round(0.05 * i, 2) for i in range(20)]


def _subset(docs: Sequence[Doc], mb: float) -> list[Doc]:
    """Every k-th document, k chosen so the subset is about `mb` megabytes."""
    total = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    step = max(1, math.ceil(total / mb)) if mb > 0 else len(docs) + 1
    return list(docs[::step])


def _write_corpus(docs: Sequence[Doc], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps({"text": doc.text}, ensure_ascii=False) + "\n")


def _macro_f1(scores: Scores, types: set[str]) -> float:
    values = [scores.by_type[t].f1 or 0.0 for t in types]
    return sum(values) / len(values) if values else 0.0


def _best_threshold(
    docs: Sequence[Doc], preds: Sequence[list[Pred]]
) -> tuple[float, Scores, dict[str, float]]:
    """The single score threshold that maximises macro-F1 over the types a set-up reports."""
    types = {p.type for ps in preds for p in ps if p.type in ALL_TYPES}
    sweep = {}
    best: tuple[float, float, Scores] | None = None
    for t in THRESHOLDS:
        scores = score_docs(docs, preds, threshold=t)
        sweep[str(t)] = round(_macro_f1(scores, types), 4)
        if best is None or sweep[str(t)] > best[0]:
            best = (sweep[str(t)], t, scores)
    assert best is not None
    return best[1], best[2], sweep


def run_mailwarden(args: argparse.Namespace, docs: list[Doc], subset: list[Doc]) -> dict[str, Any]:
    start = time.perf_counter()
    mw = mw_setup.build()
    first_call = time.perf_counter() - start
    detect = mw.detect

    def predict(text: str) -> list[Pred]:
        return [Pred(str(e.type), e.start, e.end, e.score) for e in detect(text)]

    preds = [predict(d.text) for d in docs]
    any_score = {str(e.type) for d in docs for e in detect(d.text, min_score=0.0)}
    mbps, times = measure.throughput(detect, [d.text for d in docs], args.rounds)
    sub_mbps, _ = measure.throughput(detect, [d.text for d in subset], args.rounds)
    index = {d.id: i for i, d in enumerate(docs)}
    return {
        "detectors": mw.names,
        "left_out": mw.left_out,
        "types_reported_at_any_score": sorted(any_score),
        "build_and_first_call_seconds_in_process": round(first_call, 3),
        "scores": score_docs(docs, preds),
        "subset_scores": score_docs(subset, [preds[index[d.id]] for d in subset]),
        "mb_per_s": mbps,
        "round_seconds": [round(t, 3) for t in times],
        "subset_mb_per_s": sub_mbps,
    }


def run_presidio(args: argparse.Namespace, subset: list[Doc], setup: str) -> dict[str, Any]:
    import presidio_setup

    start = time.perf_counter()
    engine = presidio_setup.build(setup)
    engine.analyze("x", language="en")
    build_seconds = time.perf_counter() - start
    preds = [
        [Pred(t, s, e, sc) for t, s, e, sc in presidio_setup.analyze(engine, d.text)]
        for d in subset
    ]

    def detect(text: str) -> Any:
        return engine.analyze(text, language="en")

    mbps, times = measure.throughput(detect, [d.text for d in subset], args.presidio_rounds)
    result: dict[str, Any] = {
        "recognizers": presidio_setup.recognizer_names(engine),
        "build_and_first_call_seconds_in_process": round(build_seconds, 3),
        "mb_per_s": mbps,
        "round_seconds": [round(t, 3) for t in times],
    }
    if setup == "presidio-default":
        result["threshold"] = 0.0
        result["scores"] = score_docs(subset, preds, threshold=0.0)
    else:
        threshold, scores, sweep = _best_threshold(subset, preds)
        result["threshold"] = threshold
        result["scores"] = scores
        result["threshold_sweep_macro_f1"] = sweep
    return result


def run_processes(
    args: argparse.Namespace, docs: list[Doc], subset: list[Doc], setups: list[str]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        full, part = Path(tmp) / "full.jsonl", Path(tmp) / "subset.jsonl"
        _write_corpus(docs, full)
        _write_corpus(subset, part)
        out["bare"] = {"rss": measure.peak_rss("bare", full)}
        out["mailwarden"] = {
            "cold_start": measure.cold_start("mailwarden", args.cold_runs),
            "rss": measure.peak_rss("mailwarden", full),
        }
        for setup in setups:
            out[setup] = {
                "cold_start": measure.cold_start(setup, args.cold_runs),
                "rss": measure.peak_rss(setup, part),
            }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--size-mb", type=float, default=3.0, help="corpus size")
    parser.add_argument("--presidio-mb", type=float, default=0.5, help="Presidio subset size")
    parser.add_argument("--rounds", type=int, default=5, help="timed passes for mailwarden")
    parser.add_argument("--presidio-rounds", type=int, default=2, help="timed passes, Presidio")
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument("--no-processes", action="store_true", help="skip cold start and RSS")
    parser.add_argument("--spacy-model", help="also run Presidio with this spaCy model for NER")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--json-out", type=Path, help="also write the JSON to this file")
    args = parser.parse_args(argv)

    docs = generate(args.seed, args.size_mb)
    subset = _subset(docs, args.presidio_mb)
    results: dict[str, Any] = {
        "date": datetime.date.today().isoformat(),
        "python": sys.version.split()[0],
        "corpus": report.corpus_summary(docs, args.seed),
        "subset": report.corpus_summary(subset, args.seed),
        "mailwarden": run_mailwarden(args, docs, subset),
        "presidio": {},
    }
    setups: list[str] = []
    if not args.no_presidio:
        import presidio_setup

        setups = presidio_setup.setups_available(args.spacy_model)
        results["presidio_spacy_model"] = args.spacy_model
        for setup in setups:
            results["presidio"][setup] = run_presidio(args, subset, setup)
    if not args.no_processes:
        results["processes"] = run_processes(args, docs, subset, setups)
    if args.json_out:
        args.json_out.write_text(json.dumps(report.jsonable(results), indent=2) + "\n")
    if args.json:
        print(json.dumps(report.jsonable(results), indent=2))
    else:
        print(report.markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
