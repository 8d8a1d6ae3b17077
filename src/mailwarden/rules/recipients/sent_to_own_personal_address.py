"""A council sender mailing their own personal address: council business leaving its systems.

What it flags:
    A message from a sender on the organisation's own domains to that sender's own
    personal address: one listed for them in the pack's `personal_addresses`, or an
    address at one of the `webmail_domains` whose name part spells the sender's name
    (surname with first name or initial, in either order, digits and separators ignored:
    ``j.smith@norfolk.gov.uk`` to ``jsmith1970@gmail.com`` or ``john.smith@outlook.com``).
    The sender is the authenticated one; without it, `From:` is used and the finding says
    so. With ``allow_own_information`` (Norfolk), a message that carries only the sender's
    own information passes: no attachment, no quoted or forwarded mail, and no personal
    data of anyone else in the subject or body.

Clauses:
    NCC-E1 ("You must not send emails with anything other than your own personal
    information to your personal email address"): block, unless only own information.
    TWC-U9 ("Forward Council emails to their own personal email address", under "Staff
    must not"): block, always.

Why:
    Once council mail sits in a personal account the council can no longer manage its
    security, access or retention, and the account is outside its breach controls. Mail to
    oneself is a common way for business documents to leave.

Fires:
    From ``Jamie Smith <j.smith@norfolk.gov.uk>`` to ``jsmith1970@gmail.com`` with a
    spreadsheet attached, or with a forwarded case email below.

Passes:
    The same sender to ``jsmith1970@gmail.com`` with only their own leave dates in the text
    (Norfolk; Telford still blocks it); a message to a resident called Jo Smithers; a
    message to ``jsmith1970@gmail.com`` whose To line names someone else (``Julie Smith``).

Options:
    ``allow_own_information``: let a message through when it carries only the sender's own
    information, as judged above (default false; Norfolk true). ``match_names``: also
    match webmail addresses by name, not only the pack's `personal_addresses` (default true).

Known gaps:
    The "own information only" test is conservative: any attachment, even the sender's
    own payslip, counts as business content (an exception is then a matter for NCC-X), and
    a message with no third-party data but business text (a project update) passes under
    Norfolk. A member of the public who shares the sender's initial and surname and writes
    from a webmail address with no display name is treated as the sender's own address. A
    personal address that spells a nickname, or at a non-webmail domain and not listed in
    `personal_addresses`, is not recognised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...message.model import Address
from ...policy.findings import Hit
from ..base import Rule, RuleInput
from ..facts import Recipient, address_evidence
from ._helpers import Identity, distinct, letters, sender_identity

__all__ = ["RULE"]

_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "cllr", "rev", "sir", "dame"})
_WORD = re.compile(r"[a-z]+")
_SEPARATORS = re.compile(r"[._\-+]+")


@dataclass(frozen=True, slots=True)
class _Name:
    surname: str
    firsts: frozenset[str]
    initials: frozenset[str]


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _TITLES]


def _sender_name(identity: Identity) -> _Name | None:
    """Surname and first name or initial, from the display name and the local part."""
    surname, firsts = "", set()
    display = identity.display_name
    if "," in display:  # "Smith, Jamie"
        before, _, after = display.partition(",")
        family, given = _words(before), _words(after)
        if family and given:
            surname, firsts = family[-1], {given[0]}
    elif len(words := _words(display)) >= 2:
        surname, firsts = words[-1], {words[0]}
    local = [letters(p) for p in _SEPARATORS.split(identity.local_part)]
    local = [p for p in local if p]
    if len(local) >= 2:
        surname = surname or local[-1]
        firsts.add(local[0])
    elif len(local) == 1 and surname and local[0].endswith(surname):
        firsts.add(local[0][: -len(surname)])  # "jsmith" with display name "Jamie Smith"
    firsts = {f for f in firsts if f}
    if len(surname) < 3 or not firsts:
        return None
    return _Name(
        surname,
        frozenset(f for f in firsts if len(f) > 1),
        frozenset(f[0] for f in firsts),
    )


def _spells(local: str, name: _Name) -> str:
    """'name' or 'initial' when the letters of `local` spell the sender's name, else ''."""
    text = letters(local)
    s = name.surname
    for first in name.firsts:
        if text in (first + s, s + first) or (
            len(text) == len(first + s) + 1 and text.startswith(first) and text.endswith(s)
        ):
            return "name"
    for initial in name.initials:  # no middle initial here: "josmith" may be Jo Smith
        if text in (initial + s, s + initial):
            return "initial"
    return ""


