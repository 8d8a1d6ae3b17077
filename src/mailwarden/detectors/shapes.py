"""Pattern fragments shared by detectors, in the two dialects the scanner needs.

`*_SCAN` fragments go into Hyperscan prefilters, which run over a Latin-1 image of the text
where characters outside Latin-1 (an en dash, say) read as `?`; `*_EXACT` fragments go into
the Python patterns that decide. A separator may be a line break, because values wrap.
"""

from __future__ import annotations

__all__ = ["NOT_AFTER_WORD", "NOT_BEFORE_WORD", "SEP_EXACT", "SEP_SCAN", "WRAP"]

SEP_SCAN = r"[-?.]?[ \t\xa0]{0,2}(?:\r?\n[ \t]{0,8})?"
"""An optional separator between digit groups (prefilter: anything the exact form allows)."""

SEP_EXACT = r"(?:[ \t\u00a0]{1,2}|[-\u2010\u2011\u2013.]|\r?\n[ \t]{0,8})?"
"""An optional separator between digit groups: spaces, a dash, a dot, or a line break."""

NOT_AFTER_WORD = r"(?<![\w\-/.])"
"""No letter, digit, dash, slash or dot just before: not the tail of a longer code."""

NOT_BEFORE_WORD = r"(?![\w/]|[-.]\w)"
"""No letter, digit or slash just after, nor a dash or dot that continues the code."""

WRAP = r"[ \t]?\r?\n[ \t]{0,8}"
"""A line break inside a value, where a mail client wrapped it (for use beside a back-reference)."""
