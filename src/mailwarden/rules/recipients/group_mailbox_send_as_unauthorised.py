"""Mail sent as a group mailbox by someone who is not on its list of authorised senders.

What it flags:
    A message whose ``From:`` is one of the pack's `group_mailboxes` when the person
    sending it is not among that mailbox's authorised senders. The person is the
    authenticated sender; without one, the ``Sender:`` header ("on behalf of", as Outlook
    writes it) if present, else the ``From:`` address itself, which names the mailbox and
    not a person. A judgement made without an authenticated sender is marked
    unauthenticated, and its message says the sender could not be verified.

Clauses:
    NCC-E12 ("You must always use County Council group email accounts appropriately and in
    accordance with authorisations ... you must ensure that you know how to do this and are
    authorised to do so"): block.

Why:
    Mail from a group mailbox speaks for a team or service. Someone who can send as it
    without authorisation can speak for the team, and can reach people and information the
    mailbox's owners never meant them to.

Fires:
    ``From: Adult Social Care Duty <asc.duty@norfolk.gov.uk>`` sent by the authenticated
    sender ``m.hale@norfolk.gov.uk``, who is not an authorised sender of ``asc.duty``; or the
    same From with no authenticated sender and no ``Sender:`` header.

Passes:
    The same message sent by an authorised sender (authenticated, or named in ``Sender:``
    when no authentication is available); a message from a personal council address.

Options:
    None.

Known gaps:
    Without authentication the ``Sender:`` header is taken at its word: a forged one naming
    an authorised sender passes (the finding would be unauthenticated anyway). A login to
    the group mailbox itself (its own credentials) is accepted, as nothing shows who used
    it. Mailboxes not listed in `group_mailboxes` are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from ..base import Rule, RuleInput
from ..facts import address_evidence

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    message = inputs.message
    if not message.from_:
        return
    mailbox = message.from_[0]
    address = mailbox.addr_spec.lower()
    authorised = inputs.pack.group_mailboxes.get(address)
    if authorised is None:
        return
    evidence = [address_evidence(mailbox, "header:from")]
    if inputs.facts.sender_authenticated:
        who = inputs.context.sender.strip().lower()
        if who == address or who in authorised:
            return
        message_text = (
            "This message is sent as a group mailbox, and you are not one of its "
            "authorised senders."
        )
        unauthenticated = False
    elif message.sender is not None and message.sender.addr_spec.lower() != address:
        if message.sender.addr_spec.lower() in authorised:
            return
        evidence.append(address_evidence(message.sender, "header:sender"))
        message_text = (
            "This message is sent as a group mailbox on behalf of someone who is not one of "
            "its authorised senders. The sender could not be verified (no authenticated "
            "login), so this was judged on the Sender: header."
        )
        unauthenticated = True
    else:
        if address in authorised:
            return
        message_text = (
            "This message is sent as a group mailbox and the sender could not be verified: "
            "there is no authenticated login and no Sender: header naming the person, so it "
            "cannot be shown that they are one of the mailbox's authorised senders."
        )
        unauthenticated = True
    yield Hit(
        message=message_text,
        fix="Send it from your own council account, or ask the mailbox's owner to authorise "
        "you to send from it; send as the mailbox only through your own authenticated login.",
        evidence=tuple(evidence),
        unauthenticated=unauthenticated,
    )


RULE = Rule(
    name="group-mailbox-send-as-unauthorised",
    summary="Mail sent as a group mailbox by someone not authorised to send from it.",
    check=check,
)
