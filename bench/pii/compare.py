"""Speed of two source trees of mailwarden side by side, measured in turns on the same machine.

Run:  .venv/bin/python bench/pii/compare.py --before /tmp/before/src [--after src] [--pairs 3]

Make the "before" tree with `git archive <commit> src | tar -x -C /tmp/before`. Each tree runs
in its own process, in turns (before, after, before, after, ...), over the same texts: the
dense labelled corpus of run.py and the ordinary mail bodies of mail_throughput.py. Besides
wall-clock MB/s it reports MB/s of CPU time and the CPU seconds of a cold start (import, build,
one call, less a bare interpreter's), which hold up far better than wall time when the machine
is shared: a busy neighbour halves wall-clock figures but changes CPU figures by a few percent,
and taking turns exposes both trees to the same conditions.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

_CHILD = """
import json, pickle, sys, time
texts = pickle.load(open(sys.argv[1], "rb"))
rounds = int(sys.argv[2])
from mailwarden.detectors import detect
out = {}
for name, batch in texts.items():
    for text in batch[:50]:
        detect(text)
    size = sum(len(t.encode("utf-8")) for t in batch) / 1e6
    wall, cpu = [], []
    for _ in range(rounds):
        w, c = time.perf_counter(), time.process_time()
        for text in batch:
            detect(text)
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    out[name] = {"mb": size, "wall": wall, "cpu": cpu}
print(json.dumps(out))
"""
_COLD = "import mailwarden; mailwarden.detect('x')"


def _texts(seed: int, size_mb: float, count: int) -> dict[str, list[str]]:
    sys.path[:0] = [str(HERE), str(HERE.parent)]
    import mail_throughput
    from generate import generate

    return {
        "dense": [d.text for d in generate(seed=seed, size_mb=size_mb)],
        "mail": mail_throughput.texts(count, seed),
    }


def _env(src: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(src)}


def _child_cpu(args: list[str], env: dict[str, str] | None) -> float:
    """CPU seconds (user + system) of one child process running `args`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, *args], check=True, env=env, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="a src directory")
    parser.add_argument("--after", type=Path, default=ROOT / "src", help="a src directory")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold-runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=20260105)
    parser.add_argument("--size-mb", type=float, default=3.0)
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    runs: dict[str, list[dict[str, Any]]] = {k: [] for k in trees}
    cold: dict[str, list[float]] = {k: [] for k in trees}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "texts.pickle"
        corpus.write_bytes(pickle.dumps(_texts(args.seed, args.size_mb, args.count)))
        for src in trees.values():  # compile .pyc files once
            _child_cpu(["-c", _COLD], _env(src))
        for _ in range(args.pairs):
            for tree, src in trees.items():
                out = subprocess.run(
                    [sys.executable, "-c", _CHILD, str(corpus), str(args.rounds)],
                    check=True,
                    env=_env(src),
                    capture_output=True,
                    text=True,
                )
                runs[tree].append(json.loads(out.stdout))
        bare = []
        for _ in range(args.cold_runs):
            bare.append(_child_cpu(["-c", "pass"], None))
            for tree, src in trees.items():
                cold[tree].append(_child_cpu(["-c", _COLD], _env(src)))
    started = time.strftime("%Y-%m-%d")
    print(f"Speed, before and after, in turns ({started}, {args.pairs} pairs of processes)\n")
    print("| tree | corpus | MB/s (CPU time) | MB/s (wall) | cold start (CPU s) |")
    print("| --- | --- | ---: | ---: | ---: |")
    for tree in trees:
        cold_cpu = f"{statistics.median(cold[tree]) - statistics.median(bare):.3f}"
        for corpus_name in ("dense", "mail"):
            mb = runs[tree][0][corpus_name]["mb"]
            cpu = [t for run in runs[tree] for t in run[corpus_name]["cpu"]]
            wall = [t for run in runs[tree] for t in run[corpus_name]["wall"]]
            print(
                f"| {tree} | {corpus_name} | {mb / statistics.median(cpu):.2f} "
                f"| {mb / statistics.median(wall):.2f} | {cold_cpu} |"
            )
            cold_cpu = ""
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
