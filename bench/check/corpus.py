"""Seeded generator of realistic outgoing council mail, as RFC 5322 bytes, no attachments.

Run:  .venv/bin/python bench/check/corpus.py [--seed 20260105] [--count 2000] [--mbox FILE]

Every message is sent from a Norfolk County Council officer (norfolk.gov.uk) to a mix of
recipients: colleagues at the council, partners at `*.example`, NHS staff at nhs.net and
members of the public at gmail.com (invented local parts), with Cc on some. The body is one
to a few documents of bench/pii's labelled generator (case notes, referrals, replies with
quoted history, pasted tables, payments, clean minutes and invoices ...), then the officer's
signature block and sometimes quoted history; most are plain text, some
multipart/alternative with an HTML part. Subjects are generic, or carry a name or a case
number.

Two sets: `typical` (the natural size mix) and `20kb` (each message padded with more
documents until the whole message is 18–22 KB). The same seed always gives the same bytes.
"""

from __future__ import annotations

import argparse
import html
import mailbox
import random
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pii"))

from gen_builder import Builder
from gen_clean_docs import CLEAN_KINDS
from gen_names import NameSource, Person, fold
from gen_pii_docs import PII_KINDS, Ctx, signature
from generate import CLEAN_SHARE, DEFAULT_SEED

__all__ = ["DEFAULT_SEED", "SIZE_20KB", "Mail", "generate", "summary", "write_mbox"]

COUNCIL = "norfolk.gov.uk"
PARTNERS = (
    "carehomes.example",
    "riverside-surgery.example",
    "broadland-housing.example",
    "norwich-school.example",
    "advocacy-trust.example",
    "legal.partners.example",
)
SIZE_20KB = (18_000, 22_000)
"""Bounds of the padded set's message size in bytes."""

_TEAMS = ("Adult Social Care", "Children's Services", "Housing Options", "Revenues & Benefits")
_GENERIC_SUBJECTS = (
    "Meeting notes",
    "Update",
    "Follow up from this morning",
    "Information requested",
    "Action points",
    "Weekly report",
    "Referral",
    "Your enquiry",
    "Documents for review",
    "Safeguarding strategy meeting",
)
_NAME_SUBJECTS = ("Referral - {}", "Re: {} - home visit", "{} housing application", "RE: {}")
_CASE_SUBJECTS = ("LCS {}", "Case ref {}", "Re: LAS {} review", "Liquidlogic ID {} - update")


@dataclass(frozen=True, slots=True)
class Mail:
    """One generated message: its bytes and what it was made of (for the report)."""

    data: bytes
    html: bool
    recipients: tuple[str, ...]
    documents: int

    @property
    def size(self) -> int:
        return len(self.data)


def _local_part(rng: random.Random, person: Person, *, public: bool) -> str:
    first, last = fold(person.forename).lower(), fold(person.surname).lower()
    first = "".join(ch for ch in first if ch.isalnum()) or "x"
    last = "".join(ch for ch in last if ch.isalnum()) or "y"
    if not public:
        return f"{first}.{last}"
    shape = rng.randrange(4)
    if shape == 0:
        return f"{first}{last}{rng.randint(1, 99)}"
    if shape == 1:
        return f"{first[0]}{last}{rng.randint(60, 99)}"
    if shape == 2:
        return f"{first}.{last}"
    return f"{last}.{first}{rng.randint(1, 9)}"


def _address(rng: random.Random, person: Person, kind: str) -> str:
    """`Display Name <local@domain>` for a recipient of `kind`."""
    if kind == "internal":
        return f"{person.full} <{_local_part(rng, person, public=False)}@{COUNCIL}>"
    if kind == "partner":
        domain = rng.choice(PARTNERS)
        return f"{person.full} <{_local_part(rng, person, public=False)}@{domain}>"
    if kind == "nhs":
        return f"{person.full} <{_local_part(rng, person, public=False)}@nhs.net>"
    return f"{person.full} <{_local_part(rng, person, public=True)}@gmail.com>"


