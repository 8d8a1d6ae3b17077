"""The cue notation and loader (`_cues.py`): what a written cue matches, what it does not,
and the lists refused at load."""

from __future__ import annotations

import pytest

from mailwarden.detectors.conduct._cues import (
    Cue,
    compile_cues,
    in_quotes,
    load,
    sentence_after,
    sentence_before,
)

FILES = ["tone", "chain_letter", "virus_hoax", "contract", "solicitation", "marketing"]


def matches(term: str, text: str) -> list[str]:
    cues = compile_cues([Cue(term, "group", "strong")])
    return [text[hit.start : hit.end] for hit in cues.find(text)]


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("don't break the chain", "Don’t break the chain", ["Don’t break the chain"]),
        ("don't break the chain", "DONT BREAK THE CHAIN", ["DONT BREAK THE CHAIN"]),
        ("don't break the chain", "don't\n> > break the\tchain", ["don't\n> > break the\tchain"]),
        ("e-mail", "email e mail e-mail", ["email", "e mail", "e-mail"]),
        ("(we|i) accept", "I accept; we accept", ["I accept", "we accept"]),
        ("you('ll| will) pay", "you will pay", ["you will pay"]),
        ("fuck(ing)?", "fucking fuck", ["fucking", "fuck"]),
        (
            "forward to <n> people",
            "forward to 10 people, forward to ten people",
            ["forward to 10 people", "forward to ten people"],
        ),
        ("<n>% off", "50% off, a50% off", ["50% off"]),
        ("<money> ono", "£1,500 ono, £20.50 ono", ["£1,500 ono", "£20.50 ono"]),
        ("f**k", "f**k", ["f**k"]),
        ("cunt", "Scunthorpe", []),
        ("arse", "arsenal, Arse", ["Arse"]),
        ("idiot", "idiot-proof idiots idiot", ["idiot"]),
        ("terms( and conditions)?", "terms and conditions", ["terms and conditions"]),
        ("(terms|terms and conditions)", "terms and conditions", ["terms and conditions"]),
    ],
)
def test_notation(term: str, text: str, found: list[str]) -> None:
    assert matches(term, text) == found


def test_a_not_phrase_wins_over_its_cue() -> None:
    cues = compile_cues([Cue("stupid", "insult", "weak"), Cue("stupid question", "insult", "not")])
    assert [h.cue.strength for h in cues.find("a stupid question, stupid")] == ["not", "weak"]


@pytest.mark.parametrize("name", FILES)
def test_every_list_loads_and_has_no_repeats(name: str) -> None:
    cues = load(name).cues.cues
    assert cues
    terms = [c.term for c in cues]
    assert len(terms) == len(set(terms))


@pytest.mark.parametrize(
    "term",
    ["Capital", "(a|b", "a  b", " lead", "<nope> x", "x? y", "a\\b", "{set}"],
)
def test_malformed_cues_are_refused(term: str) -> None:
    from mailwarden.detectors.conduct._cues import _check

    with pytest.raises(ValueError, match=r"cue|token|only after|unbalanced|missing"):
        _check(term, "test")


def test_sentence_windows_stop_at_sentence_ends() -> None:
    text = "He said hello. You idiot! Next one."
    at = text.index("idiot")
    assert sentence_before(text, at) == " You "
    assert sentence_after(text, at + 5) == "!"


def test_quotes() -> None:
    text = 'He wrote "we accept your quote" and \u201cthis\u201d then plain'
    assert in_quotes(text, text.index("we accept"))
    assert not in_quotes(text, text.index("plain"))
    assert in_quotes("\u201cyou idiot", 1)
    assert not in_quotes('x "a" \nyou idiot', 8)
