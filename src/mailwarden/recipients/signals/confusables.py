"""The skeleton of an address: what it looks like on screen, whatever characters spell it.

Two addresses with the same skeleton but different characters are a homoglyph lookalike:
`nоrfolk.gov.uk` with a Cyrillic `о`, `rnark@…` for `mark@…` (r + n reads as m),
`j0nes` for `jones`, `1ee` for `lee`. The skeleton folds case and compatibility forms
(NFKC), decodes IDNA labels (`xn--…`), drops accents, maps the Cyrillic and Greek letters
that look Latin onto them, and folds the look-alike digit and letter pairs and sequences.
It is a small hand-made table in the spirit of Unicode's confusables (UTS #39), covering
what fits in an email address, not the whole of Unicode.
"""

from __future__ import annotations

import contextlib
import unicodedata

__all__ = ["has_mixed_scripts", "skeleton"]

_LATIN_LOOKALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w", "γ": "y",
    # digits and letters that read alike
    "0": "o", "1": "l", "i": "l", "|": "l",
}  # fmt: skip
_SEQUENCES = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def _idna(domain: str) -> str:
    labels = []
    for label in domain.split("."):
        decoded = label
        if label.startswith("xn--"):
            with contextlib.suppress(UnicodeError):
                decoded = label.encode("ascii").decode("idna")
        labels.append(decoded)
    return ".".join(labels)


def skeleton(address: str) -> str:
    """The look of `address`: equal skeletons read the same on screen."""
    local, at, domain = address.rpartition("@")
    text = f"{local}{at}{_idna(domain)}" if at else address
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = "".join(_LATIN_LOOKALIKES.get(c, c) for c in text)
    for sequence, single in _SEQUENCES:
        text = text.replace(sequence, single)
    return text


def has_mixed_scripts(text: str) -> bool:
    """True when `text` mixes Latin letters with letters of another script (or is non-ASCII)."""
    scripts = set()
    for c in text:
        if c.isalpha():
            name = unicodedata.name(c, "")
            scripts.add(name.split(" ")[0] if name else "?")
    return len(scripts) > 1 or (bool(scripts) and "LATIN" not in scripts)
