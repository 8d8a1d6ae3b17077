"""CREDENTIAL: labelled passwords and PINs, account against file passwords, login pairs,
keys by issuer and by entropy, sentences about passwords that give none, masks, and
properties. Keys are assembled from pieces here so no test file holds a key-shaped string."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect, mask
from mailwarden.detectors.core import Detectors
from mailwarden.detectors.generic.credential import DETECTOR, entropy


def credentials(text: str, min_score: float | None = None) -> list[tuple[str, str | None]]:
    return [
        (text[e.start : e.end], e.subtype)
        for e in detect(text, min_score=min_score)
        if e.type is EntityType.CREDENTIAL
    ]


ACCOUNT = "account_password"
FILE = "file_password"
PIN = "pin"
KEY = "api_key"


@pytest.mark.parametrize(
    ("text", "value", "subtype"),
    [
        ("my password is Summer2024!", "Summer2024!", ACCOUNT),
        ("Password: Tulip42", "Tulip42", ACCOUNT),
        ("password=Xy7kq9zz", "Xy7kq9zz", ACCOUNT),
        ("Password - Tulip42", "Tulip42", ACCOUNT),
        ("Password:\n  Tulip42", "Tulip42", ACCOUNT),  # value on the next line
        ("username: jsmith password: Xy7#kq9!", "Xy7#kq9!", ACCOUNT),
        ("My wifi password is sunshine", "sunshine", ACCOUNT),
        ("password for the e-mail account is Pa55word", "Pa55word", ACCOUNT),
        ("The password is now Tulip42.", "Tulip42", ACCOUNT),
        ('my password is "Summer 2024"', "Summer 2024", ACCOUNT),  # quoted, with a space
        ("memorable word: Rosebud", "Rosebud", ACCOUNT),
        ("Your login details are: jsmith / Summer2024!", "Summer2024!", ACCOUNT),
        ("Login credentials: jsmith, Summer2024!", "Summer2024!", ACCOUNT),
        ("The password for the attachment is Tulip42.", "Tulip42", FILE),
        ("Password to open the file: Bluebell#7", "Bluebell#7", FILE),
        ("the password for the spreadsheet is Tulip42", "Tulip42", FILE),
        ("The zip is encrypted; password: Tulip42", "Tulip42", FILE),
        ("Please find the report attached. The password is Tulip42", "Tulip42", FILE),
        ("PIN: 1234", "1234", PIN),
        ("my PIN is 4821", "4821", PIN),
        ("PIN number - 482193", "482193", PIN),
        ("Passcode: 123456", "123456", PIN),
        ("Email jo@example.com.\nHer password is Tulip42!", "Tulip42!", ACCOUNT),
    ],
)
def test_labelled_secrets(text: str, value: str, subtype: str) -> None:
    assert credentials(text) == [(value, subtype)]


AWS = "AKIA" + "IOSFODNN7" + "EXAMPLE"
GITHUB = "ghp" + "_" + "A1b2C3d4" * 4 + "E5f6"
GITHUB_FINE = "github" + "_pat_" + "11ABCDEFG0" * 3 + "xyz"
GITLAB = "glpat" + "-" + "Ab3De6Gh9Jk2Mn5Pq8St"
SLACK = "xox" + "b-" + "1234567890-abcdefghij"
STRIPE = "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
GOOGLE = "AIza" + "Sy" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6q"
NPM = "npm" + "_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
JWT = "eyJ" + "hbGciOiJIUzI1NiJ9" + ".eyJ" + "zdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N"
OPENAI = "sk" + "-proj-" + "Ab3De6Gh9Jk2Mn5Pq8StUv"
PEM = (
    "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAxyz\nabc123==\n"
    "-----END " + "RSA PRIVATE KEY-----"
)


@pytest.mark.parametrize(
    "key",
    [AWS, GITHUB, GITHUB_FINE, GITLAB, SLACK, STRIPE, GOOGLE, NPM, JWT, OPENAI, PEM],
)
def test_keys_by_issuer(key: str) -> None:
    assert credentials(f"Here it is: {key} thanks") == [(key, KEY)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("api key: 9f8e7d6c5b4a39281706f5e4d3c2b1a0", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
        ('"client_secret": "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg"', "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg"),
        ("Authorization: Bearer 4f7a1c9e2b8d6f3a0c5e", "4f7a1c9e2b8d6f3a0c5e"),
        ("token=Qw3rTy9UiOp2AsDf7GhJ", "Qw3rTy9UiOp2AsDf7GhJ"),
    ],
)
def test_high_entropy_value_after_a_key_label(text: str, value: str) -> None:
    assert credentials(text) == [(value, KEY)]


@pytest.mark.parametrize(
    "text",
    [
        "the password is required",
        "Your password is incorrect.",
        "Password: ********",
        "password: [redacted]",
        "Password: <your password>",
        "password protected spreadsheet",
        "password reset link sent",
        "Please reset your password today",
        "The password will be sent separately.",
        "password policy: 12 characters",
        "e.g. password: Summer2024!",  # an example, lowered
        "pin 12",  # too short
        "spin 1234",  # not the word PIN
        "token: aaaaaaaaaaaaaaaaaaaa",  # no entropy
        "token of our thanks for everything",
        "api key: documentation-for-everyone",  # no digits
        "AKIA123",  # too short for the issuer shape
        "xAKIAIOSFODNN7EXAMPLE",  # part of a longer word
    ],
)
def test_not_acted_on(text: str) -> None:
    assert credentials(text) == []


def test_example_is_reported_below_the_threshold() -> None:
    assert credentials("e.g. password: Summer2024!", min_score=0.0) == [("Summer2024!", ACCOUNT)]


def test_scores_and_explanation() -> None:
    (plain,) = detect("Password: sunshine")
    (made_up,) = detect("Password: Tulip42")
    (owned,) = detect("my password is Tulip42")
    (weak,) = detect("password Tulip42!")
    assert plain.score == 0.6
    assert made_up.score == 0.8
    assert owned.score == 1.0
    assert 0.6 <= weak.score < 0.8
    assert owned.explanation.pattern == "after 'password'"
    assert "my" in owned.explanation.raised_by
    (file_password,) = detect("The password for the attachment is Tulip42.")
    assert file_password.explanation.note == "a file is named (attachment)"


def test_span_is_the_secret_only() -> None:
    text = "username: jsmith password: Xy7#kq9!."
    (entity,) = detect(text)
    assert text[entity.start : entity.end] == "Xy7#kq9!"
    assert mask(entity, text) == "[redacted]"


def test_prefilter_finds_what_the_exact_pattern_finds() -> None:
    text = (
        f"my password is Summer2024! and PIN: 4821; key {AWS}, {GITHUB}\n"
        "The password for the attachment is Tulip42. api key: 9f8e7d6c5b4a39281706f5e4d3c2b1a0"
    )
    fast = Detectors([DETECTOR]).detect(text, min_score=0.0)
    slow = Detectors([DETECTOR], use_hyperscan=False).detect(text, min_score=0.0)
    assert fast == slow
    assert len(fast) == 6


def test_entropy() -> None:
    assert entropy("") == 0.0
    assert entropy("aaaa") == 0.0
    assert entropy("abcd") == 2.0


passwords = st.from_regex(r"[A-Z][a-z]{3,8}[0-9]{2,4}[!#$%]", fullmatch=True)


@given(
    passwords,
    st.sampled_from(["my password is {}", "Password: {}", "username: jsmith password: {}"]),
)
def test_every_generated_account_password_is_found(password: str, template: str) -> None:
    assert credentials(template.format(password)) == [(password, ACCOUNT)]


@given(
    passwords,
    st.sampled_from(
        [
            "The password for the attachment is {}",
            "Password to open the spreadsheet: {}",
            "the document password is {}",
        ]
    ),
)
def test_every_generated_file_password_is_a_file_password(password: str, template: str) -> None:
    assert credentials(template.format(password)) == [(password, FILE)]


@given(st.from_regex(r"[0-9]{4,8}", fullmatch=True))
def test_every_pin_is_found(pin: str) -> None:
    assert credentials(f"my PIN is {pin}.") == [(pin, PIN)]


@given(passwords)
def test_mask_never_contains_the_raw_value(password: str) -> None:
    text = f"Password: {password}"
    for entity in detect(text):
        assert password not in mask(entity, text)


@pytest.mark.parametrize("separator", [" = '", ": ", " => ", " is "])
def test_a_two_word_key_label_is_proposed(separator: str) -> None:
    text = f"the Secret key{separator}9f8e7d6c5b4a39281706f5e4d3c2b1a0'"
    fast = Detectors([DETECTOR]).detect(text, min_score=0.0)
    slow = Detectors([DETECTOR], use_hyperscan=False).detect(text, min_score=0.0)
    assert fast == slow
    assert [text[e.start : e.end] for e in fast] == ["9f8e7d6c5b4a39281706f5e4d3c2b1a0"]
