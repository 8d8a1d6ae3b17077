"""A real, private Postfix with mailwarden milters in front of an SMTP sink (no mock Postfix).

Three milters run as subprocesses, as in production: Norfolk's pack on a unix socket,
Telford's on TCP (so both transports are exercised), and a `stateful` one (Telford's pack on
a unix socket) with a SQLite store, an override signing key and sender notices relayed
straight to the sink. Postfix has one smtpd port per milter, a `bare` port with none, and a
`front` port that queues and forwards to the Norfolk port (an upstream MTA in miniature, for
the outage test).

Without Postfix (or root) the tests are skipped with the reason on a developer machine and
fail under CI (`CI=true`), where scripts/test has installed everything.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from ._postfix import MilterProcess, Postfix, free_port, postfix_available, private_postfix

TELFORD_SIZE_LIMIT = 300_000
"""The Telford milter's `limits.max_message_bytes`, so the over-size test stays small."""
SIGNING_KEY = "test-override-signing-key-0123456789"
NOTICE_FROM = "mailwarden@telford.gov.uk"


@dataclass
class Gateway:
    postfix: Postfix
    norfolk: MilterProcess
    telford: MilterProcess
    stateful: MilterProcess
    store_url: str


@pytest.fixture(scope="session")
def gateway() -> Iterator[Gateway]:
    reason = postfix_available()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the Postfix gateway tests cannot run under CI: {reason}")
        pytest.skip(reason)
    telford_port = free_port()
    milters = {
        "norfolk": "unix:{run}/norfolk.sock",
        "telford": f"inet:127.0.0.1:{telford_port}",
        "stateful": "unix:{run}/stateful.sock",
    }
    with private_postfix(milters, front_to="norfolk") as postfix:
        norfolk = MilterProcess(
            f"unix:{postfix.socket_path('norfolk')}", "norfolk", postfix.root / "norfolk.log"
        )
        telford = MilterProcess(
            f"inet:127.0.0.1:{telford_port}",
            "telford",
            postfix.root / "telford.log",
            env={"MAILWARDEN_LIMITS": f"{{max_message_bytes: {TELFORD_SIZE_LIMIT}}}"},
        )
        store_url = f"sqlite:///{postfix.root / 'state' / 'mailwarden.db'}"
        notices = f"{{warn: true, from: {NOTICE_FROM}, relay: '127.0.0.1:{postfix.sink.port}'}}"
        stateful = MilterProcess(
            f"unix:{postfix.socket_path('stateful')}",
            "telford",
            postfix.root / "stateful.log",
            env={
                "MAILWARDEN_STORE_URL": store_url,
                "MAILWARDEN_OVERRIDE_SIGNING_KEY": SIGNING_KEY,
                "MAILWARDEN_NOTICES": notices,
            },
        )
        norfolk.start()
        telford.start()
        stateful.start()
        try:
            yield Gateway(postfix, norfolk, telford, stateful, store_url)
        finally:
            for milter in (norfolk, telford, stateful):
                if milter.alive():
                    milter.terminate()
