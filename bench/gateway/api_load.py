"""Pre-send API under load: p50/p99 latency of `POST /v1/check` at a fixed request rate.

Run:  .venv/bin/python bench/gateway/api_load.py [--rate 50] [--seconds 60] [--warmup 5]
          [--prime 200] [--count 1000] [--seed 20260105] [--pack norfolk]
          [--json FILE]

Two processes on loopback: this script is the load generator, and it starts
`mailwarden serve` (one uvicorn process, the default worker pool) as the other. The drafts are
the typical set of bench/check/corpus.py (seeded outgoing council mail, 0.7–10 KB, a third
with an HTML part), turned into the JSON drafts an Outlook add-in sends (from, to, cc,
subject, body_text, body_html).

The load is open-loop: request i is started at t0 + i / rate whether or not earlier ones have
been answered, over a pool of keep-alive connections, and its latency is counted from when it
was due, so a slow server cannot hide its queue (no coordinated omission). The client is a
small asyncio HTTP/1.1 client with the requests encoded before the run, so the generator costs
far less than the server (an httpx AsyncClient, tried first, was itself the bottleneck on a
busy 2-core machine). Before the run, `--prime` drafts are sent one at a time (lazy loading is
not load); then requests in the first `--warmup` seconds are sent but not counted.

Reported: requests, errors, achieved rate, p50/p90/p99/max latency, the verdict mix, the
server's own view (its latency histogram, from /metrics), the server process's CPU time per
request, the machine's load average, and how long the server's threads waited for a CPU
while runnable (Linux schedstat): the development machine is shared, and that wait is what
the tail of the latency is made of when other work takes the cores.
"""

from __future__ import annotations

import argparse
import asyncio
import email
import email.policy
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent / "check"))

from corpus import DEFAULT_SEED, generate  # noqa: E402

API_KEY = "bench-load-key-0123456789"
TIMELINE: list[tuple[float, float]] = []  # (due second, latency) of each request, for diagnosis


def draft_of(data: bytes) -> dict[str, Any]:
    """The JSON draft a mail client would hold for these bytes."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    text = message.get_body(("plain",))
    html = message.get_body(("html",))

    def addresses(name: str) -> list[str]:
        header = message.get(name)
        return [str(a) for a in header.addresses] if header else []

    return {
        "from": str(message["From"]),
        "to": addresses("To"),
        "cc": addresses("Cc"),
        "bcc": [],
        "subject": str(message["Subject"] or ""),
        "body_text": text.get_content() if text is not None else "",
        "body_html": html.get_content() if html is not None else None,
        "attachments": [],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(pack: str, port: int, workdir: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILWARDEN_")}
    env |= {
        "MAILWARDEN_API_KEYS": json.dumps([API_KEY]),
        "MAILWARDEN_POLICY": pack,
        "MAILWARDEN_OVERRIDE_SIGNING_KEY": "bench-signing-key",
    }
    command = [str(Path(sys.executable).with_name("mailwarden")), "serve", "--port", str(port)]
    server = subprocess.Popen(
        command, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mailwarden serve exited: {server.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("mailwarden serve did not start in 60 s")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _runqueue_wait(pid: int) -> float:
    """Seconds the process's threads have spent runnable but waiting for a CPU (schedstat)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1e9


def _histogram(metrics: str) -> dict[float, float]:
    buckets = {}
    for line in metrics.splitlines():
        if line.startswith("mailwarden_api_check_seconds_bucket"):
            le = line.split('le="', 1)[1].split('"', 1)[0]
            buckets[float("inf") if le == "+Inf" else float(le)] = float(line.rsplit(" ", 1)[1])
    return buckets


def _quantile_from_buckets(buckets: dict[float, float], q: float) -> float:
    total = buckets.get(float("inf"), 0.0)
    for le in sorted(buckets):
        if buckets[le] >= q * total:
            return le
    return float("inf")


class _Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough HTTP for this benchmark.

    A lean client on purpose: requests are encoded once before the run, and a response is
    read by its Content-Length, so the generator's own cost stays far below the server's.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def exchange(self, request: bytes) -> tuple[int, bytes]:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)


