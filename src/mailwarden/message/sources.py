"""Paths → a stream of (source label, message or error): files, stdin, mbox, maildir, PST.

Containers are streamed, never loaded whole: an mbox is split line by line, a maildir is
listed and read file by file, a PST is walked item by item. One unreadable message inside a
container is reported and the rest are still read (DESIGN: "the run goes on").
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from .limits import Limits, ParseContext
from .model import Message
from .reader import PST_MAGIC, parse_message_bytes

__all__ = ["SourceItem", "read_path", "read_paths"]

_MBOX_FROM = re.compile(
    rb"(?:\xef\xbb\xbf)?From \S*(?:[ \t]*\r?\n|[ \t][^\r\n]{0,200}?(?:\d:\d\d|\d{4}))"
)
_HEADER = re.compile(rb"[\x21-\x39\x3b-\x7e]{1,200}[ \t]*:|>?From ")
_ESCAPED_FROM = re.compile(rb">(>*From )")


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One message read from a path (`path`, `path#N`, or `-`), or why it could not be."""

    source: str
    message: Message | None = None
    error: str | None = None


def _one(source: str, data: bytes, limits: Limits) -> SourceItem:
    try:
        return SourceItem(source, parse_message_bytes(data, limits=limits))
    except InputError as exc:
        return SourceItem(source, error=str(exc))


def _mbox_messages(stream: BinaryIO, limit: int) -> Iterator[bytes]:
    """Split an mbox at `From ` lines that start a message.

    A `From ` line counts only when it has the shape of a separator (`From sender` alone or
    followed by a date) and the next line is a header (old Netscape boxes have no blank line
    before it, and rely on Content-Length),
    so 'From time to time' or 'From Russia with love' in an unquoted body does not cut a
    message in two.
    Each message is held only up to `limit` bytes; the reader marks a cut message.
    """
    chunks: list[bytes] = []
    size = 0
    pending: bytes | None = None
    for line in stream:
        if pending is not None:
            if _HEADER.match(line):
                if chunks:
                    yield b"".join(chunks)
                chunks, size = [], 0
            else:
                chunks.append(_ESCAPED_FROM.sub(rb"\1", pending))
                size += len(pending)
            pending = None
        if _MBOX_FROM.match(line):
            pending = line
            continue
        kept = _ESCAPED_FROM.sub(rb"\1", line, count=1) if _ESCAPED_FROM.match(line) else line
        if size <= limit:
            chunks.append(kept)
            size += len(kept)
    if pending is not None and chunks:
        chunks.append(pending)
    if chunks and any(c.strip() for c in chunks):
        yield b"".join(chunks)


def _read_mbox(path: Path, limits: Limits) -> Iterator[SourceItem]:
    with path.open("rb") as stream:
        for n, data in enumerate(_mbox_messages(stream, limits.max_message_bytes + 1), start=1):
            yield _one(f"{path}#{n}", data, limits)


def _is_maildir(path: Path) -> bool:
    return all((path / sub).is_dir() for sub in ("cur", "new"))


def _read_maildir(path: Path, limits: Limits) -> Iterator[SourceItem]:
    files = [f for sub in ("cur", "new") for f in (path / sub).iterdir() if f.is_file()]
    for n, file in enumerate(sorted(files, key=lambda f: f.name), start=1):
        yield _read_single(file, f"{path}#{n}", limits)


def _read_single(path: Path, source: str, limits: Limits) -> SourceItem:
    try:
        with path.open("rb") as stream:
            data = stream.read(limits.max_message_bytes + 1)
    except OSError as exc:
        return SourceItem(source, error=f"cannot read: {exc.strerror or exc}")
    return _one(source, data, limits)


def _read_pst(path: Path, limits: Limits) -> Iterator[SourceItem]:
    from .pst import iter_pst

    try:
        for n, (_, item) in enumerate(iter_pst(path, lambda: ParseContext.start(limits)), start=1):
            if isinstance(item, Message):
                yield SourceItem(f"{path}#{n}", item)
            else:
                yield SourceItem(f"{path}#{n}", error=str(item))
    except InputError as exc:
        yield SourceItem(str(path), error=str(exc))


def _kind(path: Path) -> str:
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(PST_MAGIC):
        return "pst"
    if head.startswith(b"From ") or path.suffix.lower() == ".mbox":
        return "mbox"
    return "single"


def read_path(path: str, limits: Limits | None = None) -> Iterator[SourceItem]:
    """Every message at `path` (a file, a container, or `-` for stdin), in the contract order."""
    chosen = limits or Limits()
    if path == "-":
        yield _one("-", sys.stdin.buffer.read(chosen.max_message_bytes + 1), chosen)
        return
    target = Path(path)
    try:
        if target.is_dir():
            if not _is_maildir(target):
                yield SourceItem(path, error="a directory that is not a maildir (no cur/ and new/)")
                return
            yield from _read_maildir(target, chosen)
            return
        kind = _kind(target)
    except OSError as exc:
        yield SourceItem(path, error=f"cannot read: {exc.strerror or exc}")
        return
    if kind == "pst":
        yield from _read_pst(target, chosen)
    elif kind == "mbox":
        yield from _read_mbox(target, chosen)
    else:
        yield _read_single(target, path, chosen)


def read_paths(paths: list[str], limits: Limits | None = None) -> Iterator[SourceItem]:
    """`read_path` over several paths, in the order given."""
    for path in paths:
        yield from read_path(path, limits)
