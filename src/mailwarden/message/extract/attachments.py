"""`extract_attachments`: the attached files of one message, as `Attachment` values.

Light kinds (plain text, CSV, HTML, calendars, anything unsupported) are handled here in
the calling process; document parsers and containers go to the worker process, which
enforces the time and memory limits by force. With `Limits.max_seconds` set to 0 there is
no time limit, and everything runs in-process.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence

from ..limits import ParseContext
from ..model import Attachment
from ..raw import RawPart
from .core import extract_source
from .kinds import HEAVY, choose_kind
from .outcome import Source
from .sniff import sniff
from .worker import in_worker, run_in_worker

__all__ = ["extract_attachments"]


def extract_attachments(parts: Sequence[RawPart], ctx: ParseContext) -> tuple[Attachment, ...]:
    """Each attached file, in order, with its text, members, messages or calendar items.

    Never raises on bad bytes: a file that cannot be read is still listed, with
    `uninspected` saying why. `ctx.depth` is the depth of the message the parts belong to;
    what is inside a part is read one level deeper, and `ctx.budget` is spent on the way.
    """
    timed = _with_deadline(ctx)
    use_worker = timed.limits.max_seconds > 0 and not in_worker()
    return tuple(_extract(part, timed, use_worker) for part in parts)


def _with_deadline(ctx: ParseContext) -> ParseContext:
    """A context whose deadline is set: none when max_seconds is 0, else from now if unset."""
    if ctx.limits.max_seconds <= 0:
        return dataclasses.replace(ctx, deadline=0.0)
    if not ctx.deadline:
        return dataclasses.replace(ctx, deadline=time.monotonic() + ctx.limits.max_seconds)
    return ctx


def _extract(part: RawPart, ctx: ParseContext, use_worker: bool) -> Attachment:
    source = Source(part.filename, part.declared_type, part.data, part.inline, "", part.uninspected)
    sniffed = sniff(part.data)
    kind = choose_kind(sniffed, part.declared_type, part.filename)
    if use_worker and kind in HEAVY and part.uninspected is None and not ctx.out_of_time():
        return run_in_worker(source, ctx, sniffed, kind)
    return extract_source(source, ctx, sniffed, kind)
