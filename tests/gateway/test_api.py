"""The pre-send HTTP API: shapes, verdicts, the override flow to the gateway, limits, errors."""

from __future__ import annotations

import base64
import datetime as dt
import email.policy
import json
import time
import warnings
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the api extra is not installed")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

with warnings.catch_warnings():  # starlette prefers httpx2; httpx is what FastAPI documents
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from mailwarden.gateway import GatewayEnvelope, GatewayOptions, decide  # noqa: E402
from mailwarden.gateway._api_draft import DraftLimits, draft_to_mime  # noqa: E402
from mailwarden.gateway._api_models import Draft  # noqa: E402
from mailwarden.gateway.api import ApiOptions, create_app, openapi_document  # noqa: E402
from mailwarden.gateway.overrides import digest_of  # noqa: E402
from mailwarden.message.reader import parse_message_bytes  # noqa: E402
from mailwarden.policy.loader import load_pack  # noqa: E402
from mailwarden.settings import Settings  # noqa: E402

NOW = dt.datetime(2026, 3, 3, 10, tzinfo=dt.UTC)  # a Tuesday morning
FIXTURES = Path(__file__).parents[1] / "rules" / "fixtures"
DOCS = Path(__file__).parents[2] / "docs"
KEY = "test-key-outlook-0123456789"
BOUND_KEY = "test-key-casework-0123456789"
SIGNING = "test-signing-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
MIME = AUTH | {"Content-Type": "message/rfc822"}

BLOCK = FIXTURES / "personal-data-in-subject" / "fires-name-and-nhs-number.eml"
ENCRYPT = (
    FIXTURES / "personal-data-to-external-recipient" / "fires-norfolk-referral-to-provider.eml"
)
WARN = FIXTURES / "intemperate-language" / "fires-norfolk-insult-to-contractor.eml"
ALLOW = FIXTURES / "intemperate-language" / "passes-norfolk-calm-reply-quoting-abuse.eml"
QUARANTINE = FIXTURES / "attachment-not-inspected" / "fires-zip-bomb.eml"


def _client(
    *,
    signing: str | None = SIGNING,
    options: ApiOptions | None = None,
    store: Any = None,
    raise_server_exceptions: bool = True,
) -> TestClient:
    settings = Settings(
        api_keys=(KEY, f"{BOUND_KEY} client=casework sender=norfolk.gov.uk"),
        override_signing_key=signing,
    )
    app = create_app(load_pack("norfolk"), settings, options, store=store, clock=lambda: NOW)
    return TestClient(app, raise_server_exceptions=raise_server_exceptions)


@pytest.fixture(scope="module")
def client() -> TestClient:
    return _client()


def _draft_of(raw: bytes) -> dict[str, Any]:
    """The JSON draft a mail client would hold for this message."""
    message = parse_message_bytes(raw)
    return {
        "from": message.from_[0].addr_spec,
        "to": [a.addr_spec for a in message.to],
        "cc": [a.addr_spec for a in message.cc],
        "bcc": [a.addr_spec for a in message.bcc],
        "subject": message.subject,
        "body_text": message.body.text,
        "attachments": [],
    }


# -- verdicts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "verdict"),
    [
        (ALLOW, "allow"),
        (WARN, "warn"),
        (ENCRYPT, "encrypt"),
        (BLOCK, "block"),
        (QUARANTINE, "quarantine"),
    ],
)
def test_raw_mime_gets_the_check_shape_and_the_pack_verdict(
    client: TestClient, path: Path, verdict: str
) -> None:
    answer = client.post("/v1/check", content=path.read_bytes(), headers=MIME)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert data["verdict"] == verdict and data["source"] == "message"
    assert set(data) <= {"source", "verdict", "would_be", "findings", "override"}
    assert data["override"] == {
        "allowed": verdict == "warn",
        "digest": digest_of(parse_message_bytes(path.read_bytes())),
    }
    for finding in data["findings"]:
        assert {"rule", "clause", "clauses", "action", "message", "fix", "evidence"} <= set(finding)


