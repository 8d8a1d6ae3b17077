"""EMAIL_ADDRESS: addr-spec forms, Unicode, brackets and mailto, look-alikes that are not
addresses, masks, and properties over generated addresses. Every domain is a reserved example
domain or generated.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.generic.email_address import DETECTOR


def addresses(text: str, min_score: float | None = None) -> list[str]:
    return [
        text[e.start : e.end]
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.EMAIL_ADDRESS
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Email jo.smith@example.com today", "jo.smith@example.com"),
        ("jo@example.org", "jo@example.org"),
        ("Reply to JO.SMITH@EXAMPLE.CO.UK.", "JO.SMITH@EXAMPLE.CO.UK"),
        ("mailto:jo@example.org?subject=Hello", "jo@example.org"),
        ("<a href='mailto:jo@example.org'>", "jo@example.org"),
        ('"Jo Smith" <jo+tag@mail.example.co.uk>', "jo+tag@mail.example.co.uk"),
        ("Jo Smith <jo_smith-99@sub.example.net>", "jo_smith-99@sub.example.net"),
        ("(jo@example.com).", "jo@example.com"),
        ("'jo@example.com'", "jo@example.com"),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("jo@bücher.example", "jo@bücher.example"),  # Unicode domain
        ("Zoë@exämple.de", "Zoë@exämple.de"),  # Unicode local part
        ("用户@例子.广告", "用户@例子.广告"),  # all Unicode
        ("jo@xn--bcher-kva.example", "jo@xn--bcher-kva.example"),  # A-label
        ('"jo smith"@example.com', '"jo smith"@example.com'),  # quoted local part
        ("jo@[192.0.2.1]", "jo@[192.0.2.1]"),  # address literal
        ("https://example.com/?email=jo@example.com&a=1", "jo@example.com"),
        ("see jo@example.com: it works", "jo@example.com"),
        ("Is it jo@example.com?", "jo@example.com"),
        ("a.b-c@d-e.example.org", "a.b-c@d-e.example.org"),
    ],
)
def test_found_in_common_formats(text: str, value: str) -> None:
    assert addresses(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "https://user:secret@example.com/path",  # URL user part
        "ssh://git@host.example.com/repo.git",
        "git@github.com:org/repo.git",  # scp-style remote
        "logo@2x.png",  # image names
        "icon@1.5x.webp",
        "banner@hero.jpg",
        "styles@print.css",
        "jo@localhost",  # no dot in the domain
        "a@b.c",  # one-letter top-level label
        "jo..smith@example.com",  # empty atom
        ".jo@example.com",
        "jo@-example.com",  # label starts with a hyphen
        "jo@example.123",  # numeric top-level label
        "jo @ example.com",
        "jo@example.com-based",
        "@example.com",
        "x" * 65 + "@example.com",  # local part over 64
    ],
)
def test_look_alikes_are_not_addresses(text: str) -> None:
    assert addresses(text, min_score=0.0) == []


def test_two_addresses_in_a_list() -> None:
    text = "To: jo@example.com, al@example.org;sam@example.net"
    assert addresses(text) == ["jo@example.com", "al@example.org", "sam@example.net"]


def test_distinctive_without_context_and_raised_with_it() -> None:
    (bare,) = detect("jo@example.com")
    assert 0.6 <= bare.score < 0.85
    (raised,) = detect("Her email address is jo@example.com")
    assert raised.score >= 0.85
    assert "email address" in raised.explanation.raised_by
    (mailto,) = detect("mailto:jo@example.com")
    assert "mailto:" in mailto.explanation.raised_by or "mailto" in mailto.explanation.raised_by


def test_explanation_names_the_form() -> None:
    (entity,) = detect("jo@bücher.example")
    assert entity.explanation.detector == "generic.email_address"
    assert "Unicode domain" in entity.explanation.pattern


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("jo.smith@example.com", "j***@example.com"),
        ("JO@EXAMPLE.COM", "J***@example.com"),
        ('"jo smith"@example.com', '"***@example.com'),
    ],
)
def test_mask_keeps_the_first_character_and_the_domain(text: str, masked: str) -> None:
    (entity,) = detect(text)
    assert mask(entity, text) == masked


def test_prefilter_finds_what_the_exact_pattern_finds() -> None:
    text = (
        'Jo <jo@example.com>, "a b"@example.org, Zoë@exämple.de, mailto:x_y@example.net '
        "and git@github.com:o/r plus logo@2x.png, 用户@例子.广告"
    )
    fast = Detectors([DETECTOR]).detect(text, min_score=0.0)
    slow = Detectors([DETECTOR], use_hyperscan=False).detect(text, min_score=0.0)
    assert fast == slow
    assert len(fast) == 5


atom = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=12)
local_parts = st.lists(atom, min_size=1, max_size=3).map(".".join)
labels = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
domains = st.builds(
    lambda labs, top: ".".join([*labs, top]),
    st.lists(labels, min_size=1, max_size=3),
    st.sampled_from(["example", "test", "invalid", "uk", "org", "com", "gov.uk"]),
)
generated = st.builds(lambda local, domain: f"{local}@{domain}", local_parts, domains)


@given(generated, st.sampled_from(["Contact {} please", "<{}>", "mailto:{}", "({})", "{}."]))
def test_every_generated_address_is_found(address: str, template: str) -> None:
    assert addresses(template.format(address)) == [address]


@given(generated)
def test_mask_never_contains_the_raw_local_part(address: str) -> None:
    text = f"Write to {address}"
    (entity,) = detect(text)
    masked = mask(entity, text)
    local = address.split("@", maxsplit=1)[0]
    assert masked.startswith(local[0] + "***@")
    if len(local) > 1:
        assert local not in masked.split("@")[0]
