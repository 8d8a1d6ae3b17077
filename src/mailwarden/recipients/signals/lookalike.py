"""Signal 2, a lookalike of a usual contact: an unfamiliar address that reads like a familiar one.

This is the auto-complete slip and the typing slip (NCC-E3 "take particular care where
outlook auto-completes"): the sender meant a usual contact and picked or typed a neighbour.
An unfamiliar recipient (written to at most `rare_count` times, not confirmed) is compared
with each usual contact (at least `usual_count` messages); the strongest match wins:

- homoglyphs: the same skeleton on screen, other characters (a Cyrillic `а`, `rn` for `m`,
  `0` for `o`, an IDNA label) - 0.95;
- the same local part at a domain that extends or nearly spells the usual one
  (`norfolk.gov.uk.example`, `gmial.com`) - 0.9, or the same name with another ending
  (`nhs.uk` for `nhs.net`) - 0.8;
- the same display name as a usual contact at a different address (auto-complete offered
  the wrong entry) - 0.9;
- the same domain and a local part a small edit away (`sarah.jonson` for `sarah.johnson`;
  Damerau-Levenshtein, at most 1 for short local parts, `max_edit_distance` otherwise) -
  0.85 for one edit, 0.7 for two;
- a usual contact's first name with another surname (the wrong Sarah, the auto-complete
  list's neighbour when the sender typed the first letters) - 0.55 at the same domain, 0.5
  elsewhere: enough to ask, since the address is one the sender has hardly ever used;
- whatever the local part, a domain the sender has never written to that extends or
  nearly spells one they have (`gmial.com` beside `gmail.com`, `norfok.gov.uk`) - 0.85:
  a mistyped domain is a slip even when the person is new.

Two addresses at the organisation's own domains with the same local part are the same
person's aliases, not a lookalike, and a usual contact (or an address identical to one)
never is one, whatever `rare_count` says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..history import SenderHistory
from .confusables import has_mixed_scripts, skeleton
from .distance import damerau_levenshtein
from .model import Signal, SignalKind, SignalOptions, masked_address
from .names import name_tokens

__all__ = ["lookalike_signals"]


@dataclass(frozen=True, slots=True)
class _Contact:
    address: str
    local: str
    domain: str
    skeleton: str
    names: tuple[str, ...]
    tokens: tuple[tuple[str, ...], ...]


def _contacts(history: SenderHistory, options: SignalOptions) -> list[_Contact]:
    found = []
    for address, stats in history.recipients.items():
        if stats.count < options.usual_count or "@" not in address:
            continue
        local, _, domain = address.rpartition("@")
        names = tuple(n.strip().casefold() for n in stats.display_names if n.strip())
        tokens = [name_tokens(n, local) for n in stats.display_names] or [name_tokens("", local)]
        found.append(
            _Contact(
                address, local, domain, skeleton(address), names, tuple(t for t in tokens if t)
            )
        )
    return found


def _domain_match(rd: str, ud: str, options: SignalOptions) -> tuple[float, str] | None:
    if rd.startswith(ud + "."):
        return 0.9, f"its domain {rd} is your usual {ud} with something added"
    limit = options.max_edit_distance if len(ud) >= 8 else 1
    distance = damerau_levenshtein(rd, ud, limit)
    if distance <= limit:
        return 0.9, f"its domain {rd} is {_edits(distance)} away from your usual {ud}"
    r_first, _, r_rest = rd.partition(".")
    u_first, _, u_rest = ud.partition(".")
    if r_first == u_first and r_rest != u_rest and len(u_first) >= 3:
        return 0.8, f"its domain {rd} has the name of your usual {ud} with another ending"
    return None


def _near_domain(
    domain: str, history: SenderHistory, options: SignalOptions
) -> tuple[float, str] | None:
    """A domain never written to that extends or nearly spells one the sender has used."""
    if history.domains.get(domain, 0):
        return None
    for known in sorted(history.domains, key=lambda d: (-history.domains[d], d)):
        if domain.startswith(known + "."):
            return 0.85, f"its domain {domain} is {known}, where you write, with something added"
        limit = options.max_edit_distance if len(known) >= 8 else 1
        distance = damerau_levenshtein(domain, known, limit)
        if distance <= limit:
            return 0.85, (
                f"its domain {domain}, where you have never written, is {_edits(distance)} "
                f"away from {known}, where you write"
            )
    return None


def _edits(distance: int) -> str:
    return "one character" if distance == 1 else f"{distance} characters"


@dataclass(frozen=True, slots=True)
class _Suspect:
    address: str
    display: str
    skeleton: str
    tokens: tuple[str, ...]


def _match(
    suspect: _Suspect,
    contact: _Contact,
    internal: Callable[[str], bool],
    options: SignalOptions,
) -> tuple[float, str] | None:
    address, display = suspect.address, suspect.display
    local, _, domain = address.rpartition("@")
    usual = masked_address(contact.address)
    best: tuple[float, str] | None = None

    def consider(score: float, why: str) -> None:
        nonlocal best
        if best is None or score > best[0]:
            best = (score, why)

    if suspect.skeleton == contact.skeleton:
        odd = " (it mixes letters from another alphabet)" if has_mixed_scripts(address) else ""
        consider(
            0.95, f"It reads the same as your usual contact {usual} but is spelt differently{odd}."
        )
    aliases = internal(domain) and internal(contact.domain)
    if local == contact.local and domain != contact.domain and not aliases:
        found = _domain_match(domain, contact.domain, options)
        if found:
            consider(found[0], f"It looks like your usual contact {usual}: {found[1]}.")
    if domain == contact.domain and local != contact.local:
        limit = options.max_edit_distance if len(contact.local) >= 6 else 1
        distance = damerau_levenshtein(local, contact.local, limit)
        if distance <= limit:
            score = 0.85 if distance == 1 else 0.7
            consider(
                score,
                f"It differs by {_edits(distance)} before the @ from your usual contact {usual}.",
            )
    name = display.strip().casefold()
    if name and "@" not in name and name in contact.names:
        consider(0.9, f"It has the same name as your usual contact {usual}, at another address.")
    tokens = suspect.tokens
    if len(tokens) >= 2 and len(tokens[0]) >= 2:
        for known in contact.tokens:
            if len(known) >= 2 and known[0] == tokens[0] and known[-1] != tokens[-1]:
                score = 0.55 if domain == contact.domain else 0.5
                consider(
                    score,
                    f"It has the first name of your usual contact {usual} but another surname.",
                )
    return best


def lookalike_signals(
    recipients: Iterable[tuple[str, str, str]],
    history: SenderHistory,
    options: SignalOptions,
    internal: Callable[[str], bool],
) -> Iterator[Signal]:
    """A signal for each unfamiliar `(address, where, display name)` like a usual contact.

    `internal(domain)` says whether a domain is the organisation's own (the pack's test).
    """
    contacts = _contacts(history, options)
    for address, where, display in recipients:
        count = history.count(address)
        if count > options.rare_count or count >= options.usual_count:
            continue
        best: tuple[float, str] | None = None
        local = address.rpartition("@")[0]
        suspect = _Suspect(address, display, skeleton(address), name_tokens(display, local))
        for contact in contacts:
            if contact.address == address:
                continue
            found = _match(suspect, contact, internal, options)
            if found and (best is None or found[0] > best[0]):
                best = found
        near = _near_domain(address.rpartition("@")[2], history, options)
        if near and (best is None or near[0] > best[0]):
            best = (near[0], f"It looks mistyped: {near[1]}.")
        if best:
            yield Signal(SignalKind.LOOKALIKE, address, where, best[0], (best[1],))
