"""A whole-council email without the stated permission of the Chief Executive or a Director.

What it flags:
    A message to one of the pack's `all_staff_addresses` whose new text (above any quoted
    history and the signature) does not state that the Chief Executive or a Director gave
    permission: a sentence that holds both a permission word (permission, approval,
    approved, authorised, authorisation, agreement, sanctioned, signed off) and the role
    (Chief Executive, Director, CEO), in either order. When `all_staff_authorisers` is not
    empty, the sender must also be on it; the sender is the authenticated one, else
    ``From:``, and a judgement on ``From:`` is marked unauthenticated.

Clauses:
    CCC-2.2i ("If you need to send an urgent email to the whole council you should get the
    permission of the Chief Executive or a Director, and indicate this in the body of the
    email"): block.

Why:
    A message to every member of staff interrupts everyone; routine news belongs in the
    staff channels. The guide reserves whole-council mail for urgent matters a senior
    officer has agreed to, and asks for that agreement to be visible in the message.

Fires:
    A message to ``allstaff@cambridge.gov.uk`` about a charity bake sale with no statement;
    or one saying "Approved by the Director of Place" sent by someone not in
    `all_staff_authorisers` when that list is set.

Passes:
    "This message is sent with the permission of the Chief Executive." above the text;
    "Authorised by: Jane Doe, Strategic Director"; a message to an ordinary team list.

Options:
    ``statement_patterns``: regular expressions (case-insensitive) that replace the built-in
    recognition of an authorisation statement; a match anywhere in the new text counts.

Known gaps:
    The statement is taken at its word: it is not checked with the Chief Executive or the
    Director, and a negated sentence ("this has not been approved by a Director") is read
    as a statement. A statement naming only a person, without the role ("authorised by Jane
    Doe"), is not recognised. An all-staff list not in `all_staff_addresses` is not known.
    A `statement_patterns` entry that is not a valid regular expression recognises nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...policy.findings import Hit
from ..base import Rule, RuleInput
from ..facts import Recipient, address_evidence
from ._helpers import distinct, sender_identity

__all__ = ["RULE"]

_PERMISSION = (
    r"(?:permission|approv(?:al|ed|es)|authori[sz](?:ation|ed|es)|agreement|sanction(?:ed)?"
    r"|signed[\s-]+off|consent(?:ed)?)"
)
_ROLE = r"(?:chief\s+executive|directors?|ceo)"
_SENTENCE = r"[^.!?\n]{0,150}?"
_STATEMENTS = (
    rf"\b{_PERMISSION}\b{_SENTENCE}\b{_ROLE}\b",
    rf"\b{_ROLE}\b{_SENTENCE}\b{_PERMISSION}\b",
)


def _patterns(inputs: RuleInput) -> list[re.Pattern[str]]:
    found: list[re.Pattern[str]] = []
    for pattern in inputs.options.get("statement_patterns") or _STATEMENTS:
        try:
            found.append(re.compile(pattern, re.IGNORECASE))
        except re.error:
            continue  # an unreadable pattern recognises nothing: the message is held
    return found


def _all_staff(inputs: RuleInput) -> tuple[Recipient, ...]:
    wanted = frozenset(inputs.pack.all_staff_addresses)
    return distinct(r for r in inputs.facts.recipients if r.addr in wanted)


def check(inputs: RuleInput) -> Iterator[Hit]:
    lists = _all_staff(inputs)
    if not lists:
        return
    evidence = tuple(address_evidence(r.address, r.where) for r in lists)
    text = inputs.message.body.new_text
    if not any(p.search(text) for p in _patterns(inputs)):
        yield Hit(
            message="This message goes to the whole council but does not say that the Chief "
            "Executive or a Director gave permission for it.",
            fix="Get the permission of the Chief Executive or a Director and say so at the top "
            'of the message (for example, "Sent with the permission of the Chief '
            'Executive"); routine news belongs in the staff newsletter or intranet instead.',
            evidence=evidence,
        )
        return
    authorisers = frozenset(inputs.pack.all_staff_authorisers)
    identity = sender_identity(inputs)
    if not authorisers or (identity is not None and identity.address in authorisers):
        return
    message = (
        "This message goes to the whole council from a sender who is not on the list of "
        "people authorised to send whole-council email."
    )
    if identity is None or not identity.authenticated:
        message += " The sender was not authenticated, so this was judged on the From: address."
    yield Hit(
        message=message,
        fix="Ask the Chief Executive's or a Director's office to send it, or to have you added "
        "to the authorised senders.",
        evidence=evidence,
        unauthenticated=identity is None or not identity.authenticated,
    )


RULE = Rule(
    name="all-staff-without-authorisation",
    summary="Whole-council email without a stated Chief Executive's or Director's permission.",
    check=check,
    options={
        "statement_patterns": {
            "type": "array",
            "items": {"type": "string", "format": "regex"},
            "description": "regular expressions recognising an authorisation statement",
        }
    },
)