def _recipients(rng: random.Random, names: NameSource) -> tuple[list[str], list[str]]:
    """To and Cc: mostly one or two addressees, Cc on about a third."""
    kinds = ("internal", "partner", "nhs", "public")
    weights = (40, 25, 15, 20)
    to = [
        _address(rng, names.person(rng, "A"), rng.choices(kinds, weights)[0])
        for _ in range(rng.choices((1, 2, 3), (70, 22, 8))[0])
    ]
    cc: list[str] = []
    if rng.random() < 0.35:
        cc = [
            _address(rng, names.person(rng, "A"), rng.choices(kinds, (60, 20, 15, 5))[0])
            for _ in range(rng.choice((1, 1, 2)))
        ]
    return to, cc


def _subject(rng: random.Random, names: NameSource) -> str:
    roll = rng.random()
    if roll < 0.2:
        person = names.person(rng, rng.choice("AB"))
        label = person.full if rng.random() < 0.5 else f"{person.title(rng)} {person.surname}"
        return rng.choice(_NAME_SUBJECTS).format(label)
    if roll < 0.35:
        return rng.choice(_CASE_SUBJECTS).format(rng.randint(10_000, 9_999_999))
    return ("Re: " if rng.random() < 0.3 else "") + rng.choice(_GENERIC_SUBJECTS)


def _document(rng: random.Random, names: NameSource) -> str:
    """One document of bench/pii's generator, drawn with its own mix of kinds."""
    if rng.random() < CLEAN_SHARE:
        kind = rng.choices(list(CLEAN_KINDS), [w for _, w in CLEAN_KINDS.values()])[0]
        return CLEAN_KINDS[kind][0](rng).text()
    kind = rng.choices(list(PII_KINDS), [w for _, w in PII_KINDS.values()])[0]
    return PII_KINDS[kind][0](Ctx(rng, names, rng.choice("AB"))).text()


def _signature(rng: random.Random, names: NameSource, officer: Person) -> str:
    return signature(Builder(), Ctx(rng, names, officer.source), officer).text()


def _quoted(rng: random.Random, names: NameSource, when: datetime) -> str:
    """Earlier mail under the reply: Outlook's header block or `On ... wrote:` with `> `."""
    writer = names.person(rng, "A")
    earlier = _document(rng, names)
    stamp = (when - timedelta(days=rng.randint(0, 9), minutes=rng.randint(5, 600))).strftime(
        "%d %B %Y %H:%M"
    )
    if rng.random() < 0.5:
        head = (
            f"\n-----Original Message-----\nFrom: {writer.full} "
            f"<{_local_part(rng, writer, public=False)}@{rng.choice(PARTNERS)}>\n"
            f"Sent: {stamp}\nTo: {_TEAMS[rng.randrange(len(_TEAMS))]} <team@{COUNCIL}>\n"
            "Subject: RE: Update\n\n"
        )
        return head + earlier
    lines = earlier.splitlines()
    return f"\nOn {stamp}, {writer.full} wrote:\n" + "\n".join(f"> {line}" for line in lines)


def _to_html(text: str) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "".join(
        "<p style='font-family:Calibri,sans-serif;margin:0 0 8px'>"
        + html.escape(p).replace("\n", "<br>\n")
        + "</p>\n"
        for p in paragraphs
    )
    return (
        "<html><head><meta charset='utf-8'><style>p {margin:0}</style></head>"
        f"<body><div class='WordSection1'>\n{body}</div></body></html>"
    )


def _serialise(
    headers: dict[str, str], to: list[str], cc: list[str], text: str, with_html: bool
) -> bytes:
    msg = EmailMessage()
    for name, value in headers.items():
        msg[name] = value
    msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg.set_content(text)
    if with_html:
        msg.add_alternative(_to_html(text), subtype="html")
    return msg.as_bytes(policy=SMTP)


def _pad(
    rng: random.Random,
    names: NameSource,
    documents: list[str],
    target: int,
    render: Callable[[], bytes],
) -> bytes:
    """Append documents until the message is about `target` bytes, within `SIZE_20KB`.

    Serialising is the slow part, so the size is estimated from the text added (bytes of
    message per character of text, measured once) and checked only near the target; the
    last document is then cut at line breaks until the message fits.
    """
    low, high = SIZE_20KB
    data = render()
    before = sum(map(len, documents))
    while len(data) < low:
        ratio = max(len(data) / max(before, 1), 1.0)
        estimate = len(data)
        while estimate < target:
            extra = _document(rng, names)
            documents.append(extra)
            estimate += int((len(extra) + 2) * min(ratio, 2.6))
        data = render()
        before = sum(map(len, documents))
        while len(data) > high:
            last = documents.pop()
            cut = last[: int(len(last) * 0.8)].rpartition("\n")[0]
            if cut.strip():
                documents.append(cut)
            data = render()
    return data


