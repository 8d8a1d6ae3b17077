"""Passing a message on to the next hop with `smtplib` (blocking: run it in a thread).

All or nothing: the message is handed over only when the next hop takes every recipient,
so the proxy's one answer to its client is true for all of them. Any failure comes back as
the SMTP reply the client should get: the next hop's own 4xx/5xx when it gave one, else a
451 (connection refused, timeout, broken session), so the client keeps the message and
tries again. The proxy never says 250 for mail it could not pass on.
"""

from __future__ import annotations

import smtplib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["RelayResult", "RelayTarget", "relay"]

XFORWARD_LIMIT = 400
"""Characters of XFORWARD attributes per command (Postfix splits at the 512-octet line)."""


@dataclass(frozen=True, slots=True)
class RelayTarget:
    host: str
    port: int
    timeout: float = 60.0
    helo: str | None = None


@dataclass(frozen=True, slots=True)
class RelayResult:
    """`code` and `text` (with its enhanced status code) to answer the client with."""

    code: int
    text: str
    queue_reply: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.code < 300


@dataclass(frozen=True, slots=True)
class Outgoing:
    mail_from: str
    recipients: Sequence[str]
    data: bytes
    mail_options: Sequence[str] = ()
    rcpt_options: Mapping[str, Sequence[str]] = field(default_factory=dict)
    xforward: Mapping[str, str] = field(default_factory=dict)


_PASSED_MAIL = {"BODY": "8bitmime", "SMTPUTF8": "smtputf8", "RET": "dsn", "ENVID": "dsn"}
_PASSED_RCPT = {"NOTIFY": "dsn", "ORCPT": "dsn"}


def _supported(smtp: smtplib.SMTP, options: Sequence[str], table: Mapping[str, str]) -> list[str]:
    return [
        o
        for o in options
        if o.partition("=")[0].upper() in table
        and smtp.has_extn(table[o.partition("=")[0].upper()])
    ]


def _failure(code: int, reply: bytes | str, fallback: str) -> RelayResult:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    text = " ".join(text.split())
    if 400 <= code < 600:
        if text[:2] not in ("4.", "5."):
            text = f"{code // 100}.0.0 {text}"
        return RelayResult(code, f"{text} (next hop)")
    return RelayResult(451, f"4.4.0 {fallback}")


def _xforward(smtp: smtplib.SMTP, attributes: Mapping[str, str]) -> None:
    """Tell a Postfix next hop who the original client was (its logs then name it)."""
    offered = {a.upper() for a in smtp.esmtp_features.get("xforward", "").split()}
    line = ""
    for name, value in attributes.items():
        if name.upper() not in offered:
            continue
        item = f"{name.upper()}={value}"
        if line and len(line) + len(item) + 1 > XFORWARD_LIMIT:
            smtp.docmd("XFORWARD", line)
            line = ""
        line = f"{line} {item}".strip()
    if line:
        smtp.docmd("XFORWARD", line)  # a refusal only costs the next hop's logging


def relay(target: RelayTarget, message: Outgoing) -> RelayResult:
    """Hand `message` to `target`; the reply to give the client (never raises)."""
    try:
        with smtplib.SMTP(target.host, target.port, target.helo, timeout=target.timeout) as smtp:
            smtp.ehlo_or_helo_if_needed()
            if message.xforward and smtp.has_extn("xforward"):
                _xforward(smtp, message.xforward)
            options = _supported(smtp, message.mail_options, _PASSED_MAIL)
            if smtp.has_extn("size"):
                options.append(f"SIZE={len(message.data)}")
            code, reply = smtp.mail(message.mail_from, options)
            if code != 250:
                smtp.rset()
                return _failure(code, reply, "next hop refused the sender")
            for recipient in message.recipients:
                extra = _supported(smtp, message.rcpt_options.get(recipient, ()), _PASSED_RCPT)
                code, reply = smtp.rcpt(recipient, extra)
                if code not in (250, 251):
                    smtp.rset()
                    return _failure(code, reply, "next hop refused a recipient")
            code, reply = smtp.data(message.data)
            if code != 250:
                return _failure(code, reply, "next hop refused the message")
            said = " ".join(reply.decode("utf-8", "replace").split())
            text = said if said.startswith("2.") else f"2.0.0 Ok: {said}"
            return RelayResult(250, f"{text} (next hop)", said)
    except smtplib.SMTPResponseException as exc:
        return _failure(exc.smtp_code, exc.smtp_error, "next hop refused the message")
    except (TimeoutError, OSError, smtplib.SMTPException) as exc:
        return RelayResult(451, f"4.4.1 next hop unavailable ({type(exc).__name__}); try again")
