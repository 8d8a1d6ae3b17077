"""Personal data about a third party going to an external address without encryption.

What it flags:
    A message carrying third-party personal data (an identifier, contact details, a
    special category, or a name together with any of those) addressed to someone outside
    the organisation whose domain is neither a forced-encryption suffix nor a partner
    with enforced TLS (`secure_domains`), and not already tagged for the pack's
    encryption route. The sender's own signature and the recipients' own names and
    addresses do not count.

Clauses:
    NCC-E6 (Norfolk: encrypt unless the data subject consented); TWC-A1, TWC-U8 and
    TWC-S1 (Telford: TLS or the Secure Communication System); CCC-2.1a (Cambridge:
    confidential or sensitive personal data only, replies to a member of the public's own
    email exempt unless sensitive).

Why:
    Mail to an external address crosses the internet and may be read in transit or land
    in the wrong hands. The packs route such mail through encryption (`encrypt`); a pack
    with no route cannot deliver it safely, so the engine blocks it.

Fires:
    A referral naming a resident with their NHS number and date of birth, sent from
    norfolk.gov.uk to ``intake@care-provider.example``.

Passes:
    The same referral to ``referrals@nhs.net`` (forced encryption), with ``[CONSENT]`` in
    the subject under Norfolk, or with ``[encrypt]`` in the subject (already routed); a
    supplier email whose only personal data is the sender's own signature.

Options:
    ``types``: the entity types that count (Cambridge: sensitive categories and
    confidential identifiers). ``consent_exemption``: honour the pack's
    `consent_markers` (default true). ``public_reply_exemption``: a reply whose external
    recipients are all members of the public (webmail addresses) is exempt unless it
    holds special-category data (default false; Cambridge true).

Known gaps:
    Consent is recognised only from a marker the sender writes; a reply is recognised
    from `In-Reply-To`/`References` or a ``Re:`` subject, without checking who started the
    thread. Whether a partner domain really enforces TLS is deployment data
    (`secure_domains`), not tested live.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...detectors.entity import SENSITIVE_TYPES
from ...policy.findings import Hit
from .._common import TYPES_OPTION, describe_types, evidence_of, type_names
from ..base import Rule, RuleInput
from ..facts import Located, Recipient, address_evidence
from ._external import already_routed, unprotected_recipients

__all__ = ["RULE"]

_REPLY = re.compile(r"^\s*(re|aw|sv)\s*:", re.IGNORECASE)


def _count(number: int) -> str:
    return "an address" if number == 1 else f"{number} addresses"


def _verb(number: int) -> str:
    return "is" if number == 1 else "are"


def _is_reply(inputs: RuleInput) -> bool:
    message = inputs.message
    return bool(message.in_reply_to or message.references or _REPLY.match(message.subject))


def _found(inputs: RuleInput) -> tuple[Located, ...]:
    types = type_names(inputs.options.get("types"))
    found = inputs.facts.personal_data()
    return found if types is None else tuple(e for e in found if e.type in types)


def _exempt(inputs: RuleInput, found: tuple[Located, ...], outside: tuple[Recipient, ...]) -> bool:
    if inputs.options["consent_exemption"] and inputs.facts.consent_given():
        return True
    if inputs.options["public_reply_exemption"] and _is_reply(inputs):
        public = all(r.webmail for r in outside)
        return public and not any(e.type in SENSITIVE_TYPES for e in found)
    return False


def check(inputs: RuleInput) -> Iterator[Hit]:
    outside = unprotected_recipients(inputs)
    if not outside or already_routed(inputs) or not inputs.facts.sender_internal:
        return
    found = _found(inputs)
    if not found or _exempt(inputs, found, outside):
        return
    route = inputs.pack.encryption_route
    how = f"through {route.name}" if route else "by a secure route"
    tag = f" (add {route.subject_tag} to the subject)" if route and route.subject_tag else ""
    yield Hit(
        message=f"This message contains {describe_types(found)} of a third party and goes to "
        f"{_count(len(outside))} outside the organisation that {_verb(len(outside))} not "
        "encrypted in transit.",
        fix=f"Send it {how}{tag}, remove the personal details, or send them to the "
        "recipient another secure way.",
        evidence=evidence_of(found) + tuple(address_evidence(r.address, r.where) for r in outside),
    )


RULE = Rule(
    name="personal-data-to-external-recipient",
    summary="Third-party personal data to an external address that is not encrypted in transit.",
    check=check,
    options={
        "types": TYPES_OPTION,
        "consent_exemption": {
            "type": "boolean",
            "description": "a consent marker (pack consent_markers) lifts the finding",
        },
        "public_reply_exemption": {
            "type": "boolean",
            "description": "replies to members of the public are exempt unless special-category",
        },
    },
    defaults={"consent_exemption": True, "public_reply_exemption": False},
)
