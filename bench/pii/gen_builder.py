"""Labelled documents and the builder that writes text and gold spans in one pass.

Text and labels are produced together (a value is appended and its span recorded at the
same moment), so a label can never drift from the text it names.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Builder", "Doc", "Gold"]


@dataclass(frozen=True, slots=True)
class Gold:
    """One labelled span: `text[start:end]` is personal data of `type`.

    `fmt` names the written form ("spaced", "compact", "wrapped", ...) and `source` where a
    value came from ("A" or "B" for names, "drama" or "allocated" for phones), so recall can
    be broken down by the way a value was written.
    """

    type: str
    start: int
    end: int
    fmt: str = ""
    source: str = ""
    subtype: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "fmt": self.fmt,
            "source": self.source,
            "subtype": self.subtype,
        }


@dataclass(frozen=True, slots=True)
class Doc:
    """One labelled text. `kind` is the template; `name_set` is "A", "B" or "" (no names)."""

    id: str
    kind: str
    text: str
    gold: tuple[Gold, ...]
    name_set: str = ""

    @property
    def has_pii(self) -> bool:
        return bool(self.gold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name_set": self.name_set,
            "text": self.text,
            "gold": [g.to_dict() for g in self.gold],
        }


@dataclass(slots=True)
class Builder:
    """Appends text; `value()` appends a labelled value and records its span."""

    parts: list[str] = field(default_factory=list)
    gold: list[Gold] = field(default_factory=list)
    length: int = 0

    def add(self, *texts: str) -> Builder:
        for text in texts:
            self.parts.append(text)
            self.length += len(text)
        return self

    def value(
        self,
        type_: str,
        text: str,
        *,
        fmt: str = "",
        source: str = "",
        subtype: str | None = None,
    ) -> Builder:
        """Append `text` labelled as `type_` (leading/trailing blanks are not labelled)."""
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        start = self.length + lead
        self.gold.append(Gold(type_, start, start + len(stripped), fmt, source, subtype))
        return self.add(text)

    def extend(self, other: Builder) -> Builder:
        """Append another builder's text and labels, shifted to follow this one."""
        offset = self.length
        self.gold.extend(
            Gold(g.type, g.start + offset, g.end + offset, g.fmt, g.source, g.subtype)
            for g in other.gold
        )
        return self.add(*other.parts)

    def quoted(self, prefix: str = "> ") -> Builder:
        """This text as quoted history: `prefix` before every line, spans moved with it.

        A value in a quoted part keeps its label, with "+quoted" added to its format.
        """
        text = self.text()
        breaks = [i for i, c in enumerate(text) if c == "\n"]

        def moved(pos: int) -> int:
            return pos + len(prefix) * (1 + bisect_left(breaks, pos))

        out = Builder()
        body = prefix + text.replace("\n", "\n" + prefix)
        out.add(body[: -len(prefix)] if text.endswith("\n") else body)
        out.gold = [
            Gold(
                g.type,
                moved(g.start),
                moved(g.end - 1) + 1,
                g.fmt + "+quoted",
                g.source,
                g.subtype,
            )
            for g in self.gold
        ]
        return out

    def text(self) -> str:
        return "".join(self.parts)

    def build(self, doc_id: str, kind: str, name_set: str = "") -> Doc:
        text = self.text()
        for g in self.gold:
            if not text[g.start : g.end].strip():
                raise ValueError(f"{doc_id}: empty {g.type} span")
        return Doc(doc_id, kind, text, tuple(sorted(self.gold, key=lambda g: g.start)), name_set)
