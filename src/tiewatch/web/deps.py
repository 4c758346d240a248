"""What every route needs: the store, settings, watchlist and the write token (#5)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from fastapi import HTTPException, Request, status

from tiewatch.settings import Settings
from tiewatch.store import Store
from tiewatch.web.views import AnalysisCache

if TYPE_CHECKING:
    from tiewatch.analyze.watchlist import Watchlist


@dataclass
class WebContext:
    """Held on ``app.state.context``; one per application."""

    settings: Settings
    store: Store
    token: str | None
    watchlist_name: str
    cache: AnalysisCache = field(default_factory=AnalysisCache)

    @cached_property
    def watchlist(self) -> Watchlist:
        from tiewatch.analyze.watchlist import load_watchlist

        return load_watchlist(self.watchlist_name)


def get_context(request: Request) -> WebContext:
    context = request.app.state.context
    assert isinstance(context, WebContext)
    return context


def get_store(request: Request) -> Store:
    return get_context(request).store


def check_token(context: WebContext, presented: str | None) -> None:
    """Raise 403 when writes are off (no token configured), 401 when ``presented`` is wrong."""
    if context.token is None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, "writes are disabled: start the server with TIEWATCH_TOKEN"
        )
    if presented is None or not hmac.compare_digest(presented.encode(), context.token.encode()):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "a valid bearer token is required",
            headers={"WWW-Authenticate": "Bearer"},
        )


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def require_token(request: Request) -> None:
    """Dependency of every write endpoint (corrections, ingest)."""
    check_token(get_context(request), bearer_token(request))
