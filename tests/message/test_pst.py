"""PST stores: traversal order, item content, protected and damaged stores, the missing extra."""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from mailwarden.errors import InputError, ProtectedInputError
from mailwarden.message import pst
from mailwarden.message.limits import ParseContext
from mailwarden.message.model import Message
from mailwarden.message.pst import iter_pst

pytest.importorskip("pypff", reason="the 'pst' extra (libpff-python) is not installed")

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
PST_DIR = CORPUS / "pst"
NO_CORPUS = (
    "../shared/corpus/real not found: the real-corpus tests need the shared folder beside the clone"
)


def _files() -> list[object]:
    if not PST_DIR.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_CORPUS))]
    return [pytest.param(p.name, id=p.name) for p in sorted(PST_DIR.iterdir()) if p.is_file()]


def _items(real_corpus: Path, name: str) -> list[tuple[str, Message]]:
    found = []
    for label, item in iter_pst(real_corpus / "pst" / name, ParseContext.start):
        assert isinstance(item, Message), item
        found.append((label, item))
    return found


@pytest.mark.corpus
@pytest.mark.parametrize("name", _files())
def test_every_real_store_reads_or_is_input_error(real_corpus: Path, name: str) -> None:
    try:
        items = list(iter_pst(real_corpus / "pst" / name, ParseContext.start))
    except InputError:
        return
    assert items
    for label, item in items:
        assert isinstance(label, str)
        assert isinstance(item, Message | InputError)


@pytest.mark.corpus
def test_password_protected_store_raises_before_any_item(real_corpus: Path) -> None:
    stream = iter_pst(real_corpus / "pst" / "libpst__passworded.pst", ParseContext.start)
    with pytest.raises(ProtectedInputError) as raised:
        next(stream)
    assert raised.value.reason == "password-protected"
    assert isinstance(raised.value, InputError)


@pytest.mark.corpus
def test_mailing_list_store_in_folder_order(real_corpus: Path) -> None:
    items = _items(real_corpus, "tika__testPST.pst")
    assert {label for label, _ in items} == {"Début du fichier de données Outlook"}
    assert [m.subject for _, m in items] == [
        "Re: Feature Generators",
        'Re: init tokenizer fails: "Bad type in putfield/putstatic"',
        "Feature Generators",
        "[jira] [Resolved] (TIKA-1249) Vcard files detection",
        "[jira] [Commented] (TIKA-1250) Process loops infintely processing a CHM file",
        '[WEBINAR] - "Introducing Couchbase Server 2.5"',
        "FW: First email",
    ]
    first = items[0][1]
    assert first.source_format == "pst"
    assert first.from_[0].addr_spec == "kottmann@gmail.com"
    assert [a.addr_spec for a in first.to] == ["users@opennlp.apache.org"]
    assert "PreviousMapFeatureGenerator" in first.body.text
    assert first.envelope.from_headers


@pytest.mark.corpus
def test_embedded_message_recovered_from_its_heap(real_corpus: Path) -> None:
    forward = _items(real_corpus, "tika__testPST.pst")[-1][1]
    assert forward.header("Received") is None  # a sent item: headers from its properties
    assert [a.addr_spec for a in forward.to] == ["lfcnassif@gmail.com"]
    (attached,) = forward.attachments
    assert attached.filename == "First email.eml"
    (inner,) = attached.messages
    assert inner.subject == "First email"
    assert "Docx file attached." in inner.body.text
    assert any("embedded message read only in part" in u.detail for u in forward.uninspected)


@pytest.mark.corpus
def test_html_rtf_and_plain_bodies(real_corpus: Path) -> None:
    items = _items(real_corpus, "tika__testPST_variousBodyTypes.pst")
    assert [label for label, _ in items] == ["Top of Outlook data file/Inbox/tmp"] * 4
    assert "original email" in items[0][1].body.text
    assert items[0][1].body.html is not None
    for _, message in items[1:]:
        assert "original email" in message.body.text


@pytest.mark.corpus
def test_calendar_contact_and_distribution_list(real_corpus: Path) -> None:
    items = _items(real_corpus, "libpst__dist-list.pst")
    assert [(label, m.subject) for label, m in items] == [
        ("Top of Personal Folders/Calendar", "Test appointment"),
        ("Top of Personal Folders/Contacts", "test dist list"),
        ("Top of Personal Folders/Contacts", "contact name 1"),
    ]  # the Freebusy Data record is the store's own, not an item
    appointment, dist_list, contact = (m for _, m in items)
    (event,) = appointment.calendar
    assert event.summary == "Test appointment"
    assert event.start == dt.datetime(2016, 8, 2, 15, 0, tzinfo=dt.UTC)
    assert event.end == dt.datetime(2016, 8, 2, 15, 30, tzinfo=dt.UTC)
    assert "complete test" in event.description
    assert [m.body.text for a in appointment.attachments for m in a.messages] == [
        "This is the appointment at 9",
        "This is the one at 10",
    ]
    assert 'Member: "dist name 1" <dist1@rjohnson.id.au>' in dist_list.body.text
    assert "Email: contact1@rjohnson.id.au" in contact.body.text
    assert contact.from_ == ()  # libpst's "Unknown" placeholder is no sender


# --- damage and the missing extra ----------------------------------------------------------


def test_random_file_is_input_error(tmp_path: Path) -> None:
    path = tmp_path / "random.pst"
    rng = random.Random(7)
    path.write_bytes(b"!BDN" + bytes(rng.getrandbits(8) for _ in range(20000)))
    with pytest.raises(InputError, match=r"unreadable \.pst store"):
        list(iter_pst(path, ParseContext.start))


def test_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        list(iter_pst(tmp_path / "absent.pst", ParseContext.start))


@pytest.mark.corpus
@pytest.mark.parametrize("cut", [512, 4096, 65536, 200_000])
def test_truncated_store_never_raises_anything_else(
    real_corpus: Path, tmp_path: Path, cut: int
) -> None:
    path = tmp_path / "cut.pst"
    path.write_bytes((real_corpus / "pst" / "tika__testPST.pst").read_bytes()[:cut])
    try:
        items = list(iter_pst(path, ParseContext.start))
    except InputError:
        return
    assert all(isinstance(item, Message | InputError) for _, item in items)


@pytest.mark.corpus
def test_one_bad_item_does_not_stop_the_store(
    real_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = pst._item_raw
    calls = {"n": 0}

    def flaky(item: Any, names: Any, limits: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise ValueError("damaged item")
        return original(item, names, limits)

    monkeypatch.setattr(pst, "_item_raw", flaky)
    items = list(iter_pst(real_corpus / "pst" / "tika__testPST.pst", ParseContext.start))
    assert len(items) == 7
    assert isinstance(items[1][1], InputError)
    assert "damaged item" in str(items[1][1])
    assert all(isinstance(m, Message) for i, (_, m) in enumerate(items) if i != 1)


def test_missing_extra_is_a_clear_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pypff", None)
    with pytest.raises(InputError, match=r"pip install 'mailwarden\[pst\]'"):
        list(iter_pst(tmp_path / "any.pst", ParseContext.start))


@pytest.mark.parametrize("seed", range(20))
def test_heap_reader_is_bounded_on_garbage(seed: int) -> None:
    rng = random.Random(seed)
    data = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 3000)))
    assert isinstance(pst._heap_properties(b"\x0c\x00\xec\xbc" + data), dict)
    assert isinstance(pst._heap_properties(data), dict)
