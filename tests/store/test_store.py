"""The store on both back ends: recipient history in and out, retention, forgetting, and the
ways opening a store can fail (each a one-line StoreError)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from mailwarden.errors import MailwardenError
from mailwarden.recipients import SentObservation, build_history
from mailwarden.store import Store, StoreError, head_revision, open_store
from mailwarden.store._schema import METADATA, VERSION_TABLE

from .conftest import PostgresServer

T0 = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
SENDER = "a.officer@norfolk.gov.uk"
YEAR = 396


def sent(
    minutes: float,
    *to: str,
    thread: str = "",
    key: str | None = None,
    sender: str = SENDER,
    names: dict[str, str] | None = None,
) -> SentObservation:
    """An observation `minutes` after T0 (negative: before)."""
    names = names or {}
    recipients = tuple((address, names.get(address, "")) for address in to)
    at = T0 + dt.timedelta(minutes=minutes)
    return SentObservation(sender, at, recipients, thread, f"m{minutes}" if key is None else key)


@pytest.fixture
def store(store_url: str) -> Store:
    opened = open_store(store_url)
    yield opened  # type: ignore[misc]
    opened.close()


def one_line(error: pytest.ExceptionInfo[StoreError]) -> str:
    message = str(error.value)
    assert message and "\n" not in message and "Traceback" not in message
    assert isinstance(error.value, MailwardenError)
    assert error.value.__suppress_context__ or error.value.__cause__ is None
    return message


# -- round trip ------------------------------------------------------------------------------


def test_round_trip_gives_what_build_history_gives(store: Store) -> None:
    observations = [
        sent(0, "B@X.gov.uk", "c@partner.example", thread="t1", names={"B@X.gov.uk": "Bee"}),
        sent(60, "b@x.gov.uk", thread="t1"),
        sent(120, "c@partner.example", "d@partner.example", "e@gmail.com"),
    ]
    assert [store.record(o) for o in observations] == [True, True, True]
    history = store.history(SENDER.upper(), now=T0 + dt.timedelta(days=1), retention_days=YEAR)
    lowered = [
        SentObservation(
            o.sender, o.sent_at, tuple((a.lower(), n) for a, n in o.recipients), o.thread, o.key
        )
        for o in observations
    ]
    assert history == build_history(SENDER, lowered)
    assert history.messages == 3 and history.first_seen == T0
    assert history.recipients["b@x.gov.uk"].display_names == ("Bee",)
    assert history.recipients["c@partner.example"].last_seen == T0 + dt.timedelta(minutes=120)
    for stats in history.recipients.values():
        assert stats.first_seen.tzinfo is dt.UTC and stats.last_seen.tzinfo is dt.UTC


def test_times_in_any_zone_come_back_as_the_same_instant_in_utc(store: Store) -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    at = dt.datetime(2026, 3, 2, 10, 30, 15, 123456, tzinfo=paris)
    store.record(SentObservation(SENDER, at, (("b@x.gov.uk", ""),), "", "k"))
    stats = store.history(SENDER, now=T0 + dt.timedelta(hours=1), retention_days=YEAR).recipients
    seen = stats["b@x.gov.uk"].first_seen
    assert seen == at and seen.tzinfo is dt.UTC and seen.hour == 9 and seen.microsecond == 123456
    ((_, _, last),) = store.senders()
    assert last == at and last.tzinfo is dt.UTC


def test_naive_times_are_refused(store: Store) -> None:
    naive = dt.datetime(2026, 3, 2, 9, 30)
    with pytest.raises(ValueError, match="timezone-aware"):
        store.record(SentObservation(SENDER, naive, (("b@x.gov.uk", ""),), "", "k"))
    with pytest.raises(ValueError, match="timezone-aware"):
        store.history(SENDER, now=naive, retention_days=YEAR)


def test_a_sender_with_no_history_is_empty(store: Store) -> None:
    history = store.history("nobody@x.gov.uk", now=T0, retention_days=YEAR)
    assert history.messages == 0 and not history.recipients and history.first_seen is None
    assert store.senders() == []


# -- re-import dedupe ------------------------------------------------------------------------


def test_reimport_counts_each_message_once(store: Store) -> None:
    batch = [sent(i, f"r{i % 3}@x.gov.uk", "s@partner.example") for i in range(50)]
    assert store.record_many(batch) == 50
    assert store.record_many(batch) == 0
    assert store.record_many(batch + batch + [sent(99, "new@x.gov.uk")]) == 1
    assert store.record(batch[0]) is False
    history = store.history(SENDER, now=T0 + dt.timedelta(days=1), retention_days=YEAR)
    assert history.messages == 51 and history.count("s@partner.example") == 50


def test_same_key_from_another_sender_is_another_message(store: Store) -> None:
    assert store.record(sent(0, "b@x.gov.uk", key="<shared@id>"))
    assert store.record(sent(0, "b@x.gov.uk", key="<shared@id>", sender="other@x.gov.uk"))
    assert [(s, n) for s, n, _ in store.senders()] == [(SENDER, 1), ("other@x.gov.uk", 1)]


def test_messages_without_a_key_are_deduplicated_by_their_metadata(store: Store) -> None:
    first = sent(0, "b@x.gov.uk", "c@x.gov.uk", key="")
    same = sent(0, "c@x.gov.uk", "b@x.gov.uk", key="")
    later = sent(5, "b@x.gov.uk", "c@x.gov.uk", key="")
    assert store.record_many([first, same, later]) == 2
    assert store.record(first) is False


def test_long_keys_and_undeliverable_addresses_do_not_break_an_import(store: Store) -> None:
    long_key = "<" + "x" * 3000 + "@example>"
    huge = "h" * 400 + "@x.gov.uk"
    assert store.record(sent(0, "b@x.gov.uk", huge, key=long_key))
    assert store.record(sent(0, "b@x.gov.uk", key=long_key)) is False
    assert store.record(sent(1, "b@x.gov.uk", sender=huge)) is False
    history = store.history(SENDER, now=T0 + dt.timedelta(days=1), retention_days=YEAR)
    assert set(history.recipients) == {"b@x.gov.uk"}


# -- co-recipients and threads ---------------------------------------------------------------


def test_co_recipients_domains_and_threads(store: Store) -> None:
    store.record_many(
        [
            sent(0, "b@x.gov.uk", "c@partner.example", thread="<t1@x>"),
            sent(1, "b@x.gov.uk", "c@partner.example", "d@partner.example", thread="<t1@x>"),
            sent(2, "e@gmail.com", thread="t2"),
            sent(3, "b@x.gov.uk"),
        ]
    )
    history = store.history(SENDER, now=T0 + dt.timedelta(days=1), retention_days=YEAR)
    assert history.co_recipients["c@partner.example"] == {"b@x.gov.uk": 2, "d@partner.example": 1}
    assert "b@x.gov.uk" not in history.co_recipients["b@x.gov.uk"]
    assert history.domains == {"x.gov.uk": 3, "partner.example": 2, "gmail.com": 1}
    assert history.threads == {
        "<t1@x>": frozenset({"b@x.gov.uk", "c@partner.example", "d@partner.example"}),
        "t2": frozenset({"e@gmail.com"}),
    }


def test_the_sender_is_not_its_own_recipient_and_repeats_are_kept_once(store: Store) -> None:
    store.record(sent(0, SENDER.upper(), "b@x.gov.uk", "B@x.gov.uk"))
    history = store.history(SENDER, now=T0 + dt.timedelta(days=1), retention_days=YEAR)
    assert set(history.recipients) == {"b@x.gov.uk"} and history.count("b@x.gov.uk") == 1


# -- retention -------------------------------------------------------------------------------


def test_history_reads_only_the_retention_window_as_of_now(store: Store) -> None:
    day = 24 * 60
    store.record_many(
        [
            sent(-400 * day, "old@x.gov.uk"),
            sent(-395 * day, "kept@x.gov.uk"),
            sent(0, "now@x.gov.uk"),
            sent(2 * day, "future@x.gov.uk"),
        ]
    )
    history = store.history(SENDER, now=T0, retention_days=YEAR)
    assert set(history.recipients) == {"kept@x.gov.uk", "now@x.gov.uk"}
    assert history.first_seen == T0 - dt.timedelta(days=395)
    short = store.history(SENDER, now=T0, retention_days=30)
    assert set(short.recipients) == {"now@x.gov.uk"}


def test_prune_removes_what_is_past_retention(store: Store) -> None:
    day = 24 * 60
    store.record_many(
        [
            sent(-400 * day, "old@x.gov.uk", "both@x.gov.uk"),
            sent(-10 * day, "both@x.gov.uk"),
            sent(-500 * day, "older@x.gov.uk", sender="gone@x.gov.uk"),
        ]
    )
    store.confirm(SENDER, "stale@x.gov.uk", at=T0 - dt.timedelta(days=500))
    store.confirm(SENDER, "fresh@x.gov.uk", at=T0 - dt.timedelta(days=1))
    # two old messages (3 recipient rows) and one stale confirmation
    assert store.prune(now=T0, retention_days=YEAR) == 2 + 3 + 1
    assert store.prune(now=T0, retention_days=YEAR) == 0
    assert [s for s, _, _ in store.senders()] == [SENDER]
    history = store.history(SENDER, now=T0, retention_days=10_000)
    assert set(history.recipients) == {"both@x.gov.uk", "fresh@x.gov.uk"}
    assert history.confirmed("fresh@x.gov.uk") and not history.confirmed("stale@x.gov.uk")


# -- forget ----------------------------------------------------------------------------------


def test_forget_removes_a_person_everywhere(store: Store) -> None:
    person = "Dana.Whitfield@Supplier.example"
    store.record_many(
        [
            sent(0, person, "b@x.gov.uk"),  # to the person and another: the other stays
            sent(1, person),  # to the person alone: the message goes
            sent(2, "b@x.gov.uk"),
            sent(3, SENDER, "c@x.gov.uk", sender=person),  # by the person: goes
            sent(4, person, sender="other@x.gov.uk"),  # to the person alone: goes
        ]
    )
    store.confirm(SENDER, person, at=T0)
    store.confirm(person, "c@x.gov.uk", at=T0)
    # recipient rows: 3 of the person's, 2 of their own message; messages: 3; confirmations: 2
    assert store.forget(person.upper()) == 3 + 2 + 3 + 2
    assert store.forget(person) == 0
    everyone = {s for s, _, _ in store.senders()}
    assert everyone == {SENDER}
    history = store.history(SENDER, now=T0 + dt.timedelta(days=1), retention_days=YEAR)
    assert history.messages == 2
    assert set(history.recipients) == {"b@x.gov.uk"}
    assert history.co_recipients == {}
    empty = store.history(person, now=T0 + dt.timedelta(days=1), retention_days=YEAR)
    assert empty.messages == 0 and not empty.recipients


# -- confirm and senders ---------------------------------------------------------------------


def test_confirm_marks_a_recipient_and_counts_once(store: Store) -> None:
    store.record(sent(0, "b@x.gov.uk"))
    store.confirm(SENDER.upper(), "B@x.gov.uk", at=T0)
    store.confirm(SENDER, "new@gmail.com", at=T0)
    store.confirm(SENDER, "new@gmail.com", at=T0 + dt.timedelta(minutes=5))
    history = store.history(SENDER, now=T0 + dt.timedelta(days=1), retention_days=YEAR)
    assert history.confirmed("b@x.gov.uk") and history.count("b@x.gov.uk") == 1
    assert history.confirmed("new@gmail.com") and history.count("new@gmail.com") == 0
    assert not history.confirmed("c@x.gov.uk")
    before = store.history(SENDER, now=T0 - dt.timedelta(minutes=1), retention_days=YEAR)
    assert not before.confirmed("new@gmail.com")


def test_senders_lists_messages_and_last_sent(store: Store) -> None:
    store.record_many(
        [
            sent(0, "b@x.gov.uk"),
            sent(30, "b@x.gov.uk"),
            sent(10, "b@x.gov.uk", sender="Zed@X.gov.uk"),
        ]
    )
    assert store.senders() == [
        (SENDER, 2, T0 + dt.timedelta(minutes=30)),
        ("zed@x.gov.uk", 1, T0 + dt.timedelta(minutes=10)),
    ]


# -- migrations and concurrency --------------------------------------------------------------


def test_opening_twice_migrates_once_and_the_schema_matches_the_tables(store_url: str) -> None:
    first = open_store(store_url)
    first.record(sent(0, "b@x.gov.uk"))
    first.close()
    with open_store(store_url) as again:
        assert [s for s, _, _ in again.senders()] == [SENDER]
    engine = create_engine(store_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
            assert context.get_current_heads() == (head_revision(),)
            assert compare_metadata(context, METADATA) == []
    finally:
        engine.dispose()


def test_concurrent_openers_of_a_new_store_all_succeed(store_url: str) -> None:
    errors: list[BaseException] = []
    stores: list[Store] = []
    gate = threading.Barrier(4)

    def opener() -> None:
        try:
            gate.wait()
            stores.append(open_store(store_url))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == [] and len(stores) == 4
    for number, opened in enumerate(stores):
        assert opened.record(sent(number, "b@x.gov.uk"))
    assert stores[0].senders()[0][1] == 4
    for opened in stores:
        opened.close()


def test_two_stores_on_one_database_see_each_others_writes(store_url: str) -> None:
    with open_store(store_url) as one, open_store(store_url) as two:
        assert one.record(sent(0, "b@x.gov.uk"))
        assert two.record(sent(0, "b@x.gov.uk")) is False
        assert two.record(sent(1, "c@x.gov.uk"))
        two.confirm(SENDER, "d@x.gov.uk", at=T0)
        history = one.history(SENDER, now=T0 + dt.timedelta(days=1), retention_days=YEAR)
        assert history.messages == 2 and history.confirmed("d@x.gov.uk")
        results: list[int] = []
        batches = [[sent(100 + i * 1000 + j, "e@x.gov.uk") for j in range(500)] for i in range(2)]
        writers = [
            threading.Thread(target=lambda s=s, b=b: results.append(s.record_many(b)))
            for s, b in zip((one, two), batches, strict=True)
        ]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(60)
        assert sorted(results) == [500, 500]
        assert one.senders()[0][1] == 1002


def test_a_newer_schema_is_refused(store_url: str) -> None:
    open_store(store_url).close()
    engine = create_engine(store_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = 'f00d'"))
    finally:
        engine.dispose()
    with pytest.raises(StoreError) as error:
        open_store(store_url)
    message = one_line(error)
    assert "f00d" in message and "newer" in message and "upgrade mailwarden" in message


# -- failures --------------------------------------------------------------------------------


def test_sqlite_creates_the_parent_directory(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "store.db"
    with open_store(f"sqlite:///{target}") as opened:
        assert opened.backend == "sqlite" and target.is_file()


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_dead_database_is_one_line(backend: str, tmp_path: Path) -> None:
    if backend == "sqlite":
        garbage = tmp_path / "not-a-database.db"
        garbage.write_bytes(b"this is not SQLite\n" * 200)
        url = f"sqlite:///{garbage}"
    else:
        url = f"postgresql+psycopg://warden:s3cret-pw@127.0.0.1:{_closed_port()}/mailwarden"
    with pytest.raises(StoreError) as error:
        open_store(url)
    message = one_line(error)
    assert message.startswith("cannot open store ")
    assert "s3cret-pw" not in message


def test_a_database_that_dies_while_open_is_one_line(
    backend: str, store_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    opened = open_store(store_url)
    opened.record(sent(0, "b@x.gov.uk"))
    if backend == "sqlite":
        database = Path(store_url.removeprefix("sqlite:///"))
        opened.close()
        for leftover in database.parent.iterdir():
            leftover.unlink()
        database.mkdir()  # the file is now a directory: unusable
    else:
        server: PostgresServer = request.getfixturevalue("postgres_server")
        name = store_url.rsplit("/", 1)[1]
        admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        finally:
            admin.dispose()
    with pytest.raises(StoreError) as error:
        opened.history(SENDER, now=T0, retention_days=YEAR)
    assert "failed while reading a sender's history" in one_line(error)
    opened.close()


BAD_URLS = {
    "sqlite": [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite+nosuchdriver:///x.db",
        "not a url",
    ],
    "postgresql": [
        "postgresql+psycopg2://warden:s3cret-pw@127.0.0.1/mailwarden",
        "postgresql+psycopg://warden:s3cret-pw@127.0.0.1:notaport/mailwarden",
        "postgresql+psycopg://warden:s3cret-pw@127.0.0.1:5432",
        "mysql://warden:s3cret-pw@127.0.0.1/mailwarden",
    ],
}


def test_a_bad_url_is_one_line(backend: str) -> None:
    for url in BAD_URLS[backend]:
        with pytest.raises(StoreError) as error:
            open_store(url)
        message = one_line(error)
        assert "store URL" in message and "s3cret-pw" not in message, message


def test_a_missing_postgresql_database_is_one_line(backend: str, store_url: str) -> None:
    if backend == "sqlite":
        blocked = Path(store_url.removeprefix("sqlite:///")).parent
        blocked.parent.mkdir(parents=True, exist_ok=True)
        blocked.write_text("a file where the directory should be")
        url = store_url
    else:
        url = store_url.rsplit("/", 1)[0] + "/no_such_database"
    with pytest.raises(StoreError) as error:
        open_store(url)
    assert one_line(error).startswith("cannot open store ")


# -- scale -----------------------------------------------------------------------------------


def test_bulk_import_and_history_of_20k_messages(store: Store) -> None:
    observations = [
        sent(
            i,
            f"colleague{i % 40}@x.gov.uk",
            f"partner{i % 9}@partner.example",
            "archive@x.gov.uk",
            thread=f"<thread{i % 500}@x.gov.uk>",
            names={f"colleague{i % 40}@x.gov.uk": f"Colleague {i % 40}"},
        )
        for i in range(20_000)
    ]
    started = time.perf_counter()
    assert store.record_many(observations) == 20_000
    imported = time.perf_counter() - started
    started = time.perf_counter()
    history = store.history(SENDER, now=T0 + dt.timedelta(days=30), retention_days=YEAR)
    read = time.perf_counter() - started
    print(f"\n{store.backend}: record_many 20k {imported:.2f} s, history 20k {read:.2f} s")
    assert history.messages == 20_000
    assert history.count("archive@x.gov.uk") == 20_000 and len(history.threads) == 500
    assert history.recipients["colleague7@x.gov.uk"].display_names == ("Colleague 7",)
    assert store.record_many(observations) == 0
    assert store.record_many(observations[:100]) == 0


def test_a_large_batch_skips_what_is_stored_and_records_the_rest_whole(store: Store) -> None:
    # 1,000 observations: PostgreSQL takes its COPY path for a batch this size
    batch = [
        sent(i, f"to{i}@x.gov.uk", f"cc{i % 3}@partner.example", "Zz@X.gov.uk") for i in range(1000)
    ]
    assert store.record_many(batch[:300]) == 300
    assert store.record_many(batch[:700] + batch) == 700
    history = store.history(SENDER, now=T0 + dt.timedelta(days=1), retention_days=YEAR)
    assert history.messages == 1000 and history.count("zz@x.gov.uk") == 1000
    assert history.co_recipients["to5@x.gov.uk"] == {"cc2@partner.example": 1, "zz@x.gov.uk": 1}
    assert history == build_history(
        SENDER,
        [
            SentObservation(
                o.sender, o.sent_at, tuple((a.lower(), n) for a, n in o.recipients), o.thread, o.key
            )
            for o in batch
        ],
    )


def test_overrides_are_kept_for_review_and_forgotten_with_the_sender(store: Store) -> None:
    issued = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
    store.record_override(
        digest="a" * 64,
        sender="A.Officer@norfolk.gov.uk",
        justification="The recipient is the family's named advocate.",
        client="outlook",
        issued_at=issued,
        expires_at=issued + dt.timedelta(hours=1),
    )
    (row,) = store.overrides(sender="a.officer@norfolk.gov.uk")
    assert row["sender"] == "a.officer@norfolk.gov.uk" and row["digest"] == "a" * 64
    assert row["issued_at"] == issued and row["client"] == "outlook"
    assert store.overrides(sender="someone@norfolk.gov.uk") == []
    assert store.forget("a.officer@norfolk.gov.uk") == 1
    assert store.overrides() == []
