"""A real Postfix with mailwarden SMTP proxies in the mail flow, for the proxy's end-to-end tests.

Built from the milter tests' private Postfix (`tests/gateway/postfix/_postfix.py`: the main.cf
and master.cf templates, the in-process sink, the queue tools), with the ports a proxy needs:

```
client ─► submit   (smtpd_proxy_filter → proxy A, norfolk, before-queue) ─┐
client ─► submit_b (smtpd_proxy_filter → proxy B, telford, before-queue) ─┤ via the gate
client ─► front    (queues; content_filter relay → submit_b)              │
client ─► aq       (queues; content_filter mwfilter → proxy AQ, after-queue) ─┤
                                                    reinject (no filter) ◄─┘ ─► sink
```

`reinject` is the after-filter smtpd of Postfix's SMTPD_PROXY_README (`smtpd_proxy_filter=`
empty, XFORWARD allowed from loopback); `header_checks` there holds any message carrying
`X-Mailwarden-Quarantine`. The gate is a TCP forwarder in front of `reinject` that a test can
shut, to play a next-hop outage for proxy B.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..postfix._postfix import (
    MAIN_CF,
    MASTER_CF,
    POSTFIX,
    POSTFIX_USER,
    Postfix,
    Sink,
    free_port,
    listening,
    wait_until,
)

__all__ = ["Gate", "ProxyProcess", "Topology", "proxy_available", "topology"]

TELFORD_MAX_SIZE = 500_000
"""Proxy B's `--max-size`, so the over-size test stays small."""
HEADER_CHECKS = "/^X-Mailwarden-Quarantine:/ HOLD held by mailwarden\n"
FILTER_TRANSPORT = (
    "mwfilter  unix  -       -       n       -       10      smtp\n"
    "  -o syslog_name=postfix-mwfilter\n"
    "  -o smtp_send_xforward_command=yes\n"
    "  -o smtp_data_done_timeout=1200s\n"
)


def proxy_available() -> str:
    """'' when a private Postfix can run here, else the reason it cannot."""
    if not Path(POSTFIX).exists():
        return "postfix is not installed (scripts/test installs it)"
    if os.geteuid() != 0:
        return "starting a private Postfix needs root (it drops privileges itself)"
    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        return "aiosmtpd is not installed (proxy extra)"
    return ""


class Gate:
    """A TCP forwarder 127.0.0.1:port → target that can be shut (connection refused) and
    opened again on the same port."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None

    def open(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        self._thread = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        self._thread.start()

    def shut(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target), timeout=10)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(a, b), daemon=True).start()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


@dataclass
class ProxyProcess:
    """`mailwarden proxy` in a subprocess, as it runs in production."""

    port: int
    relay: int
    policy: str
    log_path: Path
    mode: str = "before-queue"
    env: dict[str, str] = field(default_factory=dict)
    args: tuple[str, ...] = ()
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = self.log_path.open("ab")
        command = [sys.executable, "-m", "mailwarden.cli", "proxy"]
        command += ["--listen", f"127.0.0.1:{self.port}", "--relay", f"127.0.0.1:{self.relay}"]
        command += ["--mode", self.mode, "--policy", self.policy]
        command += ["--hostname", "proxy.mailwarden.test", *self.args]
        env = {k: v for k, v in os.environ.items() if k != "MAILWARDEN_KEEP_POSTFIX"}
        self.process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env={**env, **self.env}
        )
        log.close()
        if not wait_until(self._ready, timeout=60):
            raise RuntimeError(f"proxy did not start:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _ready(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise RuntimeError(f"proxy exited:\n{self.log()}")
        return "listening on" in self.log() and listening(self.port)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def terminate(self, timeout: float = 60) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)


@dataclass
class Topology:
    postfix: Postfix
    gate: Gate
    norfolk: ProxyProcess
    telford: ProxyProcess
    after_queue: ProxyProcess

    @property
    def ports(self) -> dict[str, int]:
        return self.postfix.ports


def _master(ports: dict[str, int], proxies: dict[str, int]) -> str:
    options = {
        "submit": [f"-o smtpd_proxy_filter=127.0.0.1:{proxies['norfolk']}"],
        "submit_b": [f"-o smtpd_proxy_filter=127.0.0.1:{proxies['telford']}"],
        "front": [f"-o content_filter=relay:[127.0.0.1]:{ports['submit_b']}"],
        "aq": [f"-o content_filter=mwfilter:[127.0.0.1]:{proxies['after_queue']}"],
        "reinject": [
            "-o smtpd_proxy_filter=",
            "-o content_filter=",
            "-o smtpd_authorized_xforward_hosts=127.0.0.0/8",
            "-o receive_override_options=no_unknown_recipient_checks",
        ],
    }
    lines = []
    for name, port in ports.items():
        extra = [f"-o syslog_name=postfix-{name}", *options[name]]
        lines.append(f"127.0.0.1:{port} inet n - n - - smtpd\n  " + "\n  ".join(extra))
    return "\n".join(lines) + "\n" + FILTER_TRANSPORT


@contextlib.contextmanager
def topology() -> Iterator[Topology]:
    """Start Postfix, the gate and the three proxies; stop them all afterwards."""
    root = Path(tempfile.mkdtemp(prefix="mailwarden-proxy-postfix-"))
    root.chmod(0o755)
    for name in ("etc", "run", "data", "spool"):
        (root / name).mkdir(mode=0o755)
    shutil.chown(root / "data", POSTFIX_USER, POSTFIX_USER)
    sink = Sink(free_port())
    sink.start()
    ports = {name: free_port() for name in ("submit", "submit_b", "front", "aq", "reinject")}
    proxies = {name: free_port() for name in ("norfolk", "telford", "after_queue")}
    (root / "etc" / "header_checks").write_text(HEADER_CHECKS)
    main = MAIN_CF.format(root=root, sink_port=sink.port)
    main += f"header_checks = regexp:{root}/etc/header_checks\nsmtpd_proxy_timeout = 120s\n"
    (root / "etc" / "main.cf").write_text(main)
    (root / "etc" / "master.cf").write_text(MASTER_CF.format(ports=_master(ports, proxies)))
    postfix = Postfix(root, sink, ports)
    gate = Gate(ports["reinject"])
    started: list[ProxyProcess] = []
    try:
        postfix.start()
        gate.open()
        norfolk = ProxyProcess(
            proxies["norfolk"],
            ports["reinject"],
            "norfolk",
            root / "proxy-norfolk.log",
            # Postfix connects from 127.0.0.1; a client from 127.0.0.2 is outside, so only
            # the address XFORWARD carries can make its mail incoming.
            env={"MAILWARDEN_INTERNAL_NETWORKS": "127.0.0.1/32"},
        )
        telford = ProxyProcess(
            proxies["telford"],
            gate.port,
            "telford",
            root / "proxy-telford.log",
            args=("--max-size", str(TELFORD_MAX_SIZE)),
        )
        after_queue = ProxyProcess(
            proxies["after_queue"],
            ports["reinject"],
            "norfolk",
            root / "proxy-after-queue.log",
            mode="after-queue",
        )
        for proxy in (norfolk, telford, after_queue):
            proxy.start()
            started.append(proxy)
        yield Topology(postfix, gate, norfolk, telford, after_queue)
    finally:
        for proxy in started:
            if proxy.alive():
                proxy.terminate()
        gate.shut()
        postfix.stop()
