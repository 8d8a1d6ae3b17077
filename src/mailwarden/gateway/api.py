"""The pre-send HTTP API: `POST /v1/check`, `/v1/overrides` and `/v1/confirmations`, an adapter
over the engine.

DESIGN "HTTP API and gateway headers" is the contract. A client (the Outlook add-in, a case
management system) posts a draft, as raw MIME or as JSON, with its API key; the answer is the
`check` JSON object plus an override offer. JSON drafts are turned into MIME with the standard
library and parsed by `parse_message_bytes`, so a draft and the message the gateway later sees
go through one reader and give one digest. The answer is advice: the gateway re-checks every
message, so a forged or missing client bypasses nothing.

Overrides: `/v1/overrides` signs `{digest, sender, expiry}` with the settings'
`override_signing_key` (`issue_token`). It cannot know a message's verdict from its digest
alone, and it does not need to: the gateway (`decide`) verifies the token and the engine marks
only `warn` findings overridden, so a token for a message that would be blocked, held or
encrypted changes nothing. As a courtesy the API refuses a digest that it has itself just
judged stronger than `warn` (a bounded memory of recent checks, per process).

Recipient history: with a store, `/v1/check` judges with the sender's history (the sender a
bound key vouches for, else the declared `from`), read through a short-lived per-process
cache (`_api_history`); the misdirection rules then warn about a lookalike or unusual
recipient before send. A check never learns: drafts are not sent mail. `/v1/confirmations`
records that the sender means a recipient a misdirection warning named (`Store.confirm`, as
`mailwarden history confirm` does), which suppresses those warnings, and drops the sender's
cached history so that the next check sees it. A store that cannot be read costs the check
its history, never its answer.

What is never logged: message content, addresses (a sender is logged as a short hash), the
justification (its length only). Errors are `{"error": "..."}` with 400, 401, 403, 404, 413,
415, 422 or 503 (500 for a fault, without a traceback).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..checking import context_for
from ..engine import evaluate
from ..errors import InputError
from ..message.limits import MIB, Limits
from ..message.reader import parse_message_bytes
from ..policy.actions import Action, strongest
from ..policy.findings import Verdict
from ..policy.pack import Pack
from ..recipients.history import SenderHistory
from ..settings import DEFAULT_HISTORY_RETENTION_DAYS, Settings
from ._api_draft import DraftError, DraftLimits, address_of, draft_to_mime
from ._api_history import HistoryCache
from ._api_keys import ApiClient, authenticate, parse_api_keys
from ._api_metrics import CONTENT_TYPE_LATEST, ApiMetrics
from ._api_models import (
    CheckResult,
    Confirmation,
    ConfirmationRequest,
    Draft,
    Error,
    Health,
    OverrideRequest,
    OverrideToken,
)
from .decision import OVERRIDE_HEADER
from .overrides import DEFAULT_LIFETIME, digest_of, issue_token, verify_token

__all__ = [
    "ApiError",
    "ApiOptions",
    "OverrideRecord",
    "create_app",
    "openapi_document",
    "warm_up",
]

log = logging.getLogger("mailwarden.api")

MIME_TYPES = ("message/rfc822",)
JSON_TYPES = ("application/json",)


@dataclass(frozen=True, slots=True)
class ApiOptions:
    """Limits and deployment choices of the API (flags of `mailwarden serve`)."""

    max_request_bytes: int = 25 * MIB
    """Largest request body; JSON drafts carry attachments in base64 (a third larger)."""
    max_attachments: int = 50
    max_attachment_bytes: int = 15 * MIB
    max_concurrency: int = field(default_factory=lambda: max(2, os.cpu_count() or 2))
    """Checks run at once (threads); the engine is CPU-bound, so about the number of cores."""
    timeout_seconds: float = 10.0
    """Per request: waiting for a worker plus the check itself; then 503."""
    override_lifetime: dt.timedelta = DEFAULT_LIFETIME
    cors_origins: tuple[str, ...] = ()
    """Origins allowed to call from a browser (the add-in's host), e.g. `https://addin.example`."""
    recent_checks: int = 10_000
    """Digests remembered to refuse an override of a message just judged above `warn`."""
    history_ttl_seconds: float = 60.0
    """How long a sender's recipient history is reused before the store is read again."""
    history_cache_size: int = 512
    """Senders whose history is kept at once (least recently used first out)."""


@dataclass(frozen=True, slots=True)
class OverrideRecord:
    """An issued override, as the store records it (the justification is kept for review)."""

    digest: str
    sender: str
    justification: str
    client: str
    issued_at: dt.datetime
    expires_at: dt.datetime


class ApiError(Exception):
    """An answer other than 200: the status and one line for `{"error": ...}`."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _hash(text: str) -> str:
    return hashlib.sha256(text.strip().lower().encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class _Checked:
    verdict: Verdict
    digest: str
    base: Action  # the verdict with any override ignored


class _RecentVerdicts:
    """digest → the verdict without override, for the last N checks (thread-safe, bounded)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[str, Action] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, digest: str, action: Action) -> None:
        if self._size <= 0:
            return
        with self._lock:
            self._items[digest] = action
            self._items.move_to_end(digest)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def get(self, digest: str) -> Action | None:
        with self._lock:
            return self._items.get(digest)


