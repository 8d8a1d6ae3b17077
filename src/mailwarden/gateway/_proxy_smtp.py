"""The SMTP protocol side of the proxy: aiosmtpd, extended for what an MTA in front sends.

aiosmtpd's server runs the session and calls the proxy's handler hooks (MAIL, RCPT, DATA);
this subclass adds what a before- or after-queue filter behind Postfix must understand:

- `XFORWARD` (Postfix's `smtpd_proxy_filter`, and an `smtp` content-filter transport with
  `smtp_send_xforward_command = yes`): the original client's address, name, protocol and
  HELO, so direction is judged on the real client, not on Postfix at 127.0.0.1.
- `XCLIENT` (other proxies and test tools): the same, plus `LOGIN`, the SASL login.
- MAIL FROM and RCPT TO parameters passed through as received: `SIZE`, `BODY`, `SMTPUTF8`,
  the DSN ones (`RET`, `ENVID`, `NOTIFY`, `ORCPT`) and `AUTH=` (RFC 4954, the submitter).
- Message lines up to 1 MiB (Postfix passes long lines on unsplit; aiosmtpd's default of
  1001 octets would refuse them permanently).

Only peers in the trusted networks (the MTA in front) may speak XFORWARD or XCLIENT, and only
their `AUTH=` is believed; anyone else gets `550 5.7.0` for those and `AUTH=` is ignored.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
from dataclasses import dataclass
from typing import Any

from aiosmtpd.smtp import SMTP, Session, syntax

__all__ = ["Identity", "ProxySMTP", "ProxySession", "login_from_received", "xtext_decode"]

UNAVAILABLE = ("[UNAVAILABLE]", "[TEMPUNAVAIL]")
XFORWARD_ATTRIBUTES = ("NAME", "ADDR", "PORT", "PROTO", "HELO", "IDENT", "SOURCE")
XCLIENT_ATTRIBUTES = ("NAME", "ADDR", "PORT", "PROTO", "HELO", "LOGIN", "DESTADDR", "DESTPORT")
MAIL_PARAMETERS = ("SIZE", "BODY", "SMTPUTF8", "RET", "ENVID", "AUTH")
RCPT_PARAMETERS = ("NOTIFY", "ORCPT")
_XTEXT = re.compile(r"\+([0-9A-Fa-f]{2})")
_AUTHENTICATED = re.compile(r"\(Authenticated sender:\s*([^)\s]+)\s*\)", re.IGNORECASE)
TOO_MUCH = "552 Error: Too much mail data"


def xtext_decode(value: str) -> str:
    """RFC 3461 xtext (`+2B` for `+`), as XFORWARD, XCLIENT and `AUTH=` carry values."""
    return _XTEXT.sub(lambda m: chr(int(m.group(1), 16)), value)


def _address(value: str) -> str:
    return value.removeprefix("IPV6:").removeprefix("ipv6:").strip("[]")


def trusted(peer: Any, networks: tuple[str, ...]) -> bool:
    """Whether the connecting peer (aiosmtpd's `session.peer`) is in `networks`."""
    host = peer[0] if isinstance(peer, tuple) and peer else peer
    try:
        ip = ipaddress.ip_address(str(host))
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(n, strict=False) for n in networks)


def login_from_received(raw: bytes) -> str:
    """The SASL login Postfix wrote in the first `Received:` field (with
    `smtpd_sasl_authenticated_header = yes`), or ''. Call only for mail from a trusted Postfix:
    its own Received field is always the first, so a client cannot forge this one."""
    head = raw[:16384]
    for index, line in enumerate(head.splitlines()):
        if line.lower().startswith(b"received:"):
            lines = [line]
            for following in head.splitlines()[index + 1 :]:
                if following[:1] not in (b" ", b"\t"):
                    break
                lines.append(following)
            found = _AUTHENTICATED.search(b" ".join(lines).decode("utf-8", "replace"))
            return found.group(1) if found else ""
        if not line.strip():
            return ""
    return ""


@dataclass(frozen=True, slots=True)
class Identity:
    """Who sent the message in progress, as far as the transport can say."""

    client_address: str
    login: str = ""
    login_source: str = ""


