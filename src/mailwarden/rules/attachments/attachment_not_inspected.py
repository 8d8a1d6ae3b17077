"""An attachment (or part of the mail) that could not be opened and checked for personal data.

What it flags:
    Attached files, archive members and parts of the message the parser could not read in
    full, by reason: a compressed file that expands to far more than its size (a "zip
    bomb"), a damaged file, one too large or too deeply nested to read within the limits,
    or a kind of file that cannot be read for text. Each reason gets its own action
    (``actions``). Encrypted and password-protected files are not flagged by default.

Clauses:
    NCC-E2 ("The attachments are correct", among the checks before sending personal
    information) and NCC-E7 ("Open the attachment before pressing send to check that it is
    the correct attachment"); TWC-A4 ("Limit the amount of personal data in the body of the
    email or in attachments to only that which is needed"); CCC-2.1a ("Sending confidential
    or sensitive personal data by insecure external email").

Why:
    Every rule that looks for personal data reads the text of the attachments. A file that
    could not be read is one those rules passed without seeing: the sender is the only one
    who can still check it, so they are asked to. A zip bomb is held for a reviewer, since
    no person sends one by accident and it can take down the systems that open it. An
    encrypted or password-protected file is not flagged: encryption is the protection the
    policies ask for, and its password should travel separately (see
    ``account-credentials``).

Fires:
    A zip whose 5 MB spreadsheet packs into 5 KB (quarantine); a PDF that is damaged and
    cannot be opened (warn); a ``.bin`` file of unknown kind (advice).

Passes:
    A readable Word document or PDF; a password-protected zip (by default).

Options:
    ``actions``: the action for each reason, or ``none`` to ignore it. Reasons: ``bomb``
    (default quarantine), ``corrupt`` (warn), ``over-limit`` (warn), ``unsupported``
    (advise), ``encrypted`` (none), ``password-protected`` (none). A binding names only
    the reasons it changes; the action given here replaces the binding's own.

Known gaps:
    A file that was read but only in part for a reason the parser did not record is not
    known here. Images are "unsupported" (no text is read from pictures), so a photographed
    document is only advised on.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from ...message.model import Uninspected, UninspectedReason
from ...policy.actions import Action
from ...policy.findings import Evidence, Hit
from .._common import listed
from .._texts import attachment_places
from ..base import Rule, RuleInput
from ._helpers import file_kind

__all__ = ["RULE"]

_NONE = "none"

_WORDS: dict[UninspectedReason, tuple[str, str]] = {
    UninspectedReason.BOMB: (
        "is a compressed file that expands to far more than its own size (a 'zip bomb'), so "
        "it was not opened and could not be checked",
        "Do not send it. If it is a genuine file, send the documents themselves instead of "
        "the archive, or ask ICT to check it; the message will be held for a reviewer.",
    ),
    UninspectedReason.CORRUPT: (
        "could not be opened: the file is damaged, or is not the kind of file its name says",
        "Open the file yourself to make sure it is the right one and not damaged; save or "
        "export it again and attach the new copy.",
    ),
    UninspectedReason.OVER_LIMIT: (
        "is too large or too deeply nested to be checked in full",
        "Open it and check everything in it is meant for these recipients; if you can, send "
        "fewer or smaller files, or a link to them on the shared drive.",
    ),
    UninspectedReason.UNSUPPORTED: (
        "is a kind of file that cannot be read for checking",
        "Open it yourself before sending, to make sure it is the right file and holds only "
        "what the recipients need.",
    ),
    UninspectedReason.ENCRYPTED: (
        "is encrypted, so its contents could not be checked",
        "Make sure it is the right file, and give the recipient the password another way (by "
        "phone or text), never in the same email.",
    ),
    UninspectedReason.PASSWORD_PROTECTED: (
        "is password-protected, so its contents could not be checked",
        "Make sure it is the right file, and give the recipient the password another way (by "
        "phone or text), never in the same email.",
    ),
}


def _places(inputs: RuleInput) -> Iterator[tuple[str, str, Uninspected]]:
    """(where, what, why) for every part that was not fully read."""
    message = inputs.message
    for note in message.uninspected:
        yield "body", "part of the message", note
    for where, attachment in attachment_places(message):
        if attachment.uninspected is not None:
            yield where, file_kind(attachment), attachment.uninspected
    for number, nested in enumerate(message.nested_messages(), start=1):
        for note in nested.uninspected:
            yield f"message:{number}", "attached message", note
        for _, attachment in attachment_places(nested):
            if attachment.uninspected is not None:
                yield f"message:{number}", file_kind(attachment), attachment.uninspected


def _masked(what: str, note: Uninspected) -> str:
    detail = note.detail if len(note.detail) <= 80 and "/" not in note.detail else ""
    if note.reason is UninspectedReason.UNSUPPORTED:
        detail = ""  # the detail is the file's type, already named by `what`
    return f"{what}: {note.reason}" + (f" ({detail})" if detail else "")


def check(inputs: RuleInput) -> Iterator[Hit]:
    actions = {**_DEFAULT_ACTIONS, **inputs.options["actions"]}
    by_reason: dict[UninspectedReason, list[Evidence]] = {}
    for where, what, note in _places(inputs):
        evidence = Evidence("UNINSPECTED", where, _masked(what, note))
        found = by_reason.setdefault(note.reason, [])
        if evidence not in found:
            found.append(evidence)
    for reason in UninspectedReason:
        found = by_reason.get(reason, [])
        action = actions.get(str(reason), _NONE)
        if not found or action == _NONE:
            continue
        said, fix = _WORDS[reason]
        yield Hit(
            message=f"{_subject(found)} {said}.",
            fix=fix,
            evidence=tuple(found[:20]),
            action=Action(action),
        )


def _subject(found: list[Evidence]) -> str:
    """'An attached file', '3 attached files', 'Part of the message' (names are never shown)."""
    files = len({e.where for e in found if e.where != "body"})
    words = []
    if any(e.where == "body" for e in found):
        words.append("Part of the message")
    if files == 1:
        words.append("an attached file" if words else "An attached file")
    elif files > 1:
        words.append(f"{files} attached files")
    return listed(words)


_DEFAULT_ACTIONS = MappingProxyType(
    {
        "bomb": "quarantine",
        "corrupt": "warn",
        "over-limit": "warn",
        "unsupported": "advise",
        "encrypted": _NONE,
        "password-protected": _NONE,
    }
)
"""Per reason; a binding's `actions` is laid over these, so it names only what it changes."""

_ACTION = {"enum": [*(str(a) for a in Action if a is not Action.ALLOW), _NONE]}

RULE = Rule(
    name="attachment-not-inspected",
    summary="An attachment or part that could not be opened and checked.",
    check=check,
    options={
        "actions": {
            "type": "object",
            "additionalProperties": False,
            "properties": {str(r): _ACTION for r in UninspectedReason},
        }
    },
    defaults={"actions": _DEFAULT_ACTIONS},
)
