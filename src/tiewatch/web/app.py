"""The dashboard and JSON API: ``create_app(settings, store=...)`` wires the store, the
analyses and the brief into one FastAPI application (#5).

The one place besides ``cli`` that wires stages together. Nothing here reads the
environment: ``tiewatch serve`` passes the token in.

Docs: docs/dashboard.md.
"""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from tiewatch import __version__
from tiewatch.settings import Settings
from tiewatch.store import Store
from tiewatch.web import api, pages
from tiewatch.web.deps import WebContext

DEFAULT_WATCHLIST = "china-russia-ukraine"


def create_app(
    settings: Settings,
    *,
    store: Store,
    token: str | None = None,
    watchlist: str = DEFAULT_WATCHLIST,
) -> FastAPI:
    """The application over ``store``; write endpoints are off unless ``token`` is set."""
    app = FastAPI(
        title="tiewatch",
        version=__version__,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    app.state.context = WebContext(
        settings=settings, store=store, token=token or None, watchlist_name=watchlist
    )
    static = resources.files("tiewatch.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(api.router, prefix="/api/v1")
    app.include_router(pages.router)
    return app
