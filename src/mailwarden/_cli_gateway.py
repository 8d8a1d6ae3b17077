"""The gateway commands of the CLI: `milter` and `quarantine list|release|delete`.

An adapter (house rule 1): `milter` loads the pack and the settings once and serves the
milter protocol; `quarantine` drives Postfix's hold queue. Errors are one line on stderr
(exit 2), as everywhere.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any

from .errors import ConfigError
from .settings import Settings

__all__ = ["add_gateway_commands", "run_milter", "run_quarantine"]

EXIT_OK = 0
DEFAULT_LISTEN = "unix:/run/mailwarden/milter.sock"


def add_gateway_commands(commands: Any) -> None:
    """Register `milter` and `quarantine` on the CLI's subparsers."""
    milter = commands.add_parser("milter", help="run the Postfix/Sendmail milter")
    milter.add_argument(
        "--listen",
        metavar="unix:PATH|inet:HOST:PORT",
        help=f"where to listen (settings milter.socket; default {DEFAULT_LISTEN})",
    )
    milter.add_argument("--policy", metavar="NAME|FILE", help="built-in pack name or pack file")
    milter.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="longest decision (default 60)"
    )
    milter.add_argument(
        "--on-error",
        choices=("tempfail", "accept", "hold"),
        help="answer to an engine fault or timeout (default tempfail: the MTA retries)",
    )
    milter.add_argument("--workers", type=int, metavar="N", help="decision threads (default 8)")
    milter.add_argument(
        "--socket-mode", metavar="OCTAL", help="permissions of a unix socket (default 660)"
    )
    milter.add_argument(
        "--store",
        metavar="URL",
        help="store for recipient history and quarantine records (default: settings "
        "store_url when it is set; without one, neither is kept)",
    )
    milter.add_argument("--quiet", action="store_true", help="log only problems")

    quarantine = commands.add_parser("quarantine", help="list, release or delete held mail")
    quarantine.add_argument("action", choices=("list", "release", "delete"))
    quarantine.add_argument("ids", nargs="*", metavar="ID", help="Postfix queue IDs")
    quarantine.add_argument(
        "--postfix-config", metavar="DIR", help="Postfix configuration directory (postconf -c)"
    )
    quarantine.add_argument("--format", choices=("text", "json"), default="text")
    quarantine.add_argument(
        "--store",
        metavar="URL",
        help="store with the quarantine records (default: settings store_url when it is set)",
    )
    quarantine.add_argument(
        "--by", metavar="NAME", help="who releases or deletes, for the record (default: login)"
    )


def configured_store(flag: str | None, settings: Settings) -> str:
    """The store the gateway uses: `--store`, else `store_url` when the settings or the
    environment set it; "" when neither does (the gateway then keeps no state)."""
    if flag:
        return flag
    if settings.origins.get("store_url", "default") != "default":
        return settings.store_url
    return ""


def _mode(value: Any) -> int:
    try:
        return int(str(value), 8)
    except ValueError:
        raise ConfigError(f"socket mode must be octal, like 660: {value!r}") from None


