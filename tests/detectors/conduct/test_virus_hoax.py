"""Virus-warning hoaxes: an alarm with an instruction to pass it on acts; a genuine ICT
notice, which warns but sends people to the Helpdesk, does not."""

from __future__ import annotations

import pytest

from mailwarden.detectors.conduct import virus_hoax

from .helpers import assert_fires, assert_not_acted_on

HOAX = (
    "URGENT!! There is a virus going around. Do not open any email titled 'Life is "
    "beautiful'. It will erase your hard drive. Microsoft has confirmed it is the worst "
    "virus ever. Forward this warning to all your contacts!"
)


@pytest.mark.parametrize(
    "text",
    [
        HOAX,
        "There's a new virus going round on Facebook. Tell all your friends!",
        "McAfee have confirmed there is no cure for it. Forward this to everyone.",
        "Do not open any email with the subject 'Postcard'. It wipes your hard disk. "
        "Warn your contacts.",
        "IBM has announced a virus that destroys the zero sector. Please pass this on.",
        "Don't open any attachment called 'Dancing Pig' - it deletes all your files. "
        "Send this to everyone in your address book.",
        "A dangerous virus called 'Black Muslim' is going round. Even if you just open it, "
        "it will destroy your computer. Forward this message to all your friends.",
        "CNN has confirmed: it will erase your hard drive. Tell your colleagues now.",
        "Norton have warned it corrupts the whole hard drive. Please share this warning.",
        "VIRUS WARNING - do not open any messages titled 'Invitation'. It will ruin your PC. "
        "Forward this warning to your family.",
        "Sophos has verified it. Pass this warning on to everyone in the building.",
        "URGENT: there's a new virus going round. Even if you only open it, it steals your "
        "passwords and deletes all your files. Microsoft says there is no fix yet.",
    ],
)
def test_hoaxes_are_acted_on(text: str) -> None:
    assert_fires(virus_hoax, text)


@pytest.mark.parametrize(
    "text",
    [
        "ICT have blocked a phishing campaign; report suspicious mail to the Helpdesk.",
        "There is a virus going around. Do not open any email titled 'Invoice 4471'. "
        "Report it to the Helpdesk. Please do not forward this to your contacts.",
        "Do not open any email titled 'Voicemail received'. If you have opened one, "
        "contact the service desk on extension 4000.",
        "Our security software usually removes dangerous items from incoming mail.",
        "If you suspect a virus in an email, contact the ICT service desk immediately.",
        "Send virus warnings to the Helpdesk, but not to other email users (CCC 2.2f).",
        "The flu virus going round the office: please stay home if you are unwell.",
        "Please forward the agenda to your colleagues in Highways.",
        "Tell your colleagues about the staff survey, it closes on Friday.",
        "Mcafee licence renewal: the quote is attached for approval.",
        "The hard drive in the old scanner will be wiped by ICT before disposal.",
        "Apple has confirmed the iPad delivery for Thursday.",
        "Microsoft says there is no fix yet for the calendar sync fault; ICT will update you.",
    ],
)
def test_warnings_and_ordinary_mail_are_not_acted_on(text: str) -> None:
    assert_not_acted_on(virus_hoax, text)


def test_the_hoax_is_one_signal_from_its_first_cue_to_its_last() -> None:
    (signal,) = virus_hoax(HOAX)
    first = HOAX.index("There is a virus")
    last = HOAX.index("Forward this warning to all your contacts") + len(
        "Forward this warning to all your contacts"
    )
    assert (signal.start, signal.end) == (first, last)
    assert signal.kind == "virus_hoax"
    assert len(signal.cues) == 6


def test_warnings_and_a_single_claim_without_a_pass_it_on_are_held_below_the_threshold() -> None:
    (signal,) = virus_hoax(
        "There is a virus going around. Do not open any email titled 'Your parcel'. "
        "It will erase your hard drive."
    )
    assert signal.score == 0.5


def test_a_hoax_sent_straight_to_colleagues_acts_on_its_claims() -> None:
    text = (
        "Hi team, my cousin says there's a nasty virus going round in an email called "
        "'Council Tax Refund'. It wipes your entire hard drive and Norton has confirmed it."
    )
    (signal,) = virus_hoax(text)
    assert signal.score >= 0.6
    assert text[signal.start : signal.end].startswith("there's a nasty virus going round")
