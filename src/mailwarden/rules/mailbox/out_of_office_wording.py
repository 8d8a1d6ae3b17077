"""An out-of-office reply without the wording the policy requires, or with personal details.

What it flags:
    An automatic reply passing through (``Auto-Submitted: auto-replied`` or Exchange's
    marks) that lacks a required statement (``required_statements``) or an alternative
    contact (an email address, a phone number, or "please contact ..."): one finding. A
    missing return date: a second finding, advice only (``advise_return_date``). Personal
    identifiers or special-category data in it: a third (``flag_personal_data``).

Clauses:
    NCC-E9 ("Your out-of-office message must include the following: Alternative contact
    details; When you expect to return (if known); The following statement: "My emails will
    not be read in my absence". Do not include personal details or comments in your
    out-of-office message"); TWC-OOO (out of office messages "must contain as a minimum the
    statement "If this is a request under the Freedom of Information Act or similar
    legislation, please send your request to foi@telford.gov.uk""); CCC-2.2c ("Ensure that
    you arrange for emails sent to individuals or service addresses to be properly dealt
    with if you ... [are] out of the office").

Why:
    An out-of-office goes to everyone who writes, including people outside: it must tell
    them their mail is not being read and whom to contact instead, and must not tell
    strangers anything personal. Norfolk asks for the return date only "if known", so its
    absence is advice. The statements are matched without regard to case, quote marks,
    hyphens or punctuation.

Fires:
    "I am out of the office until Monday 6 April." under Norfolk (no statement, no
    alternative contact) or Telford (no Freedom of Information statement).

Passes:
    "I am out of the office until Monday 6 April. My emails will not be read in my absence.
    For anything urgent please contact the duty team on 01632 960000." under Norfolk.

Options:
    ``required_statements``: sentences the reply must contain (default none; each pack
    gives its own).
    ``require_alternative_contact``: an alternative contact is required (default true).
    ``advise_return_date``: advise when no return date is given (default true).
    ``flag_personal_data``: flag identifiers and special-category data (health, ...) in the
    reply (default true). Names, phone numbers and addresses are not flagged: the
    alternative contact needs them.

Known gaps:
    Only replies that pass the gateway are checked here; the mailbox setting itself is for
    the audit. An alternative contact written without an address, a number or the word
    "contact" ("Jo Bloggs is covering") is not recognised; a "comment" (NCC-E9) with no
    identifier in it is not found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...detectors import EntityType
from ...detectors.entity import SENSITIVE_TYPES
from ...message.model import SectionKind
from ...policy.actions import Action
from ...policy.findings import Evidence, Hit
from .._common import describe_types, evidence_of, listed
from ..base import Rule, RuleInput
from ..facts import IDENTIFIER_TYPES

__all__ = ["RULE"]

_CONTACT = re.compile(
    r"\b(?:contact|speak to|talk to|get in touch with|call|ring|phone|telephone)"
    r"\s+(?!(?:me|you|us|back)\b)[^\W_]",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?\s*\d|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)|"
    r"\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b|\btomorrow\b|\bnext week\b",
    re.IGNORECASE,
)
_PERSONAL = IDENTIFIER_TYPES | SENSITIVE_TYPES


def _normal(text: str) -> str:
    """Lower case, quotes and hyphens dropped, other punctuation as spaces."""
    text = re.sub(r"['‘’`\"“”\-‐‑]", "", text.lower())
    return " ".join(re.sub(r"[^\w@]+", " ", text).split())


def _reply_text(inputs: RuleInput) -> str:
    body = inputs.message.body
    return "".join(
        body.text[s.start : s.end]
        for s in body.sections
        if s.kind in (SectionKind.NEW, SectionKind.SIGNATURE)
    )


def _has_contact(inputs: RuleInput, text: str) -> bool:
    sender = inputs.facts.sender
    for item in inputs.facts.entities:
        if item.kind != "body":
            continue
        if item.type is EntityType.PHONE_NUMBER:
            return True
        if item.type is EntityType.EMAIL_ADDRESS and item.value.strip().lower() != sender:
            return True
    return bool(_CONTACT.search(text))


def check(inputs: RuleInput) -> Iterator[Hit]:
    message = inputs.message
    if not message.auto.is_auto_reply:
        return
    options = inputs.options
    text = _reply_text(inputs) or message.body.text
    normal = _normal(text)
    missing = [
        (f"the statement “{s.strip()}”", "required statement")
        for s in options["required_statements"]
        if _normal(s) and _normal(s) not in normal
    ]
    if options["require_alternative_contact"] and not _has_contact(inputs, text):
        missing.append(
            (
                "an alternative contact (someone else's email address or phone number)",
                "alternative contact",
            )
        )
    if missing:
        labels = ", ".join(label for _, label in missing)
        words = [w for w, _ in missing]
        yield Hit(
            message=f"This out-of-office reply does not include {listed(words)}, which the "
            "policy requires.",
            fix=f"Edit your automatic reply to add {listed(words)}.",
            evidence=(Evidence("OUT_OF_OFFICE", "body", f"missing: {labels}"),),
        )
    if options["advise_return_date"] and not _DATE.search(text):
        yield Hit(
            message="This out-of-office reply does not say when you expect to be back.",
            fix="If you know your return date, add it to your automatic reply.",
            evidence=(Evidence("OUT_OF_OFFICE", "body", "no return date"),),
            action=Action.ADVISE,
        )
    if options["flag_personal_data"]:
        found = inputs.facts.third_party(kinds=("body",), types=_PERSONAL)
        if found:
            yield Hit(
                message=f"This out-of-office reply contains {describe_types(found)}; it goes "
                "to everyone who writes to you, so it must not hold personal details.",
                fix="Take personal details and comments out of your automatic reply: say only "
                "that you are away, when you are back and whom to contact.",
                evidence=evidence_of(found),
            )


RULE = Rule(
    name="out-of-office-wording",
    summary="An out-of-office reply missing the required wording, or with personal details.",
    check=check,
    options={
        "required_statements": {"type": "array", "items": {"type": "string"}},
        "require_alternative_contact": {"type": "boolean"},
        "advise_return_date": {"type": "boolean"},
        "flag_personal_data": {"type": "boolean"},
    },
    defaults={
        "required_statements": (),
        "require_alternative_contact": True,
        "advise_return_date": True,
        "flag_personal_data": True,
    },
)
