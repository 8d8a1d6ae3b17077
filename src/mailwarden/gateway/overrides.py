"""Override tokens: how a sender's justified override of a `warn` reaches the gateway.

DESIGN: the pre-send API offers an override only for a `warn` verdict; the token is an HMAC
over the message digest, the sender and the expiry. The digest is SHA-256 over the sorted,
lower-cased envelope recipient addresses, the NFC-normalised subject, and the new text of the
body (before quoted history) with whitespace collapsed, so a draft checked before send and
the MIME the gateway later sees give the same digest. The gateway verifies the token from the
`X-Mailwarden-Override` header; a token for other recipients, another subject or body, another
sender, or past its expiry is refused.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..message.model import Message

__all__ = ["OverrideClaim", "digest_of", "issue_token", "message_digest", "verify_token"]

_SPACE = re.compile(r"\s+")
DEFAULT_LIFETIME = dt.timedelta(hours=1)


def message_digest(recipients: Iterable[str], subject: str, new_text: str) -> str:
    """The DESIGN digest of a message: recipients, subject and the sender's new words."""
    parts = [
        "\n".join(sorted({r.strip().lower() for r in recipients if r.strip()})),
        unicodedata.normalize("NFC", subject).strip(),
        _SPACE.sub(" ", unicodedata.normalize("NFC", new_text)).strip(),
    ]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def digest_of(message: Message, recipients: Iterable[str] | None = None) -> str:
    """`message_digest` of a parsed message (envelope recipients unless given)."""
    chosen = recipients if recipients is not None else (a.addr_spec for a in message.recipients)
    return message_digest(chosen, message.subject, message.body.new_text)


@dataclass(frozen=True, slots=True)
class OverrideClaim:
    """What a valid token says: this sender may send this message despite its warnings."""

    digest: str
    sender: str
    expires_at: dt.datetime


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(key: str, payload: str) -> str:
    return _b64(hmac.new(key.encode("utf-8"), payload.encode("ascii"), hashlib.sha256).digest())


def issue_token(
    key: str,
    digest: str,
    sender: str,
    *,
    now: dt.datetime,
    lifetime: dt.timedelta = DEFAULT_LIFETIME,
) -> tuple[str, dt.datetime]:
    """A signed token for (digest, sender), valid until now + lifetime."""
    if not key:
        raise ValueError("no override signing key configured")
    expires = (now + lifetime).astimezone(dt.UTC).replace(microsecond=0)
    claim = {"d": digest, "s": sender.strip().lower(), "e": int(expires.timestamp())}
    payload = _b64(json.dumps(claim, separators=(",", ":"), sort_keys=True).encode("utf-8"))
    return f"{payload}.{_sign(key, payload)}", expires


def verify_token(
    key: str, token: str, *, digest: str, sender: str, now: dt.datetime
) -> OverrideClaim | None:
    """The claim when `token` is genuine, unexpired and for this digest and sender; else None."""
    if not key or token.count(".") != 1:
        return None
    payload, signature = token.strip().split(".")
    if not hmac.compare_digest(_sign(key, payload), signature):
        return None
    try:
        claim = json.loads(_unb64(payload))
        expires = dt.datetime.fromtimestamp(int(claim["e"]), dt.UTC)
        found = OverrideClaim(str(claim["d"]), str(claim["s"]), expires)
    except (ValueError, KeyError, TypeError):
        return None
    if found.digest != digest or found.sender != sender.strip().lower() or now >= expires:
        return None
    return found
