"""`mailwarden serve`: the pre-send HTTP API in one uvicorn process.

One process, one event loop, checks on a bounded thread pool. For more throughput run several
processes (one per core) on different ports behind a reverse proxy (docs/api.md); each keeps
its own metrics, and override tokens verify anywhere that has the same signing key.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path
from typing import Any

from ._cli_policy import _pack, sample_path
from .errors import ConfigError
from .settings import Settings

__all__ = ["add_serve_command", "run_serve"]

EXIT_OK = 0


def add_serve_command(commands: Any) -> None:
    """Register `serve` on the CLI's subparsers."""
    serve = commands.add_parser("serve", help="run the pre-send HTTP API (needs the api extra)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8025, help="TCP port (default 8025)")
    serve.add_argument("--policy", metavar="NAME|FILE", help="built-in pack name or pack file")
    serve.add_argument(
        "--store",
        metavar="URL",
        help="the store: recipient history is read from it (never learned), overrides and "
        "confirmations are recorded in it (default: settings store_url)",
    )
    serve.add_argument(
        "--max-request-bytes", type=int, metavar="N", help="largest request body (default 25 MiB)"
    )
    serve.add_argument("--max-attachments", type=int, metavar="N", help="default 50")
    serve.add_argument(
        "--max-attachment-bytes", type=int, metavar="N", help="per attachment (default 15 MiB)"
    )
    serve.add_argument(
        "--max-concurrency", type=int, metavar="N", help="checks at once (default: cores, >= 2)"
    )
    serve.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="per check, queue included (default 10)"
    )
    serve.add_argument(
        "--history-ttl",
        type=float,
        metavar="SECONDS",
        help="how long a sender's recipient history is reused (default 60)",
    )
    serve.add_argument(
        "--history-cache-size",
        type=int,
        metavar="N",
        help="senders whose history is kept in memory at once (default 512)",
    )
    serve.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="an origin browsers may call from (the add-in's host); repeatable",
    )
    serve.add_argument(
        "--print-openapi", action="store_true", help="print the OpenAPI document and exit"
    )


def _options(args: argparse.Namespace) -> Any:
    from .gateway.api import ApiOptions

    given = {  # option: (flag, value)
        "max_request_bytes": ("--max-request-bytes", args.max_request_bytes),
        "max_attachments": ("--max-attachments", args.max_attachments),
        "max_attachment_bytes": ("--max-attachment-bytes", args.max_attachment_bytes),
        "max_concurrency": ("--max-concurrency", args.max_concurrency),
        "timeout_seconds": ("--timeout", args.timeout),
        "history_ttl_seconds": ("--history-ttl", args.history_ttl),
        "history_cache_size": ("--history-cache-size", args.history_cache_size),
    }
    for flag, value in given.values():
        if value is not None and value <= 0:
            raise ConfigError(f"{flag}: must be more than 0")
    chosen = {k: v for k, (_, v) in given.items() if v is not None}
    return ApiOptions(cors_origins=tuple(args.cors_origin), **chosen)


def _store(url: str | None, settings: Settings) -> Any:
    """The store: senders' recipient history (read only), overrides and confirmations."""
    from .store import open_store

    return open_store(url or settings.store_url)


def _log_config(base: dict[str, Any]) -> dict[str, Any]:
    """uvicorn's logging, plus mailwarden's own logger (override records, faults) at INFO."""
    config = copy.deepcopy(base)
    config["loggers"]["mailwarden"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    try:
        import uvicorn

        from .gateway.api import create_app, openapi_document, warm_up
    except ImportError:
        raise ConfigError("serve needs the api extra: pip install 'mailwarden[api]'") from None
    pack = _pack(args.policy, settings)
    if args.print_openapi:
        print(json.dumps(openapi_document(pack), indent=2, ensure_ascii=False))
        return EXIT_OK
    if not settings.api_keys:
        raise ConfigError("serve: no api_keys in the settings; every client needs a key")
    if not settings.override_signing_key:
        print("mailwarden: no override_signing_key: overrides are not offered", file=sys.stderr)
    app = create_app(pack, settings, _options(args), store=_store(args.store, settings))
    warm_up(app, Path(sample_path()).read_bytes())
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_config=_log_config(uvicorn.config.LOGGING_CONFIG),
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=15,
    )
    return EXIT_OK
