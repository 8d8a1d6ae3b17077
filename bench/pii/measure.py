"""Speed and size: throughput in-process, cold start and peak memory in fresh processes.

- Throughput: UTF-8 megabytes (10^6 bytes) of text per second through one detector call
  per document, single process, after a warm-up; the median of several full passes.
- Cold start: wall time of `python -c "<import, build, detect('x')>"` minus that of
  `python -c pass`, the median of several runs each. The OS file cache and the .pyc files
  are warm (the runs follow each other), so this is a fresh process, not a fresh machine.
- Peak memory: the peak resident set (VmHWM, MiB) of a separate process that builds the
  detector and runs it over the corpus, streamed one document at a time from a file, so
  the corpus itself is not held in memory. (`ru_maxrss` would be the natural call, but on
  Linux a child inherits its parent's peak through fork and exec: see measure_child.py.)
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["cold_start", "peak_rss", "throughput"]

HERE = Path(__file__).resolve().parent
CHILD = HERE / "measure_child.py"

COLD_CODE = {
    "bare": "pass",
    "mailwarden": (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); import mailwarden, mw_setup; "
        "mw_setup.build().detect('x')"
    ),
    "presidio": (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); import presidio_setup as p; "
        "p.build({setup!r}).analyze('x', language='en')"
    ),
}


def throughput(
    detect: Callable[[str], Any], texts: Sequence[str], rounds: int
) -> tuple[float, list[float]]:
    """(median MB/s, seconds per round) over `rounds` full passes; warm up first."""
    for text in texts[:20]:
        detect(text)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            detect(text)
        times.append(time.perf_counter() - start)
    return size / statistics.median(times), times


def _wall(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start


def cold_start(system: str, runs: int) -> dict[str, float]:
    """Seconds to import, build and run once, beyond a bare interpreter's start."""
    if system.startswith("presidio"):
        code = COLD_CODE["presidio"].replace("{setup!r}", repr(system))
    else:
        code = COLD_CODE[system]
    _wall(code)  # compile .pyc files once, so every timed run starts the same way
    bare = statistics.median(_wall(COLD_CODE["bare"]) for _ in range(runs))
    full = statistics.median(_wall(code) for _ in range(runs))
    return {"seconds": full - bare, "process_seconds": full, "bare_seconds": bare}


def peak_rss(system: str, corpus_file: Path) -> dict[str, Any]:
    """Peak RSS (MB) of a fresh process running `system` over `corpus_file`, and its start."""
    out = subprocess.run(
        [sys.executable, str(CHILD), system, str(corpus_file)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result
