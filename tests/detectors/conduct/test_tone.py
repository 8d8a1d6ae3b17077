"""Intemperate language: profanity, insults, threats, harassment, slurs and shouting act;
firm council prose, recorded abuse and policy text about abuse do not."""

from __future__ import annotations

import pytest

from mailwarden.detectors.conduct import intemperate_language
from mailwarden.detectors.scoring import ACT

from .helpers import assert_fires, assert_not_acted_on


@pytest.mark.parametrize(
    ("text", "span", "subkind"),
    [
        ("Just fucking sort it out before Friday.", "fucking", "profanity"),
        ("This rota is total bullshit.", "bullshit", "profanity"),
        ("Tell him to piss off, I'm not doing his caseload.", "piss off", "profanity"),
        ("Honestly, what a bunch of wankers in finance.", "wankers", "profanity"),
        ("You idiot, you sent it to the wrong family again.", "idiot", "insult"),
        ("You are completely useless and should not be in this job.", "useless", "insult"),
        ("He is an absolute moron and I won't work with him.", "moron", "insult"),
        ("Shut up and do what you're told.", "Shut up", "insult"),
        ("You’re a liar and everyone in the team knows it.", "liar", "insult"),
        ("I know where you live, so think carefully.", "I know where you live", "threat"),
        ("Do that again and you'll regret it.", "you'll regret it", "threat"),
        ("I’ll make your life hell if you report this.", "I’ll make your life hell", "threat"),
        ("Watch your back at the depot.", "Watch your back", "threat"),
        ("Send me a photo of yourself tonight x", "Send me a photo of yourself", "harassment"),
        (
            "I will keep emailing you until you agree to a drink.",
            "I will keep emailing you until",
            "harassment",
        ),
        (
            "If they don't like it they can go back to where you came from.",
            "go back to where you came from",
            "discriminatory",
        ),
        ("Stop acting like a retard in meetings.", "retard", "discriminatory"),
        (
            "WHY HAVE YOU STILL NOT SENT THE FIGURES!!!",
            "WHY HAVE YOU STILL NOT SENT THE FIGURES!!!",
            "shouting",
        ),
        (
            "I AM SICK AND TIRED OF CHASING THIS!!",
            "I AM SICK AND TIRED OF CHASING THIS!!",
            "shouting",
        ),
        ("Everyone can see how incompetent you are.", "incompetent", "insult"),
        ("Honestly, you're a disgrace to the service.", "you're a disgrace", "insult"),
        (
            "A school leaver could do this rota better than you.",
            "A school leaver could do",
            "insult",
        ),
        (
            "Maybe ask yourself whether you belong here at all.",
            "whether you belong here",
            "harassment",
        ),
        ("Are you people completely incompetent?", "incompetent", "insult"),
        ("Stop wasting my bloody time.", "Stop wasting my bloody time", "insult"),
    ],
)
def test_intemperate_language_is_acted_on(text: str, span: str, subkind: str) -> None:
    assert_fires(intemperate_language, text, span, subkind)


@pytest.mark.parametrize(
    "text",
    [
        "I am disappointed that the deadline was missed, and I expect the report by Monday.",
        "This is the third time I have had to ask. Please treat this as a priority.",
        "The assessment for the Scunthorpe placement is attached.",
        "Meeting with Sussex and Essex colleagues on Tuesday at County Hall.",
        "Please read our anti-harassment policy and report bullying to HR.",
        "Staff must not use email to bully, harass, discriminate against or victimise others.",
        "The damn at Thetford is not ours; the Environment Agency manages it.",
        "Sorry if this is a stupid question, but where do I file the form?",
        "I felt like an idiot when I realised the attachment was missing.",
        "He called the officer a wanker and said he knew where she lived.",
        'The tenant shouted "you fucking idiot" at the housing officer.',
        "The resident alleged that the neighbour told her to go back to her own country.",
        "Please use the idiot-proof guide to the new finance system.",
        "CONFIDENTIAL: THIS EMAIL AND ANY ATTACHMENTS ARE INTENDED FOR THE RECIPIENT ONLY.",
        "NORFOLK COUNTY COUNCIL ADULT SOCIAL SERVICES, COUNTY HALL, MARTINEAU LANE",
        "Agenda item 4: NHS CQC ICO DWP HMRC returns.",
        "The old printer on the second floor is useless, so please use the one by the lift.",
        "Please ensure all timesheets are in by Friday. Thank you!",
        "Great news: the grant bid was successful!!!",
        "A bloody nose was recorded in the incident log at 14:10.",
        "We will take legal action if the debt is not paid within 14 days.",
        "Cllr Smith asked for a summary of the complaints about the bin collections.",
        "I will find you a room on the second floor for the interview.",
        "The hall will be shut up for the winter; keys are at reception.",
        "We shut up shop at 4pm on Christmas Eve.",
        "Watch your back when lifting: manual handling training on Tuesday.",
        "Flame-retarded foam is required in all council furniture.",
        "Sambo classes start at the leisure centre in May.",
        "We want every new starter to feel that you belong here.",
        "I'm fed up of this weather, roll on summer.",
        "Beware of cowboy builders offering to clear gutters door to door.",
    ],
)
def test_council_prose_is_not_acted_on(text: str) -> None:
    assert_not_acted_on(intemperate_language, text)


def test_span_indices_are_the_cue_in_the_text() -> None:
    text = "Morning all,\n\nThat was a shit presentation, you clowns.\n"
    signals = intemperate_language(text)
    assert [(s.subkind, text[s.start : s.end]) for s in signals] == [
        ("profanity", "shit"),
        ("insult", "clowns"),
    ]
    shit = signals[0]
    assert (shit.start, shit.end) == (text.index("shit"), text.index("shit") + 4)
    assert shit.cues == ("shit(s|ty|e)?",)


def test_curly_and_straight_apostrophes_and_wrapped_lines_match() -> None:
    for text in (
        "you’ll regret this",
        "you'll regret this",
        "youll regret this",
        "you'll\nregret this",
        "you'll\n> regret this",
    ):
        assert [s.subkind for s in intemperate_language(text)] == ["threat"], text


def test_a_weak_cue_alone_is_low_and_aimed_is_acted_on() -> None:
    (alone,) = intemperate_language("The handover was pathetic.")
    (aimed,) = intemperate_language("You are pathetic.")
    assert alone.score < ACT <= aimed.score


def test_a_neighbouring_cue_raises_a_weak_one() -> None:
    (alone,) = intemperate_language("What a crap day.")
    near = intemperate_language("What a crap day, bloody hell.")
    assert alone.score < min(s.score for s in near)


def test_capitals_without_anger_are_low() -> None:
    (run,) = intemperate_language("PLEASE ENSURE YOU SUBMIT YOUR TIMESHEETS BY FRIDAY")
    assert run.subkind == "shouting"
    assert run.score < ACT
    assert run.cues == ("capitals", "you in capitals")


def test_exclamation_marks_alone_are_low() -> None:
    (bangs,) = intemperate_language("Done!!!")
    assert (bangs.subkind, bangs.score, bangs.cues) == ("shouting", 0.3, ("!!!",))


def test_recorded_words_stay_below_the_threshold_even_when_strong_and_together() -> None:
    text = 'He said "you fucking paki, I know where you live" to the warden.'
    assert all(s.score < ACT for s in intemperate_language(text))
