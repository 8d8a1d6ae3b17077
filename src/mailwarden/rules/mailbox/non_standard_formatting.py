"""HTML mail not in the house style: a font other than Arial, a size other than 12pt, or a
coloured or patterned background.

What it flags:
    In the sender's own part of an HTML mail (above any quoted or forwarded message), text
    whose font is not one of ``fonts`` or whose size is not ``size_pt`` points, and
    backgrounds that are not plain white (a ``bgcolor``, a ``background-color`` or a
    background image on the page, a table, a cell or a block). 12pt may be written as
    12pt, 16px, ``medium`` or ``<font size="3">``. Plain-text mail always passes.

Clauses:
    NCC-E11 ("You must use a plain background, Arial 12pt font ... on all emails, including
    replies").

Why:
    Norfolk asks for one plain, readable style: "This ensures that all emails present a
    professional image and comply with the standards for accessibility". Stationery,
    coloured backgrounds and small or decorative fonts are harder to read, above all for
    people with low vision or dyslexia. Text left in the mail client's default font is not
    judged (the default is the reader's choice), nor is the quoted history (another
    writer's style).

Fires:
    A reply typed in Calibri 11pt, or a mail on pale-yellow stationery.

Passes:
    ``<p style="font-family:Arial,sans-serif;font-size:12pt">`` on a white page; any
    plain-text mail.

Options:
    ``fonts``: the fonts allowed, by name, first in the font list (default Arial).
    ``size_pt``: the text size in points (default 12).

Known gaps:
    Style sheets are read for simple selectors only (``p``, ``.MsoNormal``,
    ``p.MsoNormal``); sizes in em or % are taken as correct, since they depend on the
    reader's default. Highlighted words (a background on a span) are not a page background
    and are allowed. Signatures are held to the same style as the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ...policy.findings import Evidence, Hit
from .._common import listed
from ..base import Rule, RuleInput

__all__ = ["RULE"]

_MAX_TEXT_NODES = 5000
_HISTORY_IDS = frozenset({"divrplyfwdmsg", "appendonsend", "stopspelling", "olk_src_body_section"})
_HISTORY_CLASSES = frozenset(
    {"gmail_quote", "gmail_attr", "moz-cite-prefix", "yahoo_quoted", "outlookmessageheader"}
)
_BLOCKS = frozenset(
    {"body", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "div", "p", "center"}
)
_FONT_ATTR_PT = {"1": 7.5, "2": 10.0, "3": 12.0, "4": 13.5, "5": 18.0, "6": 24.0, "7": 36.0}
_KEYWORD_PT = {
    "xx-small": 7.0,
    "x-small": 7.5,
    "small": 10.0,
    "medium": 12.0,
    "large": 13.5,
    "x-large": 18.0,
    "xx-large": 24.0,
}
_ABSOLUTE = re.compile(r"^([0-9]*\.?[0-9]+)\s*(pt|px|pc|in|cm|mm)$")
_UNIT_PT = {"pt": 1.0, "px": 0.75, "pc": 12.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4}
_WHITE = frozenset(
    {
        "#fff",
        "#ffffff",
        "white",
        "window",
        "transparent",
        "none",
        "inherit",
        "initial",
        "unset",
        "rgb(255,255,255)",
        "rgba(255,255,255,1)",
    }
)
_BACKGROUND_WORDS = frozenset(
    {
        "repeat",
        "no-repeat",
        "repeat-x",
        "repeat-y",
        "scroll",
        "fixed",
        "local",
        "center",
        "top",
        "bottom",
        "left",
        "right",
        "auto",
        "cover",
        "contain",
        "padding-box",
        "border-box",
        "content-box",
    }
)
_RULE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")
_AT_BLOCK = re.compile(r"@[\w-]+[^{;]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}|@[\w-]+[^{;]*;")
_COMMENT = re.compile(r"/\*.*?\*/|<!--|-->", re.S)
_SIMPLE = re.compile(r"^([a-z][a-z0-9]*)?(?:\.([\w-]+))?$|^\*$")


@dataclass(frozen=True, slots=True)
class _StyleRule:
    tag: str | None
    cls: str | None
    declarations: Mapping[str, str]

    def matches(self, tag: str, classes: frozenset[str]) -> bool:
        return (self.tag is None or self.tag == tag) and (self.cls is None or self.cls in classes)


def _declarations(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in text.split(";"):
        name, colon, value = part.partition(":")
        if colon:
            value = value.replace("!important", "").strip()
            found[name.strip().lower()] = value
    return found


def _stylesheet(tree: LexborHTMLParser) -> list[_StyleRule]:
    rules: list[_StyleRule] = []
    for style in tree.css("style"):
        css = _AT_BLOCK.sub("", _COMMENT.sub("", style.text() or ""))
        for selectors, body in _RULE.findall(css):
            declarations = _declarations(body)
            for selector in selectors.split(","):
                match = _SIMPLE.match(selector.strip().lower())
                if match:
                    rules.append(_StyleRule(match.group(1), match.group(2), declarations))
    return rules


def _classes(node: LexborNode) -> frozenset[str]:
    return frozenset((node.attributes.get("class") or "").lower().split())


def _own(node: LexborNode, rules: list[_StyleRule]) -> dict[str, str]:
    """The element's declarations: style sheet rules in order, then its style attribute."""
    tag, classes = node.tag or "", _classes(node)
    found: dict[str, str] = {}
    for rule in rules:
        if rule.matches(tag, classes):
            found.update(rule.declarations)
    found.update(_declarations(node.attributes.get("style") or ""))
    if tag == "font":
        face, size = node.attributes.get("face"), node.attributes.get("size")
        if face and "font-family" not in found:
            found["font-family"] = face
        if size and "font-size" not in found:
            found["font-size"] = f"font-size={size.strip()}"
    if "font" in found:
        _shorthand(found)
    return found


