"""The one place that touches pymilter (libmilter's Python binding): a narrow, typed shim.

pymilter has no type information, so everything it hands over is converted here into plain
`bytes`/`str` and passed to a `Handler` (the typed, testable protocol state of `milter.py`);
what the handler answers (`Reply`) is applied back through the libmilter context. Nothing in
here looks at what a message says.

Why pymilter: it passed every check the gateway needs against Postfix 3.7 (reject with text,
added and changed headers, quarantine to the hold queue, and a second message on one SMTP
connection), where purepythonmilter 0.0.1 raised on quarantine and silently dropped changes
on later messages of a connection (its issues #18 and #21). See docs/deployment-postfix.md.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import Milter  # type: ignore[import-untyped]

from ._milter_types import Handler, Reply

__all__ = ["failure", "libmilter_spec", "start", "stop"]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


_factory: list[Callable[[], Handler]] = []


_F = TypeVar("_F", bound=Callable[..., Any])
_pymilter_noreply = cast(Callable[[_F], _F], Milter.noreply)


def _noreply(func: _F) -> _F:
    """pymilter's mark for a step the MTA need not wait on (it looks the step up by name)."""
    func.__name__ = func.__name__.lstrip("_")
    return _pymilter_noreply(func)


_milter: Any = Milter.milter  # the C extension pymilter wraps


def _init(self: Any) -> None:
    self._handler = _factory[0]()


@_noreply
def _connect(self: Any, hostname: Any, family: Any, hostaddr: Any) -> Any:
    address = ""
    if isinstance(hostaddr, tuple) and hostaddr:
        address = _text(hostaddr[0])
    if not address:
        address = _text(self.getsymval("{client_addr}"))
    self._handler.connect(address)
    return Milter.CONTINUE


def _envfrom(self: Any, mail_from: Any, *params: Any) -> Any:
    login = _text(self.getsymval("{auth_authen}"))
    queue_id = _text(self.getsymval("i"))
    refusal: Reply | None = self._handler.mail_from(_text(mail_from), login, queue_id)
    if refusal is not None:
        self.setreply(refusal.code, refusal.xcode, refusal.text)
        return Milter.TEMPFAIL
    return Milter.CONTINUE


@_noreply
def _envrcpt(self: Any, to: Any, *params: Any) -> Any:
    self._handler.rcpt(_text(to))
    return Milter.CONTINUE


def _header_bytes(self: Any, name: Any, value: Any) -> Any:
    # What libmilter calls for every header: bypasses pymilter's UTF-8 decoding.
    raw = value if isinstance(value, bytes) else _text(value).encode("utf-8", "replace")
    self._handler.header(_text(name).encode("ascii", "replace"), raw)
    # `header` carries the no-reply mark that was negotiated; answer as it would.
    return Milter.NOREPLY if self._protocol & Milter.P_NR_HDR else Milter.CONTINUE


@_noreply
def _header(self: Any, name: Any, value: Any) -> Any:  # pragma: no cover - marks the step only
    return Milter.CONTINUE


@_noreply
def _eoh(self: Any) -> Any:
    return Milter.CONTINUE


@_noreply
def _body(self: Any, chunk: Any) -> Any:
    self._handler.body(bytes(chunk))
    return Milter.CONTINUE


def _eom(self: Any) -> Any:
    reply: Reply = self._handler.end(_text(self.getsymval("i")))
    if reply.action in ("reject", "tempfail"):
        self.setreply(reply.code, reply.xcode, reply.text)
        return Milter.REJECT if reply.action == "reject" else Milter.TEMPFAIL
    for name, index, value in reply.change_headers:
        self.chgheader(name, index, value)
    for name, value in reply.add_headers:
        self.addheader(name, value)
    if reply.quarantine:
        self.quarantine(reply.quarantine)
    return Milter.ACCEPT


def _abort(self: Any) -> Any:
    self._handler.abort()
    return Milter.CONTINUE


def _close(self: Any) -> Any:
    self._handler.close()
    return Milter.CONTINUE


# Built with type() rather than a class statement: pymilter is untyped, and this keeps the
# untyped base out of the checked code. Each method forwards to the typed `Handler`.
_Milter: Any = type(
    "_Milter",
    (Milter.Base,),
    {
        "__init__": _init,
        "connect": _connect,
        "envfrom": _envfrom,
        "envrcpt": _envrcpt,
        "header_bytes": _header_bytes,
        "header": _header,
        "eoh": _eoh,
        "body": _body,
        "eom": _eom,
        "abort": _abort,
        "close": _close,
    },
)


@dataclass(slots=True)
class _State:
    running: bool = False
    error: str = ""
    listeners: list[int] = field(default_factory=list)


_state = _State()


