"""Span matching and the figures: precision, recall and F1 per type, clean-document rate.

Matching rule for values (names, numbers, addresses, dates, credentials): a prediction
matches a gold span when the types are equal, the overlap covers at least half of the gold
span, and it covers at least a quarter of the prediction (so one span over a whole
paragraph cannot claim the values in it). Matching is one-to-one, largest overlap first.
An unmatched prediction is a false positive of its own type; an unmatched gold span a false
negative of its type. Overlap in characters (code points).

Sensitive categories name a fact, not a value, and where a detector draws the edges of
"charged with assault" is a matter of taste; so for them a gold phrase is found when any
prediction of its type overlaps it, and further predictions overlapping the same phrase are
neither hits nor false positives. A sensitive prediction overlapping no gold phrase of its
type is a false positive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gen_builder import Doc, Gold

SENSITIVE = frozenset(
    {
        "HEALTH",
        "SAFEGUARDING",
        "CRIMINAL_OFFENCE",
        "ETHNIC_ORIGIN",
        "RELIGION",
        "SEXUAL_ORIENTATION",
        "POLITICAL_OPINION",
        "TRADE_UNION",
        "GENETIC_BIOMETRIC",
    }
)

__all__ = [
    "ALL_TYPES",
    "GOALS",
    "Counts",
    "Pred",
    "Scores",
    "score_docs",
]

ALL_TYPES = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "STREET_ADDRESS",
    "UK_POSTCODE",
    "UK_NHS_NUMBER",
    "UK_NINO",
    "UK_SORT_CODE",
    "UK_BANK_ACCOUNT",
    "IBAN",
    "CARD_NUMBER",
    "UK_PASSPORT",
    "UK_DRIVING_LICENCE",
    "DATE_OF_BIRTH",
    "CREDENTIAL",
    "HEALTH",
    "SAFEGUARDING",
    "CRIMINAL_OFFENCE",
    "ETHNIC_ORIGIN",
    "RELIGION",
    "SEXUAL_ORIENTATION",
    "POLITICAL_OPINION",
    "TRADE_UNION",
    "GENETIC_BIOMETRIC",
)

_CHECKSUM = (
    "UK_NHS_NUMBER",
    "UK_NINO",
    "CARD_NUMBER",
    "IBAN",
    "UK_SORT_CODE",
    "UK_BANK_ACCOUNT",
    "UK_PASSPORT",
    "UK_DRIVING_LICENCE",
)
_CONTACT = ("PHONE_NUMBER", "UK_POSTCODE", "EMAIL_ADDRESS", "DATE_OF_BIRTH")
GOALS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(_CHECKSUM, ("F1", 0.97)),
    **dict.fromkeys(_CONTACT, ("F1", 0.95)),
    "PERSON": ("F1", 0.85),
}
"""The issue's accuracy goals: (metric, minimum) per type. NHS precision ≥ 0.99 and a clean-
document rate ≥ 0.98 are checked separately."""
NHS_PRECISION_GOAL = 0.99
CLEAN_RATE_GOAL = 0.98
MIN_GOLD_SHARE = 0.5
MIN_PRED_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class Pred:
    type: str
    start: int
    end: int
    score: float


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        if self.tp + self.fp + self.fn == 0:
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float | int | None]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": r(self.precision),
            "recall": r(self.recall),
            "f1": r(self.f1),
        }


@dataclass(slots=True)
class Scores:
    """Everything scored for one system over one set of documents."""

    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    person_by_set: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    recall_by_format: dict[tuple[str, str], Counts] = field(
        default_factory=lambda: defaultdict(Counts)
    )
    recall_by_kind: dict[tuple[str, str], Counts] = field(
        default_factory=lambda: defaultdict(Counts)
    )
    clean_docs: int = 0
    clean_docs_quiet: int = 0
    clean_docs_quiet_but_dates: int = 0
    """Clean documents where nothing but DATE_OF_BIRTH was reported (Presidio's DATE_TIME)."""
    unmapped: int = 0
    """Predictions of types outside our taxonomy (Presidio's URL, US_SSN, ...): not scored."""

    @property
    def clean_rate(self) -> float | None:
        return self.clean_docs_quiet / self.clean_docs if self.clean_docs else None

    @property
    def clean_rate_without_dates(self) -> float | None:
        """The clean-document rate if DATE_OF_BIRTH reports were ignored."""
        if not self.clean_docs:
            return None
        return (self.clean_docs_quiet + self.clean_docs_quiet_but_dates) / self.clean_docs

    def to_dict(self) -> dict[str, object]:
        return {
            "by_type": {t: c.to_dict() for t, c in sorted(self.by_type.items())},
            "person_by_set": {s: c.to_dict() for s, c in sorted(self.person_by_set.items())},
            "recall_by_format": {
                f"{t}/{f}": c.to_dict() for (t, f), c in sorted(self.recall_by_format.items())
            },
            "recall_by_kind": {
                f"{t}/{k}": c.to_dict() for (t, k), c in sorted(self.recall_by_kind.items())
            },
            "clean_docs": self.clean_docs,
            "clean_docs_quiet": self.clean_docs_quiet,
            "clean_rate": None if self.clean_rate is None else round(self.clean_rate, 4),
            "clean_docs_quiet_but_dates": self.clean_docs_quiet_but_dates,
            "unmapped_predictions": self.unmapped,
        }


def _overlap(g: Gold, p: Pred) -> int:
    return max(0, min(g.end, p.end) - max(g.start, p.start))


def match(gold: Sequence[Gold], preds: Sequence[Pred]) -> list[tuple[int, int]]:
    """(gold index, prediction index) pairs: one-to-one for values, see above for the rest.

    A sensitive-category prediction is paired with every same-type gold phrase it overlaps.
    """
    pairs = []
    sensitive = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            if p.type != g.type:
                continue
            if g.type in SENSITIVE:
                if _overlap(g, p):
                    sensitive.append((gi, pi))
                continue
            shared = _overlap(g, p)
            if (
                shared
                and shared >= MIN_GOLD_SHARE * (g.end - g.start)
                and shared >= MIN_PRED_SHARE * (p.end - p.start)
            ):
                pairs.append((shared, gi, pi))
    pairs.sort(key=lambda x: -x[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out + sensitive


def score_docs(
    docs: Sequence[Doc],
    predictions: Sequence[Iterable[Pred]],
    *,
    threshold: float = 0.0,
) -> Scores:
    """Score predictions (one list per document) with score ≥ `threshold`."""
    scores = Scores()
    known = set(ALL_TYPES)
    for doc, doc_preds in zip(docs, predictions, strict=True):
        preds = [p for p in doc_preds if p.score >= threshold]
        scores.unmapped += sum(1 for p in preds if p.type not in known)
        preds = [p for p in preds if p.type in known]
        if not doc.has_pii:
            scores.clean_docs += 1
            scores.clean_docs_quiet += not preds
            scores.clean_docs_quiet_but_dates += bool(preds) and all(
                p.type == "DATE_OF_BIRTH" for p in preds
            )
        pairs = match(doc.gold, preds)
        hit_g = {gi for gi, _ in pairs}
        hit_p = {pi for _, pi in pairs}
        for gi, g in enumerate(doc.gold):
            ok = gi in hit_g
            counts = Counts(tp=int(ok), fn=int(not ok))
            scores.by_type[g.type].add(counts)
            fmt = g.fmt + (f"/{g.source}" if g.source else "")
            scores.recall_by_format[(g.type, fmt)].add(counts)
            scores.recall_by_kind[(g.type, doc.kind)].add(counts)
            if g.type == "PERSON":
                scores.person_by_set[g.source].add(counts)
        for pi, p in enumerate(preds):
            if pi not in hit_p:
                scores.by_type[p.type].fp += 1
                if p.type == "PERSON" and doc.name_set:
                    scores.person_by_set[doc.name_set].fp += 1
    return scores
