"""Which recipients are outside the protection the pack already gives.

Internal domains first; then forced-encryption suffixes and `secure_domains` (partners with
enforced TLS), which are already protected in transit. A message the sender has already
tagged for the pack's encryption route (its subject tag or header) is protected too.
"""

from __future__ import annotations

from ...policy.pack import DomainClass
from ..base import RuleInput
from ..facts import Recipient

__all__ = ["already_routed", "unprotected_recipients"]


def unprotected_recipients(inputs: RuleInput) -> tuple[Recipient, ...]:
    """External recipients whose mail is not encrypted in transit by the organisation."""
    return tuple(r for r in inputs.facts.recipients if r.domain_class == DomainClass.EXTERNAL)


def already_routed(inputs: RuleInput) -> bool:
    """True when the sender has tagged the message for the pack's encryption route."""
    route = inputs.pack.encryption_route
    if route is None:
        return False
    if route.subject_tag and route.subject_tag.lower() in inputs.message.subject.lower():
        return True
    if route.header:
        value = inputs.message.header(route.header)
        if value is not None and (not route.value or value.strip().lower() == route.value.lower()):
            return True
    return False