def _shorthand(found: dict[str, str]) -> None:
    """`font: italic 12pt/1.2 Arial, sans-serif` into size and family."""
    match = re.search(
        r"(?:^|\s)([0-9.]+(?:pt|px|em|%|rem|pc|in|cm|mm)|[a-z-]*small|medium|[a-z-]*large)(?:/\S+)?\s+(.+)$",
        found["font"],
    )
    if match:
        found.setdefault("font-size", match.group(1))
        found.setdefault("font-family", match.group(2))


def _history_marker(node: LexborNode) -> bool:
    if node.tag == "blockquote":
        return True
    if (node.attributes.get("id") or "").lower() in _HISTORY_IDS:
        return True
    if _classes(node) & _HISTORY_CLASSES:
        return True
    style = (node.attributes.get("style") or "").lower().replace(" ", "")
    return node.tag == "div" and "border-top:solid#e1e1e1" in style


def _points(value: str) -> float | None:
    """A font size in points, or None when it is relative or unreadable."""
    value = value.strip().lower()
    if value.startswith("font-size="):
        return _FONT_ATTR_PT.get(value.removeprefix("font-size=").lstrip("+"))
    if value in _KEYWORD_PT:
        return _KEYWORD_PT[value]
    match = _ABSOLUTE.match(value)
    if match:
        return float(match.group(1)) * _UNIT_PT[match.group(2)]
    return None


def _first_family(value: str) -> str:
    return value.split(",", maxsplit=1)[0].strip().strip("'\"").strip()


def _background(declarations: Mapping[str, str], node: LexborNode) -> str | None:
    """A background that is not plain white, as written, or None."""
    for attr in ("bgcolor", "background"):
        value = (node.attributes.get(attr) or "").strip()
        if value and (attr == "background" or value.lower().replace(" ", "") not in _WHITE):
            return "image" if attr == "background" else value
    image = declarations.get("background-image", "").lower()
    if image and "url(" in image:
        return "image"
    colour = declarations.get("background-color", "")
    if colour and colour.lower().replace(" ", "") not in _WHITE:
        return colour
    shorthand = declarations.get("background", "")
    if "url(" in shorthand.lower():
        return "image"
    tokens: list[str] = re.findall(r"rgba?\([^)]*\)|\S+", shorthand)
    for token in tokens:
        plain = token.lower().replace(" ", "")
        if plain in _WHITE or plain in _BACKGROUND_WORDS or re.match(r"^[0-9.]+(%|px)?$", plain):
            continue
        return token
    return None


