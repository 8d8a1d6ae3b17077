"""Recipients in Bcc: people the other recipients cannot see, who can still reply to all.

What it flags:
    Any Bcc recipient: an address in the Bcc header, or an envelope recipient that no To,
    Cc or Bcc header names when the envelope came from the transport (the gateway sees
    blind copies only that way, after the client has removed the Bcc header).

Clauses:
    TWC-A9 ("Only use “bcc” (blind copy) in an email on an exception basis, after careful
    consideration - the message may be forwarded by the recipient as “reply all” to the
    “bcc”"): warn, so that the sender confirms the exception.

Why:
    A blind-copied recipient who presses "reply all" sends their answer to everyone in To
    and Cc, and so reveals that they were copied and what they wrote. Telford asks staff to
    use Bcc only after careful thought. (Norfolk takes the opposite view and asks for Bcc
    for personal addresses, NCC-E4, so its pack does not bind this rule.)

Fires:
    ``Bcc: keith.brereton@telford.gov.uk`` on a reply to a contractor, or a message whose
    envelope has a recipient its headers do not name.

Passes:
    A message whose recipients are all in To and Cc.

Options:
    ``external_only``: count only Bcc recipients outside the organisation (default false:
    the policy applies to every Bcc).

Known gaps:
    When the transport gives no envelope and the client has already removed the Bcc header,
    a blind copy cannot be seen. An envelope recipient added by the mail system itself (a
    journaling or archive address) is counted as a Bcc unless the gateway leaves it out of
    the envelope it passes in.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Hit
from ..base import Rule, RuleInput
from ._helpers import distinct, recipient_evidence

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    blind = distinct(r for r in inputs.facts.recipients if r.field in ("bcc", "envelope"))
    if inputs.options["external_only"]:
        blind = tuple(r for r in blind if r.external)
    if not blind:
        return
    yield Hit(
        message=("A recipient is" if len(blind) == 1 else f"{len(blind)} recipients are")
        + " in Bcc. A Bcc "
        "recipient who replies to all reveals to everyone that they were copied, and what "
        "they write goes to the whole list.",
        fix="Use Bcc only by exception: put the recipient in To or Cc, or send them a separate "
        "message. If Bcc is the right choice here, confirm it and send.",
        evidence=recipient_evidence(blind),
    )


RULE = Rule(
    name="bcc-used",
    summary="A recipient in Bcc (or only in the envelope), who may reply to all.",
    check=check,
    options={"external_only": {"type": "boolean"}},
    defaults={"external_only": False},
)
