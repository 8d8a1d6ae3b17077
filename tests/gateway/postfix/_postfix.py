"""A private, real Postfix instance for the gateway tests and benchmarks, and an SMTP sink.

Everything lives in one temporary directory (configuration, queue, data, log, milter
sockets); Postfix listens on 127.0.0.1 high ports and relays every message to an
in-process SMTP sink (aiosmtpd). No syslog and no systemd are needed: Postfix logs to a
file through its `postlog` service, and every service runs unchrooted.

Ports (all smtpd on 127.0.0.1):

- one per milter under test (`smtpd_milters` set for that port only);
- `bare`: no milter (the benchmark's baseline);
- `front`: no milter, queues and forwards to a milter port; an upstream MTA in miniature,
  so a milter outage shows as mail kept in a queue and delivered later.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

POSTFIX = shutil.which("postfix") or "/usr/sbin/postfix"
POSTFIX_USER = "postfix"


def postfix_available() -> str:
    """'' when a private Postfix can run here, else the reason it cannot."""
    if not Path(POSTFIX).exists():
        return "postfix is not installed (scripts/test installs it)"
    if os.geteuid() != 0:
        return "starting a private Postfix needs root (it drops privileges itself)"
    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        return "aiosmtpd is not installed (test extra)"
    try:
        import Milter  # noqa: F401
    except ImportError:
        return "pymilter is not installed (milter extra)"
    return ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(predicate: Callable[[], Any], timeout: float = 20.0, step: float = 0.1) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            return value
        time.sleep(step)


@dataclass
class Delivered:
    mail_from: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> Message:
        return message_from_bytes(self.data)


@dataclass
class Sink:
    """Collects what Postfix delivers (aiosmtpd in a thread of this process)."""

    port: int
    received: list[Delivered] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    controller: Any = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        sink = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
                with sink.lock:
                    sink.received.append(
                        Delivered(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
                    )
                return "250 2.0.0 delivered to the test sink"

        self.controller = Controller(
            Handler(), hostname="127.0.0.1", port=self.port, data_size_limit=0
        )
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()

    def with_header(self, name: str, value: str) -> list[Delivered]:
        with self.lock:
            return [d for d in self.received if d.message.get(name, "").strip() == value]

    def count(self) -> int:
        with self.lock:
            return len(self.received)


MAIN_CF = """\
compatibility_level = 3.6
queue_directory = {root}/spool
data_directory = {root}/data
mail_owner = postfix
setgid_group = postdrop
myhostname = gateway.mailwarden.test
mydomain = mailwarden.test
myorigin = $myhostname
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:{sink_port}
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = permit_mynetworks, reject
maillog_file = {root}/maillog
maillog_file_prefixes = {root}
smtp_tls_security_level = none
smtpd_tls_security_level = none
smtputf8_enable = no
biff = no
message_size_limit = 104857600
milter_default_action = tempfail
milter_protocol = 6
milter_connect_timeout = 5s
smtpd_milters =
non_smtpd_milters =
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
smtp_connection_cache_on_demand = no
default_process_limit = 200
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
anvil_rate_time_unit = 60s
in_flow_delay = 0
"""

MASTER_CF = """\
{ports}
pickup    unix  n       -       n       1       1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


