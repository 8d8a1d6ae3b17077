"""Misdirection benchmark: mailwarden's warnings against two baselines on a simulated council.

Run:  .venv/bin/python bench/misdirection/run.py [--seed 20260105] [--workers 2] [--json]

Simulates the organisation (simulate.py), then replays every send in time order. Each
sender's history at a send is what `build_history` makes of that sender's earlier sends
(an incremental aggregate here, checked against `build_history` on a sample of sends);
the send is rendered as MIME, parsed with `parse_message_bytes` and judged by the
misdirection rules the Norfolk pack binds (`evaluate` with the history in the context: a
warning is a finding of a rule in the misdirection family). The raw signals
(`misdirection_signals`) are kept too, for the operating-point sweep. Two baselines run on
the same sends: "warn on every new recipient" and "warn on every external recipient".
Sends in the first `--warmup-days` only teach history (a deployment imports the Sent
folders first). Markdown tables out, or everything as JSON with `--json`. See README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import multiprocessing
import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from types import MappingProxyType
from typing import Any

import simulate as sim

from mailwarden.checking import context_for
from mailwarden.engine import evaluate
from mailwarden.message.limits import Limits
from mailwarden.message.reader import ParseContext, parse_message_bytes
from mailwarden.policy.loader import load_pack
from mailwarden.policy.pack import Pack
from mailwarden.recipients.history import (
    RecipientStats,
    SenderHistory,
    SentObservation,
    build_history,
    observe,
)
from mailwarden.recipients.signals import misdirection_signals
from mailwarden.rules.base import RuleInput
from mailwarden.rules.facts import Facts
from mailwarden.rules.registry import all_rules

RETENTION = dt.timedelta(days=396)
NEW_KS = (1, 2, 3, 5, 10, 20)
""""New recipient" baseline: warn when a recipient was written to fewer than k times."""
EXTERNAL_KS = (1, 2, 3, 5, 10, 10**9)
"""External baseline: warn when an external recipient was written to fewer than k times
(k = 10**9: every external recipient, the baseline as the issue states it)."""
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0)
"""Values of the rules' `min_score` option in the sweep (the packs use the default, 0.5)."""
PUBLISHED = (
    "Carvalho, V. R. & Cohen, W. W. (2007), Preventing information leaks in email, SIAM SDM: "
    "about 82% of simulated leaks found on the Enron corpus"
)


# --- history ------------------------------------------------------------------------------


class Aggregate:
    """One sender's history, kept up to date one observation at a time.

    Equal to `build_history(sender, observations)` over the same observations (checked by
    `verify`), without re-reading them all at every send. Retention never drops anything
    here: the simulated period is shorter than 13 months (asserted).
    """

    def __init__(self, sender: str) -> None:
        self.sender = sender.lower()
        self.messages = 0
        self.first_seen: dt.datetime | None = None
        self.counts: dict[str, int] = {}
        self.first: dict[str, dt.datetime] = {}
        self.last: dict[str, dt.datetime] = {}
        self.names: dict[str, list[str]] = {}
        self.pairs: dict[str, dict[str, int]] = {}
        self.domains: dict[str, int] = {}
        self.threads: dict[str, set[str]] = {}
        self.keys: set[str] = set()

    def add(self, item: SentObservation) -> None:
        if item.key:
            if item.key in self.keys:
                return
            self.keys.add(item.key)
        self.messages += 1
        if self.first_seen is None or item.sent_at < self.first_seen:
            self.first_seen = item.sent_at
        addresses = [a for a, _ in item.recipients]
        for address, name in item.recipients:
            self.counts[address] = self.counts.get(address, 0) + 1
            self.first[address] = min(self.first.get(address, item.sent_at), item.sent_at)
            self.last[address] = max(self.last.get(address, item.sent_at), item.sent_at)
            names = self.names.setdefault(address, [])
            if name and name not in names:
                names.append(name)
            row = self.pairs.setdefault(address, {}) if len(addresses) > 1 else None
            if row is not None:
                for other in addresses:
                    if other != address:
                        row[other] = row.get(other, 0) + 1
        for domain in {a.rpartition("@")[2] for a in addresses}:
            self.domains[domain] = self.domains.get(domain, 0) + 1
        if item.thread:
            self.threads.setdefault(item.thread, set()).update(addresses)

    def history(self) -> SenderHistory:
        stats = {
            a: RecipientStats(a, n, self.first[a], self.last[a], tuple(self.names.get(a, ())))
            for a, n in self.counts.items()
        }
        return SenderHistory(
            sender=self.sender,
            messages=self.messages,
            first_seen=self.first_seen,
            recipients=MappingProxyType(stats),
            co_recipients=MappingProxyType(
                {a: MappingProxyType(dict(r)) for a, r in self.pairs.items()}
            ),
            domains=MappingProxyType(dict(self.domains)),
            threads=MappingProxyType({t: frozenset(m) for t, m in self.threads.items()}),
        )


