"""The extraction worker: a long-lived child process with a memory cap, killed on timeout.

Python cannot interrupt a parser stuck in a loop (a PDF with a crafted page tree, a
pathological spreadsheet), and a decompression bomb can take all the memory of the host.
So document parsers run in a separate process whose address space is capped with
`RLIMIT_AS` (`Limits.worker_memory_bytes`), and which the parent kills once the message's
deadline has passed. Workers are kept in a small pool and reused, so a message does not
pay a process start; a killed worker is replaced at once, in the background.

Workers are plain `python -c` subprocesses talking pickles over two pipes, not
`multiprocessing` children: the parent (possibly a threaded gateway) is never forked, and,
unlike `spawn` and `forkserver`, the caller's main script is never re-run in the child.
Each worker runs in its own session, so a Ctrl-C at a terminal reaches only the parent,
and it exits by itself when the parent goes away (its pipe closes).

When a worker cannot be started, extraction runs in-process instead, under the same
cooperative limits but without the hard ones; starting is retried a minute later.
"""

from __future__ import annotations

import atexit
import importlib
import logging
import os
import resource
import subprocess
import sys
import threading
import time
import warnings
from multiprocessing.connection import Connection

from ..limits import MIB, Limits, ParseContext
from ..model import Attachment, Uninspected, UninspectedReason
from .core import EXTRACTOR_MODULES, describe, extract_source
from .kinds import Kind
from .outcome import Source

__all__ = ["in_worker", "run_in_worker", "serve", "shutdown_workers", "warm_up"]

_ENV = "MAILWARDEN_EXTRACT_WORKER"
_GRACE = 0.25
"""Seconds past the deadline the parent waits, so a worker that stopped cooperatively can
send what it read before it is killed."""
_RETRY_AFTER = 60.0
_MAX_REQUESTS = 500
"""A worker is replaced after this many files, so a slow leak in a parser cannot build up."""
_BOOT_TIMEOUT = 10.0
_HELLO = "ready"
_OK = "ok"
_OUT_OF_MEMORY = "memory"
_BOOT = "from mailwarden.message.extract.worker import serve; serve()"

Request = tuple[Source, ParseContext, str, Kind]
Reply = tuple[str, Attachment | None, int, int]


def in_worker() -> bool:
    """True inside a worker, where nested extraction must run in-process."""
    return os.environ.get(_ENV) == "1"


class _Worker:
    """One child process and the parent's ends of its two pipes."""

    __slots__ = ("booted", "memory", "process", "replies", "requests", "sent")

    def __init__(self, memory: int) -> None:
        down_read, down_write = os.pipe()
        up_read, up_write = os.pipe()
        env = dict(os.environ)
        env[_ENV] = "1"
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        fds = (down_read, up_write)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _BOOT, str(down_read), str(up_write), str(memory)],
                pass_fds=fds,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
            )
        except BaseException:
            for fd in (down_write, up_read):
                os.close(fd)
            raise
        finally:
            for fd in fds:
                os.close(fd)
        self.requests: Connection = Connection(down_write, readable=False)
        self.replies: Connection = Connection(up_read, writable=False)
        self.memory = memory
        self.sent = 0
        self.booted = False

    def ready(self) -> bool:
        """Wait (once) for the worker's hello, so a child that never starts cannot hang us."""
        if not self.booted and self.replies.poll(_BOOT_TIMEOUT):
            try:
                self.booted = self.replies.recv() == _HELLO
            except (EOFError, OSError):
                return False
        return self.booted

    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, request: Request) -> None:
        self.sent += 1
        self.requests.send(request)

    def receive(self, timeout: float) -> Reply:
        """The reply; TimeoutError when none came in time, EOFError when the worker died."""
        if not self.replies.poll(timeout):
            raise TimeoutError
        reply: Reply = self.replies.recv()
        return reply

    def stop(self) -> None:
        """Kill the process (it may be stuck) and reap it."""
        if self.alive():
            self.process.kill()
        self.process.wait()
        self.requests.close()
        self.replies.close()