def test_a_json_draft_gets_the_verdict_and_digest_of_the_same_message_as_mime(
    client: TestClient,
) -> None:
    for path in (WARN, BLOCK, ENCRYPT, ALLOW):
        raw = path.read_bytes()
        as_mime = client.post("/v1/check", content=raw, headers=MIME).json()
        as_draft = client.post("/v1/check", json=_draft_of(raw), headers=AUTH).json()
        assert as_draft["source"] == "draft"
        assert as_draft["verdict"] == as_mime["verdict"], path.name
        assert as_draft["override"]["digest"] == as_mime["override"]["digest"], path.name
        assert [f["rule"] for f in as_draft["findings"]] == [f["rule"] for f in as_mime["findings"]]


def test_a_draft_with_html_and_attachments_is_checked(client: TestClient) -> None:
    csv = "name,nhs\nAmelia Kowalczyk,943 476 5919\nJan Nowak,401 023 2137\n"
    draft = {
        "from": "Alex Officer <a.officer@norfolk.gov.uk>",
        "to": ["Provider <intake@care-provider.example>"],
        "subject": "Weekly list",
        "body_text": "Please find the list attached.\n\nAlex Officer\nSocial Worker",
        "body_html": "<p>Please find the list attached.</p><p>Alex Officer<br>Social Worker</p>",
        "attachments": [
            {
                "filename": "list.csv",
                "content_type": "text/csv",
                "content_base64": base64.b64encode(csv.encode()).decode(),
            }
        ],
    }
    data = client.post("/v1/check", json=draft, headers=AUTH).json()
    assert data["verdict"] in ("encrypt", "block")
    assert any(e["where"] == "attachment:1" for f in data["findings"] for e in f["evidence"])
    assert "Kowalczyk" not in json.dumps(data) and "476 5919" not in json.dumps(data)


