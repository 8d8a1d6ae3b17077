"""Header values to `Address` values, with the registrable domain from a packaged list.

Rules compare domains (internal, secure partner, webmail, print service), so every address
carries a lower-cased Unicode domain and its registrable domain ("eTLD+1") computed from the
public suffix list shipped in the `publicsuffixlist` package: no network at run time.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from email.utils import getaddresses
from functools import lru_cache

from publicsuffixlist import PublicSuffixList

from ._charset import decode_header_value, repair_surrogates
from .model import Address

__all__ = ["make_address", "parse_addresses", "registrable_domain"]

_PSL = PublicSuffixList()
_MAX_ADDRESSES = 5000
_MAX_VALUE = 200_000
_ADDR_SPEC = re.compile(r"[^\s<>,;:\"()@]{1,256}@[^\s<>,;:\"()@]{1,256}")


def _split(values: list[str]) -> list[tuple[str, str]]:
    """The standard parser, or bare addr-specs when it recurses too deep on a hostile value."""
    try:
        return getaddresses(values)
    except (RecursionError, IndexError, ValueError):
        return [("", m.group(0)) for v in values for m in _ADDR_SPEC.finditer(v)]


@lru_cache(maxsize=4096)
def _normalise_domain(domain: str) -> str:
    domain = domain.strip().strip("[]").rstrip(".").lower()
    if "xn--" in domain:
        with contextlib.suppress(UnicodeError, ValueError):
            domain = domain.encode("ascii").decode("idna")
    return domain


@lru_cache(maxsize=4096)
def registrable_domain(domain: str) -> str:
    """`mail.norfolk.gov.uk` → `norfolk.gov.uk`; '' for a bare suffix or an IP literal."""
    if not domain or (domain[0].isdigit() and domain.replace(".", "").isdigit()):
        return ""
    return _PSL.privatesuffix(domain) or ""


def make_address(display_name: str, addr_spec: str) -> Address:
    """Build one Address; the local part is kept as written, the domain normalised."""
    local, at, domain = addr_spec.strip().strip("<>").rpartition("@")
    if not at:
        local, domain = domain, ""
    domain = _normalise_domain(domain)
    name = decode_header_value(display_name) if display_name else ""
    return Address(
        display_name=name.strip().strip('"').strip(),
        local_part=local,
        domain=domain,
        registrable_domain=registrable_domain(domain),
    )


def parse_addresses(values: Iterable[str]) -> tuple[Address, ...]:
    """Every address in some raw (undecoded) header values, in order.

    Addresses are split before encoded words are decoded, so a display name that decodes
    to "Doe, Jane" is not cut in two. Group syntax and empty entries are dropped.
    """
    raw = [repair_surrogates(v)[:_MAX_VALUE].replace("\r", " ").replace("\n", " ") for v in values]
    found: list[Address] = []
    for name, addr in _split(raw):
        if not addr:
            continue
        found.append(make_address(name, addr))
        if len(found) >= _MAX_ADDRESSES:
            break
    return tuple(found)
