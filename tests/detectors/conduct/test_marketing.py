"""Marketing material: a forwarded newsletter with selling words acts; one cue, or a
bulletin's footer without any offer, does not."""

from __future__ import annotations

import pytest

from mailwarden.detectors.conduct import marketing_material
from mailwarden.detectors.scoring import ACT

from .helpers import assert_fires, assert_not_acted_on

NEWSLETTER = (
    "---------- Forwarded message ----------\n"
    "View this email in your browser\n\n"
    "SUMMER SALE: up to 50% off garden furniture! Shop now - offer ends Sunday.\n"
    "T&Cs apply. You are receiving this email because you signed up at our store.\n"
    "Unsubscribe | Manage your preferences\n"
)


@pytest.mark.parametrize(
    "text",
    [
        NEWSLETTER,
        "View this email in your browser. 50% off everything! Shop now. Unsubscribe",
        "Flash sale - 30% off all kitchens, while stocks last. Unsubscribe here.",
        "Limited time offer: free delivery on orders over £40. Buy now.",
        "Black Friday deals: save up to 70%. Use code BF70 at checkout.",
        "Having trouble viewing this email? Exclusive offer for members: 20 per cent off.",
        "Don't miss out! Last chance to book your spa break. To stop receiving these emails, "
        "click here.",
        "Special offer on printer ink - order now, while stocks last.",
        "You're receiving this email because you subscribed. Cyber Monday: 40% off.",
        "New arrivals: shop now and enjoy free shipping on orders. Unsubscribe.",
    ],
)
def test_forwarded_marketing_is_acted_on(text: str) -> None:
    assert_fires(marketing_material, text)


@pytest.mark.parametrize(
    "text",
    [
        "To unsubscribe from the Council Bulletin, click here. View this email in your browser.",
        "Unsubscribe",
        "Please unsubscribe me from the planning alerts list.",
        "The supplier offered 10% off if we pay within 14 days; see the attached quote.",
        "Book now: places on the safeguarding training course are limited.",
        "Minutes: the chair noted the 5% increase in council tax.",
        "Your Norfolk newsletter: manage your preferences on the website.",
        "Please check out the new intranet pages.",
        "The checkout desk at the library will close at 4pm.",
        "Follow us on social media for service updates.",
        "We can opt out of the framework at the annual review.",
        "Enter the code from the Authenticator app. View this email in your browser.",
        "Don't miss out on the staff awards - book now!",
    ],
)
def test_bulletins_and_ordinary_mail_are_not_acted_on(text: str) -> None:
    assert_not_acted_on(marketing_material, text)


def test_a_footer_alone_is_held_below_the_threshold() -> None:
    (signal,) = marketing_material(
        "You are receiving this email because you signed up. Manage your preferences. "
        "Unsubscribe. View this email in your browser."
    )
    assert signal.score == 0.5 < ACT


def test_the_newsletter_is_one_signal_over_its_cues() -> None:
    (signal,) = marketing_material(NEWSLETTER)
    assert NEWSLETTER[signal.start : signal.end].startswith("View this email in your browser")
    assert NEWSLETTER[signal.start : signal.end].endswith("Manage your preferences")
    assert "shop now" in signal.cues
