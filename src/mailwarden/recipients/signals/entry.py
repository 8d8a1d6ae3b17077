"""`misdirection_signals`: every misdirection signal for one message, in one call.

This is the one entry point the misdirection rules and the benchmark use. It applies the
two cross-cutting policies of the issue, so that no caller can forget them:

- the learning period: while the sender's history is too small or too young
  (`SignalOptions.min_messages`, `min_days`), only the attachment and salutation signals
  run, which need no history;
- confirmation: a recipient the sender confirmed as intended (`history.confirmed`) never
  gives a new-recipient, lookalike or unusual-for-group signal;
- only what the sender chose is a suspect: in a reply, the recipients taken from the thread
  (named in the quoted attribution line or header blocks, or written to by the sender in
  this thread before) were not typed or picked, so they give no new-recipient, lookalike
  or unusual-for-group signal, and the recipients of a reply are not judged as a group
  at all (the thread's first author chose them). Additions to a thread are the thread
  signal's to judge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ...message.model import Message
from ...policy.pack import Pack
from ..history import SenderHistory, thread_id
from .attachment import attachment_signals
from .group import group_signals
from .lookalike import lookalike_signals
from .model import (
    ANOMALY_KINDS,
    CONFIRMABLE_KINDS,
    Signal,
    SignalKind,
    SignalOptions,
    in_learning_period,
)
from .new_recipient import new_recipient_signals
from .quoted import earlier_participants
from .salutation import salutation_signals
from .thread import thread_signals

if TYPE_CHECKING:
    from ...rules.facts import Facts, Recipient

__all__ = ["misdirection_signals"]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _facts(
    message: Message, pack: Pack, history: SenderHistory | None, now: dt.datetime | None
) -> Facts:
    # Imported here: the rules package imports this one, so a top-level import would cycle.
    from ...policy.context import Context
    from ...rules.facts import Facts

    clock = now or message.date or _EPOCH
    sender = history.sender if history else ""
    return Facts(
        message, pack, Context(now=clock, sender=sender, sender_authenticated=bool(sender))
    )


def misdirection_signals(
    message: Message,
    facts_or_recipients: Facts | Sequence[Recipient] | None,
    pack: Pack,
    history: SenderHistory | None,
    *,
    now: dt.datetime | None = None,
    options: SignalOptions | None = None,
    kinds: Iterable[SignalKind] | None = None,
) -> tuple[Signal, ...]:
    """Every misdirection signal for `message`, sorted by kind, then recipient order.

    Parameters:

    - `message`: the parsed message (`mailwarden.message.reader.parse_message_bytes`).
    - `facts_or_recipients`: a `mailwarden.rules.facts.Facts` for this message (what the
      rules pass: its recipients and detected entities are reused); or a sequence of
      `Recipient` (e.g. `Facts(...).recipients`) when only the header-based signals are
      wanted: the attachment signal, which needs content detection, is then skipped; or
      None, and the facts are built here from `message`, `pack` and the history's sender.
    - `pack`: the loaded pack (internal domains, case-ID patterns).
    - `history`: the sender's `SenderHistory`; None means no history at all, so only the
      attachment and salutation signals can run (the rules that need history stay silent
      without a store).
    - `now`: the aware clock for the learning period's `min_days` (default: the
      message's Date:, else only `min_messages` is judged).
    - `options`: thresholds (`SignalOptions()` defaults when None).
    - `kinds`: compute only these kinds (default: all).

    Addresses are compared lower-cased; the sender's own address is never a suspect.
    The new-recipient signal is raw: the rules act on it only when the message carries
    third-party personal data, and a caller that wants the rules' behaviour must do the same.
    """
    options = options or SignalOptions()
    wanted = frozenset(kinds) if kinds is not None else frozenset(SignalKind)
    clock = now or message.date
    if clock is not None and clock.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    facts: Facts | None
    if facts_or_recipients is None:
        facts = _facts(message, pack, history, clock)
        recipients: Sequence[Recipient] = facts.recipients
    elif isinstance(facts_or_recipients, Sequence):
        facts = None
        recipients = facts_or_recipients
    else:
        facts = facts_or_recipients
        recipients = facts.recipients
    own = history.sender.lower() if history else ""
    targets, webmail = _targets(recipients, own)
    earlier = earlier_participants(message)
    replying = bool(message.in_reply_to or message.references)

    found: list[Signal] = []
    learning = in_learning_period(history, clock, options)
    if history is not None and not learning:
        internal = pack.is_internal
        in_thread = history.threads.get(thread_id(message), frozenset()) if replying else ()
        chosen = [
            (a, w, d)
            for a, w, d, _ in targets
            if not history.confirmed(a)
            and a not in in_thread
            and not (replying and not earlier.forward and earlier.shows(a, d))
        ]
        suspects = [(a, w) for a, w, _ in chosen]
        if SignalKind.NEW_RECIPIENT in wanted:
            found.extend(
                new_recipient_signals(
                    suspects,
                    history,
                    options,
                    internal,
                    lambda d: d in webmail or pack.webmail_domains.matches(d),
                )
            )
        if SignalKind.LOOKALIKE in wanted:
            found.extend(lookalike_signals(chosen, history, options, internal))
        if SignalKind.UNUSUAL_FOR_GROUP in wanted and (earlier.forward or not replying):
            pairs = [(a, w) for a, w, _, _ in targets]
            typed = {a for a, _ in suspects}
            found.extend(s for s in group_signals(pairs, history, options) if s.recipient in typed)
        if wanted & {
            SignalKind.NEW_EXTERNAL_DOMAIN_IN_THREAD,
            SignalKind.AUDIENCE_WIDENED,
            SignalKind.OUTSIDER_ADDED_TO_REPLY,
        }:
            named = [(a, w, d) for a, w, d, _ in targets]
            found.extend(thread_signals(message, named, history, internal, earlier))
    if SignalKind.SALUTATION_MISMATCH in wanted:  # needs no history: runs from day one
        found.extend(salutation_signals(message, targets))
    if SignalKind.ATTACHMENT_MISMATCH in wanted and (facts or facts_or_recipients is None):
        if facts is None:
            facts = _facts(message, pack, history, clock)
        found.extend(attachment_signals(facts, options))
    found = [
        s
        for s in found
        if s.kind in wanted
        and not (learning and s.kind in ANOMALY_KINDS)
        and not (history and s.kind in CONFIRMABLE_KINDS and history.confirmed(s.recipient))
    ]
    order = {kind: n for n, kind in enumerate(SignalKind)}
    return tuple(sorted(found, key=lambda s: (order[s.kind], _where_key(s.where))))


def _targets(
    recipients: Sequence[Recipient], own: str
) -> tuple[list[tuple[str, str, str, str]], set[str]]:
    """`(address, where, display name, field)` of each recipient once, without the sender;
    and the recipients' domains the pack calls webmail."""
    targets: list[tuple[str, str, str, str]] = []
    webmail: set[str] = set()
    seen: set[str] = set()
    for recipient in recipients:
        address = recipient.address.addr_spec.lower()
        if "@" not in address or address == own or address in seen:
            continue
        seen.add(address)
        targets.append((address, recipient.where, recipient.address.display_name, recipient.field))
        if recipient.webmail:
            webmail.add(address.rpartition("@")[2])
    return targets, webmail


def _where_key(where: str) -> tuple[str, int]:
    label, _, number = where.partition(":")
    head = number.split("/")[0]
    return (label, int(head) if head.isdigit() else 0)
