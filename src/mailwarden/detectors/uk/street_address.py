"""STREET_ADDRESS: a house number or name, a street name and a street type (Road, Lane,
Close, ...), with whatever follows of the same address block: flat, town and county lines,
and a postcode.

An address in mail is written on one line ("Flat 3, 12 Elm Road, Norwich NR1 9ZZ") or on
several, as on an envelope; the span covers the whole block, so masking hides all of it.
What makes it someone's address is the house: a number ("12", "12a", "12-14") or a house
name ("Rose Cottage", "Nelson House") before the street. A street on its own ("Elm Road is
closed") is a place, not an address: it is reported only when a supporting word before it
("address", "lives at") says it is someone's address. Beside a postcode alone it stays a
place, and the postcode is reported by itself.

Town lines are taken while they look like place names: capitalised words (with "upon",
"on", "le", ... between them), each ending its line or followed by a comma or the
postcode; a sign-off ("Kind regards") or a header word ("Tel", "Email") ends the block.
Street names must be capitalised (or all capitals): "12 elm road" is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, EntityType, Explanation
from ..scoring import LOW, Context, Score, words_pattern
from ..shapes import alternatives
from .postcode import POSTCODE

__all__ = ["DETECTOR", "STREET_TYPES", "StreetAddressDetector"]

STREET_TYPES = (
    "Road",
    "Rd",
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Lane",
    "Ln",
    "Close",
    "Cl",
    "Drive",
    "Dr",
    "Way",
    "Crescent",
    "Cres",
    "Gardens",
    "Gdns",
    "Place",
    "Pl",
    "Court",
    "Ct",
    "Terrace",
    "Terr",
    "Tce",
    "Grove",
    "Gr",
    "Hill",
    "Row",
    "Walk",
    "Square",
    "Sq",
    "Mews",
    "Rise",
    "Parade",
    "Pde",
    "Green",
    "Park",
    "View",
    "Vale",
    "Gate",
    "Wharf",
    "Quay",
    "Boulevard",
    "Chase",
    "Croft",
    "Yard",
    "Approach",
    "Circus",
    "Embankment",
    "Esplanade",
    "Grange",
    "Heights",
    "Meadow",
    "Meadows",
    "Fields",
    "Hollow",
    "Wynd",
    "Loke",
    "Chare",
    "Broadway",
    "Passage",
    "Alley",
    "Causeway",
    "Bank",
    "Ridge",
    "Common",
    "End",
    "Lea",
    "Dale",
)
"""Street types, Royal Mail's common thoroughfare words and their usual abbreviations."""
_HOUSE_WORDS = (
    "Cottage",
    "Cottages",
    "House",
    "Farm",
    "Farmhouse",
    "Lodge",
    "Barn",
    "Barns",
    "Hall",
    "Manor",
    "Mill",
    "Villa",
    "Bungalow",
    "Rectory",
    "Vicarage",
    "Oast",
    "Granary",
    "Chapel",
    "Court",
    "Mansions",
    "Buildings",
    "Works",
)
_LEAD_WORDS = (
    "Flat",
    "Apartment",
    "Apt",
    "Unit",
    "Suite",
    "Room",
    "Studio",
    "Maisonette",
    "Block",
    "Floor",
)
_COUNTRY = r"(?:UK|U\.K\.|United Kingdom|England|Scotland|Wales|Northern Ireland|GB)"
_STOP = (
    "Kind",
    "Regards",
    "Best",
    "Many",
    "Thanks",
    "Thank",
    "Yours",
    "Dear",
    "Hi",
    "Hello",
    "Cheers",
    "Sincerely",
    "Please",
    "Tel",
    "Telephone",
    "Phone",
    "Mobile",
    "Mob",
    "Email",
    "E-mail",
    "Fax",
    "Web",
    "Website",
    "Sent",
    "From",
    "To",
    "Subject",
    "Date",
    "Cc",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "This",
    "It",
    "We",
    "I",
    "He",
    "She",
    "They",
    "Our",
    "My",
    "Your",
    "Note",
    "NB",
    "PS",
    "Ref",
    "Re",
    "Opening",
    "Open",
    "Closed",
)