def _stdlib_mime(draft: dict[str, Any]) -> bytes:
    """The same draft built with `EmailMessage`: the reference for the API's own builder."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = draft["from"]
    for field in ("to", "cc", "bcc"):
        if draft.get(field):
            message[field.capitalize()] = ", ".join(draft[field])
    message["Subject"] = draft["subject"]
    message.set_content(draft["body_text"])
    if draft.get("body_html"):
        message.add_alternative(draft["body_html"], subtype="html")
    for item in draft.get("attachments", []):
        maintype, _, subtype = item["content_type"].partition("/")
        content = base64.b64decode(item["content_base64"])
        message.add_attachment(
            content, maintype=maintype, subtype=subtype, filename=item["filename"]
        )
    return message.as_bytes()


def test_the_draft_builder_reads_back_like_the_standard_library_s_mime() -> None:
    draft = {
        "from": "Zoë Ó Briain <zoe.obriain@norfolk.gov.uk>",
        "to": ['"Cole, Dave" <dave.cole@greenbins.example>', "ops@greenbins.example"],
        "cc": ["Duty Team <duty.team@norfolk.gov.uk>"],
        "bcc": ["records@norfolk.gov.uk"],
        "subject": "Café visit – Thorpe round, 3 March",
        "body_text": "Dear Dave,\r\n\nThe visit is on Tuesday.\n\n> earlier words\n\nZoë\n",
        "body_html": "<p>Dear Dave,</p><p>The visit is on Tuesday.</p><p>Zoë</p>",
        "attachments": [
            {
                "filename": "notes – März.txt",
                "content_type": "text/plain",
                "content_base64": base64.b64encode(b"Bin day notes\n").decode(),
            },
            {
                "filename": 'plan "b".csv',
                "content_type": "text/csv",
                "content_base64": base64.b64encode(b"a,b\n1,2\n").decode(),
            },
        ],
    }
    limits = DraftLimits(max_attachments=10, max_attachment_bytes=1000)
    ours = parse_message_bytes(draft_to_mime(Draft.model_validate(draft), limits))
    reference = parse_message_bytes(_stdlib_mime(draft))
    assert ours.subject == reference.subject == draft["subject"]
    for field in ("from_", "to", "cc", "bcc"):
        assert getattr(ours, field) == getattr(reference, field), field
    assert ours.body.new_text.split() == reference.body.new_text.split()
    assert ours.body.text.split() == reference.body.text.split()
    assert (ours.body.html or "").split() == (reference.body.html or "").split()
    assert [(a.filename, a.text.strip()) for a in ours.attachments] == [
        (a.filename, a.text.strip()) for a in reference.attachments
    ]
    assert digest_of(ours) == digest_of(reference)


def test_responses_hold_masked_evidence_only(client: TestClient) -> None:
    text = client.post("/v1/check", content=BLOCK.read_bytes(), headers=MIME).text
    assert "Kowalczyk" not in text and "943 476 5919" not in text and "Amelia" not in text
    evidence = [e for f in json.loads(text)["findings"] for e in f["evidence"]]
    assert {"type": "UK_NHS_NUMBER", "where": "subject", "masked": "*** *** 5919"} in evidence


# -- overrides ------------------------------------------------------------------------------


def test_warn_override_token_is_honoured_by_the_gateway_and_by_a_recheck(
    client: TestClient,
) -> None:
    raw = WARN.read_bytes()
    sender = parse_message_bytes(raw).from_[0].addr_spec
    offer = client.post("/v1/check", json=_draft_of(raw), headers=AUTH).json()
    assert offer["verdict"] == "warn" and offer["override"]["allowed"] is True
    issued = client.post(
        "/v1/overrides",
        json={
            "digest": offer["override"]["digest"],
            "sender": sender,
            "justification": "The contractor asked for a frank summary; agreed with my manager.",
        },
        headers=AUTH,
    )
    assert issued.status_code == 200, issued.text
    token = issued.json()["token"]
    expires = dt.datetime.fromisoformat(issued.json()["expires_at"].replace("Z", "+00:00"))
    assert expires == NOW + dt.timedelta(hours=1)

    # The add-in's re-check with the token: the warn findings are overridden, the send goes on.
    again = client.post(
        "/v1/check", json=_draft_of(raw), headers=AUTH | {"X-Mailwarden-Override": token}
    ).json()
    assert again["verdict"] == "allow" and again["override"]["allowed"] is False
    assert all(f["overridden"] for f in again["findings"] if f["action"] == "warn")

    # The gateway sees the sent message with the header the add-in set.
    message = parse_message_bytes(raw)
    envelope = GatewayEnvelope(
        mail_from=sender,
        recipients=tuple(a.addr_spec for a in message.recipients),
        auth_login=sender,
        client_address="192.0.2.10",
    )
    options = GatewayOptions(override_signing_key=SIGNING)
    pack = load_pack("norfolk")
    plain = decide(raw, envelope, pack, options, now=NOW)
    signed = f"X-Mailwarden-Override: {token}\r\n".encode() + raw
    honoured = decide(signed, envelope, pack, options, now=NOW)
    assert str(plain.verdict) == "warn" and str(honoured.verdict) == "allow"
    assert all(f.overridden for f in honoured.findings if str(f.action) == "warn")
    # ... and not for another sender or an edited message.
    other = GatewayEnvelope("x.other@norfolk.gov.uk", envelope.recipients, "x.other@norfolk.gov.uk")
    assert str(decide(signed, other, pack, options, now=NOW).verdict) == "warn"
    edited = signed.replace(b"Subject: ", b"Subject: Re: ", 1)
    assert str(decide(edited, envelope, pack, options, now=NOW).verdict) == "warn"


def test_a_token_cannot_lift_a_block(client: TestClient) -> None:
    raw = BLOCK.read_bytes()
    checked = client.post("/v1/check", content=raw, headers=MIME).json()
    sender = "a.officer@norfolk.gov.uk"
    wanted = {"digest": checked["override"]["digest"], "sender": sender, "justification": "x"}
    refused = client.post("/v1/overrides", json=wanted, headers=AUTH)
    assert refused.status_code == 422 and "only a 'warn'" in refused.json()["error"]

    # A process that has not seen the message signs the digest, and the gateway still blocks.
    fresh = _client()
    token = fresh.post("/v1/overrides", json=wanted, headers=AUTH).json()["token"]
    message = parse_message_bytes(raw)
    envelope = GatewayEnvelope(sender, tuple(a.addr_spec for a in message.recipients), sender)
    signed = f"X-Mailwarden-Override: {token}\r\n".encode() + raw
    decision = decide(
        signed,
        envelope,
        load_pack("norfolk"),
        GatewayOptions(override_signing_key=SIGNING),
        now=NOW,
    )
    assert decision.action == "reject" and not any(f.overridden for f in decision.findings)


def test_overrides_need_a_signing_key() -> None:
    client = _client(signing=None)
    checked = client.post("/v1/check", content=WARN.read_bytes(), headers=MIME).json()
    assert checked["verdict"] == "warn" and checked["override"]["allowed"] is False
    wanted = {"digest": "0" * 64, "sender": "a@norfolk.gov.uk", "justification": "because"}
    answer = client.post("/v1/overrides", json=wanted, headers=AUTH)
    assert answer.status_code == 503 and "override_signing_key" in answer.json()["error"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"justification": ""}, 422),
        ({"justification": "   \n "}, 422),
        ({"justification": "x" * 2001}, 422),
        ({"digest": "not-a-digest"}, 422),
        ({"sender": "not an address"}, 422),
    ],
)
def test_override_requests_are_validated(
    client: TestClient, change: dict[str, str], expected: int
) -> None:
    wanted = {"digest": "a" * 64, "sender": "a@norfolk.gov.uk", "justification": "ok"} | change
    answer = client.post("/v1/overrides", json=wanted, headers=AUTH)
    assert answer.status_code == expected and set(answer.json()) == {"error"}
    assert "x" * 50 not in answer.text


def test_a_missing_justification_is_refused(client: TestClient) -> None:
    answer = client.post(
        "/v1/overrides", json={"digest": "a" * 64, "sender": "a@norfolk.gov.uk"}, headers=AUTH
    )
    assert answer.status_code == 422 and answer.json()["error"].startswith("justification")


class _Store:
    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    def record_override(self, **record: Any) -> None:
        self.records.append(record)


def test_an_override_is_recorded_in_the_store_with_its_justification() -> None:
    store = _Store()
    client = _client(store=store)
    wanted = {"digest": "b" * 64, "sender": "A.Officer@norfolk.gov.uk", "justification": " why "}
    assert client.post("/v1/overrides", json=wanted, headers=AUTH).status_code == 200
    (record,) = store.records
    assert record["digest"] == "b" * 64 and record["sender"] == "a.officer@norfolk.gov.uk"
    assert record["justification"] == "why" and record["client"] == "key-1"
    assert record["expires_at"] == NOW + dt.timedelta(hours=1)


def test_an_override_without_a_store_is_logged_without_content(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="mailwarden.api")
    secret_reason = "Because Amelia Kowalczyk asked"
    wanted = {
        "digest": "c" * 64,
        "sender": "a.officer@norfolk.gov.uk",
        "justification": secret_reason,
    }
    assert client.post("/v1/overrides", json=wanted, headers=AUTH).status_code == 200
    logged = caplog.text
    assert "override issued" in logged and "cccccccccccc" in logged
    assert "Kowalczyk" not in logged and "a.officer" not in logged


# -- keys and identity ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-key-0123456789"}, {"Authorization": f"Basic {KEY}"}],
)
def test_requests_without_a_known_key_are_refused(
    client: TestClient, headers: dict[str, str]
) -> None:
    for path, body in (("/v1/check", {"from": "a@b.org"}), ("/v1/overrides", {})):
        answer = client.post(path, json=body, headers=headers)
        assert answer.status_code == 401 and answer.json() == {
            "error": "missing or unknown API key"
        }
        assert answer.headers["www-authenticate"] == "Bearer"


def test_health_and_metrics_need_no_key(client: TestClient) -> None:
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["policy"] == "norfolk"
    assert client.get("/metrics").status_code == 200


def test_a_bound_key_checks_only_its_senders_and_vouches_for_them(client: TestClient) -> None:
    bound = {"Authorization": f"Bearer {BOUND_KEY}"}
    outside = _draft_of(WARN.read_bytes()) | {"from": "someone@example.com"}
    answer = client.post("/v1/check", json=outside, headers=bound)
    assert answer.status_code == 403 and "casework" in answer.json()["error"]
    inside = client.post("/v1/check", json=_draft_of(WARN.read_bytes()), headers=bound)
    assert inside.status_code == 200
    assert not any(f.get("unauthenticated") for f in inside.json()["findings"])
    wanted = {"digest": "d" * 64, "sender": "someone@example.com", "justification": "x"}
    assert client.post("/v1/overrides", json=wanted, headers=bound).status_code == 403


# -- limits and malformed input ---------------------------------------------------------------


def test_an_oversize_body_is_413() -> None:
    client = _client(options=ApiOptions(max_request_bytes=1000))
    answer = client.post("/v1/check", content=b"x" * 2000, headers=MIME)
    assert answer.status_code == 413 and "larger than 1000 bytes" in answer.json()["error"]


def test_too_many_or_too_large_attachments_are_413() -> None:
    client = _client(options=ApiOptions(max_attachments=2, max_attachment_bytes=100))
    small = {"filename": "a.txt", "content_type": "text/plain", "content_base64": "aGk="}
    base = {"from": "a@norfolk.gov.uk", "to": ["b@norfolk.gov.uk"], "body_text": "hi"}
    many = client.post("/v1/check", json=base | {"attachments": [small] * 3}, headers=AUTH)
    assert many.status_code == 413 and "too many attachments" in many.json()["error"]
    big = small | {"content_base64": base64.b64encode(b"x" * 101).decode()}
    large = client.post("/v1/check", json=base | {"attachments": [big]}, headers=AUTH)
    assert large.status_code == 413 and "larger than 100 bytes" in large.json()["error"]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "error"),
    [
        (b"{not json", "application/json", 400, "malformed JSON"),
        (b'{"to": []}', "application/json", 422, "from: Field required"),
        (b'{"from": "a@b.org", "extra": 1}', "application/json", 422, "extra"),
        (b'{"from": "a@b.org", "to": "b@c.org"}', "application/json", 422, "to:"),
        (b'{"from": "Amelia Kowalczyk"}', "application/json", 422, "from: not an email"),
        (
            b'{"from": "a@b.org", "attachments": [{"filename": "a", "content_base64": "!!"}]}',
            "application/json",
            422,
            "not valid base64",
        ),
        (b"", "message/rfc822", 400, "unreadable message"),
        (b"hello", "text/plain", 415, "application/json"),
    ],
)
def test_malformed_requests_get_one_line_errors_without_echoing_input(
    client: TestClient, body: bytes, content_type: str, status: int, error: str
) -> None:
    answer = client.post("/v1/check", content=body, headers=AUTH | {"Content-Type": content_type})
    assert answer.status_code == status, answer.text
    assert set(answer.json()) == {"error"} and error in answer.json()["error"]
    assert "Kowalczyk" not in answer.text and "Traceback" not in answer.text


def test_unknown_paths_and_methods_answer_json(client: TestClient) -> None:
    assert client.get("/nowhere").json() == {"error": "not found"}
    assert client.get("/v1/check").status_code == 405


def test_a_slow_check_is_a_503_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object) -> None:
        time.sleep(0.5)

    monkeypatch.setattr("mailwarden.gateway.api.evaluate", slow)
    client = _client(options=ApiOptions(timeout_seconds=0.1, max_concurrency=1))
    answer = client.post("/v1/check", content=ALLOW.read_bytes(), headers=MIME)
    assert answer.status_code == 503 and "too long" in answer.json()["error"]


def test_an_internal_fault_is_a_500_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr("mailwarden.gateway.api.evaluate", broken)
    client = _client(raise_server_exceptions=False)
    answer = client.post("/v1/check", content=ALLOW.read_bytes(), headers=MIME)
    assert answer.status_code == 500 and answer.json() == {"error": "internal error"}


def test_cors_lets_the_add_in_origin_call() -> None:
    client = _client(options=ApiOptions(cors_origins=("https://addin.example",)))
    answer = client.options(
        "/v1/check",
        headers={
            "Origin": "https://addin.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type,x-mailwarden-override",
        },
    )
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == "https://addin.example"


# -- metrics and OpenAPI ----------------------------------------------------------------------


def test_metrics_count_checks_verdicts_by_rule_and_latency() -> None:
    client = _client()
    client.post("/v1/check", content=BLOCK.read_bytes(), headers=MIME)
    client.post("/v1/check", content=WARN.read_bytes(), headers=MIME)
    client.post("/v1/check", content=b"", headers=MIME)
    text = client.get("/metrics").text
    assert 'mailwarden_api_checks_total{verdict="block"} 1.0' in text
    assert 'mailwarden_api_checks_total{verdict="warn"} 1.0' in text
    assert (
        'mailwarden_api_findings_total{action="block",rule="personal-data-in-subject"} 1.0' in text
    )
    assert "mailwarden_api_check_seconds_count 2.0" in text
    assert 'mailwarden_api_check_seconds_bucket{le="0.025"}' in text
    assert 'endpoint="/v1/check",status="400"' in text
    assert "Kowalczyk" not in text and "norfolk.gov.uk" not in text


def test_the_published_openapi_document_matches_the_app() -> None:
    published = json.loads((DOCS / "openapi.json").read_text(encoding="utf-8"))
    assert published == openapi_document(load_pack("norfolk")), (
        "docs/openapi.json is stale: run "
        "'mailwarden serve --policy norfolk --print-openapi > docs/openapi.json'"
    )
    paths = published["paths"]
    assert {"/v1/check", "/v1/overrides", "/v1/confirmations", "/healthz", "/metrics"} <= set(paths)
    assert {"sender", "recipient"} == set(
        published["components"]["schemas"]["ConfirmationRequest"]["properties"]
    )
    body = paths["/v1/check"]["post"]["requestBody"]["content"]
    assert {"application/json", "message/rfc822"} == set(body)
    assert {"from", "to", "cc", "bcc", "subject", "body_text", "body_html", "attachments"} == set(
        published["components"]["schemas"]["Draft"]["properties"]
    )


# -- mailwarden serve -------------------------------------------------------------------------


def test_serve_refuses_to_start_without_api_keys(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mailwarden.cli import main

    monkeypatch.chdir(tmp_path)
    for name in ("MAILWARDEN_API_KEYS", "MAILWARDEN_SETTINGS", "MAILWARDEN_POLICY"):
        monkeypatch.delenv(name, raising=False)
    assert main(["serve", "--policy", "norfolk"]) == 2
    assert "no api_keys" in capsys.readouterr().err
    monkeypatch.setenv("MAILWARDEN_API_KEYS", "short")
    assert main(["serve", "--policy", "norfolk"]) == 2
    assert "at least 16 characters" in capsys.readouterr().err


def test_serve_prints_the_published_openapi_document(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mailwarden.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["serve", "--policy", "norfolk", "--print-openapi"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads((DOCS / "openapi.json").read_text(encoding="utf-8"))
