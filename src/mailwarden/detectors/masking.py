"""Masked forms of detected values: what may appear in findings, logs, the store and the UI.

The table is a contract (DESIGN.md, "Masks"). A mask keeps just enough for a person who
already knows the value to recognise it ("the NHS number ending 7974") and never enough to
recover it.
"""

from __future__ import annotations

from collections.abc import Callable

from .entity import SENSITIVE_TYPES, Entity, EntityType

__all__ = ["mask", "mask_value"]

_KEEP_LAST_4 = frozenset(
    {
        EntityType.UK_NHS_NUMBER,
        EntityType.UK_NINO,
        EntityType.UK_PASSPORT,
        EntityType.UK_DRIVING_LICENCE,
        EntityType.CARD_NUMBER,
        EntityType.IBAN,
        EntityType.UK_BANK_ACCOUNT,
    }
)
_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "lady", "lord"}
)


def _keep_last(value: str, keep: int) -> str:
    """Every letter or digit but the last `keep` becomes `*`; separators stay."""
    remaining = sum(1 for c in value if c.isalnum())
    out = []
    for char in value:
        if char.isalnum():
            out.append(char if remaining <= keep else "*")
            remaining -= 1
        else:
            out.append(char)
    return "".join(out)


def _initials(value: str) -> str:
    words = [w for w in value.replace(",", " ").split() if w.strip(".").lower() not in _TITLES]
    letters = [w.lstrip("'’(\"")[:1].upper() for w in words if w.lstrip("'’(\"")]
    return " ".join(f"{c}." for c in letters) or "[name]"


def _email(value: str) -> str:
    local, at, domain = value.rpartition("@")
    if not at or not local:
        return "***"
    return f"{local[0]}***@{domain.lower()}"


def _postcode(value: str) -> str:
    compact = value.replace(" ", "").upper()
    return f"{compact[:-3]} ***" if len(compact) > 3 else "***"


def mask_value(entity_type: EntityType, value: str) -> str:
    """The masked form of `value`, a raw value of `entity_type`."""
    if entity_type in SENSITIVE_TYPES:
        return f"[{entity_type}]"
    if entity_type in _KEEP_LAST_4:
        return _keep_last(value, 4)
    masks: dict[EntityType, Callable[[str], str]] = {
        EntityType.UK_SORT_CODE: lambda v: _keep_last(v, 2),
        EntityType.PHONE_NUMBER: lambda v: _keep_last(v, 3),
        EntityType.PERSON: _initials,
        EntityType.EMAIL_ADDRESS: _email,
        EntityType.UK_POSTCODE: _postcode,
        EntityType.DATE_OF_BIRTH: lambda v: "**/**/****",
        EntityType.STREET_ADDRESS: lambda v: "[address]",
        EntityType.CREDENTIAL: lambda v: "[redacted]",
    }
    return masks[entity_type](value)


def mask(entity: Entity, text: str) -> str:
    """The masked form of `entity` as found in `text`."""
    return mask_value(entity.type, text[entity.start : entity.end])
