"""Chain letters: a pass-it-on instruction with a promise, a curse or a deadline acts; a
single everyday phrase ("good luck", "within 24 hours") does not."""

from __future__ import annotations

import pytest

from mailwarden.detectors.conduct import chain_letter
from mailwarden.detectors.scoring import ACT

from .helpers import assert_fires, assert_not_acted_on


@pytest.mark.parametrize(
    "text",
    [
        "Forward this to 10 people within 24 hours or you will have bad luck!",
        "Don't break the chain! It has been round the world nine times.",
        "Send this to everyone you know. True story.",
        "Pass this on to seven friends and something amazing will happen tomorrow.",
        "If you don't forward this, 7 years of bad luck will follow you.",
        "This really works!! Send it to 5 people and make a wish before you open the next email.",
        "Please forward this message to ten colleagues within 1 hour. Do not ignore this.",
        "Keep it going! Forward it to all your friends. Amen.",
        "FW: FW: FW: Angel of luck\n\nDo not break the chain. Good luck will come to you.",
        "Read to the end... send it back to me and see how many people you reach. "
        "Bad luck will follow if you break the chain.",
        "Forward this on to everyone you know - it's not a joke!",
    ],
)
def test_chain_letters_are_acted_on(text: str) -> None:
    assert_fires(chain_letter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Please reply within 24 hours so that we can confirm the placement.",
        "Good luck with the interview tomorrow!",
        "Bad luck about the bid; we'll try again next round.",
        "Could you pass this on to the duty team, please?",
        "Please forward this to the 3 people in your team who approve invoices.",
        "Please do not forward this to everyone you know; it is for the panel only.",
        "The Information Management Team must be told in writing within 24 hours.",
        "Staff must not send chain letters or jokes by email (CCC guide, section 2.1).",
        "Supply chain update: the contractor's chain of custody forms are attached.",
        "Minutes of the Keep Norfolk Tidy meeting: the chain of events is in appendix B.",
        "Pass it on: the car park at County Hall is closed on Friday.",
        "Amen to that - the new rota is much better.",
        "Pass it on to your team: the survey closes within 24 hours. Good luck!",
        "Great progress on the bid - keep it going, and good luck with the inspection!",
        "Let's see how many people sign up within 24 hours. Good luck!",
    ],
)
def test_ordinary_mail_is_not_acted_on(text: str) -> None:
    assert_not_acted_on(chain_letter, text)


def test_one_signal_spans_the_cluster_and_lists_its_cues() -> None:
    text = "Hi all\n\nForward this to 10 people within 24 hours or you will have bad luck!\n"
    (signal,) = chain_letter(text)
    assert text[signal.start : signal.end] == (
        "Forward this to 10 people within 24 hours or you will have bad luck"
    )
    assert signal.kind == "chain_letter"
    assert signal.subkind == ""
    assert len(signal.cues) == 3
    assert "bad luck" in signal.cues


def test_a_lone_weak_cue_is_low() -> None:
    (signal,) = chain_letter("Good luck!")
    assert signal.score == 0.3


def test_far_apart_cues_are_separate_stretches() -> None:
    text = "Good luck!" + " Lorem ipsum." * 200 + " Reply within 24 hours."
    signals = chain_letter(text)
    assert len(signals) == 2
    assert all(s.score < ACT for s in signals)
