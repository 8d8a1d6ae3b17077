"""Small helpers shared by rules: option schemas, type lists, plain-English wording."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..detectors import EntityType
from ..policy.findings import Evidence
from .facts import Located

__all__ = [
    "TYPES_OPTION",
    "describe_types",
    "evidence_of",
    "listed",
    "type_names",
]

TYPES_OPTION: dict[str, Any] = {
    "type": "array",
    "items": {"enum": [str(t) for t in EntityType]},
    "uniqueItems": True,
    "description": "entity types that count (default: every kind of personal data)",
}

_WORDS = {
    "PERSON": "a name",
    "EMAIL_ADDRESS": "an email address",
    "PHONE_NUMBER": "a phone number",
    "STREET_ADDRESS": "a street address",
    "UK_POSTCODE": "a postcode",
    "UK_NHS_NUMBER": "an NHS number",
    "UK_NINO": "a National Insurance number",
    "UK_SORT_CODE": "a sort code",
    "UK_BANK_ACCOUNT": "a bank account number",
    "IBAN": "an IBAN",
    "CARD_NUMBER": "a card number",
    "UK_PASSPORT": "a passport number",
    "UK_DRIVING_LICENCE": "a driving licence number",
    "DATE_OF_BIRTH": "a date of birth",
    "CREDENTIAL": "a password or key",
}


def type_names(types: Iterable[str] | None) -> frozenset[EntityType] | None:
    """Option value (type names) to entity types; None stays None (the rule's default)."""
    return None if types is None else frozenset(EntityType(t) for t in types)


def describe_types(found: Iterable[Located]) -> str:
    """'a name and an NHS number' for the distinct types found, in first-seen order."""
    words: list[str] = []
    for item in found:
        word = _WORDS.get(str(item.type), f"{str(item.type).lower().replace('_', ' ')} information")
        if word not in words:
            words.append(word)
    return listed(words)


def listed(words: Sequence[str]) -> str:
    """English list: 'a', 'a and b', 'a, b and c'."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def evidence_of(found: Iterable[Located], limit: int = 20) -> tuple[Evidence, ...]:
    """Masked evidence, at most `limit` items, without repeats."""
    shown: dict[Evidence, None] = {}
    read: set[tuple[str, str, str]] = set()
    for item in found:
        key = (str(item.type), item.where, item.value)
        if key in read:  # the same value again: its mask is already shown
            continue
        read.add(key)
        shown.setdefault(item.evidence(), None)
        if len(shown) >= limit:
            break
    return tuple(shown)