def _either_case(words: tuple[str, ...]) -> str:
    return alternatives([*words, *(w.upper() for w in words)])


_TYPE = rf"(?:{_either_case(STREET_TYPES)})"
_HOUSE = rf"(?:{_either_case(_HOUSE_WORDS)})"
_LEAD = rf"(?:{_either_case(_LEAD_WORDS)})"
_STOPS = rf"(?:{_either_case(_STOP)})"

_SP = r"[ \t\u00a0]"
_BREAK = rf"(?:{_SP}*\r?\n{_SP}*)"
_GAP = rf"(?:{_SP}+|{_BREAK})"
"""Between words of one address part: spaces, or a line break where it wrapped."""
_PART = rf"(?:,{_SP}*(?:\r?\n{_SP}*)?|{_BREAK}|,?{_SP}+)"
"""Between parts of the address: a comma, a line break, or spaces."""
_WORD = r"[A-Z][\w'’\-]*+\.?+"
"""A capitalised word. Possessive: what follows a word is a space or a line break, which no
shorter part of the word could meet, so giving letters back only costs time."""
_NUMBER = r"\d{1,4}+[A-Za-z]?(?:[ \t]?[-–][ \t]?\d{1,4}[A-Za-z]?)?"
_CONNECTOR = r"(?:upon|on|le|in|by|under|de|the|next|super|cum|en|sub)"
_PLACE_WORD = rf"(?!{_STOPS}\b)[A-Z][\w'’\-]*+"
_LOCALITY = rf"{_PLACE_WORD}(?:(?:{_SP}+{_CONNECTOR})?{_SP}+{_PLACE_WORD}){{0,3}}"
_LOCALITY_END = rf"(?=,|{_SP}*\r?\n|{_SP}*$|\.(?:\s|$)|{_SP}+{POSTCODE}(?![\w\-]))"

_EXACT = re.compile(
    r"(?<![\w'’\-/.,])"
    rf"(?P<lead>{_LEAD}\.?{_SP}*(?:No\.?{_SP}*)?[0-9A-Z]{{1,4}}{_PART})?"
    rf"(?P<house>(?:{_WORD}{_SP}+){{1,3}}{_HOUSE}{_PART})?"
    rf"(?P<number>{_NUMBER},?{_SP}+)?"
    rf"(?P<street>(?:{_WORD}{_GAP}){{1,4}}{_TYPE}\b(?:\.(?=,))?)"
    rf"(?P<places>(?:{_PART}{_LOCALITY}{_LOCALITY_END}){{0,4}})"
    rf"(?:{_PART}(?P<postcode>{POSTCODE})(?![\w\-])(?:{_PART}{_COUNTRY}\b)?)?",
)

_SCAN_TYPE = rf"\b(?:{_TYPE})\b"
"""The street type alone: the prefilter anchors on it and the exact pattern reads back to the
house number (`before`). A prefilter spelling out number + words + type took the shared byte
scanner most of a second to compile; a literal list takes milliseconds."""
_SCAN_FLAT = rf"\b{_LEAD}\b"
"""A flat or unit word: the exact pattern reads on to the street from there."""
_SCAN_HOUSE = rf"\b(?:{_HOUSE})\b"
"""A house word (Cottage, Farm, House): the exact pattern reads back to the name."""
_SCAN_REACH = 40
"""How far after a supporting word a bare street is looked for (the context window)."""
_READ_BACK = 120
"""How far before a street type or house word the address may start."""
_HOUSE_NUMBER = re.compile(r"\d[A-Za-z]?,?[ \t\u00a0]+[A-Z]")
"""A house number's last digit and the first letter of the street after it: what an address
that the street type proposes needs before the type, since one without a number is proposed
by the flat, house-name or supporting-word pattern instead (see `validate`)."""

_NUMBERED_SPEC = "numbered-address"
_FLAT_SPEC = "flat-address"
_HOUSE_SPEC = "house-name-address"
_BARE_SPEC = "addressed-street"

