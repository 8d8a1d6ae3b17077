"""The sender's own account password, PIN or access key, written into outgoing mail.

What it flags:
    A password for an account, a PIN or an API key in the subject, the new text of the body
    or an attached file ("my password is ...", "username: ... password: ...", "PIN: 4821").
    A password that opens an attached file is not flagged: it is only advised on
    (``advise_file_password``), to go by another channel.

Clauses:
    CCC-2.1e ("Disclosing your password to others").

Why:
    A password sent by email is kept in every mailbox it reaches, in the archive for years
    and in every forward; anyone who reads it can act as the sender. It cannot be taken
    back, so it is blocked before it leaves. A password for an encrypted attachment is the
    protection the policies ask for, not a disclosure, but it belongs in a separate message
    or a phone call, not beside the file it opens.

Fires:
    "While I'm on leave you can log in as me - my password is ..."

Passes:
    "The spreadsheet is encrypted; I'll phone you with the password." A password for the
    attached file in the same mail is advice only.

Options:
    ``subtypes``: the kinds of credential that count (default ``account_password``,
    ``pin``, ``api_key``).
    ``advise_file_password``: give advice when a password for an attached file is in the
    mail (default true).

Known gaps:
    A password written without a label or sentence around it ("Summer2026!" on a line of
    its own) is not found. Whose account it is cannot be known: someone else's password is
    flagged too (which the policy forbids as well, as using their account).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...detectors import EntityType
from ...message.model import SectionKind
from ...policy.actions import Action
from ...policy.findings import Hit
from .._common import evidence_of
from ..base import Rule, RuleInput
from ..facts import Located

__all__ = ["RULE"]

_SUBTYPES = ("account_password", "pin", "api_key")
_WRITTEN = ("subject", "attachment")


def _credentials(inputs: RuleInput) -> list[Located]:
    """Credentials in the subject, the new text or an attachment (not quoted history)."""
    return [
        e
        for e in inputs.facts.entities
        if e.type is EntityType.CREDENTIAL
        and (e.kind in _WRITTEN or (e.kind == "body" and e.section == SectionKind.NEW))
    ]


def check(inputs: RuleInput) -> Iterator[Hit]:
    wanted = set(inputs.options["subtypes"])
    found = _credentials(inputs)
    accounts = [e for e in found if e.entity.subtype in wanted]
    if accounts:
        kinds = sorted({_WORDS.get(e.entity.subtype or "", "a password") for e in accounts})
        yield Hit(
            message=f"This mail contains {' and '.join(kinds)} for an account; the policy "
            "forbids disclosing your password to others.",
            fix="Take it out of the mail. If anyone needs access to your work while you are "
            "away, ask ICT to give them delegate access instead. If the password has already "
            "been sent, change it now.",
            evidence=evidence_of(accounts),
        )
    files = [e for e in found if e.entity.subtype == "file_password"]
    if files and inputs.options["advise_file_password"]:
        yield Hit(
            message="This mail gives the password for an attached file in the same message; "
            "anyone who gets the mail can open the file.",
            fix="Send the password another way: by phone, by text message or in a separate email.",
            evidence=evidence_of(files),
            action=Action.ADVISE,
        )


_WORDS = {"account_password": "a password", "pin": "a PIN", "api_key": "an access key"}

RULE = Rule(
    name="account-credentials",
    summary="An account password, PIN or API key in outgoing mail.",
    check=check,
    options={
        "subtypes": {
            "type": "array",
            "items": {"enum": list(_SUBTYPES)},
            "uniqueItems": True,
        },
        "advise_file_password": {"type": "boolean"},
    },
    defaults={"subtypes": _SUBTYPES, "advise_file_password": True},
)
