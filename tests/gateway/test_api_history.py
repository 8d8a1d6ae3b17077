"""The pre-send API with a store: recipient history reaches the engine, confirmations suppress
warnings, the history cache, and a store that fails."""

from __future__ import annotations

import datetime as dt
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the api extra is not installed")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from mailwarden.gateway._api_history import HistoryCache  # noqa: E402
from mailwarden.gateway.api import ApiOptions, create_app  # noqa: E402
from mailwarden.policy.loader import load_pack  # noqa: E402
from mailwarden.recipients.history import SenderHistory, SentObservation  # noqa: E402
from mailwarden.settings import Settings  # noqa: E402
from mailwarden.store import Store, StoreError, open_store  # noqa: E402

NOW = dt.datetime(2026, 3, 3, 10, tzinfo=dt.UTC)
KEY = "test-key-outlook-0123456789"
BOUND_KEY = "test-key-casework-0123456789"
OTHER_KEY = "test-key-housing-0123456789"
AUTH = {"Authorization": f"Bearer {KEY}"}
BOUND = {"Authorization": f"Bearer {BOUND_KEY}"}
HOUSING = {"Authorization": f"Bearer {OTHER_KEY}"}

SENDER = "rachel.hughes@norfolk.gov.uk"
MISDIRECTION = {
    "unusual-recipient-with-personal-data",
    "lookalike-recipient",
    "recipient-unusual-for-group",
    "audience-widened-in-thread",
    "salutation-does-not-match-recipient",
}


def _sent_mail(sender: str = SENDER) -> list[SentObservation]:
    """Six months of a children's social worker's sent mail: her manager and the duty desk
    every week, one family's school and health visitor together, legal now and then."""
    habits: list[tuple[tuple[tuple[str, str], ...], int, int]] = [
        ((("sarah.johnson@norfolk.gov.uk", "Sarah Johnson"),), 7, 26),
        ((("duty.team@norfolk.gov.uk", "Duty Team"),), 14, 12),
        (
            (
                ("head@oakfield-primary.example", "Oakfield Primary"),
                ("priya.patel@nhs.net", "Priya Patel"),
            ),
            14,
            10,
        ),
        ((("priya.patel@nhs.net", "Priya Patel"),), 10, 12),
        (
            (
                ("sarah.johnson@norfolk.gov.uk", "Sarah Johnson"),
                ("legal.childcare@norfolk.gov.uk", "Legal Childcare"),
            ),
            30,
            5,
        ),
    ]
    start = NOW - dt.timedelta(days=180)
    observations = []
    for n, (recipients, every, times) in enumerate(habits):
        for k in range(times):
            sent = start + dt.timedelta(days=every * k, hours=9 + n, minutes=k)
            observations.append(
                SentObservation(sender, sent, recipients, f"thread-{n}-{k}", f"<m{n}.{k}@x>")
            )
    return observations


def _draft(to: str, **extra: Any) -> dict[str, Any]:
    return {
        "from": f"Rachel Hughes <{SENDER}>",
        "to": [to],
        "subject": "Core group meeting moved to Thursday",
        "body_text": (
            "Hi Priya,\n\nThe school has asked to move the core group meeting to Thursday at "
            "2pm, same room. Could you let me know if that still works for you?\n\nKind "
            "regards,\n\nRachel Hughes\nSocial Worker, Children's Assessment Team\n"
            "Norfolk County Council"
        ),
    } | extra


def _app(store: Any, options: ApiOptions | None = None) -> TestClient:
    settings = Settings(
        api_keys=(
            KEY,
            f"{BOUND_KEY} client=casework sender=norfolk.gov.uk",
            f"{OTHER_KEY} client=housing sender=housing@norfolk.gov.uk",
        ),
        override_signing_key="test-signing-key",
    )
    app = create_app(load_pack("norfolk"), settings, options, store=store, clock=lambda: NOW)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    assert opened.record_many(_sent_mail()) == 65
    return opened


def _rules(answer: Any) -> set[str]:
    assert answer.status_code == 200, answer.text
    return {f["rule"] for f in answer.json()["findings"]}


# -- history reaches the engine -----------------------------------------------------------


