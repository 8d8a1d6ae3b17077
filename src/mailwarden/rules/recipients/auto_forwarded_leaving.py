"""Mail forwarded by a mailbox rule to an address outside the organisation (or to a list).

What it flags:
    A message that a mailbox rule forwarded or redirected rather than a person (the
    headers say so: ``Auto-Submitted: auto-forwarded``, Exchange's
    ``X-MS-Exchange-Inbox-Rules-Loop``, or ``Resent-*`` headers of a redirect) going to a
    recipient outside the organisation's own domains. With ``include_lists`` it also
    flags one going to a group mailbox (`group_mailboxes`) or a distribution list
    (`distribution_lists`). For a redirect, the recipients are those of the ``Resent-To``,
    ``Resent-Cc`` and ``Resent-Bcc`` headers (and any envelope-only recipient), not the
    original To and Cc.

Clauses:
    NCC-E14 ("You must only forward to another County Council email account and not to an
    external email address or a group mailbox or distribution list"): block, lists too.
    TWC-F1 ("The use of automatic forwarding rules where work emails are automatically
    forwarded to another non work (not @telford.gov.uk or @taw.org.uk) is disabled"): block.
    CCC-2.2h ("Automatic forwarding of email to external (i.e. non-council) accounts using
    rules is not permitted"): block, external only.

Why:
    A rule forwards everything, whatever it holds, without anyone reading it first: the
    senders expect their mail to stay within the council, and personal data ends up in an
    account the council cannot secure. Norfolk adds that a list or group mailbox spreads
    it to people who should not have it.

Fires:
    A message with ``X-MS-Exchange-Inbox-Rules-Loop: k.ellis@norfolk.gov.uk`` sent to
    ``kellis.home@gmail.com``; under Norfolk, one auto-forwarded to a distribution list.

Passes:
    An auto-forwarded message to a colleague's council address; a message forwarded by hand
    (no rule headers) to a partner.

Options:
    ``include_lists``: also flag auto-forwarding to the pack's group mailboxes and
    distribution lists (default false; Norfolk true).

Known gaps:
    A rule that forwards as a fresh message without any of these headers looks like a
    hand-made forward and is not caught here; the mailbox audit (forward rules) covers it.
    A list whose address is not in `distribution_lists` or `group_mailboxes` is not known to
    be a list.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...message.model import Address, Message
from ...policy.findings import Evidence, Hit
from .._common import listed
from ..base import Rule, RuleInput
from ..facts import address_evidence

__all__ = ["RULE"]


def _how(message: Message) -> str:
    auto = message.auto
    if auto.inbox_rules_loop:
        return "its X-MS-Exchange-Inbox-Rules-Loop header"
    if auto.auto_submitted.lower().startswith("auto-forwarded"):
        return "its Auto-Submitted: auto-forwarded header"
    return "its Resent- headers, which a redirect rule adds"


def _destinations(inputs: RuleInput) -> list[tuple[Address, str]]:
    """Where the forward goes: Resent-* recipients for a redirect, else the recipients."""
    message = inputs.message
    recipients = inputs.facts.recipients
    resent = [(address, "header:resent-to") for address in message.resent_to]
    if not resent:
        return [(r.address, r.where) for r in recipients]
    where_of = {r.addr: r.where for r in recipients}
    found = [(a, where_of.get(a.addr_spec.lower(), where)) for a, where in resent]
    found += [(r.address, r.where) for r in recipients if r.field == "envelope"]
    return found


def check(inputs: RuleInput) -> Iterator[Hit]:
    message, pack = inputs.message, inputs.pack
    if not message.auto.is_auto_forward:
        return
    lists = frozenset(pack.distribution_lists) | frozenset(pack.group_mailboxes)
    outside: list[Evidence] = []
    to_lists: list[Evidence] = []
    seen: set[str] = set()
    for address, where in _destinations(inputs):
        addr = address.addr_spec.lower()
        if addr in seen:
            continue
        seen.add(addr)
        if not pack.is_internal(address.domain):
            outside.append(address_evidence(address, where))
        elif inputs.options["include_lists"] and addr in lists:
            to_lists.append(address_evidence(address, where))
    if not outside and not to_lists:
        return
    places = []
    if outside:
        places.append(
            "an address outside the council"
            if len(outside) == 1
            else f"{len(outside)} addresses outside the council"
        )
    if to_lists:
        places.append("a group mailbox or distribution list")
    yield Hit(
        message=f"A mailbox rule forwarded this message automatically (as {_how(message)} "
        f"shows) to {listed(places)}. Automatic forwarding may only go to another council "
        "address" + (", never to a group mailbox or distribution list." if to_lists else "."),
        fix="Turn off the forwarding rule in your mailbox, or point it at a council address. "
        "Forward by hand only the messages the recipient needs to see.",
        evidence=tuple(outside + to_lists),
    )


RULE = Rule(
    name="auto-forwarded-leaving",
    summary="A message forwarded by a mailbox rule to an external address (or a list).",
    check=check,
    options={"include_lists": {"type": "boolean"}},
    defaults={"include_lists": False},
)
