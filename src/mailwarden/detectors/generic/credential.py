"""CREDENTIAL: a secret written into a message, as one of four subtypes.

- `account_password`: a password (or memorable word, or login pair) after its label: "my
  password is X", "password: X", "username: jsmith password: X", "login details: jsmith / X".
- `file_password`: the same, where the words around it are about a file: "the password for
  the attachment is X", "password to open the spreadsheet: X". CCC-2.1e forbids disclosing
  account credentials, while a password for an attached file sent in a separate message is
  what the policies ask for; the subtype lets a rule tell the two apart.
- `pin`: four to eight digits after "PIN" (or a numeric passcode).
- `api_key`: keys and tokens by their issuers' prefixes and shapes (AWS, GitHub, GitLab,
  Slack, Stripe, Google, npm, PyPI, SendGrid, `sk-` keys, JSON Web Tokens, private key
  blocks), or a long, high-entropy string after "api key", "token", "secret" or "bearer".

The span is the secret itself, so masking hides exactly it; the label is named in the
explanation. A labelled value that is an ordinary word of the sentence ("the password is
required", "password: ********") is not a secret and is not reported.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, EntityType, Explanation
from ..scoring import Context, Score, words_pattern

__all__ = ["DETECTOR", "CredentialDetector", "entropy"]

ACCOUNT_PASSWORD = "account_password"
FILE_PASSWORD = "file_password"
PIN = "pin"
API_KEY = "api_key"

_QUOTES = "\"'“”‘’`"
_STRONG = (
    r"(?:(?:[ \t]*[:=]|[ \t]+(?:is|was|will be|has been set to)(?:[ \t]*:)?|[ \t]+[-–—])"
    r"[ \t]*(?:\r?\n[ \t]*)?(?:now[ \t]+|still[ \t]+|set to[ \t]+)?)"
)
"""A separator that says "what follows is the value": a colon, "=", "is", a spaced dash."""
_WEAK = r"(?:[ \t]*\r?\n[ \t]*|[ \t]+)"
_VALUE = (
    rf"(?:(?P<q>[{_QUOTES}])(?P<quoted>[^\r\n{_QUOTES}]{{1,64}})[{_QUOTES}]|(?P<bare>\S{{1,80}}))"
)

_PASSWORD = re.compile(
    r"(?<!\w)(?P<label>pass[ \-]?(?:word|wd|code|phrase)s?|pwd|memorable[ \t]+"
    r"(?:word|answer|information))"
    r"(?:(?P<gap>[ \t]+(?:for|to|of|on)[ \t]+[^\n:=.!?]{1,60}?)"
    rf"(?P<strong>{_STRONG})|(?P<strong0>{_STRONG})|{_WEAK})" + _VALUE,
    re.IGNORECASE,
)
_KEY_LABEL_SCAN = (
    r"(?:api[ _\-]?key|api[ _\-]?token|access[ _\-]?(?:key|token)|secret|"
    r"client[ _\-]?secret|auth[ _\-]?token|token|bearer)"
)
"""The key labels alone: the exact pattern reads the value after them. Spelling out the
separator and the value here as well made the shared byte scanner take a fifth of a second
longer to compile, for the few labels a message holds."""
_PASSWORD_SCAN = (
    r"(?:pass[ \-]?(?:word|wd|code|phrase)s?|pwd|memorable[ \t]+(?:word|answer|information))"
    r"[ \t\r\n:=]"
)
"""A password label and what follows it: the exact pattern decides whether a value does
(a stricter prefilter here costs the byte scanner more to compile than it saves)."""
_LOGIN_PAIR = re.compile(
    r"(?<!\w)(?P<label>(?:log[ \-]?in|log[ \-]?on|sign[ \-]?in|account)[ \t]+"
    r"(?:details|credentials)|credentials)"
    r"(?P<gap>[ \t]+(?:are|is|for[^\n:]{1,40}?))?[ \t]*:?[ \t]*(?:\r?\n[ \t]*)?"
    r"(?:user(?:name)?[ \t]*[:=]?[ \t]*)?(?P<user>[^\s/,|]{2,64})[ \t]*(?:/|,|\||\r?\n)[ \t]*"
    r"(?:pass(?:word)?[ \t]*[:=]?[ \t]*)?"
    rf"(?P<strong>){_VALUE}",
    re.IGNORECASE,
)
_PIN = re.compile(
    r"(?<!\w)(?P<label>pin)(?:[ \t]+(?:number|no\.?|code))?"
    rf"(?:(?P<strong>{_STRONG})|{_WEAK})"
    r"(?P<bare>\d{4,8})(?!\w)",
    re.IGNORECASE,
)
_GENERIC_KEY = re.compile(
    r"(?<![\w\-])(?P<label>api[ _\-]?key|api[ _\-]?token|access[ _\-]?(?:key|token)|"
    r"secret(?:[ _\-]?key)?|client[ _\-]?secret|auth[ _\-]?token|token|bearer)"
    r"(?:(?P<strong>[\"']?[ \t]*(?:is|:|=|=>)[ \t]*)|[ \t]+)"
    r"(?P<q>[\"']?)(?P<bare>[A-Za-z0-9+/_\-.~]{16,200}={0,2})(?![A-Za-z0-9+/_\-.~=])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Issuer:
    name: str
    scan: str
    exact: str
    score: float
    max_len: int = 256


_OPEN = r"(?<![A-Za-z0-9_\-])"
_CLOSE = r"(?![A-Za-z0-9_\-])"
_ISSUERS = (
    _Issuer("AWS access key ID", r"(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}", "", 0.9),
    _Issuer("GitHub token", r"gh[pousr]_[A-Za-z0-9]{36}", r"gh[pousr]_[A-Za-z0-9]{36,251}", 0.95),
    _Issuer(
        "GitHub fine-grained token",
        r"github_pat_[A-Za-z0-9_]{22}",
        r"github_pat_[A-Za-z0-9_]{22,244}",
        0.95,
    ),
    _Issuer("GitLab token", r"glpat-[A-Za-z0-9_\-]{20}", r"glpat-[A-Za-z0-9_\-]{20,64}", 0.95),
    _Issuer(
        "Slack token", r"xox[abposr]-[A-Za-z0-9\-]{10}", r"xox[abposr]-[A-Za-z0-9\-]{10,250}", 0.9
    ),
    _Issuer(
        "Stripe live key",
        r"(?:sk|rk)_live_[A-Za-z0-9]{16}",
        r"(?:sk|rk)_live_[A-Za-z0-9]{16,247}",
        0.95,
    ),
    _Issuer(
        "Stripe test key",
        r"(?:sk|rk)_test_[A-Za-z0-9]{16}",
        r"(?:sk|rk)_test_[A-Za-z0-9]{16,247}",
        0.7,
    ),
    _Issuer("Google API key", r"AIza[0-9A-Za-z_\-]{35}", "", 0.9),
    _Issuer("npm token", r"npm_[A-Za-z0-9]{36}", "", 0.95),
    _Issuer("PyPI token", r"pypi-[A-Za-z0-9_\-]{50}", r"pypi-[A-Za-z0-9_\-]{50,250}", 0.95),
    _Issuer(
        "SendGrid key",
        r"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}",
        "",
        0.95,
    ),
    _Issuer(
        "secret key (sk-)",
        r"sk-(?:proj-|ant-|live-)?[A-Za-z0-9_\-]{20}",
        r"sk-(?:proj-|ant-|live-)?[A-Za-z0-9_\-]{20,200}",
        0.85,
    ),
    _Issuer(
        "JSON Web Token",
        r"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8}",
        r"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}",
        0.85,
        max_len=2048,
    ),
)
_PRIVATE_KEY = re.compile(
    r"-----BEGIN (?P<kind>(?:[A-Z0-9]+ ){0,2})PRIVATE KEY-----"
    r"(?:[ \t]*\r?\n[ \t]*(?!-----)[A-Za-z0-9+/=:,\- ]{1,80}){1,120}"
    r"(?:[ \t]*\r?\n[ \t]*-----END (?P=kind)PRIVATE KEY-----)?"
)

_STOP_TEXT = """
    is are was were be been being the a an to for of and or not no required incorrect wrong
    expired expires reset changed change below above attached same sent in on at your my our
    their his her its correct case sensitive protected protect optional blank empty strong
    weak secure needed enclosed as following follows here there separately policy policies
    manager managers field box will would should must can could has have had that this it
    you we they i he she later tomorrow today via by with from please if when unchanged
    default hidden none n/a na null unknown tbc tba tbd again also only just never still
    now set sharing shared share private secret safe same-as-before different new old
    temporary expiring expiry reminder requirements rules length characters complexity
