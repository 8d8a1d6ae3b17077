"""PERSON: people's names, found from a gazetteer and the words around them.

How it proposes, and why a `TextDetector`. Every sentence starts with a capital, so a pass
that stops at each capitalised word pays Python's per-match cost some 20,000 times a megabyte.
Instead one compiled regex (`_RUN`, with no look-behind so that the engine's own skip to the
next capital stays on) yields only *runs* of two or more capitalised words, joined by spaces,
one line break or a particle ("de", "van", "bin"), and single words with a possessive
("Jane's"); set look-ups then drop most runs ("Adult Social Care", "May I") before any word is
weighed. A lone capitalised word is a name only when something before it says so ("Hi,
Tamsin", "Kind regards,\\nJo", "pupil Kasia"): those few places come from the shared Hyperscan
scan, through `names.person_context`, which hands the run to `after_lead`. A Hyperscan
prefilter cannot stand in for the run pass, since the commonest evidence, a known forename
before a known surname, is a 30,000-name look-up that a pattern database would take seconds to
compile.

How it scores (the shared scale: LOW 0.3, MEDIUM 0.5, ACT 0.6, HIGH 0.85):

- a title before the name ("Mrs Oyelaran-Whitcombe", "Dr A. Patel"): HIGH, in or out of the
  gazetteer;
- a salutation or sign-off before it ("Dear Tamsin,", "Hi Kasia", "Kind regards,\\n\\nJo",
  also on a quoted "> " line), a label ("Name:", "Recorded by:", "Referred by:"), or the first
  cell of a row under a "Name" column of a pasted table: 0.7;
- forename + surname, both in the gazetteer: 0.8, or 0.7 when one of them is also an everyday
  word or place (*ambiguous*: "Grace", "May", "Hill", "Chelsea"), and 0.45 when both are
  ("Rose Hill", "Will Young"): that needs more evidence; the same for a surname, a comma and a
  forename ("Smith, Jane", "NOWAK, Tomasz", as mail clients and case lists write them);
- a known forename with an unknown word ("Ola Brzęczyszczykiewicz"): MEDIUM; an unknown word
  with a known surname: 0.45; two unknown capitalised words: 0.25, or 0.8 when the address
  after them holds one of them ("Ansell Thackwray <ansellthackwray41@...>"); an initial with
  a full stop and a surname, known or not ("J. Spencer", "H. Pellingham"): 0.6; a surname in
  capitals, a comma and a capitalised word ("WARSAMEH, Guuleed"): 0.7;
- a lone non-ambiguous forename is weak: 0.4 (0.35 opening a sentence) where it is left alone
  in a run ("Priya Team Manager"), 0.6 with a possessive ("Jane's"); a capitalised word
  standing alone is looked at only when a greeting, a label or a context word precedes it;
  a lone surname counts only with a title, a greeting or a context word, and unknown words
  never on their shape alone;
- a context word ("service user", "resident", "pupil", "tenant", "mother", ...) just before
  the name, or in the same sentence and line for a name with a gazetteer word or of two
  unknown words ("Jorrell Ashwell-Quenby (carer)"), adds 0.35 (so "service user Kasia
  Zielińska" and "pupil Tamsin" reach the action threshold even when neither word is known);
  "called", "named", "aka" or a label make an unknown lone word a name only beside such a
  word ("the child called Zorenne", not "also called Structured Storage"); "ltd", "&" or
  "road" right after the name takes 0.45 off.

What it leaves out. Organisation and place names: a run whose words end in an institution or
street word ("Norfolk County Council", "St Mary's School", "Elm Road") is not a person unless
a title leads it, nor is a name ending in a street word after a word of place ("works on
Wellington Lane"), nor a business named after a person ("the John Lewis voucher"); words from
the organisation list ("Team", "Services", "Care") end a name without spoiling a strong one
("Jane Smith Team Manager"). Months, days, job titles and everyday words break a run. ALL-CAPS
runs are headings unless a title leads them or they are two non-ambiguous gazetteer names.
Where the name sits (signature, greeting, third party) is for the rules to decide: every name
is reported.

Line breaks. A mail client wraps lines, so a name may continue on the next line: it does when
a title or a known forename ends one line and the next starts with a name ("Mrs Jane\\nExample",
"... to Jane\\nSmith about"). A name alone on its line followed by a job title or an
organisation on the next ("Jane Smith\\nTeam Manager") stays just the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..document import Document
from ..entity import Entity, EntityType, Explanation
from ..scoring import HIGH, Score
from ._gazetteer import Gazetteer, fold, gazetteer

__all__ = ["CONTEXT_WORDS", "DETECTOR", "ORGANISATION_WORDS", "SAINTS", "PersonDetector"]


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u1e00-\u1eff"
_TOKEN = rf"[{_UPPER}](?:\w{{0,3}}+\.|\w{{0,24}}+(?:[\-'’](?!s\b)\w{{1,24}}+){{0,3}}+)"
"""A capitalised word, with inner hyphens and apostrophes ("Oyelaran-Whitcombe", "N'Diaye") but
not a possessive's; a full stop stays with a short word ("Mr.", "J.") so that a run does not go
on into the next sentence ("... on Friday. Will you ..."). Possessive, bounded repeats keep
every attempt short: a 100,000-letter line of capitals is read in linear time."""
_PARTICLES = _set(
    "al ap bin binti bint da das de del della den der di do dos du el ibn la le mac ní nic "
    "ó ter ten van von y"
)
_GAP = r"(?:[ \t\u00a0]|\r?\n)[ \t\u00a0]*+(?:[a-zíó]{1,5} )?"
"""Between two words of a run: spaces, one line break, and maybe a particle ("de", "bin"),
matched loosely here and checked against `_PARTICLES` in Python (a list of alternatives in
the pattern would cost the whole scan a fifth of its speed)."""
_RUN = re.compile(rf"{_TOKEN}(?:(['’]s)\b|(,)[ \t]?(?=[{_UPPER}])|(?:{_GAP}{_TOKEN})+)")
"""Two or more capitalised words, one with a possessive, or one with a comma and another after
it ("Smith, Jane", as mail clients write names): lone capitalised words (most of them, since
every sentence starts with one) never reach Python. A lone name is found from
the greeting or context word before it, by `names.person_context`."""
_RUN_ANY = re.compile(rf"{_TOKEN}(?:{_GAP}{_TOKEN})*")
_WORD = re.compile(_TOKEN)
_NOT_A_NAME = re.compile(r"[\d_]")

TITLES = _set(
    "mr mrs ms miss mx dr prof professor sir dame lady lord rev revd reverend cllr councillor fr"
)
SALUTATIONS = _set("dear hi hello hey hiya morning afternoon evening")
SIGN_OFFS = _set("thanks cheers regards wishes sincerely faithfully")
SAINTS = frozenset({"st", "saint", "ste", "san", "santa"})
"""Words before a place or church name, not a person: "St Mary's", "Santa Cruz"."""
INSTITUTION_WORDS = _set(
    """
    council county borough district parish school schools academy college university nursery
    hospital hospitals trust surgery clinic centre center pharmacy ltd limited plc llp inc
    mosque synagogue gurdwara cathedral library museum station airport estate foundation
    association society partnership agency authority fund
    hotel inn arms pub restaurant cafe café shop store stores supermarket police constabulary
    government ministry tribunal court prison federation union club league alliance forum
    network institute commission
    """
)
"""Words that end an organisation or place name: the words before them are part of it."""
ORGANISATION_WORDS = INSTITUTION_WORDS | _set(
    """
    service services care advice citizens team teams group department directorate unit
    committee board panel office project programme partnership nhs hmrc dwp
    """
)
"""Words that end a name without making it an organisation ("Jane Smith Team Manager")."""
_FUNCTION = _set(
    """
    i a an the and or but if of in on at to for from by with as is it its this that these
    those there here we you he she they me us him her them my our your his their what when
    where who why how which please thanks thank yes no not all any some each every also just
    so then now today tomorrow yesterday re fw fwd subject cc bcc ok okay dear kind best
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep
    sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    """
)
CONTEXT_WORDS = (
    "client",
    "clients",
    "service user",
    "resident",
    "pupil",
    "student",
    "learner",
    "child",
    "young person",
    "baby",
    "tenant",
    "patient",
    "claimant",
    "applicant",
    "customer",
    "mother",
    "mum",
    "father",
    "dad",
    "parent",
    "carer",
    "foster carer",
    "guardian",
    "grandmother",
    "grandfather",
    "nan",
    "grandma",
    "grandad",
    "son",
    "daughter",
    "brother",
    "sister",
    "husband",
    "wife",
    "partner",
    "aunt",
    "uncle",
    "nephew",
    "niece",
    "stepfather",
    "stepmother",
    "stepson",
    "stepdaughter",
    "named",
    "called",
    "known as",
    "aka",
    "neighbour",
    "victim",
    "perpetrator",
    "witness",
    "deceased",
    "the late",
    "social worker",
    "key worker",
    "support worker",
    "colleague",
    "employee",
    "aged",
    "dob",
    "date of birth",
    "born",
)
_CONTRADICT = frozenset({"road", "street", "avenue", "ltd", "limited", "plc", "inc", "llp", "&"})
_CONTEXT_SINGLE = frozenset(w for w in CONTEXT_WORDS if " " not in w)
_CONTEXT_PHRASES = tuple(w for w in CONTEXT_WORDS if " " in w)
_PHRASE_ENDS = frozenset(p.rsplit(None, 1)[-1] for p in _CONTEXT_PHRASES)
_ENDINGS = (",", ".", ":", ";", ")", "!", "?", "'s", "’s", "),", ").", '"', "”", "'")
_WINDOW_WORD = {
    opening + word + end: word
    for word in _CONTEXT_SINGLE
    for opening in ("", "(", '"', "'", "“")
    for end in ("", *_ENDINGS)
}
"""A context word as `str.split` leaves it, with the punctuation that may follow it -> the word."""
_CONTRADICT_WORD = {
    variant: word for word in _CONTRADICT for variant in (word, *(word + e for e in _ENDINGS))
}
_WINDOW_KEYS = frozenset(
    opening + word + end
    for word in _CONTEXT_SINGLE | _PHRASE_ENDS | _CONTRADICT
    for opening in ("", "(", '"', "'", "“")
    for end in ("", *_ENDINGS)
)
"""Context words as `str.split` leaves them, with the punctuation that may follow them."""
_LEAD_WORDS = frozenset({*CONTEXT_WORDS, *SALUTATIONS, *SIGN_OFFS, "thank you", "love"})
"""Words that, right before a capitalised word, make it a name (checked in lower case)."""
_LABELS = frozenset(
    {
        "name",
        "full name",
        "client name",
        "contact name",
        "child's name",
        "signed",
        "from",
        "to",
        "cc",
        "contact",
        "attendees",
        "present",
        "author",
        "officer",
        "case worker",
        "caseworker",
        "recorded by",
        "referred by",
        "completed by",
        "prepared by",
        "submitted by",
        "written by",
        "reported by",
        "requested by",
        "approved by",
        "assessed by",
        "allocated to",
        "assigned to",
    }
)
"""Labels that count with a colon after them ("Name: ...", "Recorded by: ...")."""
_WEAK_LEADS = (
    _LABELS
    | _set("called named aka born aged dob")
    | {
        "known as",
        "date of birth",
        "the late",
    }
)
"""Words that make a known name likelier but do not make an unknown word a name on their own
("also called Structured Storage", "Name: Faker")."""
_STRONG_LEAD = SALUTATIONS | SIGN_OFFS | _LABELS | {"thank you", "love"}
_SIGN_OFF_LEADS = SIGN_OFFS | {"thank you", "love"}
_LEAD_LAST = frozenset(w.rsplit(None, 1)[-1] for w in _LEAD_WORDS | _LABELS)
_LEADING_WORDS = TITLES | SALUTATIONS | SIGN_OFFS
_LEAD_TAIL = " \t\r\n:,(-–—>"  # ">": a quoted line of an earlier message
_ADDRESSEES = _set(
    """
    sir madam all everyone colleague colleagues customer customers resident residents parent
    parents carer carers friend friends member members partner partners there folks guys
    client clients pupil pupils tenant tenants patient patients applicant applicants
    maintainers admin administrator enquiries helpdesk noreply reception bookings
    notifications alerts digest newsletter unsubscribe copyright mailbox webmaster
    """
)
"""Words a greeting or a sender's name may hold that are no name ("Dear Colleague", "Hi All",
"Debian Libc Maintainers <...>")."""
_POSSESSIVE = ("'s", "’s")

SCORE = Score()
_TITLE = HIGH
_SALUTATION = 0.7
_PAIR = 0.8
_PAIR_ONE_AMBIGUOUS = 0.7
_PAIR_BOTH_AMBIGUOUS = 0.45
_FORENAME_UNKNOWN = 0.5
_UNKNOWN_SURNAME = 0.45
_INITIAL_SURNAME = 0.6
_UNKNOWN = 0.25
_FORENAME = 0.4
_FORENAME_SENTENCE_START = 0.35
_POSSESSIVE_BONUS = 0.2
_CAPS_PENALTY = 0.1
_MAX_NAME_WORDS = 4
_SHAPED = re.compile(r"(?:Mc|Mac|O'|O’|Fitz)[A-Z]")
_CAMEL = re.compile(r"[a-z][A-Z]")


_MAILBOX_AFTER = re.compile(r"[ \t]*[<(\[][\"']?([\w.+'-]+)@")
_BUSINESS = 0.3
_BUSINESSES = frozenset(
    {
        "john lewis",
        "ted baker",
        "harvey nichols",
        "dorothy perkins",
        "laura ashley",
        "jack wills",
        "ronald mcdonald",
        "tommy hilfiger",
        "calvin klein",
        "ralph lauren",
        "hugo boss",
    }
)
"""Businesses named after a person: a shop more often than a person in council mail."""
_STREET_SURNAMES = _set(
    "bank bridge brook close court croft cross end field fields gardens gate green grove heath "
    "hill lane mead meadow meadows park place rise row side vale view walk way wood"
)
"""Street words that are also surnames: "John Hill", but "on Wellington Lane"."""
_PLACE_PREPOSITIONS = _set("on at in along off near via into onto opposite past outside")


def _on_a_street(lower: str, start: int, last: str) -> bool:
    """Whether a name ending in a street word follows a word of place ("works on Elm Lane")."""
    if last not in _STREET_SURNAMES:
        return False
    before = lower[max(0, start - 12) : start].split()
    return bool(before) and before[-1] in _PLACE_PREPOSITIONS


_CELL_END = re.compile(r"\t| ?\| ")
_NAME_HEADER = re.compile(
    r"(?:^|\n)(?:full name|client name|name|surname|forename|client|resident|tenant|pupil"
    r"|child|patient|applicant|service user)(?:\t| ?\| )"
)
_PLAIN = re.compile(r"[a-z]+ [a-z]+")
_TITLE_CASE = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+")
_NOT_PLAIN = TITLES | SALUTATIONS | SIGN_OFFS | SAINTS | ORGANISATION_WORDS | _PARTICLES
"""Words that send even a two-word run of listed names to the full weighing."""


class _NotANameError(Exception):
    """A capitalised word shaped like no name."""


_MEMO_SIZE = 50_000
"""Entries a look-up memo keeps before it starts again (a few MB at most)."""
_UNSEEN = object()


@dataclass(frozen=True, slots=True)
class _Lookup:
    """What a capitalised word says on its own: the parts of `_Word` that do not depend on
    where it stands."""

    lower: str  # the word lower-cased as the document has it (the memo's check)
    key: str
    forename: bool
    surname: bool
    ambiguous: bool
    shaped: bool
    initial: bool
    caps: bool
    full_stop: bool


@dataclass(slots=True)
class _Word:
    """One capitalised word of a run, looked up."""

    start: int
    end: int
    key: str  # lower case; possessive and full stop removed
    forename: bool = False
    surname: bool = False
    ambiguous: bool = False
    shaped: bool = False  # a Mc / Mac / O' surname not in the gazetteer
    initial: bool = False
    caps: bool = False
    possessive: bool = False
    full_stop: bool = False
    line_start: bool = False

    @property
    def known(self) -> bool:
        return self.forename or self.surname


@dataclass(slots=True)
class _Segment:
    """Words that may be one name, and what leads them."""

    words: list[_Word]
    lead: str = ""  # "title" or "salutation"
    lead_word: str = ""
    lead_caps: bool = False  # "MS Windows" is no title


class PersonDetector:
    """Capitalised runs, split into candidate names and weighed (see the module docstring)."""

    name = "names.person"
    names: Gazetteer
    skip: frozenset[str]
    _forenames: frozenset[str]
    _surnames: frozenset[str]
    _ambiguous: frozenset[str]
    _streets: frozenset[str]
    _words: frozenset[str]
    _ambiguous_names: frozenset[str]

    def __init__(self, names: Gazetteer | None = None) -> None:
        self._given = names
        self._ready = False
        self._worth: dict[str, bool | None] = {}
        """`_worth_weighing` by run: headings, sign-offs and names recur from mail to mail."""
        self._looked_up: dict[str, _Lookup] = {}
        """What `_word` finds for a word, by the word as written (see `_Lookup`)."""

    def _load(self) -> None:
        names = self._given or gazetteer()
        self.names = names
        self._forenames = names.forenames
        self._surnames = names.surnames
        self._ambiguous = names.ambiguous
        self._streets = names.streets
        self._words = names.words
        everyday = names.words | _FUNCTION | _ADDRESSEES
        self.skip = frozenset(
            w for w in everyday if w not in names.forenames and w not in names.surnames
        ) | (ORGANISATION_WORDS | names.streets | TITLES | SALUTATIONS | SIGN_OFFS | SAINTS)
        self._ambiguous_names = names.ambiguous - self.skip
        self._ready = True

    def load(self) -> PersonDetector:
        """Read the gazetteer now rather than on the first scan."""
        if not self._ready:
            self._load()
        return self

    def _worth_weighing(self, key: str) -> bool | None:
        """`_weigh_run_words` for `key`, remembered (bounded: forgotten all at once when full)."""
        worth = self._worth.get(key, _UNSEEN)
        if worth is _UNSEEN:
            if len(self._worth) >= _MEMO_SIZE:
                self._worth.clear()
            worth = self._worth[key] = self._weigh_run_words(key)
        return worth  # type: ignore[return-value]

    def _weigh_run_words(self, key: str) -> bool | None:
        """True for a run with a title, a greeting, a non-ambiguous name or two ambiguous ones
        side by side; False for one with an unknown word, which its context decides; None when
        nothing can make it a name."""
        words = key.split()
        if "." in key or "'" in key or "’" in key:
            words = [w.rstrip(".").replace("’", "'").removesuffix("'s") for w in words]
        skip = self.skip
        if skip.issuperset(words):
            return None  # the commonest case: "Adult Social Care", "The Council", "Dear Sir"
        if len(words) < 4 and words[-1] in skip and words[0] not in _LEADING_WORDS:
            last = words[-1]
            if last in INSTITUTION_WORDS or last in self._streets:
                return None  # "Elm Road", "Norfolk County Council", "Gorleston Library"
        if not SAINTS.isdisjoint(words):  # "St Mary's School": the saint is no person
            words = [w for i, w in enumerate(words) if not (i and words[i - 1] in SAINTS)]
        found = self._forenames.intersection(words) | self._surnames.intersection(words)
        if found and not self._ambiguous.issuperset(found):
            return True
        if not _LEADING_WORDS.isdisjoint(words):
            return True
        ambiguous = self._ambiguous_names
        if _FUNCTION.isdisjoint(words):
            if len(ambiguous.intersection(words)) > 1:
                return True
        else:
            seen = 0  # "May at County Hall": two ambiguous names, but not side by side
            for word in words:
                if word in ambiguous:
                    seen += 1
                    if seen > 1:
                        return True
                elif word in _FUNCTION:
                    seen = 0
        # False: a word that is neither everyday nor listed, which its context may make a name;
        # None: one ambiguous name among everyday words ("May I", "The Grace"), which none can
        return False if not skip.issuperset(set(words) - found) else None

    def scan(self, doc: Document) -> Iterator[Entity]:
        if not self._ready:
            self._load()
        skip, forenames, ambiguous = self.skip, self._forenames, self._ambiguous
        worth_weighing, weigh = self._worth_weighing, self._weigh
        lower = doc.lower
        found: list[Entity] = []
        for match in _RUN.finditer(doc.text):
            start, end = match.span()
            if start and lower[start - 1].isalnum():
                continue  # inside a word: "iPhone"
            if match.start(1) >= 0:  # one word and a possessive: "Jane's"
                key = lower[start : end - 2]
                if key in skip or (
                    (key not in forenames or key in ambiguous) and not _leading(lower, start)
                ):
                    continue
            elif match.start(2) >= 0:  # "Smith, Jane"
                entity = self._inverted(doc, start, match.start(2), end)
                if entity is not None:
                    found.append(entity)
                continue
            else:
                key = lower[start:end]
                if lower[end : end + 1] == ",":
                    # "Received\nTYLER, Chelsea": a row's first cell under a header line (not
                    # "Jane Smith, Tom Jones", where the comma separates two names)
                    last = max(lower.rfind(" ", start, end), lower.rfind("\n", start, end)) + 1
                    if lower[last - 1] == "\n":
                        after = end + 1 + (lower[end + 1 : end + 2] == " ")
                        inverted = self._inverted(doc, last, end, after)
                        if inverted is not None:
                            found.append(inverted)
                worth = worth_weighing(key)
                if worth is None or (
                    not worth
                    and not _leading(lower, start)
                    and not _unknown_hint(lower, start, end)
                ):
                    continue  # "Adult Social Care", "May I", "Norfolk County Council"
                plain, pair = self._plain_pair(doc, start, end, key)
                if plain:  # the commonest name: two listed words and one space
                    if pair is not None:
                        found.append(pair)
                    continue
            weigh(doc, start, end, found)
        return iter(found)

    def _plain_pair(
        self, doc: Document, start: int, end: int, key: str
    ) -> tuple[bool, Entity | None]:
        """(True, its entity) for a run of two listed names and one space ("Jane Smith"),
        scored as `_weigh` would score it without splitting it into words; (False, None) for a
        run that is not that plain."""
        if key.count(" ") != 1 or not _PLAIN.fullmatch(key):
            return False, None
        first, last = key.split(" ")
        forenames, surnames = self._forenames, self._surnames
        if not (first in forenames or first in surnames) or not (
            last in forenames or last in surnames
        ):
            return False, None
        if first in _NOT_PLAIN or last in _NOT_PLAIN or last in self._streets:
            return False, None
        if not _TITLE_CASE.fullmatch(doc.text, start, end):
            return False, None  # capitals inside or ALL CAPS: the full weighing decides
        if key in _BUSINESSES or _on_a_street(doc.lower, start, last):
            return False, None
        ambiguous = [w for w in (first, last) if w in self._ambiguous]
        shape = (_PAIR, _PAIR_ONE_AMBIGUOUS, _PAIR_BOTH_AMBIGUOUS)[len(ambiguous)]
        pattern = "forename + surname"
        raised: tuple[str, ...] = ()
        support = False
        leading = _leading(doc.lower, start)
        if leading in _STRONG_LEAD:
            if shape < _SALUTATION:
                shape, pattern = _SALUTATION, "salutation + name"
            raised = (leading,)
        elif leading:
            raised, support = (leading,), True
        note = "ambiguous: " + ", ".join(ambiguous) if ambiguous else ""
        entity = self._entity(
            doc,
            start,
            end,
            shape=shape,
            pattern=pattern,
            raised=raised,
            support=support,
            note=note,
            known=True,
        )
        return True, entity

    def _inverted(self, doc: Document, start: int, comma: int, after: int) -> Entity | None:
        """A surname, a comma and a forename, as mail clients and lists write names."""
        surname = doc.lower[start:comma]
        official = comma - start > 2 and doc.text[start:comma].isupper()  # "NOWAK, Tomasz"
        if surname in self.skip or (
            not official and surname not in self._surnames and "-" not in surname
        ):
            return None
        token = _WORD.match(doc.text, after)
        if token is None:
            return None
        lower = doc.lower
        first = self._word(doc.text, lower, token.start(), token.end(), False)
        last = self._word(doc.text, lower, start, comma, False)
        if not last.key or not first.key or first.key in self.skip or first.caps:
            return None
        if official:  # a surname in capitals, a comma, a capitalised word
            shape = _PAIR if first.forename else _SALUTATION
        elif (
            not first.forename
            or not (last.surname or last.shaped)
            or (first.ambiguous and last.ambiguous)
        ):
            return None
        else:
            shape = _PAIR_ONE_AMBIGUOUS if first.ambiguous or last.ambiguous else _PAIR
        ambiguous = [w.key for w in (last, first) if w.ambiguous]
        note = "ambiguous: " + ", ".join(ambiguous) if ambiguous else ""
        return self._entity(
            doc,
            start,
            first.end,
            shape=shape,
            pattern="surname, forename",
            raised=(),
            support=False,
            note=note,
            known=True,
        )

    def after_lead(self, doc: Document, start: int) -> list[Entity]:
        """The names in the capitalised run at `start`, which a greeting or context word
        precedes (what `names.person_context` proposes)."""
        if not self._ready:
            self._load()
        found: list[Entity] = []
        run = _RUN_ANY.match(doc.text, start)
        word = _WORD.match(doc.text, start)
        if run is not None and word is not None and word.end() == run.end():
            self._weigh(doc, start, run.end(), found)  # two words or more: `scan` reads them
        return found

    def _weigh(self, doc: Document, start: int, end: int, found: list[Entity]) -> None:
        """Add the entities of the capitalised run `text[start:end]` to `found`."""
        text, lower = doc.text, doc.lower
        words: list[_Word] = []
        previous = -1
        for token in _WORD.finditer(text, start, end):
            at = token.start()
            if previous < 0:
                line_start = _line_start(text, at)
            else:
                gap = text[previous:at]
                line_start = "\n" in gap
                if not gap.isspace() and gap.strip() not in _PARTICLES:
                    self._add(doc, words, found)  # "London and Paris": two runs
                    words = []
            previous = token.end()
            words.append(self._word(text, lower, at, previous, line_start))
        self._add(doc, words, found)

    def _add(self, doc: Document, words: list[_Word], found: list[Entity]) -> None:
        if not words:
            return
        run_caps = True
        for word in words:
            if not (word.caps or word.initial):
                run_caps = False
                break
        for segment in self._segments(words):
            entity = self._score(doc, segment, run_caps)
            if entity is not None:
                found.append(entity)

    # -- words ---------------------------------------------------------------------------

    def _word(self, text: str, lower: str, start: int, end: int, line_start: bool) -> _Word:
        raw = text[start:end]
        found = self._looked_up.get(raw)
        if found is None or found.lower != lower[start:end]:
            if len(self._looked_up) >= _MEMO_SIZE:
                self._looked_up.clear()
            found = self._looked_up[raw] = self._look_up(raw, lower[start:end])
        possessive = False
        if found.full_stop:
            end -= 1
        elif lower[end : end + 2] in _POSSESSIVE and not lower[end + 2 : end + 3].isalnum():
            possessive = True
        return _Word(
            start,
            end,
            found.key,
            found.forename,
            found.surname,
            found.ambiguous,
            found.shaped,
            found.initial,
            found.caps,
            possessive,
            found.full_stop,
            line_start,
        )

    def _look_up(self, written: str, lower: str) -> _Lookup:
        """What a word says on its own, wherever it stands (`written` as in the text,
        `lower` its lower-cased form in the document)."""
        key = lower
        full_stop = False
        raw = written
        if key[-1] == ".":
            key, raw, full_stop = key[:-1], raw[:-1], True
        if "’" in key:
            key = key.replace("’", "'")
        forename = key in self._forenames
        surname = key in self._surnames
        shaped = False
        if not (forename or surname):
            if _NOT_A_NAME.search(key):
                key = ""  # a code ("A1", "COVID-19") or a broken word: it ends the name
            else:
                try:
                    forename, surname, shaped = self._unlisted(key, raw)
                except _NotANameError:
                    key = ""
        return _Lookup(
            lower,
            key,
            forename,
            surname,
            key in self._ambiguous,
            shaped,
            len(key) == 1,
            len(raw) > 1 and raw.isupper(),
            full_stop,
        )

    def _unlisted(self, key: str, raw: str) -> tuple[bool, bool, bool]:
        """(forename, surname, Mc/Mac/O' shape) for a word not in the lists as written."""
        forenames, surnames = self._forenames, self._surnames
        if not key.isascii():
            folded = fold(key)
            if folded in forenames or folded in surnames:
                return folded in forenames, folded in surnames, False
        if "-" in key:
            parts = key.split("-")
            if all(p in forenames or p in surnames for p in parts):
                return parts[0] in forenames, parts[-1] in surnames, False
        if _SHAPED.match(raw) is not None:
            return False, False, True
        if _CAMEL.search(raw) is not None:
            raise _NotANameError  # "ClearML", "PowerPoint": a product, not a person
        return False, False, False

    # -- segments ------------------------------------------------------------------------

    def _segments(self, words: list[_Word]) -> list[_Segment]:
        """Split one run into candidate names, dropping organisation and place names."""
        out: list[_Segment] = []
        current = _Segment([])
        spoiled = False  # what follows a saint's name is a church or a school: "St Mary's"
        for word in words:
            key = word.key
            known = word.forename or word.surname
            if current.words and word.line_start and not _joins(current, word):
                if not spoiled:
                    out.append(current)
                current, spoiled = _Segment([]), False
            if key in TITLES and not (current.words and known):
                if current.words and not spoiled:
                    out.append(current)
                current, spoiled = _Segment([], "title", key, word.caps), False
                continue
            if (key in SALUTATIONS or key in SIGN_OFFS) and not current.words:
                current, spoiled = _Segment([], "salutation", key), False
                continue
            if key in SAINTS:
                if current.words and not spoiled:
                    out.append(current)
                current, spoiled = _Segment([]), True
                continue
            if key in ORGANISATION_WORDS or (key in self._streets and not word.surname):
                # "Norfolk County Council", "Elm Road": the words before are the place's name
                final = key in INSTITUTION_WORDS or key in self._streets
                if (
                    current.words
                    and not spoiled
                    and (current.lead == "title" or (not final and _strong(current)))
                ):
                    out.append(current)
                current, spoiled = _Segment([]), False
                continue
            if not known and (
                not key
                or (
                    not word.initial
                    and key in self.skip
                    and not (current.lead == "title" and key in self._words)
                )
                or (word.caps and not word.initial)
                or (word.initial and key in ("i", "a") and not current.lead and not word.full_stop)
            ):
                if current.words and not spoiled:
                    out.append(current)
                current, spoiled = _Segment([]), False
                continue
            current.words.append(word)
            if (word.possessive or word.full_stop) and not word.initial:
                if not spoiled:
                    out.append(current)
                current, spoiled = _Segment([]), False
        if current.words and not spoiled:
            out.append(current)
        return out

    # -- scores --------------------------------------------------------------------------

    def _score(self, doc: Document, segment: _Segment, run_caps: bool) -> Entity | None:
        words = segment.words
        # an unknown word before a known forename is a sentence's first word: "Following Jane"
        while (
            len(words) > 1
            and not segment.lead
            and not (words[0].forename or words[0].surname or words[0].shaped or words[0].initial)
            and words[1].forename
            and not words[1].ambiguous
        ):
            words = words[1:]
        while words and words[-1].initial:
            words = words[:-1]  # no trailing initial
        named = [w for w in words if not w.initial]
        if not named or len(named) > _MAX_NAME_WORDS:
            return None
        start, end = words[0].start, words[-1].end
        first, last = named[0], named[-1]
        note = ""
        raised: tuple[str, ...] = ()
        support = False
        unknown = not (first.forename or first.surname or last.surname or last.shaped)
        if segment.lead == "title" and not (segment.lead_caps and unknown and not run_caps):
            shape, pattern = _TITLE, "title + name"
            raised = (segment.lead_word,)
        else:
            shape, pattern = _shape(doc, words, named)
            if run_caps:
                if pattern != "forename + surname" or first.ambiguous or last.ambiguous:
                    return None  # an ALL-CAPS heading
                shape -= _CAPS_PENALTY
                note = "all capitals"
            leading = (segment.lead != "title" and segment.lead_word) or _leading(doc.lower, start)
            if unknown and leading in _WEAK_LEADS and not (leading in _LABELS and len(named) > 1):
                # "the child called Zorenne" but not "also called Structured Storage"
                window = tuple(
                    w for w in _context(doc.lower, start, end)[0] if w not in _WEAK_LEADS
                )
                if not window:
                    return None
                raised, support, leading = (leading, *window), True, ""
            if leading in _STRONG_LEAD or segment.lead == "salutation":
                if shape < _SALUTATION:
                    shape, pattern = _SALUTATION, "salutation + name"
                raised = (leading,)
            elif leading:
                raised, support = (leading,), True
        if segment.lead != "title" and _on_a_street(doc.lower, start, last.key):
            return None
        if unknown and shape < HIGH:
            shape, pattern, raised, support = self._unknown_evidence(
                doc, words, named, shape=shape, pattern=pattern, raised=raised, support=support
            )
        elif " ".join(w.key for w in named) in _BUSINESSES and segment.lead != "title":
            shape, pattern = _BUSINESS, "a business's name"  # "the John Lewis voucher"
        if shape <= 0 or (shape <= _UNKNOWN and not raised):
            return None  # unknown words with nothing to say they are a name
        ambiguous = [w.key for w in named if w.ambiguous]
        if ambiguous:
            note = "; ".join(filter(None, (note, "ambiguous: " + ", ".join(ambiguous))))
        known = not unknown
        return self._entity(
            doc,
            start,
            end,
            shape=shape,
            pattern=pattern,
            raised=raised,
            support=support,
            note=note,
            known=known,
        )

    def _unknown_evidence(
        self,
        doc: Document,
        words: list[_Word],
        named: list[_Word],
        *,
        shape: float,
        pattern: str,
        raised: tuple[str, ...],
        support: bool,
    ) -> tuple[float, str, tuple[str, ...], bool]:
        """More evidence for words the gazetteer does not know: an initial with a full stop
        ("H. Pellingham"), an address after them whose mailbox holds one of them ("Ansell
        Thackwray <ansellthackwray41@...>"), or, for two or more name-shaped words, a context
        word in the same sentence ("Jorrell Ashwell-Quenby (carer)")."""
        start, end = words[0].start, words[-1].end
        name_shaped = all(w.key not in self._words for w in named)
        if (
            len(named) == 1
            and name_shaped
            and len(named[0].key) > 2
            and any(w.initial and w.full_stop for w in words)
            and shape < _INITIAL_SURNAME
        ):
            shape, pattern = _INITIAL_SURNAME, "initial + name"
        mailbox = _MAILBOX_AFTER.match(doc.lower, end)
        if mailbox is not None:
            local = fold(mailbox.group(1))
            if any(len(w.key) > 2 and fold(w.key).replace("'", "") in local for w in named):
                if shape < _PAIR:
                    shape, pattern = _PAIR, "name + own address"
                raised += ("address",)
            elif not support and len(named) > 1:
                raised, support = (*raised, "address"), True
        if len(named) > 1 and name_shaped and not support:
            window = tuple(w for w in _context(doc.lower, start, end)[0] if w not in _WEAK_LEADS)
            if window:
                raised, support = (*raised, *window), True
        if name_shaped and shape < _SALUTATION and _name_column(doc.lower, start, end):
            shape, pattern = _SALUTATION, "name column"
            raised += ("name column",)
        return shape, pattern, raised, support

    def _entity(
        self,
        doc: Document,
        start: int,
        end: int,
        *,
        shape: float,
        pattern: str,
        raised: tuple[str, ...],
        support: bool,
        note: str,
        known: bool,
    ) -> Entity | None:
        """The entity, with the context words of its sentence weighed in for a known name."""
        lowered: tuple[str, ...] = ()
        if known and shape < HIGH:
            window, lowered = _context(doc.lower, start, end)
            if window:
                support = True
                raised = tuple(dict.fromkeys(raised + window))
        score = SCORE.of(checksum=None, raised=support, lowered=bool(lowered), shape=shape)
        if score <= 0:
            return None
        return Entity(
            type=EntityType.PERSON,
            start=start,
            end=end,
            score=score,
            explanation=Explanation(
                detector=self.name,
                pattern=pattern,
                raised_by=raised,
                lowered_by=lowered,
                note=note,
            ),
        )


def _strong(segment: _Segment) -> bool:
    """A title, or a forename and a surname that are not both everyday words."""
    named = [w for w in segment.words if not w.initial]
    return (
        len(named) >= 2
        and named[0].forename
        and (named[-1].surname or named[-1].shaped)
        and not (named[0].ambiguous and named[-1].ambiguous)
    )


def _joins(segment: _Segment, word: _Word) -> bool:
    """Whether a name on one line goes on at the start of the next (a wrapped line)."""
    if segment.lead == "title" and len(segment.words) <= 1:
        return True
    last = segment.words[-1]
    return (
        len(segment.words) == 1
        and last.forename
        and not last.ambiguous
        and not last.line_start
        and (word.surname or word.shaped)
        and not word.ambiguous
    )


def _shape(doc: Document, words: list[_Word], named: list[_Word]) -> tuple[float, str]:
    """The score the words alone earn, and what they are."""
    first, last = named[0], named[-1]
    if len(named) == 1:
        word = named[0]
        if len(words) > 1 and (word.surname or word.shaped):
            return (_UNKNOWN_SURNAME if word.ambiguous else _INITIAL_SURNAME), "initial + surname"
        if word.forename and not word.ambiguous:
            shape = _FORENAME_SENTENCE_START if _starts_sentence(doc, word) else _FORENAME
            if word.possessive:
                return shape + _POSSESSIVE_BONUS, "forename + possessive"
            return shape, "forename"
        if word.known or word.shaped:
            return 0.0, "surname"  # only with a title, a salutation or a context word
        return _UNKNOWN, "unknown word"
    first_known = first.forename or first.surname
    last_known = last.surname or last.shaped or last.forename
    if first_known and last_known and all(w.known or w.shaped or w.initial for w in words):
        if first.ambiguous and last.ambiguous:
            return _PAIR_BOTH_AMBIGUOUS, "forename + surname"
        if first.ambiguous or last.ambiguous:
            return _PAIR_ONE_AMBIGUOUS, "forename + surname"
        return _PAIR, "forename + surname"
    if first.forename:
        return (_UNKNOWN if first.ambiguous else _FORENAME_UNKNOWN), "forename + unknown"
    if last.surname or last.shaped:
        return (_UNKNOWN if last.ambiguous else _UNKNOWN_SURNAME), "unknown + surname"
    return _UNKNOWN, "unknown words"


def _leading(lower: str, start: int) -> str:
    """The context word, greeting or label just before `start` (same or previous line)."""
    window = lower[max(0, start - 32) : start]
    found = _LEADING.get(window)
    if found is None:
        if len(_LEADING) >= _MEMO_SIZE:
            _LEADING.clear()
        found = _LEADING[window] = _leading_in(window)
    return found


_LEADING: dict[str, str] = {}
"""`_leading_in` by window: the same few words stand before names in mail after mail
("Dear ", "From: ", "Kind regards,\n")."""


def _leading_in(window: str) -> str:
    """`_leading` of the 32 characters before a name."""
    head = window.rstrip(_LEAD_TAIL)
    parts = head.rsplit(None, 1)
    if not parts:  # only whitespace before the name (e.g. a no-break space the tail kept)
        return ""
    last = parts[-1].lstrip("(\"'")
    if last not in _LEAD_LAST:
        last = last.replace("’", "'").removesuffix("'s")
        if last not in _LEAD_LAST:
            return ""
    tail = window[len(head) :]
    lines = tail.count("\n")
    words = head.replace("’", "'").rsplit(None, 3)
    for size in (3, 2, 1):
        if len(words) < size:
            continue
        phrase = " ".join(words[-size:]).lstrip("(\"'").removesuffix("'s")
        if lines > 1 and not (lines == 2 and phrase in _SIGN_OFF_LEADS):
            continue  # a sign-off may stand a blank line above the name, nothing else
        if phrase in _LEAD_WORDS or (phrase in _LABELS and ":" in tail):
            return phrase
    return ""


def _unknown_hint(lower: str, start: int, end: int) -> bool:
    """Whether unknown capitalised words may still be a name: an initial before them, an
    address after them, a context word in their sentence, or a table's name column
    (`_unknown_evidence` decides)."""
    return (
        lower[start + 1 : start + 3] == ". "
        or _MAILBOX_AFTER.match(lower, end) is not None
        or bool(_context(lower, start, end)[0])
        or _name_column(lower, start, end)
    )


def _name_column(lower: str, start: int, end: int) -> bool:
    """Whether `lower[start:end]` is the first cell of a row, under a header line whose first
    cell is a name ("Name\tDOB\tNHS No" or "Name | DOB | ..."): a pasted spreadsheet."""
    start = lower.rfind("\n", start, end) + 1 or start  # the run's last line
    if (start and lower[start - 1] != "\n") or lower[end : end + 1] not in ("\t", " ", "|"):
        return False
    if not _CELL_END.match(lower, end):
        return False
    return _NAME_HEADER.search(lower, max(0, start - 3000), start) is not None


def _context(lower: str, start: int, end: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Context words in the same sentence and line, within 40 characters before and 20 after
    (a line break ends a form's field or a table's row, and a wrapped sentence loses little)."""
    before = lower[max(0, start - 40) : start]
    after = lower[end : end + 20]
    words = before.split()
    later = after.split()
    if _WINDOW_KEYS.isdisjoint(words) and _WINDOW_KEYS.isdisjoint(later):
        return (), ()  # most names: nothing around them either way
    cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "), before.rfind("\n"))
    if cut >= 0:
        before = before[cut + 1 :]
        words = before.split()
    stops = [i for i in map(after.find, (". ", "? ", "! ", "\n")) if i >= 0]
    if stops:
        after = after[: min(stops)]
        later = after.split()
    raised = sorted({_WINDOW_WORD[w] for w in words + later if w in _WINDOW_WORD})
    raised += [p for p in _CONTEXT_PHRASES if p in before or p in after]
    lowered = [_CONTRADICT_WORD[later[0]]] if later and later[0] in _CONTRADICT_WORD else []
    return tuple(raised), tuple(lowered)


def _line_start(text: str, start: int) -> bool:
    """Whether only spaces stand between the start of the line and `start`."""
    before = text[max(0, start - 12) : start]
    return start == 0 or ("\n" in before and not before.rsplit("\n", 1)[1].strip())


def _starts_sentence(doc: Document, word: _Word) -> bool:
    """Whether `word` opens a sentence or a line (where any word is capitalised)."""
    before = doc.text[max(0, word.start - 8) : word.start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n:"


DETECTOR = PersonDetector()
