"""Adapters for mail in flight: the Postfix milter, the SMTP proxy and the pre-send HTTP API.

They share `decision.decide` (bytes and envelope in, what to do out) and the override tokens
of `overrides`; each adapter only translates that into its own protocol.
"""

from __future__ import annotations

from .decision import Decision, GatewayEnvelope, GatewayOptions, decide, direction_of
from .overrides import OverrideClaim, digest_of, issue_token, message_digest, verify_token

__all__ = [
    "Decision",
    "GatewayEnvelope",
    "GatewayOptions",
    "OverrideClaim",
    "decide",
    "digest_of",
    "direction_of",
    "issue_token",
    "message_digest",
    "verify_token",
]