def encode_requests(port: int, drafts: list[dict[str, Any]]) -> list[bytes]:
    requests = []
    for draft in drafts:
        body = json.dumps(draft).encode("utf-8")
        head = (
            f"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Authorization: Bearer {API_KEY}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        requests.append(head.encode("ascii") + body)
    return requests


async def run_load(
    port: int, requests: list[bytes], rate: float, seconds: float, warmup: float
) -> tuple[list[float], Counter[str], int, float]:
    total = int(rate * (seconds + warmup))
    latencies: list[float] = []
    verdicts: Counter[str] = Counter()
    errors = 0
    idle: asyncio.Queue[_Connection] = asyncio.Queue()
    for _ in range(32):
        idle.put_nowait(_Connection(*await asyncio.open_connection("127.0.0.1", port)))
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.2

    async def one(i: int) -> None:
        nonlocal errors
        due = start + i / rate
        await asyncio.sleep(max(0.0, due - loop.time()))
        connection = await idle.get()
        try:
            status, body = await connection.exchange(requests[i % len(requests)])
            ok = status == 200
            verdict = json.loads(body).get("verdict", "?") if ok else f"HTTP {status}"
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            ok, verdict = False, type(exc).__name__
            connection = _Connection(*await asyncio.open_connection("127.0.0.1", port))
        idle.put_nowait(connection)
        took = loop.time() - due
        if i / rate >= warmup:
            TIMELINE.append((i / rate, took))
            latencies.append(took)
            verdicts[verdict] += 1
            errors += 0 if ok else 1

    await asyncio.gather(*(one(i) for i in range(total)))
    elapsed = loop.time() - start - warmup
    while not idle.empty():
        idle.get_nowait().writer.close()
    return latencies, verdicts, errors, elapsed


def warm(url: str, drafts: list[dict[str, Any]]) -> None:
    """Sequential requests first: lazy loading (detector tables, pack) is not load."""
    headers = {"Authorization": f"Bearer {API_KEY}"}
    with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
        for draft in drafts:
            client.post("/v1/check", json=draft).raise_for_status()


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=50.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=60.0, help="measured duration")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds not counted")
    parser.add_argument("--prime", type=int, default=200, help="sequential requests first")
    parser.add_argument("--count", type=int, default=1000, help="distinct drafts (cycled)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--pack", default="norfolk")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)

    drafts = [draft_of(m.data) for m in generate(args.count, args.seed)]
    sizes = sorted(len(json.dumps(d)) for d in drafts)
    port = _free_port()
    requests = encode_requests(port, drafts)
    with tempfile.TemporaryDirectory() as workdir:
        server = start_server(args.pack, port, workdir)
        try:
            url = f"http://127.0.0.1:{port}"
            warm(url, drafts[: args.prime])
            cpu_before = _cpu_seconds(server.pid)
            wait_before = _runqueue_wait(server.pid)
            before = _histogram(httpx.get(f"{url}/metrics").text)
            load_before = os.getloadavg()[0]
            latencies, verdicts, errors, elapsed = asyncio.run(
                run_load(port, requests, args.rate, args.seconds, args.warmup)
            )
            load_after = os.getloadavg()[0]
            after = _histogram(httpx.get(f"{url}/metrics").text)
            cpu = _cpu_seconds(server.pid) - cpu_before
            waited = _runqueue_wait(server.pid) - wait_before
        finally:
            server.terminate()
            server.wait(timeout=30)
    served = {le: after[le] - before.get(le, 0.0) for le in after}
    requests = len(latencies)
    figures = {
        "date": time.strftime("%Y-%m-%d"),
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "pack": args.pack,
        "rate_target": args.rate,
        "rate_achieved": round(requests / elapsed, 1) if elapsed > 0 else 0.0,
        "requests": requests,
        "errors": errors,
        "draft_json_bytes_median": sizes[len(sizes) // 2],
        "p50_ms": round(_ms(latencies, 0.50), 2),
        "p90_ms": round(_ms(latencies, 0.90), 2),
        "p99_ms": round(_ms(latencies, 0.99), 2),
        "max_ms": round(1000 * max(latencies), 2),
        "mean_ms": round(1000 * statistics.fmean(latencies), 2),
        "server_p99_bucket_ms": 1000 * _quantile_from_buckets(served, 0.99),
        "server_cpu_ms_per_request": round(1000 * cpu / max(1, sum(verdicts.values())), 2),
        "verdicts": dict(verdicts.most_common()),
        "load_average_1min": [round(load_before, 2), round(load_after, 2)],
        "server_runqueue_wait_s": round(waited, 2),
    }
    print(
        "| rate (target → achieved) | requests | errors | p50 ms | p90 ms | p99 ms | max ms |"
        " server p99 ≤ | server CPU ms/req |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {args.rate:g} → {figures['rate_achieved']} | {requests} | {errors} "
        f"| {figures['p50_ms']} | {figures['p90_ms']} | {figures['p99_ms']} "
        f"| {figures['max_ms']} | {figures['server_p99_bucket_ms']:g} ms "
        f"| {figures['server_cpu_ms_per_request']} |"
    )
    print(f"verdicts: {figures['verdicts']}")
    print(
        f"machine load average (1 min) before/after: {figures['load_average_1min']}; "
        f"server waited {figures['server_runqueue_wait_s']} s for a CPU "
        f"(used {round(cpu, 2)} s)"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
