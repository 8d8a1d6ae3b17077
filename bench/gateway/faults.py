"""Faults under load: the milter on a PostgreSQL store, through a real private Postfix.

    .venv/bin/python bench/gateway/faults.py --messages 2000 --sessions 10

Needs root, Postfix and PostgreSQL's server binaries (scripts/test installs them). A private
PostgreSQL (as the store tests start it: initdb in a temp dir, a loopback high port, run as
an unprivileged user) holds the store; `mailwarden milter --store URL` runs Norfolk's pack on
a unix socket, learning history from accepted mail and recording held mail.

1. **Throughput with a store**: the same corpus through Postfix with no milter, the milter
   without a store, and the milter with the PostgreSQL store (history read per sender
   through its cache, learning written in the background).
2. **Faults in one load run** (the corpus plus malformed messages and 50 MB messages mixed
   in, while `--idle` SMTP connections are held open and idle for the whole run):
   the milter is killed (SIGKILL) `--kill-at` seconds in and restarted 3 s later; the
   PostgreSQL server is stopped (`pg_ctl stop -m fast`) `--pg-stop-at` seconds in and
   started again `--pg-down` seconds later.

Clients retry a 4xx every second on a new connection, as an MTA does. At the end every
message sent is accounted for: delivered to the sink exactly once, held in the hold queue,
or refused with 5xx; lost and duplicated are counted. The milter's resident memory (its own
process and its extraction worker) is sampled every half second.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import importlib.util
import os
import random
import re
import smtplib
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [
    str(ROOT / "bench"),
    str(ROOT / "bench" / "gateway"),
    str(ROOT / "tests" / "gateway" / "postfix"),
]

from _postfix import MilterProcess, private_postfix  # noqa: E402
from milter_load import Mail, Result, account, corpus, run_load  # noqa: E402

from mailwarden.store import open_store  # noqa: E402

MB = 1024 * 1024


def _store_conftest() -> Any:
    """The store tests' PostgreSQL helpers (a conftest of another folder, loaded by path)."""
    spec = importlib.util.spec_from_file_location(
        "mailwarden_store_conftest", ROOT / "tests" / "store" / "conftest.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_pg = _store_conftest()
PostgresServer = _pg.PostgresServer


# -- PostgreSQL --------------------------------------------------------------------------------


@dataclass
class Postgres:
    server: PostgresServer
    log: Path

    @property
    def url(self) -> str:
        return self.server.url("mailwarden")

    def stop(self) -> None:
        pg_ctl = str(self.server.bindir / "pg_ctl")
        _pg._run(
            self.server.command(pg_ctl, "-D", str(self.server.datadir), "-m", "fast", "stop"),
            "stop",
        )

    def start(self) -> None:
        _pg._start(self.server, self.log)


def start_postgres(root: Path) -> Postgres:
    bindir = _pg.find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL server binaries not found (install 'postgresql')")
    run_as = _pg._ensure_user() if os.geteuid() == 0 else None
    if run_as:
        import pwd

        entry = pwd.getpwnam(run_as)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    server = PostgresServer(bindir, root / "data", _pg._free_port(), run_as)
    _pg._run(
        server.command(
            str(bindir / "initdb"),
            "-D",
            str(server.datadir),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ),
        "initdb",
    )
    postgres = Postgres(server, root / "server.log")
    postgres.start()
    from sqlalchemy import create_engine, text

    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text('CREATE DATABASE "mailwarden"'))
    admin.dispose()
    return postgres


# -- messages that are not the corpus ----------------------------------------------------------


