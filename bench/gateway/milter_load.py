"""Mail through a real, private Postfix: no milter, the mailwarden milter with no rules, and
with Norfolk's pack (over a unix socket and over TCP), then Norfolk's with the milter killed
in the middle of the run and restarted.

    .venv/bin/python bench/gateway/milter_load.py --messages 2000 --sessions 10

Needs root and Postfix (scripts/test installs it). The corpus is the seeded one of the
parsing benchmark (`bench/corpus.py`: 70% plain replies with history and a signature, 20%
HTML, 10% with a PDF/DOCX/XLSX attachment, from norfolk.gov.uk to outside addresses) mixed
with Norfolk's pack corpus (`tests/packs/corpus/norfolk`: blocks, holds, encrypts, warnings),
one in ten. `--sessions` SMTP clients send in parallel, each over one connection for up to
`--per-connection` messages. Latency is per message, from MAIL FROM to the reply to the end
of DATA. A message refused with 4xx is sent again after a second, as an MTA would.

At the end every message is accounted for: delivered to the sink exactly once, held in the
hold queue, or refused with 5xx. Anything lost or duplicated is reported.
"""

from __future__ import annotations

import argparse
import contextlib
import queue
import random
import smtplib
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from email import message_from_bytes
from email.utils import getaddresses
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests" / "gateway" / "postfix")]

from _postfix import MilterProcess, free_port, private_postfix, wait_until  # noqa: E402

from corpus import generate  # noqa: E402
from mailwarden.policy.loader import load_pack  # noqa: E402


@dataclass
class Mail:
    mail_from: str
    recipients: list[str]
    raw: bytes
    bench_id: str = ""


