"""API keys of the pre-send API: one per client, optionally bound to the senders it may speak for.

Settings `api_keys` stays a list of strings (DESIGN); an entry is the secret, optionally
followed by space-separated scopes:

    "s3cret-outlook-addin-key client=outlook sender=norfolk.gov.uk"
    "s3cret-casework-key client=casework sender=casework@norfolk.gov.uk"

- `client=NAME` names the client in logs and metrics (default `key-<n>`, 1-based).
- `sender=MAILBOX|DOMAIN` (repeatable) binds the key: it may check and override only mail from
  that mailbox, or from that domain and its subdomains, and the sender it declares is then
  treated as authenticated. An unbound key's declared sender is unauthenticated (DESIGN: a
  `From:` alone is never trusted for identity), as in `check` without `--sender`.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import ConfigError

__all__ = ["MIN_KEY_LENGTH", "ApiClient", "authenticate", "parse_api_keys"]

MIN_KEY_LENGTH = 16


@dataclass(frozen=True, slots=True)
class ApiClient:
    """One key's client: its name and the senders it is bound to (empty: unbound)."""

    name: str
    secret: str
    senders: tuple[str, ...] = ()

    @property
    def bound(self) -> bool:
        return bool(self.senders)

    def may_send_as(self, address: str) -> bool:
        """Whether this client may speak for `address` (always, for an unbound key)."""
        if not self.senders:
            return True
        wanted = address.strip().lower()
        domain = wanted.rpartition("@")[2]
        for scope in self.senders:
            if "@" in scope:
                if wanted == scope:
                    return True
            elif domain == scope or domain.endswith("." + scope):
                return True
        return False


def parse_api_keys(entries: Iterable[str]) -> tuple[ApiClient, ...]:
    """The clients of the settings' `api_keys`; a malformed entry is a `ConfigError`."""
    clients: list[ApiClient] = []
    for n, entry in enumerate(entries, start=1):
        secret, *scopes = entry.split()
        if len(secret) < MIN_KEY_LENGTH or "=" in secret:
            raise ConfigError(
                f"api_keys entry {n}: the key must come first and be at least "
                f"{MIN_KEY_LENGTH} characters"
            )
        name, senders = f"key-{n}", []
        for scope in scopes:
            key, sep, value = scope.partition("=")
            if not sep or not value:
                raise ConfigError(f"api_keys entry {n}: scope {key!r} needs a value (name=value)")
            if key == "client":
                name = value
            elif key == "sender":
                senders.append(value.strip().lower().lstrip("."))
            else:
                raise ConfigError(
                    f"api_keys entry {n}: unknown scope {key!r} (known: client, sender)"
                )
        clients.append(ApiClient(name, secret, tuple(senders)))
    return tuple(clients)


def authenticate(clients: tuple[ApiClient, ...], authorization: str | None) -> ApiClient | None:
    """The client whose key is in `Authorization: Bearer <key>`, compared in constant time."""
    if not authorization:
        return None
    scheme, _, presented = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not presented.strip():
        return None
    given = presented.strip().encode("utf-8", "surrogateescape")
    found = None
    for client in clients:  # every key is compared, so timing does not tell which matched
        if hmac.compare_digest(client.secret.encode("utf-8"), given):
            found = client
    return found
