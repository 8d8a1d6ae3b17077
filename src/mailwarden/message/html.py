"""HTML to plain text, keeping block boundaries as line breaks.

Detectors and the quoted-history splitter work line by line, so a paragraph, a table row or
a `<br>` must end a line, while inline markup (`Jane <b>Smith</b>`) must not split a name.
`selectolax` (the lexbor engine) parses tolerantly and fast; we only mark block ends.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

__all__ = ["html_to_text"]

_DROP = "script, style, head, title, template, noscript, svg"
_BLOCKS = (
    "p, div, br, li, tr, h1, h2, h3, h4, h5, h6, table, blockquote, pre, hr, "
    "section, article, header, footer, address, dt, dd, ul, ol"
)
_CELLS = "td, th"
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")
_BLANK_RUNS = re.compile(r"\n\s*\n(\s*\n)+")


def html_to_text(html: str) -> str:
    """Render `html` as text: one line per block, tabs between table cells, no markup."""
    if not html.strip():
        return ""
    tree = LexborHTMLParser(html)
    for node in tree.css(_DROP):
        node.decompose()
    for node in tree.css(_BLOCKS):
        node.insert_after("\n")
    for node in tree.css(_CELLS):
        node.insert_after("\t")
    root = tree.body or tree.root
    text = root.text(deep=True, separator="") if root is not None else ""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
