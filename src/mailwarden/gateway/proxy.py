"""The SMTP proxy: mail in over SMTP, a `Decision`, SMTP replies back, accepted mail relayed.

For gateways without milter support. An adapter (house rule 1): it collects what the SMTP
session says about one message (MAIL FROM, every RCPT TO, the client's address and SASL login
as forwarded by the MTA in front), hands the bytes to `decision.decide`, and translates:

| decision | before-queue (`smtpd_proxy_filter`) | after-queue (`content_filter`) |
| --- | --- | --- |
| reject | `550 5.7.1` with the clause and the fix, in the session | a DSN to the sender, then 250 |
| tempfail | `451 4.7.1` (the client retries) | the same (the queue keeps it) |
| hold | relayed with `X-Mailwarden-Quarantine` (the next hop's `header_checks` HOLD) | the same |
| accept | relayed with the `X-Mailwarden-*` headers, the route header and subject tag | the same |

The proxy answers 250 only once the next hop has taken the message; if it cannot (refused,
unreachable, timed out) the client gets 451, or the next hop's own 5xx, and keeps the
message. The engine and the relay run in thread pools, so the event loop stays responsive;
size, recipients and decision time are bounded; SIGTERM stops gracefully.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import datetime as dt
import logging
import signal
import socket
import time
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import MailwardenError
from ..policy.pack import Pack
from ._proxy_mime import bounce_message, rewrite
from ._proxy_relay import Outgoing, RelayResult, RelayTarget, relay
from ._proxy_smtp import Identity, ProxySession, ProxySMTP
from .decision import Decision, GatewayEnvelope, GatewayOptions, _fault, decide
from .milter import smtp_text

__all__ = [
    "MODES",
    "ProxyConfig",
    "ProxyError",
    "ProxyServer",
    "Translation",
    "parse_hostport",
    "translate",
]

log = logging.getLogger("mailwarden.proxy")

MODES = ("before-queue", "after-queue")
STOPPING = "451 4.3.2 mail filter restarting; try again shortly"


class ProxyError(MailwardenError):
    """The proxy could not start (one line, exit 2)."""


def parse_hostport(text: str, what: str) -> tuple[str, int]:
    """`HOST:PORT` or `[IPv6]:PORT` to (host, port)."""
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ProxyError(f"{what} must be HOST:PORT, like 127.0.0.1:10025: {text!r}")
    return host, int(port)


@dataclass(frozen=True, slots=True)
class ProxyConfig:
    """How the proxy runs (command-line flags)."""

    listen: tuple[str, int] = ("127.0.0.1", 10025)
    relay: tuple[str, int] = ("127.0.0.1", 10026)
    mode: str = "before-queue"
    hostname: str = field(default_factory=socket.gethostname)
    timeout: float = 60.0
    """Seconds one decision may take before the message gets the `on_error` answer."""
    relay_timeout: float = 60.0
    """Seconds for each step of handing a message to the next hop."""
    max_message_bytes: int = 50 * 1024 * 1024
    max_recipients: int = 1000
    workers: int = 8
    """Threads that run decisions; relays have their own pool, four times larger."""
    drain_seconds: float = 30.0
    """On SIGTERM: how long messages in progress may take to finish before exit."""
    idle_timeout: float = 300.0
    trusted_networks: tuple[str, ...] = ("127.0.0.0/8", "::1/128")
    """Peers whose XFORWARD, XCLIENT and `AUTH=` are believed (the MTA in front)."""


@dataclass(frozen=True, slots=True)
class Translation:
    """What to do with one message: relay it (with these headers and tag), bounce it, or
    just answer `reply` (when `relay` and `bounce` are both false)."""

    reply: str
    relay: bool = False
    bounce: bool = False
    headers: tuple[tuple[str, str], ...] = ()
    subject_tag: str = ""


def _one_line(text: str) -> str:
    return smtp_text(text).replace("%%", "%")


def translate(decision: Decision, mode: str) -> Translation:
    """The proxy's answer to a decision (the relay step, if any, comes after)."""
    if decision.action == "reject":
        xcode, _, text = decision.reply.partition(" ")
        if not xcode.startswith("5."):
            xcode, text = "5.7.1", decision.reply
        reply = f"550 {xcode} {_one_line(text)}"
        return Translation(reply, bounce=mode == "after-queue")
    if decision.action == "tempfail":
        xcode, _, text = decision.reply.partition(" ")
        if not xcode.startswith("4."):
            xcode, text = "4.7.1", decision.reply or "policy check unavailable"
        return Translation(f"451 {xcode} {_one_line(text)}")
    return Translation(
        "250 2.0.0 Ok",
        relay=True,
        headers=decision.headers,
        subject_tag=decision.subject_tag if decision.action == "accept" else "",
    )


def _mail_from(envelope: Any) -> str:
    sender = str(envelope.mail_from or "")
    return "" if sender == "<>" else sender