def test_a_lookalike_of_a_usual_contact_warns_before_send_until_confirmed(store: Store) -> None:
    client = _app(store)
    usual = client.post("/v1/check", json=_draft("Priya Patel <priya.patel@nhs.net>"), headers=AUTH)
    assert usual.json()["verdict"] == "allow", usual.json()

    slip = _draft("Priya Patel <priya.patel@nhs.uk>")
    first = client.post("/v1/check", json=slip, headers=AUTH)
    assert "lookalike-recipient" in _rules(first)
    data = first.json()
    assert data["verdict"] == "warn" and data["override"]["allowed"]
    (finding,) = [f for f in data["findings"] if f["rule"] == "lookalike-recipient"]
    assert finding["clause"] == "NCC-E3" and finding["action"] == "warn"
    assert finding["evidence"] == [
        {"type": "EMAIL_ADDRESS", "where": "recipient:1", "masked": "p***@nhs.uk"}
    ]

    confirmed = client.post(
        "/v1/confirmations",
        json={"sender": SENDER.upper(), "recipient": "Priya Patel <Priya.Patel@nhs.uk>"},
        headers=AUTH,
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json() == {
        "sender": SENDER,
        "recipient": "priya.patel@nhs.uk",
        "confirmed_at": "2026-03-03T10:00:00Z",
    }
    again = client.post("/v1/check", json=slip, headers=AUTH)
    assert not _rules(again) & MISDIRECTION and again.json()["verdict"] == "allow"
    assert store.history(SENDER, now=NOW, retention_days=396).confirmed("priya.patel@nhs.uk")


def test_raw_mime_and_a_bound_key_use_the_same_history(store: Store) -> None:
    client = _app(store)
    raw = (
        f"From: Rachel Hughes <{SENDER}>\r\nTo: Sarah Jonhson <sarah.jonhson@norfolk.gov.uk>\r\n"
        "Subject: Supervision notes\r\nMessage-ID: <s1@norfolk.gov.uk>\r\n\r\n"
        "Hi Sarah,\r\n\r\nMy notes for Thursday are on the shared drive.\r\n\r\nRachel\r\n"
    ).encode()
    mime = {"Content-Type": "message/rfc822"}
    assert "lookalike-recipient" in _rules(
        client.post("/v1/check", content=raw, headers=AUTH | mime)
    )
    bound = client.post("/v1/check", content=raw, headers=BOUND | mime)
    assert "lookalike-recipient" in _rules(bound)
    assert not any(f.get("unauthenticated") for f in bound.json()["findings"])


def test_a_sender_without_history_gets_no_misdirection_warning(store: Store) -> None:
    client = _app(store)
    draft = _draft("priya.patel@nhs.uk", **{"from": "new.starter@norfolk.gov.uk"})
    assert not _rules(client.post("/v1/check", json=draft, headers=AUTH)) & MISDIRECTION


def test_a_pre_send_check_never_learns(store: Store) -> None:
    client = _app(store)
    before = store.senders()
    for to in ("priya.patel@nhs.uk", "someone.new@example.org"):
        client.post("/v1/check", json=_draft(to), headers=AUTH)
    client.post(
        "/v1/check", json=_draft("x@y.example", **{"from": "a@norfolk.gov.uk"}), headers=AUTH
    )
    assert store.senders() == before
    assert store.history(SENDER, now=NOW, retention_days=396).count("priya.patel@nhs.uk") == 0


def test_history_is_read_once_per_sender_within_the_ttl(store: Store) -> None:
    reads: list[str] = []
    real = store.history

    class Counting:
        def history(self, sender: str, **kw: Any) -> SenderHistory:
            reads.append(sender)
            return real(sender, **kw)

        def confirm(self, sender: str, recipient: str, *, at: dt.datetime) -> None:
            store.confirm(sender, recipient, at=at)

    client = _app(Counting())
    for _ in range(5):
        client.post("/v1/check", json=_draft("priya.patel@nhs.uk"), headers=AUTH)
    assert reads == [SENDER]
    client.post(
        "/v1/confirmations",
        json={"sender": SENDER, "recipient": "priya.patel@nhs.uk"},
        headers=AUTH,
    )
    client.post("/v1/check", json=_draft("priya.patel@nhs.uk"), headers=AUTH)
    assert reads == [SENDER, SENDER]
    metrics = client.get("/metrics").text
    assert 'mailwarden_api_history_lookups_total{outcome="cached"} 4.0' in metrics
    assert 'mailwarden_api_history_lookups_total{outcome="read"} 2.0' in metrics
    assert 'mailwarden_api_confirmations_total{client="key-1"} 1.0' in metrics
    assert "rachel" not in metrics and "nhs.uk" not in metrics


# -- a store that fails ---------------------------------------------------------------------


def test_a_corrupt_store_costs_the_history_not_the_answer(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "store.db"
    store = open_store(f"sqlite:///{path}")
    store.record_many(_sent_mail())
    store.close()
    path.write_bytes(b"this is not a database" * 100)
    caplog.set_level("WARNING", logger="mailwarden.api")
    client = _app(store)
    answer = client.post("/v1/check", json=_draft("priya.patel@nhs.uk"), headers=AUTH)
    assert answer.status_code == 200 and answer.json()["verdict"] == "allow"
    (line,) = [r.getMessage() for r in caplog.records]
    assert "recipient history unavailable" in line
    assert "rachel" not in line and "priya" not in line
    content = _draft("priya.patel@nhs.uk", subject="Referral for Amelia Kowalczyk NHS 943 476 5919")
    assert client.post("/v1/check", json=content, headers=AUTH).json()["verdict"] == "block"
    confirm = {"sender": SENDER, "recipient": "priya.patel@nhs.uk"}
    failed = client.post("/v1/confirmations", json=confirm, headers=AUTH)
    assert failed.status_code == 503 and failed.json() == {
        "error": "the store is unavailable; try again shortly"
    }


class _DownStore:
    def __init__(self) -> None:
        self.calls = 0

    def history(self, sender: str, **_: Any) -> SenderHistory:
        self.calls += 1
        raise StoreError("store sqlite:///x.db: the database is not reachable")


def test_a_dead_store_is_not_asked_on_every_send(caplog: pytest.LogCaptureFixture) -> None:
    store = _DownStore()
    caplog.set_level("WARNING", logger="mailwarden.api")
    client = _app(store)
    for _ in range(3):
        answer = client.post("/v1/check", json=_draft("priya.patel@nhs.uk"), headers=AUTH)
        assert answer.status_code == 200
    assert store.calls == 1 and len(caplog.records) == 1
    assert "not reachable" in caplog.records[0].getMessage()
    assert (
        "confirmations are not available"
        in client.post(
            "/v1/confirmations", json={"sender": SENDER, "recipient": "a@b.example"}, headers=AUTH
        ).json()["error"]
    )


# -- confirmations: who may, and what is refused -----------------------------------------------


def test_confirmations_need_a_key_bound_to_the_sender(store: Store) -> None:
    client = _app(store)
    wanted = {"sender": SENDER, "recipient": "priya.patel@nhs.uk"}
    assert client.post("/v1/confirmations", json=wanted).status_code == 401
    assert client.post("/v1/confirmations", json=wanted, headers=BOUND).status_code == 200
    refused = client.post("/v1/confirmations", json=wanted, headers=HOUSING)
    assert refused.status_code == 403 and "housing" in refused.json()["error"]
    outside = {"sender": "someone@example.com", "recipient": "priya.patel@nhs.uk"}
    assert client.post("/v1/confirmations", json=outside, headers=BOUND).status_code == 403
    own = {"sender": "housing@norfolk.gov.uk", "recipient": "x@landlord.example"}
    assert client.post("/v1/confirmations", json=own, headers=HOUSING).status_code == 200
    assert client.post("/v1/confirmations", json=outside, headers=AUTH).status_code == 200
    assert not store.history("housing@norfolk.gov.uk", now=NOW, retention_days=396).confirmed(
        "priya.patel@nhs.uk"
    )


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"sender": SENDER}, 422, "recipient"),
        ({"sender": SENDER, "recipient": "not an address"}, 422, "recipient: not an email"),
        ({"sender": "nobody", "recipient": "a@b.example"}, 422, "sender: not an email"),
        ({"sender": SENDER, "recipient": "a@b.example", "extra": 1}, 422, "extra"),
    ],
)
def test_confirmation_requests_are_validated(
    store: Store, body: dict[str, Any], status: int, error: str
) -> None:
    answer = _app(store).post("/v1/confirmations", json=body, headers=AUTH)
    assert answer.status_code == status and error in answer.json()["error"]


