"""PHONE_NUMBER: a UK number written nationally (leading 0) or any number written
internationally (+ or 00 and a country code), valid by the numbering plans `phonenumbers`
carries.

The byte scan proposes runs of at least nine digits that start with 0, + or a bracket, with
spaces, dashes, dots, brackets or a line break between them; only those runs reach
`phonenumbers`, the costly step, and each distinct run is parsed once per process. A run that
is not a number as a whole is tried again at its earlier digit-group boundaries, so a number
followed by another figure ("01632 960123 12 Elm Road") is still found.

Ofcom keeps some ranges for drama (01632 960xxx, 07700 900xxx, 020 7946 0xxx, ...); the
plans `phonenumbers` carries leave two of them out, and they are accepted here as valid.

A valid number laid out as people write numbers is acted on; the same digits run together
are just at the action threshold; "tel", "mobile", "call" raise it and "invoice", "order",
"ref" or "NHS" nearby lower it below (a ten-digit NHS number is never proposed here: no run
without a + may start with anything but 0).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import phonenumbers

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, EntityType, Explanation
from ..scoring import LOW, MEDIUM, Context, Score, words_pattern

__all__ = ["DETECTOR", "PhoneNumberDetector", "phone_number_kind"]

_SEP = (
    r"(?:[ \t\u00a0]{1,2}"
    r"|[ \t]?[-\u2010\u2011\u2012\u2013.][ \t]?"
    r"|[ \t]?\r?\n[ \t]{0,8}"
    r"|[ \t]?\)[ \t\u00a0]?"
    r"|[ \t]?\((?:0\)[ \t]?)?)?"
)
_EXACT = re.compile(
    r"(?<![\w+\-/\u2010\u2011\u2012\u2013])(?<!\d[.,])"
    r"(?:\+[ \t\u00a0]?\(?[1-9]|\(?[ \t]?0)"
    rf"(?:{_SEP}\d){{8,16}}"
    r"(?!\w|[-.\u2013]\d)"
)
_SCAN = r"(?:\+|\(|\b0)(?:[ \t\xa0.\-?()]{0,3}(?:\r?\n[ \t]{0,8})?\d){8}"
_DIGIT_GROUP = re.compile(r"\d+")
_DRAMA = re.compile(r"(?:1632960|7700900)\d{3}")
"""Ofcom's drama ranges that the numbering-plan data leaves out (national significant number)."""
_SORT_CODE_LAYOUT = re.compile(
    r"(?<!\d)\d{2}[-\u2010\u2011\u2013]\d{2}[-\u2010\u2011\u2013]\d{2}(?!\d)"
)
"""12-34-56: a sort code's layout, never a phone number's (a run holding one is not a number)."""
_SPACED_BANK_DETAILS = re.compile(r"\d{2} \d{2} \d{2}[ \t\u00a0]{1,2}\d{8}$")
"""A spaced sort code and an account number ("00 31 06 10000000"): bank details, even when
the first group could be read as 00 and a country code."""
_IDD_GROUP = re.compile(r"00(?:\d{1,3})?(?!\d)")
"""An international number dialled with 00 sets the prefix or the country code apart ("00 44",
"0044 20 ..."); "00310100 00 00 00" is an account number and a sort code."""
_AFTER_FIGURE = re.compile(r"\d[ \t\u00a0]{1,2}$")
"""A run that starts right after another figure may be the tail of it ("00 00 08 00000000" is
a sort code and an account, not 0800 000000): a contradicting sign."""
_MIN_DIGITS = 9
_MAX_NATIONAL = 11
"""The most digits a UK number has written nationally: 0 and a national number of at most
ten digits (the plans of the +44 regions: GB, Guernsey, Jersey, the Isle of Man)."""
_MAX_TRIES = 4

_TYPES = {
    phonenumbers.PhoneNumberType.FIXED_LINE: "fixed line",
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed line or mobile",
    phonenumbers.PhoneNumberType.TOLL_FREE: "freephone",
    phonenumbers.PhoneNumberType.PREMIUM_RATE: "premium rate",
    phonenumbers.PhoneNumberType.SHARED_COST: "shared cost",
    phonenumbers.PhoneNumberType.VOIP: "VoIP",
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER: "personal number",
    phonenumbers.PhoneNumberType.PAGER: "pager",
    phonenumbers.PhoneNumberType.UAN: "non-geographic",
    phonenumbers.PhoneNumberType.VOICEMAIL: "voicemail",
}

