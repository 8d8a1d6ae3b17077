"""A member of the public's personal address in To or Cc, where other outsiders can see it.

What it flags:
    An external personal email address (at one of the pack's `webmail_domains`, or one of
    the staff's known personal addresses in `personal_addresses`) written in To or Cc of a
    message that also goes to another external address. Every recipient sees the To and
    Cc lines, Bcc recipients included, so each other outsider learns the address.
    Colleagues on the organisation's own domains are entitled to see it and do not count.

Clauses:
    NCC-E4 ("You must not make personal email addresses for people external to NCC visible
    to other recipients"; "Use the BCC field"): block. TWC-A3 ("limit recipients to those
    who need it"): warn, as a needless disclosure, with a fix that does not push Bcc, since
    Telford's TWC-A9 allows Bcc only by exception.

Why:
    An email address is personal data, and a personal address identifies a member of the
    public. Showing it to the other people on a mailing, another resident or a contractor,
    discloses it without a reason; failure to use Bcc is one of the breaches the ICO sees
    most often from local government.

Fires:
    ``To: Ruth Pemberton <ruth.p1962@gmail.com>, Dev Anand <dev.anand@hotmail.co.uk>``
    (two residents see each other's addresses), or a resident's Gmail address in To with a
    contractor at ``contractor.example`` in Cc.

Passes:
    One resident in To and colleagues on the council's domain in Cc; several residents all
    in Bcc; partner organisations' business addresses in To and Cc with no personal address.

Options:
    ``suggest_bcc``: whether the fix suggests Bcc (default true). Telford sets it false and
    the fix suggests separate messages instead.

Known gaps:
    A personal address at a domain that is not a webmail provider (a family's own domain)
    and not listed in `personal_addresses` is not recognised as personal. An external
    business address is always treated as a viewer, even when it belongs to the same
    person as the personal one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from ..base import Rule, RuleInput
from ..facts import Recipient
from ._helpers import count_words, distinct, known_personal_addresses, recipient_evidence

__all__ = ["RULE"]


def _personal(recipient: Recipient, known: frozenset[str]) -> bool:
    return recipient.external and (recipient.webmail or recipient.addr in known)


def check(inputs: RuleInput) -> Iterator[Hit]:
    known = known_personal_addresses(inputs.pack)
    everyone = distinct(inputs.facts.recipients)
    outsiders = [r for r in everyone if r.external]
    exposed = [
        r
        for r in everyone
        if r.field in ("to", "cc")
        and _personal(r, known)
        and any(o.addr != r.addr for o in outsiders)
    ]
    if not exposed:
        return
    if len(exposed) == 1:
        others = len(outsiders) - 1
        message = (
            "A personal email address of someone outside the council is in To or Cc, where "
            f"{count_words(others, 'other external recipient')} can see it."
        )
    else:
        message = (
            f"{len(exposed)} personal email addresses of people outside the council are in To "
            "or Cc, where the other external recipients can see them."
        )
    which = "address" if len(exposed) == 1 else "addresses"
    if inputs.options["suggest_bcc"]:
        fix = (
            f"Move the personal {which} to Bcc (or send each person their own message), so "
            "that no one outside the council sees another person's address."
        )
    else:
        fix = (
            "Send each member of the public their own message, or remove the recipients who "
            "do not need it, so that no one outside the council sees another person's address."
        )
    yield Hit(message=message, fix=fix, evidence=recipient_evidence(exposed))


RULE = Rule(
    name="external-personal-addresses-visible",
    summary="An external personal address in To/Cc that other external recipients can see.",
    check=check,
    options={"suggest_bcc": {"type": "boolean"}},
    defaults={"suggest_bcc": True},
)
