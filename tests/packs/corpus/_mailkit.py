"""Small stdlib helpers that build the corpus messages reproducibly (no randomness, no clock).

Used by make_corpus.py and cambridge/make_large.py. Only the standard library, so the corpus can
be rebuilt on any Python 3.11 without the project installed.
"""

from __future__ import annotations

import hashlib
import html
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email import policy
from email.generator import BytesGenerator
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

__all__ = [
    "Attachment",
    "Case",
    "addr",
    "build",
    "csv_bytes",
    "docx_bytes",
    "ics_bytes",
    "message_id",
    "mod11_valid",
    "nhs_number",
    "pdf_bytes",
    "serialise",
    "to_html",
    "uk_time",
]

GMT = UTC
BST = timezone(timedelta(hours=1))
# British Summer Time in 2026: 29 March 01:00 UTC to 25 October 01:00 UTC.
_BST_START = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
_BST_END = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)


def uk_time(month: int, day: int, hour: int, minute: int, year: int = 2026) -> datetime:
    """A UK wall-clock time in 2026 with the right offset (+0000 or +0100)."""
    naive = datetime(year, month, day, hour, minute)
    as_bst = naive.replace(tzinfo=BST)
    return as_bst if _BST_START <= as_bst < _BST_END else naive.replace(tzinfo=GMT)


