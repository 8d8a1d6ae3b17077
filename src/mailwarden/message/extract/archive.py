"""ZIP archives: members become attachments in turn, under every limit a bomb would test.

Members are inflated by hand from the archive bytes (not through `zipfile.open`) so that a
member that inflates past its declared size is caught as a bomb the moment it does, and so
that nothing beyond `min(declared size, budget)` is ever held. Before a member is read its
declared size is checked against the compression-ratio limit and spent from the message's
budget; after, its CRC is checked. Office and OpenDocument files are zips too: their
directory gets the same checks (`check_container`) before a document library opens them.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath

from ..limits import MIB, ParseContext
from ..model import Attachment, Uninspected, UninspectedReason
from .kinds import declared_for
from .outcome import Extracted, Source, Unreadable
from .sniff import OCTET

__all__ = [
    "LISTED_UNREAD",
    "RATIO_FLOOR",
    "ExtractFn",
    "check_container",
    "extract_zip",
    "member_path",
]

ExtractFn = Callable[[Source, ParseContext], Attachment]
"""Extracts one member (recursively); passed in to keep this module free of the dispatcher."""

RATIO_FLOOR = 1 * MIB
"""Members smaller than this are never called bombs: whatever their ratio, they cannot hurt,
and small repetitive files (a blank form, a sparse sheet) compress far better than 200:1."""

LISTED_UNREAD = 10_000
"""Members not opened (over a limit) are still listed, up to this many per archive."""

_AES = 99
_ENCRYPTED_FLAG = 0x1
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_CHUNK = 64 * 1024


def member_path(parent: str, name: str) -> str:
    """`parent/name`, the path of a member below the top-level attachment."""
    name = name.replace("\\", "/").lstrip("/")
    return f"{parent}/{name}" if parent else name


def extract_zip(data: bytes, parent: str, ctx: ParseContext, extract: ExtractFn) -> Extracted:
    """Each file in the archive as an `Attachment`, in directory order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
    members: list[Attachment] = []
    for index, info in enumerate(infos):
        if ctx.out_of_time():
            return _skip_rest(members, infos[index:], parent, _time_problem(ctx))
        if not ctx.take_member():
            problem = Uninspected(
                UninspectedReason.OVER_LIMIT,
                f"member limit of {ctx.limits.max_members} reached",
            )
            return _skip_rest(members, infos[index:], parent, problem)
        members.append(_member(data, info, parent, ctx, extract))
    return Extracted(members=tuple(members))


def _time_problem(ctx: ParseContext) -> Uninspected:
    seconds = f"{ctx.limits.max_seconds:g}"
    return Uninspected(UninspectedReason.OVER_LIMIT, f"time limit of {seconds} s reached")


def _skip_rest(
    members: list[Attachment],
    rest: Sequence[zipfile.ZipInfo],
    parent: str,
    problem: Uninspected,
) -> Extracted:
    """List members that will not be opened (up to `LISTED_UNREAD`), each marked."""
    shown = rest[:LISTED_UNREAD]
    members.extend(_placeholder(info, parent, problem) for info in shown)
    unlisted = len(rest) - len(shown)
    summary = None
    if unlisted:
        summary = Uninspected(problem.reason, f"{problem.detail}; {unlisted} more not listed")
    return Extracted(members=tuple(members), uninspected=summary)


def _placeholder(info: zipfile.ZipInfo, parent: str, problem: Uninspected) -> Attachment:
    """A member that was not read: its name and declared size, and why."""
    name = PurePosixPath(info.filename.replace("\\", "/")).name
    return Attachment(
        filename=name,
        declared_type=declared_for(name),
        sniffed_type=OCTET,
        size=info.file_size,
        path=member_path(parent, info.filename),
        uninspected=problem,
    )