class _Pool:
    """Idle workers, shared by the threads of one process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._down_until = 0.0
        self._size = max(2, os.cpu_count() or 2)

    def acquire(self, memory: int) -> _Worker | None:
        """An idle worker with this memory cap, a new one, or None when none can start."""
        stale: list[_Worker] = []
        with self._lock:
            if time.monotonic() < self._down_until:
                return None
            found = None
            while self._idle and found is None:
                worker = self._idle.pop()
                if worker.memory == memory and worker.alive():
                    found = worker
                else:
                    stale.append(worker)
        for worker in stale:
            worker.stop()
        return found or self._start(memory)

    def take(self, memory: int) -> _Worker | None:
        """A worker that has booted, or None (after which extraction runs in-process)."""
        worker = self.acquire(memory)
        if worker is None or worker.ready():
            return worker
        worker.stop()
        self._down()
        return None

    def _start(self, memory: int) -> _Worker | None:
        try:
            return _Worker(memory)
        except Exception:
            self._down()
            return None

    def _down(self) -> None:
        with self._lock:
            self._down_until = time.monotonic() + _RETRY_AFTER

    def release(self, worker: _Worker) -> None:
        with self._lock:
            keep = worker.sent < _MAX_REQUESTS and len(self._idle) < self._size
            if keep and worker.alive():
                self._idle.append(worker)
                return
        worker.stop()

    def refill(self, memory: int) -> None:
        """Start a replacement for a killed worker now, so the next file finds it ready."""
        worker = self._start(memory)
        if worker is not None:
            self.release(worker)

    def shutdown(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
            self._down_until = 0.0
        for worker in idle:
            worker.stop()


_POOL = _Pool()
atexit.register(_POOL.shutdown)


def warm_up(limits: Limits | None = None) -> bool:
    """Start a worker now (e.g. when a gateway starts) rather than on the first document."""
    worker = _POOL.acquire((limits or Limits()).worker_memory_bytes)
    if worker is None:
        return False
    _POOL.release(worker)  # it boots in the background
    return True


def shutdown_workers() -> None:
    """Stop the idle workers (they also exit by themselves when this process ends)."""
    _POOL.shutdown()


def run_in_worker(source: Source, ctx: ParseContext, sniffed: str, kind: Kind) -> Attachment:
    """Extract `source` in a worker under the deadline; in-process when no worker starts."""
    for _attempt in range(2):
        worker = _POOL.take(ctx.limits.worker_memory_bytes)
        if worker is None:
            break
        try:
            worker.send((source, ctx, sniffed, kind))
        except OSError:  # it died while idle; try a fresh one
            worker.stop()
            continue
        return _await(worker, source, ctx, sniffed)
    return extract_source(source, ctx, sniffed, kind)


def _await(worker: _Worker, source: Source, ctx: ParseContext, sniffed: str) -> Attachment:
    timeout = max(0.0, ctx.deadline - time.monotonic()) + _GRACE
    try:
        status, attachment, bytes_used, members_used = worker.receive(timeout)
    except TimeoutError:
        worker.stop()
        _POOL.refill(worker.memory)
        seconds = f"{ctx.limits.max_seconds:g}"
        problem = Uninspected(UninspectedReason.OVER_LIMIT, f"time limit of {seconds} s reached")
        return describe(source, sniffed, problem=problem)
    except (EOFError, OSError):
        worker.stop()
        _POOL.refill(worker.memory)
        problem = Uninspected(UninspectedReason.CORRUPT, "the extractor crashed on this file")
        return describe(source, sniffed, problem=problem)
    if status != _OK or attachment is None:
        worker.stop()
        _POOL.refill(worker.memory)
        cap = ctx.limits.worker_memory_bytes // MIB
        problem = Uninspected(UninspectedReason.BOMB, f"needed more than {cap} MB of memory")
        return describe(source, sniffed, problem=problem)
    _POOL.release(worker)
    ctx.budget.bytes_used = bytes_used
    ctx.budget.members_used = members_used
    return attachment


def serve() -> None:
    """The worker's main: `python -c ... serve()` with the pipe fds and memory cap as args."""
    down, up, memory = (int(arg) for arg in sys.argv[1:4])
    _cap_memory(memory)
    for module in EXTRACTOR_MODULES:  # load the parsers now, while the parent does not wait
        importlib.import_module(module)
    logging.disable(logging.WARNING)  # parsers' complaints about bad files are not news
    warnings.simplefilter("ignore")
    replies = Connection(up, readable=False)
    replies.send(_HELLO)
    _loop(Connection(down, writable=False), replies)


def _loop(requests: Connection, replies: Connection) -> None:
    """One request, one reply, until the parent closes the pipe."""
    while True:
        try:
            source, ctx, sniffed, kind = requests.recv()
        except (EOFError, OSError):
            return
        except MemoryError:
            replies.send((_OUT_OF_MEMORY, None, 0, 0))
            return
        try:
            attachment = extract_source(source, ctx, sniffed, kind)
            reply: Reply = (_OK, attachment, ctx.budget.bytes_used, ctx.budget.members_used)
        except MemoryError:
            reply = (_OUT_OF_MEMORY, None, 0, 0)
        replies.send(reply)
        if reply[0] != _OK:
            return


def _cap_memory(memory: int) -> None:
    """Cap the address space; and no core files, since a native parser that runs out of
    memory aborts rather than raising, and a core dump of a hostile file helps nobody."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
