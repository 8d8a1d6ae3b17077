"""Seeded generator of a realistic council mail corpus for the benchmarks.

70% short plain-text replies with quoted history and signatures, 20% HTML newsletters and
replies, 10% with a PDF, DOCX or XLSX attachment. Everything is synthetic: invented names,
reserved domains (example.org, example.com) and the council's own domain.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP

FIRST = [
    "Amelia",
    "Joseph",
    "Priya",
    "Tomasz",
    "Aoife",
    "Rhys",
    "Chidi",
    "Mei",
    "Oliver",
    "Fatima",
    "Grace",
    "Kwame",
    "Zofia",
    "Callum",
    "Imran",
    "Siobhan",
    "Dylan",
    "Nia",
    "Wei",
    "Hannah",
]
LAST = [
    "Thornbury",
    "Adeyemi",
    "Natarajan",
    "Kowalczyk",
    "Byrne",
    "Pritchard",
    "Okafor",
    "Chen",
    "Hughes",
    "Rahman",
    "Whitfield",
    "Mensah",
    "Nowak",
    "MacLeod",
    "Hussain",
    "Gallagher",
]
WORDS = [
    "please",
    "find",
    "the",
    "update",
    "on",
    "the",
    "housing",
    "application",
    "we",
    "discussed",
    "at",
    "the",
    "meeting",
    "and",
    "let",
    "me",
    "know",
    "whether",
    "the",
    "visit",
    "on",
    "thursday",
    "still",
    "suits",
    "the",
    "family",
    "the",
    "school",
    "has",
    "confirmed",
    "the",
    "review",
    "date",
    "and",
    "the",
    "care",
    "plan",
    "will",
    "be",
    "shared",
    "with",
    "the",
    "team",
]
TEAMS = ["Adult Social Care", "Children's Services", "Revenues and Benefits", "Housing Options"]


@dataclass(frozen=True)
class Sample:
    """One generated message and its category."""

    kind: str  # "plain", "html" or "attachment:pdf|docx|xlsx"
    data: bytes


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _address(name: str, domain: str) -> str:
    return f"{name.lower().replace(' ', '.')}@{domain}"


def _sentences(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        words = rng.choices(WORDS, k=rng.randint(8, 18))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def _signature(name: str, rng: random.Random) -> str:
    return (
        f"Kind regards,\n{name}\nCase Officer, {rng.choice(TEAMS)}\nNorfolk County Council\n"
        f"01632 960{rng.randint(100, 999)}\n"
    )


def _quoted(rng: random.Random, sender: str, to: str) -> str:
    lines = [f"From: {sender}", "Sent: 05 January 2026 09:12", f"To: {to}", "Subject: Update", ""]
    lines += [f"> {_sentences(rng, 1)}" for _ in range(rng.randint(2, 8))]
    return "\n".join(lines) + "\n"


def _base(rng: random.Random, n: int) -> tuple[EmailMessage, str, str]:
    officer, client = _name(rng), _name(rng)
    msg = EmailMessage()
    msg["From"] = f"{officer} <{_address(officer, 'norfolk.gov.uk')}>"
    msg["To"] = f"{client} <{_address(client, 'example.org')}>"
    if rng.random() < 0.3:
        msg["Cc"] = f"Duty Team <duty{rng.randint(1, 9)}@norfolk.gov.uk>"
    msg["Subject"] = f"RE: Case {rng.randint(10000, 99999)} update"
    msg["Date"] = "Mon, 05 Jan 2026 16:52:00 +0000"
    msg["Message-ID"] = f"<bench-{n}@norfolk.gov.uk>"
    msg["In-Reply-To"] = f"<prev-{n}@example.org>"
    msg["References"] = f"<first-{n}@example.org> <prev-{n}@example.org>"
    return msg, officer, client


def _plain(rng: random.Random, n: int) -> bytes:
    msg, officer, client = _base(rng, n)
    body = (
        f"Dear {client.split()[0]},\n\n{_sentences(rng, rng.randint(2, 6))}\n\n"
        f"{_signature(officer, rng)}\n{_quoted(rng, msg['To'], msg['From'])}"
    )
    msg.set_content(body)
    return msg.as_bytes(policy=SMTP)


def _html(rng: random.Random, n: int) -> bytes:
    msg, officer, client = _base(rng, n)
    paragraphs = "".join(
        f"<p style='font-family:Arial'>{_sentences(rng, 3)}</p>" for _ in range(rng.randint(3, 10))
    )
    html = (
        f"<html><head><style>p {{margin:0}}</style></head><body><p>Dear {client}</p>"
        f"{paragraphs}<table><tr><td>Ref</td><td>{rng.randint(1000, 9999)}</td></tr></table>"
        f"<p>Kind regards,<br>{officer}</p></body></html>"
    )
    msg.set_content(f"Dear {client}\n\n{_sentences(rng, 4)}\n")
    msg.add_alternative(html, subtype="html")
    return msg.as_bytes(policy=SMTP)


def pdf_bytes(text: str) -> bytes:
    """A small valid one-page PDF with `text`, written by hand (no PDF writer needed)."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    lines = [safe[i : i + 80] for i in range(0, len(safe), 80)]
    ops = "BT /F1 10 Tf 40 800 Td 12 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(ops)} >>\nstream\n{ops}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _attachment(rng: random.Random, n: int) -> tuple[str, bytes]:
    kind = rng.choice(["pdf", "docx", "xlsx"])
    msg, officer, _ = _base(rng, n)
    msg.set_content(f"Please see attached.\n\n{_signature(officer, rng)}")
    paragraphs = [_sentences(rng, 3) for _ in range(rng.randint(5, 20))]
    if kind == "pdf":
        data, ctype = pdf_bytes(" ".join(paragraphs)), ("application", "pdf")
    elif kind == "docx":
        data = docx_bytes(paragraphs)
        ctype = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
    else:
        rows = [[_name(rng), str(rng.randint(1, 99)), rng.choice(TEAMS)] for _ in range(50)]
        data = xlsx_bytes(rows)
        ctype = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    msg.add_attachment(data, maintype=ctype[0], subtype=ctype[1], filename=f"case-{n}.{kind}")
    return f"attachment:{kind}", msg.as_bytes(policy=SMTP)


def generate(count: int, seed: int = 20260105) -> list[Sample]:
    """`count` messages in the 70/20/10 mix, the same for the same seed."""
    rng = random.Random(seed)
    samples = []
    for n in range(count):
        roll = rng.random()
        if roll < 0.7:
            samples.append(Sample("plain", _plain(rng, n)))
        elif roll < 0.9:
            samples.append(Sample("html", _html(rng, n)))
        else:
            kind, data = _attachment(rng, n)
            samples.append(Sample(kind, data))
    return samples
