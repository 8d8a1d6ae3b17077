"""Policy-engine benchmark: full `check` (parse + detect + every rule of a pack) per message.

Run:  .venv/bin/python bench/check/run.py [--seed 20260105] [--count 2000] [--count-20kb 500]
          [--pack norfolk | --all-packs] [--rounds 5] [--process-runs 5] [--profile 25] [--json]

Two seeded sets of outgoing council mail without attachments (corpus.py): `typical` (the
natural size mix) and `20kb` (18–22 KB a message). Single process; a first pass over every
message is a warm-up and is discarded; then each round times every message, with
`time.perf_counter_ns`, three ways in turn (so the three share the machine's drift):

- `parse`: `parse_message_bytes(data)`;
- `detect`: parse + `context_for` + `Facts(message, pack, context).entities` (detection of
  every text place, with the owner of each value worked out);
- `full`: parse + `context_for` + `evaluate(message, pack, context)`.

Reported per set and mode: messages/s (count / total time of the round), p50/p95/p99
latency per message, each the median over rounds; the engine's overhead over parse +
detect, (full − detect) / detect, median over rounds; peak RSS; and the verdict mix. A
breakdown (one pass, every binding's rule timed on its own after detection) and, with
`--profile N`, the top N functions of cProfile over the full path on the 20 KB set say where
the time goes. `--process-runs N` also times `mailwarden check` over the typical set written
as an mbox, as a whole process (start-up included), median of N runs after a warm-up.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


from corpus import DEFAULT_SEED, Mail, generate, summary, write_mbox
from mailwarden.checking import context_for
from mailwarden.engine import evaluate
from mailwarden.message.reader import parse_message_bytes
from mailwarden.policy.loader import load_pack
from mailwarden.policy.pack import Pack
from mailwarden.rules.base import RuleInput
from mailwarden.rules.facts import Facts
from mailwarden.rules.registry import get_rule

NOW = dt.datetime(2026, 4, 1, 12, 0, tzinfo=dt.UTC)
"""The fixed clock for messages without a `Date:` (every generated one has one)."""
PACKS = ("norfolk", "telford", "cambridge")
MODES = ("parse", "detect", "full")
GOALS = {"msgs_per_s": 500, "p99_ms_20kb": 10.0, "overhead_pct": 20.0}
ROOT = Path(__file__).resolve().parents[2]


def _modes(pack: Pack) -> dict[str, Callable[[bytes], Any]]:
    def parse(data: bytes) -> Any:
        return parse_message_bytes(data)

    def detect(data: bytes) -> Any:
        message = parse_message_bytes(data)
        return Facts(message, pack, context_for(message, pack, now=NOW)).entities

    def full(data: bytes) -> Any:
        message = parse_message_bytes(data)
        return evaluate(message, pack, context_for(message, pack, now=NOW))

    return {"parse": parse, "detect": detect, "full": full}


def _percentile(sorted_ns: list[int], q: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    rank = max(1, min(len(sorted_ns), round(q / 100 * len(sorted_ns) + 0.5)))
    return sorted_ns[rank - 1] / 1e6


def _round(
    mails: list[Mail], modes: dict[str, Callable[[bytes], Any]]
) -> tuple[dict[str, list[int]], dict[str, int]]:
    """Wall time per message and mode (perf_counter_ns), and the CPU time of each mode."""
    times: dict[str, list[int]] = {name: [] for name in MODES}
    cpu = dict.fromkeys(MODES, 0)
    clock, cpu_clock = time.perf_counter_ns, time.thread_time_ns
    for mail in mails:
        data = mail.data
        for name in MODES:
            fn = modes[name]
            cpu_start = cpu_clock()
            start = clock()
            fn(data)
            end = clock()
            cpu[name] += cpu_clock() - cpu_start
            times[name].append(end - start)
    return times, cpu


def time_set(mails: list[Mail], pack: Pack, rounds: int) -> dict[str, Any]:
    """Warm-up pass, then `rounds` timed rounds; medians over rounds of every figure."""
    modes = _modes(pack)
    verdicts = Counter(str(evaluate_one(m.data, pack).action) for m in mails)  # also warm-up
    _round(mails, modes)  # warm-up, discarded
    per_round: list[dict[str, Any]] = []
    for _ in range(rounds):
        times, cpu = _round(mails, modes)
        row: dict[str, Any] = {}
        for name, ns in times.items():
            ordered = sorted(ns)
            total = sum(ns)
            row[name] = {
                "total_s": total / 1e9,
                "msgs_per_s": len(ns) / (total / 1e9),
                "mean_ms": total / len(ns) / 1e6,
                "p50_ms": _percentile(ordered, 50),
                "p95_ms": _percentile(ordered, 95),
                "p99_ms": _percentile(ordered, 99),
                "max_ms": ordered[-1] / 1e6,
                "cpu_msgs_per_s": len(ns) / (cpu[name] / 1e9),
            }
        row["overhead_pct"] = 100 * (row["full"]["total_s"] / row["detect"]["total_s"] - 1)
        row["cpu_overhead_pct"] = 100 * (cpu["full"] / cpu["detect"] - 1)
        row["detect_over_parse"] = row["detect"]["total_s"] / row["parse"]["total_s"]
        per_round.append(row)
    result: dict[str, Any] = {
        name: {
            key: round(statistics.median(r[name][key] for r in per_round), 3)
            for key in per_round[0][name]
        }
        for name in MODES
    }
    result["overhead_pct"] = round(statistics.median(r["overhead_pct"] for r in per_round), 1)
    result["overhead_pct_rounds"] = [round(r["overhead_pct"], 1) for r in per_round]
    result["cpu_overhead_pct"] = round(
        statistics.median(r["cpu_overhead_pct"] for r in per_round), 1
    )
    result["full_msgs_per_s_rounds"] = [round(r["full"]["msgs_per_s"]) for r in per_round]
    result["verdicts"] = dict(verdicts.most_common())
    return result


def evaluate_one(data: bytes, pack: Pack) -> Any:
    message = parse_message_bytes(data)
    return evaluate(message, pack, context_for(message, pack, now=NOW))


def breakdown(mails: list[Mail], pack: Pack) -> dict[str, Any]:
    """One pass with every stage timed apart: parse, context, detection, each binding's rule.

    Detection (`Facts.entities`) is forced before the rules, so a rule's time is its own
    logic (plus any other shared fact it is the first to need). The engine's own glue
    (building findings) is what `full` costs beyond the sum.
    """
    clock = time.perf_counter_ns
    spent: dict[str, int] = defaultdict(int)
    for mail in mails:
        t0 = clock()
        message = parse_message_bytes(mail.data)
        t1 = clock()
        context = context_for(message, pack, now=NOW)
        t2 = clock()
        facts = Facts(message, pack, context)
        _ = facts.entities
        t3 = clock()
        spent["parse"] += t1 - t0
        spent["context"] += t2 - t1
        spent["detect"] += t3 - t2
        for binding in pack.bindings:
            rule = get_rule(binding.rule)
            if rule is None or context.channel not in rule.channels:
                continue
            start = clock()
            inputs = RuleInput(message, pack, context, rule.resolve(binding.options), facts)
            list(rule.check(inputs))
            spent[f"rule {binding.id}"] += clock() - start
    n = len(mails)
    total = sum(spent.values())
    return {
        stage: {"ms_per_msg": round(ns / n / 1e6, 4), "share_pct": round(100 * ns / total, 1)}
        for stage, ns in sorted(spent.items(), key=lambda kv: -kv[1])
    }


def detector_breakdown(mails: list[Mail], pack: Pack) -> dict[str, Any]:
    """Time of each detector over every text place of the messages (one pass).

    Uses the detector set's own parts (the multi-pattern scanner, each pattern detector's
    validation, each text detector's scan, overlap resolution), so it names which detector
    costs what; skipped with a note if those parts have moved.
    """
    from mailwarden.detectors import default_detectors
    from mailwarden.detectors.core import resolve_overlaps
    from mailwarden.detectors.document import Document

    detectors = default_detectors()
    try:
        owners, text_detectors, scanner = (
            detectors._owners,
            detectors._text,
            detectors.scanner,
        )
    except AttributeError as error:
        return {"skipped": f"detector internals changed: {error}"}
    texts = []
    for mail in mails:
        message = parse_message_bytes(mail.data)
        facts = Facts(message, pack, context_for(message, pack, now=NOW))
        texts.extend(place.text for place in facts.places)
    clock = time.perf_counter_ns
    spent: dict[str, int] = defaultdict(int)
    for text in texts:
        start = clock()
        doc = Document(text)
        matches = list(scanner.matches(doc))
        spent["(document + pattern scan)"] += clock() - start
        found = []
        for index, match in matches:
            detector, spec = owners[index]
            start = clock()
            found.extend(detector.validate(doc, match, spec))
            spent[f"{detector.name} (validate)"] += clock() - start
        for detector in text_detectors:
            start = clock()
            found.extend(detector.scan(doc))
            spent[f"{detector.name} (scan)"] += clock() - start
        start = clock()
        resolve_overlaps(found)
        spent["(resolve overlaps)"] += clock() - start
    n = len(mails)
    total = sum(spent.values())
    return {
        "texts": len(texts),
        "chars": sum(map(len, texts)),
        "stages": {
            stage: {"ms_per_msg": round(ns / n / 1e6, 4), "share_pct": round(100 * ns / total, 1)}
            for stage, ns in sorted(spent.items(), key=lambda kv: -kv[1])
        },
    }


def profile(mails: list[Mail], pack: Pack, top: int) -> dict[str, Any]:
    """cProfile over the full path: top functions by own time, and own time by module."""
    full = _modes(pack)["full"]
    profiler = cProfile.Profile()
    profiler.enable()
    for mail in mails:
        full(mail.data)
    profiler.disable()
    stats = pstats.Stats(profiler)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    by_module: dict[str, float] = defaultdict(float)
    rows = []
    for (path, line, func), (_cc, calls, tottime, cumtime, _) in raw.items():
        module = _short(path)
        by_module[module] += tottime
        rows.append((tottime, cumtime, calls, f"{module}:{line}({func})"))
    rows.sort(reverse=True)
    by_cum = sorted(rows, key=lambda r: -r[1])
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    return {
        "total_s_under_profiler": round(total, 3),
        "by_own_time": [
            {
                "function": f,
                "own_pct": round(100 * t / total, 1),
                "cum_pct": round(100 * c / total, 1),
                "calls": n,
            }
            for t, c, n, f in rows[:top]
        ],
        "by_cumulative_time": [
            {"function": f, "cum_pct": round(100 * c / total, 1), "calls": n}
            for _, c, n, f in by_cum[:top]
        ],
        "own_time_by_module": [
            {"module": m, "own_pct": round(100 * t / total, 1)}
            for m, t in sorted(by_module.items(), key=lambda kv: -kv[1])[:top]
        ],
    }


def _short(path: str) -> str:
    marker = "/mailwarden/"
    if marker in path:
        return "mailwarden/" + path.split(marker, 1)[1]
    if path == "<string>":
        return "(generated code: dataclass __eq__, ...)"
    if path.startswith(("~", "<")):
        return "(built-ins: re, str, ...)"
    parts = Path(path).parts
    return "/".join(parts[-2:]) if len(parts) >= 2 else path


def whole_process(mails: list[Mail], pack: str, runs: int) -> dict[str, Any]:
    """`mailwarden check corpus.mbox --policy PACK --format json > /dev/null`, whole process."""
    exe = ROOT / ".venv" / "bin" / "mailwarden"
    with tempfile.TemporaryDirectory() as tmp:
        box = Path(tmp) / "corpus.mbox"
        write_mbox(mails, box)
        cmd = [str(exe), "check", str(box), "--policy", pack, "--format", "json"]
        walls, users, rss, codes = [], [], [], set()
        for n in range(runs + 1):
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            codes.add(proc.returncode)
            if n == 0:
                continue  # warm-up
            walls.append(wall)
            users.append(usage.ru_utime + usage.ru_stime)
            rss.append(usage.ru_maxrss / 1024)
        size = box.stat().st_size
    wall = statistics.median(walls)
    return {
        "command": "mailwarden check corpus.mbox --policy PACK --format json > /dev/null",
        "mbox_bytes": size,
        "messages": len(mails),
        "runs": runs,
        "wall_s_median": round(wall, 3),
        "wall_s_min_max": [round(min(walls), 3), round(max(walls), 3)],
        "cpu_s_median": round(statistics.median(users), 3),
        "msgs_per_s_wall": round(len(mails) / wall),
        "peak_rss_mib_median": round(statistics.median(rss), 1),
        "exit_codes": sorted(codes),
    }


def _commit() -> str:
    """HEAD, and whether the tree had changes (other work in progress) when measured."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], check=False, cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    dirty = bool(git("status", "--porcelain", "--untracked-files=no", "--", "src"))
    return git("rev-parse", "--short", "HEAD") + (" + uncommitted changes in src/" if dirty else "")