def _someone_else(address: Address, name: _Name) -> bool:
    """True when the recipient's display name names a person other than the sender."""
    words = _words(address.display_name)
    if not words:
        return False
    if name.surname not in words:
        return True
    given = [w for w in words if w != name.surname]
    return bool(name.firsts and given and len(given[0]) > 1 and given[0] not in name.firsts)


def _business_content(inputs: RuleInput) -> str:
    """What shows the message holds more than the sender's own information ('' if nothing)."""
    message = inputs.message
    if any(not a.inline for a in message.attachments):
        return "an attachment"
    if message.nested_messages() or message.body.history.strip():
        return "quoted or forwarded mail"
    if inputs.facts.third_party():
        return "other people's details"
    return ""


def _matches(inputs: RuleInput, identity: Identity) -> list[tuple[Recipient, str]]:
    listed = frozenset(inputs.pack.personal_addresses.get(identity.address, ()))
    name = _sender_name(identity) if inputs.options["match_names"] else None
    found: list[tuple[Recipient, str]] = []
    for recipient in distinct(inputs.facts.recipients):
        if recipient.addr in listed:
            found.append((recipient, "listed"))
        elif name is not None and recipient.webmail and not _someone_else(recipient.address, name):
            how = _spells(recipient.address.local_part, name)
            if how:
                found.append((recipient, how))
    return found


_WHY = {
    "listed": "the council's records list it as your personal address",
    "name": "it is a webmail address whose name part spells your first name and surname",
    "initial": "it is a webmail address whose name part spells your initial and surname",
}


def check(inputs: RuleInput) -> Iterator[Hit]:
    identity = sender_identity(inputs)
    if identity is None or not inputs.pack.is_internal(identity.domain):
        return
    found = _matches(inputs, identity)
    if not found:
        return
    own_only = inputs.options["allow_own_information"]
    content = _business_content(inputs) if own_only else ""
    if own_only and not content:
        return
    reasons = []
    for _, how in found:
        if _WHY[how] not in reasons:
            reasons.append(_WHY[how])
    message = (
        "This message goes to what looks like your own personal email address ("
        + "; ".join(reasons)
        + ")."
    )
    if own_only:
        message += f" It carries more than your own personal information: {content}."
    if not identity.authenticated:
        message += " The sender was not authenticated, so this was judged on the From: address."
    if own_only:
        fix = (
            "Remove your personal address: council business must stay in your council "
            "account, and only your own personal information may go to your personal "
            "address. If the address is not yours, agree an exception with your manager and "
            "tell the Information Management Team."
        )
    else:
        fix = (
            "Remove your personal address: council email must never be sent or forwarded to "
            "your own personal account. If the address is not yours, ask ICT to record that."
        )
    yield Hit(
        message=message,
        fix=fix,
        evidence=tuple(address_evidence(r.address, r.where) for r, _ in found),
        unauthenticated=not identity.authenticated,
    )


RULE = Rule(
    name="sent-to-own-personal-address",
    summary="A council sender mailing their own personal (webmail or listed) address.",
    check=check,
    options={
        "allow_own_information": {"type": "boolean"},
        "match_names": {"type": "boolean"},
    },
    defaults={"allow_own_information": False, "match_names": True},
)
