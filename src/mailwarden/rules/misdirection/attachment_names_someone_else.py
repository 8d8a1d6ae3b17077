"""An attached file about a different person or case from the one the mail is about.

What it flags:
    An attached file with personal data (an identifier or special category, or a case
    reference of the pack's ``case_id_patterns``) about a person or case the mail names
    nowhere (subject, body with the quoted thread, recipients' names; the sender's own
    signature does not count), when the mail itself is about someone. A file is accounted
    for when the mail gives the person in it (surname, or initials as in "JS was seen") or
    its case reference: the two stand side by side on a form, and anyone in the file with
    the same surname (a parent or carer) is family. A file the mail names nobody to compare
    with, a list naming many people, or a file of names alone (a rota) is not flagged.

Clauses:
    NCC-E7 ("You must always check that attachments containing personal information are
    correct"), also NCC-E2 ("The attachments are correct"). Warn: the sender opens the file
    and checks it before sending.

Why:
    "It is easy to attach the wrong document to an email and this could result in personal
    information being disclosed in error" (Norfolk, item 7). The wrong file is usually the
    right kind of document for the wrong person: last week's plan, the neighbouring file in
    the folder. The mail says whom it is about; the file should agree.

Fires:
    "Please find attached the plan for Jayden Morris (LCS 4417210)" with a plan for another
    child under another LCS number.

Passes:
    The same mail with Jayden's plan attached; "the referral form (LCS 4417210)" with his
    form, which names him and his mother; a file naming only the sender and the recipient;
    a register of many names (left to the bulk personal data rule).

Options:
    ``max_unmatched_people``: more unmatched names than this in one file reads as a list, not
    a mix-up (default 5). ``min_score``: the weakest signal that warns (default 0.5; a file
    not accounted for scores 0.8 with a case reference, 0.75 with names only, when the mail
    names someone; 0.45 when the mail names no one, 0.3 for others beside the right
    person). ``min_messages`` and ``min_days`` are accepted for symmetry but this
    signal needs no history: it runs during the learning period and without a store.

Known gaps:
    Names are matched by surname (or a single name), so the wrong file about a namesake of
    the right family passes; a mail that names nobody ("Please find the form attached") gives
    nothing to compare the file with, so the wrong file there passes; a file with no
    extractable text (a scan) says nothing; a case reference format the pack does not list
    is not compared.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Evidence, Hit
from ...recipients.signals import SignalKind
from ..base import Rule, RuleInput
from ._helpers import HISTORY_DEFAULTS, HISTORY_OPTIONS, signals_for

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    signals = signals_for(inputs, (SignalKind.ATTACHMENT_MISMATCH,))
    if not signals:
        return
    reasons: list[str] = []
    evidence: list[Evidence] = []
    for signal in signals:
        reasons.extend(r for r in signal.reasons if r not in reasons)
        evidence.extend(Evidence(kind, signal.where, masked) for kind, masked in signal.evidence)
    files = "An attached file is" if len(signals) == 1 else f"{len(signals)} attached files are"
    yield Hit(
        message=f"{files} about someone the message does not mention. {' '.join(reasons)}",
        fix="Open each attachment flagged and check it is the right document for this "
        "person and these recipients before sending; replace it if it is not.",
        evidence=tuple(evidence[:20]),
    )


RULE = Rule(
    name="attachment-names-someone-else",
    summary="An attachment naming a person or case the message itself never mentions.",
    check=check,
    options={
        **HISTORY_OPTIONS,
        "max_unmatched_people": {"type": "integer", "minimum": 1},
    },
    defaults={**HISTORY_DEFAULTS, "max_unmatched_people": 5},
)