class ProxySession(Session):
    """aiosmtpd's session plus what the MTA in front forwarded."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(loop)
        self.trusted = False
        self.xforward: dict[str, str] = {}
        self.xclient: dict[str, str] = {}
        self.auth_param = ""

    def identity(self, raw: bytes) -> Identity:
        """The client address and SASL login for the message `raw` of this session."""
        peer = self.peer[0] if isinstance(self.peer, tuple) and self.peer else str(self.peer)
        forwarded = self.xforward.get("ADDR") or self.xclient.get("ADDR") or ""
        client = _address(forwarded) if forwarded else str(peer)
        if not self.trusted:
            return Identity(client)
        if self.xclient.get("LOGIN"):
            return Identity(client, self.xclient["LOGIN"], "XCLIENT LOGIN")
        if self.auth_param:
            return Identity(client, self.auth_param, "MAIL FROM AUTH=")
        if self.xforward:
            login = login_from_received(raw)
            if login:
                return Identity(client, login, "Received (Authenticated sender)")
        return Identity(client)


def _attributes(arg: str, known: tuple[str, ...]) -> dict[str, str] | None:
    values: dict[str, str] = {}
    for item in arg.split():
        name, eq, value = item.partition("=")
        if not eq or name.upper() not in known:
            return None
        decoded = xtext_decode(value)
        if decoded.upper() not in UNAVAILABLE:
            values[name.upper()] = decoded
    return values


def split_parameters(params: str, known: tuple[str, ...]) -> list[str] | None:
    """`KEY=value` words with the key upper-cased and the value kept as sent; None when a
    keyword is unknown (RFC 5321 555)."""
    out: list[str] = []
    for word in params.split():
        key, eq, value = word.partition("=")
        if key.upper() not in known or (eq and not value):
            return None
        out.append(f"{key.upper()}{eq}{value}")
    return out


class ProxySMTP(SMTP):
    """aiosmtpd's SMTP server with XFORWARD, XCLIENT and pass-through parameters."""

    line_length_limit = 1 << 20
    command_size_limit = 2048

    def __init__(self, handler: Any, *, trusted_networks: tuple[str, ...], **kwargs: Any):
        self.trusted_networks = trusted_networks
        super().__init__(handler, **kwargs)

    def _create_session(self) -> ProxySession:
        return ProxySession(self.loop)

    def proxy_session(self) -> ProxySession:
        assert isinstance(self.session, ProxySession)
        return self.session

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        session = self.proxy_session()
        session.trusted = trusted(session.peer, self.trusted_networks)
        opened = getattr(self.event_handler, "connection_opened", None)
        if opened is not None:
            opened(self)

    def connection_lost(self, error: Exception | None) -> None:
        closed = getattr(self.event_handler, "connection_closed", None)
        if closed is not None:
            closed(self)
        super().connection_lost(error)

    def _set_post_data_state(self) -> None:
        super()._set_post_data_state()  # type: ignore[no-untyped-call]
        if isinstance(self.session, ProxySession):  # XFORWARD is for one transaction
            self.session.xforward = {}
            self.session.auth_param = ""

    async def push(self, status: Any) -> None:
        if status == TOO_MUCH:
            limit = self.data_size_limit or 0
            status = f"552 5.3.4 Message too big for the policy gateway (limit {limit} bytes)"
        await super().push(status)

    def extensions(self) -> list[str]:
        """The EHLO keywords this server adds (XFORWARD and XCLIENT only to trusted peers)."""
        if not self.proxy_session().trusted:
            return []
        return [
            f"XFORWARD {' '.join(XFORWARD_ATTRIBUTES)}",
            f"XCLIENT {' '.join(XCLIENT_ATTRIBUTES)}",
        ]

    @syntax("XFORWARD attribute=value ...")
    async def smtp_XFORWARD(self, arg: str) -> None:  # noqa: N802
        session = self.proxy_session()
        if not session.trusted:
            await self.push("550 5.7.0 XFORWARD not authorised")
            return
        values = _attributes(arg or "", XFORWARD_ATTRIBUTES)
        if values is None or not arg:
            await self.push("501 5.5.4 Syntax: XFORWARD attribute=value ...")
            return
        session.xforward.update(values)
        await self.push("250 2.0.0 Ok")

    @syntax("XCLIENT attribute=value ...")
    async def smtp_XCLIENT(self, arg: str) -> None:  # noqa: N802
        session = self.proxy_session()
        if not session.trusted:
            await self.push("550 5.7.0 XCLIENT not authorised")
            return
        values = _attributes(arg or "", XCLIENT_ATTRIBUTES)
        if values is None or not arg:
            await self.push("501 5.5.4 Syntax: XCLIENT attribute=value ...")
            return
        if self.envelope is not None and self.envelope.mail_from:
            await self.push("503 5.5.1 Error: MAIL transaction in progress")
            return
        session.xclient.update(values)
        session.host_name = None  # XCLIENT starts the session again: a new EHLO is due
        session.extended_smtp = False
        self._set_rset_state()  # type: ignore[no-untyped-call]
        await self.push(f"220 {self.hostname} {self.__ident__}")

    @syntax("MAIL FROM: <address>", extended=" [SP <mail-parameters>]")
    async def smtp_MAIL(self, arg: str | None) -> None:  # noqa: N802
        if await self.check_helo_needed():
            return
        session = self.proxy_session()
        syntaxerr = "501 5.5.4 Syntax: MAIL FROM: <address> [SP <mail-parameters>]"
        rest = self._strip_command_keyword("FROM:", arg or "")
        if rest is None:
            await self.push(syntaxerr)
            return
        address, params = self._getaddr(rest)
        if address is None or not address or params is None:
            await self.push("553 5.1.3 Error: malformed address" if address is None else syntaxerr)
            return
        assert self.envelope is not None
        if self.envelope.mail_from:
            await self.push("503 5.5.1 Error: nested MAIL command")
            return
        options = split_parameters(params, MAIL_PARAMETERS)
        if options is None or (params and not session.extended_smtp):
            await self.push("555 5.5.4 MAIL FROM parameters not recognised or not implemented")
            return
        for option in options:
            key, _, value = option.partition("=")
            if key == "SIZE" and (
                not value.isdigit() or (self.data_size_limit and int(value) > self.data_size_limit)
            ):
                await self.push(
                    f"552 5.3.4 Message too big for the policy gateway "
                    f"(limit {self.data_size_limit} bytes)"
                    if value.isdigit()
                    else syntaxerr
                )
                return
            if key == "AUTH":
                login = xtext_decode(value).strip("<>")
                session.auth_param = login if session.trusted else ""
        self.envelope.smtp_utf8 = "SMTPUTF8" in options
        mail_from = "" if address == "<>" else address
        status = await self._call_handler_hook("MAIL", mail_from, options)
        if not isinstance(status, str):
            status = "250 2.1.0 Ok"
        if status.startswith("250"):
            self.envelope.mail_from = address
            self.envelope.mail_options.extend(o for o in options if not o.startswith("AUTH="))
        else:
            session.auth_param = ""
        await self.push(status)

    @syntax("RCPT TO: <address>", extended=" [SP <mail-parameters>]")
    async def smtp_RCPT(self, arg: str | None) -> None:  # noqa: N802
        if await self.check_helo_needed():
            return
        assert self.envelope is not None
        if not self.envelope.mail_from:
            await self.push("503 5.5.1 Error: need MAIL command")
            return
        syntaxerr = "501 5.5.4 Syntax: RCPT TO: <address> [SP <mail-parameters>]"
        rest = self._strip_command_keyword("TO:", arg or "")
        if rest is None:
            await self.push(syntaxerr)
            return
        address, params = self._getaddr(rest)
        if address is None or not address or address == "<>" or params is None:
            await self.push("553 5.1.3 Error: malformed address" if address is None else syntaxerr)
            return
        options = split_parameters(params, RCPT_PARAMETERS)
        if options is None:
            await self.push("555 5.5.4 RCPT TO parameters not recognised or not implemented")
            return
        status = await self._call_handler_hook("RCPT", address, options)
        if not isinstance(status, str):
            status = "250 2.1.5 Ok"
        if status.startswith("25"):
            self.envelope.rcpt_tos.append(address)
            self.envelope.rcpt_options.append(" ".join(options))
        await self.push(status)
