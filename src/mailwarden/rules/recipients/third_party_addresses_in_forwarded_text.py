"""Other people's email addresses left in the quoted or forwarded history of outgoing mail.

What it flags:
    Email addresses of third parties inside the quoted replies or forwarded messages below
    the new text (or inside a message forwarded as an attachment), in a message going to at
    least one external recipient. The addresses of the sender and the current recipients,
    the organisation's own addresses and its published contacts do not count.

Clauses:
    NCC-E4 ("Do not forward emails without checking that personal email addresses are
    removed or redacted"): warn, so that the sender checks and redacts before sending.

Why:
    A forwarded thread carries the From, To and Cc lines of every earlier message, and
    often addresses quoted in the text. Sending it outside passes those people's addresses
    to someone they never wrote to.

Fires:
    A reply to a contractor that quotes a resident's earlier message, ``From: Ruth
    Pemberton <ruth.p1962@gmail.com>``, when the resident is not a recipient.

Passes:
    The same forward sent only to colleagues on the council's domain, or a reply whose
    quoted history holds only the addresses of the people it is sent to.

Options:
    ``personal_only``: count only personal addresses (at the pack's `webmail_domains`, or
    listed in `personal_addresses`) rather than every third-party address (default false:
    a named person's work address is personal data too).

Known gaps:
    History is recognised by the usual reply and forward markers; text pasted in without
    them counts as new text and is not checked here. A shared business address in the
    history (``enquiries@firm.example``) counts unless `personal_only` is set.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...detectors import EntityType
from ...message.model import SectionKind
from ...policy.findings import Hit
from .._common import evidence_of
from ..base import Rule, RuleInput
from ._helpers import known_personal_addresses

__all__ = ["RULE"]

_HISTORY = (str(SectionKind.QUOTED), str(SectionKind.FORWARDED))


def check(inputs: RuleInput) -> Iterator[Hit]:
    facts = inputs.facts
    if not facts.external_recipients:
        return
    found = facts.third_party(
        kinds=("body", "message"), types={EntityType.EMAIL_ADDRESS}, sections=_HISTORY
    )
    if inputs.options["personal_only"]:
        known = known_personal_addresses(inputs.pack)
        found = tuple(
            f
            for f in found
            if inputs.pack.webmail_domains.matches(f.value.rpartition("@")[2].lower())
            or f.value.strip().lower() in known
        )
    if not found:
        return
    count = len({f.value.strip().lower() for f in found})
    yield Hit(
        message=(
            f"The quoted or forwarded history holds {count} email addresses of people who "
            "are not recipients"
            if count > 1
            else "The quoted or forwarded history holds the email address of someone who is "
            "not a recipient"
        )
        + ", and the message goes outside the council.",
        fix="Remove or redact the other people's email addresses from the quoted history "
        "(including the From, To and Cc lines of earlier messages) before sending.",
        evidence=evidence_of(found),
    )


RULE = Rule(
    name="third-party-addresses-in-forwarded-text",
    summary="Third parties' email addresses in quoted or forwarded history sent outside.",
    check=check,
    options={"personal_only": {"type": "boolean"}},
    defaults={"personal_only": False},
)
