"""History import from files: mbox, maildir, folders of messages; skips counted by reason;
importing twice learns nothing new; the store really holds what was learned."""

from __future__ import annotations

import datetime as dt
import mailbox
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailwarden.errors import ConfigError
from mailwarden.recipients._imap import (
    decode_folder,
    encode_folder,
    parse_imap_url,
)
from mailwarden.recipients.importing import import_messages, read_sent
from mailwarden.store import Store, open_store

from .conftest import OWNER, sent_message

NOW = dt.datetime.now(dt.UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(f"sqlite:///{tmp_path / 'history.db'}") as opened:
        yield opened


def _messages() -> list[bytes]:
    """10 of OWNER's, 2 from someone else, one with no Date:, one with no recipient, one
    automatic reply, one older than retention and one dated next year."""
    kept = [sent_message(n, to=f"c{n % 3}@partner.example") for n in range(10)]
    return [
        *kept,
        sent_message(50, sender="duty.team@council.example.gov.uk"),
        sent_message(51, sender="duty.team@council.example.gov.uk"),
        sent_message(52, date=False),
        sent_message(53, to="", cc="").replace(b"To: Dana Whitfield <>\r\n", b""),
        sent_message(54, extra="Auto-Submitted: auto-replied"),
        sent_message(55, at=NOW - dt.timedelta(days=500)),
        sent_message(56, at=NOW + dt.timedelta(days=365)),
    ]


def _mbox(path: Path, messages: list[bytes]) -> Path:
    box = mailbox.mbox(str(path))
    for data in messages:
        box.add(mailbox.mboxMessage(data))
    box.flush()
    box.close()
    return path


def _maildir(path: Path, messages: list[bytes]) -> Path:
    box = mailbox.Maildir(str(path))
    for data in messages:
        box.add(mailbox.MaildirMessage(data))
    box.close()
    return path


EXPECTED_SKIPS = {
    "other-sender": 2,
    "no-date": 1,
    "no-recipients": 1,
    "automatic": 1,
    "past-retention": 1,
    "future": 1,
}


@pytest.mark.parametrize("kind", ["mbox", "maildir"])
def test_import_counts_learned_and_skipped_by_reason(
    kind: str, tmp_path: Path, store: Store
) -> None:
    maker = _mbox if kind == "mbox" else _maildir
    source = maker(tmp_path / f"Sent.{kind}", _messages())
    report = import_messages(read_sent([str(source)]), store, sender=OWNER, now=NOW)
    assert report.read == 17
    assert report.learned == 10
    assert report.already_known == 0
    assert dict(report.skipped) == EXPECTED_SKIPS
    assert report.errors == ()
    history = store.history(OWNER, now=NOW, retention_days=396)
    assert history.messages == 10
    assert history.count("duty.team@council.example.gov.uk") == 10
    assert history.count("c0@partner.example") == 4
    assert history.recipients["c1@partner.example"].display_names == ("Dana Whitfield",)


def test_reimport_learns_nothing_new(tmp_path: Path, store: Store) -> None:
    source = _mbox(tmp_path / "Sent.mbox", _messages())
    import_messages(read_sent([str(source)]), store, sender=OWNER, now=NOW)
    again = import_messages(read_sent([str(source)]), store, sender=OWNER, now=NOW)
    assert again.learned == 0
    assert again.already_known == 10
    assert store.history(OWNER, now=NOW, retention_days=396).messages == 10


def test_without_sender_each_message_teaches_its_own_from(tmp_path: Path, store: Store) -> None:
    source = _mbox(tmp_path / "Sent.mbox", _messages())
    report = import_messages(read_sent([str(source)]), store, now=NOW)
    assert report.learned == 12
    assert "other-sender" not in report.skipped
    assert {s for s, _, _ in store.senders()} == {OWNER, "duty.team@council.example.gov.uk"}


def test_sender_match_is_case_blind_and_accepts_sender_header(tmp_path: Path, store: Store) -> None:
    delegated = sent_message(60, sender="manager@council.example.gov.uk", extra=f"Sender: {OWNER}")
    source = _mbox(tmp_path / "Sent.mbox", [delegated])
    report = import_messages(read_sent([str(source)]), store, sender=OWNER.upper(), now=NOW)
    assert report.learned == 1


def test_folder_of_eml_files_and_nested_maildir(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.eml").write_bytes(sent_message(70 + n))
    (folder / ".DS_Store").write_bytes(b"\0\0junk")
    _maildir(folder / "older", [sent_message(80), sent_message(81)])
    items = list(read_sent([str(folder)]))
    assert [i.source for i in items][:3] == [str(folder / f"{n}.eml") for n in range(3)]
    report = import_messages(items, store, sender=OWNER, now=NOW)
    assert report.learned == 5


def test_only_headers_are_parsed(tmp_path: Path) -> None:
    source = _mbox(tmp_path / "Sent.mbox", [sent_message(90)])
    (item,) = read_sent([str(source)])
    assert item.message is not None
    assert item.message.body.text == ""
    assert item.message.to[0].addr_spec == "dana@partner.example"


def test_unreadable_paths_are_errors_not_messages(tmp_path: Path, store: Store) -> None:
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    seen: list[str] = []
    report = import_messages(
        read_sent([str(tmp_path / "absent.mbox"), str(empty)]),
        store,
        now=NOW,
        on_error=seen.append,
    )
    assert report.read == 0
    assert len(report.errors) == 2 == len(seen)
    assert "absent.mbox" in report.errors[0]


def test_records_in_batches(tmp_path: Path) -> None:
    class Memory:
        def __init__(self) -> None:
            self.sizes: list[int] = []

        def record_many(self, observations: object) -> int:
            items = list(observations)  # type: ignore[call-overload]
            self.sizes.append(len(items))
            return len(items)

    source = _mbox(tmp_path / "Sent.mbox", _messages())
    memory = Memory()
    report = import_messages(read_sent([str(source)]), memory, sender=OWNER, now=NOW, batch=4)
    assert memory.sizes == [4, 4, 2]
    assert report.learned == 10


# -- IMAP URLs and folder names (no server needed) -------------------------------------------


def test_imap_url_forms() -> None:
    target = parse_imap_url("imaps://alex.officer@council.gov.uk@mail.council.gov.uk/Sent%20Items")
    assert (target.tls, target.host, target.port) == (True, "mail.council.gov.uk", 993)
    assert target.user == "alex.officer@council.gov.uk"
    assert target.folder == "Sent Items"
    plain = parse_imap_url("imap://alex%40council.gov.uk@127.0.0.1:1143")
    assert (plain.tls, plain.port, plain.folder, plain.loopback) == (False, 1143, None, True)
    assert plain.user == "alex@council.gov.uk"
    assert not parse_imap_url("imap://a@mail.example").loopback


@pytest.mark.parametrize(
    "url",
    [
        "https://alex@mail.example/Sent",
        "imap://mail.example/Sent",
        "imaps://alex:secret@mail.example/Sent",
        "imap://alex@mail.example:port/Sent",
        "imaps://alex@/Sent",
    ],
)
def test_bad_imap_urls(url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_imap_url(url)
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize(
    ("name", "wire"),
    [
        ("Sent", "Sent"),
        ("Envoyés", "Envoy&AOk-s"),
        ("Tom & Jerry", "Tom &- Jerry"),
        ("日本語", "&ZeVnLIqe-"),
        ("Archive/Envoyés 2025", "Archive/Envoy&AOk-s 2025"),
    ],
)
def test_modified_utf7_folder_names(name: str, wire: str) -> None:
    assert encode_folder(name) == wire
    assert decode_folder(wire) == name


def test_an_unreadable_file_in_a_folder_does_not_stop_the_rest(
    tmp_path: Path, store: Store
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "a.eml").write_bytes(sent_message(1))
    (folder / "b.eml").symlink_to(tmp_path / "nowhere.eml")  # dangling: cannot be opened
    (folder / "c.eml").write_bytes(sent_message(3))
    report = import_messages(read_sent([str(folder)]), store, sender=OWNER, now=NOW)
    assert report.learned == 2
    assert len(report.errors) == 1 and "b.eml" in report.errors[0]


@pytest.mark.corpus
@pytest.mark.parametrize("folder", ["msg", "pst"])
def test_real_outlook_files_are_read(folder: str, real_corpus: Path, store: Store) -> None:
    paths = sorted(str(p) for p in (real_corpus / folder).iterdir() if p.is_file())
    if folder == "msg":
        paths = [str(real_corpus / folder)]  # a folder of .msg files, as Outlook exports them
    report = import_messages(read_sent(paths), store, now=NOW, retention_days=100_000)
    assert report.read > 0
    assert report.learned > 0
    assert set(report.skipped) <= {"no-sender", "no-recipients", "no-date", "automatic"}