def observation(mail: sim.Mail) -> SentObservation:
    """What history learns from `mail` as the sender meant it (errors recorded as intended)."""
    seen: dict[str, str] = {}
    for person in mail.intended:
        address = person.address.lower()
        if address != mail.sender.address:
            seen.setdefault(address, person.shown)
    thread = (mail.references[0] if mail.references else mail.message_id).lower()
    return SentObservation(
        mail.sender.address, mail.time, tuple(seen.items()), thread, mail.message_id.lower()
    )


# --- judging ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Judge:
    pack: Pack
    """The Norfolk pack with only its misdirection bindings (the others cannot add one)."""
    rules: frozenset[str]
    """Binding ids of the misdirection rules."""
    limits: Limits

    @classmethod
    def build(cls, name: str) -> Judge:
        pack = load_pack(name)
        registry = all_rules()
        kept = tuple(
            b
            for b in pack.bindings
            if b.rule in registry and registry[b.rule].family == "misdirection"
        )
        return cls(
            dataclasses.replace(pack, bindings=kept),
            frozenset(b.id for b in kept),
            Limits(max_seconds=0),
        )


def _where(mail: sim.Mail) -> set[str]:
    """The `where` labels that point at the mistake in an erroneous send."""
    if mail.error == "wrong-attachment":
        return {"attachment:1"}
    intended = {p.address for p in mail.intended}
    return {
        f"recipient:{n}"
        for n, p in enumerate(mail.recipients, start=1)
        if p.address not in intended
    }


def judge(judge_: Judge, mails: list[sim.Mail], mail: sim.Mail, history: SenderHistory) -> dict:
    """mailwarden on one send: the pack's verdict, the rules at each `min_score`, the signals.

    The verdict is `evaluate` itself. The sweep calls the same rules as the engine does
    (`rule.check` on the binding's options), with `min_score` replaced, sharing one `Facts`.
    """
    data = sim.render(mails, mail)
    message = parse_message_bytes(data, ParseContext.start(judge_.limits))
    pack = judge_.pack
    context = context_for(message, pack, now=mail.time, sender=mail.sender.address, history=history)
    record: dict[str, Any] = {}
    verdict = evaluate(message, pack, context)
    found = [f for f in verdict.findings if f.rule in judge_.rules]
    record["rules"] = sorted({f.rule for f in found})
    record["rule_where"] = sorted({e.where for f in found for e in f.evidence})
    record["messages"] = [f"{f.rule}: {f.message}" for f in found]
    facts = Facts(message, pack, context)
    registry = all_rules()
    sweep = {}
    for threshold in THRESHOLDS:
        fired = []
        for binding in pack.bindings:
            rule = registry[binding.rule]
            options = rule.resolve({**binding.options, "min_score": threshold})
            if any(True for _ in rule.check(RuleInput(message, pack, context, options, facts))):
                fired.append(binding.id)
        sweep[str(threshold)] = fired
    record["sweep"] = sweep
    signals = misdirection_signals(message, facts, pack, history, now=mail.time)
    record["signals"] = [(str(s.kind), s.score, s.where) for s in signals]
    record["pd"] = bool(facts.personal_data())
    return record


# --- the replay ---------------------------------------------------------------------------


_STATE: dict[str, sim.World] = {}
"""The simulated world, set before the workers fork so that they share it."""


def _replay(args: tuple[list[str], dict[str, Any]]) -> list[dict[str, Any]]:
    senders, options = args
    world = _STATE["world"]
    mine = set(senders)
    judge_ = Judge.build(options["pack"])
    rng = random.Random(options["seed"])
    start = sim.START + dt.timedelta(days=options["warmup_days"])
    window = dt.datetime.combine(start, dt.time(), sim.ZONE)
    aggregates: dict[str, Aggregate] = {}
    kept: dict[str, list[SentObservation]] = {}
    out = []
    for mail in world.mails:
        if not mail.outgoing or mail.sender.address not in mine:
            continue
        aggregate = aggregates.setdefault(mail.sender.address, Aggregate(mail.sender.address))
        if mail.time >= window:
            row = _baselines(mail, aggregate)
            sampled = options["sample"] >= 1 or rng.random() < options["sample"]
            if mail.error or sampled:
                history = aggregate.history()
                if rng.random() < options["verify"]:
                    row["verified"] = _verify(history, kept[mail.sender.address], mail, world)
                row.update(judge(judge_, world.mails, mail, history))
                row["evaluated"] = True
            out.append(row)
        item = observation(mail)
        aggregate.add(item)
        if options["verify"]:
            kept.setdefault(mail.sender.address, []).append(item)
    return out