_FILLER = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "of",
        "to",
        "this",
        "that",
        "my",
        "our",
        "your",
        "their",
        "his",
        "her",
        "its",
        "no",
        "any",
        "every",
        "each",
        "best",
        "right",
        "wrong",
        "same",
        "other",
        "only",
        "one",
        "new",
    ]
)
"""Words that do not name a street by themselves ("The Way", "Best Way", "No Way")."""

_SUPPORT_WORDS = (
    "address",
    "home address",
    "postal address",
    "correspondence address",
    "lives at",
    "living at",
    "live at",
    "resides at",
    "residing at",
    "resident at",
    "moved to",
    "c/o",
    "care of",
    "staying at",
    "deliver to",
    "send to",
    "forwarding address",
)
CONTEXT = Context(
    support=words_pattern(_SUPPORT_WORDS),
    contradict=words_pattern(
        [
            "closed",
            "closure",
            "road closure",
            "roadworks",
            "road works",
            "diversion",
            "junction",
            "traffic",
            "bus route",
            "bus stop",
            "speed limit",
            "car park",
        ]
    ),
    before=40,
    after=30,
)
SCORE = Score(shape=0.7, checksum_bonus=0.2, support_bonus=0.35)
NUMBERED = 0.7
"""A house number (or flat) and a street: someone's address."""
NAMED = 0.65
"""A house name and a street."""
BARE = LOW
"""A street alone: a place, reported only after a supporting word (+0.35: 0.65); a postcode
in the block adds 0.2."""


def _is_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1800 <= int(number) <= 2100


class StreetAddressDetector:
    """Proposes house + street + street type; extends the span over the rest of the block."""

    name = "uk.street_address"
    patterns: tuple[PatternSpec, ...] = (
        PatternSpec(
            name=_NUMBERED_SPEC,
            scan=_SCAN_TYPE,
            exact=_EXACT,
            max_len=200,
            before=_READ_BACK,
            requires=_HOUSE_NUMBER,
        ),
        PatternSpec(name=_FLAT_SPEC, scan=_SCAN_FLAT, exact=_EXACT, max_len=240),
        PatternSpec(
            name=_HOUSE_SPEC, scan=_SCAN_HOUSE, exact=_EXACT, max_len=240, before=_READ_BACK
        ),
        PatternSpec(
            name=_BARE_SPEC,
            scan="(?:" + "|".join(re.escape(w) for w in _SUPPORT_WORDS) + ")",
            exact=_EXACT,
            max_len=200,
            caseless=True,
            reach=_SCAN_REACH,
        ),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        number = (match.group("number") or "").strip(" ,\t\u00a0")
        if _is_year(number):
            number = ""
        if match.group("lead"):
            owner = _FLAT_SPEC
        elif match.group("house"):
            owner = _HOUSE_SPEC
        elif number:
            owner = _NUMBERED_SPEC
        else:
            owner = _BARE_SPEC
        if spec.name != owner:
            return  # each block is reported by the one pattern that proposes it first
        street = match.group("street")
        name_words = street.split()[:-1]
        if match.group("lead") or number:
            shape, pattern = NUMBERED, "house number and street"
        elif match.group("house"):
            shape, pattern = NAMED, "house name and street"
        else:
            if all(w.lower().strip(".") in _FILLER for w in name_words):
                return
            shape, pattern = BARE, "street name only"
        start = match.start()
        if shape == BARE or (match.group("number") and not number):
            start = match.start("street")
        end = match.end()
        postcode = match.group("postcode") is not None
        places = [p for p in re.split(r"[,\n]", match.group("places") or "") if p.strip()]
        raised, lowered = CONTEXT.find(doc, start, match.end("street"))
        if shape == BARE and not raised:
            return  # a place: "Elm Road is closed"
        notes = [f"{len(places)} town or county part(s)"] if places else []
        if postcode:
            notes.append("postcode")
        yield Entity(
            type=EntityType.STREET_ADDRESS,
            start=start,
            end=end,
            score=SCORE.of(
                checksum=postcode, raised=bool(raised), lowered=bool(lowered), shape=shape
            ),
            explanation=Explanation(
                detector=self.name,
                pattern=pattern,
                raised_by=raised,
                lowered_by=lowered,
                note=", ".join(notes),
            ),
        )


DETECTOR = StreetAddressDetector()
