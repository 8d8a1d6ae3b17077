"""From a message in flight to what the gateway does with it, the same for milter and proxy.

Adapters translate (house rule 1): the milter and the SMTP proxy hand over the bytes and the
envelope, this module parses, builds the context (direction and identity as DESIGN says),
calls the engine, and turns the verdict into a transport-neutral `Decision`: accept (maybe
with headers and a subject tag), reject with a reply that names the clause and the fix, hold
for review, or tempfail. It never drops mail: anything unexpected becomes a tempfail, so the
sending server keeps the message and retries.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..engine import evaluate
from ..errors import InputError
from ..message.limits import Limits
from ..message.model import Address, Envelope, Message
from ..message.reader import parse_message_bytes
from ..policy.actions import Action
from ..policy.context import Context
from ..policy.findings import Finding, Verdict
from ..policy.pack import EncryptionRoute, Pack
from ..recipients.history import SenderHistory
from .overrides import digest_of, verify_token

__all__ = ["Decision", "GatewayEnvelope", "GatewayOptions", "decide", "direction_of"]

OVERRIDE_HEADER = "X-Mailwarden-Override"


@dataclass(frozen=True, slots=True)
class GatewayEnvelope:
    """What the transport knows: MAIL FROM, RCPT TO, the SASL login, the client's address."""

    mail_from: str
    recipients: tuple[str, ...]
    auth_login: str = ""
    client_address: str = ""


@dataclass(frozen=True, slots=True)
class GatewayOptions:
    """Deployment choices for the gateway (from the settings)."""

    internal_networks: tuple[str, ...] = ("127.0.0.0/8", "::1/128")
    encryption_tag: Mapping[str, Any] | None = None
    override_signing_key: str = ""
    on_error: str = "tempfail"
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with the message. `action` is accept, reject, hold or tempfail."""

    action: str
    verdict: Action | None = None
    reply: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    subject_tag: str = ""
    reason: str = ""
    findings: tuple[Finding, ...] = ()
    direction: str = "send"


def _internal_client(address: str, networks: tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip("[]").removeprefix("IPv6:"))
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(n, strict=False) for n in networks)


def direction_of(
    envelope: GatewayEnvelope, pack: Pack, options: GatewayOptions
) -> tuple[str, str, bool]:
    """(direction, sender, authenticated) as DESIGN says: the login, else an internal sender on
    an internal network; `From:` is never trusted for identity."""
    if envelope.auth_login:
        login = envelope.auth_login.strip().lower()
        sender = login if "@" in login else envelope.mail_from.strip().lower()
        return "send", sender, True
    sender = envelope.mail_from.strip().lower()
    internal = pack.is_internal(sender.rpartition("@")[2])
    if internal and _internal_client(envelope.client_address, options.internal_networks):
        return "send", sender, False
    return "receive", sender, False


def _with_envelope(message: Message, envelope: GatewayEnvelope) -> Message:
    def address(text: str) -> Address:
        local, _, domain = text.strip().strip("<>").rpartition("@")
        return Address("", local or text, domain.lower())

    mail_from = address(envelope.mail_from) if envelope.mail_from else None
    recipients = tuple(address(r) for r in envelope.recipients)
    return replace(message, envelope=Envelope(mail_from, recipients, from_headers=False))


def _route(pack: Pack, options: GatewayOptions) -> EncryptionRoute | None:
    route = pack.encryption_route
    tag = options.encryption_tag or {}
    if route is None and not tag:
        return None
    base = route or EncryptionRoute(name="encryption")
    return EncryptionRoute(
        name=base.name,
        header=str(tag.get("header", base.header)),
        value=str(tag.get("value", base.value)),
        subject_tag=str(tag.get("subject_tag", base.subject_tag)),
    )


def _summary(verdict: Verdict) -> str:
    return ", ".join(f"{f.rule}={f.clause}" for f in verdict.findings if f.counts) or "none"


def _reply(verdict: Verdict, pack: Pack) -> str:
    stopping = [f for f in verdict.findings if f.counts and f.action is verdict.action]
    first = stopping[0]
    clause = pack.clauses.get(first.clause)
    title = f" ({clause.title})" if clause else ""
    return (
        f"5.7.1 Refused under {pack.organisation}'s email policy, {first.clause}{title}: "
        f"{first.message} Fix: {first.fix}"
    )


def _decision(verdict: Verdict, pack: Pack, options: GatewayOptions, direction: str) -> Decision:
    action = verdict.action
    headers = [("X-Mailwarden-Verdict", str(action)), ("X-Mailwarden-Findings", _summary(verdict))]
    base = Decision("accept", action, findings=verdict.findings, direction=direction)
    if action is Action.BLOCK:
        return replace(base, action="reject", reply=_reply(verdict, pack), headers=tuple(headers))
    needs_route = any(f.counts and f.action is Action.ENCRYPT for f in verdict.findings)
    route = _route(pack, options) if needs_route else None
    if route is not None and route.header:  # kept on a hold too, so a release is still routed
        headers.append((route.header, route.value or "1"))
    tag = route.subject_tag if route is not None else ""
    if action is Action.QUARANTINE:
        reason = _summary(verdict)
        headers.append(("X-Mailwarden-Quarantine", reason))
        return replace(base, action="hold", reason=reason, headers=tuple(headers), subject_tag=tag)
    return replace(base, headers=tuple(headers), subject_tag=tag)


def decide(
    raw: bytes,
    envelope: GatewayEnvelope,
    pack: Pack,
    options: GatewayOptions,
    *,
    now: dt.datetime,
    history: SenderHistory | None = None,
) -> Decision:
    """The gateway's decision for one message in flight (never raises for bad mail)."""
    direction, sender, authenticated = direction_of(envelope, pack, options)
    try:
        message = _with_envelope(parse_message_bytes(raw, limits=options.limits), envelope)
    except InputError as exc:
        return _unreadable(str(exc))
    except Exception as exc:  # a parser fault: held for a person, never deferred for ever
        return _unreadable(f"the parser failed ({type(exc).__name__})")
    override = False
    token = message.header(OVERRIDE_HEADER)
    if token and options.override_signing_key:
        digest = digest_of(message, envelope.recipients)
        override = (
            verify_token(options.override_signing_key, token, digest=digest, sender=sender, now=now)
            is not None
        )
    context = Context(
        now=now,
        sender=sender,
        sender_authenticated=authenticated,
        override=override,
        direction=direction,
        history=history,
    )
    try:
        verdict = evaluate(message, pack, context)
    except Exception as exc:  # an engine fault must never lose or wrongly pass mail
        return _fault(options, exc)
    return _decision(verdict, pack, options, direction)


def _unreadable(detail: str) -> Decision:
    reason = f"unreadable message: {detail}"
    return Decision("hold", reason=reason, headers=(("X-Mailwarden-Quarantine", reason),))


def _fault(options: GatewayOptions, exc: Exception) -> Decision:
    reason = f"policy check failed ({type(exc).__name__})"
    if options.on_error == "accept":
        return Decision("accept", reason=reason, headers=(("X-Mailwarden-Verdict", "error"),))
    if options.on_error == "hold":
        return Decision("hold", reason=reason, headers=(("X-Mailwarden-Quarantine", reason),))
    return Decision("tempfail", reply=f"4.7.1 {reason}; try again later", reason=reason)
