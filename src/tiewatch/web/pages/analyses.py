"""The Storylines, Storyline, Claims and Indicators pages (#5). Docs: docs/dashboard.md."""

from __future__ import annotations

from itertools import groupby

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tiewatch.analyze.indicators import Series
from tiewatch.analyze.rows import SentenceRow
from tiewatch.web.deps import get_context
from tiewatch.web.pages import data
from tiewatch.web.pages.render import not_found_page, render

router = APIRouter()


def _window(request: Request) -> data.Window:
    context = get_context(request)
    return data.load_window(context.store, context.watchlist)


@router.get("/storylines", response_class=HTMLResponse)
def storylines_page(request: Request) -> HTMLResponse:
    window = _window(request)
    return render(
        request,
        "storylines.html.j2",
        page="storylines",
        title="Storylines",
        window=window,
        storylines=data.storylines(window),
    )


@router.get("/storylines/{storyline_id}", response_class=HTMLResponse)
def storyline_page(request: Request, storyline_id: str) -> HTMLResponse:
    window = _window(request)
    found = [s for s in data.storylines(window) if s.id == storyline_id]
    if not found:
        return not_found_page(request, f"No storyline {storyline_id!r} in the current window.")
    story = found[0]
    rows = {row.key: row for row in window.rows}
    members = sorted(
        (rows[key] for key in story.members if key in rows),
        key=lambda row: (_month(row), row.published.isoformat() if row.published else "", row.key),
    )
    months = [(m, list(group)) for m, group in groupby(members, key=_month)]
    return render(
        request,
        "storyline.html.j2",
        page="storylines",
        title=story.title,
        window=window,
        story=story,
        months=months,
    )


def _month(row: SentenceRow) -> str:
    return row.month or "undated"


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request) -> HTMLResponse:
    window = _window(request)
    claims = sorted(data.claims(window), key=lambda c: c.side.date or "", reverse=True)
    return render(
        request, "claims.html.j2", page="claims", title="Claims", window=window, claims=claims
    )


@router.get("/indicators", response_class=HTMLResponse)
def indicators_page(request: Request) -> HTMLResponse:
    window = _window(request)
    series = data.indicator_series(window)
    return render(
        request,
        "indicators.html.j2",
        page="indicators",
        title="Indicators",
        window=window,
        series=[(s, _series_chart(s)) for s in series],
    )


def _series_chart(series: Series) -> dict[str, object]:
    """One line: the series' points in date order (undated points are left out)."""
    points = sorted((p for p in series.points if p.date), key=lambda p: p.date or "")
    return {
        "labels": [p.date for p in points],
        "datasets": [{"label": series.label, "data": [p.value for p in points]}],
        "y_label": series.unit,
    }
