"""A person's name as an address shows it: from the display name, else from the local part.

`Patel, Anita` and `Anita Patel` both give ("anita", "patel"); `anita.patel@…` and
`anita_patel@…` give the same from the local part; `apatel@…` gives ("apatel",) and
`a.patel@…` ("a", "patel"). Titles (Mrs, Dr, Cllr) and digits are dropped. Used by the
lookalike signal (same first name, other surname) and the salutation signal.
"""

from __future__ import annotations

import re

__all__ = ["ROLE_WORDS", "TITLES", "name_tokens"]

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "cllr"})
ROLE_WORDS = frozenset(
    {
        "admin", "admissions", "contact", "duty", "enquiries", "enquiry", "finance", "hello",
        "help", "helpdesk", "hr", "info", "mail", "mailbox", "noreply", "office", "post",
        "reception", "referrals", "sales", "service", "services", "support", "team", "desk",
        "academy", "board", "centre", "clerk", "clinic", "college", "committee", "council",
        "department", "designated", "dsl", "governors", "group", "headteacher", "hub", "lead",
        "ltd", "nursery", "panel", "partnership", "practice", "primary", "safeguarding",
        "school", "surgery", "trust", "unit",
    }
)  # fmt: skip
"""Words that make an address a team, role or organisation mailbox rather than a person."""

_MOST_NAME_WORDS = 4
"""A display name of more words than this is a role or an organisation, not a person."""

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def name_tokens(display_name: str, local_part: str) -> tuple[str, ...]:
    """The name words of an address, first name first, lower-case ('' parts dropped).

    The display name wins when it has a word; `Surname, First` is turned round. A role
    mailbox (`duty.team`, `info`, "Designated Safeguarding Lead – Hadley Brook Primary")
    gives ().
    """
    name = display_name.strip().strip("'\"")
    if "@" in name:
        name = ""
    if "," in name:
        last, _, first = name.partition(",")
        name = f"{first} {last}"
    words = [w for w in _words(name) if w not in TITLES]
    if not words:
        words = [w for w in _words(local_part.replace(".", " ").replace("_", " ")) if w]
    if len(words) > _MOST_NAME_WORDS or any(w in ROLE_WORDS for w in words):
        return ()
    return tuple(words)