class _Service:
    """Everything one app holds: the pack, keys, limits, metrics, worker pool, store."""

    def __init__(
        self,
        pack: Pack,
        settings: Settings,
        options: ApiOptions,
        store: Any,
        clock: Callable[[], dt.datetime],
    ) -> None:
        self.pack = pack
        self.options = options
        self.clients = parse_api_keys(settings.api_keys)
        self.signing_key = settings.override_signing_key or ""
        self.store = store
        self.clock = clock
        self.metrics = ApiMetrics.create()
        self.history = _history_cache(store, settings, options, self.metrics)
        self.recent = _RecentVerdicts(options.recent_checks)
        self.limits: Limits = replace(
            settings.limits,
            max_seconds=min(
                settings.limits.max_seconds or options.timeout_seconds, options.timeout_seconds
            ),
        )
        self.draft_limits = DraftLimits(options.max_attachments, options.max_attachment_bytes)
        self.pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=options.max_concurrency, thread_name_prefix="mailwarden-check"
        )
        self._slots: asyncio.Semaphore | None = None

    # -- requests -------------------------------------------------------------------------

    def client_of(self, request: Request) -> ApiClient:
        client = authenticate(self.clients, request.headers.get("authorization"))
        if client is None:
            raise ApiError(
                401, "missing or unknown API key", headers={"WWW-Authenticate": "Bearer"}
            )
        request.scope["mailwarden.client"] = client.name
        return client

    async def body(self, request: Request, limit: int) -> bytes:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise ApiError(413, f"request body larger than {limit} bytes")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiError(413, f"request body larger than {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    async def run(self, work: Callable[[], _Checked]) -> _Checked:
        """Run a check on the worker pool: at most `max_concurrency` at once, bounded in time."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.options.max_concurrency)
        slots = self._slots
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.options.timeout_seconds
        self.metrics.in_flight.inc()
        try:
            try:
                await asyncio.wait_for(slots.acquire(), self.options.timeout_seconds)
            except TimeoutError:
                raise ApiError(503, "busy: no worker free in time; try again") from None
            future = loop.run_in_executor(self.pool, work)
            future.add_done_callback(lambda _: slots.release())  # when the thread is done
            try:
                return await asyncio.wait_for(
                    asyncio.shield(future), max(0.0, deadline - loop.time())
                )
            except TimeoutError:
                raise ApiError(503, "the check took too long; try again") from None
        finally:
            self.metrics.in_flight.dec()

    # -- the check itself (runs on a worker thread) ----------------------------------------

    def check_bytes(self, raw: bytes, client: ApiClient, token: str) -> _Checked:
        try:
            message = parse_message_bytes(raw, limits=self.limits)
        except InputError as exc:
            raise ApiError(400, f"unreadable message: {exc}") from None
        declared = message.from_[0].addr_spec.strip().lower() if message.from_ else ""
        if client.bound and not (declared and client.may_send_as(declared)):
            raise ApiError(403, f"API key '{client.name}' may not check mail from that sender")
        digest = digest_of(message)
        now = self.clock()
        token = token or (message.header(OVERRIDE_HEADER) or "")
        override = bool(
            token
            and declared
            and self.signing_key
            and verify_token(self.signing_key, token, digest=digest, sender=declared, now=now)
        )
        context = context_for(
            message,
            self.pack,
            now=now,
            as_of=now,
            sender=declared if client.bound else None,
            override=override,
            history=self.history_of(declared, now),
        )
        verdict = evaluate(message, self.pack, context)
        base = strongest(f.action for f in verdict.findings if not f.audit_only)
        self.recent.put(digest, base)
        return _Checked(verdict, digest, base)

    def check_draft(self, body: bytes, client: ApiClient, token: str) -> _Checked:
        try:
            draft = Draft.model_validate_json(body)
        except ValidationError as exc:
            raise _validation_error(exc) from None
        try:
            raw = draft_to_mime(draft, self.draft_limits)
        except DraftError as exc:
            raise ApiError(exc.status, str(exc)) from None
        return self.check_bytes(raw, client, token)

    def history_of(self, sender: str, now: dt.datetime) -> SenderHistory | None:
        """The sender's recipient history (read only, cached), None without a store or sender.

        `sender` is the one a bound key vouches for, else the declared `From:`: the history
        is advice to the person sending, and the gateway judges again with the real sender.
        """
        if self.history is None or not sender:
            return None
        return self.history.get(sender, now=now)

    # -- overrides --------------------------------------------------------------------------

    def record(self, record: OverrideRecord) -> None:
        """Keep the override in the store when it can hold one, else log it (no content)."""
        recorder = getattr(self.store, "record_override", None)
        if recorder is not None:
            recorder(
                digest=record.digest,
                sender=record.sender,
                justification=record.justification,
                client=record.client,
                issued_at=record.issued_at,
                expires_at=record.expires_at,
            )
            return
        log.info(
            "override issued client=%s digest=%s sender#=%s justification_chars=%d expires=%s",
            record.client,
            record.digest[:12],
            _hash(record.sender),
            len(record.justification),
            record.expires_at.isoformat(),
        )


def _history_cache(
    store: Any, settings: Settings, options: ApiOptions, metrics: ApiMetrics
) -> HistoryCache | None:
    """A cache over the store's `history`, when there is a store that keeps history."""
    if not callable(getattr(store, "history", None)):
        return None
    return HistoryCache(
        store,
        retention_days=settings.history_retention_days or DEFAULT_HISTORY_RETENTION_DAYS,
        ttl_seconds=options.history_ttl_seconds,
        max_senders=options.history_cache_size,
        on_outcome=lambda outcome: metrics.history.labels(outcome).inc(),
    )


def _validation_error(exc: ValidationError) -> ApiError:
    """One line naming where the draft is wrong, never echoing what it holds."""
    errors = exc.errors(include_url=False, include_input=False)
    if any(e.get("type") == "json_invalid" for e in errors):
        return ApiError(400, "malformed JSON")
    first = errors[0] if errors else {"loc": (), "msg": "invalid"}
    where = ".".join(str(p) for p in first.get("loc", ())) or "body"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return ApiError(422, f"{where}: {first.get('msg', 'invalid')}{more}")


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": Error, "description": text}
    for status, text in (
        (400, "Malformed JSON, or a message that cannot be read at all."),
        (401, "Missing or unknown API key."),
        (403, "The API key is bound to other senders."),
        (413, "The body, an attachment or the number of attachments is over the limit."),
        (415, "Not `application/json` or `message/rfc822`."),
        (422, "A draft or request that does not match the schema."),
        (503, "Busy, timed out, overrides not configured, or the store unavailable."),
    )
}

