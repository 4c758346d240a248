"""The Overview page: the watchlist's dyad trends, active storylines and latest events (#5)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tiewatch.web import views
from tiewatch.web.deps import get_context
from tiewatch.web.pages import charts
from tiewatch.web.pages.render import render

router = APIRouter()

TREND_MONTHS = 6  # as the brief's chart
LATEST_EVENTS = 12


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    context = get_context(request)
    watchlist = context.watchlist
    found = views.overview(
        context.store,
        watchlist,
        months=TREND_MONTHS,
        cache=context.cache,
        latest=LATEST_EVENTS,
    )
    names = dict(watchlist.core) | dict(watchlist.others)

    def chart(measure: str) -> dict[str, object]:
        return charts.dyad_chart(
            found.dyads, dyads=watchlist.dyads, months=found.months, names=names, measure=measure
        )

    return render(
        request,
        "overview.html.j2",
        page="overview",
        title="Overview",
        overview=found,
        counts_chart=chart("total"),
        index_chart=chart("net_index"),
        stats=context.store.stats(),
    )
