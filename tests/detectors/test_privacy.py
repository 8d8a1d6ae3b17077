"""No detector's explanation repeats the value it found (DESIGN: masked evidence only).

Explanations travel with findings into logs, headers and the store, where only masks may go.
"""

from __future__ import annotations

import json

import pytest

from mailwarden.detectors import detect, mask

TEXTS = [
    "Dear Mrs Amelia Thornbury, your NHS number is 999 000 0026 and your NI number QQ123456A.",
    "Service user Kasia Zielinska (DOB 12/03/1984) lives at 12 Elm Road, Norwich NR1 9ZZ.",
    "Please pay sort code 20-00-00 account 55779911, IBAN GB82 WEST 1234 5698 7654 32.",
    "Card 4111 1111 1111 1111, passport number 123456789, licence MORGA753116SM9IJ.",
    "Call 01632 960123 or email jo.bloggs@example.org; my password is Tr0ub4dor&3.",
    "Her son was diagnosed with schizophrenia and was charged with assault last year.",
    "He is a member of Unison, attends the gurdwara and voted Labour; she is gay.",
    "The client disclosed domestic abuse; a section 47 enquiry and a DNA test followed.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_explanations_never_contain_the_value(text: str) -> None:
    entities = detect(text, min_score=0.0)
    assert entities
    for entity in entities:
        value = text[entity.start : entity.end]
        blob = json.dumps(entity.explanation.to_dict()).lower()
        words = [w.strip(".,;()").lower() for w in value.split() if len(w.strip(".,;()")) > 3]
        assert value.lower() not in blob, (entity.type, blob)
        assert not [w for w in words if w in blob], (entity.type, words, blob)


@pytest.mark.parametrize("text", TEXTS)
def test_masks_never_contain_the_value(text: str) -> None:
    for entity in detect(text, min_score=0.0):
        value = text[entity.start : entity.end]
        if len(value.strip()) > 4:
            assert value not in mask(entity, text)