CONTEXT = Context(
    support=words_pattern(
        [
            "tel",
            "tel.",
            "tel no",
            "telephone",
            "phone",
            "phone number",
            "ph",
            "mobile",
            "mob",
            "cell",
            "call",
            "calling",
            "ring",
            "fax",
            "text",
            "sms",
            "whatsapp",
            "landline",
            "contact number",
            "dial",
            "direct line",
            "ext",
        ]
    ),
    contradict=words_pattern(
        [
            "invoice",
            "inv",
            "order",
            "ref",
            "reference",
            "nhs",
            "nhs no",
            "nhs number",
            "account",
            "acct",
            "a/c",
            "case",
            "ticket",
            "booking",
            "tracking",
            "serial",
            "po",
            "purchase order",
            "transaction",
            "receipt",
            "claim",
            "policy number",
        ]
    ),
)
SCORE = Score(shape=MEDIUM, checksum_bonus=0.3)
"""Laid out: 0.5 + valid 0.3 = 0.8. Run together: 0.3 + 0.3 = 0.6, just acted on."""


@lru_cache(maxsize=4096)
def phone_number_kind(number: str) -> str | None:
    """What `number` ("0…" national UK, or "+…") is ("fixed line", "mobile", ...), or None
    when no numbering plan has it. Drama-range numbers are "drama (Ofcom)"."""
    if len(number) > _MAX_NATIONAL and number[0] == "0" and number[1] != "0":
        return None  # longer than any UK number written with its 0: not worth parsing
    uk = _UK_NUMBER.fullmatch(number)
    if uk is not None:  # most numbers: no need for the library's number object
        return _uk_kind(uk.group(1))
    try:
        parsed = _parse(number)
    except phonenumbers.NumberParseException:
        return None
    # a number is valid exactly when its type is known (`is_valid_number` looks the type up
    # in the same region's plan), so one look-up answers both
    region, number_type = _region_and_type(parsed)
    if number_type != _UNKNOWN:
        kind = _TYPES.get(number_type, "valid")
        region = region or "international"
        return kind if region == "GB" else f"{kind}, {region}"
    if parsed.country_code == 44 and _DRAMA.fullmatch(str(parsed.national_number)):
        return "drama (Ofcom)"
    return None


_UK_NUMBER = re.compile(r"(?:0|\+440?)([1-9][0-9]{8,9})")
"""A UK number as most in mail are written: 0, +44 or +44 (0), then nine or ten digits."""


def _parse(number: str) -> phonenumbers.PhoneNumber:
    """`phonenumbers.parse(number, "GB")` (a plain UK number never comes here: `_uk_kind`)."""
    return phonenumbers.parse(number, "GB")


def _uk_kind(national: str) -> str | None:
    """`phone_number_kind` of a plain UK number from its national significant number (the
    digits after the 0 or the +44, which is what the library's object for it would hold),
    tested against the +44 regions' plans as `_region_and_type` tests them."""
    region, number_type = _UNKNOWN_REGION, _UNKNOWN
    for name, leading, plan in _uk_plans():
        if leading is not None:
            if leading.match(national):
                region, number_type = name, plan.number_type(national)
                break
            continue
        found = plan.number_type(national)
        if found != _UNKNOWN:
            region, number_type = name, found
            break
    if number_type != _UNKNOWN:
        kind = _TYPES.get(number_type, "valid")
        return kind if region == "GB" else f"{kind}, {region or 'international'}"
    return "drama (Ofcom)" if _DRAMA.fullmatch(national) else None


_UNKNOWN_REGION: str | None = None


@lru_cache(maxsize=1)
def _uk_plans() -> tuple[tuple[str, re.Pattern[str] | None, _Plan], ...]:
    """(region, leading digits, plan) of each region sharing +44, in the library's order."""
    plans = []
    for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[44]:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region, None)
        if metadata is None:
            continue
        leading = None if metadata.leading_digits is None else re.compile(metadata.leading_digits)
        plans.append((region, leading, _Plan.of(metadata)))
    return tuple(plans)


_UNKNOWN = phonenumbers.PhoneNumberType.UNKNOWN
_SPECIAL_TYPES = (
    ("premium_rate", phonenumbers.PhoneNumberType.PREMIUM_RATE),
    ("toll_free", phonenumbers.PhoneNumberType.TOLL_FREE),
    ("shared_cost", phonenumbers.PhoneNumberType.SHARED_COST),
    ("voip", phonenumbers.PhoneNumberType.VOIP),
    ("personal_number", phonenumbers.PhoneNumberType.PERSONAL_NUMBER),
    ("pager", phonenumbers.PhoneNumberType.PAGER),
    ("uan", phonenumbers.PhoneNumberType.UAN),
    ("voicemail", phonenumbers.PhoneNumberType.VOICEMAIL),
)
"""The types a plan lists besides fixed lines and mobiles, in the order the library tries them."""


