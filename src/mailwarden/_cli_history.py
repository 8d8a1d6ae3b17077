"""The `history` commands of the CLI (import, show, confirm, forget, prune), and the history
`check` reads.

An adapter (house rule 1): it reads Sent folders and the store and prints. Recipient
addresses are header metadata: they are shown whole to the operator running these commands
(DESIGN, Masks). Exit status: 2 when an input could not be read, the usage is wrong or the
store cannot be used (one line on stderr each), else 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .recipients.history import SenderHistory
from .recipients.importing import DEFAULT_RETENTION_DAYS, SKIP_REASONS, ImportReport
from .settings import Settings

if TYPE_CHECKING:
    from .message.model import Message
    from .store import Store

__all__ = ["CheckHistory", "add_history_commands", "check_history", "run_history"]

EXIT_OK, EXIT_UNREADABLE = 0, 2
PASSWORD_ENV = "IMAP_PASSWORD"


def add_history_commands(commands: Any) -> None:
    """Register `history import|show|confirm|forget|prune` on the CLI's subparsers."""
    history = commands.add_parser(
        "history", help="learn and manage senders' recipient history (from sent mail only)"
    )
    actions = history.add_subparsers(
        dest="history_action", required=True, metavar="ACTION", parser_class=type(history)
    )

    learn = actions.add_parser(
        "import", help="learn from a Sent folder: mbox, maildir, .eml/.msg folders, .pst, IMAP"
    )
    learn.add_argument(
        "paths", nargs="*", metavar="PATH", help="mbox, maildir, folder of .eml/.msg, .pst"
    )
    learn.add_argument(
        "--imap",
        metavar="URL",
        help="imaps://USER@HOST[:PORT][/FOLDER] (or imap:// with STARTTLS; plain on loopback "
        "only); without FOLDER, the one marked \\Sent",
    )
    learn.add_argument(
        "--password-env",
        metavar="NAME",
        default=PASSWORD_ENV,
        help=f"environment variable holding the IMAP password (default {PASSWORD_ENV}; "
        "else a prompt)",
    )
    learn.add_argument(
        "--sender",
        metavar="ADDRESS",
        help="the mailbox owner: learn only messages from this address (default: each "
        "message's From:)",
    )
    _store_and_format(learn)

    show = actions.add_parser("show", help="senders with history, or one sender's recipients")
    show.add_argument("sender", nargs="?", metavar="SENDER")
    _store_and_format(show)

    confirm = actions.add_parser(
        "confirm", help="record that SENDER intends to write to RECIPIENT (no more warnings)"
    )
    confirm.add_argument("sender", metavar="SENDER")
    confirm.add_argument("recipient", metavar="RECIPIENT")
    _store_and_format(confirm)

    forget = actions.add_parser(
        "forget", help="remove an address everywhere: as sender, recipient, confirmation"
    )
    forget.add_argument("address", metavar="ADDRESS")
    _store_and_format(forget)

    prune = actions.add_parser("prune", help="remove what is older than the retention period")
    _store_and_format(prune)


def _store_and_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", metavar="URL", help="the store (default: settings store_url)")
    parser.add_argument("--format", choices=("text", "json"), default="text")


# -- the store -----------------------------------------------------------------------------


def retention_days(settings: Settings) -> int:
    """The retention period of recipient history, in days (setting `history_retention_days`)."""
    return settings.history_retention_days or DEFAULT_RETENTION_DAYS