def libmilter_spec(listen: str) -> str:
    """`unix:PATH`, `inet:HOST:PORT` or `inet6:[HOST]:PORT` in libmilter's own spelling."""
    kind, _, rest = listen.partition(":")
    if kind == "unix" and rest:
        return f"unix:{rest}"
    if kind in ("inet", "inet6") and rest:
        host, _, port = rest.rpartition(":")
        if not port.isdigit():
            raise ValueError(f"not a port in {listen!r}")
        host = host.strip("[]") or ("127.0.0.1" if kind == "inet" else "::1")
        return f"{kind}:{port}@{host}"
    raise ValueError(f"listen must be unix:PATH, inet:HOST:PORT or inet6:[HOST]:PORT: {listen!r}")


def _sockets() -> dict[int, str]:
    """This process's open sockets: fd -> the kernel's name for it (`socket:[inode]`)."""
    found: dict[int, str] = {}
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return found
    for name in names:
        try:
            target = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            continue  # the directory's own descriptor, already closed
        if target.startswith("socket:"):
            found[int(name)] = target
    return found


def _set_nodelay(fds: set[int]) -> int:
    """Set TCP_NODELAY on new TCP listening sockets; accepted connections inherit it (Linux).

    libmilter writes several replies (added headers, then the verdict) without reading in
    between; with Nagle's algorithm on, the later writes wait for the MTA's delayed ACK,
    about 40 ms a message. libmilter gives no hook for socket options, so they are set on
    the listening socket it opened.
    """
    done = 0
    for fd in sorted(fds):
        try:
            sock = socket.socket(fileno=os.dup(fd))
        except OSError:
            continue
        try:
            if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                done += 1
        except OSError:
            pass
        finally:
            sock.close()
    return done


def start(
    name: str,
    listen: str,
    factory: Callable[[], Handler],
    *,
    timeout: int,
    socket_mode: int = 0o660,
    backlog: int = 128,
) -> threading.Thread:
    """Open the socket and serve in a thread of its own; returns that thread.

    The caller keeps the main thread (and so the signals): libmilter's own handling of
    SIGTERM cuts the connections in progress, where a graceful stop lets them finish first
    (`MilterServer.serve`), then calls `stop()`.
    """
    _factory[:] = [factory]
    Milter.factory = _Milter
    Milter.set_flags(Milter.ADDHDRS | Milter.CHGHDRS | Milter.QUARANTINE)
    # An exception escaping a callback is a fault of ours: the MTA must keep the message.
    Milter.set_exception_policy(Milter.TEMPFAIL)
    milter = _milter
    spec = libmilter_spec(listen)
    milter.setbacklog(backlog)
    before = set(_sockets().values())
    _register(name, spec, timeout, milter)
    _state.listeners = sorted(fd for fd, sock in _sockets().items() if sock not in before)
    if spec.startswith("inet"):
        _set_nodelay(set(_state.listeners))
    else:
        # The MTA's processes run as another user: they need write access to the socket.
        os.chmod(spec.removeprefix("unix:"), socket_mode)
    _state.running = True

    def main() -> None:
        try:
            milter.main()
        except Exception as exc:  # out of threads, socket gone: the caller reports it
            _state.error = f"{type(exc).__name__}: {exc}"
        finally:
            _state.running = False

    thread = threading.Thread(target=main, name="libmilter", daemon=True)
    thread.start()
    return thread


def _register(name: str, spec: str, timeout: int, milter: Any) -> None:
    """What `Milter.runmilter` does up to opening the socket (so options can be set on it)."""
    milter.set_connect_callback(Milter.connect_callback)
    milter.set_helo_callback(lambda ctx, host: ctx.getpriv().hello(host))
    milter.set_envfrom_callback(lambda ctx, *b: ctx.getpriv().envfrom_bytes(*b))
    milter.set_envrcpt_callback(lambda ctx, *b: ctx.getpriv().envrcpt_bytes(*b))
    milter.set_header_callback(lambda ctx, f, v: ctx.getpriv().header_bytes(f, v))
    milter.set_eoh_callback(lambda ctx: ctx.getpriv().eoh())
    milter.set_body_callback(lambda ctx, chunk: ctx.getpriv().body(chunk))
    milter.set_eom_callback(lambda ctx: ctx.getpriv().eom())
    milter.set_abort_callback(lambda ctx: ctx.getpriv().abort())
    milter.set_close_callback(Milter.close_callback)
    milter.setconn(spec)
    if timeout > 0:
        milter.settimeout(timeout)
    milter.register(
        name,
        data=lambda ctx: ctx.getpriv().data(),
        unknown=lambda ctx, cmd: ctx.getpriv().unknown(cmd),
        negotiate=Milter.negotiate_callback,
    )
    milter.opensocket(True)


def failure() -> str:
    """Why libmilter's loop ended by itself ("" when it did not, or was stopped)."""
    return _state.error


def stop() -> None:
    """Stop libmilter: no new connections, and the open ones end at their next command."""
    if _state.running:
        _milter.stop()
