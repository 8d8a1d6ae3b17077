"""Personal data in an SMS or a social-media post checked before it is sent.

What it flags:
    Any personal data (names included) in text for a channel that cannot protect it:
    a text message (SMS) or a public post, checked with `mailwarden check-text`.

Clauses:
    TWC-SMS (Telford: SMS is not secure; no personally identifiable data);
    CCC-4 (Cambridge: nothing confidential when representing the council online).

Why:
    An SMS is stored unencrypted on phones and networks; a post is public for good. The
    same detectors as mail find what should not be there.

Fires:
    "Hi Bronwen, your appointment about your housing benefit claim NI QQ..." as an SMS.

Passes:
    "Your appointment is confirmed for Tuesday at 10am. Reply STOP to opt out."

Options:
    ``channels``: which text channels the binding covers (``sms``, ``social``).

Known gaps:
    The record of business SMS that TWC-SMS also asks for is kept by the sending system,
    not by this check.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from .._common import describe_types, evidence_of
from ..base import Rule, RuleInput

__all__ = ["RULE"]

_NAMES = {"sms": "text message", "social": "social-media post"}


def check(inputs: RuleInput) -> Iterator[Hit]:
    channel = inputs.context.channel
    if channel not in inputs.options["channels"]:
        return
    found = inputs.facts.third_party()
    if not found:
        return
    yield Hit(
        message=f"This {_NAMES.get(channel, channel)} contains {describe_types(found)}; "
        "the channel is not secure.",
        fix="Take the personal details out, or use secure email or the phone instead.",
        evidence=evidence_of(found),
    )


RULE = Rule(
    name="personal-data-in-text-channel",
    summary="Personal data in an SMS or social-media post (check-text).",
    check=check,
    options={
        "channels": {
            "type": "array",
            "items": {"enum": ["sms", "social"]},
            "minItems": 1,
            "uniqueItems": True,
        }
    },
    defaults={"channels": ("sms", "social")},
    channels=frozenset({"sms", "social"}),
)