"""
_STOP_VALUES = frozenset(_STOP_TEXT.split())
"""Words that follow "password is" in a sentence about passwords rather than giving one."""
_MASKED = re.compile(r"^(?:[*•·x#_.\-]+|\[[^\]]*\]|<[^>]*>|\{[^}]*\}|\(.*\))$", re.IGNORECASE)
_TRAILING = ".,;:)]}>"

_FILE_WORDS = words_pattern(
    [
        "attachment",
        "attachments",
        "attached",
        "document",
        "documents",
        "doc",
        "file",
        "files",
        "spreadsheet",
        "workbook",
        "excel",
        "word document",
        "pdf",
        "zip",
        "zip file",
        "archive",
        "folder",
        "report",
        "encrypted",
        "password protected",
        "password-protected",
        "to open",
        "open it",
        "docx",
        "xlsx",
        "7z",
        "rar",
    ]
)
_ACCOUNT_WORDS = words_pattern(
    [
        "my password",
        "my login",
        "username",
        "user name",
        "user id",
        "userid",
        "login",
        "log in",
        "logon",
        "log on",
        "sign in",
        "account",
        "network",
        "windows",
        "computer",
        "laptop",
        "email password",
        "outlook",
        "portal",
        "system",
        "vpn",
        "wifi",
        "wi-fi",
        "online banking",
    ]
)
CONTEXT = Context(
    support=words_pattern(
        [
            "my",
            "username",
            "user name",
            "login",
            "log in",
            "login details",
            "logon",
            "sign in",
            "account",
            "credentials",
            "bank",
            "card",
            "debit",
            "online banking",
        ]
    ),
    contradict=words_pattern(
        [
            "an example",
            "example password",
            "e.g.",
            "for example",
            "such as",
            "sample",
            "placeholder",
            "dummy",
            "forgot",
            "forgotten",
            "reset link",
            "never share",
            "do not share",
            "don't share",
        ]
    ),
    before=60,
    after=30,
)
LABELLED = Score(shape=0.6, checksum_bonus=0.2, support_bonus=0.2)
"""After "is", ":" or "=": 0.6; a value that looks made up (mixed letters, digits,
symbols) +0.2; a word of ownership ("my", "username", "account") +0.2."""
WEAK_LABEL = 0.45
"""After a bare space ("password Summer2024!"): acted on only when the value looks made up."""
GENERIC_KEY = Score(shape=0.55, checksum_bonus=0.25, support_bonus=0.1)
"""A long string after "token" or "api key": acted on only with enough entropy."""
_MIN_ENTROPY = 3.0
_MIN_KEY = 16


def entropy(value: str) -> float:
    """Shannon entropy of `value` in bits per character."""
    if not value:
        return 0.0
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def _looks_made_up(value: str) -> bool:
    """Six characters or more mixing letters with digits or symbols, or with capitals past
    the first letter: "Summer2024!", "xY7kq", not "Rosebud"."""
    letters = any(c.isalpha() for c in value)
    others = any(not c.isalpha() for c in value)
    inner_capital = any(c.isupper() for c in value[1:]) and any(c.islower() for c in value)
    return len(value) >= 6 and ((letters and others) or inner_capital)


def _value_span(match: re.Match[str]) -> tuple[int, int] | None:
    """Where the secret is in `match` (quotes and trailing punctuation left out)."""
    group = "quoted" if match.groupdict().get("quoted") else "bare"
    start, end = match.span(group)
    if start < 0:
        return None
    if group == "bare":
        end = start + len(match.group(group).rstrip(_TRAILING))
    return (start, end) if end > start else None


def _is_a_word_of_the_sentence(value: str) -> bool:
    plain = value.strip(_QUOTES).lower()
    if plain in _STOP_VALUES or _MASKED.match(plain) or "password" in plain:
        return True
    if plain.startswith(("[", "<", "{", "(")):  # a placeholder: "[redacted]", "<your password>"
        return True
    # "protected", "changing": the sentence goes on, no value was given
    return plain.isalpha() and plain.endswith(("ed", "ing")) and len(plain) > 7


class CredentialDetector:
    """Labelled passwords and PINs, login pairs, and API keys by issuer or entropy."""

    name = "generic.credential"

    def __init__(self) -> None:
        labelled = (
            PatternSpec(
                name="password",
                scan=_PASSWORD_SCAN,
                exact=_PASSWORD,
                max_len=180,
                caseless=True,
            ),
            PatternSpec(
                name="login pair",
                scan=(
                    r"(?:log[ \-]?in|log[ \-]?on|sign[ \-]?in|account)[ \t]+"
                    r"(?:details|credentials)|credentials"
                ),
                exact=_LOGIN_PAIR,
                max_len=200,
                caseless=True,
            ),
            PatternSpec(
                name="pin",
                scan=r"pin[ \t\r\na-z.:=\-?]{1,20}\d{4}",
                exact=_PIN,
                max_len=40,
                caseless=True,
            ),
            PatternSpec(
                name="labelled key",
                scan=_KEY_LABEL_SCAN,
                exact=_GENERIC_KEY,
                max_len=240,
                caseless=True,
            ),
            PatternSpec(
                name="private key block",
                scan=r"-----BEGIN [A-Z0-9 ]{0,24}PRIVATE KEY-----",
                exact=_PRIVATE_KEY,
                max_len=10_000,
            ),
        )
        issuers = tuple(
            PatternSpec(
                name=issuer.name,
                scan=issuer.scan,
                exact=re.compile(_OPEN + (issuer.exact or issuer.scan) + _CLOSE),
                max_len=issuer.max_len,
            )
            for issuer in _ISSUERS
        )
        self.patterns: tuple[PatternSpec, ...] = labelled + issuers
        self._issuer_score = {issuer.name: issuer.score for issuer in _ISSUERS}

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        if spec.name in self._issuer_score:
            yield self._key(match.start(), match.end(), spec.name, self._issuer_score[spec.name])
        elif spec.name == "private key block":
            yield self._key(match.start(), match.end(), spec.name, 0.95)
        elif spec.name == "labelled key":
            yield from self._labelled_key(doc, match)
        else:
            yield from self._labelled(doc, match, spec)

    def _key(self, start: int, end: int, pattern: str, score: float) -> Entity:
        note = "key block" if pattern == "private key block" else "issuer prefix"
        return Entity(
            type=EntityType.CREDENTIAL,
            subtype=API_KEY,
            start=start,
            end=end,
            score=score,
            explanation=Explanation(detector=self.name, pattern=pattern, note=note),
        )

    def _labelled_key(self, doc: Document, match: re.Match[str]) -> Iterator[Entity]:
        value = match.group("bare")
        bits = entropy(value)
        digits_and_letters = any(c.isdigit() for c in value) and any(c.isalpha() for c in value)
        if len(value) < _MIN_KEY or bits < _MIN_ENTROPY or not digits_and_letters:
            return
        raised, lowered = CONTEXT.find(doc, match.start(), match.end())
        strong = bool(match.group("strong")) or match.group("label").lower() == "bearer"
        score = GENERIC_KEY.of(checksum=strong, raised=bool(raised), lowered=bool(lowered))
        yield Entity(
            type=EntityType.CREDENTIAL,
            subtype=API_KEY,
            start=match.start("bare"),
            end=match.end("bare"),
            score=score,
            explanation=Explanation(
                detector=self.name,
                pattern=f"after '{match.group('label').lower()}'",
                raised_by=raised,
                lowered_by=lowered,
                note=f"entropy {bits:.1f} bits/char",
            ),
        )

    def _labelled(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        span = _value_span(match)
        if span is None:
            return
        start, end = span
        value = doc.text[start:end]
        if _is_a_word_of_the_sentence(value):
            return
        groups = match.groupdict()
        strong = groups.get("strong") is not None or groups.get("strong0") is not None
        made_up = _looks_made_up(value)
        if not strong and not made_up and spec.name != "pin":
            return
        label = match.group("label").lower()
        subtype, why = self._subtype(doc, match, spec, value)
        raised, lowered = CONTEXT.find(doc, match.start(), end)
        score = LABELLED.of(
            checksum=made_up,
            raised=bool(raised),
            lowered=bool(lowered),
            shape=LABELLED.shape if strong else WEAK_LABEL,
        )
        yield Entity(
            type=EntityType.CREDENTIAL,
            subtype=subtype,
            start=start,
            end=end,
            score=score,
            explanation=Explanation(
                detector=self.name,
                pattern=f"after '{' '.join(label.split())}'",
                raised_by=raised,
                lowered_by=lowered,
                note=why,
            ),
        )

    @staticmethod
    def _subtype(
        doc: Document, match: re.Match[str], spec: PatternSpec, value: str
    ) -> tuple[str, str]:
        label = match.group("label").lower()
        if spec.name == "pin" or ("code" in label and value.isdigit()):
            return PIN, "a PIN"
        if spec.name == "login pair":
            return ACCOUNT_PASSWORD, "a login pair"
        gap = (match.groupdict().get("gap") or "").lower()
        if found := _FILE_WORDS.search(gap):
            return FILE_PASSWORD, f"a file is named ({found.group(0)})"
        if found := _ACCOUNT_WORDS.search(gap):
            return ACCOUNT_PASSWORD, f"an account is named ({found.group(0)})"
        clause = _clause_before(doc, match.start())
        if found := _ACCOUNT_WORDS.search(clause):
            return ACCOUNT_PASSWORD, f"an account is named ({found.group(0)})"
        if found := _FILE_WORDS.search(clause):
            return FILE_PASSWORD, f"a file is named ({found.group(0)})"
        nearby = doc.before(match.start(), _FILE_REACH) + " " + doc.after(match.end(), 40)
        if found := _FILE_WORDS.search(nearby):
            return FILE_PASSWORD, f"a file is named nearby ({found.group(0)})"
        return ACCOUNT_PASSWORD, "no file named"


_FILE_REACH = 160
"""How far back a mention of the attachment still explains a bare "Password: X"."""
_CLAUSE = re.compile(r"(?:[.!?;]\s|\n\s*\n)")


def _clause_before(doc: Document, start: int) -> str:
    window = doc.before(start, 80)
    stops = list(_CLAUSE.finditer(window))
    return window[stops[-1].end() :] if stops else window


DETECTOR = CredentialDetector()