_CHECK_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Draft"}},
            "message/rfc822": {"schema": {"type": "string", "format": "binary"}},
        },
    },
    "parameters": [
        {
            "name": OVERRIDE_HEADER,
            "in": "header",
            "required": False,
            "schema": {"type": "string"},
            "description": "An override token for this message (as the gateway will see it).",
        }
    ],
}


class _RequestMetrics:
    """Counts every answer by endpoint, status and client (pure ASGI: no per-request task)."""

    def __init__(self, app: ASGIApp, service: _Service) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = {"code": 500}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            path = str(scope.get("path", ""))
            known = (
                "/v1/check",
                "/v1/overrides",
                "/v1/confirmations",
                "/healthz",
                "/metrics",
                "/openapi.json",
            )
            endpoint = path if path in known else "other"
            client = str(scope.get("mailwarden.client", "-"))
            self.service.metrics.requests.labels(endpoint, str(status["code"]), client).inc()


def create_app(
    pack: Pack,
    settings: Settings,
    options: ApiOptions | None = None,
    *,
    store: Any = None,
    clock: Callable[[], dt.datetime] = _now,
) -> FastAPI:
    """The API for one pack and one set of settings (keys, signing key, parse limits)."""
    service = _Service(pack, settings, options or ApiOptions(), store, clock)
    app = FastAPI(
        title="mailwarden pre-send API",
        version=__version__,
        description=(
            "Checks a draft against the organisation's email policy before it is sent, and "
            "issues override tokens for `warn` verdicts. The answer is advice: the gateway "
            "re-checks every message."
        ),
        docs_url=None,
        redoc_url=None,
    )
    app.state.service = service
    _add_error_handlers(app)
    _add_operations(app, service)
    _add_check(app, service)
    _add_overrides(app, service)
    _add_confirmations(app, service)
    _install_openapi(app)
    app.add_middleware(_RequestMetrics, service=service)
    if service.options.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(service.options.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", OVERRIDE_HEADER],
            max_age=600,
        )
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail).lower(), dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _request_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "request does not match the schema")

    @app.exception_handler(Exception)
    async def _fault(_: Request, exc: Exception) -> JSONResponse:
        log.error("internal error answering a request (%s)", type(exc).__name__)
        return _error(500, "internal error")


