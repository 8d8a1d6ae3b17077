"""Contractual commitment: accepting a quote, placing an order or instructing work acts;
asking for, considering, negating, qualifying or citing those words does not."""

from __future__ import annotations

import pytest

from mailwarden.detectors.conduct import contractual_commitment

from .helpers import assert_fires, assert_not_acted_on


@pytest.mark.parametrize(
    ("text", "span", "subkind"),
    [
        (
            "Thanks Dave, we accept your quote of 3 May for the boiler.",
            "we accept your quote",
            "acceptance",
        ),
        ("Please proceed with the order as discussed.", "Please proceed with the order", "order"),
        (
            "I confirm we will purchase 20 licences at the price quoted.",
            "I confirm we will purchase",
            "order",
        ),
        (
            "This email constitutes acceptance of your offer.",
            "This email constitutes acceptance",
            "acceptance",
        ),
        ("Go ahead and invoice us for the fencing.", "Go ahead and invoice us for", "instruction"),
        (
            "We are pleased to accept your tender for the grounds maintenance contract.",
            "We are pleased to accept your tender",
            "acceptance",
        ),
        (
            "Please treat this email as our formal order.",
            "Please treat this email as our formal order",
            "acceptance",
        ),
        (
            "We would like to place an order for 40 chairs.",
            "We would like to place an order",
            "order",
        ),
        (
            "I agree to your terms and conditions.",
            "I agree to your terms and conditions",
            "acceptance",
        ),
        (
            "You can start the works on Monday; please invoice us for the first phase.",
            "You can start the works on",
            "instruction",
        ),
        (
            "We hereby accept the quotation dated 12 June.",
            "We hereby accept the quotation dated",
            "acceptance",
        ),
        (
            "We’re happy to go ahead with your proposal.",
            "We’re happy to go ahead with your proposal",
            "acceptance",
        ),
    ],
)
def test_commitments_are_acted_on(text: str, span: str, subkind: str) -> None:
    assert_fires(contractual_commitment, text, span, subkind)


@pytest.mark.parametrize(
    "text",
    [
        "We will consider your quote at the panel on Thursday.",
        "Could you send a quote for the replacement windows?",
        "Subject to contract, we accept your quote and will send the paperwork.",
        "We cannot accept your quote as it exceeds the budget.",
        "Do not accept the quote until finance approve it.",
        "Shall we accept your quote or wait for the other two?",
        'The guide warns that a line such as "we accept your quote" can form a contract.',
        "Once the purchase order has been raised, please proceed with the order.",
        "We accept your quote, pending approval by the Head of Procurement.",
        "Three quotes were received; the lowest was from Acme Fencing Ltd.",
        "Please see the attached purchase order request form for sign-off.",
        "I agree to the terms of reference for the working group.",
        "We accept your offer of a meeting next week.",
        "If we accept your quote, when could you start?",
        "Can I check whether we accept your terms before the deadline?",
        "Please go ahead and book the room for the case conference.",
        "We'll take it from here, thanks for your help.",
        "Please start work on the draft report this week.",
        "Please proceed with the work on the data protection impact assessment.",
        "I confirm we will proceed with the consultation in June.",
        "We confirm the order of business for Thursday's committee.",
        "I'm happy to go ahead, let me know when you've spoken to Legal.",
        "I accept your proposal to meet on Tuesday.",
        "Pay deal agreed at the joint negotiating committee.",
    ],
)
def test_procurement_mail_that_commits_no_one_is_not_acted_on(text: str) -> None:
    assert_not_acted_on(contractual_commitment, text)


def test_the_span_is_the_cue() -> None:
    text = "Hi Sam,\n\nFollowing our call: we accept your quotation.\n\nRegards"
    (signal,) = contractual_commitment(text)
    assert (signal.start, signal.end) == (text.index("we accept"), text.index("."))
    assert signal.kind == "contractual_commitment"
    assert signal.subkind == "acceptance"
