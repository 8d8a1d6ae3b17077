"""One file in, one `Attachment` out: sniff, pick the extractor, apply the limits, and turn
every failure into a reason.

This is what runs in the worker process for heavy kinds and in-process for light ones,
and it calls itself (through archive and TNEF members) for whatever a file contains.
Nothing but the project's own values leaves it: a parser's exception becomes `corrupt`
with the exception's class name as detail, never its message (which may quote content).
"""

from __future__ import annotations

import hashlib
import importlib

from ..limits import ParseContext
from ..model import Attachment, Uninspected, UninspectedReason
from . import archive, nested, ole, text
from .kinds import Kind, choose_kind
from .outcome import Extracted, Source, TextSink, Unreadable
from .sniff import sniff

__all__ = ["EXTRACTOR_MODULES", "extract_source"]

_HEAVY_BY_KIND = {
    Kind.PDF: ("pdf", "extract_pdf", False),
    Kind.DOCX: ("office", "extract_docx", True),
    Kind.XLSX: ("office", "extract_xlsx", True),
    Kind.PPTX: ("office", "extract_pptx", True),
    Kind.ODF: ("odf", "extract_odf", True),
    Kind.RTF: ("rtf", "extract_rtf", False),
}
"""Document parsers, imported on first use so a process that never meets one never loads it;
the flag says whether the extractor takes the context (for its zip checks)."""

EXTRACTOR_MODULES = tuple(
    sorted({f"{__package__}.{module}" for module, _, _ in _HEAVY_BY_KIND.values()})
)
"""What the worker process preloads, so a respawned worker is ready at once."""

_CONTAINERS = frozenset({Kind.ZIP, Kind.TNEF, Kind.EML, Kind.MSG})


def extract_source(
    source: Source, ctx: ParseContext, sniffed: str | None = None, kind: Kind | None = None
) -> Attachment:
    """The attachment for `source`, with text, members, nested messages or the reason why not."""
    sniffed = sniffed if sniffed is not None else sniff(source.data)
    if source.uninspected is not None:
        return describe(source, sniffed)
    kind = kind if kind is not None else choose_kind(sniffed, source.declared_type, source.filename)
    sink = TextSink(ctx)
    extracted = Extracted()
    problem: Uninspected | None = None
    try:
        _check_limits(kind, ctx)
        extracted = _run(kind, sniffed, source, ctx, sink)
    except Unreadable as exc:
        problem = exc.as_uninspected()
    except MemoryError:
        problem = Uninspected(
            UninspectedReason.BOMB, f"{kind.value} needed more memory than allowed"
        )
    except RecursionError:
        problem = Uninspected(UninspectedReason.CORRUPT, f"{kind.value} nested too deeply to parse")
    except Exception as exc:
        problem = Uninspected(
            UninspectedReason.CORRUPT, f"unreadable {kind.value} file ({type(exc).__name__})"
        )
    return describe(
        source, sniffed, text=sink.text, extracted=extracted,
        problem=problem or extracted.uninspected or sink.problem(),
    )  # fmt: skip


def describe(
    source: Source,
    sniffed: str,
    *,
    text: str = "",
    extracted: Extracted | None = None,
    problem: Uninspected | None = None,
) -> Attachment:
    """The `Attachment` value for `source` (also used for files that were never opened)."""
    found = extracted or Extracted()
    return Attachment(
        filename=source.filename,
        declared_type=source.declared_type,
        sniffed_type=sniffed,
        size=len(source.data),
        text=text,
        inline=source.inline,
        path=source.path,
        members=found.members,
        messages=found.messages,
        calendar=found.calendar,
        uninspected=problem or source.uninspected,
        sha256=hashlib.sha256(source.data).hexdigest(),
    )


def _check_limits(kind: Kind, ctx: ParseContext) -> None:
    """Depth and time, checked before any work: a container one level too deep is not opened."""
    if ctx.out_of_time():
        raise Unreadable(
            UninspectedReason.OVER_LIMIT, f"time limit of {ctx.limits.max_seconds:g} s reached"
        )
    if ctx.too_deep or (kind in _CONTAINERS and ctx.child().too_deep):
        raise Unreadable(
            UninspectedReason.OVER_LIMIT, f"nested deeper than {ctx.limits.max_depth} levels"
        )


def _run(kind: Kind, sniffed: str, source: Source, ctx: ParseContext, sink: TextSink) -> Extracted:
    if kind in _HEAVY_BY_KIND:
        module, name, wants_ctx = _HEAVY_BY_KIND[kind]
        function = getattr(importlib.import_module(f".{module}", __package__), name)
        result: Extracted = (
            function(source.data, ctx, sink) if wants_ctx else function(source.data, sink)
        )
        return result
    return _run_light(kind, sniffed, source, ctx, sink)


def _run_light(
    kind: Kind, sniffed: str, source: Source, ctx: ParseContext, sink: TextSink
) -> Extracted:
    """Containers (which recurse) and the kinds that need no document library."""
    match kind:
        case Kind.ZIP:
            return archive.extract_zip(source.data, source.path, ctx, extract_source)
        case Kind.TNEF:
            return nested.extract_tnef(source, ctx, sink, extract_source)
        case Kind.EML | Kind.MSG:
            return nested.extract_message(source, ctx)
        case Kind.ICS:
            return nested.extract_calendar(source)
        case Kind.HTML:
            return text.extract_html(source.data, source.declared_type, sink)
        case Kind.TEXT | Kind.CSV:
            return text.extract_text(source.data, source.declared_type, sink)
        case Kind.ENCRYPTED:
            raise Unreadable(UninspectedReason.ENCRYPTED, "password-encrypted Office document")
        case Kind.LEGACY_OFFICE:
            raise ole.legacy_office_problem(source.data, sniffed)
        case _:
            raise Unreadable(UninspectedReason.UNSUPPORTED, sniffed)
