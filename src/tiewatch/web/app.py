"""The dashboard and JSON API: ``create_app(settings, store=...)`` wires the store, the
analyses and the brief into one FastAPI application (#5).

The one place besides ``cli`` that wires stages together. Nothing here reads the
environment: ``tiewatch serve`` passes the token in.

Docs: docs/dashboard.md.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from tiewatch import __version__
from tiewatch.errors import CorrectionError, IngestError, QueryError, TooLargeError
from tiewatch.settings import Settings
from tiewatch.store import Store
from tiewatch.web import analyses_api, api, pages
from tiewatch.web.deps import WebContext
from tiewatch.web.limits import ApiHeaders, BodySizeLimit, NoNulInPath

DEFAULT_WATCHLIST = "china-russia-ukraine"


def create_app(
    settings: Settings,
    *,
    store: Store,
    token: str | None = None,
    watchlist: str = DEFAULT_WATCHLIST,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The application over ``store``; write endpoints are off unless ``token`` is set.

    ``allowed_hosts``: the Host headers to answer (others get 400), which stops a web page
    from reading the dashboard through DNS rebinding; None answers any.
    """
    # FastAPI's own docs page loads Swagger UI from a CDN; pages/apidocs.py serves the
    # vendored copy at /api/v1/docs instead, so the dashboard works offline.
    app = FastAPI(
        title="tiewatch",
        version=__version__,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.context = WebContext(
        settings=settings, store=store, token=token or None, watchlist_name=watchlist
    )
    static = resources.files("tiewatch.web").joinpath("static")
    # check_dir=False: a checkout without built assets still serves the API.
    app.mount("/static", StaticFiles(directory=str(static), check_dir=False), name="static")
    app.include_router(api.router, prefix="/api/v1")
    # Its own tag only: included inside api.router it was listed under both (#5).
    app.include_router(analyses_api.router, prefix="/api/v1")
    app.include_router(pages.router)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(NoNulInPath)
    app.add_middleware(ApiHeaders, prefix="/api/")
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    _add_error_handlers(app)
    return app


# What a request can get wrong becomes a 4xx with the library's message, never a 500.
_CLIENT_ERRORS: tuple[tuple[type[Exception], int], ...] = (
    (TooLargeError, 413),
    (QueryError, 422),
    (CorrectionError, 422),
    (IngestError, 422),
)


class AsciiJSONResponse(JSONResponse):
    """JSON with non-ASCII escaped: a validation error echoes its input, and a lone
    surrogate in that input cannot be encoded as UTF-8."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return AsciiJSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)


def _add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)
    for error, code in _CLIENT_ERRORS:

        async def handle(_request: Request, exc: Exception, code: int = code) -> JSONResponse:
            if code != 422:
                return JSONResponse({"detail": str(exc)}, status_code=code)
            # The shape of FastAPI's own 422s, so clients (and the schema) see one format.
            detail = [{"loc": ["request"], "msg": str(exc), "type": "value_error"}]
            return JSONResponse({"detail": detail}, status_code=code)

        app.add_exception_handler(error, handle)