@dataclass
class Result:
    name: str
    sent: int = 0
    accepted: int = 0
    rejected: int = 0
    retried: int = 0
    gave_up: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    delivered: int = 0
    held: int = 0
    lost: int = 0
    duplicated: int = 0

    @property
    def rate(self) -> float:
        return self.sent / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def corpus(count: int) -> list[Mail]:
    pack_mails = sorted((ROOT / "tests" / "packs" / "corpus" / "norfolk").glob("*.eml"))
    generated = [s.data for s in generate(count)]
    mails: list[Mail] = []
    for n, made in enumerate(generated):
        raw = pack_mails[(n // 10) % len(pack_mails)].read_bytes() if n % 10 == 9 else made
        parsed = message_from_bytes(raw)
        sender = getaddresses(parsed.get_all("From", []))[0][1]
        fields = [*parsed.get_all("To", []), *parsed.get_all("Cc", []), *parsed.get_all("Bcc", [])]
        recipients = [a for _, a in getaddresses(fields) if a] or ["someone@example.org"]
        mails.append(Mail(sender, recipients, raw))
    return mails


def no_rules_pack(folder: Path) -> Path:
    pack = load_pack("norfolk")
    lines = ["extends: norfolk", "rules:"]
    lines += [f"  - {{id: {b.id}, enabled: false}}" for b in pack.bindings]
    path = folder / "no-rules.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def run_load(  # noqa: PLR0915
    name: str,
    port: int,
    mails: list[Mail],
    *,
    sessions: int,
    per_connection: int,
    during: threading.Thread | None = None,
    max_tries: int = 0,
) -> Result:
    result = Result(name)
    work: queue.Queue[tuple[Mail, int]] = queue.Queue()
    for mail in mails:
        mail.bench_id = uuid.uuid4().hex
        work.put((mail, 0))
    pending = threading.Semaphore(0)
    lock = threading.Lock()
    outstanding = [len(mails)]

    def worker() -> None:  # noqa: PLR0915
        smtp: smtplib.SMTP | None = None
        used = 0
        while True:
            with lock:
                if outstanding[0] == 0:
                    break
            try:
                mail, tries = work.get(timeout=0.2)
            except queue.Empty:
                continue
            raw = f"X-Bench-Id: {mail.bench_id}\r\n".encode() + mail.raw
            started = time.perf_counter()
            code = 0
            try:
                if smtp is None or used >= per_connection:
                    if smtp is not None:
                        smtp.quit()
                    smtp, used = smtplib.SMTP("127.0.0.1", port, timeout=120), 0
                    smtp.ehlo()
                used += 1
                code = smtp.mail(mail.mail_from)[0]
                if code == 250:
                    for recipient in mail.recipients:
                        smtp.rcpt(recipient)
                    code = smtp.data(raw)[0]
                else:
                    smtp.rset()
            except (smtplib.SMTPException, OSError):
                code, smtp = 421, None
            elapsed = time.perf_counter() - started
            if 400 <= code < 500:
                # As an MTA does: give up this connection (Postfix's smtpd keeps refusing for
                # the rest of a session whose milter connection broke) and retry later.
                if smtp is not None:
                    with contextlib.suppress(smtplib.SMTPException, OSError):
                        smtp.quit()
                smtp = None
                with lock:
                    result.retried += 1
                    give_up = bool(max_tries) and tries + 1 >= max_tries
                    if give_up:  # as an MTA's bounce after its queue lifetime
                        result.gave_up += 1
                        outstanding[0] -= 1
                if not give_up:
                    threading.Timer(1.0, work.put, args=((mail, tries + 1),)).start()
                continue
            with lock:
                result.sent += 1
                result.latencies.append(elapsed)
                if code == 250:
                    result.accepted += 1
                else:
                    result.rejected += 1
                outstanding[0] -= 1
                if outstanding[0] == 0:
                    pending.release()
        if smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                smtp.quit()

    threads = [threading.Thread(target=worker) for _ in range(sessions)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    if during is not None:
        during.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    if during is not None:
        during.join()
    return result


def account(result: Result, mails: list[Mail], postfix: object) -> None:
    """Delivered exactly once, held, or refused: count what is not."""
    ids = {m.bench_id for m in mails}
    sink = postfix.sink  # type: ignore[attr-defined]

    def counts() -> dict[str, int]:
        with sink.lock:
            seen: dict[str, int] = {}
            for delivered in sink.received:
                head = delivered.data[:4000]
                marker = head.find(b"X-Bench-Id: ")
                if marker >= 0:
                    key = head[marker + 12 : marker + 44].decode()
                    if key in ids:
                        seen[key] = seen.get(key, 0) + 1
            return seen

    held = list(postfix.held())  # type: ignore[attr-defined]
    expected = result.accepted - len(held)
    wait_until(lambda: len(counts()) >= expected, timeout=120, step=0.5)
    seen = counts()
    result.delivered = len(seen)
    result.duplicated = sum(v - 1 for v in seen.values())
    result.held = len(held)
    result.lost = result.accepted - result.delivered - result.held
    postfix.tool("postsuper", "-d", "ALL", "hold", check=False)  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--per-connection", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    mails = corpus(args.messages)
    size = statistics.mean(len(m.raw) for m in mails) / 1024
    work = Path(tempfile.mkdtemp(prefix="mailwarden-bench-"))
    tcp_port = free_port()
    milters = {
        "norules": "unix:{run}/norules.sock",
        "norfolk": "unix:{run}/norfolk.sock",
        "norfolk-tcp": f"inet:127.0.0.1:{tcp_port}",
    }
    results: list[Result] = []
    with private_postfix(milters) as postfix:
        processes = {
            "norules": MilterProcess(
                f"unix:{postfix.socket_path('norules')}", str(no_rules_pack(work)), work / "a.log"
            ),
            "norfolk": MilterProcess(
                f"unix:{postfix.socket_path('norfolk')}", "norfolk", work / "b.log"
            ),
            "norfolk-tcp": MilterProcess(f"inet:127.0.0.1:{tcp_port}", "norfolk", work / "c.log"),
        }
        for process in processes.values():
            process.start()
        try:
            for name in processes:
                run_load(
                    "warm-up",
                    postfix.ports[name],
                    mails[:100],
                    sessions=args.sessions,
                    per_connection=20,
                )
            postfix.tool("postsuper", "-d", "ALL", "hold", check=False)
            order = ["bare", "norules", "norfolk", "norfolk-tcp"]
            for _ in range(args.rounds):
                for name in random.Random(len(results)).sample(order, len(order)):
                    result = run_load(
                        name,
                        postfix.ports[name],
                        mails,
                        sessions=args.sessions,
                        per_connection=args.per_connection,
                    )
                    account(result, mails, postfix)
                    results.append(result)
                    print(f"  {name}: {result.rate:.0f} msgs/s", file=sys.stderr)

            victim = processes["norfolk"]

            def outage() -> None:
                time.sleep(2.0)
                victim.kill()
                time.sleep(3.0)
                victim.start()

            fault = run_load(
                "norfolk, milter killed 2 s in, back 3 s later",
                postfix.ports["norfolk"],
                mails,
                sessions=args.sessions,
                per_connection=args.per_connection,
                during=threading.Thread(target=outage),
            )
            account(fault, mails, postfix)
        finally:
            for process in processes.values():
                if process.alive():
                    process.terminate()

    report(results, fault, args, size)


def report(results: list[Result], fault: Result, args: argparse.Namespace, size: float) -> None:
    by_name: dict[str, list[Result]] = {}
    for result in results:
        by_name.setdefault(result.name, []).append(result)

    def best(name: str) -> Result:
        return max(by_name[name], key=lambda r: r.rate)

    bare = best("bare")
    labels = {
        "bare": "Postfix, no milter",
        "norules": "mailwarden milter, no rules (unix socket)",
        "norfolk": "mailwarden milter, Norfolk pack (unix socket)",
        "norfolk-tcp": "mailwarden milter, Norfolk pack (TCP, TCP_NODELAY)",
    }
    print(
        f"\n{args.messages} messages (avg {size:.1f} KB), {args.sessions} parallel sessions, "
        f"up to {args.per_connection} per connection; best of {args.rounds} rounds\n"
    )
    print("| configuration | msgs/s | vs no milter | p50 ms | p99 ms | p99 added ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in ("bare", "norules", "norfolk", "norfolk-tcp"):
        r = best(name)
        print(
            f"| {labels[name]} | {r.rate:,.0f} | {r.rate / bare.rate:.0%} | {r.pct(0.5):.1f} | "
            f"{r.pct(0.99):.1f} | {max(0.0, r.pct(0.99) - bare.pct(0.99)):.1f} |"
        )
    print(
        "\n| run | sent | delivered | held | refused 5xx | retried after 4xx | lost | duplicated |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in [*results, fault]:
        print(
            f"| {labels.get(r.name, r.name)} | {r.sent} | {r.delivered} | {r.held} | "
            f"{r.rejected} | {r.retried} | {r.lost} | {r.duplicated} |"
        )


if __name__ == "__main__":
    main()
