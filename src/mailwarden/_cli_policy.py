"""The policy commands of the CLI: `check`, `check-text` and `policy list|show|coverage|schema`.

An adapter (house rule 1): it reads files and the clock, builds a `Context`, calls the
engine and prints; the verdict decides the exit status (DESIGN: 2 unreadable or usage,
else 1 when any verdict is `quarantine` or `block`, else 0).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from importlib import resources
from typing import Any

from ._cli_history import CheckHistory, check_history
from ._render import read_text
from ._render_verdict import render_verdict
from .checking import context_for, in_pack_zone, parse_as_of, text_message
from .engine import evaluate
from .errors import ConfigError, MailwardenError
from .message.sources import read_paths
from .policy.coverage import coverage_json, coverage_markdown, coverage_text
from .policy.loader import builtin_names, load_pack, schema
from .policy.pack import Pack
from .settings import Settings

__all__ = ["add_policy_commands", "run_check", "run_check_text", "run_policy", "sample_path"]

EXIT_OK, EXIT_STOPPED, EXIT_UNREADABLE = 0, 1, 2


def add_policy_commands(commands: Any) -> None:
    """Register `check`, `check-text` and `policy` on the CLI's subparsers."""
    check = commands.add_parser("check", help="check outgoing messages against a policy pack")
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help=".eml .emlx .msg .ics mbox maildir .pst, or -"
    )
    check.add_argument("--sample", action="store_true", help="check the bundled sample message")
    _common(check)
    check.add_argument(
        "--as-of", metavar="ISO8601", help="the time to judge at (default: Date:, else now)"
    )
    check.add_argument("--sender", metavar="ADDRESS", help="the authenticated sender")
    check.add_argument("--direction", choices=("send", "receive"), default="send")
    check.add_argument("--store", metavar="URL", help="the store (recipient history) to use")

    text = commands.add_parser("check-text", help="check an SMS or social-media text")
    text.add_argument(
        "path", nargs="?", default="-", metavar="FILE", help="a text file; - for stdin"
    )
    text.add_argument("--channel", choices=("sms", "social"), required=True)
    _common(text)

    policy = commands.add_parser("policy", help="list, show and explain policy packs")
    policy.add_argument("action", choices=("list", "show", "coverage", "schema"))
    policy.add_argument("name", nargs="?", metavar="NAME|FILE")
    policy.add_argument("--format", choices=("text", "markdown", "json"), default="text")


def sample_path() -> str:
    """The bundled sample message (a referral reply with an attachment and an invitation)."""
    return str(resources.files("mailwarden").joinpath("samples/welcome.eml"))


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--policy", metavar="NAME|FILE", help="built-in pack name or pack file")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _pack(name: str | None, settings: Settings) -> Pack:
    chosen = name or settings.policy
    if not chosen:
        known = ", ".join(builtin_names())
        raise ConfigError(
            f"no policy: give --policy NAME|FILE ({known}) or set 'policy' in the settings"
        )
    return load_pack(chosen)


def run_check(args: argparse.Namespace, settings: Settings) -> int:
    paths = list(args.paths) + ([sample_path()] if args.sample else [])
    if not paths:
        raise MailwardenError("check needs a PATH (or --sample)")
    pack = _pack(args.policy, settings)
    as_of = in_pack_zone(parse_as_of(args.as_of), pack) if args.as_of else None
    now = dt.datetime.now(dt.UTC)
    history = check_history(args.store, settings, at=as_of or now)
    try:
        return _check_all(
            args, paths, pack=pack, settings=settings, now=now, as_of=as_of, history=history
        )
    finally:
        if history is not None:
            history.close()


def _check_all(
    args: argparse.Namespace,
    paths: list[str],
    *,
    pack: Pack,
    settings: Settings,
    now: dt.datetime,
    as_of: dt.datetime | None,
    history: CheckHistory | None,
) -> int:
    colour = args.format == "text" and sys.stdout.isatty()
    status = EXIT_OK
    for item in read_paths(paths, settings.limits):
        if item.message is None:
            status = EXIT_UNREADABLE
            print(f"mailwarden: {item.source}: {item.error}", file=sys.stderr)
            if args.format == "json":
                print(json.dumps({"source": item.source, "error": item.error}))
            continue
        context = context_for(
            item.message,
            pack,
            now=now,
            as_of=as_of,
            sender=args.sender,
            direction=args.direction,
            history=history.for_message(item.message, args.sender) if history else None,
        )
        verdict = evaluate(item.message, pack, context)
        if verdict.action.stops and status == EXIT_OK:
            status = EXIT_STOPPED
        if args.format == "json":
            print(json.dumps(verdict.to_dict(item.source), ensure_ascii=False))
        else:
            print(render_verdict(item.source, verdict, item.message, pack, colour=colour))
    return status


def run_check_text(args: argparse.Namespace, settings: Settings) -> int:
    pack = _pack(args.policy, settings)
    text = read_text(args.path)
    message = text_message(text)
    context = context_for(message, pack, now=dt.datetime.now(dt.UTC), channel=args.channel)
    verdict = evaluate(message, pack, context)
    if args.format == "json":
        print(
            json.dumps(verdict.to_dict(args.path) | {"channel": args.channel}, ensure_ascii=False)
        )
    else:
        colour = sys.stdout.isatty()
        print(
            render_verdict(f"{args.path} ({args.channel})", verdict, message, pack, colour=colour)
        )
    return EXIT_STOPPED if verdict.action.stops else EXIT_OK


def _show(pack: Pack) -> str:
    lines = [f"{pack.organisation} — {pack.policy_title}".rstrip(" —"), f"source: {pack.source}"]
    route = pack.encryption_route
    lines.append(f"encryption route: {route.name if route else 'none (encrypt becomes block)'}")
    lines.append(f"internal domains: {', '.join(sorted(pack.internal_domains.entries))}")
    lines.append(f"clauses: {len(pack.clauses)}; rule bindings: {len(pack.bindings)}")
    if pack.audit_only:
        lines.append("audit-only: every finding is recorded, no verdict changes")
    for binding in pack.bindings:
        mark = "  (audit only)" if binding.audit_only and not pack.audit_only else ""
        lines.append(
            f"  {binding.id:<44} {binding.action!s:<10} {', '.join(binding.clauses)}{mark}"
        )
    return "\n".join(lines)


def run_policy(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "list":
        for name in builtin_names():
            pack = load_pack(name)
            print(f"{name:<12} {pack.organisation}: {pack.policy_title}")
        return EXIT_OK
    if args.action == "schema":
        print(json.dumps(schema(), indent=2))
        return EXIT_OK
    pack = _pack(args.name, settings)
    if args.action == "show":
        print(_show(pack))
    elif args.format == "json":
        print(json.dumps(coverage_json(pack), indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(coverage_markdown(pack))
    else:
        print(coverage_text(pack))
    return EXIT_OK
