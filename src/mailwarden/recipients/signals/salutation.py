"""Signal 5, a salutation that does not match the recipient: "Dear Sarah" to john.patel@….

A greeting written for one person and an address picked for another is the auto-complete
slip seen from the text. The greeting is read from the first lines of the new text
("Dear Sarah,", "Hi Sarah", "Good morning Mrs Patel", "Dear Dr Anita Patel"); the message
must have exactly one To recipient whose name is known from its display name or a
`first.last` local part. The signal fires (0.7) when the greeting's name fits none of the
recipient's name words, allowing for:

- a title with a surname ("Dear Mrs Patel" matches Anita Patel);
- initials ("Dear John" matches j.patel@…) and short forms ("Chris" for Christopher,
  "Liz" for Elizabeth, from a small table);
- group greetings ("Dear all", "Hi team", "Dear Sir or Madam", "Morning both"), which
  never fire, and greetings of several people ("Hi Sarah and John"), which are skipped.

A role mailbox (`duty.team@`, `info@`) or a bare `jpatel@` gives no name to compare with,
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
    {"alexander", "alexandra", "alex", "sandy", "sasha"},
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


def greeting_name(text: str) -> tuple[str, bool] | None:
    """The name a greeting addresses and whether it follows a title, or None.

    None for no greeting, a group greeting or several people.
    """
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
            return names[0][1], True
        return names[0][1], False
    return None


def _same_first(name: str, first: str) -> bool:
    if name == first:
        return True
    if len(first) == 1:
        return name[0] == first
    if min(len(name), len(first)) >= 3 and (name.startswith(first) or first.startswith(name)):
        return True
    return any(name in forms and first in forms for forms in _SHORT_FORMS)


def _fits(name: str, titled: bool, tokens: Sequence[str]) -> bool:
    if name in tokens:
        return True
    if titled:
        return False
    return _same_first(name, tokens[0])


def salutation_signals(
    message: Message, recipients: Sequence[tuple[str, str, str, str]]
) -> Iterator[Signal]:
    """A signal when the greeting does not fit the only To recipient.

    `recipients` are `(address, where, display name, field)` with field to/cc/bcc/envelope.
    """
    to = [r for r in recipients if r[3] == "to"]
    if len(to) != 1:
        return
    found = greeting_name(message.body.new_text or message.body.text)
    if not found:
        return
    name, titled = found
    address, where, display, _ = to[0]
    tokens = name_tokens(display, address.rpartition("@")[0])
    if len(tokens) < 2 or _fits(name, titled, tokens):
        return
    greeted = mask_value(EntityType.PERSON, name.title())
    named = mask_value(EntityType.PERSON, " ".join(t.title() for t in tokens))
    reason = (
        f"The greeting is to {greeted}, but the only recipient, {masked_address(address)}, "
        f"is {named}"
    )
    reason += "" if reason.endswith(".") else "."
    yield Signal(SignalKind.SALUTATION_MISMATCH, address, where, 0.7, (reason,))