def test_confirmations_take_json_only(store: Store) -> None:
    answer = _app(store).post(
        "/v1/confirmations", content=b"x", headers=AUTH | {"Content-Type": "text/plain"}
    )
    assert answer.status_code == 415


def test_without_a_store_there_is_no_history_and_no_confirmation() -> None:
    client = _app(None)
    answer = client.post("/v1/check", json=_draft("priya.patel@nhs.uk"), headers=AUTH)
    assert answer.status_code == 200 and not _rules(answer) & MISDIRECTION
    refused = client.post(
        "/v1/confirmations", json={"sender": SENDER, "recipient": "a@b.example"}, headers=AUTH
    )
    assert refused.status_code == 503


# -- the cache itself -------------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class _Reader:
    def __init__(self, delay: float = 0.0) -> None:
        self.reads: list[str] = []
        self.delay = delay
        self.lock = threading.Lock()

    def history(self, sender: str, *, now: dt.datetime, retention_days: int) -> SenderHistory:
        with self.lock:
            self.reads.append(sender)
        time.sleep(self.delay)
        return SenderHistory(sender=sender, messages=len(self.reads))


def test_cache_entries_expire_after_the_ttl() -> None:
    reader, clock = _Reader(), _Clock()
    cache = HistoryCache(reader, retention_days=30, ttl_seconds=60, monotonic=clock)
    first = cache.get("A@x.example", now=NOW)
    assert first is not None and first.sender == "a@x.example"
    clock.now += 59
    assert cache.get("a@x.example", now=NOW) is first
    clock.now += 1
    assert cache.get("a@x.example", now=NOW) is not first
    assert reader.reads == ["a@x.example", "a@x.example"]