@dataclass(frozen=True, slots=True)
class _Desc:
    """One number type of a plan: the lengths it allows and its pattern, compiled once."""

    pattern: re.Pattern[str] | None
    lengths: frozenset[int]

    def holds(self, national: str) -> bool:
        if self.lengths and len(national) not in self.lengths:
            return False
        return self.pattern is not None and self.pattern.fullmatch(national) is not None


def _desc(desc: Any) -> _Desc | None:
    if desc is None:
        return None
    pattern = desc.national_number_pattern
    return _Desc(re.compile(pattern) if pattern else None, frozenset(desc.possible_length))


@dataclass(frozen=True, slots=True)
class _Plan:
    """A region's numbering plan, read from the library's metadata into compiled patterns:
    the library compiles (through its cache) each pattern every time it tests a number."""

    general: _Desc | None
    special: tuple[tuple[_Desc | None, int], ...]
    fixed_line: _Desc | None
    mobile: _Desc | None
    same_mobile_and_fixed_line: bool
    combined: re.Pattern[str] | None = None
    """Every test of `number_type` in one pattern (see `_combined`), where it can be built."""

    @classmethod
    def of(cls, metadata: Any) -> _Plan:
        plan = cls(
            general=_desc(metadata.general_desc),
            special=tuple((_desc(getattr(metadata, a)), kind) for a, kind in _SPECIAL_TYPES),
            fixed_line=_desc(metadata.fixed_line),
            mobile=_desc(metadata.mobile),
            same_mobile_and_fixed_line=bool(metadata.same_mobile_and_fixed_line_pattern),
        )
        return dataclasses.replace(plan, combined=_combined(plan))

    def number_type(self, national: str) -> int:
        """The type of the national significant number `national` in this plan, tested as
        the library tests it (`phonenumbers.number_type`)."""
        if self.combined is not None:
            found = self.combined.fullmatch(national)
            return _UNKNOWN if found is None else _KIND_OF_GROUP[found.lastgroup or ""]
        if self.general is None or not self.general.holds(national):
            return _UNKNOWN
        for desc, kind in self.special:
            if desc is not None and desc.holds(national):
                return kind
        if self.fixed_line is not None and self.fixed_line.holds(national):
            if self.same_mobile_and_fixed_line or (
                self.mobile is not None and self.mobile.holds(national)
            ):
                return phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE
            return phonenumbers.PhoneNumberType.FIXED_LINE
        if (
            not self.same_mobile_and_fixed_line
            and self.mobile is not None
            and self.mobile.holds(national)
        ):
            return phonenumbers.PhoneNumberType.MOBILE
        return _UNKNOWN


_FIXED_LINE_OR_MOBILE = phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE
_KIND_OF_GROUP = {
    **{f"special{i}": kind for i, (_, kind) in enumerate(_SPECIAL_TYPES)},
    "both": _FIXED_LINE_OR_MOBILE,
    "fixed": phonenumbers.PhoneNumberType.FIXED_LINE,
    "mobile": phonenumbers.PhoneNumberType.MOBILE,
}


def _test(desc: _Desc | None) -> str | None:
    """`desc.holds` as a pattern for a look-ahead at the start of the number (None: never)."""
    if desc is None or desc.pattern is None:
        return None
    pattern = f"(?:{desc.pattern.pattern})\\Z"
    if desc.lengths:
        lengths = "|".join(f"[0-9]{{{n}}}\\Z" for n in sorted(desc.lengths))
        pattern = f"(?=(?:{lengths})){pattern}"
    return pattern


def _combined(plan: _Plan) -> re.Pattern[str] | None:
    """One pattern making `number_type`'s tests in its order: the general description, then
    each special type, the fixed line (and mobile), the mobile. Each branch ends in an empty
    named group, which is then the match's last group and names the type. None where the
    plan's patterns do not combine (they are compiled alone and tested one by one)."""
    general = _test(plan.general)
    if general is None:
        return None
    branches = [
        f"(?={test})(?P<special{i}>)"
        for i, (desc, _) in enumerate(plan.special)
        if (test := _test(desc)) is not None
    ]
    fixed, mobile = _test(plan.fixed_line), _test(plan.mobile)
    if fixed is not None:
        if plan.same_mobile_and_fixed_line:
            branches.append(f"(?={fixed})(?P<both>)")
        else:
            if mobile is not None:
                branches.append(f"(?={fixed})(?={mobile})(?P<both>)")
            branches.append(f"(?={fixed})(?P<fixed>)")
    if mobile is not None and not plan.same_mobile_and_fixed_line:
        branches.append(f"(?={mobile})(?P<mobile>)")
    if not branches:
        return None
    try:
        return re.compile(f"(?={general})(?:{'|'.join(branches)})[0-9]*")
    except re.error:
        return None


