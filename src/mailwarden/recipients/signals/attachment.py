"""Signal 6, an attachment that names someone else: the wrong file attached (NCC-E7).

"It is easy to attach the wrong document to an email" (Norfolk, item 7). The people
(PERSON entities, third-party only) and case references (the pack's `case_id_patterns`)
in each attached file are looked for in the subject, the body (quoted thread included)
and the recipients' names; a person counts as found when their surname (or single name)
appears there as a word, a case reference when its digits do. Per attachment:

- 0.8 for a case reference found nowhere else;
- 0.75 for people found nowhere else when the mail itself names someone or a case (it is
  about somebody, and the file is about somebody else); 0.55 when the mail names nobody;
- 0.3 (below the rules' threshold) when the file also names someone the mail does name
  (a letter about the right child that mentions her parents), or when it names more than
  `max_unmatched_people` people nobody mentions (a list or register, a matter for the
  bulk personal data rule).

Needs no history, so it runs during the learning period too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...detectors import EntityType
from .model import Signal, SignalKind, SignalOptions
from .names import TITLES

if TYPE_CHECKING:
    from ...rules.facts import Facts

__all__ = ["attachment_signals"]

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_DIGITS = re.compile(r"\d+")


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


def attachment_signals(facts: Facts, options: SignalOptions) -> Iterator[Signal]:
    """A signal for each attached file naming a person or case the mail never mentions."""
    message = facts.message
    if not any(place.kind == "attachment" for place in facts.places):
        return  # nothing attached (or nothing readable): nothing to compare
    mail_text = f"{message.subject}\n{message.body.text}"
    known = _words(mail_text)
    for recipient in facts.recipients:
        known |= _words(f"{recipient.address.display_name} {recipient.address.local_part}")
    mail_numbers = set(_DIGITS.findall(mail_text))
    patterns = facts.pack.case_id_patterns
    mail_cases = {_case_key(m.group()) for p in patterns for m in p.finditer(mail_text)}
    mail_names_someone = bool(mail_cases) or any(
        e.type is EntityType.PERSON and e.kind in ("subject", "body")
        for e in facts.third_party(kinds=("subject", "body"), types=(EntityType.PERSON,))
    )
    people = facts.third_party(kinds=("attachment",), types=(EntityType.PERSON,))
    for place in facts.places:
        if place.kind != "attachment":
            continue
        here = [p for p in people if p.where == place.where]
        matched = {k for p in here if (k := _person_key(p.value)) and k in known}
        missing: dict[str, str] = {}
        for item in here:
            key = _person_key(item.value)
            if key and key not in known and key not in missing:
                missing[key] = item.masked
        cases = {_case_key(m.group()) for p in patterns for m in p.finditer(place.text)}
        odd_cases = sorted(c for c in cases if c and c not in mail_numbers)
        reasons: list[str] = []
        score = 0.0
        if odd_cases:
            shown = ", ".join(_masked_case(c) for c in odd_cases[:3])
            reasons.append(f"The attached file has {shown}, which the mail does not mention.")
            score = 0.8
        if missing:
            shown = ", ".join(list(missing.values())[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            reasons.append(
                f"The attached file names {shown}{more}, not named in the subject, the body "
                "or the recipients' names."
            )
            if matched or len(missing) > options.max_unmatched_people:
                score = max(score, 0.3)
            else:
                score = max(score, 0.75 if mail_names_someone else 0.55)
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
