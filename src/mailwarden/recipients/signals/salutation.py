"""Signal 5, a salutation that does not match the recipient: "Dear Sarah" to john.patel@….

A greeting written for one person and an address picked for another is the auto-complete
slip seen from the text. The greeting is read from the first lines of the new text
("Dear Sarah,", "Hi Sarah", "Good morning Mrs Patel", "Dear Dr Anita Patel") and compared
with every To and Cc recipient whose name is known from its display name or a
`first.last` local part: people often greet the colleague in copy ("Hi Jan" to Ruth, Cc
Jan). The signal fires (0.7), on each To recipient, only when the greeting's name fits
none of them, allowing for:

- a title with a surname ("Dear Mrs Patel" matches Anita Patel); a first name with a
  surname must match both ("Dear Suzanne Farrell" does not fit Suzanne Reeves);
- initials ("Dear John" matches j.patel@…) and short forms ("Chris" for Christopher,
  "Liz" for Elizabeth, from a small table; Alexandra is not Alexander);
- group greetings ("Dear all", "Hi team", "Dear Sir or Madam", "Morning both"), which
  never fire, and greetings of several people ("Hi Sarah and John"), which are skipped.

A role mailbox (`duty.team@`, `info@`) is not a person a greeting names and is passed
over; a recipient whose name cannot be read (a bare `jpatel@`) might be the person greeted,
so nothing fires.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ...detectors import EntityType, mask_value
from ...message.model import Message
from .model import Signal, SignalKind, masked_address
from .names import TITLES, name_tokens

__all__ = ["greeting_name", "salutation_signals"]

_GREETING = re.compile(
    r"^\s*(?:dear|hi|hello|hey|hiya|good\s+(?:morning|afternoon|evening)|morning|afternoon)"
    r"\b[ \t,]*(?P<rest>[^\n]*)$",
    re.IGNORECASE,
)
_GROUP = frozenset(
    {
        "all", "both", "everyone", "everybody", "team", "colleague", "colleagues", "sir",
        "madam", "sirs", "folks", "there", "guys", "friends", "parent", "parents", "carer",
        "carers", "partners", "members", "councillor", "councillors", "manager", "whom",
    }
)  # fmt: skip
_SHORT_FORMS = (
    {"robert", "rob", "bob", "bobby", "robbie"},
    {"william", "will", "bill", "billy", "liam"},
    {"elizabeth", "liz", "lizzie", "beth", "betty", "eliza"},
    {"james", "jim", "jimmy", "jamie"},
    {"michael", "mike", "mick", "mickey"},
    {"katherine", "catherine", "kathryn", "kate", "katie", "kathy", "cathy", "kat"},
    {"margaret", "maggie", "peggy", "meg"},
    {"richard", "rick", "ricky", "dick", "rich"},
    {"anthony", "tony"},
    {"edward", "ed", "eddie", "ted", "ned"},
    {"jennifer", "jen", "jenny"},
    {"susan", "sue", "suzy"},
    {"alexander", "alex", "sandy", "sasha"},
    {"alexandra", "alex", "sandy", "sasha"},
    {"stephen", "steven", "steve"},
    {"thomas", "tom", "tommy"},
    {"deborah", "debbie", "deb"},
    {"patricia", "pat", "trish"},
    {"henry", "harry", "hal"},
    {"john", "jack", "johnny"},
    {"charles", "charlie", "chas"},
    {"victoria", "vicky", "tori"},
    {"rebecca", "becky", "becca"},
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _greeting(text: str) -> tuple[tuple[str, ...], bool] | None:
    """The name words a greeting addresses and whether they follow a title, or None."""
    for line in [ln for ln in text.splitlines() if ln.strip()][:3]:
        match = _GREETING.match(line)
        if not match:
            continue
        rest = re.split(r"[,!:;\u2013\u2014]|\s-\s", match["rest"], maxsplit=1)[0].strip()
        raw = _WORD.findall(rest)
        words = [w.casefold() for w in raw]
        if not words or len(words) > 4:
            return None
        if any(w in _GROUP for w in words) or {"and", "or", "&"} & set(words) or "/" in rest:
            return None
        titled = words[0].rstrip(".") in TITLES
        names = [(r, w) for r, w in zip(raw, words, strict=True) if w.rstrip(".") not in TITLES]
        if not names or not all(r[0].isupper() for r, _ in names):
            return None
        if titled and len(names) == 1:
            return (names[0][1],), True
        return tuple(w for _, w in names), False
    return None


def greeting_name(text: str) -> tuple[str, bool] | None:
    """The name a greeting addresses and whether it follows a title, or None.

    None for no greeting, a group greeting or several people. "Dear Anita Patel" gives
    ("anita", False); "Dear Mrs Patel" ("patel", True).
    """
    found = _greeting(text)
    return (found[0][0], found[1]) if found else None


def _same_first(name: str, first: str) -> bool:
    if name == first:
        return True
    if len(first) == 1:
        return name[0] == first
    if min(len(name), len(first)) >= 3 and (name.startswith(first) or first.startswith(name)):
        return True
    return any(name in forms and first in forms for forms in _SHORT_FORMS)


def _has(name: str, tokens: Sequence[str]) -> bool:
    """`name` is one of the words, or a word is its initial ("Bruce J." for Bruce James)."""
    return any(t == name or (len(t) == 1 and name.startswith(t)) for t in tokens)


def _fits(names: Sequence[str], titled: bool, tokens: Sequence[str]) -> bool:
    """True when the greeting's name words can be this person's name."""
    if titled:
        return _has(names[-1], tokens)
    if len(names) >= 2:  # a first name and a surname: both must fit
        return _has(names[-1], tokens[1:]) and (
            names[0] in tokens or _same_first(names[0], tokens[0])
        )
    return names[0] in tokens or _same_first(names[0], tokens[0])


def salutation_signals(
    message: Message, recipients: Sequence[tuple[str, str, str, str]]
) -> Iterator[Signal]:
    """A signal on each To recipient when the greeting fits none of the To and Cc recipients.

    `recipients` are `(address, where, display name, field)` with field to/cc/bcc/envelope.
    Bcc and envelope recipients are not read: a greeting is written to those shown.
    """
    shown = [r for r in recipients if r[3] in ("to", "cc")]
    to = [r for r in shown if r[3] == "to"]
    if not to:
        return
    found = _greeting(message.body.new_text or message.body.text)
    if not found:
        return
    names, titled = found
    named: list[tuple[str, str, tuple[str, ...]]] = []
    for address, where, display, field in shown:
        local = address.rpartition("@")[0]
        tokens = name_tokens(display, local)
        if not tokens:
            continue  # a team or role mailbox: not a person a greeting names
        spelt = name_tokens("", local)  # the address may spell more than the display name
        if len(tokens) < 2 or any(
            len(t) >= 2 and _fits(names, titled, t) for t in (tokens, spelt, spelt[::-1])
        ):
            return  # the greeting may be to them (or their name is unknown)
        if field == "to":
            named.append((address, where, tokens))
    greeted = mask_value(EntityType.PERSON, " ".join(n.title() for n in names))
    only = len(shown) == 1
    for address, where, tokens in named:
        who = mask_value(EntityType.PERSON, " ".join(t.title() for t in tokens))
        if only:
            reason = (
                f"The greeting is to {greeted}, but the only recipient, "
                f"{masked_address(address)}, is {who}"
            )
        else:
            reason = (
                f"The greeting is to {greeted}, who is none of the recipients; "
                f"{masked_address(address)} is {who}"
            )
        reason += "" if reason.endswith(".") else "."
        yield Signal(SignalKind.SALUTATION_MISMATCH, address, where, 0.7, (reason,))
