"""Rendering for the CLI: `inspect` as an indented tree, `detect` as lines or JSON."""

from __future__ import annotations

import sys
from typing import Any

from .detectors import Entity, mask
from .errors import InputError

__all__ = ["entity_json", "entity_line", "read_text", "render_inspect"]

_REPLACEMENT = "\ufffd"


def read_text(path: str) -> str:
    """UTF-8 text from a file or stdin: a BOM dropped, undecodable bytes replaced and counted."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as stream:
                data = stream.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8", "replace")
    replaced = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode())
    if replaced:
        print(
            f"mailwarden: {path}: {replaced} undecodable byte sequence(s) replaced", file=sys.stderr
        )
    return text


def entity_json(entity: Entity, text: str, show_values: bool) -> dict[str, Any]:
    """One entity as the `detect` JSON contract has it; the raw value only on request."""
    out = entity.to_dict()
    if show_values:
        out["value"] = text[entity.start : entity.end]
    return out


def entity_line(entity: Entity, text: str, show_values: bool) -> str:
    """One entity as a line: where, what, how sure, the masked (or raw) value, and why."""
    shown = text[entity.start : entity.end] if show_values else mask(entity, text)
    kind = f"{entity.type}/{entity.subtype}" if entity.subtype else str(entity.type)
    why = entity.explanation
    reasons = [why.pattern]
    if why.checksum:
        reasons.append(f"checksum {why.checksum}")
    if why.raised_by:
        reasons.append("raised by " + ", ".join(repr(w) for w in why.raised_by))
    if why.lowered_by:
        reasons.append("lowered by " + ", ".join(repr(w) for w in why.lowered_by))
    return (
        f"{entity.start}-{entity.end}\t{kind}\t{entity.score:.2f}\t{shown!r}\t{'; '.join(reasons)}"
    )


def _addr(a: dict[str, str] | None) -> str:
    if not a:
        return "-"
    return f"{a['name']} <{a['address']}>" if a["name"] else a["address"]


def _addr_list(items: list[dict[str, str] | None]) -> str:
    return ", ".join(_addr(a) for a in items) or "-"


def _reason(u: dict[str, str] | None) -> str:
    return f"  UNINSPECTED {u['reason']}: {u['detail']}" if u else ""


def _sections(body: dict[str, Any]) -> str:
    return ", ".join(f"{s['kind']} {s['start']}-{s['end']}" for s in body["sections"]) or "empty"


def _attachment_lines(a: dict[str, Any], label: str, indent: str) -> list[str]:
    name = a["path"] or a["filename"] or "(no name)"
    sniffed = "" if a["sniffed_type"] == a["declared_type"] else f" (sniffed {a['sniffed_type']})"
    flags = " inline" if a["inline"] else ""
    lines = [
        f"{indent}{label}  {name}  {a['declared_type']}{sniffed}  {a['size']:,} bytes"
        f"  {a['text_chars']:,} chars{flags}{_reason(a['uninspected'])}"
    ]
    for n, member in enumerate(a["members"], start=1):
        lines += _attachment_lines(member, f"{label}/{n}", indent + "  ")
    for n, nested in enumerate(a["messages"], start=1):
        lines.append(f"{indent}  message {n}:")
        lines += [indent + "    " + line for line in render_inspect(nested).splitlines()]
    for n, item in enumerate(a["calendar"], start=1):
        lines.append(f"{indent}  {_calendar_line(item, n)}")
    if a.get("text"):
        lines += [f"{indent}  | {line}" for line in a["text"].splitlines()]
    return lines


def _calendar_line(item: dict[str, Any], n: int) -> str:
    private = " private" if item["private"] else ""
    summary = f"  {item['summary']!r}" if "summary" in item else ""
    return (
        f"calendar {n}: {item['component']} {item['start'] or '?'} {item['classification'] or '-'}"
        f"{private}  organizer {_addr(item['organizer'])}, {len(item['attendees'])} attendees"
        f"{summary}"
    )


def _head_lines(d: dict[str, Any]) -> list[str]:
    lines = [f"{d.get('source', '')}  ({d['format']}, {d['size']:,} bytes)"]
    for key in ("from", "to", "cc", "bcc", "reply_to"):
        if d[key]:
            lines.append(f"  {key:<10}{_addr_list(d[key])}")
    envelope = d["envelope"]
    origin = "from headers" if envelope["from_headers"] else "from transport"
    lines.append(
        f"  {'envelope':<10}{_addr(envelope['mail_from'])} -> "
        f"{len(envelope['recipients'])} recipients ({origin})"
    )
    lines.append(f"  {'date':<10}{d['date'] or '-'}")
    subject = (
        repr(d["subject"]) if "subject" in d else f"({d['subject_chars']} characters; --show-text)"
    )
    lines.append(f"  {'subject':<10}{subject}")
    marks = [*d["markings"], *([f"Sensitivity: {d['sensitivity']}"] if d["sensitivity"] else [])]
    if marks:
        lines.append(f"  {'markings':<10}{', '.join(marks)}")
    auto = d["auto"]
    if auto["is_auto_reply"] or auto["is_auto_forward"]:
        kind = "auto-reply" if auto["is_auto_reply"] else "auto-forward"
        lines.append(f"  {'auto':<10}{kind}")
    return lines


def render_inspect(d: dict[str, Any]) -> str:
    """One message's description as readable text."""
    lines = _head_lines(d)
    body = d["body"]
    html = ", HTML kept" if body["html"] else ""
    lines.append(f"  {'body':<10}{body['chars']:,} chars{html}: {_sections(body)}")
    if d["attachments"]:
        lines.append("  attachments")
        for n, a in enumerate(d["attachments"], start=1):
            lines += _attachment_lines(a, str(n), "    ")
    for n, item in enumerate(d["calendar"], start=1):
        lines.append(f"  {_calendar_line(item, n)}")
    for u in d["uninspected"]:
        lines.append(f"  UNINSPECTED {u['reason']}: {u['detail']}")
    if d["defects"]:
        lines.append(f"  {'defects':<10}{', '.join(sorted(set(d['defects'])))}")
    if body.get("text"):
        lines.append("  body text")
        lines += [f"  | {line}" for line in body["text"].splitlines()]
    return "\n".join(lines)