def _baselines(mail: sim.Mail, aggregate: Aggregate) -> dict[str, Any]:
    counts = [aggregate.counts.get(p.address, 0) for p in mail.recipients]
    external = [c for c, p in zip(counts, mail.recipients, strict=True) if not p.internal]
    return {
        "i": mail.index,
        "kind": mail.kind,
        "error": mail.error,
        "personal": mail.personal,
        "min_count": min(counts, default=10**9),
        "ext_min_count": min(external, default=10**9 + 1),
        "target": sorted(_where(mail)) if mail.error else [],
        "learning": aggregate.messages < 30,
    }


def _verify(
    history: SenderHistory, items: list[SentObservation], mail: sim.Mail, world: sim.World
) -> bool:
    """The incremental history equals `build_history`; a parsed send observes as simulated."""
    cutoff = mail.time - RETENTION
    expected = build_history(mail.sender.address, [i for i in items if i.sent_at >= cutoff])
    same = expected == history
    if not mail.error:
        parsed = parse_message_bytes(sim.render(world.mails, mail))
        seen = observe(parsed, mail.sender.address, mail.time)
        same = same and seen == observation(mail)
    return same


def _split(world: sim.World, workers: int) -> list[list[str]]:
    load = Counter(m.sender.address for m in world.mails if m.outgoing)
    groups: list[list[str]] = [[] for _ in range(workers)]
    sizes = [0] * workers
    for sender, n in load.most_common():
        k = sizes.index(min(sizes))
        groups[k].append(sender)
        sizes[k] += n
    return groups


# --- scoring ------------------------------------------------------------------------------


def _rates(rows: Sequence[dict[str, Any]], flag: Any) -> dict[str, Any]:
    errors = [r for r in rows if r["error"]]
    legit = [r for r in rows if not r["error"]]
    by_kind: dict[str, list[bool]] = {}
    for r in errors:
        by_kind.setdefault(r["error"], []).append(bool(flag(r)))
    fa = sum(bool(flag(r)) for r in legit)
    hits = sum(sum(v) for v in by_kind.values())
    return {
        "recall": hits / len(errors) if errors else 0.0,
        "recall_personal": _share([bool(flag(r)) for r in errors if r["personal"]]),
        "by_kind": {k: _share(v) for k, v in sorted(by_kind.items())},
        "fa_per_100": 100 * fa / len(legit) if legit else 0.0,
        "errors": len(errors),
        "legit": len(legit),
    }