def _add_operations(app: FastAPI, service: _Service) -> None:
    @app.get("/healthz", response_model=Health, tags=["operations"])
    async def healthz() -> Health:
        """Liveness and readiness: the pack is loaded and the process answers."""
        return Health(status="ok", policy=service.pack.name, version=__version__)

    @app.get(
        "/metrics",
        tags=["operations"],
        response_class=Response,
        responses={200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "Prometheus."}},
    )
    async def metrics() -> Response:
        """Prometheus text format: requests, checks by verdict, findings by rule, latency."""
        return Response(service.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


def _add_check(app: FastAPI, service: _Service) -> None:
    @app.post(
        "/v1/check",
        tags=["pre-send"],
        response_model=None,
        responses={200: {"model": CheckResult, "description": "The verdict."}, **_ERRORS},
        openapi_extra=_CHECK_BODY,
    )
    async def check(request: Request) -> JSONResponse:
        """Check a draft (JSON) or a message (raw MIME) as it would be sent now."""
        started = asyncio.get_running_loop().time()
        client = service.client_of(request)
        kind = _media_type(request)
        if kind not in MIME_TYPES + JSON_TYPES:
            raise ApiError(415, "send application/json (a draft) or message/rfc822 (MIME)")
        body = await service.body(request, service.options.max_request_bytes)
        token = request.headers.get(OVERRIDE_HEADER, "").strip()
        if kind in JSON_TYPES:
            checked = await service.run(lambda: service.check_draft(body, client, token))
            source = "draft"
        else:
            checked = await service.run(lambda: service.check_bytes(body, client, token))
            source = "message"
        verdict = checked.verdict
        service.metrics.observe_verdict(verdict)
        data = verdict.to_dict(source)
        allowed = verdict.action is Action.WARN and bool(service.signing_key)
        data["override"] = {"allowed": allowed, "digest": checked.digest}
        service.metrics.latency.observe(asyncio.get_running_loop().time() - started)
        return JSONResponse(data)


def _add_overrides(app: FastAPI, service: _Service) -> None:
    body_schema = {"$ref": "#/components/schemas/OverrideRequest"}

    @app.post(
        "/v1/overrides",
        tags=["pre-send"],
        response_model=OverrideToken,
        responses={**_ERRORS},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": body_schema}},
            }
        },
    )
    async def overrides(request: Request) -> OverrideToken:
        """A signed, expiring override token for a `warn`, given a justification."""
        client = service.client_of(request)
        if not service.signing_key:
            raise ApiError(503, "overrides are not available: no override_signing_key is set")
        if _media_type(request) not in JSON_TYPES:
            raise ApiError(415, "send application/json")
        wanted = _override_request(await service.body(request, 64 * 1024))
        try:
            _, sender = address_of(wanted.sender, "sender")
        except DraftError as exc:
            raise ApiError(422, str(exc)) from None
        if not client.may_send_as(sender):
            raise ApiError(403, f"API key '{client.name}' may not override for that sender")
        known = service.recent.get(wanted.digest)
        if known is not None and known is not Action.WARN:
            raise ApiError(
                422, f"this message was judged '{known}': only a 'warn' can be overridden"
            )
        now = service.clock()
        token, expires = issue_token(
            service.signing_key,
            wanted.digest,
            sender,
            now=now,
            lifetime=service.options.override_lifetime,
        )
        record = OverrideRecord(
            wanted.digest, sender.lower(), wanted.justification.strip(), client.name, now, expires
        )
        if getattr(service.store, "record_override", None) is not None:
            await asyncio.get_running_loop().run_in_executor(None, service.record, record)
        else:
            service.record(record)
        service.metrics.overrides.labels(client.name).inc()
        return OverrideToken(token=token, expires_at=expires.isoformat().replace("+00:00", "Z"))


