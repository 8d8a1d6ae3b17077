"""Bytes and header words to text, tolerating the labels real mail carries.

Real mail lies about its charset (`us-ascii` over UTF-8, `ks_c_5601-1987`, `unknown-8bit`),
and the standard library raises `LookupError` on labels it does not know. Every function
here returns text and never raises: undecodable bytes become U+FFFD, counted by the caller
as a defect where it matters.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from functools import lru_cache

from charset_normalizer import from_bytes

__all__ = ["decode_bytes", "decode_header_value", "repair_surrogates"]

# Labels seen in real mail that Python does not know, mapped to the codec mail clients use.
_ALIASES = {
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "x-sjis": "shift_jis",
    "x-mac-roman": "mac_roman",
    "x-user-defined": "cp1252",
    "ansi_x3.4-1968": "ascii",
    "iso-8859-8-i": "iso-8859-8",
    "windows-874": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "ascii",
}
_UNKNOWN = frozenset({"", "unknown-8bit", "x-unknown", "unknown", "default", "charset", "8bit"})
_GUESS_LIMIT = 64 * 1024


@lru_cache(maxsize=256)
def _codec(label: str) -> str | None:
    """A codec name Python knows for `label`, or None."""
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    if name in _UNKNOWN:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode `data`, trusting the label only as far as the bytes agree with it.

    Order: the declared codec (strict), UTF-8 (strict; common under a wrong label),
    a statistical guess for larger unlabelled text, then the declared codec or cp1252
    with replacement.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    codec = _codec(declared or "")
    if codec == "ascii" and data.isascii():
        return data.decode("ascii")
    for candidate in (codec, "utf-8"):
        if candidate and candidate != "ascii":
            try:
                return data.decode(candidate)
            except (UnicodeDecodeError, LookupError):
                pass
    if codec is None and len(data) >= 32:
        guess = from_bytes(data[:_GUESS_LIMIT]).best()
        if guess is not None and guess.encoding:
            return data.decode(guess.encoding, "replace")
    fallback = codec if codec and codec != "ascii" else "cp1252"
    return data.decode(fallback, "replace")


def repair_surrogates(value: str) -> str:
    """Re-decode raw 8-bit header bytes the parser kept as surrogate escapes (RFC 6532 UTF-8)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raw = value.encode("ascii", "surrogateescape")
        return decode_bytes(raw)
    return value


_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,75})\?([bBqQ])\?([^?\s]{0,2000})\?=")
_BETWEEN_WORDS = re.compile(r"(\?=)[ \t\r\n]+(=\?)")
_FOLD = re.compile(r"\r?\n(?=[ \t])|\r(?=[ \t])")
_Q_HEX = re.compile(rb"=([0-9A-Fa-f]{2})")


def _decode_word(charset: str, encoding: str, text: str) -> str:
    label = charset.split("*", 1)[0]  # RFC 2231 language suffix
    if encoding in "bB":
        try:
            raw = base64.b64decode(text + "=" * (-len(text) % 4))
        except (binascii.Error, ValueError):
            return text
    else:
        raw = _Q_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), text.replace("_", " ").encode())
    return decode_bytes(raw, label)


def decode_header_value(value: str) -> str:
    """Unfold a header value and decode its RFC 2047 encoded words.

    The standard library's `decode_header` + `make_header` raise on unknown charsets and
    mangle the whitespace rules; this is one linear regex pass that does neither.
    """
    value = _FOLD.sub("", repair_surrogates(value))
    if "=?" not in value:
        return value.strip()
    value = _BETWEEN_WORDS.sub(r"\1\2", value)
    return _ENCODED_WORD.sub(
        lambda m: _decode_word(m.group(1), m.group(2), m.group(3)), value
    ).strip()
