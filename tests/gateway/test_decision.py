"""The gateway decision: direction and identity, verdict to action, faults never lose mail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mailwarden.gateway import GatewayEnvelope, GatewayOptions, decide, issue_token
from mailwarden.gateway.overrides import digest_of
from mailwarden.message.reader import parse_message_bytes
from mailwarden.policy.loader import load_pack

NOW = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
FIXTURES = Path(__file__).parents[1] / "rules" / "fixtures"
SUBJECT_NAME = (
    FIXTURES / "personal-data-in-subject" / "fires-name-and-nhs-number.eml"
).read_bytes()
EXTERNAL = (
    FIXTURES / "personal-data-to-external-recipient" / "fires-norfolk-referral-to-provider.eml"
).read_bytes()
OPTIONS = GatewayOptions(override_signing_key="k")


def _envelope(raw: bytes, login: str = "a.officer@norfolk.gov.uk") -> GatewayEnvelope:
    message = parse_message_bytes(raw)
    return GatewayEnvelope(
        mail_from="a.officer@norfolk.gov.uk",
        recipients=tuple(a.addr_spec for a in message.recipients),
        auth_login=login,
        client_address="192.0.2.10",
    )


def test_block_is_a_reject_naming_clause_and_fix_without_personal_data() -> None:
    decision = decide(SUBJECT_NAME, _envelope(SUBJECT_NAME), load_pack("norfolk"), OPTIONS, now=NOW)
    assert decision.action == "reject" and decision.reply.startswith("5.7.1 ")
    assert "NCC-E8" in decision.reply and "Fix:" in decision.reply
    assert "Kowalczyk" not in decision.reply and "5919" not in decision.reply


def test_encrypt_adds_the_route_header_and_subject_tag() -> None:
    decision = decide(EXTERNAL, _envelope(EXTERNAL), load_pack("norfolk"), OPTIONS, now=NOW)
    assert decision.action == "accept" and str(decision.verdict) == "encrypt"
    assert ("X-Mailwarden-Encrypt", "ome") in decision.headers
    assert decision.subject_tag == "[encrypt]"
    findings = dict(decision.headers)["X-Mailwarden-Findings"]
    assert findings == "personal-data-to-external-recipient=NCC-E6"


def test_settings_encryption_tag_overrides_the_pack_route() -> None:
    options = GatewayOptions(
        encryption_tag={"header": "X-Encrypt", "value": "yes", "subject_tag": ""}
    )
    decision = decide(EXTERNAL, _envelope(EXTERNAL), load_pack("norfolk"), options, now=NOW)
    assert ("X-Encrypt", "yes") in decision.headers and decision.subject_tag == ""


def test_unauthenticated_mail_from_outside_is_incoming_and_not_judged_by_send_rules() -> None:
    envelope = GatewayEnvelope(
        "someone@example.com", ("a.officer@norfolk.gov.uk",), "", "198.51.100.7"
    )
    decision = decide(SUBJECT_NAME, envelope, load_pack("norfolk"), OPTIONS, now=NOW)
    assert decision.direction == "receive" and decision.action == "accept"


def test_internal_sender_on_an_internal_network_is_outgoing() -> None:
    envelope = GatewayEnvelope(
        "a.officer@norfolk.gov.uk", ("duty.team@norfolk.gov.uk",), "", "127.0.0.1"
    )
    decision = decide(SUBJECT_NAME, envelope, load_pack("norfolk"), OPTIONS, now=NOW)
    assert decision.direction == "send" and decision.action == "reject"


def test_unreadable_mail_is_held_with_its_reason() -> None:
    decision = decide(b"", _envelope(SUBJECT_NAME), load_pack("norfolk"), OPTIONS, now=NOW)
    assert decision.action == "hold" and "unreadable" in decision.reason


def test_an_engine_fault_is_a_tempfail(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("mailwarden.gateway.decision.evaluate", broken)
    decision = decide(SUBJECT_NAME, _envelope(SUBJECT_NAME), load_pack("norfolk"), OPTIONS, now=NOW)
    assert decision.action == "tempfail" and decision.reply.startswith("4.7.1 ")


def _warn_only_message() -> bytes:
    return (
        (FIXTURES / "intemperate-language")
        .joinpath(
            sorted(p.name for p in (FIXTURES / "intemperate-language").glob("fires-norfolk*.eml"))[
                0
            ]
        )
        .read_bytes()
    )


def test_a_valid_override_marks_warn_findings_and_a_forged_one_does_not() -> None:
    raw = _warn_only_message()
    envelope = _envelope(raw, login=parse_message_bytes(raw).from_[0].addr_spec)
    plain = decide(raw, envelope, load_pack("norfolk"), OPTIONS, now=NOW)
    assert str(plain.verdict) == "warn"
    digest = digest_of(parse_message_bytes(raw), envelope.recipients)
    token, _ = issue_token("k", digest, envelope.auth_login, now=NOW)
    signed = f"X-Mailwarden-Override: {token}\r\n".encode() + raw
    allowed = decide(signed, envelope, load_pack("norfolk"), OPTIONS, now=NOW)
    assert str(allowed.verdict) == "allow" and all(
        f.overridden for f in allowed.findings if str(f.action) == "warn"
    )
    forged = f"X-Mailwarden-Override: {token[:-3]}xyz\r\n".encode() + raw
    assert str(decide(forged, envelope, load_pack("norfolk"), OPTIONS, now=NOW).verdict) == "warn"


def test_a_parser_fault_holds_the_message_instead_of_deferring_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RecursionError("deep")

    monkeypatch.setattr("mailwarden.gateway.decision.parse_message_bytes", broken)
    decision = decide(SUBJECT_NAME, _envelope(SUBJECT_NAME), load_pack("norfolk"), OPTIONS, now=NOW)
    assert decision.action == "hold" and "RecursionError" in decision.reason


def test_a_hold_keeps_the_encryption_route_for_its_release() -> None:
    bulk = (
        FIXTURES / "bulk-personal-data" / "fires-telford-spreadsheet-of-patients.eml"
    ).read_bytes()
    message = parse_message_bytes(bulk)
    external = b"To: Intake <intake@care-provider.example>\r\n" + bulk.replace(
        b"To:", b"X-Old-To:", 1
    )
    envelope = GatewayEnvelope(
        message.from_[0].addr_spec, ("intake@care-provider.example",), message.from_[0].addr_spec
    )
    decision = decide(external, envelope, load_pack("telford"), OPTIONS, now=NOW)
    assert decision.action == "hold"
    assert ("X-Mailwarden-Encrypt", "scs") in decision.headers and decision.subject_tag == "[SCS]"
