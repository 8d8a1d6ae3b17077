"""Quarantine records on both back ends: masked findings in, hashed recipients, status changes,
the salt kept per store, and forgetting a person."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from mailwarden.policy.actions import Action
from mailwarden.policy.findings import Evidence, Finding
from mailwarden.store import Store, open_store

T0 = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)
SENDER = "a.officer@telford.gov.uk"
TO = ["Pat.Jones@Example.org", "cc@partner.example"]

FINDING = Finding(
    rule="bulk-personal-data",
    clause="TWC-A4",
    clauses=("TWC-A4",),
    action=Action.QUARANTINE,
    message="A spreadsheet of 40 people's health details.",
    fix="Send it through the secure portal.",
    evidence=(Evidence("UK_NHS_NUMBER", "attachment:1", "*** *** 7974"),),
)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


def hold(store: Store, queue_id: str, at: dt.datetime = T0, sender: str = SENDER) -> int:
    return store.record_quarantine(
        queue_id=queue_id,
        held_at=at,
        sender=sender,
        recipients=TO,
        reason="bulk-personal-data=TWC-A4",
        verdict="quarantine",
        findings=[FINDING],
    )


def test_a_held_message_is_kept_with_masked_findings_and_hashed_recipients(store: Store) -> None:
    hold(store, "4Xk9Qz1abc")
    (record,) = store.quarantined()
    assert record.queue_id == "4Xk9Qz1abc" and record.held_at == T0 and record.status == "held"
    assert record.sender == SENDER and record.reason == "bulk-personal-data=TWC-A4"
    assert record.verdict == "quarantine" and record.status_at is None
    (finding,) = record.findings
    assert finding["rule"] == "bulk-personal-data" and finding["clause"] == "TWC-A4"
    assert finding["action"] == "quarantine" and finding["fix"].startswith("Send it")
    assert finding["evidence"] == [
        {"where": "attachment:1", "type": "UK_NHS_NUMBER", "masked": "*** *** 7974"}
    ]
    expected = sorted(store.address_hash(a) for a in TO)
    assert list(record.recipients) == expected
    assert store.address_hash("PAT.JONES@example.org ") == store.address_hash(TO[0].lower())
    plain = hashlib.sha256(TO[0].lower().encode()).hexdigest()
    assert plain not in record.recipients  # salted: not a dictionary-matchable plain hash
    dumped = json.dumps(record.to_dict())
    assert "pat.jones" not in dumped.lower() and "partner.example" not in dumped


def test_the_salt_is_kept_in_the_store_and_differs_between_stores(
    store_url: str, tmp_path: object
) -> None:
    with open_store(store_url) as first:
        one = first.address_hash(TO[0])
    with open_store(store_url) as again:
        assert again.address_hash(TO[0]) == one
    other = f"sqlite:///{tmp_path}/other.db"  # type: ignore[str-bytes-safe]
    with open_store(other) as elsewhere:
        assert elsewhere.address_hash(TO[0]) != one


def test_release_and_delete_update_the_newest_held_record(store: Store) -> None:
    hold(store, "AAAA11111", at=T0)
    hold(store, "BBBB22222", at=T0 + dt.timedelta(minutes=1))
    later = T0 + dt.timedelta(hours=2)
    assert store.set_quarantine_status("AAAA11111", "released", by="ig.officer", at=later)
    assert store.set_quarantine_status("BBBB22222", "deleted", by="ig.officer", at=later)
    assert not store.set_quarantine_status("AAAA11111", "deleted", by="x", at=later)
    assert not store.set_quarantine_status("CCCC33333", "released", by="x", at=later)
    records = {r.queue_id: r for r in store.quarantined()}
    assert records["AAAA11111"].status == "released"
    assert records["AAAA11111"].status_by == "ig.officer"
    assert records["AAAA11111"].status_at == later
    assert records["BBBB22222"].status == "deleted"
    assert [r.queue_id for r in store.quarantined(status="held")] == []
    assert [r.queue_id for r in store.quarantined(["BBBB22222", "ZZZZ"])] == ["BBBB22222"]
    with pytest.raises(ValueError, match="released or deleted"):
        store.set_quarantine_status("AAAA11111", "held", by="x", at=later)


def test_a_reused_queue_id_updates_only_the_record_still_held(store: Store) -> None:
    hold(store, "REUSED0001", at=T0)
    store.set_quarantine_status("REUSED0001", "deleted", by="a", at=T0 + dt.timedelta(hours=1))
    hold(store, "REUSED0001", at=T0 + dt.timedelta(days=30))
    assert store.set_quarantine_status(
        "REUSED0001", "released", by="b", at=T0 + dt.timedelta(days=31)
    )
    assert [r.status for r in store.quarantined(["REUSED0001"])] == ["deleted", "released"]


def test_forget_removes_records_where_the_person_is_sender_or_recipient(store: Store) -> None:
    hold(store, "FROMTHEM01", sender="leaver@telford.gov.uk")
    hold(store, "TOTHEM0001")
    store.record_quarantine(
        queue_id="UNRELATED1",
        held_at=T0,
        sender=SENDER,
        recipients=["someone@else.example"],
        reason="r",
        verdict="quarantine",
        findings=[],
    )
    assert store.forget("leaver@telford.gov.uk") >= 1
    assert store.forget("pat.jones@example.org") >= 1
    assert [r.queue_id for r in store.quarantined()] == ["UNRELATED1"]


def test_no_plain_recipient_is_written_to_the_database(store: Store, store_url: str) -> None:
    hold(store, "DUMPCHECK1")
    engine = create_engine(store_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT * FROM quarantine")).all()
    finally:
        engine.dispose()
    assert "example.org" not in repr(rows).lower()
