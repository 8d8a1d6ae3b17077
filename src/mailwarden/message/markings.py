"""Sensitivity, protective markings and machine-sent indicators, read from headers.

`Sensitivity: Private` decides whether a calendar invitation may hold personal data
(NCC-D2); OFFICIAL-SENSITIVE is how UK public bodies mark mail that needs protection;
`Auto-Submitted`, Exchange's rule-loop header and `Resent-*` tell an automatic forward
(NCC-E14, TWC-F1, CCC-2.2h) from one a person sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import AutoIndicators

__all__ = ["auto_indicators", "protective_markings", "sensitivity"]

_MARKING = re.compile(
    r"\b(OFFICIAL[ _-]SENSITIVE|OFFICIAL|SECRET|TOP[ _-]SECRET|PROTECT|RESTRICTED|CONFIDENTIAL)\b"
    r"(?:[ _-]?(?::|-)?[ _]?(PERSONAL|COMMERCIAL|LOCSEN))?"
)
_MARKING_HEADERS = (
    "x-protective-marking",
    "x-classification",
    "classification",
    "x-security-classification",
    "msip_labels",
)
_LEVELS = r"(OFFICIAL[ _-]SENSITIVE|OFFICIAL|SECRET|TOP[ _-]SECRET|PROTECT|RESTRICTED)"
# Typed in capitals ("OFFICIAL-SENSITIVE: ...") or in brackets in any case ("[Official Sensitive]"):
# "Official visit" in a subject is not a marking.
_SUBJECT_MARK = re.compile(r"^\W{0,3}" + _LEVELS + r"\b")
_SUBJECT_BRACKETED = re.compile(r"^\W{0,3}[\[(]\s{0,3}" + _LEVELS + r"\s{0,3}[\])]", re.IGNORECASE)


def _normalise(mark: str, qualifier: str | None) -> str:
    base = re.sub(r"[ _]", "-", mark.upper())
    return f"{base}-{qualifier.upper()}" if qualifier else base


def protective_markings(
    headers: Iterable[tuple[str, str]], subject: str, first_line: str = ""
) -> tuple[str, ...]:
    """UK Government Security Classification markings found, normalised, without duplicates.

    Looked for in classification headers (including Microsoft Purview's `msip_labels`),
    at the start of the subject, and on the first line of the body, where staff type them.
    """
    found: list[str] = []
    for name, value in headers:
        if name.lower() in _MARKING_HEADERS:
            found += [
                _normalise(m.group(1), m.group(2)) for m in _MARKING.finditer(value.upper()[:4000])
            ]
    for text in (subject, first_line):
        match = _SUBJECT_MARK.match(text[:200]) or _SUBJECT_BRACKETED.match(text[:200])
        if match:
            found.append(_normalise(match.group(1), None))
    return tuple(dict.fromkeys(found))


def sensitivity(headers: Iterable[tuple[str, str]]) -> str:
    """The `Sensitivity:` value (`Personal`, `Private`, `Company-Confidential`) or ''."""
    for name, value in headers:
        if name.lower() == "sensitivity":
            return value.strip()
    return ""


def auto_indicators(headers: Iterable[tuple[str, str]]) -> AutoIndicators:
    """What the headers say about a machine having sent or forwarded the message."""
    values: dict[str, str] = {}
    resent = False
    for name, value in headers:
        key = name.lower()
        if key.startswith("resent-"):
            resent = True
        elif key in (
            "auto-submitted",
            "x-auto-response-suppress",
            "x-ms-exchange-inbox-rules-loop",
            "precedence",
        ):
            values.setdefault(key, value.strip())
    return AutoIndicators(
        auto_submitted=values.get("auto-submitted", ""),
        auto_response_suppress=values.get("x-auto-response-suppress", ""),
        inbox_rules_loop=values.get("x-ms-exchange-inbox-rules-loop", ""),
        resent=resent,
        precedence=values.get("precedence", ""),
    )
