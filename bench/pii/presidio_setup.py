"""Microsoft Presidio (presidio-analyzer) set up for the comparison, offline.

Three set-ups, built only from what presidio-analyzer ships:

- "presidio-default": `AnalyzerEngine` with the recognizers it loads by default and its
  `NoOpNlpEngine` (no model: the regex-and-checksum set-up; the only one that runs with no
  spaCy model). Score threshold 0, its default. With no tokens, context words in the text
  cannot raise a score.
- "presidio-uk": tuned for UK text. Country-tagged recognizers limited to "uk" (so every US
  recognizer is off), the four UK recognizers that ship disabled turned on (NINO, passport,
  postcode, driving licence), the phone recognizer limited to region GB, and an NLP engine
  that tokenises with a blank spaCy English pipeline and uses lower-cased tokens as lemmas,
  so that Presidio's context words ("nhs", "passport", "postcode") count, as they would
  with a model. Its score threshold is picked by `run.py` (the best single one).
- "presidio-spacy:MODEL": presidio-uk plus spaCy NER from MODEL for PERSON and LOCATION;
  only when that model is importable (none can be downloaded here).

tldextract, which Presidio's email recognizer calls, would fetch the public suffix list at
first use; it is pointed at its bundled snapshot instead (set before Presidio is imported).
"""

from __future__ import annotations

import logging
import os
from typing import Any

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

__all__ = ["ENTITY_MAP", "build", "setups_available"]

ENTITY_MAP = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "UK_NHS": "UK_NHS_NUMBER",
    "UK_NINO": "UK_NINO",
    "UK_PASSPORT": "UK_PASSPORT",
    "UK_POSTCODE": "UK_POSTCODE",
    "UK_DRIVING_LICENCE": "UK_DRIVING_LICENCE",
    "CREDIT_CARD": "CARD_NUMBER",
    "IBAN_CODE": "IBAN",
    "DATE_TIME": "DATE_OF_BIRTH",
    "US_BANK_NUMBER": "UK_BANK_ACCOUNT",
    "LOCATION": "STREET_ADDRESS",
}
"""Presidio entity → ours. Presidio has no date-of-birth type, so every DATE_TIME is scored
as DATE_OF_BIRTH (credit for each birth date, a false positive for each other date); its US
bank-number pattern (8–17 digits) is scored as UK_BANK_ACCOUNT; spaCy's LOCATION (only with
a model) as STREET_ADDRESS. Other Presidio entities (URL, IP_ADDRESS, US_SSN, ...) have no
counterpart: they are not scored and do not count against the clean-document rate."""

UK_RECOGNIZERS = (
    "UkNinoRecognizer",
    "UkPassportRecognizer",
    "UkPostcodeRecognizer",
    "UkDrivingLicenceRecognizer",
)


def _quiet() -> None:
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)


def _tokenizer_engine() -> Any:
    """An NLP engine with tokens and lemmas but no model and no NER (see module docstring)."""
    import spacy
    from presidio_analyzer.nlp_engine import NlpArtifacts, SlimSpacyNlpEngine

    class TokenizerNlpEngine(SlimSpacyNlpEngine):  # type: ignore[misc]
        def load(self) -> None:
            self.nlp = {"en": spacy.blank("en")}

        def _doc_to_nlp_artifact(self, doc: Any, language: str) -> NlpArtifacts:
            return NlpArtifacts(
                entities=[],
                tokens=doc,
                tokens_indices=[t.idx for t in doc],
                lemmas=[t.lower_ for t in doc],
                nlp_engine=self,
                language=language,
                scores=[],
            )

    return TokenizerNlpEngine(models=[{"lang_code": "en", "model_name": "blank"}])


def _uk_registry(nlp_engine: Any) -> Any:
    from presidio_analyzer import RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import (
        PhoneRecognizer,
        UkDrivingLicenceRecognizer,
        UkNinoRecognizer,
        UkPassportRecognizer,
        UkPostcodeRecognizer,
    )

    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine, countries=["uk"])
    registry.remove_recognizer("PhoneRecognizer")
    registry.add_recognizer(PhoneRecognizer(supported_regions=("GB",)))
    present = {r.name for r in registry.recognizers}
    for cls in (UkNinoRecognizer, UkPassportRecognizer, UkPostcodeRecognizer):
        if cls.__name__ not in present:
            registry.add_recognizer(cls())
    if "UkDrivingLicenceRecognizer" not in present:
        registry.add_recognizer(UkDrivingLicenceRecognizer())
    return registry


def build(setup: str) -> Any:
    """The `AnalyzerEngine` for one set-up name (see module docstring)."""
    _quiet()
    from presidio_analyzer import AnalyzerEngine

    if setup == "presidio-default":
        from presidio_analyzer.nlp_engine import NoOpNlpEngine

        nlp = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "no_op"}])
        return AnalyzerEngine(nlp_engine=nlp)
    if setup == "presidio-uk":
        nlp = _tokenizer_engine()
        nlp.load()
        return AnalyzerEngine(nlp_engine=nlp, registry=_uk_registry(nlp))
    if setup.startswith("presidio-spacy:"):
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        model = setup.split(":", 1)[1]
        nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": model}])
        nlp.load()
        return AnalyzerEngine(nlp_engine=nlp, registry=_uk_registry(nlp))
    raise ValueError(f"unknown Presidio set-up: {setup}")


def spacy_model_available(model: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(model) is not None


def setups_available(spacy_model: str | None) -> list[str]:
    setups = ["presidio-default", "presidio-uk"]
    if spacy_model and spacy_model_available(spacy_model):
        setups.append(f"presidio-spacy:{spacy_model}")
    return setups


def recognizer_names(engine: Any) -> list[str]:
    return sorted({r.name for r in engine.registry.recognizers})


def analyze(engine: Any, text: str) -> list[tuple[str, int, int, float]]:
    """Every result at any score, as (our type or Presidio's own name, start, end, score)."""
    return [
        (ENTITY_MAP.get(r.entity_type, "presidio:" + r.entity_type), r.start, r.end, r.score)
        for r in engine.analyze(text, language="en", score_threshold=0.0)
    ]
