"""`mailwarden overrides list`: the overrides the pre-send API issued, for an IG officer's review.

Each `warn` a sender chose to send anyway left a record in the store (`POST /v1/overrides`):
who, when, through which client, the message's digest (never its content) and the reason
they gave. This lists them, newest first, optionally for one sender or since a date.

The justification is the sender's own words and is shown to the reviewer in full; control
characters in it are replaced, so that a reason cannot rewrite the reviewer's terminal. The
digest is shown as its first 12 hex digits in text (enough to find the message in the
gateway's log) and whole in JSON. Exit status: 2 when the usage is wrong or the store cannot
be used (one line on stderr), else 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from typing import Any

from .checking import parse_as_of
from .errors import ConfigError
from .settings import Settings

__all__ = ["add_overrides_command", "run_overrides"]

EXIT_OK = 0
DIGEST_PREFIX = 12
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def add_overrides_command(commands: Any) -> None:
    """Register `overrides list` on the CLI's subparsers."""
    overrides = commands.add_parser(
        "overrides", help="review the overrides senders were issued (who, when, why)"
    )
    actions = overrides.add_subparsers(
        dest="overrides_action", required=True, metavar="ACTION", parser_class=type(overrides)
    )
    listing = actions.add_parser("list", help="issued overrides, newest first")
    listing.add_argument("sender", nargs="?", metavar="SENDER", help="only this sender's")
    listing.add_argument(
        "--since", metavar="ISO8601", help="only those issued at or after this date or time"
    )
    listing.add_argument("--store", metavar="URL", help="the store (default: settings store_url)")
    listing.add_argument("--format", choices=("text", "json"), default="text")


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return _utc(moment).isoformat().replace("+00:00", "Z")


def _when(moment: dt.datetime) -> str:
    return _utc(moment).strftime("%Y-%m-%d %H:%M")


def _since(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    moment = parse_as_of(value)
    if moment.tzinfo is None:  # no pack here to give a zone: UTC
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def _sender(value: str | None) -> str | None:
    if value is None:
        return None
    address = value.strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or any(c.isspace() for c in address):
        raise ConfigError(f"SENDER is not an email address: {value!r}")
    return address


def _row(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "issued_at": _iso(record["issued_at"]),
        "expires_at": _iso(record["expires_at"]),
        "sender": record["sender"],
        "client": record["client"],
        "digest": record["digest"],
        "justification": record["justification"],
    }


def _safe(text: str) -> str:
    """One line, no control characters: what a terminal can show as it is."""
    return " ".join(_CONTROL.sub(" ", text).split())


def _render(rows: list[dict[str, Any]], sender: str | None) -> str:
    whose = f" of {sender}" if sender else ""
    if not rows:
        return f"no overrides recorded{whose}"
    lines = [f"{len(rows)} override{'s' if len(rows) != 1 else ''}{whose}, newest first (UTC)"]
    width = max(len(r["sender"]) for r in rows)
    clients = [_safe(r["client"]) or "-" for r in rows]
    client_width = max(len(c) for c in clients)
    for r, client in zip(rows, clients, strict=True):
        issued = _when(dt.datetime.fromisoformat(r["issued_at"].replace("Z", "+00:00")))
        expires = _when(dt.datetime.fromisoformat(r["expires_at"].replace("Z", "+00:00")))
        lines.append(
            f"{issued}  {r['sender']:<{width}}  via {client:<{client_width}}  "
            f"digest {r['digest'][:DIGEST_PREFIX]}  expires {expires}"
        )
        lines.append(f"    why: {_safe(r['justification'])}")
    return "\n".join(lines)


def run_overrides(args: argparse.Namespace, settings: Settings) -> int:
    """`overrides list`; returns the exit status."""
    from ._cli_history import store_exists

    sender = _sender(args.sender)
    since = _since(args.since)
    url = str(args.store or settings.store_url)
    records: list[dict[str, Any]] = []
    if store_exists(url):  # a store never created holds nothing: do not create it
        from .store import open_store

        with open_store(url) as store:
            records = store.overrides(sender=sender)
    rows = [_row(r) for r in records if since is None or _utc(r["issued_at"]) >= since]
    if args.format == "json":
        print(json.dumps({"overrides": rows}, ensure_ascii=False))
    else:
        print(_render(rows, sender))
    return EXIT_OK