class Handler:
    """aiosmtpd's handler: the hooks the session calls, and the proxy's shared state."""

    def __init__(self, server: ProxyServer) -> None:
        self.server = server

    def connection_opened(self, protocol: ProxySMTP) -> None:
        self.server.connections.add(protocol)

    def connection_closed(self, protocol: ProxySMTP) -> None:
        self.server.connections.discard(protocol)

    async def handle_EHLO(  # noqa: N802 (aiosmtpd's hook names)
        self,
        server: ProxySMTP,
        session: ProxySession,
        envelope: Any,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        session.host_name = hostname
        extra = [f"250-{keyword}" for keyword in server.extensions()]
        return [*responses[:-1], *extra, responses[-1]]

    async def handle_MAIL(  # noqa: N802
        self,
        server: ProxySMTP,
        session: ProxySession,
        envelope: Any,
        address: str,
        options: list[str],
    ) -> str:
        if self.server.stopping:
            return STOPPING
        return "250 2.1.0 Ok"

    async def handle_RCPT(  # noqa: N802
        self,
        server: ProxySMTP,
        session: ProxySession,
        envelope: Any,
        address: str,
        options: list[str],
    ) -> str:
        if len(envelope.rcpt_tos) >= self.server.config.max_recipients:
            return "452 4.5.3 Too many recipients"
        return "250 2.1.5 Ok"

    async def handle_DATA(  # noqa: N802
        self, server: ProxySMTP, session: ProxySession, envelope: Any
    ) -> str:
        raw = envelope.original_content or b""
        identity = session.identity(raw)
        self.server.in_flight += 1
        try:
            return await self.server.handle(raw, envelope, identity, session)
        except Exception:  # never 250 for what was not passed on; never a lost message
            log.exception("message handling failed")
            return "451 4.3.0 policy gateway error; try again later"
        finally:
            self.server.in_flight -= 1
            self.server.wake()


class ProxyServer:
    """The shared part: pack, options, thread pools, listening socket, graceful stop."""

    def __init__(self, pack: Pack, options: GatewayOptions, config: ProxyConfig) -> None:
        if config.mode not in MODES:
            raise ProxyError(f"mode must be one of {', '.join(MODES)}: {config.mode!r}")
        self.pack = pack
        self.options = options
        self.config = config
        self.target = RelayTarget(
            config.relay[0], config.relay[1], config.relay_timeout, helo=config.hostname
        )
        self._decide_pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=max(1, config.workers), thread_name_prefix="mailwarden-decide"
        )
        self._relay_pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=max(4, config.workers * 4), thread_name_prefix="mailwarden-relay"
        )
        self.connections: set[ProxySMTP] = set()
        self.in_flight = 0
        self.stopping = False
        self._changed: asyncio.Event | None = None
        self._server: asyncio.Server | None = None

    # -- one message -------------------------------------------------------------------

    async def judge(self, raw: bytes, envelope: GatewayEnvelope) -> Decision:
        """`decide()` in the engine's pool, bounded by `timeout` (then the on_error answer)."""
        loop = asyncio.get_running_loop()
        now = dt.datetime.now(dt.UTC)
        future = loop.run_in_executor(
            self._decide_pool,
            lambda: decide(raw, envelope, self.pack, self.options, now=now),
        )
        try:
            return await asyncio.wait_for(future, timeout=self.config.timeout)
        except TimeoutError as exc:
            return replace(
                _fault(self.options, exc), reason=f"policy check over {self.config.timeout:g} s"
            )
        except Exception as exc:  # decide() does not raise for bad mail; this is our fault
            log.exception("decision failed")
            return _fault(self.options, exc)

    async def _relay(self, outgoing: Outgoing) -> RelayResult:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._relay_pool, relay, self.target, outgoing)

    async def handle(
        self, raw: bytes, envelope: Any, identity: Identity, session: ProxySession
    ) -> str:
        """The reply to the end of DATA for one message (after relaying or bouncing it)."""
        started = time.perf_counter()
        arrival = dt.datetime.now(dt.UTC)
        recipients = tuple(str(r) for r in envelope.rcpt_tos)
        gateway_envelope = GatewayEnvelope(
            mail_from=_mail_from(envelope),
            recipients=recipients,
            auth_login=identity.login,
            client_address=identity.client_address,
        )
        decision = await self.judge(raw, gateway_envelope)
        plan = translate(decision, self.config.mode)
        reply = plan.reply
        relayed = ""
        if plan.relay:
            rcpt_options = {
                r: tuple(o.split()) for r, o in zip(recipients, envelope.rcpt_options, strict=False)
            }
            outgoing = Outgoing(
                mail_from=gateway_envelope.mail_from,
                recipients=recipients,
                data=rewrite(raw, plan.headers, plan.subject_tag),
                mail_options=tuple(envelope.mail_options),
                rcpt_options=rcpt_options,
                xforward=_xforward(session, identity),
            )
            result = await self._relay(outgoing)
            reply = f"{result.code} {result.text}"
            relayed = result.queue_reply
        elif plan.bounce:
            reply = await self._bounce(plan, decision, gateway_envelope, raw, arrival)
        self._record(decision, identity, reply, relayed, time.perf_counter() - started)
        return reply

    async def _bounce(
        self,
        plan: Translation,
        decision: Decision,
        envelope: GatewayEnvelope,
        raw: bytes,
        arrival: dt.datetime,
    ) -> str:
        """After-queue: tell the envelope sender with a DSN, then take the message off the
        queue in front (250). A bounce cannot be bounced: mail from <> gets the 550 itself."""
        if not envelope.mail_from:
            return plan.reply
        dsn = bounce_message(
            reporting_host=self.config.hostname,
            sender=envelope.mail_from,
            recipients=envelope.recipients,
            reply=plan.reply.partition(" ")[2],
            original=raw,
            arrival=arrival,
            headers=tuple((n, v) for n, v in decision.headers if n.lower() != "subject"),
        )
        result = await self._relay(Outgoing("", (envelope.mail_from,), dsn))
        if result.ok:
            return "250 2.0.0 Ok: refused under the email policy; returned to the sender"
        return f"451 4.4.1 refused under the email policy, but the bounce failed: {result.text}"

    def _record(
        self, decision: Decision, identity: Identity, reply: str, relayed: str, seconds: float
    ) -> None:
        findings = ",".join(f"{f.rule}={f.clause}" for f in decision.findings if f.counts)
        log.info(
            "mode=%s direction=%s login=%s verdict=%s action=%s reply=%s findings=%s%s ms=%.1f",
            self.config.mode,
            decision.direction,
            identity.login_source or "-",
            decision.verdict or "-",
            decision.action,
            reply[:3],
            findings or "none",
            f" next-hop={relayed!r}" if relayed else "",
            seconds * 1000,
        )

    # -- the server --------------------------------------------------------------------

    def wake(self) -> None:
        if self._changed is not None:
            self._changed.set()

    def _protocol(self, loop: asyncio.AbstractEventLoop) -> ProxySMTP:
        return ProxySMTP(
            Handler(self),
            trusted_networks=self.config.trusted_networks,
            data_size_limit=self.config.max_message_bytes,
            enable_SMTPUTF8=True,
            decode_data=False,
            hostname=self.config.hostname,
            ident="mailwarden proxy",
            timeout=self.config.idle_timeout,
            loop=loop,
        )

    async def start(self) -> None:
        """Listen (after a warm-up, so the first message does not pay for lazy loading)."""
        loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        await loop.run_in_executor(self._decide_pool, self.warm_up)
        host, port = self.config.listen
        try:
            self._server = await loop.create_server(
                lambda: self._protocol(loop), host, port, reuse_address=True
            )
        except OSError as exc:
            raise ProxyError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None

    @property
    def port(self) -> int:
        """The port actually listened on (useful with port 0)."""
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    def warm_up(self) -> None:
        from ..message.extract.worker import warm_up as start_extraction_worker

        start_extraction_worker(self.options.limits)
        raw = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: start\r\n\r\nHello.\r\n"
        for login in ("", "a@example.org"):
            envelope = GatewayEnvelope("a@example.org", ("b@example.org",), login, "192.0.2.1")
            decide(raw, envelope, self.pack, self.options, now=dt.datetime.now(dt.UTC))

    async def stop(self) -> int:
        """Stop listening, answer new transactions 451, let messages in progress finish (up
        to `drain_seconds`), then close every connection. Returns the messages cut off."""
        self.stopping = True
        if self._server is not None:
            self._server.close()
        deadline = time.monotonic() + self.config.drain_seconds
        while self.in_flight > 0 and time.monotonic() < deadline:
            assert self._changed is not None
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), deadline - time.monotonic())
        remaining = self.in_flight
        for protocol in list(self.connections):
            if protocol.transport is not None:
                protocol.transport.close()
        if self._server is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 2)
        self._decide_pool.shutdown(wait=False, cancel_futures=True)
        self._relay_pool.shutdown(wait=remaining == 0, cancel_futures=True)
        return remaining

    async def serve_until_signal(self) -> int:
        """Serve until SIGTERM, SIGHUP or SIGINT, then stop gracefully."""
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        signals = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
        for number in signals:
            loop.add_signal_handler(number, stop.set)
        try:
            await self.start()
            log.info(
                "listening on %s:%d (%s), relaying to %s:%d, with the %s pack (%d rule bindings)",
                *self.config.listen,
                self.config.mode,
                *self.config.relay,
                self.pack.organisation,
                len(self.pack.bindings),
            )
            await stop.wait()
            log.info("stopping: %d message(s) in progress", self.in_flight)
            remaining = await self.stop()
        finally:
            for number in signals:
                loop.remove_signal_handler(number)
        log.info("stopped (%d message(s) left unfinished)", remaining)
        return remaining

    def serve(self) -> int:
        """Run the proxy in this thread until a stop signal; returns messages cut off."""
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command log
        return asyncio.run(self.serve_until_signal())


def _xforward(session: ProxySession, identity: Identity) -> dict[str, str]:
    """What the next hop's XFORWARD should say: the original client, not this proxy."""
    values = dict(session.xforward)
    values.setdefault("ADDR", identity.client_address)
    for key in ("NAME", "HELO"):
        if key not in values and key in session.xclient:
            values[key] = session.xclient[key]
    return {
        k: v.replace("+", "+2B").replace("=", "+3D").replace(" ", "+20")
        for k, v in values.items()
        if v
    }