def _mail(rng: random.Random, names: NameSource, n: int, pad_to: int | None) -> Mail:
    officer = names.person(rng, "A")
    sender = f"{officer.full} <{_local_part(rng, officer, public=False)}@{COUNCIL}>"
    to, cc = _recipients(rng, names)
    base = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
    when = base + timedelta(days=rng.randint(0, 55), minutes=rng.randint(0, 600))
    headers = {
        "From": sender,
        "Subject": _subject(rng, names),
        "Date": format_datetime(when),
        "Message-ID": f"<check-{n}.{rng.getrandbits(32):08x}@{COUNCIL}>",
    }
    greeting = rng.choice(("Hi", "Dear", "Hello", "Good morning"))
    first_to = to[0].split(" <", 1)[0].split()[0]
    documents = [
        _document(rng, names) for _ in range(rng.choices((1, 2, 3, 4), (50, 30, 15, 5))[0])
    ]
    closing = rng.choice(("Kind regards,", "Many thanks,", "Best wishes,", "Thanks"))
    sig = _signature(rng, names, officer)
    quoted = _quoted(rng, names, when) if rng.random() < 0.4 else ""
    with_html = rng.random() < 0.3

    def body() -> str:
        middle = "\n\n".join(documents)
        return f"{greeting} {first_to},\n\n{middle}\n\n{closing}\n{sig}{quoted}"

    data = _serialise(headers, to, cc, body(), with_html)
    if pad_to is not None:
        data = _pad(
            rng, names, documents, pad_to, lambda: _serialise(headers, to, cc, body(), with_html)
        )
    return Mail(data, with_html, tuple(to + cc), len(documents))


def generate(count: int, seed: int = DEFAULT_SEED, *, padded: bool = False) -> list[Mail]:
    """`count` messages; with `padded`, each is 18–22 KB (the `20kb` set)."""
    rng = random.Random(seed + (1 if padded else 0))
    names = NameSource(seed)
    mails = []
    for n in range(count):
        pad_to = rng.randint(*SIZE_20KB) if padded else None
        mails.append(_mail(rng, names, n, pad_to))
    return mails


def write_mbox(mails: list[Mail], path: Path) -> None:
    """The messages as one mbox file (mboxo, `From ` lines quoted by the standard library)."""
    path.unlink(missing_ok=True)
    box = mailbox.mbox(path, create=True)
    try:
        box.lock()
        for mail in mails:
            box.add(mail.data)
        box.flush()
    finally:
        box.unlock()
        box.close()


def summary(mails: list[Mail]) -> dict[str, object]:
    sizes = [m.size for m in mails]
    domains: dict[str, int] = {}
    for mail in mails:
        for addr in mail.recipients:
            domain = addr.rpartition("@")[2].rstrip(">")
            key = domain if domain in (COUNCIL, "nhs.net", "gmail.com") else "*.example"
            domains[key] = domains.get(key, 0) + 1
    return {
        "messages": len(mails),
        "median_bytes": int(statistics.median(sizes)),
        "mean_bytes": int(statistics.fmean(sizes)),
        "min_bytes": min(sizes),
        "max_bytes": max(sizes),
        "html_share": round(sum(m.html for m in mails) / len(mails), 3),
        "documents_per_message": round(statistics.fmean(m.documents for m in mails), 2),
        "recipients_by_domain": dict(sorted(domains.items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--padded", action="store_true", help="the 20 KB set")
    parser.add_argument("--mbox", type=Path, help="write the set as an mbox here")
    parser.add_argument("--show", type=int, metavar="N", help="print the N-th message")
    args = parser.parse_args(argv)
    mails = generate(args.count, args.seed, padded=args.padded)
    if args.show is not None:
        sys.stdout.write(mails[args.show].data.decode("utf-8", "replace"))
        return 0
    if args.mbox:
        write_mbox(mails, args.mbox)
    for key, value in summary(mails).items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
