"""The results as Markdown tables (for README.md) or as plain JSON."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from gen_builder import Doc
from score import ALL_TYPES, CLEAN_RATE_GOAL, GOALS, NHS_PRECISION_GOAL, Counts, Scores

__all__ = ["corpus_summary", "jsonable", "markdown"]

SPEED_GOALS = {"mb_per_s": 15.0, "cold_start_s": 0.5, "rss_mb": 100.0}


def corpus_summary(docs: Sequence[Doc], seed: int) -> dict[str, Any]:
    return {
        "seed": seed,
        "documents": len(docs),
        "megabytes": round(sum(len(d.text.encode("utf-8")) for d in docs) / 1e6, 3),
        "documents_without_pii": sum(1 for d in docs if not d.has_pii),
        "gold_by_type": dict(sorted(Counter(g.type for d in docs for g in d.gold).items())),
    }


def jsonable(value: Any) -> Any:
    if isinstance(value, Scores):
        return value.to_dict()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


def _f(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _goal(type_: str, c: Counts, reported: set[str]) -> tuple[str, str]:
    if type_ not in GOALS:
        return "", "" if type_ in reported else "no detector"
    metric, minimum = GOALS[type_]
    if type_ not in reported:
        return f"{metric} ≥ {minimum}", "no detector"
    value = c.f1 if metric == "F1" else None
    return f"{metric} ≥ {minimum}", "yes" if value is not None and value >= minimum else "**no**"


def _type_table(scores: Scores, reported: set[str]) -> list[str]:
    rows = [
        "| type | gold | TP | FP | FN | precision | recall | F1 | goal | met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for t in ALL_TYPES:
        c = scores.by_type.get(t, Counts())
        goal, met = _goal(t, c, reported)
        rows.append(
            f"| {t} | {c.tp + c.fn} | {c.tp} | {c.fp} | {c.fn} | {_f(c.precision)} | "
            f"{_f(c.recall)} | {_f(c.f1)} | {goal} | {met} |"
        )
        if t == "PERSON":
            for name_set, label in (("A", "set A, gazetteer source"), ("B", "set B, disjoint")):
                s = scores.person_by_set.get(name_set, Counts())
                rows.append(
                    f"| ↳ PERSON ({label}) | {s.tp + s.fn} | {s.tp} | {s.fp} | {s.fn} | "
                    f"{_f(s.precision)} | {_f(s.recall)} | {_f(s.f1)} | | |"
                )
    return rows


def _headline(scores: Scores) -> list[str]:
    nhs = scores.by_type.get("UK_NHS_NUMBER", Counts())
    rate = scores.clean_rate
    rate_met = rate is not None and rate >= CLEAN_RATE_GOAL
    nhs_met = nhs.precision is not None and nhs.precision >= NHS_PRECISION_GOAL
    return [
        f"- Clean-document rate: {_f(rate)} ({scores.clean_docs_quiet} of {scores.clean_docs} "
        f"documents without personal data had nothing reported); goal ≥ {CLEAN_RATE_GOAL}: "
        f"{'met' if rate_met else '**not met**'}.",
        f"- NHS precision with the hard negatives in: {_f(nhs.precision)}; goal ≥ "
        f"{NHS_PRECISION_GOAL}: {'met' if nhs_met else '**not met**'}.",
    ]


def _speed_table(r: dict[str, Any]) -> list[str]:
    procs = r.get("processes", {})
    mw = r["mailwarden"]
    rows = [
        "| system | corpus | MB/s | cold start (s) | peak RSS (MB) |",
        "| --- | --- | ---: | ---: | ---: |",
    ]

    def proc(name: str) -> tuple[str, str]:
        p = procs.get(name)
        if not p:
            return "–", "–"
        return _f(p["cold_start"]["seconds"], 2), _f(p["rss"]["rss_peak_mb"], 1)

    cold, rss = proc("mailwarden")
    rows.append(f"| mailwarden | full | {_f(mw['mb_per_s'], 2)} | {cold} | {rss} |")
    rows.append(f"| mailwarden | subset | {_f(mw['subset_mb_per_s'], 2)} | | |")
    for setup, p in r["presidio"].items():
        cold, rss = proc(setup)
        rows.append(f"| {setup} | subset | {_f(p['mb_per_s'], 3)} | {cold} | {rss} |")
    if "bare" in procs:
        rows.append(
            f"| (bare interpreter reading the corpus) | full | | "
            f"{_f(procs['bare']['rss']['rss_peak_mb'], 1)} MB RSS | |"
        )
    rows.append("")
    rows.append(
        f"Goals (mailwarden, all types): ≥ {SPEED_GOALS['mb_per_s']:.0f} MB/s, cold start < "
        f"{SPEED_GOALS['cold_start_s']} s, peak RSS < {SPEED_GOALS['rss_mb']:.0f} MB."
    )
    return rows


def _ratios(r: dict[str, Any]) -> list[str]:
    """mailwarden's figure as a multiple of Presidio's (throughput: higher is better)."""
    procs = r.get("processes", {})
    mw = r["mailwarden"]
    out = []
    for setup, p in r["presidio"].items():
        parts = [f"throughput {mw['subset_mb_per_s'] / p['mb_per_s']:.1f}×"]
        if setup in procs and "mailwarden" in procs:
            a, b = procs["mailwarden"], procs[setup]
            cold = a["cold_start"]["seconds"] / max(b["cold_start"]["seconds"], 1e-3)
            parts.append(f"cold start {cold:.2f}×")
            parts.append(f"peak RSS {a['rss']['rss_peak_mb'] / b['rss']['rss_peak_mb']:.2f}×")
        out.append(f"- mailwarden as a multiple of {setup}: " + ", ".join(parts) + ".")
    return out


def _side_by_side(r: dict[str, Any]) -> list[str]:
    mw: Scores = r["mailwarden"]["subset_scores"]
    setups = r["presidio"]
    head = "| type | gold | mailwarden F1 | " + " | ".join(
        f"{s} F1 (t={p['threshold']})" for s, p in setups.items()
    )
    rows = [head + " |", "| --- | ---: | ---: |" + " ---: |" * len(setups)]
    for t in ALL_TYPES:
        c = mw.by_type.get(t, Counts())
        cells = [_f(p["scores"].by_type.get(t, Counts()).f1) for p in setups.values()]
        rows.append(f"| {t} | {c.tp + c.fn} | {_f(c.f1)} | " + " | ".join(cells) + " |")
    cells = [_f(p["scores"].clean_rate) for p in setups.values()]
    rows.append(f"| clean-document rate | | {_f(mw.clean_rate)} | " + " | ".join(cells) + " |")
    cells = [_f(p["scores"].clean_rate_without_dates) for p in setups.values()]
    rows.append(
        f"| clean-document rate, dates not counted | | {_f(mw.clean_rate_without_dates)} | "
        + " | ".join(cells)
        + " |"
    )
    return rows


def _formats(scores: Scores, reported: set[str], limit: int = 30) -> list[str]:
    worst = sorted(
        (
            (c.recall or 0.0, t, f, c)
            for (t, f), c in scores.recall_by_format.items()
            if t in reported and c.tp + c.fn >= 5 and (c.recall or 0.0) < 1.0
        ),
        key=lambda x: (x[0], x[1], x[2]),
    )[:limit]
    if not worst:
        return ["(every format of every reported type fully recalled)"]
    rows = ["| type | format / source | gold | recall |", "| --- | --- | ---: | ---: |"]
    rows += [f"| {t} | {f} | {c.tp + c.fn} | {_f(rec)} |" for rec, t, f, c in worst]
    return rows


def _kinds(scores: Scores, reported: set[str], limit: int = 15) -> list[str]:
    worst = sorted(
        (
            (c.recall or 0.0, t, k, c)
            for (t, k), c in scores.recall_by_kind.items()
            if t in reported and c.tp + c.fn >= 5 and (c.recall or 0.0) < 1.0
        ),
        key=lambda x: (x[0], x[1], x[2]),
    )[:limit]
    if not worst:
        return []
    rows = ["| type | document kind | gold | recall |", "| --- | --- | ---: | ---: |"]
    rows += [f"| {t} | {k} | {c.tp + c.fn} | {_f(rec)} |" for rec, t, k, c in worst]
    return rows


def markdown(r: dict[str, Any]) -> str:
    mw = r["mailwarden"]
    corpus, subset = r["corpus"], r["subset"]
    reported = set(mw["types_reported_at_any_score"])
    lines = [
        f"## PII detection benchmark ({r['date']}, Python {r['python']})",
        "",
        f"Corpus: seed {corpus['seed']}, {corpus['documents']} documents, "
        f"{corpus['megabytes']} MB, {corpus['documents_without_pii']} without personal data. "
        f"Presidio subset: {subset['documents']} documents, {subset['megabytes']} MB "
        "(every k-th document).",
        "",
        "mailwarden detectors present: " + (", ".join(mw["detectors"]) or "none") + ".",
        *(
            ["", "Left out (failed to import or build): " + "; ".join(mw["left_out"]) + "."]
            if mw["left_out"]
            else []
        ),
        "",
        "### mailwarden, whole corpus, default threshold",
        "",
        *_type_table(mw["scores"], reported),
        "",
        *_headline(mw["scores"]),
        "",
        "### Speed and size (single process)",
        "",
        *_speed_table(r),
    ]
    if r["presidio"]:
        lines += [
            "",
            "### Side by side on the Presidio subset",
            "",
            *_side_by_side(r),
            "",
            *_ratios(r),
        ]
        for setup, p in r["presidio"].items():
            lines.append(f"- {setup} recognizers: {', '.join(p['recognizers'])}.")
    lines += [
        "",
        "### mailwarden recall by written format (formats below 1.0, at least 5 gold spans)",
        "",
        *_formats(mw["scores"], reported),
        "",
        "### mailwarden recall by document kind (below 1.0, at least 5 gold spans)",
        "",
        *_kinds(mw["scores"], reported),
    ]
    return "\n".join(lines)
