"""Personal data about third parties sent to more recipients than the policy's limit.

What it flags:
    A message carrying third-party personal data (an identifier, contact details, a
    special category, or a name together with any of those; the sender's signature and
    the recipients' own names and addresses do not count) addressed to more than
    ``max_recipients`` distinct recipients, counting To, Cc, Bcc and envelope-only
    recipients, colleagues included.

Clauses:
    TWC-A3 ("Limit the amount of recipients to only those that need the information"):
    warn, so that the sender trims the list or confirms that everyone needs it.

Why:
    Every extra recipient is one more copy of the data in one more mailbox, one more person
    who may forward it, and one more chance that the list holds someone who should not
    see it. A long recipient list on personal data is usually a list copied from an
    earlier message rather than chosen for this one.

Fires:
    A case update naming a resident with their date of birth and phone number, sent to a
    team of twelve.

Passes:
    The same update to the three people working on the case; a meeting notice without
    personal data to forty people.

Options:
    ``max_recipients``: the most recipients allowed before it fires (default 10).

Known gaps:
    A distribution list counts as one recipient however many people it reaches (its members
    are not known to the engine). Nothing judges whether each recipient needs the data; only
    the number is checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from .._common import describe_types, evidence_of
from ..base import Rule, RuleInput
from ._helpers import distinct

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    limit = inputs.options["max_recipients"]
    count = len(distinct(inputs.facts.recipients))
    if count <= limit:
        return
    found = inputs.facts.personal_data()
    if not found:
        return
    yield Hit(
        message=f"This message carries {describe_types(found)} of people it is about and goes "
        f"to {count} recipients (the limit set for personal data is {limit}).",
        fix=f"Send it only to the people who need this information (no more than {limit}), "
        "or take the personal details out; if everyone listed needs it, confirm and send.",
        evidence=evidence_of(found),
    )


RULE = Rule(
    name="personal-data-to-many-recipients",
    summary="Third-party personal data sent to more recipients than the set limit.",
    check=check,
    options={"max_recipients": {"type": "integer", "minimum": 1}},
    defaults={"max_recipients": 10},
)
