"""The SMTP proxy's edits to the raw message, and the bounce it writes in after-queue mode.

The proxy relays the bytes it received, changed only where the decision says: the gateway's
own headers that came with the message are removed (only the gateway may set them), the
decision's headers are put on top, and the subject is prefixed with the encryption tag.
Everything else (body, MIME structure, header order and folding) is passed on byte for byte.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Sequence
from email.utils import format_datetime

from .milter import OWN_HEADERS, smtp_text

__all__ = ["bounce_message", "header_block", "rewrite"]

MAX_HEADER_LINE = 76
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_FIELD_START = re.compile(rb"^([!-9;-~]+)[ \t]*:")


def _plain(text: str, limit: int = 4000) -> str:
    """One line of printable ASCII (no CR/LF), without the milter's `%` doubling."""
    return smtp_text(text, limit=limit).replace("%%", "%")


def header_value(value: str) -> str:
    """ASCII, folded at ", " so no line passes MAX_HEADER_LINE where it can be helped."""
    out: list[str] = []
    width = 0
    for i, piece in enumerate(_plain(value).split(", ")):
        item = piece if i == 0 else f", {piece}"
        if out and width + len(item) > MAX_HEADER_LINE:
            out.append(",\r\n\t")
            item = piece
            width = 1
        out.append(item)
        width += len(item)
    return "".join(out)


def header_block(raw: bytes) -> tuple[bytes, bytes]:
    """(the header block without its last line break, the body after the blank line)."""
    if raw.startswith((b"\r\n", b"\n")):
        return b"", raw[2:] if raw.startswith(b"\r\n") else raw[1:]
    found = _BLANK_LINE.search(raw)
    if found is None:
        return raw, b""
    return raw[: found.start()], raw[found.end() :]


def _fields(block: bytes) -> list[bytes]:
    """The header block as fields, each with its continuation lines and line breaks."""
    fields: list[bytes] = []
    for line in block.splitlines(keepends=True):
        if fields and line[:1] in (b" ", b"\t"):
            fields[-1] += line
        else:
            fields.append(line)
    if fields and not fields[-1].endswith(b"\n"):
        fields[-1] += b"\r\n"
    return fields


def _name(field: bytes) -> str:
    found = _FIELD_START.match(field)
    return found.group(1).decode("ascii").lower() if found else ""


def _tagged_subject(field: bytes, tag: bytes) -> bytes:
    name, _, value = field.partition(b":")
    stripped = value.lstrip(b" \t")
    if stripped.startswith(tag):
        return field
    return name + b": " + tag + b" " + stripped


def rewrite(raw: bytes, headers: Sequence[tuple[str, str]], subject_tag: str = "") -> bytes:
    """The message to relay: own headers removed, `headers` on top, the subject tagged."""
    block, body = header_block(raw)
    kept = [f for f in _fields(block) if _name(f) not in OWN_HEADERS]
    if subject_tag:
        tag = _plain(subject_tag, limit=100).encode("ascii")
        subjects = [i for i, f in enumerate(kept) if _name(f) == "subject"]
        if subjects:
            kept[subjects[0]] = _tagged_subject(kept[subjects[0]], tag)
        else:
            kept.append(b"Subject: " + tag + b"\r\n")
    added = [f"{name}: {header_value(value)}\r\n".encode("ascii") for name, value in headers]
    return _crlf(b"".join(added) + b"".join(kept) + b"\r\n" + body)


def bounce_message(
    *,
    reporting_host: str,
    sender: str,
    recipients: Iterable[str],
    reply: str,
    original: bytes,
    arrival: dt.datetime,
    headers: Sequence[tuple[str, str]] = (),
) -> bytes:
    """A delivery status notification (RFC 3464) telling `sender` the message was refused.

    It returns the original header block (text/rfc822-headers), not the content: the sender
    needs to know which message it was and why, not a second copy of what was refused.
    """
    boundary = f"mailwarden-{uuid.uuid4().hex}"
    explanation = _plain(reply, limit=2000)
    status = explanation.split(" ", 1)[0] if explanation[:2] == "5." else "5.7.1"
    now = dt.datetime.now(dt.UTC)
    per_recipient = "".join(
        f"\r\nFinal-Recipient: rfc822; {_plain(r, 500)}\r\nAction: failed\r\n"
        f"Status: {status}\r\nDiagnostic-Code: smtp; 550 {explanation}\r\n"
        for r in recipients
    )
    original_headers, _ = header_block(original)
    top = [
        ("From", f"Mail Delivery System <MAILER-DAEMON@{reporting_host}>"),
        ("To", f"<{sender}>"),
        ("Subject", "Undelivered Mail Returned to Sender: refused under the email policy"),
        ("Date", format_datetime(now)),
        ("Message-ID", f"<{uuid.uuid4().hex}@{reporting_host}>"),
        ("Auto-Submitted", "auto-replied"),
        *headers,
        ("MIME-Version", "1.0"),
        (
            "Content-Type",
            f'multipart/report; report-type=delivery-status; boundary="{boundary}"',
        ),
    ]
    head = "".join(f"{name}: {value}\r\n" for name, value in top)
    text = (
        "This is the mail system at host "
        f"{reporting_host}.\r\n\r\nYour message was not delivered to anyone. "
        "It was refused under your organisation's email policy:\r\n\r\n"
        f"    {explanation}\r\n\r\nChange the message as the policy says and send it again. "
        "The header of the message you sent is attached.\r\n"
    )
    status_part = (
        f"Reporting-MTA: dns; {reporting_host}\r\nArrival-Date: {format_datetime(arrival)}\r\n"
        f"{per_recipient}"
    )
    parts = [
        f"--{boundary}\r\nContent-Type: text/plain; charset=us-ascii\r\n"
        f"Content-Description: Notification\r\n\r\n{text}\r\n",
        f"--{boundary}\r\nContent-Type: message/delivery-status\r\n"
        f"Content-Description: Delivery report\r\n\r\n{status_part}\r\n",
        f"--{boundary}\r\nContent-Type: text/rfc822-headers\r\n"
        f"Content-Description: Undelivered Message Headers\r\n\r\n",
    ]
    return (
        (head + "\r\n" + "".join(parts)).encode("ascii")
        + _crlf(original_headers)
        + f"\r\n\r\n--{boundary}--\r\n".encode("ascii")
    )


def _crlf(data: bytes) -> bytes:
    """SMTP's line ending throughout (a bare LF from a sloppy client becomes CRLF)."""
    return re.sub(rb"\r?\n", b"\r\n", data)