def _sqlite_file(url: str) -> Path | None:
    """The database file of a `sqlite:` URL (None for any other back end)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError):
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database).expanduser()


def store_exists(url: str) -> bool:
    """False only for a SQLite file not created yet; a server database is assumed to exist
    (opening it says otherwise)."""
    path = _sqlite_file(url)
    return path is None or path.exists()


def _open(url: str) -> Store:
    from .store import open_store

    return open_store(url)


def _store_url(args: argparse.Namespace, settings: Settings) -> str:
    return str(args.store or settings.store_url)


# -- check ---------------------------------------------------------------------------------


class CheckHistory:
    """The history `check` reads: each sender's, read once per run, as of one moment.

    Only reads: learning happens from sent mail, never from what is being checked.
    """

    def __init__(self, store: Store, *, at: dt.datetime, retention_days: int) -> None:
        self._store = store
        self._at = at
        self._retention_days = retention_days
        self._read: dict[str, SenderHistory] = {}

    def for_message(self, message: Message, sender: str | None) -> SenderHistory | None:
        """The history of `sender` (else the message's From:), None when there is no sender."""
        who = (sender or "").strip().lower()
        if not who:
            who = next((a.addr_spec.lower() for a in message.from_ if "@" in a.addr_spec), "")
        if not who:
            return None
        if who not in self._read:
            self._read[who] = self._store.history(
                who, now=self._at, retention_days=self._retention_days
            )
        return self._read[who]

    def close(self) -> None:
        self._store.close()


def check_history(
    store_flag: str | None, settings: Settings, *, at: dt.datetime
) -> CheckHistory | None:
    """The history for `check`: from `--store URL`, else from the configured store when its
    database exists. Never creates a database; a `--store` that does not exist is an error."""
    url = store_flag or settings.store_url
    if not store_exists(url):
        if store_flag:
            raise ConfigError(
                f"store not found: {_sqlite_file(url)} (learn history first with "
                "'mailwarden history import')"
            )
        return None
    return CheckHistory(_open(url), at=at, retention_days=retention_days(settings))


# -- the commands --------------------------------------------------------------------------


def run_history(args: argparse.Namespace, settings: Settings) -> int:
    """Run one `history` action; returns the exit status."""
    action = args.history_action
    if action == "import":
        return _import(args, settings)
    url = _store_url(args, settings)
    if action in ("show", "forget", "prune") and not store_exists(url):
        return _empty_store(args, url)
    with _open(url) as store:
        if action == "show":
            return _show(args, settings, store)
        if action == "confirm":
            return _confirm(args, store)
        if action == "forget":
            return _forget(args, store)
        return _prune(args, settings, store)


def _empty_store(args: argparse.Namespace, url: str) -> int:
    """A store never created holds nothing: say so without creating it."""
    note = f"no history yet: {_sqlite_file(url)} does not exist"
    action = args.history_action
    if args.format == "json":
        if action == "show":
            print(json.dumps({"senders": []} if not args.sender else _sender_json(args.sender)))
        else:
            print(json.dumps({"removed": 0}))
    elif action == "show":
        print(note)
    else:
        print(f"removed 0 records ({note})")
    return EXIT_OK


def _address(value: str, what: str) -> str:
    address = value.strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or any(c.isspace() for c in address):
        raise ConfigError(f"{what} is not an email address: {value!r}")
    return address


def _password(name: str) -> str:
    value = os.environ.get(name)
    if value:
        return value
    if sys.stdin.isatty():
        try:
            entered = getpass.getpass("IMAP password: ")
        except (EOFError, KeyboardInterrupt):
            entered = ""
        if entered:
            return entered
    raise ConfigError(f"no IMAP password: set the environment variable {name} or run in a terminal")


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from .recipients.importing import import_messages, read_sent

    if bool(args.paths) == bool(args.imap):
        raise ConfigError("history import needs PATH... or --imap URL (one of them)")
    sender = _address(args.sender, "--sender") if args.sender else None
    now = dt.datetime.now(dt.UTC)
    started = time.monotonic()

    def report_error(line: str) -> None:
        print(f"mailwarden: {line}", file=sys.stderr)

    if args.imap:
        from .recipients._imap import open_folder, parse_imap_url

        target = parse_imap_url(args.imap)
        password = _password(args.password_env)
        with open_folder(target, password) as folder, _open(_store_url(args, settings)) as store:
            if args.format == "text":
                print(f"reading {folder.count} messages from {target.label}/{folder.folder}")
            report = import_messages(
                folder.messages(settings.limits),
                store,
                sender=sender,
                now=now,
                retention_days=retention_days(settings),
                on_error=report_error,
            )
    else:
        with _open(_store_url(args, settings)) as store:
            report = import_messages(
                read_sent(args.paths, settings.limits),
                store,
                sender=sender,
                now=now,
                retention_days=retention_days(settings),
                on_error=report_error,
            )
    _print_report(report, args.format, time.monotonic() - started)
    return EXIT_UNREADABLE if report.errors else EXIT_OK


def _print_report(report: ImportReport, form: str, seconds: float) -> None:
    if form == "json":
        print(json.dumps(report.to_dict() | {"seconds": round(seconds, 3)}))
        return
    skipped = sum(report.skipped.values())
    print(
        f"read {report.read} messages in {seconds:.1f} s: {report.learned} learned, "
        f"{report.already_known} already known, {skipped} skipped"
    )
    for reason, count in report.skipped.items():
        print(f"  skipped {count}: {SKIP_REASONS[reason]}")
    if report.errors:
        print(f"  unreadable: {len(report.errors)} (listed on stderr)")


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return "-"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")


def _iso(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat()


def _sender_json(sender: str, history: SenderHistory | None = None) -> dict[str, Any]:
    if history is None:
        return {"sender": sender.lower(), "messages": 0, "first_seen": None, "recipients": []}
    recipients = sorted(history.recipients.values(), key=lambda r: (-r.count, r.address))
    return {
        "sender": history.sender,
        "messages": history.messages,
        "first_seen": _iso(history.first_seen),
        "recipients": [
            {
                "address": r.address,
                "count": r.count,
                "first_seen": _iso(r.first_seen) if r.count else None,
                "last_seen": _iso(r.last_seen) if r.count else None,
                "display_names": list(r.display_names),
                "confirmed": r.confirmed,
            }
            for r in recipients
        ],
        "domains": dict(sorted(history.domains.items(), key=lambda d: (-d[1], d[0]))),
        "threads": len(history.threads),
    }


def _show(args: argparse.Namespace, settings: Settings, store: Store) -> int:
    if not args.sender:
        senders = store.senders()
        if args.format == "json":
            rows = [{"sender": s, "messages": n, "last_sent": _iso(t)} for s, n, t in senders]
            print(json.dumps({"senders": rows}))
        elif not senders:
            print("no history yet")
        else:
            width = max(len(s) for s, _, _ in senders)
            print(f"{'sender':<{width}}  {'messages':>8}  last sent")
            for sender, count, last in senders:
                print(f"{sender:<{width}}  {count:>8}  {_when(last)}")
        return EXIT_OK
    sender = _address(args.sender, "SENDER")
    history = store.history(
        sender, now=dt.datetime.now(dt.UTC), retention_days=retention_days(settings)
    )
    data = _sender_json(sender, history)
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False))
        return EXIT_OK
    print(_render_sender(data))
    return EXIT_OK