def malformed(count: int, seed: int = 7) -> list[Mail]:
    """Broken in the ways real mail is: no header block, bad MIME, bad encodings, NULs."""
    rng = random.Random(seed)
    sender, to = "a.officer@norfolk.gov.uk", ["someone@example.org"]
    kinds = [
        b"this is not a header\r\nnor is this\r\n\r\nbody\r\n",
        b"From: a.officer@norfolk.gov.uk\r\nTo: someone@example.org\r\nSubject: broken\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        b"--b1\r\nContent-Type: text/plain\r\n\r\nno closing boundary, then garbage\r\n--b2\r\n",
        b"From: a.officer@norfolk.gov.uk\r\nTo: someone@example.org\r\nSubject: b64\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n!!!! not base64 at all ####\r\n",
        b"From: a.officer@norfolk.gov.uk\r\nTo: someone@example.org\r\n"
        b"Subject: =?utf-8?B?////?=\r\nContent-Type: text/plain; charset=x-unknown-charset"
        b"\r\n\r\n\x00\x01\x02 binary \xff\xfe\r\n",
        b"From: a.officer@norfolk.gov.uk\r\nTo: someone@example.org\r\nSubject: deep\r\n"
        b'Content-Type: multipart/mixed; boundary="x"\r\n\r\n'
        + b"".join(
            f'--x\r\nContent-Type: multipart/mixed; boundary="x{i}"\r\n\r\n'.encode()
            for i in range(60)
        ),
        b"From: a.officer@norfolk.gov.uk\r\nTo: someone@example.org\r\nSubject: attachment\r\n"
        b'Content-Type: multipart/mixed; boundary="z"\r\n\r\n--z\r\nContent-Type: '
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document; name=a.docx\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(b"PK\x03\x04 not really a zip" + rng.randbytes(2000))
        + b"--z--\r\n",
    ]
    return [Mail(sender, to, kinds[n % len(kinds)]) for n in range(count)]


