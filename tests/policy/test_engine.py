"""Engine semantics from DESIGN: action order, verdict, audit-only, override, encrypt→block."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from types import MappingProxyType

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mailwarden.engine import evaluate
from mailwarden.message.model import Address, Body, BodySection, Envelope, Message, SectionKind
from mailwarden.policy.actions import Action, strongest
from mailwarden.policy.context import Context
from mailwarden.policy.findings import Finding, Verdict
from mailwarden.policy.loader import load_pack
from mailwarden.policy.pack import Binding

NOW = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
NHS = "999 123 4578"


def _message(
    subject: str, body: str = "Hello,\n\nSee you on Thursday.", to: str = "x.example"
) -> Message:
    text = body
    sender = Address("Alex Officer", "a.officer", "norfolk.gov.uk")
    recipient = Address("Intake", "intake", to)
    return Message(
        source_format="eml",
        envelope=Envelope(sender, (recipient,)),
        from_=(sender,),
        to=(recipient,),
        subject=subject,
        body=Body(text=text, sections=(BodySection(SectionKind.NEW, 0, len(text)),)),
    )


def _finding(action: Action, **flags: bool) -> Finding:
    return Finding("r", "C-1", ("C-1",), action, "m", "f", **flags)


def test_actions_are_ordered_weakest_first() -> None:
    order = [
        Action.ALLOW,
        Action.ADVISE,
        Action.WARN,
        Action.ENCRYPT,
        Action.QUARANTINE,
        Action.BLOCK,
    ]
    assert sorted(order, key=lambda a: a.rank) == order


@pytest.mark.parametrize(
    ("actions", "verdict"),
    [
        ([], Action.ALLOW),
        ([Action.ADVISE], Action.ALLOW),
        ([Action.ADVISE, Action.WARN], Action.WARN),
        ([Action.ENCRYPT, Action.WARN], Action.ENCRYPT),
        ([Action.BLOCK, Action.QUARANTINE, Action.ENCRYPT], Action.BLOCK),
    ],
)
def test_verdict_is_the_strongest_action_ignoring_advice(
    actions: list[Action], verdict: Action
) -> None:
    assert strongest(actions) is verdict
    assert Verdict(tuple(_finding(a) for a in actions)).action is verdict


def test_audit_only_findings_do_not_count_but_show_in_would_be() -> None:
    verdict = Verdict((_finding(Action.WARN), _finding(Action.BLOCK, audit_only=True)))
    assert verdict.action is Action.WARN and verdict.would_be is Action.BLOCK
    assert verdict.to_dict("s")["would_be"] == "block"
    assert "would_be" not in Verdict((_finding(Action.WARN),)).to_dict("s")


def test_only_a_warn_verdict_can_be_overridden() -> None:
    assert Verdict((_finding(Action.WARN),)).override_allowed
    assert not Verdict((_finding(Action.ENCRYPT),)).override_allowed
    assert Verdict((_finding(Action.WARN, overridden=True),)).action is Action.ALLOW


def test_override_marks_warn_findings_only() -> None:
    pack = load_pack("norfolk")
    warn_subject = tuple(
        replace(b, action=Action.WARN) if b.rule == "personal-data-in-subject" else b
        for b in pack.bindings
    )
    message = _message(f"Referral NHS {NHS}", to="care-provider.example")
    context = Context(now=NOW, override=True)
    verdict = evaluate(message, replace(pack, bindings=warn_subject), context)
    by_rule = {f.rule: f for f in verdict.findings}
    assert by_rule["personal-data-in-subject"].overridden
    assert not by_rule["personal-data-to-external-recipient"].overridden
    assert verdict.action is Action.ENCRYPT


def test_encrypt_becomes_block_without_a_route_and_says_why() -> None:
    pack = replace(load_pack("norfolk"), encryption_route=None)
    message = _message(
        "Referral",
        body=f"Amelia Kowalczyk, NHS number {NHS}, is referred.",
        to="care-provider.example",
    )
    verdict = evaluate(message, pack, Context(now=NOW))
    finding = next(f for f in verdict.findings if f.rule == "personal-data-to-external-recipient")
    assert finding.action is Action.BLOCK and "no encryption route" in finding.message


def test_pack_audit_only_keeps_findings_and_allows() -> None:
    pack = replace(load_pack("norfolk"), audit_only=True)
    verdict = evaluate(_message(f"Referral NHS {NHS}"), pack, Context(now=NOW))
    assert verdict.findings and all(f.audit_only for f in verdict.findings)
    assert verdict.action is Action.ALLOW and verdict.would_be is Action.BLOCK


def test_a_binding_cites_its_clauses_and_options_reach_the_rule() -> None:
    pack = load_pack("norfolk")
    subject = next(b for b in pack.bindings if b.rule == "personal-data-in-subject")
    off = replace(subject, options=MappingProxyType({"types": ["UK_NINO"]}))
    others = tuple(b for b in pack.bindings if b is not subject)
    verdict = evaluate(
        _message(f"Referral NHS {NHS}"), replace(pack, bindings=(off, *others)), Context(now=NOW)
    )
    assert not [f for f in verdict.findings if f.rule == "personal-data-in-subject"]
    plain = evaluate(_message(f"Referral NHS {NHS}"), pack, Context(now=NOW))
    assert isinstance(subject, Binding)
    assert [f.clauses for f in plain.findings if f.rule == subject.id] == [subject.clauses]


def test_receive_direction_runs_no_send_rules() -> None:
    verdict = evaluate(
        _message(f"Referral NHS {NHS}"), load_pack("norfolk"), Context(now=NOW, direction="receive")
    )
    assert verdict.findings == ()


def test_context_needs_an_aware_clock() -> None:
    with pytest.raises(ValueError, match="aware"):
        Context(now=dt.datetime(2026, 3, 2))


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=200
)


@given(subject=_TEXT, body=_TEXT)
@example(subject="\xa0Zę𢐛Wì𑐓œ𬹡A", body="")  # only a no-break space before a capitalised word
def test_evaluation_is_deterministic_and_evidence_is_masked(subject: str, body: str) -> None:
    pack = load_pack("telford")
    message = _message(
        subject + f" {NHS}", body=body + f"\nDOB 14/06/2011 NHS {NHS}", to="care-provider.example"
    )
    first = evaluate(message, pack, Context(now=NOW))
    second = evaluate(message, pack, Context(now=NOW))
    assert first == second
    for finding in first.findings:
        for item in finding.evidence:
            assert NHS not in item.masked and "14/06/2011" not in item.masked
        assert NHS not in finding.message + finding.fix
