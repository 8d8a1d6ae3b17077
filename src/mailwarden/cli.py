"""The `mailwarden` command: an adapter that reads arguments, calls the library, prints.

Exit status everywhere (DESIGN): 2 when any input could not be read or the usage is wrong,
with one clear line on stderr per problem and never a traceback; otherwise 1 when any
message's verdict is `quarantine` or `block`; otherwise 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from . import __version__
from ._cli_gateway import add_gateway_commands, run_milter, run_quarantine
from ._cli_history import add_history_commands, run_history
from ._cli_overrides import add_overrides_command, run_overrides
from ._cli_policy import add_policy_commands, run_check, run_check_text, run_policy, sample_path
from ._cli_proxy import add_proxy_command, run_proxy
from ._cli_serve import add_serve_command, run_serve
from ._render import entity_json, entity_line, read_text, render_inspect
from .detectors import detect
from .errors import MailwardenError
from .message.describe import describe
from .message.sources import read_path
from .settings import KEYS, Settings, load_settings

__all__ = ["main"]

EXIT_OK = 0
EXIT_UNREADABLE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2), not a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_UNREADABLE, f"mailwarden: {message} (see 'mailwarden --help')\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mailwarden", description="An email-use policy, enforced as code.")
    parser.add_argument("--version", action="version", version=f"mailwarden {__version__}")
    parser.add_argument("--settings", metavar="PATH", help="settings file (YAML)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    inspect = commands.add_parser("inspect", help="show the parsed structure of messages")
    inspect.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=".eml .emlx .msg .ics winmail.dat, mbox, maildir, .pst; - for stdin",
    )
    inspect.add_argument("--sample", action="store_true", help="inspect the bundled sample message")
    inspect.add_argument("--format", choices=("text", "json"), default="text")
    inspect.add_argument(
        "--show-text", action="store_true", help="also print subject, body and attachment text"
    )

    detect = commands.add_parser("detect", help="find personal data in UTF-8 text")
    detect.add_argument(
        "path", nargs="?", default="-", metavar="FILE", help="a text file; - or none for stdin"
    )
    detect.add_argument("--format", choices=("text", "json"), default="text")
    detect.add_argument(
        "--min-score",
        type=_score,
        default=None,
        metavar="X",
        help="also report entities scoring at least X (0-1); default: what a rule acts on",
    )
    detect.add_argument(
        "--show-values", action="store_true", help="print the raw values, not masks"
    )

    add_policy_commands(commands)
    add_serve_command(commands)
    add_history_commands(commands)
    add_overrides_command(commands)
    add_gateway_commands(commands)
    add_proxy_command(commands)

    settings = commands.add_parser("settings", help="show the effective settings")
    settings.add_argument("action", choices=("show",))
    return parser


def _inspect(args: argparse.Namespace, settings: Settings) -> int:
    paths = list(args.paths) + ([sample_path()] if args.sample else [])
    if not paths:
        raise MailwardenError("inspect needs a PATH (or --sample)")
    status = EXIT_OK
    for item in (i for path in paths for i in read_path(path, settings.limits)):
        if item.message is None:
            status = EXIT_UNREADABLE
            print(f"mailwarden: {item.source}: {item.error}", file=sys.stderr)
            if args.format == "json":
                print(json.dumps({"source": item.source, "error": item.error}))
            continue
        described: dict[str, Any] = {"source": item.source}
        described |= describe(item.message, show_text=args.show_text)
        if args.format == "json":
            print(json.dumps(described, ensure_ascii=False))
        else:
            print(render_inspect(described))
    return status


def _score(value: str) -> float:
    try:
        score = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= score <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {value}")
    return score


def _detect(args: argparse.Namespace) -> int:
    text = read_text(args.path)
    entities = detect(text, min_score=args.min_score)
    if args.format == "json":
        print(
            json.dumps(
                {"entities": [entity_json(e, text, args.show_values) for e in entities]},
                ensure_ascii=False,
            )
        )
    else:
        for entity in entities:
            print(entity_line(entity, text, args.show_values))
    return EXIT_OK


def _settings_show(settings: Settings) -> int:
    for key in KEYS:
        value = getattr(settings, key)
        if key in ("api_keys", "override_signing_key") and value:
            value = "[set]"  # secrets are never printed
        elif key == "limits":
            value = {name: getattr(value, name) for name in value.__dataclass_fields__}
        elif hasattr(value, "items"):
            value = dict(value)
        print(f"{key}: {json.dumps(value, default=str)}  ({settings.origins.get(key, 'default')})")
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "inspect": _inspect,
    "detect": lambda args, _settings: _detect(args),
    "check": run_check,
    "check-text": run_check_text,
    "policy": run_policy,
    "serve": run_serve,
    "history": run_history,
    "overrides": run_overrides,
    "milter": run_milter,
    "quarantine": run_quarantine,
    "proxy": run_proxy,
    "settings": lambda _args, settings: _settings_show(settings),
}
"""Each command's runner: one table, so a new command is registered in one place."""


def _run(argv: Sequence[str] | None) -> int:
    args = _build_parser().parse_args(argv)
    settings = load_settings(settings_path=args.settings)
    return _COMMANDS[args.command](args, settings)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (DESIGN: 2 unreadable/usage, 1 block, 0 otherwise)."""
    try:
        return _run(argv)
    except MailwardenError as exc:
        print(f"mailwarden: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        print(
            f"mailwarden: internal error ({type(exc).__name__}); please report it", file=sys.stderr
        )
        return EXIT_UNREADABLE


if __name__ == "__main__":
    sys.exit(main())