def _render_sender(data: dict[str, Any]) -> str:
    if not data["messages"] and not data["recipients"]:
        return f"{data['sender']}: no history"
    since = _when(dt.datetime.fromisoformat(data["first_seen"])) if data["first_seen"] else "-"
    lines = [
        f"{data['sender']}: {data['messages']} messages since {since}, "
        f"{len(data['recipients'])} recipients, {data['threads']} threads"
    ]
    width = max(len(r["address"]) for r in data["recipients"]) if data["recipients"] else 10
    lines.append(f"  {'recipient':<{width}}  {'count':>5}  {'first seen':<16}  last seen")
    for r in data["recipients"]:
        first = _when(dt.datetime.fromisoformat(r["first_seen"])) if r["first_seen"] else "-"
        last = _when(dt.datetime.fromisoformat(r["last_seen"])) if r["last_seen"] else "-"
        extra = ("  confirmed" if r["confirmed"] else "") + (
            f"  ({', '.join(r['display_names'])})" if r["display_names"] else ""
        )
        lines.append(
            f"  {r['address']:<{width}}  {r['count']:>5}  {first:<16}  {last:<16}{extra}".rstrip()
        )
    domains = ", ".join(f"{d} ({n})" for d, n in data["domains"].items())
    lines.append(f"  domains: {domains or '-'}")
    return "\n".join(lines)


def _confirm(args: argparse.Namespace, store: Store) -> int:
    sender = _address(args.sender, "SENDER")
    recipient = _address(args.recipient, "RECIPIENT")
    store.confirm(sender, recipient, at=dt.datetime.now(dt.UTC))
    if args.format == "json":
        print(json.dumps({"sender": sender, "recipient": recipient, "confirmed": True}))
    else:
        print(f"confirmed: {sender} intends to write to {recipient}")
    return EXIT_OK


def _forget(args: argparse.Namespace, store: Store) -> int:
    address = _address(args.address, "ADDRESS")
    removed = store.forget(address)
    if args.format == "json":
        print(json.dumps({"address": address, "removed": removed}))
    else:
        print(f"forgot {address}: {removed} records removed")
    return EXIT_OK


def _prune(args: argparse.Namespace, settings: Settings, store: Store) -> int:
    days = retention_days(settings)
    now = dt.datetime.now(dt.UTC)
    removed = store.prune(now=now, retention_days=days)
    cutoff = now - dt.timedelta(days=days)
    if args.format == "json":
        print(json.dumps({"removed": removed, "retention_days": days, "before": _iso(cutoff)}))
    else:
        print(
            f"removed {removed} records older than {days} days (sent on or before {_when(cutoff)})"
        )
    return EXIT_OK
