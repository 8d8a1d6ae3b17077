"""A recipient at an email-to-print service: mail that ends up on a printer outside control.

What it flags:
    A recipient at one of the pack's `print_service_domains` (HP ePrint, Epson Connect
    Email Print, ...) that is not in `approved_print_services`, which may list whole
    addresses or domains.

Clauses:
    NCC-E5 ("You must not email any information to your own personal printer or an
    internet printing service unless fully approved by ICT/IM"): block.

Why:
    Mail to a print service travels over the internet to a third party's cloud and prints
    on a device the council does not manage, where others may pick it up; Norfolk adds that
    "anyone repairing or disposing of your home printer" may read it. Only council printers
    or the approved service (Interprint) are allowed.

Fires:
    ``To: x7k2mq4@hpeprint.com`` (a home printer's ePrint address).

Passes:
    A message to a colleague, or to a print address the pack lists in
    `approved_print_services`.

Options:
    None.

Known gaps:
    Print services are known only by their domains; a printer with its own mail server, or
    a service missing from `print_service_domains`, is not recognised. Nothing shows whether
    the printer is the sender's own or a shop's: both are barred alike.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.domains import DomainSet
from ...policy.findings import Hit
from ..base import Rule, RuleInput
from ._helpers import distinct, recipient_evidence

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    pack = inputs.pack
    approved = frozenset(a for a in pack.approved_print_services if "@" in a)
    approved_domains = DomainSet.of(a for a in pack.approved_print_services if "@" not in a)
    printers = distinct(
        r
        for r in inputs.facts.recipients
        if pack.print_service_domains.matches(r.address.domain)
        and r.addr not in approved
        and not approved_domains.matches(r.address.domain)
    )
    if not printers:
        return
    yield Hit(
        message=(
            "A recipient is an internet printing service address"
            if len(printers) == 1
            else f"{len(printers)} recipients are internet printing service addresses"
        )
        + ": the message would be printed outside the council, on a printer it does not "
        "manage.",
        fix="Remove the printer address and print on a council printer or through the "
        "council's approved printing service instead.",
        evidence=recipient_evidence(printers),
    )


RULE = Rule(
    name="print-service-recipient",
    summary="A recipient at an internet printing service the organisation has not approved.",
    check=check,
)
