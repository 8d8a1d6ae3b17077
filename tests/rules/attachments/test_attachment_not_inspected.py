"""attachment-not-inspected: encrypted files pass by default; a binding can change that."""

from __future__ import annotations

from dataclasses import replace

from mailwarden.engine import evaluate
from mailwarden.message.model import Attachment, Uninspected, UninspectedReason
from mailwarden.policy.context import Context
from mailwarden.policy.loader import load_pack

from ._build import MONDAY, message

TEXT = (
    "Hi Sam,\n\nThe figures are attached.\n\nKind regards,\n\nAlex Officer\nFinance Officer\n"
    "Norfolk County Council\nTel: 01632 960210\n"
)


def _actions(reason: UninspectedReason, actions: dict[str, str] | None = None) -> list[str]:
    locked = Attachment(
        "figures.zip", "application/zip", "application/zip", 4000, uninspected=Uninspected(reason)
    )
    msg = message(
        sender="alex.officer@norfolk.gov.uk",
        to=("sam.reid@norfolk.gov.uk",),
        text=TEXT,
        attachments=(locked,),
    )
    pack = load_pack("norfolk")
    if actions is not None:
        pack = replace(
            pack,
            bindings=tuple(
                replace(b, options={"actions": actions})
                if b.rule == "attachment-not-inspected"
                else b
                for b in pack.bindings
            ),
        )
    verdict = evaluate(msg, pack, Context(now=MONDAY))
    return [str(f.action) for f in verdict.findings if f.rule == "attachment-not-inspected"]


def test_encrypted_and_password_protected_pass_by_default() -> None:
    assert _actions(UninspectedReason.ENCRYPTED) == []
    assert _actions(UninspectedReason.PASSWORD_PROTECTED) == []


def test_a_binding_names_only_the_reasons_it_changes() -> None:
    assert _actions(UninspectedReason.ENCRYPTED, {"encrypted": "advise"}) == ["advise"]
    assert _actions(UninspectedReason.BOMB, {"encrypted": "advise"}) == ["quarantine"]
    assert _actions(UninspectedReason.BOMB, {"bomb": "none"}) == []
