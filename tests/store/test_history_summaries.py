"""`Store.history` reads summaries kept in step with the messages; whatever was recorded,
pruned or forgotten, it must give exactly what `build_history` gives over the stored messages
of the same window, on both back ends."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import time
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import select

from mailwarden.recipients import SenderHistory, SentObservation, build_history
from mailwarden.store import Store, open_store
from mailwarden.store._migrate import _config
from mailwarden.store._schema import CONFIRMATIONS, MESSAGES, RECIPIENTS

T0 = dt.datetime(2026, 3, 2, 0, 0, tzinfo=dt.UTC)
SENDERS = ("a.officer@norfolk.gov.uk", "b.officer@norfolk.gov.uk")
ADDRESSES = (
    "ann@x.gov.uk",
    "bob@x.gov.uk",
    "cy@partner.example",
    "di@partner.example",
    "ed@gmail.com",
    "fay@other.example",
    "gus@x.gov.uk",
)
NAMES = ("", "", "Ann", "Bob B", "Someone", "A. N. Other")
THREADS = ("", "", "<t1@x>", "<t2@x>", "t3", "<t4@x>")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


def stored(store: Store, sender: str, now: dt.datetime, retention_days: int) -> SenderHistory:
    """What the store gave before the summaries: `build_history` over every stored row."""
    start = now - dt.timedelta(days=retention_days)
    window = (MESSAGES.c.sender == sender, MESSAGES.c.sent_at > start, MESSAGES.c.sent_at <= now)
    with store._engine.connect() as connection:  # the oracle reads the rows
        heads = connection.execute(
            select(MESSAGES.c.id, MESSAGES.c.message_key, MESSAGES.c.sent_at, MESSAGES.c.thread)
            .where(*window)
            .order_by(MESSAGES.c.sent_at, MESSAGES.c.id)
        ).all()
        to: dict[int, list[tuple[str, str]]] = {}
        rows = connection.execute(
            select(RECIPIENTS.c.message_id, RECIPIENTS.c.address, RECIPIENTS.c.display_name)
            .join(MESSAGES, MESSAGES.c.id == RECIPIENTS.c.message_id)
            .where(*window)
            .order_by(RECIPIENTS.c.message_id, RECIPIENTS.c.position)
        )
        for ident, address, name in rows:
            to.setdefault(ident, []).append((address, name))
        confirmed = frozenset(
            connection.execute(
                select(CONFIRMATIONS.c.recipient).where(
                    CONFIRMATIONS.c.sender == sender,
                    CONFIRMATIONS.c.confirmed_at > start,
                    CONFIRMATIONS.c.confirmed_at <= now,
                )
            ).scalars()
        )
    observations = [
        SentObservation(sender, sent_at, tuple(to.get(ident, ())), thread, key)
        for ident, key, sent_at, thread in heads
    ]
    return build_history(sender, observations, confirmed)


def observations(rng: random.Random, count: int, days: int) -> list[SentObservation]:
    """Messages over `days` days: few distinct times (ties), names that change, threads,
    repeated keys, recipients that are the sender or repeated, messages to nobody else."""
    moments = [
        T0 + dt.timedelta(days=rng.randrange(days), hours=rng.choice((0, 6, 12, 23)))
        for _ in range(max(count // 4, 1))
    ]
    moments += [T0 + dt.timedelta(days=d) for d in range(days)]  # exactly at midnight
    made = []
    for n in range(count):
        sender = rng.choice(SENDERS)
        recipients = [
            (rng.choice(ADDRESSES), rng.choice(NAMES)) for _ in range(rng.choice((0, 1, 2, 3, 5)))
        ]
        if rng.random() < 0.1:
            recipients.append((sender.upper(), "Myself"))
        if rng.random() < 0.1:
            recipients = [(a.upper(), name) for a, name in recipients]
        key = f"<m{rng.randrange(count * 2)}@x>" if rng.random() < 0.9 else ""
        made.append(
            SentObservation(
                sender, rng.choice(moments), tuple(recipients), rng.choice(THREADS), key
            )
        )
        if n % 7 == 0:
            made[-1] = dataclasses.replace(
                made[-1], sent_at=made[-1].sent_at + dt.timedelta(microseconds=n)
            )
    return made


def windows(rng: random.Random, days: int) -> list[tuple[dt.datetime, int]]:
    """(now, retention days) pairs: inside, at and around the data, whole and partial days."""
    chosen = [(T0 + dt.timedelta(days=days + 1), 400), (T0 + dt.timedelta(days=days), days)]
    for _ in range(14):
        now = T0 + dt.timedelta(days=rng.randrange(-1, days + 2))
        now += rng.choice(
            (dt.timedelta(0), dt.timedelta(hours=6), dt.timedelta(hours=rng.random() * 24))
        )
        chosen.append((now, rng.choice((0, 1, 2, 3, 4, days // 2, days, 400))))
    return chosen


def same_everywhere(store: Store, rng: random.Random, days: int) -> None:
    for now, retention in windows(rng, days):
        for sender in (*SENDERS, "nobody@x.gov.uk"):
            got = store.history(sender, now=now, retention_days=retention)
            assert got == stored(store, sender, now, retention), (sender, now, retention)


def record(store: Store, rng: random.Random, made: list[SentObservation]) -> None:
    """In batches of every size: one at a time, small batches and (PostgreSQL) COPY."""
    position = 0
    while position < len(made):
        size = rng.choice((1, 3, 40, 600))
        store.record_many(made[position : position + size])
        position += size


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_history_is_build_history_over_the_stored_messages(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    days = 9
    made = observations(rng, 1500, days)
    record(store, rng, made)
    for _ in range(6):
        recipient = rng.choice(ADDRESSES)
        when = T0 + dt.timedelta(days=rng.randrange(days), hours=rng.randrange(24))
        store.confirm(rng.choice(SENDERS), recipient, at=when)
    same_everywhere(store, rng, days)
    # the same observations recorded again, and old mail imported later, change nothing
    record(store, rng, made)
    same_everywhere(store, rng, days)
    # prune at a time inside a day, then at midnight
    for cut in (dt.timedelta(days=2, hours=7), dt.timedelta(days=4)):
        store.prune(now=T0 + cut + dt.timedelta(days=30), retention_days=30)
        same_everywhere(store, rng, days)
    # old mail arriving after a prune, a thread going on past `now`, then a forget
    record(store, rng, observations(rng, 300, days + 3))
    same_everywhere(store, rng, days + 3)
    store.forget(rng.choice(ADDRESSES))
    store.forget(SENDERS[1])
    same_everywhere(store, rng, days + 3)


def test_a_fresh_store_agrees_with_build_history_of_the_observations(store: Store) -> None:
    rng = random.Random(7)
    made = [
        SentObservation(
            SENDERS[0],
            T0 + dt.timedelta(minutes=rng.randrange(5 * 24 * 60)),
            tuple((a, rng.choice(NAMES)) for a in rng.sample(ADDRESSES, rng.randrange(4))),
            rng.choice(THREADS),
            f"<k{n}@x>",
        )
        for n in range(800)
    ]
    record(store, rng, made)
    now = T0 + dt.timedelta(days=3, hours=5)
    in_window = [o for o in made if now - dt.timedelta(days=2) < o.sent_at <= now]
    in_window.sort(key=lambda o: o.sent_at)
    assert store.history(SENDERS[0], now=now, retention_days=2) == build_history(
        SENDERS[0], in_window
    )


def test_two_display_names_first_seen_at_the_same_moment_keep_the_message_order(
    store: Store,
) -> None:
    moment = T0 + dt.timedelta(hours=5)
    to = "ann@x.gov.uk"
    store.record(SentObservation(SENDERS[0], moment, ((to, "Zed"),), "", "<1@x>"))
    store.record(SentObservation(SENDERS[0], moment, ((to, "Ann"),), "", "<2@x>"))
    store.record(SentObservation(SENDERS[0], moment, ((to, "Ann"),), "", "<0@x>"))
    store.record(SentObservation(SENDERS[0], moment, ((to, ""),), "", "<3@x>"))
    for now in (moment, moment + dt.timedelta(days=3)):
        history = store.history(SENDERS[0], now=now, retention_days=10)
        assert history.recipients[to].display_names == ("Zed", "Ann")
        assert history == stored(store, SENDERS[0], now, 10)


def test_a_store_made_before_the_summaries_is_filled_on_upgrade(store_url: str) -> None:
    rng = random.Random(11)
    with open_store(store_url) as first:
        record(first, rng, observations(rng, 700, 6))
        expected = {
            (s, w): stored(first, s, *w) for s in SENDERS for w in windows(random.Random(3), 6)
        }
        with first._engine.begin() as connection:  # back to the old schema
            command.downgrade(_config(connection), "0003")
    with open_store(store_url) as upgraded:
        for (sender, (now, retention)), history in expected.items():
            assert upgraded.history(sender, now=now, retention_days=retention) == history


def test_history_of_20k_messages_timed(store: Store) -> None:
    made = [
        SentObservation(
            SENDERS[0],
            T0 + dt.timedelta(minutes=i),
            (
                (f"colleague{i % 40}@x.gov.uk", f"Colleague {i % 40}"),
                (f"partner{i % 9}@partner.example", ""),
                ("archive@x.gov.uk", ""),
            ),
            f"<thread{i % 500}@x.gov.uk>",
            f"m{i}",
        )
        for i in range(20_000)
    ]
    store.record_many(made)
    now = T0 + dt.timedelta(days=30)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        history = store.history(SENDERS[0], now=now, retention_days=396)
        times.append(time.perf_counter() - started)
    print(f"\n{store.backend}: history 20k best {min(times) * 1000:.1f} ms of 5")
    assert history == build_history(SENDERS[0], made)


def test_addresses_longer_than_320_bytes_are_dropped(store: Store) -> None:
    wide = "\U0001f600" * 80 + "@x.gov.uk"  # 89 characters, 329 bytes in UTF-8
    store.record(SentObservation(SENDERS[0], T0, ((wide, ""), ("ann@x.gov.uk", "")), "t", "k"))
    history = store.history(SENDERS[0], now=T0, retention_days=1)
    assert set(history.recipients) == {"ann@x.gov.uk"}