def run_milter(args: argparse.Namespace, settings: Settings) -> int:
    from ._cli_policy import _pack
    from .gateway._milter_notices import notice_config
    from .gateway.decision import GatewayOptions
    from .gateway.milter import MilterConfig, MilterServer
    from .store._engine import parse_url, safe_url

    try:
        from .gateway import _milter_lib  # noqa: F401  (pymilter present?)
    except ImportError:
        raise ConfigError(
            "the milter needs pymilter: pip install 'mailwarden[milter]' "
            "(it builds against the libmilter-dev system package)"
        ) from None
    section = settings.milter
    pack = _pack(args.policy, settings)
    options = GatewayOptions(
        internal_networks=settings.internal_networks,
        encryption_tag=dict(settings.encryption_tag) or None,
        override_signing_key=settings.override_signing_key or "",
        on_error=args.on_error or str(section.get("on_error", "tempfail")),
        limits=settings.limits,
    )
    defaults = MilterConfig()
    config = MilterConfig(
        listen=args.listen or str(section.get("socket", DEFAULT_LISTEN)),
        timeout=float(args.timeout or section.get("timeout", defaults.timeout)),
        drain_seconds=float(section.get("drain_seconds", defaults.drain_seconds)),
        workers=int(args.workers or section.get("workers", defaults.workers)),
        socket_mode=_mode(args.socket_mode or section.get("socket_mode", "660")),
        store_url=configured_store(args.store, settings),
        retention_days=settings.history_retention_days,
    )
    notices = notice_config(settings.notices)
    if config.store_url:
        parse_url(config.store_url)  # a bad URL stops start-up; a dead database does not
    if config.timeout <= 0 or config.workers <= 0:
        raise ConfigError("--timeout and --workers must be above 0")
    from .gateway._milter_lib import libmilter_spec

    try:
        libmilter_spec(config.listen)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.WARNING if args.quiet else logging.INFO,
        format="%(asctime)s mailwarden milter: %(message)s",
    )
    logging.getLogger("mailwarden.milter").info(
        "listening on %s with the %s pack (%d rule bindings); store %s; notices %s",
        config.listen,
        pack.organisation,
        len(pack.bindings),
        safe_url(config.store_url) if config.store_url else "none",
        f"to senders of warn via {notices.relay_host}:{notices.relay_port}"
        if notices.warn
        else "off",
    )
    try:
        MilterServer(pack, options, config, notices).serve()
    except Exception as exc:  # libmilter: socket in use, no permission, ...
        if type(exc).__module__ in ("milter", "Milter"):
            raise ConfigError(f"milter could not start on {config.listen}: {exc}") from None
        raise
    return EXIT_OK


def _finding_lines(findings: Any) -> list[str]:
    lines: list[str] = []
    for finding in findings:
        lines.append(
            f"    {finding.get('clause', '')} {finding.get('rule', '')} "
            f"({finding.get('action', '')}): {finding.get('message', '')}"
        )
        for item in finding.get("evidence", []):
            lines.append(
                f"      {item.get('type', '')} in {item.get('where', '')}: {item.get('masked', '')}"
            )
    return lines


def run_quarantine(args: argparse.Namespace, settings: Settings) -> int:
    import datetime as dt
    import getpass

    from .gateway import quarantine

    config_dir = args.postfix_config
    url = configured_store(args.store, settings)
    if args.action == "list":
        if args.ids:
            raise ConfigError("quarantine list takes no ID")
        held = quarantine.held_messages(config_dir)
        records = quarantine.records_for(url, [h.queue_id for h in held]) if url else {}
        for message in held:
            record = records.get(message.queue_id)
            if args.format == "json":
                data = message.to_dict()
                data["record"] = record.to_dict() if record is not None else None
                print(json.dumps(data))
                continue
            print(
                f"{message.queue_id}  {message.arrival:%Y-%m-%d %H:%M}  {message.size:>9}  "
                f"{message.sender or '<>'} -> {', '.join(message.recipients)}\n"
                f"    {record.reason if record is not None else message.reason}"
            )
            if record is not None:
                print("\n".join(_finding_lines(record.findings)))
        if args.format == "text" and not held:
            print("no held messages")
        return EXIT_OK
    if not args.ids:
        raise ConfigError(f"quarantine {args.action} needs at least one queue ID")
    act = quarantine.release if args.action == "release" else quarantine.delete
    status = "released" if args.action == "release" else "deleted"
    by = args.by or _login(getpass)
    for queue_id in args.ids:
        act(queue_id, config_dir)
        note = ""
        if url:
            at = dt.datetime.now(dt.UTC)
            if not quarantine.mark(url, queue_id, status, by=by, at=at):
                note = " (no store record)"
        print(f"{queue_id}: {status}{note}")
    return EXIT_OK


def _login(getpass: Any) -> str:
    try:
        return str(getpass.getuser())
    except (KeyError, OSError):
        return "unknown"