_PLANS: dict[int, _Plan] = {}
"""Plans by the identity of the library's metadata object (which lives as long as the process)."""


def _type_in_plan(national: str, metadata: Any) -> int:
    plan = _PLANS.get(id(metadata))
    if plan is None:
        plan = _PLANS[id(metadata)] = _Plan.of(metadata)
    return plan.number_type(national)


def _region_and_type(parsed: phonenumbers.PhoneNumber) -> tuple[str | None, int]:
    """(`region_code_for_number`, `number_type`) of `parsed`, found the way the library finds
    them but testing the number against each plan once: the public calls test a UK number
    against the UK plan three times over, the costliest step of the detector."""
    code = parsed.country_code
    regions = None if code is None else phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code)
    if code is None or regions is None:
        return phonenumbers.region_code_for_number(parsed), phonenumbers.number_type(parsed)
    national = phonenumbers.national_significant_number(parsed)
    if len(regions) == 1:
        plan = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(code, regions[0])
        return regions[0], _UNKNOWN if plan is None else _type_in_plan(national, plan)
    for region in regions:  # several regions share the code (+44: GB, GG, IM, JE)
        plan = phonenumbers.PhoneMetadata.metadata_for_region(region, None)
        if plan is None:
            continue
        if plan.leading_digits is not None:
            if re.match(plan.leading_digits, national):
                return region, _type_in_plan(national, plan)
            continue
        number_type = _type_in_plan(national, plan)
        if number_type != _UNKNOWN:
            return region, number_type
    return None, _UNKNOWN


def _compact(value: str) -> str:
    digits = "".join(_DIGIT_GROUP.findall(value))
    return ("+" + digits) if value.startswith("+") else digits


class PhoneNumberDetector:
    """Proposes digit runs that start like a phone number; keeps those a numbering plan has."""

    name = "generic.phone_number"
    patterns: tuple[PatternSpec, ...] = (
        PatternSpec(name="phone-number", scan=_SCAN, exact=_EXACT, max_len=48),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        value = match.group(0)
        # the whole run, then its earlier groups that end at a space or line break: a run is
        # never cut inside "12-34" or "12.34", where the figure goes on
        ends = [len(value)] + [
            g.end()
            for g in reversed(list(_DIGIT_GROUP.finditer(value))[:-1])
            if value[g.end()] in " \t\u00a0\r\n"
        ]
        if value.startswith("00") and not _IDD_GROUP.match(value):
            return
        if _SPACED_BANK_DETAILS.match(value):
            return
        for end in ends[:_MAX_TRIES]:
            if _SORT_CODE_LAYOUT.search(value, 0, end):
                continue
            number = _compact(value[:end])
            if len(number.lstrip("+")) < _MIN_DIGITS:
                return
            kind = phone_number_kind(number)
            if kind is not None:
                yield self._entity(doc, match.start(), match.start() + end, value[:end], kind)
                return

    def _entity(self, doc: Document, start: int, end: int, value: str, kind: str) -> Entity:
        laid_out = not value.isdigit()
        raised, lowered = CONTEXT.find(doc, start, end)
        if _AFTER_FIGURE.search(doc.text, max(0, start - 3), start):
            lowered = (*lowered, "follows another figure")
        score = SCORE.of(
            checksum=True,
            raised=bool(raised),
            lowered=bool(lowered),
            shape=MEDIUM if laid_out else LOW,
        )
        if value.startswith("+"):
            pattern = "international"
        elif value.startswith("00"):
            pattern = "international (00)"
        else:
            pattern = "UK national"
        return Entity(
            type=EntityType.PHONE_NUMBER,
            start=start,
            end=end,
            score=score,
            explanation=Explanation(
                detector=self.name,
                pattern=pattern + ("" if laid_out else ", digits run together"),
                checksum="passed",
                raised_by=raised,
                lowered_by=lowered,
                note=kind,
            ),
        )


DETECTOR = PhoneNumberDetector()
