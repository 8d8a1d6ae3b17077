"""Run one system over a JSONL corpus in this process and print its peak RSS as JSON.

Run by measure.py in a fresh interpreter:  measure_child.py SYSTEM CORPUS.jsonl
SYSTEM is "bare" (read the corpus only), "mailwarden" or a Presidio set-up name.
Documents are streamed one at a time, so the peak is the detector's, not the corpus's.
Sizes are in MiB (2^20 bytes), as the kernel counts them.
"""

from __future__ import annotations

import json
import resource
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _rss_mb() -> float:
    """Peak resident set of this process image, in MB (10^6 bytes would differ by 5%: MiB).

    Linux's `ru_maxrss` keeps the parent's peak across fork and exec, so a child of a large
    benchmark process would report the parent's size; the kernel's VmHWM ("high water
    mark") belongs to this image alone. `ru_maxrss` is the fallback where /proc is absent.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _detector(system: str) -> Callable[[str], Any]:
    if system == "bare":
        return len
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if system == "mailwarden":
        import mw_setup

        return mw_setup.build().detect
    import presidio_setup

    engine = presidio_setup.build(system)
    return lambda text: engine.analyze(text, language="en")


def main(system: str, corpus: Path) -> None:
    start = _rss_mb()
    detect = _detector(system)
    built = _rss_mb()
    docs = 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            detect(json.loads(line)["text"])
            docs += 1
    print(
        json.dumps(
            {
                "system": system,
                "docs": docs,
                "rss_start_mb": round(start, 1),
                "rss_after_build_mb": round(built, 1),
                "rss_peak_mb": round(_rss_mb(), 1),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