def nhs_number(body9: str) -> str:
    """A 10-digit NHS number (spaced 3-3-4) with a valid modulus-11 check digit."""
    if len(body9) != 9 or not body9.isdigit():
        raise ValueError(body9)
    total = sum(int(d) * w for d, w in zip(body9, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 10:
        raise ValueError(f"{body9}: no valid check digit")
    digits = body9 + str(0 if check == 11 else check)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def mod11_valid(digits: str) -> bool:
    """True when a 10-digit string passes the NHS modulus-11 check."""
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return check != 10 and (0 if check == 11 else check) == int(digits[9])


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # "text/csv", "application/pdf", ...
    data: bytes


@dataclass(frozen=True)
class Case:
    """One corpus message and the verdict the pack's seed calls for."""

    file: str
    message: EmailMessage | None
    verdict: str
    why: str
    clauses: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()
    sender: str | None = None
    generated_by: str | None = None
    notes: tuple[str, ...] = field(default=())


def message_id(seed: str) -> str:
    """A stable, Exchange Online-shaped Message-ID derived from `seed` (the file name)."""
    digest = hashlib.sha256(seed.encode()).hexdigest().upper()
    host = f"LO{int(digest[:2], 16) % 9 + 1}P265MB{int(digest[2:8], 16) % 10000:04d}"
    return f"<{host}{digest[8:40]}@{host}.GBRP265.PROD.OUTLOOK.COM>"


def to_html(
    text: str,
    *,
    font: str = '"Arial",sans-serif',
    size: str = "12.0pt",
    background: str | None = None,
) -> str:
    """Outlook-flavoured HTML for a plain-text body: one <p> per paragraph, lines kept."""
    paras = list(text.strip("\n").split("\n\n"))
    body_attr = f' bgcolor="{background}" style="background:{background}"' if background else ""
    out = [
        "<html>",
        "<head>",
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        "<style>",
        f"p.MsoNormal, li.MsoNormal {{margin:0cm; font-size:{size}; font-family:{font};}}",
        "</style>",
        "</head>",
        f'<body lang="EN-GB"{body_attr}>',
        '<div class="WordSection1">',
    ]
    for para in paras:
        lines = [html.escape(line) for line in para.split("\n")]
        out.append(
            f'<p class="MsoNormal"><span style="font-size:{size};font-family:{font}">'
            + "<br>\n".join(lines)
            + "</span></p>"
        )
        out.append('<p class="MsoNormal">&nbsp;</p>')
    out += ["</div>", "</body>", "</html>", ""]
    return "\n".join(out)


def _fold_ics(line: str) -> list[str]:
    raw = line.encode()
    if len(raw) <= 75:
        return [line]
    parts: list[str] = []
    current = ""
    for ch in line:
        limit = 75 if not parts else 74
        if len((current + ch).encode()) > limit:
            parts.append(current)
            current = ch
        else:
            current += ch
    parts.append(current)
    return [parts[0]] + [" " + p for p in parts[1:]]


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_local(dt: datetime) -> str:
    return dt.strftime("%Y%m%dT%H%M%S")


def ics_bytes(
    *,
    uid: str,
    organizer: tuple[str, str],
    attendees: Sequence[tuple[str, str]],
    start: datetime,
    minutes: int,
    summary: str,
    description: str,
    location: str,
    stamp: datetime,
    private: bool,
) -> bytes:
    """An Outlook-style iCalendar METHOD:REQUEST with one VEVENT (CRLF, folded at 75 octets)."""
    end = start + timedelta(minutes=minutes)
    lines = [
        "BEGIN:VCALENDAR",
        "METHOD:REQUEST",
        "PRODID:Microsoft Exchange Server 2010",
        "VERSION:2.0",
        "BEGIN:VTIMEZONE",
        "TZID:GMT Standard Time",
        "BEGIN:STANDARD",
        "DTSTART:16010101T020000",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:16010101T010000",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        f"ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}",
    ]
    lines += [
        f"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN={name}:mailto:{addr}"
        for name, addr in attendees
    ]
    lines += [
        f"DESCRIPTION;LANGUAGE=en-GB:{_ics_text(description)}",
        f"UID:{uid}",
        f"SUMMARY;LANGUAGE=en-GB:{_ics_text(summary)}",
        f"DTSTART;TZID=GMT Standard Time:{_ics_local(start)}",
        f"DTEND;TZID=GMT Standard Time:{_ics_local(end)}",
        f"CLASS:{'PRIVATE' if private else 'PUBLIC'}",
        "PRIORITY:5",
        f"DTSTAMP:{stamp.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}",
        "TRANSP:OPAQUE",
        "STATUS:CONFIRMED",
        "SEQUENCE:0",
        f"LOCATION;LANGUAGE=en-GB:{_ics_text(location)}",
        "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
        "X-MICROSOFT-CDO-IMPORTANCE:1",
        "X-MICROSOFT-DISALLOW-COUNTER:FALSE",
        "BEGIN:VALARM",
        "DESCRIPTION:REMINDER",
        "TRIGGER;RELATED=START:-PT15M",
        "ACTION:DISPLAY",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    folded = [part for line in lines for part in _fold_ics(line)]
    return ("\r\n".join(folded) + "\r\n").encode()


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """CSV as Excel writes it (CRLF, quoted only where needed, UTF-8 with BOM)."""
    out = io.StringIO()
    for row in rows:
        cells = []
        for cell in row:
            text = str(cell)
            if any(c in text for c in ',"\n'):
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        out.write(",".join(cells) + "\r\n")
    return b"\xef\xbb\xbf" + out.getvalue().encode()


def _pdf_escape(text: str) -> str:
    text = text.replace("–", "-").replace("’", "'").replace("£", "\xa3")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(title: str, lines: Sequence[str]) -> bytes:
    """A valid one-page PDF 1.4 (Helvetica, WinAnsi) whose text layer is `lines`."""
    ops = ["BT", "/F1 16 Tf", "72 770 Td", "20 TL", f"({_pdf_escape(title)}) Tj", "/F1 11 Tf"]
    ops += ["T*"] + [f"({_pdf_escape(line)}) '" for line in lines] + ["ET"]
    stream = "\n".join(ops).encode("cp1252")
    info = f"<< /Title ({_pdf_escape(title)}) /Producer (mailwarden corpus) >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        info.encode("cp1252"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode() + b"0000000000 65535 f \n"
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""  # noqa: E501

_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""  # noqa: E501

_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{title}</dc:title>
<dc:creator>{author}</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>
</cp:coreProperties>"""  # noqa: E501

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(title: str, paragraphs: Sequence[str], *, author: str, created: datetime) -> bytes:
    """A minimal valid .docx (WordprocessingML) with a bold title and plain paragraphs."""

    def para(text: str, bold: bool = False) -> str:
        props = "<w:rPr><w:b/><w:sz w:val='28'/></w:rPr>" if bold else ""
        return f'<w:p><w:r>{props}<w:t xml:space="preserve">{html.escape(text)}</w:t></w:r></w:p>'

    body = para(title, bold=True) + "".join(para(p) for p in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{_W}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    core = _CORE.format(
        title=html.escape(title),
        author=html.escape(author),
        created=created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    buf = io.BytesIO()
    stamp = (created.year, created.month, created.day, created.hour, created.minute, 0)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _RELS),
            ("docProps/core.xml", core),
            ("word/document.xml", document),
        ):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text)
    return buf.getvalue()


def addr(name: str, address: str) -> str:
    return formataddr((name, address))


def build(
    *,
    seed: str,
    frm: str,
    to: Sequence[str],
    subject: str,
    when: datetime,
    text: str,
    cc: Sequence[str] = (),
    bcc: Sequence[str] = (),
    html_body: str | None = None,
    calendar: bytes | None = None,
    attachments: Sequence[Attachment] = (),
    headers: Sequence[tuple[str, str]] = (),
    in_reply_to: str | None = None,
    references: str | None = None,
) -> EmailMessage:
    """One outgoing message as a mail client would store it in Sent Items."""
    msg = EmailMessage()
    msg["From"] = frm
    msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    if bcc:
        msg["Bcc"] = ", ".join(bcc)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = message_id(seed)
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = references or in_reply_to
    for name, value in headers:
        msg[name] = value
    msg["Content-Language"] = "en-GB"
    msg.set_content(text, cte="quoted-printable")
    if html_body is not None:
        msg.add_alternative(html_body, subtype="html", cte="quoted-printable")
    if calendar is not None:
        msg.add_alternative(
            calendar,
            maintype="text",
            subtype="calendar",
            params={"method": "REQUEST", "charset": "utf-8"},
        )
    for att in attachments:
        maintype, subtype = att.content_type.split("/")
        msg.add_attachment(att.data, maintype=maintype, subtype=subtype, filename=att.filename)
    _fix_boundaries(msg, seed)
    return msg


def _fix_boundaries(msg: EmailMessage, seed: str) -> None:
    tag = hashlib.sha256(seed.encode()).hexdigest()[:16]
    for n, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"_{n:03d}_{tag}_")
    for part in msg.walk():
        if part is not msg:
            del part["MIME-Version"]  # set_content adds it to every part; clients put it once


def serialise(msg: EmailMessage) -> bytes:
    """The message as .eml bytes (LF line ends, lines folded at 78)."""
    buf = io.BytesIO()
    BytesGenerator(buf, policy=policy.default.clone(linesep="\n", max_line_length=78)).flatten(msg)
    return buf.getvalue()
