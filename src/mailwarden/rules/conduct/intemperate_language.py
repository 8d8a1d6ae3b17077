"""Angry, abusive, insulting or threatening language in what the sender wrote.

What it flags:
    Profanity, insults, threats, harassment and discriminatory abuse in the subject or the
    new text of the body, as the conduct tone detector scores them (from ``min_score``).
    Words are judged in context: "you idiot" acts, a complaint reporting that a caller used
    the word does not, and quoted history is never read.

Clauses:
    NCC-E10 ("Do not: Make personal remarks or jokes of any kind about anyone; Use angry,
    intemperate or rude language"); TWC-U4 (staff must not send messages "that are
    inappropriate, abusive and malicious"), with TWC-U10 (nothing "that could damage the
    reputation of the Council and/or its staff"); CCC-2.1b ("illegal, offensive, obscene, or
    abusive material"), with CCC-2.1d ("Using email to bully, harass, discriminate against or
    victimise others") and CCC-2.2b ("Use the same professional language when emailing to
    internal and external parties that you would use for any business correspondence").

Why:
    Mail is a permanent record that can be disclosed under the Freedom of Information Act
    or a subject access request, forwarded by anyone and quoted in the media. A warning
    before sending gives the writer a moment to reconsider; the sender may still send with
    a justification, since a detector cannot be sure of tone.

Fires:
    "Frankly your team is useless and I have had enough of chasing you."

Passes:
    "I'm disappointed that the repair has been delayed again; please let me know the new
    date by Friday." Also a reply quoting a resident's abusive mail below the officer's
    own calm text.

Options:
    ``min_score``: the detector score from which the rule acts (default 0.6).

Known gaps:
    Sarcasm, coldness and personal remarks without a cue word are not found; a "joke about
    anyone" (NCC-E10) is not recognised as such. English only.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...detectors.conduct import intemperate_language
from ...policy.findings import Hit
from ..base import Rule, RuleInput
from ._helpers import MIN_SCORE_OPTION, conduct_hit, new_text_places, signals

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    found = signals(inputs, intemperate_language, new_text_places(inputs.message))
    yield from conduct_hit(
        found,
        "What you wrote reads as angry, rude or abusive ({cues}); the policy asks for "
        "professional language in every email, inside the council and out.",
        "Reword it calmly: say what the problem is and what you need, without insults, "
        "swearing, personal remarks or threats. If you are annoyed, wait before sending.",
    )


RULE = Rule(
    name="intemperate-language",
    summary="Angry, abusive, insulting or threatening language in the sender's own text.",
    check=check,
    options={"min_score": MIN_SCORE_OPTION},
    defaults={"min_score": 0.6},
)