def _share(values: Iterable[bool]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def score(rows: list[dict[str, Any]], rules: Sequence[str]) -> dict[str, Any]:
    evaluated = [r for r in rows if r.get("evaluated")]
    result: dict[str, Any] = {}
    methods: dict[str, Any] = {
        "mailwarden (Norfolk pack)": lambda r: bool(r["rules"]),
        "mailwarden, a warning naming the mistake": lambda r: (
            bool(set(r["rule_where"]) & set(r["target"])) if r["error"] else bool(r["rules"])
        ),
        "baseline: every new recipient": lambda r: r["min_count"] < 1,
        "baseline: every external recipient": lambda r: r["ext_min_count"] <= 10**9,
    }
    result["table"] = {name: _rates(evaluated, f) for name, f in methods.items()}
    result["baselines_all_sends"] = {
        name: _rates(rows, f) for name, f in methods.items() if name.startswith("baseline")
    }
    result["rules"] = {
        rule: _rates(evaluated, lambda r, rule=rule: rule in r["rules"]) for rule in rules
    }
    result["without"] = {
        rule: _rates(evaluated, lambda r, rule=rule: bool(set(r["rules"]) - {rule}))
        for rule in rules
    }
    sweep: dict[str, list[dict[str, Any]]] = {"mailwarden": [], "new": [], "external": []}
    for t in THRESHOLDS:
        point = _rates(evaluated, lambda r, t=t: bool(r["sweep"][str(t)]))
        sweep["mailwarden"].append({"threshold": t, **point})
    for k in NEW_KS:
        point = _rates(evaluated, lambda r, k=k: r["min_count"] < k)
        sweep["new"].append({"k": k, **point})
    for k in EXTERNAL_KS:
        point = _rates(evaluated, lambda r, k=k: r["ext_min_count"] < k)
        sweep["external"].append({"k": k, **point})
    result["false_alarms_by_send"] = _false_alarms_by_send(evaluated, rules)
    result["sweep"] = sweep
    result["dominance"] = _dominance(sweep)
    result["signal_kinds"] = _signal_kinds(evaluated)
    result["verified"] = Counter(str(r["verified"]) for r in rows if "verified" in r)
    default = str(0.5)
    result["sweep_matches_engine"] = sum(
        set(r["sweep"][default]) == set(r["rules"]) for r in evaluated
    ) / max(len(evaluated), 1)
    return result


def _false_alarms_by_send(
    rows: list[dict[str, Any]], rules: Sequence[str]
) -> dict[str, dict[str, float]]:
    """False alarms per 100 legitimate sends of each kind (new, reply, ...), per rule."""
    legit = [r for r in rows if not r["error"]]
    kinds = sorted({r["kind"] for r in legit})
    out: dict[str, dict[str, float]] = {"sends": dict.fromkeys(kinds, 0.0)}
    for kind in kinds:
        out["sends"][kind] = 100 * sum(r["kind"] == kind for r in legit) / max(len(legit), 1)
    for rule in (*rules, "any"):
        out[rule] = {}
        for kind in kinds:
            pool = [r for r in legit if r["kind"] == kind]
            fired = sum((rule in r["rules"]) if rule != "any" else bool(r["rules"]) for r in pool)
            out[rule][kind] = 100 * fired / max(len(pool), 1)
    return out


def _hull_recall(points: list[dict[str, Any]], fa: float) -> float:
    """The best recall a baseline reaches at `fa` false alarms per 100, mixing its points
    (warning on a random share of what a point flags, or between two points)."""
    pts = sorted({(0.0, 0.0), *((p["fa_per_100"], p["recall"]) for p in points)})
    best = 0.0
    for x1, y1 in pts:
        for x2, y2 in pts:
            if x1 <= fa <= x2 and x2 > x1:
                best = max(best, y1 + (y2 - y1) * (fa - x1) / (x2 - x1))
            elif x1 <= fa:
                best = max(best, y1)
    return best


def _dominance(sweep: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    rows = []
    for point in sweep["mailwarden"]:
        fa = point["fa_per_100"]
        new, ext = _hull_recall(sweep["new"], fa), _hull_recall(sweep["external"], fa)
        rows.append(
            {
                "threshold": point["threshold"],
                "fa_per_100": fa,
                "recall": point["recall"],
                "new_at_same_fa": new,
                "external_at_same_fa": ext,
                "beats_both": point["recall"] > max(new, ext),
            }
        )
    return rows


def _signal_kinds(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per signal kind: the share of each error kind and of legitimate sends it fires on."""
    kinds = sorted({k for r in rows for k, _, _ in r.get("signals", ())})
    out = {}
    for kind in kinds:

        def fires(r: dict[str, Any], kind: str = kind) -> bool:
            return any(k == kind for k, _, _ in r.get("signals", ()))

        out[kind] = _rates(rows, fires)
    return out


# --- report -------------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _kind_table(title: str, rows: dict[str, dict[str, Any]], fa_label: str) -> list[str]:
    kinds = list(sim.KINDS)
    lines = [
        f"| {title} | {' | '.join(kinds)} | all errors | errors with personal data | {fa_label} |",
        "|---" + "|---:" * (len(kinds) + 3) + "|",
    ]
    for name, r in rows.items():
        cells = [_pct(r["by_kind"].get(k, 0.0)) for k in kinds]
        tail = f"{_pct(r['recall'])} | {_pct(r['recall_personal'])} | {r['fa_per_100']:.2f}"
        lines.append(f"| {name} | {' | '.join(cells)} | {tail} |")
    return lines


def markdown(result: dict[str, Any]) -> str:
    table = result["table"]
    any_row = next(iter(table.values()))
    lines = [
        f"Sends judged: {any_row['errors']} with an error and {any_row['legit']} legitimate "
        f"(seed {result['seed']}, {result['seconds']:.0f} s on {result['workers']} workers).",
        "",
        "Recall per error kind and false alarms per 100 legitimate sends:",
        "",
        *_kind_table("method", table, "FA/100"),
        "",
        "Each misdirection rule alone, and the pack without it:",
        "",
        *_kind_table("rule alone", result["rules"], "FA/100"),
        "",
        *_kind_table("pack without", result["without"], "FA/100"),
        "",
        "Operating points: every misdirection rule's `min_score` set to the threshold "
        "(recall of all errors, false alarms per 100 legitimate sends), against the best "
        "each baseline reaches at the same false-alarm rate (its points below, mixed):",
        "",
        "| min_score | recall | FA/100 | new-recipient baseline at that FA "
        "| external baseline at that FA | beats both |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for d in result["dominance"]:
        lines.append(
            f"| {d['threshold']:.2f} | {_pct(d['recall'])} | {d['fa_per_100']:.2f} | "
            f"{_pct(d['new_at_same_fa'])} | {_pct(d['external_at_same_fa'])} | "
            f"{'yes' if d['beats_both'] else 'no'} |"
        )
    by_send = result["false_alarms_by_send"]
    kinds = list(by_send["sends"])
    lines += [
        "",
        "False alarms per 100 legitimate sends of each kind (first row: the mix of sends):",
        "",
        f"| rule | {' | '.join(kinds)} |",
        "|---" + "|---:" * len(kinds) + "|",
    ]
    for rule, values in by_send.items():
        cells = [f"{values[k]:.1f}%" if rule == "sends" else f"{values[k]:.2f}" for k in kinds]
        lines.append(f"| {rule} | {' | '.join(cells)} |")
    lines += ["", "| baseline | k | recall | FA/100 |", "|---|---:|---:|---:|"]
    names = (("new recipient: count < k", "new"), ("external recipient: count < k", "external"))
    for name, key in names:
        for p in result["sweep"][key]:
            k = "any" if p["k"] >= 10**9 else p["k"]
            lines.append(f"| {name} | {k} | {_pct(p['recall'])} | {p['fa_per_100']:.2f} |")
    lines += [
        "",
        "Signals (`misdirection_signals`, default options, any score; new-recipient raw, "
        "without the personal-data condition): share of sends each fires on:",
        "",
        *_kind_table("signal", result["signal_kinds"], "per 100 legitimate"),
        "",
        f"Published comparison: {PUBLISHED}.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=sim.DEFAULT_SEED)
    parser.add_argument("--staff", type=int, default=240)
    parser.add_argument("--days", type=int, default=182)
    parser.add_argument("--rate", type=float, default=9.0)
    parser.add_argument("--error-rate", type=float, default=0.01)
    parser.add_argument("--warmup-days", type=int, default=56)
    parser.add_argument(
        "--sample", type=float, default=0.2, help="share of legitimate sends judged (1 = all)"
    )
    parser.add_argument("--verify", type=float, default=0.002, help="share of sends checked")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pack", default="norfolk")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--report", metavar="JSON", help="print the tables of a saved --json run")
    args = parser.parse_args(argv)
    if args.report:
        with open(args.report, encoding="utf-8") as saved:
            print(markdown(json.load(saved)))
        return 0
    if dt.timedelta(days=args.days) >= RETENTION:
        parser.error("the simulated period must be shorter than the 13-month retention")
    started = time.perf_counter()
    world = _STATE["world"] = sim.simulate(
        args.seed, args.staff, args.days, args.rate, args.error_rate
    )
    simulated = time.perf_counter() - started
    options = {
        "pack": args.pack,
        "seed": args.seed,
        "warmup_days": args.warmup_days,
        "sample": args.sample,
        "verify": args.verify,
    }
    groups = _split(world, args.workers)
    if args.workers > 1:
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            parts = pool.map(_replay, [(g, options) for g in groups])
    else:
        parts = [_replay((groups[0], options))]
    rows = sorted((r for part in parts for r in part), key=lambda r: r["i"])
    result = score(rows, sorted(Judge.build(args.pack).rules))
    result.update(
        seed=args.seed,
        workers=args.workers,
        seconds=time.perf_counter() - started,
        simulate_seconds=simulated,
        world=sim.summary(world),
        options=vars(args),
        published=PUBLISHED,
    )
    if args.json:
        print(json.dumps(result, indent=1, default=str))
    else:
        print(markdown(result))
        print(f"\nhistory checks against build_history: {dict(result['verified'])}")
        print(f"sweep at 0.5 agrees with evaluate on {_pct(result['sweep_matches_engine'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
