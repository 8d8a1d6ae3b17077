"""Intemperate language: what NCC-E10 ("angry, intemperate or rude language"), TWC-U4
("inappropriate, abusive and malicious"), CCC-2.1b/2.1d (offensive, abusive, discriminatory
material; bullying and harassment) and CCC-2.2b (professional language) forbid.

Why it is built this way: firm council prose ("I am disappointed that the deadline was
missed") must pass, and so must mail that records abuse rather than uses it (a case note
quoting what a resident shouted, a policy on harassment). So a cue is a curated whole word or
phrase (`data/tone.yaml`); the weak ones (an insult word that may be self-deprecating,
"bloody") act only when aimed at someone ("you idiot", "an absolute idiot") or beside another
cue; words of reporting before the cue in its sentence ("he called the officer ...") or double
quotes around it lower it below the action threshold. Shouting is a long run of capitals or a
string of exclamation marks, acted on only with an exclamation mark or with other cues near it;
headings, banners and disclaimers in capitals are not shouting.
"""

from __future__ import annotations

import re

from ..scoring import HIGH, LOW, MEDIUM
from ._cues import NOT_A_CUE, Hit, in_quotes, load, sentence_after, sentence_before
from ._signal import ConductSignal

__all__ = ["KIND", "intemperate_language"]

KIND = "intemperate_language"

_CUES = load("tone")
_WEIGHTS = {"strong": HIGH, "medium": 0.6, "weak": 0.4}
_TARGETED = 0.25
"""Added to an insult or slur aimed at someone."""
_NEARBY = 0.15
"""Added where another cue is within `_NEAR` characters."""
_NEAR = 150
_REPORTED = 0.4
"""Taken off words recorded rather than used (reported speech, double quotes), which are
also held at `MEDIUM` at most and not raised by their neighbours."""
_AIMED = frozenset({"insult", "discriminatory"})

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
_KEY_DROP = re.compile(r"['\u2019*]")


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(_KEY_DROP.sub("", word) for word in phrase.lower().split())


_TARGETS = frozenset(_key(p) for p in _CUES.words["targets"])
_INTENSIFIERS = frozenset(_key(p)[0] for p in _CUES.words["intensifiers"])
_TARGET_WORDS = max(len(t) for t in _TARGETS)
_AFTER = frozenset(_key(p) for p in _CUES.words["after"])

# Shouting: a run of words in capitals (a line break inside it allowed), or "!!!".
_CAPS_RUN = re.compile(
    r"(?<![^\W_])[A-Z][A-Z'\u2019]*"
    r"(?:(?:[ \t,;:.!?&/\-\u2013]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)[A-Z][A-Z'\u2019]*)+"
    r"(?![^\W_])[!?]*"
)
_EXCLAIMS = re.compile(r"[!?]{3,}")
_CAPS_MIN_WORDS = 4
_CAPS_MIN_LETTERS = 12
_CAPS_LONG_WORDS = 2
"""Words of four letters or more a run needs: "NHS CQC ICO DWP" is a list of acronyms."""
_CAPS_BASE = 0.4
_CAPS_YOU = 0.1
_CAPS_BANG = 0.15
_CAPS_BANGS = 0.25
_YOU = frozenset({"YOU", "YOUR", "YOURE", "YOU'RE", "YOU\u2019RE", "YOURSELF"})


def _aimed(text: str, start: int) -> bool:
    """Whether the words just before `start` aim it at someone: "you", "you are a", "such
    an", with any intensifiers between ("you absolute", "a complete")."""
    words = [_KEY_DROP.sub("", w.lower()) for w in _WORD.findall(sentence_before(text, start, 48))]
    intensified = False
    while words and words[-1] in _INTENSIFIERS:
        words.pop()
        intensified = True
    if intensified and words[-1:] in (["a"], ["an"]):
        return True  # "an absolute idiot"
    return any(
        tuple(words[-size:]) in _TARGETS for size in range(1, min(_TARGET_WORDS, len(words)) + 1)
    )


