"""The Postfix (and Sendmail) milter: mail in flight in, a `Decision` out, milter replies back.

An adapter (house rule 1): it collects what the MTA tells it about one message (MAIL FROM,
every RCPT TO including Bcc, the SASL login `{auth_authen}`, the client address, the header
fields and the body), hands it to `decision.decide`, and translates the answer:

| decision | milter reply |
| --- | --- |
| reject | `550 5.7.1` with the clause and the fix, one ASCII line |
| hold | `SMFIR_QUARANTINE` (Postfix hold queue) with the reason, and `X-Mailwarden-Quarantine` |
| accept | the `X-Mailwarden-*` headers, the encryption route header, the subject tag |
| tempfail | `451 4.7.1` (the MTA keeps the message and retries) |

Each message on a connection starts from a clean state (MAIL FROM resets it). The body is
kept up to the size limit (`limits.max_message_bytes`); a larger message is held with that
reason, never dropped and never passed unjudged. The pack is loaded once and shared by every
connection thread (the engine is pure).

With a store (`MilterConfig.store_url`), outgoing mail is judged with the sender's recipient
history (cached per sender, `_milter_store.HistoryCache`); a message accepted and sent on
teaches that history, and a held one leaves a quarantine record, both written by a
background thread (`_milter_store.StoreWriter`). With `notices.warn`, the sender of a
message delivered with a `warn` gets a notice (`_milter_notices`). None of these can hold up
or lose mail: a store or relay that is down or slow is logged and counted, and the message
is judged and answered as it would be without it.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import logging
import signal
import threading
import time
import unicodedata
from dataclasses import dataclass, replace

from ..errors import MailwardenError
from ..policy.pack import Pack
from ..recipients.history import SenderHistory
from ._milter_notices import NoticeConfig, Notifier, compose_notice
from ._milter_store import HistoryCache, LazyStore, StoreCounters, StoreWriter
from ._milter_types import Handler, Reply
from .decision import Decision, GatewayEnvelope, GatewayOptions, _fault, decide, direction_of

__all__ = [
    "MilterConfig",
    "MilterError",
    "MilterServer",
    "Reply",
    "Session",
    "smtp_text",
    "translate",
]

log = logging.getLogger("mailwarden.milter")


class MilterError(MailwardenError):
    """The milter could not start or stopped by itself (one line, exit 2)."""


OWN_HEADERS = ("x-mailwarden-verdict", "x-mailwarden-findings", "x-mailwarden-quarantine")
"""Headers only the gateway may set: copies arriving with the message are removed."""
MAX_REPLY = 450
"""Characters of reply text: one SMTP line (RFC 5321: 512 octets with code and CRLF)."""
MAX_HEADER_LINE = 76
STOPPING = Reply("tempfail", "451", "4.3.2", "mail filter restarting; try again shortly")

_ASCII = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "£": "GBP ",
        " ": " ",
    }
)


@dataclass(frozen=True, slots=True)
class MilterConfig:
    """How the milter runs (settings `milter`, flags override)."""

    listen: str = "unix:/run/mailwarden/milter.sock"
    timeout: float = 60.0
    """Seconds one decision may take before the message gets the `on_error` answer."""
    drain_seconds: float = 30.0
    """On SIGTERM: how long messages in progress may take to finish before exit."""
    workers: int = 8
    """Threads that run decisions (the MTA connections themselves are libmilter's threads)."""
    mta_timeout: int = 600
    """libmilter's I/O timeout with the MTA, in seconds."""
    socket_mode: int = 0o660
    """Permissions of a unix socket (the MTA's user or group must be able to write to it)."""
    store_url: str = ""
    """The store for recipient history and quarantine records; "" runs without one."""
    retention_days: int = 396
    """Recipient history read for a decision: the last `retention_days` days."""
    history_ttl: float = 60.0
    """Seconds a sender's history is reused before it is read again."""
    history_cache_size: int = 5000
    """Senders whose history is cached (least recently used dropped first)."""
    history_wait: float = 2.0
    """Longest wait for a history read before the message is judged without it."""
    store_queue: int = 10_000
    """Learning and quarantine records waiting to be written; more are dropped and counted."""


def smtp_text(text: str, limit: int = MAX_REPLY) -> str:
    """One line of printable ASCII for an SMTP reply or header: no CR/LF, `%` doubled.

    Too long, the middle of the explanation is cut, so the clause (at the start) and the fix
    (after "Fix:") both survive.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    line = " ".join("".join(c if c.isprintable() else " " for c in ascii_text).split())
    room = limit
    while True:
        cut = _shorten(line, room)
        escaped = cut.replace("%", "%%")
        if len(escaped) <= limit:
            return escaped
        room -= len(escaped) - limit


def _shorten(line: str, limit: int) -> str:
    if len(line) <= limit:
        return line
    head, sep, fix = line.partition(" Fix: ")
    tail = f"{sep}{fix}" if sep and len(sep) + len(fix) < limit // 2 else ""
    room = limit - len(tail) - 3
    return (head[:room].rstrip() + "..." + tail)[:limit]


def _header_value(value: str) -> str:
    """ASCII, folded at ", " so no line passes MAX_HEADER_LINE where it can be helped."""
    text = smtp_text(value, limit=4000).replace("%%", "%")
    out: list[str] = []
    width = 0
    for i, piece in enumerate(text.split(", ")):
        item = piece if i == 0 else f", {piece}"
        if out and width + len(item) > MAX_HEADER_LINE:
            out.append(",\n\t")
            item = piece
            width = 1
        out.append(item)
        width += len(item)
    return "".join(out)


def translate(
    decision: Decision, subject: tuple[int, bytes] | None, own: tuple[tuple[str, int], ...]
) -> Reply:
    """The milter reply for a decision. `subject`: (index, raw value) of the first Subject;
    `own`: gateway headers that came with the message, to remove."""
    if decision.action == "reject":
        xcode, _, text = decision.reply.partition(" ")
        return Reply("reject", "550", xcode or "5.7.1", smtp_text(text))
    if decision.action == "tempfail":
        xcode, _, text = decision.reply.partition(" ")
        if not xcode.startswith("4."):
            xcode, text = "4.7.1", decision.reply or "policy check unavailable"
        return Reply("tempfail", "451", xcode, smtp_text(text))
    removals = tuple((name, index, "") for name, index in sorted(own, key=lambda o: -o[1]))
    added = tuple((name, _header_value(value)) for name, value in decision.headers)
    changes = removals
    if decision.subject_tag and decision.action == "accept":
        tag = smtp_text(decision.subject_tag, limit=100).replace("%%", "%")
        if subject is None:
            added += (("Subject", tag),)
        else:
            index, raw = subject
            current = raw.decode("utf-8", "replace").replace("\r\n", "\n")
            if not current.lstrip().startswith(tag):
                changes += (("Subject", index, f"{tag} {current.lstrip()}"),)
    if decision.action == "hold":
        reason = smtp_text(decision.reason or "held for review", limit=250).replace("%%", "%")
        return Reply("accept", add_headers=added, change_headers=changes, quarantine=reason)
    return Reply("accept", add_headers=added, change_headers=changes)


class Session:
    """One MTA connection: the state of the message in progress, reset at each MAIL FROM."""

    def __init__(self, server: MilterServer) -> None:
        self._server = server
        self._client = ""
        self._active = False
        self._reset()

    def _reset(self) -> None:
        self._mail_from = ""
        self._login = ""
        self._recipients: list[str] = []
        self._parts: list[bytes] = []
        self._in_body = False
        self._size = 0
        self._over = False
        self._counts: dict[str, int] = {}
        self._own: list[tuple[str, int]] = []
        self._subject: tuple[int, bytes] | None = None
        self._head_parts = 0
        self._automatic = False

    def _finish(self) -> None:
        if self._active:
            self._active = False
            self._server.message_done()
        self._reset()

    def connect(self, client_address: str) -> None:
        self._client = client_address

    def mail_from(self, address: str, auth_login: str, queue_id: str) -> Reply | None:
        self._finish()
        if not self._server.message_started():
            return STOPPING
        self._active = True
        self._mail_from = address.strip().strip("<>")
        self._login = auth_login
        return None

    def rcpt(self, address: str) -> None:
        self._recipients.append(address.strip().strip("<>"))

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._server.max_bytes:
            self._over = True
            self._parts.clear()  # what is kept is never judged: free it now
        if not self._over:
            self._parts.append(data)

    def _start_body(self) -> None:
        if not self._in_body:
            self._in_body = True
            self._head_parts = len(self._parts)
            self._keep(b"\r\n")

    def header(self, name: bytes, value: bytes) -> None:
        key = name.decode("ascii", "replace").lower()
        self._counts[key] = index = self._counts.get(key, 0) + 1
        if key in OWN_HEADERS:
            self._own.append((name.decode("ascii", "replace"), index))
        if key == "subject" and self._subject is None:
            self._subject = (index, value)
        if key == "auto-submitted" and value.strip().lower() not in (b"", b"no"):
            self._automatic = True
        folded = value.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        self._keep(name + b": " + folded + b"\r\n")

    def body(self, chunk: bytes) -> None:
        self._start_body()
        self._keep(chunk)

    def end(self, queue_id: str) -> Reply:
        started = time.perf_counter()
        try:
            self._start_body()
            envelope = GatewayEnvelope(
                mail_from=self._mail_from,
                recipients=tuple(self._recipients),
                auth_login=self._login,
                client_address=self._client,
            )
            if self._over:
                reason = (
                    f"message over the gateway's size limit ({self._size} bytes > "
                    f"{self._server.max_bytes}); not inspected"
                )
                decision = Decision(
                    "hold", reason=reason, headers=(("X-Mailwarden-Quarantine", reason),)
                )
            else:
                decision = self._server.judge(b"".join(self._parts), envelope)
            reply = translate(decision, self._subject, tuple(self._own))
            self._server.record(queue_id, decision, reply, time.perf_counter() - started)
            head = b"".join(self._parts[: self._head_parts]) if not self._over else b""
            self._server.after(
                queue_id, envelope, decision, reply, head=head, automatic=self._automatic
            )
            return reply
        finally:
            self._finish()

    def abort(self) -> None:
        self._finish()

    def close(self) -> None:
        self._finish()


class MilterServer:
    """The shared part: the pack, the options, the decision threads, messages in progress."""

    def __init__(
        self,
        pack: Pack,
        options: GatewayOptions,
        config: MilterConfig,
        notices: NoticeConfig | None = None,
    ) -> None:
        self.pack = pack
        self.options = options
        self.config = config
        self.max_bytes = options.limits.max_message_bytes
        self.counters = StoreCounters()
        self.store: LazyStore | None = None
        self.history: HistoryCache | None = None
        self.writer: StoreWriter | None = None
        if config.store_url:
            self.store = LazyStore(config.store_url)
            self.history = HistoryCache(
                self.store,
                retention_days=config.retention_days,
                ttl=config.history_ttl,
                max_senders=config.history_cache_size,
                wait_seconds=config.history_wait,
                counters=self.counters,
            )
            self.writer = StoreWriter(self.store, size=config.store_queue, counters=self.counters)
        notices = notices or NoticeConfig()
        self.notifier = Notifier(notices) if notices.warn else None
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=max(1, config.workers), thread_name_prefix="mailwarden-decide"
        )
        self._lock = threading.Condition()
        self._in_flight = 0
        self._stopping = False

    def handler(self) -> Handler:
        return Session(self)

    def message_started(self) -> bool:
        """Count a message in; False while stopping (the MTA is told to retry later)."""
        with self._lock:
            if self._stopping:
                return False
            self._in_flight += 1
            return True

    def message_done(self) -> None:
        with self._lock:
            self._in_flight -= 1
            self._lock.notify_all()

    @property
    def in_flight(self) -> int:
        with self._lock:
            return self._in_flight

    def history_of(self, envelope: GatewayEnvelope, now: dt.datetime) -> SenderHistory | None:
        """The sender's history for an outgoing message, when a store is configured and
        answers in time; None otherwise (the message is judged without it)."""
        if self.history is None:
            return None
        direction, sender, _ = direction_of(envelope, self.pack, self.options)
        if direction != "send":
            return None
        try:
            return self.history.get(sender, now)
        except Exception:  # never let history cost a message
            log.exception("history lookup failed")
            return None

    def judge(self, raw: bytes, envelope: GatewayEnvelope) -> Decision:
        now = dt.datetime.now(dt.UTC)
        history = self.history_of(envelope, now)
        future = self._pool.submit(
            decide, raw, envelope, self.pack, self.options, now=now, history=history
        )
        try:
            return future.result(timeout=self.config.timeout)
        except concurrent.futures.TimeoutError as exc:
            future.cancel()
            return replace(
                _fault(self.options, exc), reason=f"policy check over {self.config.timeout:g} s"
            )
        except Exception as exc:  # decide() does not raise for bad mail; this is our fault
            log.exception("decision failed")
            return _fault(self.options, exc)

    def record(self, queue_id: str, decision: Decision, reply: Reply, seconds: float) -> None:
        findings = ",".join(f"{f.rule}={f.clause}" for f in decision.findings if f.counts)
        overridden = ",".join(f"{f.rule}={f.clause}" for f in decision.findings if f.overridden)
        log.info(
            "queue=%s direction=%s verdict=%s action=%s%s findings=%s%s ms=%.1f",
            queue_id or "-",
            decision.direction,
            decision.verdict or "-",
            reply.action,
            "/hold" if reply.quarantine else "",
            findings or "none",
            f" overridden={overridden}" if overridden else "",
            seconds * 1000,
        )

    def after(
        self,
        queue_id: str,
        envelope: GatewayEnvelope,
        decision: Decision,
        reply: Reply,
        *,
        head: bytes,
        automatic: bool,
    ) -> None:
        """What follows the reply, off its path: learn from mail accepted and sent on, keep a
        record of held mail, notify the sender of a delivered `warn`. Never raises."""
        try:
            self._after(queue_id, envelope, decision, reply, head=head, automatic=automatic)
        except Exception:  # the reply is decided already; this must not change it
            log.exception("after-reply work failed (the message is not affected)")

    def _after(
        self,
        queue_id: str,
        envelope: GatewayEnvelope,
        decision: Decision,
        reply: Reply,
        *,
        head: bytes,
        automatic: bool,
    ) -> None:
        if self.writer is None and self.notifier is None:
            return
        now = dt.datetime.now(dt.UTC)
        _, sender, _ = direction_of(envelope, self.pack, self.options)
        if reply.quarantine:
            if self.writer is not None:
                self.writer.held(
                    queue_id=queue_id,
                    held_at=now,
                    sender=sender,
                    recipients=envelope.recipients,
                    reason=decision.reason or reply.quarantine,
                    verdict=str(decision.verdict) if decision.verdict else "unjudged",
                    findings=decision.findings,
                )
            return
        sent_on = reply.action == "accept" and decision.verdict is not None
        if not sent_on or decision.direction != "send":
            return
        if self.writer is not None and not automatic and head:
            self.writer.learn_from(head, sender, envelope.recipients, now)
        if self.notifier is not None and self.notifier.wants(decision.verdict, sender, automatic):
            self.notifier.send(
                compose_notice(
                    self.notifier.config,
                    sender,
                    decision.findings,
                    queue_id=queue_id,
                    at=now,
                    organisation=self.pack.organisation,
                )
            )

    def drain(self) -> int:
        """Refuse new messages (451, retried by the MTA) and wait up to `drain_seconds` for
        those in progress; returns how many remain."""
        deadline = time.monotonic() + self.config.drain_seconds
        with self._lock:
            self._stopping = True
            while self._in_flight > 0:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._lock.wait(timeout=min(left, 0.2))
            remaining = self._in_flight
        self._pool.shutdown(wait=remaining == 0, cancel_futures=remaining > 0)
        self.close_side_work()
        return remaining

    def close_side_work(self, timeout: float = 10.0) -> None:
        """Write what is queued for the store and send queued notices (up to `timeout`)."""
        if self.writer is not None:
            self.writer.close(timeout)
        if self.history is not None:
            self.history.close()
        if self.notifier is not None:
            self.notifier.close(timeout)
        if self.store is not None:
            log.info("store: %s", self.counters.summary())
            self.store.close()

    def warm_up(self) -> None:
        """Judge one small message each way before serving, so the first real message does
        not pay for lazy imports and compiled patterns (about 0.7 s), nor the first document
        the start of an extraction worker (about 0.4 s)."""
        from ..message.extract.worker import warm_up as start_extraction_worker

        start_extraction_worker(self.options.limits)
        raw = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: start\r\n\r\nHello.\r\n"
        for login in ("", "a@example.org"):
            envelope = GatewayEnvelope("a@example.org", ("b@example.org",), login, "192.0.2.1")
            self.judge(raw, envelope)

    def serve(self) -> int:
        """Serve until SIGTERM, SIGHUP or SIGINT, then stop gracefully: new messages get a
        451 (the MTA retries them), those in progress finish (up to `drain_seconds`), then
        the connections close. Returns the messages left unfinished."""
        from . import _milter_lib

        stop = threading.Event()
        signals = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
        previous = {s: signal.signal(s, lambda *_: stop.set()) for s in signals}
        try:
            self.warm_up()
            thread = _milter_lib.start(
                "mailwarden",
                self.config.listen,
                self.handler,
                timeout=self.config.mta_timeout,
                socket_mode=self.config.socket_mode,
            )
            while not stop.wait(0.5) and thread.is_alive():
                pass
            log.info("stopping: %d message(s) in progress", self.in_flight)
            remaining = self.drain()
            _milter_lib.stop()
            thread.join(timeout=2)  # libmilter notices the stop at its next poll; no need to wait
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
        log.info("stopped (%d message(s) left unfinished)", remaining)
        if _milter_lib.failure():
            raise MilterError(f"the milter stopped by itself: {_milter_lib.failure()}")
        return remaining
