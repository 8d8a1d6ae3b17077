"""Override tokens (DESIGN): bound to the digest, the sender and an expiry; tampering refused."""

from __future__ import annotations

import datetime as dt

from mailwarden.gateway import issue_token, message_digest, verify_token

NOW = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
KEY = "test-signing-key"


def test_digest_ignores_order_case_whitespace_and_normalisation() -> None:
    a = message_digest(["B@x.example", "a@x.example"], "Cafe\u0301", "Hello\n\n  there ")
    b = message_digest(["a@x.example", "b@x.example"], "Café", "Hello there")
    assert a == b
    assert a != message_digest(["a@x.example"], "Café", "Hello there")
    assert a != message_digest(["a@x.example", "b@x.example"], "Café", "Hello there!")


def test_a_token_verifies_for_its_digest_and_sender_until_expiry() -> None:
    digest = message_digest(["a@x.example"], "s", "b")
    token, expires = issue_token(KEY, digest, "Me@norfolk.gov.uk", now=NOW)
    assert expires == NOW + dt.timedelta(hours=1)
    claim = verify_token(KEY, token, digest=digest, sender="me@norfolk.gov.uk", now=NOW)
    assert claim is not None and claim.sender == "me@norfolk.gov.uk"
    assert verify_token(KEY, token, digest=digest, sender="me@norfolk.gov.uk", now=expires) is None
    assert verify_token(KEY, token, digest="0" * 64, sender="me@norfolk.gov.uk", now=NOW) is None
    assert verify_token(KEY, token, digest=digest, sender="you@norfolk.gov.uk", now=NOW) is None
    assert (
        verify_token("other-key", token, digest=digest, sender="me@norfolk.gov.uk", now=NOW) is None
    )


def test_tampered_or_malformed_tokens_are_refused() -> None:
    digest = message_digest(["a@x.example"], "s", "b")
    token, _ = issue_token(KEY, digest, "me@norfolk.gov.uk", now=NOW)
    payload, signature = token.split(".")
    forged = f"{payload[:-2]}AA.{signature}"
    for bad in (forged, "", "nodot", "a.b.c", f"{payload}.", f".{signature}"):
        assert verify_token(KEY, bad, digest=digest, sender="me@norfolk.gov.uk", now=NOW) is None