def test_cache_invalidate_drops_one_sender() -> None:
    reader, clock = _Reader(), _Clock()
    cache = HistoryCache(reader, retention_days=30, monotonic=clock)
    cache.get("a@x.example", now=NOW)
    cache.get("b@x.example", now=NOW)
    cache.invalidate(" A@X.example ")
    cache.get("a@x.example", now=NOW)
    cache.get("b@x.example", now=NOW)
    assert reader.reads == ["a@x.example", "b@x.example", "a@x.example"]


def test_cache_is_bounded_least_recently_used_first_out() -> None:
    reader = _Reader()
    cache = HistoryCache(reader, retention_days=30, max_senders=2, monotonic=_Clock())
    for sender in ("a@x.example", "b@x.example", "a@x.example", "c@x.example"):
        cache.get(sender, now=NOW)
    assert len(cache) == 2
    cache.get("a@x.example", now=NOW)  # kept: used more recently than b
    cache.get("b@x.example", now=NOW)  # read again
    assert reader.reads == ["a@x.example", "b@x.example", "c@x.example", "b@x.example"]


def test_concurrent_checks_of_one_sender_share_one_read() -> None:
    reader = _Reader(delay=0.2)
    cache = HistoryCache(reader, retention_days=30)
    found: list[SenderHistory | None] = []
    threads = [
        threading.Thread(target=lambda: found.append(cache.get("a@x.example", now=NOW)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert reader.reads == ["a@x.example"] and len({id(h) for h in found}) == 1


def test_a_read_overtaken_by_a_confirmation_is_not_cached() -> None:
    reader = _Reader(delay=0.2)
    cache = HistoryCache(reader, retention_days=30)
    reading = threading.Thread(target=lambda: cache.get("a@x.example", now=NOW))
    reading.start()
    time.sleep(0.05)
    cache.invalidate("a@x.example")  # a confirmation lands while the store is being read
    reading.join()
    assert len(cache) == 0
    cache.get("a@x.example", now=NOW)
    assert reader.reads == ["a@x.example", "a@x.example"]


def test_a_failed_read_is_retried_after_the_pause() -> None:
    clock = _Clock()
    store = _DownStore()
    cache = HistoryCache(store, retention_days=30, retry_seconds=5, monotonic=clock)
    assert cache.get("a@x.example", now=NOW) is None
    assert cache.get("b@x.example", now=NOW) is None
    assert store.calls == 1
    clock.now += 5
    assert cache.get("a@x.example", now=NOW) is None
    assert store.calls == 2


def test_serve_refuses_a_zero_history_ttl(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mailwarden.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MAILWARDEN_API_KEYS", f'["{KEY}"]')
    monkeypatch.setenv("MAILWARDEN_STORE_URL", f"sqlite:///{tmp_path / 's.db'}")
    assert main(["serve", "--policy", "norfolk", "--history-ttl", "0"]) == 2
    assert "--history-ttl: must be more than 0" in capsys.readouterr().err
