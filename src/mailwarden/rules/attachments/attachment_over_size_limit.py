"""An attached file larger than the policy allows without the Helpdesk's agreement.

What it flags:
    Any one attached file (each file as sent, not the total) over ``max_bytes``, unless the
    subject or the new text of the body says the Helpdesk agreed (``approval_markers``).

Clauses:
    CCC-2.1h ("Sending files over 20mb via email without checking with the Helpdesk").

Why:
    Large files fill mailboxes and the archive, and are slow or refused at the far end; the
    Helpdesk may offer a better way to share them. The guide says "files over 20mb", so the
    limit is per file. "20mb" is read as 20 human_size of 1,000,000 bytes (20,000,000 bytes),
    the stricter of the two readings: every file the Helpdesk would call "over 20mb" is
    caught, whichever unit it uses. A deployment that means 20 MiB sets ``max_bytes:
    20971520``. The size is that of the decoded file, not of its base64 form in the mail
    (which is a third larger).

Fires:
    A 24 MB video of a site visit attached to a mail to a contractor, with no mention of
    the Helpdesk.

Passes:
    The same mail with "Helpdesk approved" in the subject or body, or a 3 MB PDF.

Options:
    ``max_bytes``: the largest size allowed for one file, in bytes (default 20,000,000).
    ``approval_markers``: phrases that record the Helpdesk's agreement, matched without
    regard to case in the subject and the new text of the body (default "Helpdesk
    approved", "approved by the Helpdesk", "agreed with the Helpdesk", "checked with the
    Helpdesk").

Known gaps:
    The files inside an archive are not counted on their own (what is sent is the archive,
    and its size is what is compared). The marker is taken on trust: nothing checks with the
    Helpdesk that it really agreed.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Evidence, Hit
from ..base import Rule, RuleInput
from ._helpers import file_kind, human_size, top_level_files

__all__ = ["RULE"]


def _approved(inputs: RuleInput) -> bool:
    markers = [m.lower() for m in inputs.options["approval_markers"] if m.strip()]
    message = inputs.message
    haystack = f"{message.subject}\n{message.body.new_text}".lower()
    return any(marker in haystack for marker in markers)


def check(inputs: RuleInput) -> Iterator[Hit]:
    limit = int(inputs.options["max_bytes"])
    large = [(w, a) for w, a in top_level_files(inputs.message) if a.size > limit]
    if not large or _approved(inputs):
        return
    evidence = tuple(
        Evidence("ATTACHMENT", where, f"{file_kind(a)}, {human_size(a.size)}") for where, a in large
    )
    files = "An attached file is" if len(large) == 1 else f"{len(large)} attached files are"
    yield Hit(
        message=f"{files} larger than {human_size(limit)}; the policy asks you to check with "
        "the Helpdesk before sending files that large.",
        fix="Check with the Helpdesk first: they may suggest another way to share the file. If "
        "they agree, say so in the email (for example 'Helpdesk approved') and send again.",
        evidence=evidence,
    )


RULE = Rule(
    name="attachment-over-size-limit",
    summary="An attached file over the size limit, without the Helpdesk's agreement.",
    check=check,
    options={
        "max_bytes": {"type": "integer", "minimum": 1},
        "approval_markers": {"type": "array", "items": {"type": "string"}},
    },
    defaults={
        "max_bytes": 20_000_000,
        "approval_markers": (
            "Helpdesk approved",
            "approved by the Helpdesk",
            "agreed with the Helpdesk",
            "checked with the Helpdesk",
        ),
    },
)
