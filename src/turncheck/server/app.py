"""The HTTP side of ``turncheck serve``: a Starlette app over :class:`~turncheck.server.service.Service`.

Starlette rather than FastAPI: the API is four routes whose bodies are raw transcript bytes, not JSON models to
validate, the scorecard models already exist in pydantic, and the OpenAPI document is made from them
(:mod:`turncheck.server.openapi`); FastAPI would add a dependency-injection layer and its own validation on top
of the same Starlette for nothing here. uvicorn runs it, one process per ``--workers``.

Every error is JSON, ``{"error": {"code": ..., "message": ...}}``: a transcript that cannot be checked is a
422 with the one line ``turncheck check`` prints for it, a body over ``--max-body`` a 413, an unknown route a
404, a wrong method a 405, a bad query parameter a 400, a POST from a browser page of an origin not allowed a
403. A bad transcript is never a 500.
"""

from __future__ import annotations

from typing import Any, Sequence

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from ..errors import UsageError
from ..suggest import suggest
from .service import BODY_SOURCE, MAX_NAME, RequestError, Service
from .settings import ServeSettings

JSON = "application/json"
#: added to every response that does not set its own (a mounted app, such as the review workspace, may)
SECURITY_HEADERS = (
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("content-security-policy", "default-src 'none'; frame-ancestors 'none'"),
    # scorecards quote customers: no shared cache keeps them
    ("cache-control", "no-store"),
)
#: the query parameters of POST /v1/check and /v1/draft (the command line's import options)
QUERY = ("name", "format", "input_format", "agent_speaker", "customer_speaker")


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None,
                   extra: dict[str, Any] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}, **(extra or {})}, status_code=status,
                        headers=headers)


class SecurityHeaders:
    """Pure ASGI middleware: the headers of :data:`SECURITY_HEADERS` on every HTTP response lacking them."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS:
                    if key not in headers:
                        headers[key] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostCheck:
    """Answer only requests whose Host header names this server (``allowed``): a web page that rebinds its own
    DNS name to 127.0.0.1 then cannot reach a server bound to loopback."""

    def __init__(self, app, allowed: Sequence[str]) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = Headers(scope=scope).get("host", "").lower()
            name = host[: host.index("]") + 1] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
            if name not in self.allowed:
                response = error_response(400, "bad-host", f"Host {host!r} is not served here "
                                          f"(this server answers {', '.join(sorted(self.allowed))})")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _import_params(request: Request) -> dict[str, Any]:
    """The request's ``name`` and import options; :class:`RequestError` 400 for anything else or a bad value."""
    values: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        if key not in QUERY:
            hint = suggest(key, QUERY)
            raise RequestError(400, "bad-query", f"unknown query parameter {key!r}" +
                               (f" ({hint})" if hint else f" (known: {', '.join(QUERY)})"))
        values.setdefault(key, []).append(value)
    for key in ("name", "format", "input_format"):
        if len(values.get(key, ())) > 1:
            raise RequestError(400, "bad-query", f"query parameter {key!r} is given more than once")
    formats = {v for k in ("format", "input_format") for v in values.get(k, ())}
    if len(formats) > 1:
        raise RequestError(400, "bad-query", "format and input_format disagree: give one")
    name = values.get("name", [BODY_SOURCE])[0] or BODY_SOURCE
    if len(name) > MAX_NAME or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise RequestError(400, "bad-query", f"name: at most {MAX_NAME} characters on one line, no control characters")
    if name == "-":
        raise RequestError(400, "bad-query", "name '-' means standard input on the command line: give a file name")
    return {"name": name, "input_format": formats.pop() if formats else None,
            "agent_speakers": tuple(values.get("agent_speaker", ())),
            "customer_speakers": tuple(values.get("customer_speaker", ()))}


def _check_origin(request: Request, allowed: Sequence[str]) -> None:
    """A browser sends ``Origin`` with every cross-origin POST, and a "simple" one (a ``text/plain`` body) is sent
    without asking first: CORS only hides the answer. So a POST from a page of an origin not allowed with
    ``--cors-origin`` (nor this server's own) is refused before any work is done."""
    origin = request.headers.get("origin")
    if origin is None:
        return  # not a browser page: curl, a help desk's back end, a script
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    if origin != own and origin not in allowed:
        raise RequestError(403, "origin-not-allowed", f"requests from {origin!r} are not allowed "
                           f"(start the server with --cors-origin {origin} to allow them)")