def _add_confirmations(app: FastAPI, service: _Service) -> None:
    body_schema = {"$ref": "#/components/schemas/ConfirmationRequest"}

    @app.post(
        "/v1/confirmations",
        tags=["pre-send"],
        response_model=Confirmation,
        responses={**_ERRORS},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": body_schema}},
            }
        },
    )
    async def confirmations(request: Request) -> Confirmation:
        """Record that the sender means this recipient: no more misdirection warnings for it."""
        client = service.client_of(request)
        confirm = getattr(service.store, "confirm", None)
        if not callable(confirm):
            raise ApiError(503, "confirmations are not available: the API has no store")
        if _media_type(request) not in JSON_TYPES:
            raise ApiError(415, "send application/json")
        wanted = _confirmation_request(await service.body(request, 16 * 1024))
        try:
            _, sender = address_of(wanted.sender, "sender")
            _, recipient = address_of(wanted.recipient, "recipient")
        except DraftError as exc:
            raise ApiError(422, str(exc)) from None
        sender, recipient = sender.strip().lower(), recipient.strip().lower()
        if not client.may_send_as(sender):
            raise ApiError(403, f"API key '{client.name}' may not confirm for that sender")
        now = service.clock()
        try:
            await asyncio.get_running_loop().run_in_executor(
                None, lambda: confirm(sender, recipient, at=now)
            )
        except Exception as exc:
            log.warning(
                "confirmation not recorded: the store failed (client=%s sender#=%s %s)",
                client.name,
                _hash(sender),
                type(exc).__name__,
            )
            raise ApiError(503, "the store is unavailable; try again shortly") from None
        finally:
            if service.history is not None:  # whatever happened, read it afresh next time
                service.history.invalidate(sender)
        service.metrics.confirmations.labels(client.name).inc()
        log.info(
            "recipient confirmed client=%s sender#=%s recipient#=%s",
            client.name,
            _hash(sender),
            _hash(recipient),
        )
        return Confirmation(
            sender=sender,
            recipient=recipient,
            confirmed_at=now.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        )


def _confirmation_request(body: bytes) -> ConfirmationRequest:
    try:
        return ConfirmationRequest.model_validate_json(body)
    except ValidationError as exc:
        raise _validation_error(exc) from None


def _override_request(body: bytes) -> OverrideRequest:
    try:
        wanted = OverrideRequest.model_validate_json(body)
    except ValidationError as exc:
        raise _validation_error(exc) from None
    if not wanted.justification.strip():
        raise ApiError(422, "justification: must not be blank")
    return wanted


def _install_openapi(app: FastAPI) -> None:
    def _openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            for model in (Draft, OverrideRequest, ConfirmationRequest):
                extra = model.model_json_schema(ref_template="#/components/schemas/{model}")
                schemas.update(extra.pop("$defs", {}))
                schemas[model.__name__] = extra
            document["components"]["schemas"] = dict(sorted(schemas.items()))
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = _openapi  # type: ignore[method-assign]


def warm_up(app: FastAPI, sample: bytes) -> None:
    """Check one message before serving: detector tables and rules load lazily (about 1 s),
    and that first wait belongs to start-up, not to the first user's Send."""
    service: _Service = app.state.service
    unbound = ApiClient("warm-up", "", ())
    service.check_bytes(sample, unbound, "")
    service.recent = _RecentVerdicts(service.options.recent_checks)
    if service.history is not None:  # the sample's sender is nobody's
        service.history.clear()


def openapi_document(pack: Pack) -> dict[str, Any]:
    """The published OpenAPI document (the same for every pack and settings)."""
    return create_app(pack, Settings()).openapi()
