"""Shared fixtures. The real corpus lives in ../shared beside the clone (CI has it; a user's
clone usually does not, and those tests then skip with the reason)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
REAL_CORPUS = REPO.parent / "shared" / "corpus" / "real"
SKIP_REASON = (
    "../shared/corpus/real not found: the real-corpus tests need the shared folder beside the clone"
)


def real_corpus_files(folder: str) -> list[Path]:
    """Files of one corpus folder, for parametrising at collection time ([] when absent)."""
    root = REAL_CORPUS / folder
    return sorted(p for p in root.iterdir() if p.is_file()) if root.is_dir() else []


@pytest.fixture(scope="session")
def real_corpus() -> Path:
    """The real corpus folder, or skip with a clear reason."""
    if not REAL_CORPUS.is_dir():
        pytest.skip(SKIP_REASON)
    return REAL_CORPUS


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite pinned expectations (tests/message/real_corpus.tsv) from what is read now",
    )
