"""The Storylines, Storyline, Claims and Indicators pages (#5). Docs: docs/dashboard.md.

Each shows the analyses of the window of ``views.DEFAULT_MONTHS`` months ending with
``?month=YYYY-MM`` (default: the latest month with processed documents).
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tiewatch.errors import QueryError
from tiewatch.web import views
from tiewatch.web.deps import get_context
from tiewatch.web.pages.charts import series_chart
from tiewatch.web.pages.render import checked_month, not_found_page, render

router = APIRouter()


def _analysis(request: Request, month: str | None) -> dict[str, Any]:
    """The template context every analysis page shares: analysis (or None), names, error."""
    context = get_context(request)
    watchlist = context.watchlist
    names = dict(watchlist.core) | dict(watchlist.others)
    try:
        resolved = views.resolve_month(context.store, checked_month(month) if month else None)
    except QueryError as exc:
        return {"analysis": None, "names": names, "error": str(exc), "month": None}
    analysis = None
    if resolved is not None:
        analysis = views.analyse(context.store, watchlist, month=resolved, cache=context.cache)
    return {"analysis": analysis, "names": names, "error": None, "month": resolved}


@router.get("/storylines", response_class=HTMLResponse)
def storylines_page(request: Request, month: str = "") -> HTMLResponse:
    found = _analysis(request, month)
    return render(
        request,
        "storylines.html.j2",
        page="storylines",
        title="Storylines",
        status_code=422 if found["error"] else 200,
        **found,
    )


@router.get("/storylines/{storyline_id}", response_class=HTMLResponse)
def storyline_page(request: Request, storyline_id: str, month: str = "") -> HTMLResponse:
    found = _analysis(request, month)
    view = views.storyline_view(found["analysis"], storyline_id) if found["analysis"] else None
    if view is None:
        return not_found_page(request, f"No storyline {storyline_id!r} in the current window.")
    months = [(m, list(entries)) for m, entries in groupby(view.entries, key=lambda e: e.month)]
    return render(
        request,
        "storyline.html.j2",
        page="storylines",
        title=view.storyline.title,
        story=view.storyline,
        months=months,
        **found,
    )


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, month: str = "") -> HTMLResponse:
    found = _analysis(request, month)
    claims = views.claims_in(found["analysis"]) if found["analysis"] else ()
    ordered = sorted(claims, key=lambda c: c.side.date or c.side.month or "", reverse=True)
    return render(
        request,
        "claims.html.j2",
        page="claims",
        title="Claims",
        claims=ordered,
        status_code=422 if found["error"] else 200,
        **found,
    )


@router.get("/indicators", response_class=HTMLResponse)
def indicators_page(request: Request, month: str = "") -> HTMLResponse:
    found = _analysis(request, month)
    series = found["analysis"].series if found["analysis"] else ()
    return render(
        request,
        "indicators.html.j2",
        page="indicators",
        title="Indicators",
        series=[(s, series_chart(s)) for s in series if len(s.points) > 1],
        single=[s.points[0] for s in series if len(s.points) == 1],
        status_code=422 if found["error"] else 200,
        **found,
    )
