"""The Overview page: the watchlist's dyad trends, active storylines and latest events (#5)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tiewatch.models import Event
from tiewatch.web.deps import get_context
from tiewatch.web.pages import data
from tiewatch.web.pages.render import render

router = APIRouter()

LATEST_EVENTS = 12
ACTIVE_MONTHS = 3  # a storyline is active when it has sentences in the last three months


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    context = get_context(request)
    window = data.load_window(context.store, context.watchlist)
    trends = data.dyad_trends(window)
    recent = set(window.months[-ACTIVE_MONTHS:])
    active = [s for s in data.storylines(window) if recent & {p.month for p in s.timeline}]
    return render(
        request,
        "overview.html.j2",
        page="overview",
        title="Overview",
        window=window,
        counts_chart=data.trend_chart(trends, window, measure="total"),
        index_chart=data.trend_chart(trends, window, measure="net_index"),
        storylines=active[:10],
        latest=_latest_events(window),
        stats=context.store.stats(),
    )


def _latest_events(window: data.Window) -> list[Event]:
    def when(event: Event) -> str:
        published = window.documents[event.document_id].published
        return event.date or (published.isoformat() if published else "")

    return sorted(window.events, key=when, reverse=True)[:LATEST_EVENTS]
