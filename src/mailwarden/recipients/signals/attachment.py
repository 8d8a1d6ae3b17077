"""Signal 6, an attachment that names someone else: the wrong file attached (NCC-E7).

"It is easy to attach the wrong document to an email" (Norfolk, item 7). An attached file
carrying personal data (an identifier or a special category about a third party, or a case
reference of the pack's `case_id_patterns`) is compared with what the mail says it is
about: the subject, the body (quoted thread included, the sender's signature left out: a
namesake of the sender in the file is not accounted for by the sign-off) and the
recipients' names. A person
counts as named in the mail when their surname (or single name) appears there as a word,
or their initials do as a word of capitals ("JS was seen at home"); a case reference when
its digits do.

A file is accounted for when the mail names one of the people in it or one of its case
references: a form's name and case reference stand side by side, so a mail that gives
either has said whom the file is about (the people beside a case reference the mail gives
are accounted for with it), and anyone else in the file who shares a surname with that
person (the parent or carer) is family, not a mix-up. Per attachment:

- 0.8 for a file not accounted for that has a case reference, 0.75 for one that names
  people only, when the mail itself names someone or a case (it is about somebody, and
  the file is about somebody else);
- 0.45 (below the rules' threshold) when the mail names nobody and no case: there is
  nothing to compare the file with;
- 0.3 when the file is accounted for but also names others with other surnames (a plan for
  the right child that names a social worker), or names more than
  `max_unmatched_people` people nobody mentions (a list or register, a matter for the
  bulk personal data rule).

A file naming people without any identifier, special category or case reference (a rota,
an agenda) is not personal data in the sense of the send rules and is not compared. Needs
no history, so it runs during the learning period too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...detectors import EntityType
from ...message.model import SectionKind
from .model import Signal, SignalKind, SignalOptions
from .names import TITLES

if TYPE_CHECKING:
    from ...rules.facts import Facts

__all__ = ["attachment_signals"]

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_DIGITS = re.compile(r"\d+")
_CAPITALS = re.compile(r"\b[A-Z]{2,3}\b")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _person_key(value: str) -> str:
    words = [w for w in (x.casefold() for x in _WORD.findall(value)) if w not in TITLES]
    words = [w for w in words if len(w) > 1]
    return words[-1] if words else ""


def _case_key(value: str) -> str:
    return "".join(_DIGITS.findall(value))


def _masked_case(key: str) -> str:
    return f"a case reference ending {key[-3:]}" if len(key) > 3 else "a case reference"


def _case_mask(key: str) -> str:
    return "*" * max(len(key) - 3, 0) + key[-3:] if len(key) > 3 else "*" * len(key)


def _initials(value: str) -> str:
    words = [w for w in _WORD.findall(value) if w.casefold() not in TITLES]
    return "".join(w[0].upper() for w in words) if len(words) >= 2 else ""


def _mail_context(facts: Facts) -> tuple[set[str], set[str], set[str], bool]:
    """What the mail itself says: its words, its words in capitals (initials), its numbers,
    and whether it names a third party or a case at all."""
    message = facts.message
    body = message.body
    written = "\n".join(
        body.text[s.start : s.end] for s in body.sections if s.kind is not SectionKind.SIGNATURE
    )
    mail_text = f"{message.subject}\n{written if body.sections else body.text}"
    known = _words(mail_text)
    capitals = set(_CAPITALS.findall(mail_text.replace(".", "")))
    for recipient in facts.recipients:
        known |= _words(f"{recipient.address.display_name} {recipient.address.local_part}")
    patterns = facts.pack.case_id_patterns
    mail_cases = {_case_key(m.group()) for p in patterns for m in p.finditer(mail_text)}
    names_someone = bool(mail_cases) or any(
        e.type is EntityType.PERSON and e.kind in ("subject", "body")
        for e in facts.third_party(kinds=("subject", "body"), types=(EntityType.PERSON,))
    )
    return known, capitals, set(_DIGITS.findall(mail_text)), names_someone


def attachment_signals(facts: Facts, options: SignalOptions) -> Iterator[Signal]:
    """A signal for each attached file about a person or case the mail never mentions."""
    if not any(place.kind == "attachment" for place in facts.places):
        return  # nothing attached (or nothing readable): nothing to compare
    known, capitals, mail_numbers, mail_names_someone = _mail_context(facts)
    people = facts.third_party(kinds=("attachment",), types=(EntityType.PERSON,))
    personal = {e.where for e in facts.personal_data(kinds=("attachment",))}
    patterns = facts.pack.case_id_patterns
    for place in facts.places:
        if place.kind != "attachment":
            continue
        cases = {_case_key(m.group()) for p in patterns for m in p.finditer(place.text)}
        cases.discard("")
        if place.where not in personal and not cases:
            continue  # names alone (a rota, an agenda): not personal data to check
        here = [p for p in people if p.where == place.where]
        matched = {
            k
            for p in here
            if (k := _person_key(p.value))
            and (k in known or (_initials(p.value) or "-") in capitals)
        }
        missing: dict[str, str] = {}
        for item in here:
            key = _person_key(item.value)
            if key and key not in matched and key not in missing:
                missing[key] = item.masked
        named_cases = {c for c in cases if c in mail_numbers}
        accounted = bool(matched or named_cases)
        if named_cases and not matched:
            missing = {}  # the people beside a case reference the mail gives
        odd_cases = [] if accounted else sorted(cases - named_cases)
        reasons: list[str] = []
        score = 0.0
        if odd_cases:
            shown = ", ".join(_masked_case(c) for c in odd_cases[:3])
            reasons.append(f"The attached file has {shown}, which the mail does not mention.")
            score = 0.8 if mail_names_someone else 0.45
        if missing:
            shown = ", ".join(list(missing.values())[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            reasons.append(
                f"The attached file names {shown}{more}, not named in the subject, the body "
                "or the recipients' names."
            )
            if accounted or len(missing) > options.max_unmatched_people:
                score = max(score, 0.3)
            else:
                score = max(score, 0.75 if mail_names_someone else 0.45)
        if reasons and not mail_names_someone and score >= 0.45:
            reasons.append("The mail itself names nobody, so the file cannot be checked.")
        if reasons:
            evidence = [("CASE_ID", _case_mask(c)) for c in odd_cases[:3]]
            evidence += [
                (str(EntityType.PERSON), m) for m in list(dict.fromkeys(missing.values()))[:5]
            ]
            yield Signal(
                SignalKind.ATTACHMENT_MISMATCH,
                "",
                place.where,
                score,
                tuple(reasons),
                tuple(evidence),
            )