async def _read_body(request: Request, limit: int | None) -> bytes:
    """The body, refused with 413 past ``limit`` bytes: by its Content-Length before reading, else while read."""
    def too_large(size: str) -> RequestError:
        return RequestError(413, "body-too-large", f"request body larger than the {limit:,}-byte limit ({size}): "
                            f"not read (the server's --max-body)")

    length = request.headers.get("content-length")
    if length is not None:
        if not length.isdigit():
            raise RequestError(400, "bad-request", f"Content-Length {length!r} is not a number")
        if limit is not None and int(length) > limit:
            raise too_large(f"{int(length):,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if limit is not None and size > limit:
            raise too_large("more")
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(settings: ServeSettings | None = None, *, mounts: Sequence[BaseRoute] = (),
               **overrides: Any) -> Starlette:
    """The ``turncheck serve`` app: the rule pack compiled now, once (a :class:`~turncheck.errors.TurncheckError`
    for a bad pack). ``overrides`` replace fields of ``settings`` (``create_app(max_body=1000)``); ``mounts``
    are appended after the API's own routes (the review workspace at ``/review``)."""
    from dataclasses import replace

    from .openapi import docs_page, openapi_document

    settings = replace(settings or ServeSettings(), **overrides)
    service = Service(settings)
    version = _version()
    if settings.review:
        # the review workspace in the same server: its own pages, CSRF and database (migrated on start)
        from starlette.routing import Mount

        from ..review import create_review_app

        mounts = (*mounts, Mount("/review", app=create_review_app(
            db_url=settings.review_db, token=settings.review_token, pack=service.checker.ruleset)))

    async def transcript_of(request: Request) -> tuple[bytes, str, Any]:
        """A POSTed transcript: its bytes, its name and the import options (each refused with its 4xx)."""
        _check_origin(request, settings.cors_origins)
        params = _import_params(request)
        options = _options(service, params)
        return await _read_body(request, settings.max_body), params["name"], options

    async def check(request: Request) -> Response:
        result = await run_in_threadpool(service.check, *await transcript_of(request))
        headers = {"x-turncheck-exit-code": str(result.exit_code)}
        if len(result.cards) == 1:
            headers["x-turncheck-verdict"] = result.cards[0].verdict or result.cards[0].status
        error = result.error()
        if error is not None:
            # the same document as on success (its error record included), with the error on top
            from .. import jsontext

            body = {"error": {"code": error.code, "message": error.message}, **jsontext.loads(result.text)}
            return Response(jsontext.dumps(body, indent=True) + "\n", status_code=error.status, media_type=JSON,
                            headers=headers)
        return Response(result.text, media_type=JSON, headers=headers)

    async def draft(request: Request) -> Response:
        text = await run_in_threadpool(service.draft, *await transcript_of(request))
        return Response(text, media_type=JSON)

    async def rules(request: Request) -> Response:
        return Response(service.rules(), media_type=JSON)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": version, "ruleset": service.checker.info.model_dump(),
                             "rules": len(service.checker.rules)})

    spec = openapi_document(version)
    page = docs_page(spec)

    async def openapi(request: Request) -> Response:
        return JSONResponse(spec)

    async def docs(request: Request) -> Response:
        # no script, no fetch: one page of HTML and its own inline style
        return HTMLResponse(page, headers={"content-security-policy":
                                           "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"})

    async def index(request: Request) -> Response:
        return RedirectResponse(request.url_for("docs"), status_code=307)

    routes: list[BaseRoute] = [
        Route("/v1/check", check, methods=["POST"]),
        Route("/v1/draft", draft, methods=["POST"]),
        Route("/v1/rules", rules, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/docs", docs, methods=["GET"], name="docs"),
        Route("/", index, methods=["GET"]),
        *mounts,
    ]
    middleware = [Middleware(SecurityHeaders)]
    if settings.allowed_hosts is not None:
        middleware.append(Middleware(HostCheck, allowed=settings.allowed_hosts))
    if settings.cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                                     allow_methods=["GET", "POST"], allow_headers=["content-type"],
                                     expose_headers=["x-turncheck-exit-code", "x-turncheck-verdict"], max_age=600))
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={
        RequestError: _request_error, HTTPException: _http_error, UsageError: _usage_error, Exception: _internal_error})
    app.state.service = service
    app.state.settings = settings
    return app


def app_from_env() -> Starlette:
    """uvicorn's factory for ``--workers N``: each worker process builds the app from the settings the CLI put
    in its environment (:data:`turncheck.server.settings.SETTINGS_ENV`)."""
    return create_app(ServeSettings.from_env())


def _options(service: Service, params: dict[str, Any]):
    try:
        return service.options(params["input_format"], params["agent_speakers"], params["customer_speakers"])
    except UsageError as exc:
        raise RequestError(400, "bad-query", exc.format()) from None


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("turncheck")
    except PackageNotFoundError:  # pragma: no cover - a source tree without metadata
        return "unknown"


_HTTP_CODES = {400: "bad-request", 404: "not-found", 405: "method-not-allowed", 413: "body-too-large"}


async def _request_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestError)
    return JSONResponse(exc.body(), status_code=exc.status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, f"http-{exc.status_code}")
    message = {404: f"no route {request.url.path!r} (see /docs)",
               405: f"{request.method} is not allowed on {request.url.path} "
                    f"(allowed: {(exc.headers or {}).get('Allow', '')})"}.get(exc.status_code, str(exc.detail))
    return error_response(exc.status_code, code, message, headers=exc.headers)


async def _usage_error(request: Request, exc: Exception) -> Response:
    return error_response(400, "bad-request", exc.format() if isinstance(exc, UsageError) else str(exc))


async def _internal_error(request: Request, exc: Exception) -> Response:
    return error_response(500, "internal-error", f"internal error: {type(exc).__name__} (please report this)")
