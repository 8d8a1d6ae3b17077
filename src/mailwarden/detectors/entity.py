"""What a detector reports: a typed span of personal data with a score and its reasons.

The entity types are a contract (DESIGN.md, "Detection API"): rules, packs, masks and the
benchmark all key on these names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

__all__ = ["SENSITIVE_TYPES", "Entity", "EntityType", "Explanation"]


class EntityType(StrEnum):
    """Every kind of personal data mailwarden detects."""

    PERSON = "PERSON"
    EMAIL_ADDRESS = "EMAIL_ADDRESS"
    PHONE_NUMBER = "PHONE_NUMBER"
    STREET_ADDRESS = "STREET_ADDRESS"
    UK_POSTCODE = "UK_POSTCODE"
    UK_NHS_NUMBER = "UK_NHS_NUMBER"
    UK_NINO = "UK_NINO"
    UK_SORT_CODE = "UK_SORT_CODE"
    UK_BANK_ACCOUNT = "UK_BANK_ACCOUNT"
    IBAN = "IBAN"
    CARD_NUMBER = "CARD_NUMBER"
    UK_PASSPORT = "UK_PASSPORT"
    UK_DRIVING_LICENCE = "UK_DRIVING_LICENCE"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    CREDENTIAL = "CREDENTIAL"
    HEALTH = "HEALTH"
    SAFEGUARDING = "SAFEGUARDING"
    CRIMINAL_OFFENCE = "CRIMINAL_OFFENCE"
    ETHNIC_ORIGIN = "ETHNIC_ORIGIN"
    RELIGION = "RELIGION"
    SEXUAL_ORIENTATION = "SEXUAL_ORIENTATION"
    POLITICAL_OPINION = "POLITICAL_OPINION"
    TRADE_UNION = "TRADE_UNION"
    GENETIC_BIOMETRIC = "GENETIC_BIOMETRIC"


SENSITIVE_TYPES = frozenset(
    {
        EntityType.HEALTH,
        EntityType.SAFEGUARDING,
        EntityType.CRIMINAL_OFFENCE,
        EntityType.ETHNIC_ORIGIN,
        EntityType.RELIGION,
        EntityType.SEXUAL_ORIENTATION,
        EntityType.POLITICAL_OPINION,
        EntityType.TRADE_UNION,
        EntityType.GENETIC_BIOMETRIC,
    }
)
"""UK GDPR Art. 9 special categories, plus criminal offences (Art. 10) and safeguarding."""


@dataclass(frozen=True, slots=True, init=False)
class Explanation:
    """Why a span was reported, and why its score is what it is (never the value itself).

    `checksum` is "passed", "failed" or None when the type has none; `raised_by` and
    `lowered_by` are the context words found near the span.
    """

    detector: str
    pattern: str
    checksum: str | None = None
    raised_by: tuple[str, ...] = ()
    lowered_by: tuple[str, ...] = ()
    note: str = ""

    def __init__(  # noqa: PLR0917 - the dataclass's signature, positional fields included
        self,
        detector: str,
        pattern: str,
        checksum: str | None = None,
        raised_by: tuple[str, ...] = (),
        lowered_by: tuple[str, ...] = (),
        note: str = "",
    ) -> None:
        # the dataclass's own __init__, writing each slot directly: a frozen dataclass's
        # generated one goes through object.__setattr__ by name, field by field
        _set_detector(self, detector)
        _set_pattern(self, pattern)
        _set_checksum(self, checksum)
        _set_raised_by(self, raised_by)
        _set_lowered_by(self, lowered_by)
        _set_note(self, note)

    def to_dict(self) -> dict[str, Any]:
        return {
            "detector": self.detector,
            "pattern": self.pattern,
            "checksum": self.checksum,
            "raised_by": list(self.raised_by),
            "lowered_by": list(self.lowered_by),
            "note": self.note,
        }


@dataclass(frozen=True, slots=True, init=False)
class Entity:
    """A span `text[start:end]` of one type, scored 0–1 (Python `str` indices, code points)."""

    type: EntityType
    start: int
    end: int
    score: float
    explanation: Explanation = field(compare=False)
    subtype: str | None = None

    def __init__(  # noqa: PLR0917 - the dataclass's signature, positional fields included
        self,
        type: EntityType,
        start: int,
        end: int,
        score: float,
        explanation: Explanation,
        subtype: str | None = None,
    ) -> None:
        _set_type(self, type)
        _set_start(self, start)
        _set_end(self, end)
        _set_score(self, score)
        _set_explanation(self, explanation)
        _set_subtype(self, subtype)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": str(self.type),
            "subtype": self.subtype,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 3),
            "explanation": self.explanation.to_dict(),
        }


def _slot_setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    setter: Callable[[Any, Any], None] = cls.__dict__[name].__set__
    return setter


_set_detector, _set_pattern, _set_checksum, _set_raised_by, _set_lowered_by, _set_note = (
    _slot_setter(Explanation, f.name) for f in fields(Explanation)
)
_set_type, _set_start, _set_end, _set_score, _set_explanation, _set_subtype = (
    _slot_setter(Entity, f.name) for f in fields(Entity)
)