def _aimed_after(text: str, end: int) -> bool:
    """Whether the words just after `end` aim the insult at someone: "how useless you are"."""
    words = [_KEY_DROP.sub("", w.lower()) for w in _WORD.findall(sentence_after(text, end, 24))]
    return any(tuple(words[:size]) in _AFTER for size in (1, 2))


def _recorded(text: str, start: int) -> bool:
    """Whether the words are recorded rather than used: reporting words before them in their
    sentence, or inside double quotes."""
    reported = _CUES.guard("reported").search(sentence_before(text, start, 100)) is not None
    return reported or in_quotes(text, start)


def _cue_signal(text: str, hit: Hit) -> tuple[ConductSignal, bool]:
    """The signal of one cue, and whether its words are recorded rather than used."""
    score = _WEIGHTS[hit.cue.strength]
    if hit.cue.group in _AIMED and (_aimed(text, hit.start) or _aimed_after(text, hit.end)):
        score += _TARGETED
    recorded = _recorded(text, hit.start)
    if recorded:
        score = min(score - _REPORTED, MEDIUM)
    signal = ConductSignal(KIND, hit.cue.group, hit.start, hit.end, score, (hit.cue.term,))
    return signal, recorded


def _caps_signal(text: str, match: re.Match[str]) -> ConductSignal | None:
    run = match.group(0)
    words = re.findall(r"[A-Z][A-Z'\u2019]*", run)
    letters = sum(len(w) for w in words)
    long_words = sum(len(w) >= 4 for w in words)
    if (
        len(words) < _CAPS_MIN_WORDS
        or letters < _CAPS_MIN_LETTERS
        or long_words < _CAPS_LONG_WORDS
        or _CUES.guard("notice").search(run) is not None
    ):
        return None
    score, cues = _CAPS_BASE, ["capitals"]
    if _YOU.intersection(words):
        score += _CAPS_YOU
        cues.append("you in capitals")
    bangs = run.count("!")
    if bangs:
        score += _CAPS_BANGS if bangs > 1 else _CAPS_BANG
        cues.append("exclamation marks")
    return ConductSignal(KIND, "shouting", match.start(), match.end(), score, tuple(cues))


def _shouting(text: str) -> list[tuple[ConductSignal, bool]]:
    out: list[ConductSignal] = []
    for match in _CAPS_RUN.finditer(text):
        signal = _caps_signal(text, match)
        if signal is not None:
            out.append(signal)
    runs = iter(out[:])  # sorted by start, not overlapping: swept once beside the marks
    run = next(runs, None)
    for match in _EXCLAIMS.finditer(text):
        while run is not None and run.end <= match.start():
            run = next(runs, None)
        if match.group(0).count("!") < 2 or (run is not None and run.start <= match.start()):
            continue  # a question, or the end of a run of capitals already reported
        out.append(ConductSignal(KIND, "shouting", match.start(), match.end(), LOW, ("!!!",)))
    return [(signal, False) for signal in out]


def _with_neighbours(found: list[tuple[ConductSignal, bool]]) -> tuple[ConductSignal, ...]:
    """Each signal used (not recorded) raised where another is near it; scores clamped and
    rounded."""
    found.sort(key=lambda item: (item[0].start, item[0].end))
    signals = [signal for signal, _ in found]
    out = []
    for i, (signal, recorded) in enumerate(found):
        near = (i > 0 and signal.start - signals[i - 1].end <= _NEAR) or (
            i + 1 < len(signals) and signals[i + 1].start - signal.end <= _NEAR
        )
        score = signal.score + (_NEARBY if near and not recorded else 0.0)
        out.append(
            ConductSignal(
                signal.kind,
                signal.subkind,
                signal.start,
                signal.end,
                round(max(0.0, min(1.0, score)), 3),
                signal.cues,
            )
        )
    return tuple(out)


def intemperate_language(text: str) -> tuple[ConductSignal, ...]:
    """Abusive, profane, insulting, threatening, harassing, discriminatory or shouted
    language in `text`, one signal per cue or run of capitals, sorted by start."""
    found = [
        _cue_signal(text, hit) for hit in _CUES.cues.find(text) if hit.cue.strength != NOT_A_CUE
    ]
    found += _shouting(text)
    return _with_neighbours(found)
