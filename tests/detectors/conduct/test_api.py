"""The public API of the conduct detectors, and what every one of them promises for any
text: no exception, spans inside the text, sorted by start, scores in 0–1, and cues taken
only from the curated lists."""

from __future__ import annotations

import dataclasses
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailwarden.detectors import conduct
from mailwarden.detectors.conduct import (
    ConductSignal,
    chain_letter,
    commercial_solicitation,
    contractual_commitment,
    intemperate_language,
    marketing_material,
    virus_hoax,
)
from mailwarden.detectors.conduct._cues import load

from .helpers import Detector

DETECTORS: dict[str, tuple[Detector, str]] = {
    "intemperate_language": (intemperate_language, "tone"),
    "chain_letter": (chain_letter, "chain_letter"),
    "virus_hoax": (virus_hoax, "virus_hoax"),
    "contractual_commitment": (contractual_commitment, "contract"),
    "commercial_solicitation": (commercial_solicitation, "solicitation"),
    "marketing_material": (marketing_material, "marketing"),
}
SHOUTING_CUES = frozenset({"capitals", "you in capitals", "exclamation marks", "!!!"})
CURATED = {
    kind: frozenset(cue.term for cue in load(data).cues.cues)
    | (SHOUTING_CUES if kind == "intemperate_language" else frozenset())
    for kind, (_, data) in DETECTORS.items()
}

# Pieces of text that make the detectors match, mixed into the generated text.
FRAGMENTS = [
    "you idiot",
    "FUCKING",
    "WHY HAVE YOU NOT DONE IT!!!",
    "!!!",
    "I know where you\n> live",
    "forward this to 10 people",
    "bad luck",
    "within 24 hours",
    "there is a virus going around",
    "forward this warning to all your contacts",
    "we accept your quote",
    "subject to contract",
    "please proceed with the order?",
    "I'm selling my car",
    "£1,500 ono",
    "the council's",
    "unsubscribe",
    "50% off",
    "shop now",
    '"',
    "\u201c",
    "don\u2019t",
    "\n\n",
    ". ",
]


def test_exports_are_pinned() -> None:
    assert sorted(conduct.__all__) == [
        "ConductSignal",
        "chain_letter",
        "commercial_solicitation",
        "contractual_commitment",
        "intemperate_language",
        "marketing_material",
        "virus_hoax",
    ]


def test_signal_is_an_immutable_value() -> None:
    signal = ConductSignal("chain_letter", "", 0, 4, 0.3, ("bad luck",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        signal.score = 1.0  # type: ignore[misc]
    assert not hasattr(signal, "__dict__")
    assert [f.name for f in dataclasses.fields(ConductSignal)] == [
        "kind",
        "subkind",
        "start",
        "end",
        "score",
        "cues",
    ]


@pytest.mark.parametrize("kind", DETECTORS)
def test_empty_text_gives_nothing(kind: str) -> None:
    detector, _ = DETECTORS[kind]
    assert detector("") == ()


def check_signals(kind: str, text: str) -> None:
    detector, _ = DETECTORS[kind]
    signals = detector(text)
    assert isinstance(signals, tuple)
    assert [s.start for s in signals] == sorted(s.start for s in signals)
    for signal in signals:
        assert signal.kind == kind
        assert 0 <= signal.start < signal.end <= len(text)
        assert 0.0 <= signal.score <= 1.0
        assert signal.cues
        assert set(signal.cues) <= CURATED[kind], signal.cues


texts = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=30).map(
        " ".join
    ),
    st.lists(st.sampled_from(FRAGMENTS), max_size=20).map("".join),
)


@pytest.mark.parametrize("kind", DETECTORS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_any_text_gives_in_bounds_sorted_curated_signals(kind: str, text: str) -> None:
    check_signals(kind, text)


def test_cues_never_carry_message_text() -> None:
    text = "You absolute Xyzzyqwerty idiot, forward this to 10 people, bad luck!!!"
    for kind in DETECTORS:
        check_signals(kind, text)
        for signal in DETECTORS[kind][0](text):
            assert not any("Xyzzyqwerty" in cue for cue in signal.cues)


LARGE = [
    ("ordinary mail", ("Dear colleague, please find the assessment attached. " * 20000)),
    ("capitals", "A " * 500_000),
    ("capital words", "PLEASE NOTE " * 90_000),
    ("exclamation marks", "!" * 1_000_000),
    ("shouted lines", "WHY HAVE YOU NOT DONE IT!!! " * 37_000),
    ("cue words without their ends", "you forward this to " * 50_000),
    ("line breaks and quotes", "you\n> \n> " * 100_000),
    ("cues everywhere", "bad luck, 50% off, you idiot. " * 33_000),
]


@pytest.mark.parametrize(("name", "text"), LARGE, ids=[name for name, _ in LARGE])
def test_a_megabyte_takes_linear_time(name: str, text: str) -> None:
    started = time.perf_counter()
    for detector, _ in DETECTORS.values():
        detector(text)
    assert time.perf_counter() - started < 20, name
