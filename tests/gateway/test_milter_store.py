"""The milter with a store and notices, without an MTA: history read through a bounded cache
that never holds up a reply, learning and quarantine records written off the reply path,
sender notices for a delivered `warn` (see postfix/ for the same through a real Postfix)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from mailwarden.errors import ConfigError
from mailwarden.gateway import milter as milter_module
from mailwarden.gateway._milter_notices import NoticeConfig, compose_notice, notice_config
from mailwarden.gateway._milter_store import (
    HistoryCache,
    LazyStore,
    StoreWriter,
    observation_of,
)
from mailwarden.gateway.decision import GatewayOptions
from mailwarden.gateway.milter import MilterConfig, MilterServer, Session
from mailwarden.policy.actions import Action
from mailwarden.policy.findings import Evidence, Finding
from mailwarden.policy.loader import load_pack
from mailwarden.recipients import SenderHistory, SentObservation
from mailwarden.store import StoreError, open_store

from .test_milter import ALLOW, BLOCK, FIXTURES, feed

WARN = FIXTURES / "missing-signature" / "fires-norfolk-first-name-only.eml"
NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


class FakeStore:
    """Counts reads; can be slow, or fail."""

    def __init__(self, delay: float = 0.0, fail: bool = False) -> None:
        self.delay = delay
        self.fail = fail
        self.reads = 0
        self.recorded: list[SentObservation] = []
        self.held: list[dict[str, Any]] = []
        self.lock = threading.Lock()

    def history(self, sender: str, *, now: dt.datetime, retention_days: int) -> SenderHistory:
        with self.lock:
            self.reads += 1
        time.sleep(self.delay)
        if self.fail:
            raise StoreError("store postgresql://x/y failed while reading: connection refused")
        return SenderHistory(sender=sender, messages=self.reads)

    def record_many(self, observations: Any) -> int:
        if self.fail:
            raise StoreError("store down")
        batch = list(observations)
        self.recorded += batch
        return len(batch)

    def record_quarantine(self, **row: Any) -> int:
        if self.fail:
            raise StoreError("store down")
        self.held.append(row)
        return len(self.held)

    def close(self) -> None:
        pass


def lazy(fake: FakeStore, retry: float = 15.0) -> LazyStore:
    return LazyStore("sqlite:///unused", retry_seconds=retry, opener=lambda _: fake)  # type: ignore[arg-type,return-value]


# -- history cache ---------------------------------------------------------------------------


def test_history_is_read_once_per_sender_within_the_ttl() -> None:
    fake = FakeStore()
    cache = HistoryCache(lazy(fake), retention_days=396, ttl=60)
    first = cache.get("A@x.gov.uk", NOW)
    assert first is not None and cache.get("a@x.gov.uk ", NOW) is first
    assert fake.reads == 1 and cache.counters.history_hits == 1
    cache.get("b@x.gov.uk", NOW)
    assert fake.reads == 2


def test_history_is_read_again_after_the_ttl_and_the_cache_is_bounded() -> None:
    fake = FakeStore()
    cache = HistoryCache(lazy(fake), retention_days=396, ttl=0.05, max_senders=3)
    cache.get("a@x.gov.uk", NOW)
    time.sleep(0.1)
    cache.get("a@x.gov.uk", NOW)
    assert fake.reads == 2
    for n in range(10):
        cache.get(f"s{n}@x.gov.uk", NOW)
    assert len(cache) == 3


def test_concurrent_misses_for_one_sender_share_one_read() -> None:
    fake = FakeStore(delay=0.3)
    cache = HistoryCache(lazy(fake), retention_days=396)
    got: list[SenderHistory | None] = []
    threads = [
        threading.Thread(target=lambda: got.append(cache.get("a@x.gov.uk", NOW))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fake.reads == 1 and len(got) == 8 and all(h is got[0] for h in got)


def test_a_slow_read_does_not_hold_the_reply_and_fills_the_cache_later() -> None:
    fake = FakeStore(delay=0.5)
    cache = HistoryCache(lazy(fake), retention_days=396, wait_seconds=0.05)
    started = time.perf_counter()
    assert cache.get("a@x.gov.uk", NOW) is None
    assert time.perf_counter() - started < 0.3
    time.sleep(0.7)
    assert cache.get("a@x.gov.uk", NOW) is not None and fake.reads == 1
    assert cache.counters.history_slow == 1


def test_a_store_error_means_no_history_and_a_pause_before_trying_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeStore(fail=True)
    cache = HistoryCache(lazy(fake, retry=0.3), retention_days=396)
    assert cache.get("a@x.gov.uk", NOW) is None
    for _ in range(20):
        assert cache.get("b@x.gov.uk", NOW) is None
    assert fake.reads == 1  # the outage pause: no read per message
    warnings = [r for r in caplog.records if "store unavailable" in r.getMessage()]
    assert len(warnings) == 1 and "\n" not in warnings[0].getMessage()
    time.sleep(0.35)
    fake.fail = False
    assert cache.get("b@x.gov.uk", NOW) is not None
    assert any("available again" in r.getMessage() for r in caplog.records)


def test_a_store_that_cannot_be_opened_is_tried_again_later() -> None:
    calls: list[str] = []

    def opener(url: str) -> Any:
        calls.append(url)
        raise StoreError("cannot open store")

    store = LazyStore("postgresql+psycopg://x@127.0.0.1:1/db", retry_seconds=60, opener=opener)
    assert store.get("reading") is None and store.get("reading") is None
    assert len(calls) == 1


# -- background writer -----------------------------------------------------------------------


def observation(n: int) -> SentObservation:
    return SentObservation("a@x.gov.uk", NOW, ((f"r{n}@x.gov.uk", ""),), "", f"k{n}")


def test_learning_is_batched_off_the_caller_and_flushed() -> None:
    fake = FakeStore()
    writer = StoreWriter(lazy(fake), batch=50)
    for n in range(120):
        writer.learn(observation(n))
    assert writer.flush(5)
    assert len(fake.recorded) == 120 and writer.counters.learned == 120
    writer.close()


def test_a_full_queue_drops_learning_and_counts_it() -> None:
    fake = FakeStore()
    gate = threading.Event()
    original = fake.record_many
    fake.record_many = lambda obs: (gate.wait(5), original(obs))[1]  # type: ignore[method-assign]
    writer = StoreWriter(lazy(fake), size=10, batch=1)
    started = time.perf_counter()
    for n in range(100):
        writer.learn(observation(n))
    assert time.perf_counter() - started < 0.5  # never blocks the caller
    gate.set()
    assert writer.flush(5)
    assert writer.counters.dropped_full >= 80
    assert writer.counters.learned + writer.counters.dropped_full == 100
    writer.close()


def test_a_store_outage_is_retried_then_the_batch_is_dropped_and_counted() -> None:
    fake = FakeStore(fail=True)
    writer = StoreWriter(lazy(fake, retry=0.01), retry_seconds=0.02, give_up_seconds=0.2)
    writer.learn(observation(1))
    assert writer.flush(5)
    assert writer.counters.dropped_error == 1 and writer.counters.write_errors >= 2
    fake.fail = False
    writer.learn(observation(2))
    writer.held(
        queue_id="Q1",
        held_at=NOW,
        sender="a@x.gov.uk",
        recipients=["b@y.example"],
        reason="r",
        verdict="quarantine",
        findings=[],
    )
    assert writer.flush(5)
    assert [o.key for o in fake.recorded] == ["k2"] and fake.held[0]["queue_id"] == "Q1"
    writer.close()


# -- what an accepted message teaches ---------------------------------------------------------


def test_observation_is_the_envelope_recipients_with_header_names_and_thread() -> None:
    head = (
        b"From: Alex <alex.officer@norfolk.gov.uk>\r\nTo: Sam Reid <Sam.Reid@norfolk.gov.uk>, "
        b"Not Sent <not.sent@example.org>\r\nMessage-ID: <m1@norfolk.gov.uk>\r\n"
        b"References: <root@norfolk.gov.uk> <m0@norfolk.gov.uk>\r\n"
    )
    seen = observation_of(
        head,
        "alex.officer@norfolk.gov.uk",
        ["<sam.reid@norfolk.gov.uk>", "hidden.bcc@norfolk.gov.uk", "alex.officer@norfolk.gov.uk"],
        NOW,
    )
    assert seen is not None
    assert seen.recipients == (
        ("sam.reid@norfolk.gov.uk", "Sam Reid"),
        ("hidden.bcc@norfolk.gov.uk", ""),
    )
    assert seen.thread == "root@norfolk.gov.uk" and seen.key == "m1@norfolk.gov.uk"
    assert seen.sent_at == NOW and seen.sender == "alex.officer@norfolk.gov.uk"


def test_automatic_replies_teach_nothing() -> None:
    head = b"From: a@x.gov.uk\r\nTo: b@x.gov.uk\r\nAuto-Submitted: auto-replied\r\n"
    assert observation_of(head, "a@x.gov.uk", ["b@x.gov.uk"], NOW) is None


# -- the milter with a real store (SQLite) ---------------------------------------------------


@pytest.fixture
def stored(tmp_path: Path) -> Any:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    server = MilterServer(
        load_pack("norfolk"), GatewayOptions(), MilterConfig(workers=2, store_url=url)
    )
    yield server, url
    server.close_side_work()


def test_accepted_outgoing_mail_is_learned_and_refused_or_held_mail_is_not(stored: Any) -> None:
    server, url = stored
    reply = feed(Session(server), ALLOW, "alex.officer@norfolk.gov.uk", ["sam.reid@norfolk.gov.uk"])
    assert reply.action == "accept" and not reply.quarantine
    refused = feed(Session(server), BLOCK, "a.officer@norfolk.gov.uk", ["duty.team@norfolk.gov.uk"])
    assert refused.action == "reject"
    # Received mail (an outside sender) is judged, delivered, and teaches nothing.
    feed(Session(server), ALLOW, "someone@example.org", ["alex.officer@norfolk.gov.uk"])
    assert server.writer is not None and server.writer.flush(10)
    with open_store(url) as store:
        senders = [s for s, _, _ in store.senders()]
        assert senders == ["alex.officer@norfolk.gov.uk"]
        history = store.history(
            "alex.officer@norfolk.gov.uk",
            now=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1),
            retention_days=396,
        )
        assert history.count("sam.reid@norfolk.gov.uk") == 1
        assert history.recipients["sam.reid@norfolk.gov.uk"].display_names == ("Sam Reid",)


def test_outgoing_mail_is_judged_with_the_senders_history(
    stored: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    server, url = stored
    with open_store(url) as store:
        store.record(
            SentObservation(
                "alex.officer@norfolk.gov.uk",
                dt.datetime.now(dt.UTC) - dt.timedelta(days=2),
                (("sam.reid@norfolk.gov.uk", "Sam Reid"),),
                "t",
                "earlier@x",
            )
        )
    seen: list[SenderHistory | None] = []
    real = milter_module.decide

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs.get("history"))
        return real(*args, **kwargs)

    monkeypatch.setattr(milter_module, "decide", spy)
    feed(Session(server), ALLOW, "alex.officer@norfolk.gov.uk", ["sam.reid@norfolk.gov.uk"])
    feed(Session(server), ALLOW, "someone@example.org", ["alex.officer@norfolk.gov.uk"])
    assert seen[0] is not None and seen[0].count("sam.reid@norfolk.gov.uk") == 1
    assert seen[1] is None  # received mail: no sender history


def test_a_held_message_leaves_a_record_with_masked_findings(stored: Any) -> None:
    server, url = stored
    session = Session(server)
    session.mail_from("a.officer@norfolk.gov.uk", "", "HOLD1")
    session.rcpt("x@example.com")
    session.body(b"\x00\x01 no header block at all\r\n")
    reply = session.end("HOLD1")
    assert reply.quarantine.startswith("unreadable message")
    assert server.writer is not None and server.writer.flush(10)
    with open_store(url) as store:
        (record,) = store.quarantined()
        assert record.queue_id == "HOLD1" and record.verdict == "unjudged"
        assert record.reason.startswith("unreadable message")
        assert record.recipients == (store.address_hash("x@example.com"),)
        assert store.senders() == []  # held mail teaches nothing


def test_a_dead_store_changes_no_reply(tmp_path: Path) -> None:
    server = MilterServer(
        load_pack("norfolk"),
        GatewayOptions(),
        MilterConfig(workers=1, store_url="postgresql+psycopg://nobody@127.0.0.1:1/none"),
    )
    try:
        started = time.perf_counter()
        replies = [
            feed(Session(server), ALLOW, "alex.officer@norfolk.gov.uk", ["sam.reid@norfolk.gov.uk"])
            for _ in range(5)
        ]
        assert all(r.action == "accept" for r in replies)
        assert time.perf_counter() - started < 10
    finally:
        server.close_side_work(timeout=1)


# -- notices ---------------------------------------------------------------------------------


def test_notice_settings_are_checked() -> None:
    assert notice_config({}) == NoticeConfig()
    config = notice_config(
        {"warn": True, "from": "mailwarden@norfolk.gov.uk", "relay": "[::1]:2525"}
    )
    assert (config.relay_host, config.relay_port) == ("::1", 2525)
    for bad in (
        {"warn": "yes"},
        {"warn": True},
        {"warn": True, "from": "a@b", "relay": "nowhere"},
        {"wran": True},
        {"queue_size": 0},
    ):
        with pytest.raises(ConfigError):
            notice_config(bad)


def test_a_notice_carries_masked_evidence_only_and_never_overridden_findings() -> None:
    config = notice_config({"warn": True, "from": "mailwarden@norfolk.gov.uk"})
    warned = Finding(
        "missing-signature",
        "NCC-E11",
        ("NCC-E11",),
        Action.WARN,
        "The message has no full signature.",
        "Add your name, role and contact details.",
        (Evidence("PERSON", "body", "M. T."),),
    )
    overridden = Finding(
        "names-in-external-mail",
        "NCC-E6",
        ("NCC-E6",),
        Action.WARN,
        "Names.",
        "Fix.",
        (),
        overridden=True,
    )
    notice = compose_notice(
        config,
        "alex.officer@norfolk.gov.uk",
        [warned, overridden],
        queue_id="4Q1",
        at=NOW,
        organisation="Norfolk County Council",
    )
    text = notice.get_content()
    assert "NCC-E11" in text and "PERSON in body: M. T." in text and "4Q1" in text
    assert "NCC-E6" not in text and "NCC-E6" not in notice["Subject"]
    assert (
        notice["Auto-Submitted"] == "auto-generated"
        and notice["To"] == "alex.officer@norfolk.gov.uk"
    )


def test_the_milter_sends_a_notice_for_a_delivered_warn_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = notice_config({"warn": True, "from": "mailwarden@norfolk.gov.uk"})
    server = MilterServer(load_pack("norfolk"), GatewayOptions(), MilterConfig(workers=1), config)
    sent: list[Any] = []
    assert server.notifier is not None
    monkeypatch.setattr(server.notifier, "send", sent.append)
    try:
        warned = feed(
            Session(server), WARN, "alex.officer@norfolk.gov.uk", ["sam.reid@norfolk.gov.uk"]
        )
        assert warned.action == "accept"
        feed(Session(server), ALLOW, "alex.officer@norfolk.gov.uk", ["sam.reid@norfolk.gov.uk"])
        feed(Session(server), BLOCK, "a.officer@norfolk.gov.uk", ["duty.team@norfolk.gov.uk"])
        feed(Session(server), WARN, "mailwarden@norfolk.gov.uk", ["sam.reid@norfolk.gov.uk"])
    finally:
        server.close_side_work(timeout=1)
    (notice,) = sent
    assert notice["To"] == "alex.officer@norfolk.gov.uk" and "NCC-E11" in notice["Subject"]
    assert "Contract review" not in notice.as_string()  # no subject of the original
