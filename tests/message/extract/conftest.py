"""Shared helpers for the extraction tests: contexts with small limits, one-call extraction."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from mailwarden.message.extract import shutdown_workers


@pytest.fixture(scope="module", autouse=True)
def _stop_workers() -> Iterator[None]:
    """Each module starts from no workers and leaves none behind."""
    shutdown_workers()
    yield
    shutdown_workers()