@dataclass
class Postfix:
    """A running private Postfix: its directory, ports and tools."""

    root: Path
    sink: Sink
    ports: dict[str, int]
    config: Path = field(init=False)

    def __post_init__(self) -> None:
        self.config = self.root / "etc"

    def tool(self, name: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        path = shutil.which(name) or f"/usr/sbin/{name}"
        return subprocess.run(
            [path, "-c", str(self.config), *args],
            capture_output=True,
            text=True,
            check=check,
            timeout=60,
        )

    def queue(self) -> list[dict[str, Any]]:
        out = self.tool("postqueue", "-j").stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def held(self) -> list[dict[str, Any]]:
        return [q for q in self.queue() if q.get("queue_name") == "hold"]

    def log(self) -> str:
        try:
            return (self.root / "maillog").read_text(errors="replace")
        except OSError:
            return ""

    def flush(self) -> None:
        self.tool("postqueue", "-f", check=False)

    def socket_path(self, name: str) -> Path:
        return self.root / "run" / f"{name}.sock"

    def start(self) -> None:
        """Start the instance and wait until every port listens (errors carry the log)."""
        self.tool("postfix", "check", check=False)
        started = subprocess.run(
            [POSTFIX, "-c", str(self.config), "start"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if started.returncode != 0:
            raise RuntimeError(f"postfix start failed: {started.stderr.strip()}\n{self.log()}")
        for port in self.ports.values():
            if not wait_until(lambda p=port: listening(p), timeout=20):
                raise RuntimeError(f"postfix is not listening on {port}:\n{self.log()}")

    def stop(self) -> None:
        """Stop the instance and its sink; remove its directory unless asked to keep it."""
        subprocess.run(
            [POSTFIX, "-c", str(self.config), "stop"],
            capture_output=True,
            timeout=60,
            check=False,
        )
        pid = self.root / "spool" / "pid" / "master.pid"
        wait_until(lambda: not pid.exists(), timeout=10)
        self.sink.stop()
        if not os.environ.get("MAILWARDEN_KEEP_POSTFIX"):
            shutil.rmtree(self.root, ignore_errors=True)


def _master_ports(ports: dict[str, int], milters: dict[str, str], front_to: str) -> str:
    lines = []
    for name, port in ports.items():
        options = [f"-o syslog_name=postfix-{name}"]
        if name in milters:
            options.append(f"-o smtpd_milters={milters[name]}")
        if name == "front":
            options.append(f"-o content_filter=relay:[127.0.0.1]:{ports[front_to]}")
        lines.append(f"127.0.0.1:{port} inet n - n - - smtpd\n  " + "\n  ".join(options))
    return "\n".join(lines)


@contextlib.contextmanager
def private_postfix(
    milters: dict[str, str], front_to: str | None = None, extra_main: str = ""
) -> Iterator[Postfix]:
    """Start Postfix with one smtpd port per milter spec (name -> `unix:PATH`/`inet:H:P`),
    plus `bare` (no milter) and, when `front_to` names a milter port, `front`."""
    root = Path(tempfile.mkdtemp(prefix="mailwarden-postfix-"))
    root.chmod(0o755)  # Postfix's own processes run as the postfix user
    (root / "etc").mkdir()
    (root / "run").mkdir(mode=0o755)
    (root / "data").mkdir()
    (root / "spool").mkdir(mode=0o755)  # root's; `postfix check` makes the queues inside
    shutil.chown(root / "data", POSTFIX_USER, POSTFIX_USER)
    sink = Sink(free_port())
    sink.start()
    names = [*milters, "bare"] + (["front"] if front_to else [])
    ports = {name: free_port() for name in names}
    specs = {n: s.replace("{run}", str(root / "run")) for n, s in milters.items()}
    (root / "etc" / "main.cf").write_text(
        MAIN_CF.format(root=root, sink_port=sink.port) + extra_main
    )
    (root / "etc" / "master.cf").write_text(
        MASTER_CF.format(ports=_master_ports(ports, specs, front_to or ""))
    )
    postfix = Postfix(root, sink, ports)
    try:
        postfix.start()
        yield postfix
    finally:
        postfix.stop()


def listening(port: int) -> bool:
    """True when something accepts connections on 127.0.0.1:port."""
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class MilterProcess:
    """`mailwarden milter` in a subprocess, as it runs in production."""

    listen: str
    policy: str
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)
    args: tuple[str, ...] = ()
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = self.log_path.open("ab")
        command = [sys.executable, "-m", "mailwarden.cli", "milter", "--listen", self.listen]
        command += ["--policy", self.policy, "--socket-mode", "666", *self.args]
        self.process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **self.env},
        )
        log.close()
        if not wait_until(self._ready, timeout=60):
            raise RuntimeError(f"milter did not start:\n{self.log_path.read_text()}")

    def _ready(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise RuntimeError(f"milter exited:\n{self.log_path.read_text()}")
        return "listening on" in self.log_path.read_text(errors="replace") and self._accepts()

    def _accepts(self) -> bool:
        kind, _, rest = self.listen.partition(":")
        family = socket.AF_UNIX if kind == "unix" else socket.AF_INET
        with socket.socket(family) as sock:
            sock.settimeout(0.5)
            if kind == "unix":
                return sock.connect_ex(rest) == 0
            host, _, port = rest.rpartition(":")
            return sock.connect_ex((host, int(port))) == 0

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def terminate(self, timeout: float = 60) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None
