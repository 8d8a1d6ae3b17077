"""`mailwarden proxy`: the SMTP proxy, for gateways that cannot run a milter.

An adapter (house rule 1): it loads the pack and the settings once and serves SMTP. Errors
are one line on stderr (exit 2), as everywhere.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from .errors import ConfigError
from .settings import Settings

__all__ = ["add_proxy_command", "run_proxy"]

EXIT_OK = 0


def add_proxy_command(commands: Any) -> None:
    """Register `proxy` on the CLI's subparsers."""
    proxy = commands.add_parser(
        "proxy", help="run the SMTP proxy (before-queue or after-queue content filter)"
    )
    proxy.add_argument(
        "--listen", metavar="HOST:PORT", default="127.0.0.1:10025", help="default 127.0.0.1:10025"
    )
    proxy.add_argument(
        "--relay",
        metavar="HOST:PORT",
        default="127.0.0.1:10026",
        help="next hop for accepted mail (default 127.0.0.1:10026)",
    )
    proxy.add_argument(
        "--mode",
        choices=("before-queue", "after-queue"),
        default="before-queue",
        help="before-queue (smtpd_proxy_filter: refusals in the session) or after-queue "
        "(content_filter: refusals become bounces); default before-queue",
    )
    proxy.add_argument("--policy", metavar="NAME|FILE", help="built-in pack name or pack file")
    proxy.add_argument(
        "--timeout", type=float, metavar="SECONDS", default=60.0, help="longest decision (60)"
    )
    proxy.add_argument(
        "--relay-timeout",
        type=float,
        metavar="SECONDS",
        default=60.0,
        help="per step of relaying to the next hop (60)",
    )
    proxy.add_argument(
        "--on-error",
        choices=("tempfail", "accept", "hold"),
        default="tempfail",
        help="answer to an engine fault or timeout (default tempfail: the client retries)",
    )
    proxy.add_argument("--workers", type=int, metavar="N", default=8, help="decision threads (8)")
    proxy.add_argument(
        "--max-size",
        type=int,
        metavar="BYTES",
        help="largest message (552 above it); default: the settings' limits.max_message_bytes",
    )
    proxy.add_argument(
        "--max-recipients", type=int, metavar="N", default=1000, help="per message (1000)"
    )
    proxy.add_argument(
        "--drain-seconds",
        type=float,
        metavar="SECONDS",
        default=30.0,
        help="on SIGTERM, how long messages in progress may take to finish (30)",
    )
    proxy.add_argument(
        "--trusted-upstream",
        action="append",
        metavar="NETWORK",
        help="network whose XFORWARD, XCLIENT and AUTH= are believed (repeatable; "
        "default 127.0.0.0/8 and ::1)",
    )
    proxy.add_argument("--hostname", metavar="NAME", help="name in the greeting and bounces")
    proxy.add_argument("--quiet", action="store_true", help="log only problems")


def run_proxy(args: argparse.Namespace, settings: Settings) -> int:
    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        raise ConfigError(
            "the SMTP proxy needs aiosmtpd: pip install 'mailwarden[proxy]'"
        ) from None
    import ipaddress

    from ._cli_policy import _pack
    from .gateway.decision import GatewayOptions
    from .gateway.proxy import ProxyConfig, ProxyError, ProxyServer, parse_hostport

    for name in ("timeout", "relay_timeout", "workers", "max_recipients", "drain_seconds"):
        if getattr(args, name) <= 0:
            raise ConfigError(f"--{name.replace('_', '-')} must be above 0")
    if args.max_size is not None and args.max_size <= 0:
        raise ConfigError("--max-size must be above 0")
    trusted = tuple(args.trusted_upstream or ("127.0.0.0/8", "::1/128"))
    for network in trusted:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ConfigError(f"--trusted-upstream: not a network: {network!r}") from None
    try:
        listen = parse_hostport(args.listen, "--listen")
        relay = parse_hostport(args.relay, "--relay")
    except ProxyError as exc:
        raise ConfigError(str(exc)) from None
    pack = _pack(args.policy, settings)
    options = GatewayOptions(
        internal_networks=settings.internal_networks,
        encryption_tag=dict(settings.encryption_tag) or None,
        override_signing_key=settings.override_signing_key or "",
        on_error=args.on_error,
        limits=settings.limits,
    )
    defaults = ProxyConfig()
    config = ProxyConfig(
        listen=listen,
        relay=relay,
        mode=args.mode,
        hostname=args.hostname or defaults.hostname,
        timeout=args.timeout,
        relay_timeout=args.relay_timeout,
        max_message_bytes=args.max_size or settings.limits.max_message_bytes,
        max_recipients=args.max_recipients,
        workers=args.workers,
        drain_seconds=args.drain_seconds,
        trusted_networks=trusted,
    )
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.WARNING if args.quiet else logging.INFO,
        format="%(asctime)s mailwarden proxy: %(message)s",
    )
    try:
        ProxyServer(pack, options, config).serve()
    except ProxyError as exc:
        raise ConfigError(str(exc)) from None
    return EXIT_OK
