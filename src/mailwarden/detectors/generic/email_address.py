"""EMAIL_ADDRESS: an addr-spec (RFC 5321/5322, with RFC 6531's Unicode) written in text.

An address is a local part (a dot-atom, or a quoted string), an @ and a domain of at least
two labels ending in an alphabetic top-level label (any script, or an `xn--` A-label), or an
address literal (`[192.0.2.1]`). It may stand alone, after `mailto:`, or in angle brackets
after a display name; the span is always the address itself.

The shape is distinctive, so an address is acted on without a supporting word. Three look-
alikes are not addresses: the user part of a URL's authority (`https://user:pw@host/`), an
scp-style repository remote (`git@github.com:org/repo.git`), and a high-resolution image name
(`logo@2x.png`, or any "domain" whose last label is a file extension).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import PatternSpec
from ..document import Document
from ..entity import Entity, EntityType, Explanation
from ..scoring import Context, Score, words_pattern

__all__ = ["DETECTOR", "EmailAddressDetector"]

_ATEXT = r"[\w!#$%&'*+\-~]"
"""Local-part characters: RFC 5322 atext less those (`/ = ? ^ { | }`) that, in prose or a
URL, mark a boundary far more often than they appear in a real mailbox name."""
_DOT_ATOM = rf"\w{_ATEXT}*(?:\.{_ATEXT}+)*"
_QUOTED = r'"(?:[^"\\\r\n]|\\[^\r\n]){1,62}"'
_LABEL = r"[^\W_](?:[\w\-]{0,61}[^\W_])?"
_TOP = r"(?:[^\W\d_]{2,63}|xn--[a-zA-Z0-9\-]{2,59})"
_LITERAL = r"\[(?:\d{1,3}\.){3}\d{1,3}\]"

_EXACT = re.compile(
    rf"(?:(?<![\w.+\-%])(?P<local>{_DOT_ATOM})|(?<![\w\"])(?P<quoted>{_QUOTED}))"
    rf"@(?P<domain>(?:{_LABEL}\.)+{_TOP}|{_LITERAL})"
    r"(?![\w\-]|\.[^\W_])"
)
_SCAN = r"(?:[\w!#$%&'*+\-~.\x80-\xff?]{1,64}|\"[^\"\r\n]{1,64}\")@[\w\x80-\xff?\[]"

_URL_AUTHORITY = re.compile(r"[a-z][a-z0-9+.\-]*://[^\s/?#@]*$")
"""What precedes an address that is really the user part of a URL."""
_SCP_REMOTE = re.compile(r":[\w~/.\-]")
"""What follows an address that is really `user@host:path`."""
_FILE_EXTENSIONS = frozenset(
    {
        "png",
        "jpg",
        "jpeg",
        "gif",
        "bmp",
        "svg",
        "webp",
        "ico",
        "tif",
        "tiff",
        "heic",
        "css",
        "js",
        "json",
        "txt",
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "htm",
        "html",
        "xml",
        "csv",
    }
)
_SCALE = re.compile(r"^\d+(?:\.\d+)?x\.[a-z0-9]{2,4}$", re.IGNORECASE)
"""`logo@2x.png`, `icon@1.5x.webp`: a device-pixel-ratio suffix, not a domain."""

CONTEXT = Context(
    support=words_pattern(
        [
            "email",
            "e-mail",
            "mail",
            "mailto",
            "email address",
            "contact",
            "reply to",
            "write to",
            "send to",
            "cc",
        ]
    ),
    contradict=re.compile(r"(?!)"),  # nothing makes an address less of an address
)
SCORE = Score(shape=0.75, support_bonus=0.2)
"""An address is distinctive on its own (0.75); a supporting word takes it to 0.95."""

_MAX_LOCAL = 64
_MAX_ADDRESS = 254


def _not_an_address(doc: Document, start: int, end: int, domain: str) -> str:
    """Why this address-shaped span is something else ("" when it is an address)."""
    top = domain.rsplit(".", 1)[-1].lower()
    if top in _FILE_EXTENSIONS or _SCALE.match(domain):
        return "a file name"
    if _URL_AUTHORITY.search(doc.before(start, 200)):
        return "the user part of a URL"
    if _SCP_REMOTE.match(doc.text, end):
        return "an scp-style remote"
    return ""


class EmailAddressDetector:
    """Proposes `local@domain` shapes; drops URL user parts, remotes and image names."""

    name = "generic.email_address"
    patterns: tuple[PatternSpec, ...] = (
        PatternSpec(name="addr-spec", scan=_SCAN, exact=_EXACT, max_len=260),
    )

    def validate(self, doc: Document, match: re.Match[str], spec: PatternSpec) -> Iterator[Entity]:
        local = match.group("local") or match.group("quoted")
        domain = match.group("domain")
        if len(local) > _MAX_LOCAL or match.end() - match.start() > _MAX_ADDRESS:
            return
        if _not_an_address(doc, match.start(), match.end(), domain):
            return
        raised, lowered = CONTEXT.find(doc, match.start(), match.end())
        if doc.lower.endswith("mailto:", 0, match.start()):
            raised = (*raised, "mailto:") if "mailto" not in raised else raised
        pattern = "quoted local part" if match.group("quoted") else "dot-atom"
        if domain.startswith("["):
            pattern += ", address literal"
        elif not domain.isascii():
            pattern += ", Unicode domain"
        yield Entity(
            type=EntityType.EMAIL_ADDRESS,
            start=match.start(),
            end=match.end(),
            score=SCORE.of(checksum=None, raised=bool(raised), lowered=bool(lowered)),
            explanation=Explanation(
                detector=self.name,
                pattern=pattern,
                raised_by=raised,
                lowered_by=lowered,
            ),
        )


DETECTOR = EmailAddressDetector()
