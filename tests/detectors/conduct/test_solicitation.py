"""Commercial solicitation: staff selling their own goods or running a side business acts;
council services, sales and discounts do not."""

from __future__ import annotations

import pytest

from mailwarden.detectors.conduct import commercial_solicitation

from .helpers import assert_fires, assert_not_acted_on


@pytest.mark.parametrize(
    ("text", "subkind"),
    [
        ("I'm selling my car, £1,500 ono, if anyone is interested.", "selling"),
        ("My Avon catalogue is in the kitchen, orders by Friday please!", "side_business"),
        (
            "Tupperware party at mine on Saturday - my Tupperware catalogue is on my desk.",
            "side_business",
        ),
        ("Use discount code SUMMER10 on my Etsy shop for candles.", "side_business"),
        (
            "Book now for my Pilates classes in Dereham, mates rates for colleagues.",
            "side_business",
        ),
        ("DM me for prices on the cakes.", "selling"),
        (
            "Started a little side business doing wedding flowers - message me for prices.",
            "selling",
        ),
        (
            "Anyone interested in buying my old bike? Collection only, cash only, open to offers.",
            "selling",
        ),
        ("I am now an independent consultant for a skincare range, join my team!", "side_business"),
        ("Sofa for sale, only £80, collection only.", "selling"),
        (
            "I’m selling some raffle tickets for my own business launch, DM me for details.",
            "selling",
        ),
        (
            "I run a dog grooming business on Saturdays - I'm offering 15% off for colleagues.",
            "side_business",
        ),
        (
            "Portraits for your family: packages start at £90, book through my website.",
            "side_business",
        ),
    ],
)
def test_private_selling_is_acted_on(text: str, subkind: str) -> None:
    signals = commercial_solicitation(text)
    assert_fires(commercial_solicitation, text)
    assert max(signals, key=lambda s: s.score).subkind == subkind


@pytest.mark.parametrize(
    "text",
    [
        "The council's leisure centre offers a discount for residents with a Go card.",
        "The council has surplus land for sale at Thetford; see the committee report.",
        "Residents can use the discount code on the council's garden waste page.",
        "Our leisure centres have a discount code for NHS staff this month.",
        "Please raise a purchase order before the supplier can take orders from us.",
        "The Avon and Somerset Police liaison officer will attend.",
        "Bring your own Tupperware for the team lunch.",
        "I have written my own business case for the new post.",
        "Please send the invoices for sale of the surplus vehicles to Finance.",
        "The market traders' licence fees are due in April.",
        "Council tax discount for single occupiers: please check the form.",
        "The library service is selling withdrawn stock at the Millennium Library.",
        "I am selling this proposal to the board as a saving.",
        "Our cards are being printed for the new starters.",
        "I run a business continuity exercise for the depot every spring.",
        "Staff discount at the leisure centre is on the intranet.",
        "Message me if you need the room booking code.",
    ],
)
def test_council_business_is_not_acted_on(text: str) -> None:
    assert_not_acted_on(commercial_solicitation, text)


def test_span_and_cues() -> None:
    text = "Hi all, I'm selling my car, £1,500 ono."
    (signal,) = commercial_solicitation(text)
    assert text[signal.start : signal.end] == "I'm selling my car, £1,500 ono"
    assert signal.cues == (
        "(i'm|i am) selling (my|some|our)",
        "<money> (ono|o.n.o|or nearest offer)",
    )
