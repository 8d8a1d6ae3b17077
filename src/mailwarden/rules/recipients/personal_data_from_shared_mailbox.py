"""Personal data about third parties sent from a shared (generic or team) mailbox.

What it flags:
    A message carrying third-party personal data (an identifier, contact details, a
    special category, or a name together with any of those; the sender's signature and
    the recipients' own names and addresses do not count) whose ``From:`` address, or the
    authenticated sender, is one of the pack's `shared_mailboxes`.

Clauses:
    TWC-A2 ("Ensure that a generic/team email account is only used in appropriate
    circumstances such as information which is relevant to each team member and not using
    the account to send confidential information which should only be shared with certain
    team members"): warn.

Why:
    Everyone with access to a team account sees what it sends, in its Sent Items, and
    every reply that comes back to it. Personal data sent from it is shared with the whole
    team, including people who have no need to know.

Fires:
    ``From: Housing Options <housing.options@telford.gov.uk>`` sending a tenant's name,
    date of birth and National Insurance number to a colleague.

Passes:
    The same team account sending a general notice with no personal data; the same case
    details sent from the officer's own account.

Options:
    None.

Known gaps:
    The rule cannot tell which team members may see the data: any third-party personal
    data from a shared mailbox is flagged, even when the whole team works on the case. A
    shared mailbox not listed in `shared_mailboxes` is not known.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from .._common import describe_types, evidence_of
from ..base import Rule, RuleInput

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    shared = frozenset(inputs.pack.shared_mailboxes)
    if not shared:
        return
    addresses = {a.addr_spec.lower() for a in inputs.message.from_[:1]}
    if inputs.facts.sender_authenticated:
        addresses.add(inputs.context.sender.strip().lower())
    if not addresses & shared:
        return
    found = inputs.facts.personal_data()
    if not found:
        return
    yield Hit(
        message=f"This message carries {describe_types(found)} of people it is about and is "
        "sent from a shared team mailbox: everyone with access to the team account sees it "
        "in Sent Items, and sees every reply to it.",
        fix="Send it from your own council account instead, so that only the people who need "
        "the information see it and the replies.",
        evidence=evidence_of(found),
    )


RULE = Rule(
    name="personal-data-from-shared-mailbox",
    summary="Third-party personal data sent from a shared team mailbox.",
    check=check,
)
