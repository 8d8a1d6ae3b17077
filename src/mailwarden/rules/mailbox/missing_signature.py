"""Mail without a signature giving the sender's name, role and contact details.

What it flags:
    Mail written by a person (replies and forwards included) whose closing lines do not
    give the sender's name and a role (a job title or team), and, with ``contact: strict``,
    contact details (a phone number, an email or web address, or a postcode). The last
    lines of the new text and the signature block are read; quoted history is not, so a
    signature further down a thread does not count.

Clauses:
    NCC-E11 ("You must use ... a signature which includes your name, role and contact
    details on all emails, including replies"); TWC-A11 ("Adhere to corporate standards for
    email signatures").

Why:
    Correspondents should not have to look up who wrote to them or how to reach them, and
    a mail that names its writer and role is one the recipient can trust and act on.
    Norfolk asks for it on every mail, replies included, so short replies are not excused.
    Automatic replies (out-of-office) and mail forwarded by a mailbox rule are not written
    by a person and are left alone, as are meeting invitations.

Fires:
    "Thanks, see you at 10. Alex" (a first name alone), or a reply with no sign-off at all.

Passes:
    "Kind regards, Alex Officer / Waste Contracts Officer / Norfolk County Council / Tel:
    01632 960210".

Options:
    ``contact``: ``lenient`` (default) counts the sender's own address, which is on every
    mail, as contact details, so only the name and the role are looked for; ``strict``
    also wants a phone number, an email or web address, or a postcode in the signature
    (the fullest reading of NCC-E11: the correspondent should not have to look the number
    up).
    ``role_words``: extra words that mark a line as a role, beside the built-in list of
    job titles and team words.

Known gaps:
    The default does not ask for a phone number; set ``contact: strict`` for that. A role
    the word list does not know ("Bailiff") is missed, unless written beside a team word;
    a signature sent only as an image is not read. The corporate standard Telford
    refers to is not in the policy, so the Norfolk elements are what is checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...policy.findings import Evidence, Hit
from .._common import listed
from ..base import Rule, RuleInput

__all__ = ["RULE"]

_TAIL_LINES = 12
_ROLE_WORDS = (
    "officer",
    "manager",
    "worker",
    "assistant",
    "director",
    "head",
    "adviser",
    "advisor",
    "coordinator",
    "co-ordinator",
    "administrator",
    "admin",
    "lead",
    "leader",
    "team",
    "service",
    "services",
    "clerk",
    "consultant",
    "specialist",
    "analyst",
    "practitioner",
    "nurse",
    "therapist",
    "engineer",
    "planner",
    "surveyor",
    "librarian",
    "executive",
    "secretary",
    "supervisor",
    "technician",
    "apprentice",
    "inspector",
    "warden",
    "solicitor",
    "lawyer",
    "accountant",
    "auditor",
    "architect",
    "designer",
    "developer",
    "controller",
    "commissioner",
    "chief",
    "principal",
    "senior",
    "trainee",
    "intern",
    "councillor",
    "partner",
    "support",
    "department",
    "directorate",
    "unit",
)
_PHONE = re.compile(
    r"(?:\+44\s?\(?0?\)?|\b0)\d(?:[\s-]?\d){8,9}\b|\bext(?:ension)?\.?\s*\d{3,5}\b", re.I
)
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_WEB = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NAME_LINE = re.compile(r"^\s*(?:[A-Z][\w'’-]+\.?\s+){1,3}[A-Z][\w'’-]+\s*$")


def _tail(inputs: RuleInput) -> list[str]:
    body = inputs.message.body
    text = body.new_text + body.signature
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-_TAIL_LINES:]


def _name_words(inputs: RuleInput) -> set[str]:
    message = inputs.message
    words: set[str] = set()
    for address in (*message.from_, *((message.sender,) if message.sender else ())):
        words.update(w.lower() for w in _WORD.findall(address.display_name) if len(w) > 1)
    local = inputs.facts.sender.partition("@")[0]
    words.update(w.lower() for w in _WORD.findall(local.replace(".", " ")) if len(w) > 1)
    return words


def _has_name(inputs: RuleInput, lines: list[str]) -> bool:
    """Two words of the sender's name on one line (or a line shaped like a full name)."""
    known = _name_words(inputs)
    for line in lines:
        words = {w.lower() for w in _WORD.findall(line)}
        if len(words & known) >= 2 or (len(known) == 1 and known <= words):
            return True
    return not known and any(_NAME_LINE.match(line) for line in lines)


def _has_role(lines: list[str], extra: list[str]) -> bool:
    wanted = {*_ROLE_WORDS, *(w.lower() for w in extra)}
    return any(wanted & {w.lower() for w in _WORD.findall(line)} for line in lines)


def _has_contact(lines: list[str]) -> bool:
    """A phone number, an email or web address, or a postcode in the closing lines."""
    text = "\n".join(lines)
    return bool(
        _PHONE.search(text) or _EMAIL.search(text) or _WEB.search(text) or _POSTCODE.search(text)
    )


def check(inputs: RuleInput) -> Iterator[Hit]:
    message = inputs.message
    if message.auto.is_auto_reply or message.auto.is_auto_forward or message.calendar:
        return
    if not message.body.text.strip():
        return
    lines = _tail(inputs)
    missing = []
    if not _has_name(inputs, lines):
        missing.append("your name")
    if not _has_role(lines, inputs.options["role_words"]):
        missing.append("your role")
    if inputs.options["contact"] == "strict" and not _has_contact(lines):
        missing.append("your contact details")
    if not missing:
        return
    yield Hit(
        message=f"The signature of this mail does not give {listed(missing)}; the standard "
        "is a signature with your name, role and contact details on every email, replies "
        "included.",
        fix="Add your signature: your full name, your job title and team, and your phone "
        "number (set Outlook to add it to new messages and to replies and forwards).",
        evidence=(Evidence("SIGNATURE", "body", "missing: " + ", ".join(m[5:] for m in missing)),),
    )


RULE = Rule(
    name="missing-signature",
    summary="No signature giving the sender's name, role and contact details.",
    check=check,
    options={
        "contact": {"enum": ["lenient", "strict"]},
        "role_words": {"type": "array", "items": {"type": "string"}},
    },
    defaults={"contact": "lenient", "role_words": ()},
)