def _snapshot(name: str, folder: Path) -> str:
    """A copy of the pack's file as it is now (built-in name or path), for the CLI run."""
    import mailwarden

    source = Path(mailwarden.__file__).parent / "packs" / f"{name}.yaml"
    if not source.exists():
        return name  # a path of the caller's: used as it is
    copy = folder / source.name
    copy.write_bytes(source.read_bytes())
    return str(copy)


def _rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def markdown(results: dict[str, Any]) -> str:
    out = [
        f"check benchmark, {results['date']}, Python {results['python']}, "
        f"rounds {results['rounds']} (medians)",
        "",
    ]
    for name, info in results["corpus"].items():
        out.append(f"- set `{name}`: {info}")
    out += [
        "",
        "| pack | set | mode | msgs/s | msgs/s (CPU) | mean ms | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for pack, sets in results["packs"].items():
        for set_name, res in sets.items():
            for mode in MODES:
                r = res[mode]
                out.append(
                    f"| {pack} | {set_name} | {mode} | {r['msgs_per_s']:,.0f} "
                    f"| {r['cpu_msgs_per_s']:,.0f} | {r['mean_ms']:.2f} "
                    f"| {r['p50_ms']:.2f} | {r['p95_ms']:.2f} | {r['p99_ms']:.2f} |"
                )
    out += [
        "",
        "| pack | set | overhead (full − detect) / detect | CPU | rounds | verdicts |",
        "|---|---|---:|---:|---|---|",
    ]
    for pack, sets in results["packs"].items():
        for set_name, res in sets.items():
            out.append(
                f"| {pack} | {set_name} | {res['overhead_pct']:+.1f}% "
                f"| {res['cpu_overhead_pct']:+.1f}% | {res['overhead_pct_rounds']} "
                f"| {res['verdicts']} |"
            )
    out += [
        "",
        f"peak RSS: {results['peak_rss_mib']} MiB "
        f"(after building the corpus: {results['rss_after_corpus_mib']} MiB)",
    ]
    if "breakdown" in results:
        out += ["", f"breakdown ({results['breakdown_pack']}, 20kb set, one pass):", ""]
        out += ["| stage | ms/msg | share |", "|---|---:|---:|"]
        for stage, row in results["breakdown"].items():
            out.append(f"| {stage} | {row['ms_per_msg']:.3f} | {row['share_pct']}% |")
    detectors = results.get("detectors", {})
    if "stages" in detectors:
        out += ["", f"detectors (20kb set, {detectors['texts']} texts, one pass):", ""]
        out += ["| detector | ms/msg | share |", "|---|---:|---:|"]
        for stage, row in detectors["stages"].items():
            out.append(f"| {stage} | {row['ms_per_msg']:.3f} | {row['share_pct']}% |")
    elif detectors:
        out += ["", f"detectors: {detectors}"]
    if "process" in results:
        out += ["", f"whole process: {results['process']}"]
    if "profile" in results:
        prof = results["profile"]
        seconds = prof["total_s_under_profiler"]
        out += ["", f"cProfile, full path, 20kb set ({seconds} s under the profiler):", ""]
        out += ["| own % | cum % | calls | function |", "|---:|---:|---:|---|"]
        for row in prof["by_own_time"]:
            out.append(
                f"| {row['own_pct']} | {row['cum_pct']} | {row['calls']:,} | `{row['function']}` |"
            )
        out += ["", "| cum % | calls | function (by cumulative time) |", "|---:|---:|---|"]
        for row in prof["by_cumulative_time"]:
            out.append(f"| {row['cum_pct']} | {row['calls']:,} | `{row['function']}` |")
        out += ["", "| own % | module |", "|---:|---|"]
        for row in prof["own_time_by_module"]:
            out.append(f"| {row['own_pct']} | `{row['module']}` |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--count", type=int, default=2000, help="messages in the typical set")
    parser.add_argument("--count-20kb", type=int, default=500, help="messages in the 20 KB set")
    parser.add_argument("--pack", default="norfolk", help="pack name or file")
    parser.add_argument("--all-packs", action="store_true", help="norfolk, telford and cambridge")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--process-runs", type=int, default=5, help="0: skip the whole-process run")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="top N of cProfile")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--json-out", type=Path, help="also write the JSON to this file")
    args = parser.parse_args(argv)

    sets = {
        "typical": generate(args.count, args.seed),
        "20kb": generate(args.count_20kb, args.seed, padded=True),
    }
    results: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "python": sys.version.split()[0],
        "commit": _commit(),
        "seed": args.seed,
        "rounds": args.rounds,
        "corpus": {name: summary(mails) for name, mails in sets.items()},
        "rss_after_corpus_mib": _rss_mib(),
        "packs": {},
    }
    names = list(PACKS) if args.all_packs else [args.pack]
    with tempfile.TemporaryDirectory() as tmp:
        # Each pack is loaded once, and its file kept as it was then, for the whole-process
        # run: the packs are being edited while the benchmark runs.
        packs = {name: (load_pack(name), _snapshot(name, Path(tmp))) for name in names}
        for name, (pack, _) in packs.items():
            results["packs"][name] = {
                set_name: time_set(mails, pack, args.rounds) for set_name, mails in sets.items()
            }
            print(f"{name}: timed", file=sys.stderr)
        first, snapshot = packs[names[0]]
        results["breakdown_pack"] = names[0]
        results["breakdown"] = breakdown(sets["20kb"], first)
        results["detectors"] = detector_breakdown(sets["20kb"], first)
        results["peak_rss_mib"] = _rss_mib()
        if args.process_runs:
            results["process"] = whole_process(sets["typical"], snapshot, args.process_runs)
            results["process"]["pack"] = names[0]
    if args.profile:
        results["profile"] = profile(sets["20kb"], first, args.profile)
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=2) + "\n")
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
