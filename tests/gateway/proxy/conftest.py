"""A real, private Postfix with mailwarden SMTP proxies in its mail flow (no mock Postfix).

Without Postfix (or root) the end-to-end tests are skipped with the reason on a developer
machine and fail under CI (`CI=true`), where scripts/test has installed everything.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from ._topology import Topology, proxy_available, topology


@pytest.fixture(scope="session")
def proxied() -> Iterator[Topology]:
    reason = proxy_available()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the SMTP proxy's Postfix tests cannot run under CI: {reason}")
        pytest.skip(reason)
    with topology() as running:
        yield running