def huge(count: int, size: int = 50 * MB, seed: int = 11) -> list[Mail]:
    """50 MB messages: a binary attachment, and a plain text body of that size."""
    rng = random.Random(seed)
    mails: list[Mail] = []
    for n in range(count):
        head = (
            b"From: a.officer@norfolk.gov.uk\r\nTo: someone@example.org\r\n"
            + f"Subject: big {n}\r\nMessage-ID: <big{n}@norfolk.gov.uk>\r\n".encode()
            + b"MIME-Version: 1.0\r\n"
        )
        if n % 2 == 0:
            payload = base64.encodebytes(rng.randbytes(size * 3 // 4))
            raw = (
                head + b'Content-Type: multipart/mixed; boundary="q"\r\n\r\n--q\r\n'
                b"Content-Type: text/plain\r\n\r\nThe export, as agreed.\r\n--q\r\n"
                b"Content-Type: application/octet-stream; name=export.bin\r\n"
                b"Content-Transfer-Encoding: base64\r\n\r\n" + payload + b"--q--\r\n"
            )
        else:
            line = b"Minutes of the highways working group, item continued. " * 2 + b"\r\n"
            raw = head + b"Content-Type: text/plain\r\n\r\n" + line * (size // len(line))
        mails.append(Mail("a.officer@norfolk.gov.uk", ["someone@example.org"], raw))
    return mails


# -- memory ------------------------------------------------------------------------------------


def _rss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
    return int(found.group(1)) if found else 0


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            kids.append(int(entry.name))
    return kids


@dataclass
class Memory:
    """RSS of the milter process and its children (MB), sampled in a thread."""

    milter: MilterProcess
    samples: list[tuple[float, float, float]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        began = time.monotonic()
        while not self.stop.wait(0.5):
            process = self.milter.process
            if process is None or process.poll() is not None:
                continue
            own = _rss_kb(process.pid)
            kids = sum(_rss_kb(k) for k in _children(process.pid))
            self.samples.append((time.monotonic() - began, own / 1024, kids / 1024))

    def summary(self) -> str:
        if not self.samples:
            return "no samples"
        own = [s[1] for s in self.samples if s[1]]
        kids = [s[2] for s in self.samples]
        third = max(1, len(own) // 3)
        return (
            f"milter RSS MB: first {own[0]:.0f}, median {statistics.median(own):.0f}, "
            f"max {max(own):.0f}, last third max {max(own[-third:]):.0f}, last {own[-1]:.0f}; "
            f"extraction worker max {max(kids):.0f} MB; {len(self.samples)} samples"
        )


def hold_idle(port: int, count: int, stop: threading.Event) -> list[smtplib.SMTP]:
    """`count` SMTP sessions opened, greeted, then left idle until `stop`."""
    held: list[smtplib.SMTP] = []
    for _ in range(count):
        try:
            smtp = smtplib.SMTP("127.0.0.1", port, timeout=30)
            smtp.ehlo()
            held.append(smtp)
        except (OSError, smtplib.SMTPException):
            break
    return held


def store_counts(url: str) -> tuple[int, int]:
    with open_store(url) as store:
        senders = store.senders()
        held = store.quarantined()
    return sum(n for _, n, _ in senders), len(held)


def main() -> None:  # noqa: PLR0915
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--per-connection", type=int, default=20)
    parser.add_argument("--malformed", type=int, default=30)
    parser.add_argument("--huge", type=int, default=2, help="50 MB messages in the fault run")
    parser.add_argument("--idle", type=int, default=40, help="idle connections held open")
    parser.add_argument("--kill-at", type=float, default=4.0)
    parser.add_argument("--pg-stop-at", type=float, default=14.0)
    parser.add_argument("--pg-down", type=float, default=8.0)
    parser.add_argument("--max-tries", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=2, help="clean runs per configuration")
    parser.add_argument(
        "--limit-mb", type=int, default=40, help="the milters' limits.max_message_bytes, in MB"
    )
    args = parser.parse_args()

    mails = corpus(args.messages)
    size = statistics.mean(len(m.raw) for m in mails) / 1024
    work = Path(tempfile.mkdtemp(prefix="mailwarden-faults-"))
    work.chmod(0o755)  # PostgreSQL runs as an unprivileged user below it
    (work / "pg").mkdir()
    postgres = start_postgres(work / "pg")
    milters = {"store": "unix:{run}/store.sock", "nostore": "unix:{run}/nostore.sock"}
    # As docs/deployment-postfix.md suggests for a small host: bigger mail is held unread.
    limits = {"MAILWARDEN_LIMITS": f"{{max_message_bytes: {args.limit_mb * MB}}}"}
    results: list[Result] = []
    lines: list[str] = []
    try:
        with private_postfix(milters) as postfix:
            stored = MilterProcess(
                f"unix:{postfix.socket_path('store')}",
                "norfolk",
                work / "store.log",
                args=("--store", postgres.url),
                env=limits,
            )
            plain = MilterProcess(
                f"unix:{postfix.socket_path('nostore')}",
                "norfolk",
                work / "nostore.log",
                env=limits,
            )
            stored.start()
            plain.start()
            memory = Memory(stored)
            sampler = threading.Thread(target=memory.run, daemon=True)
            sampler.start()
            try:
                for name in ("nostore", "store"):
                    run_load(
                        "warm-up",
                        postfix.ports[name],
                        mails[:100],
                        sessions=args.sessions,
                        per_connection=20,
                    )
                postfix.tool("postsuper", "-d", "ALL", "hold", check=False)
                for name in [
                    n
                    for r in range(args.rounds)
                    for n in random.Random(r).sample(["bare", "nostore", "store"], 3)
                ]:
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
                learned_before, _ = store_counts(postgres.url)

                extra = malformed(args.malformed) + huge(args.huge)
                mixed = list(mails)
                for n, mail in enumerate(extra):
                    mixed.insert((n * 97) % len(mixed), mail)
                stop_idle = threading.Event()
                idle = hold_idle(postfix.ports["store"], args.idle, stop_idle)
                events: list[str] = []
                began = time.monotonic()

                def faults() -> None:
                    time.sleep(args.kill_at)
                    stored.kill()
                    events.append(f"{time.monotonic() - began:.1f} s: milter killed (SIGKILL)")
                    time.sleep(3.0)
                    stored.start()
                    events.append(f"{time.monotonic() - began:.1f} s: milter serving again")
                    time.sleep(max(0.0, args.pg_stop_at - (time.monotonic() - began)))
                    postgres.stop()
                    events.append(f"{time.monotonic() - began:.1f} s: PostgreSQL stopped")
                    time.sleep(args.pg_down)
                    postgres.start()
                    events.append(f"{time.monotonic() - began:.1f} s: PostgreSQL started")

                fault = run_load(
                    "faults",
                    postfix.ports["store"],
                    mixed,
                    sessions=args.sessions,
                    per_connection=args.per_connection,
                    during=threading.Thread(target=faults),
                    max_tries=args.max_tries,
                )
                events.append(f"{time.monotonic() - began:.1f} s: last message answered")
                alive = 0
                for smtp in idle:
                    try:
                        alive += smtp.noop()[0] == 250
                        smtp.quit()
                    except (OSError, smtplib.SMTPException):
                        pass
                held_queue = len(postfix.held())
                account(fault, mixed, postfix)
                time.sleep(3.0)
                learned_after, quarantined = store_counts(postgres.url)
                stored.terminate()
                memory.stop.set()
                log = (work / "store.log").read_text(errors="replace")
                counters = re.findall(r"store: (history .*)", log)
                warnings = [
                    line.split("milter: ", 1)[-1]
                    for line in log.splitlines()
                    if "store unavailable" in line or "available again" in line
                ]
            finally:
                for process in (stored, plain):
                    if process.alive():
                        process.terminate()
    finally:
        with contextlib.suppress(RuntimeError):
            postgres.stop()

    best: dict[str, Result] = {}
    for r in results:
        if r.name not in best or r.rate > best[r.name].rate:
            best[r.name] = r
    bare = best["bare"]
    labels = {
        "bare": "Postfix, no milter",
        "nostore": "milter, Norfolk pack, no store",
        "store": "milter, Norfolk pack, PostgreSQL store (history + learning)",
    }
    lines.append(
        f"{args.messages} messages (avg {size:.1f} KB), {args.sessions} sessions, up to "
        f"{args.per_connection} per connection; best of {args.rounds} rounds\n"
    )
    lines.append("| configuration | msgs/s | vs no milter | p50 ms | p99 ms |")
    lines.append("|---|---:|---:|---:|---:|")
    for r in (best["bare"], best["nostore"], best["store"]):
        lines.append(
            f"| {labels[r.name]} | {r.rate:,.0f} | {r.rate / bare.rate:.0%} | "
            f"{r.pct(0.5):.1f} | {r.pct(0.99):.1f} |"
        )
    lines.append(
        f"\nFault run: {len(mixed)} messages ({args.messages} corpus, {args.malformed} "
        f"malformed, {args.huge} of 50 MB), {len(idle)} idle connections held open "
        f"({alive} still open at the end)"
    )
    lines += [f"- {e}" for e in events]
    lines.append(
        "\n| sent | delivered once | held | refused 5xx | retried after 4xx | gave up | lost "
        "| duplicated |"
    )
    lines.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
    lines.append(
        f"| {fault.sent + fault.gave_up} | {fault.delivered} | {fault.held} | {fault.rejected} | "
        f"{fault.retried} | {fault.gave_up} | {fault.lost} | {fault.duplicated} |"
    )
    lines.append(f"\nhold queue before accounting: {held_queue}; quarantine records: {quarantined}")
    lines.append(f"history messages in the store: {learned_before} before, {learned_after} after")
    lines.append(f"milter store counters at its last stop: {counters[-1] if counters else '-'}")
    lines.append("store log lines: " + ("; ".join(warnings) if warnings else "none"))
    lines.append(memory.summary())
    print("\n".join(lines))


if __name__ == "__main__":
    main()
