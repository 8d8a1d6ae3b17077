"""missing-signature: the strict reading of contact details, and mail it leaves alone."""

from __future__ import annotations

from dataclasses import replace

from mailwarden.engine import evaluate
from mailwarden.message.model import AutoIndicators
from mailwarden.policy.context import Context
from mailwarden.policy.loader import load_pack

from ..attachments._build import MONDAY, message

NAME_AND_ROLE = (
    "Hello Dev,\n\nThe closure is approved.\n\nKind regards,\n\nMegan Price\n"
    "Highways Engineer, Neighbourhood Services\n"
)
WITH_PHONE = NAME_AND_ROLE + "Tel: 01632 960377\n"


def _hits(text: str, contact: str = "lenient", auto: bool = False) -> list[str]:
    msg = message(
        sender="megan.price@telford.gov.uk", to=("dev.patel@roadworks.example",), text=text
    )
    if auto:
        msg = replace(msg, auto=AutoIndicators(auto_submitted="auto-replied"))
    pack = load_pack("telford")
    bindings = tuple(
        replace(b, options={**b.options, "contact": contact})
        if b.rule == "missing-signature"
        else b
        for b in pack.bindings
    )
    verdict = evaluate(msg, replace(pack, bindings=bindings), Context(now=MONDAY))
    return [f.evidence[0].masked for f in verdict.findings if f.rule == "missing-signature"]


def test_name_and_role_pass_by_default() -> None:
    assert _hits(NAME_AND_ROLE) == []


def test_strict_contact_wants_a_phone_or_address() -> None:
    assert _hits(NAME_AND_ROLE, contact="strict") == ["missing: contact details"]
    assert _hits(WITH_PHONE, contact="strict") == []


def test_automatic_replies_are_left_alone() -> None:
    assert _hits("I am away until Monday.", auto=True) == []
    assert _hits("I am away until Monday.") == ["missing: name, role"]
