"""RTF documents (and RTF bodies handed over as files) to text with striprtf.

RTF is 7-bit text with escapes; striprtf is regex-based and can be slow on crafted input,
so it runs in the worker like the other document parsers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from striprtf import striprtf

from .outcome import Extracted, TextSink

__all__ = ["extract_rtf"]

_rtf_to_text = cast(Callable[..., str], striprtf.rtf_to_text)


def extract_rtf(data: bytes, sink: TextSink) -> Extracted:
    """The document's text; code-page escapes are decoded by striprtf."""
    sink.add(_rtf_to_text(data.decode("latin-1"), errors="replace"))
    return Extracted()