class _Reader:
    """Walks the sender's part of the HTML once, collecting what breaks the style."""

    def __init__(self, tree: LexborHTMLParser, fonts: set[str], size_pt: float) -> None:
        self.rules = _stylesheet(tree)
        self.fonts = fonts
        self.size_pt = size_pt
        self.cache: dict[int, dict[str, str]] = {}
        self.issues: dict[str, str] = {}

    def own(self, node: LexborNode) -> dict[str, str]:
        key = node.mem_id
        if key not in self.cache:
            self.cache[key] = _own(node, self.rules)
        return self.cache[key]

    def inherited(self, node: LexborNode | None, name: str) -> str | None:
        while node is not None and node.tag not in (None, "-document", "html"):
            if node.tag != "-text":
                value = self.own(node).get(name)
                if value and value.lower() not in ("inherit", "initial", "unset"):
                    return value
            node = node.parent
        return None

    def text(self, node: LexborNode) -> None:
        family = self.inherited(node.parent, "font-family")
        if family is not None:
            first = _first_family(family)
            if first and first.lower() not in self.fonts:
                self.issues.setdefault(f"font: {first[:40]}", f"the font {first[:40]}")
        size = self.inherited(node.parent, "font-size")
        points = _points(size) if size is not None else None
        if points is not None and abs(points - self.size_pt) > 0.3:
            shown = f"{points:g}pt"
            self.issues.setdefault(f"size: {shown}", f"text at {shown}")

    def element(self, node: LexborNode) -> None:
        if node.tag in _BLOCKS:
            colour = _background(self.own(node), node)
            if colour is not None:
                what = "a background image" if colour == "image" else "a coloured background"
                self.issues.setdefault(f"background: {colour[:40]}", what)


def _issues(html: str, fonts: set[str], size_pt: float) -> dict[str, str]:
    tree = LexborHTMLParser(html)
    if tree.body is None:
        return {}
    reader = _Reader(tree, fonts, size_pt)
    texts = 0
    for node in tree.body.traverse(include_text=True):
        if node.tag == "-text":
            if (node.text(deep=False) or "").strip():
                reader.text(node)
                texts += 1
                if texts >= _MAX_TEXT_NODES:
                    break
            continue
        if _history_marker(node):
            break
        reader.element(node)
    return reader.issues


def check(inputs: RuleInput) -> Iterator[Hit]:
    html = inputs.message.body.html
    if not html:
        return
    fonts = {f.lower() for f in inputs.options["fonts"]}
    size_pt = float(inputs.options["size_pt"])
    issues = _issues(html, fonts, size_pt)
    if not issues:
        return
    words = list(dict.fromkeys(issues.values()))
    allowed = " or ".join(inputs.options["fonts"])
    yield Hit(
        message=f"This mail uses {listed(words)}; the standard is {allowed} {size_pt:g}pt on "
        "a plain white background.",
        fix=f"Set your mail's default font to {allowed} {size_pt:g}pt with no stationery or "
        "background (in Outlook: File, Options, Mail, Stationery and Fonts), and reformat "
        "this message before sending.",
        evidence=tuple(Evidence("FORMAT", "body", key) for key in list(issues)[:10]),
    )


RULE = Rule(
    name="non-standard-formatting",
    summary="HTML mail not in Arial 12pt on a plain white background.",
    check=check,
    options={
        "fonts": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "size_pt": {"type": "number", "exclusiveMinimum": 0},
    },
    defaults={"fonts": ("Arial",), "size_pt": 12},
)
