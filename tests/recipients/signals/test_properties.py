"""Properties over every signal: reasons never carry a raw address, scores stay in 0-1."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mailwarden.recipients.signals import misdirection_signals

from .helpers import NORFOLK, NOW, history, message

_LOCAL = st.from_regex(r"[a-z]{2,8}(\.[a-z]{2,8})?", fullmatch=True)
_DOMAIN = st.sampled_from(
    ["norfolk.gov.uk", "norfolk.gov.uk.example", "gmail.com", "gmial.com", "nhs.net", "nhs.uk"]
)
_ADDRESS = st.builds(lambda lp, d: f"{lp}@{d}", _LOCAL, _DOMAIN)
_NAME = st.sampled_from(["", "Sarah Johnson", "Sarah Jones", "John Patel", "Patel, Anita"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_ADDRESS, _NAME), min_size=2, max_size=8, unique_by=lambda t: t[0]),
    st.lists(st.integers(0, 7), min_size=1, max_size=3),
    st.sampled_from(["Dear Sarah,", "Hi John", "Dear all,", "Hello Mrs Patel"]),
    st.booleans(),
)
def test_property_reasons_are_masked_and_scores_bounded(
    contacts: list[tuple[str, str]], picks: list[int], greeting: str, reply: bool
) -> None:
    past = history(
        [((c,), 10) for c in contacts[:-1]],
        threads=[("t1@norfolk.gov.uk", [contacts[0][0]])],
    )
    chosen = [contacts[i % len(contacts)] for i in picks]
    to = [f'"{n}" <{a}>' if n else a for a, n in dict(chosen).items()]
    headers = "In-Reply-To: <t1@norfolk.gov.uk>\nReferences: <t1@norfolk.gov.uk>" if reply else ""
    found = misdirection_signals(
        message(to, body=f"{greeting}\n\nNotes attached.\n", headers=headers),
        None,
        NORFOLK,
        past,
        now=NOW,
    )
    everyone = [a for a, _ in contacts]
    for signal in found:
        assert 0 <= signal.score <= 1
        assert signal.where.startswith(("recipient:", "attachment:"))
        for reason in signal.reasons:
            for address in everyone:
                assert address not in reason
                local = address.partition("@")[0]
                if "." in local:
                    assert local not in reason