def _member(
    data: bytes, info: zipfile.ZipInfo, parent: str, ctx: ParseContext, extract: ExtractFn
) -> Attachment:
    try:
        content = _read(data, info, ctx)
    except Unreadable as exc:
        return _placeholder(info, parent, exc.as_uninspected())
    except MemoryError:
        problem = Uninspected(
            UninspectedReason.BOMB, "inflating it needed more memory than allowed"
        )
        return _placeholder(info, parent, problem)
    except Exception as exc:
        problem = Uninspected(
            UninspectedReason.CORRUPT, f"unreadable zip member ({type(exc).__name__})"
        )
        return _placeholder(info, parent, problem)
    name = PurePosixPath(info.filename.replace("\\", "/")).name
    source = Source(name, declared_for(name), content, path=member_path(parent, info.filename))
    return extract(source, ctx.child())


def _read(data: bytes, info: zipfile.ZipInfo, ctx: ParseContext) -> bytes:
    """The member's bytes, after the encryption, ratio and budget checks."""
    if info.flag_bits & _ENCRYPTED_FLAG or info.compress_type == _AES:
        raise _encrypted(info)
    _check_ratio(info, ctx)
    if not ctx.spend(info.file_size):
        raise Unreadable(
            UninspectedReason.OVER_LIMIT,
            f"total extracted size limit of {ctx.limits.max_total_bytes // MIB} MB reached",
        )
    raw = _compressed(data, info)
    if info.compress_type == zipfile.ZIP_STORED:
        content = bytes(raw)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        content = _inflate(raw, info.file_size)
    else:
        raise Unreadable(
            UninspectedReason.UNSUPPORTED, f"zip compression method {info.compress_type}"
        )
    if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        raise ValueError("size or CRC mismatch")
    return content


def _encrypted(info: zipfile.ZipInfo) -> Unreadable:
    """AES (WinZip AE-x) is real encryption; ZipCrypto is a password with a broken cipher."""
    if info.compress_type == _AES:
        return Unreadable(UninspectedReason.ENCRYPTED, "AES-encrypted zip member")
    return Unreadable(
        UninspectedReason.PASSWORD_PROTECTED, "password-protected zip member (ZipCrypto)"
    )


def _check_ratio(info: zipfile.ZipInfo, ctx: ParseContext) -> None:
    if info.file_size < RATIO_FLOOR:
        return
    ratio = info.file_size / max(info.compress_size, 1)
    if ratio > ctx.limits.max_ratio:
        raise Unreadable(
            UninspectedReason.BOMB,
            f"compression ratio {ratio:.0f}:1 above the limit of {ctx.limits.max_ratio:g}:1",
        )


def _compressed(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The member's compressed bytes, located through its local header."""
    start = info.header_offset
    signature, name_len, extra_len = _LOCAL_HEADER.unpack_from(data, start)
    if signature != b"PK\x03\x04":
        raise ValueError("bad local header")
    begin = start + _LOCAL_HEADER.size + name_len + extra_len
    end = begin + info.compress_size
    if end > len(data):
        raise ValueError("member runs past the end of the archive")
    return memoryview(data)[begin:end]


def _inflate(raw: memoryview, declared: int) -> bytes:
    """Inflate at most `declared + 1` bytes: one more than declared means a lying header."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    out = bytearray()
    pos = 0
    pending = b""
    while not inflater.eof:
        if not pending:
            if pos >= len(raw):
                break
            pending = bytes(raw[pos : pos + _CHUNK])
            pos += _CHUNK
        out += inflater.decompress(pending, declared + 1 - len(out))
        pending = inflater.unconsumed_tail
        if len(out) > declared:
            raise Unreadable(UninspectedReason.BOMB, "member inflates past its declared size")
    return bytes(out)


def check_container(data: bytes, ctx: ParseContext) -> None:
    """Bomb and budget checks on an Office/OpenDocument zip before a library inflates it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    for info in infos:
        _check_ratio(info, ctx)
    total = sum(info.file_size for info in infos)
    if not ctx.spend(total):
        raise Unreadable(
            UninspectedReason.OVER_LIMIT,
            f"total extracted size limit of {ctx.limits.max_total_bytes // MIB} MB reached",
        )
