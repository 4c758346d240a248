"""The API's analyses and briefs (#5): storylines, claims, indicators, dyad series, and the
monthly brief as JSON or a Markdown, HTML or PDF download. Windows end with ``month``
(default: the latest month with processed documents) and span ``months`` months."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, status
from fastapi.responses import JSONResponse, Response

from tiewatch.brief.model import brief_to_dict
from tiewatch.web import schemas, views
from tiewatch.web.deps import WebContext, get_context

router = APIRouter(tags=["analyses"])

Context = Annotated[WebContext, Depends(get_context)]
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
Month = Annotated[
    str | None, Query(pattern=MONTH_PATTERN, description="YYYY-MM (default: the latest)")
]
Months = Annotated[int, Query(ge=1, le=views.MAX_MONTHS, description="months in the window")]
BRIEF_MEDIA = {
    "md": ("text/markdown; charset=utf-8", "md"),
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
}


def _analysis(context: WebContext, month: str | None, months: int) -> views.Analysis | None:
    resolved = views.resolve_month(context.store, month)
    if resolved is None:
        return None
    return views.analyse(
        context.store, context.watchlist, month=resolved, months=months, cache=context.cache
    )


@router.get("/storylines", response_model=list[schemas.StorylineOut])
def list_storylines(
    context: Context, month: Month = None, months: Months = views.DEFAULT_MONTHS
) -> Any:
    """Storylines of the window, biggest first; ids stay while their first sentence does."""
    analysis = _analysis(context, month, months)
    return [] if analysis is None else [schemas.storyline_out(s) for s in analysis.storylines]


@router.get("/storylines/{storyline_id}", response_model=schemas.StorylineDetail)
def get_storyline(
    context: Context,
    storyline_id: Annotated[str, Path(max_length=100)],
    month: Month = None,
    months: Months = views.DEFAULT_MONTHS,
) -> Any:
    """One storyline's timeline: its sentences in time order with their events."""
    analysis = _analysis(context, month, months)
    view = None if analysis is None else views.storyline_view(analysis, storyline_id)
    if view is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such storyline in this window")
    return {
        **schemas.storyline_out(view.storyline),
        "entries": [schemas.entry_out(entry) for entry in view.entries],
    }


@router.get("/claims", response_model=list[schemas.ClaimOut])
def list_claims(
    context: Context,
    month: Month = None,
    months: Months = views.DEFAULT_MONTHS,
    made_in: Annotated[
        str | None, Query(pattern=MONTH_PATTERN, description="only claims made this month")
    ] = None,
) -> Any:
    """The claims ledger: accusations and alleged acts with later denials or confirmations."""
    analysis = _analysis(context, month, months)
    if analysis is None:
        return []
    return [schemas.claim_out(c) for c in views.claims_in(analysis, month=made_in)]


@router.get("/indicators", response_model=list[schemas.SeriesOut])
def list_indicators(
    context: Context, month: Month = None, months: Months = views.DEFAULT_MONTHS
) -> Any:
    """Figures measuring the same thing over time, grouped into series."""
    analysis = _analysis(context, month, months)
    return [] if analysis is None else [schemas.series_out(s) for s in analysis.series]


@router.get("/dyads", response_model=list[schemas.DyadOut])
def list_dyads(
    context: Context,
    month: Month = None,
    months: Months = views.DEFAULT_MONTHS,
    dyad: Annotated[str | None, Query(max_length=100, description="e.g. CHN-RUS")] = None,
) -> Any:
    """Per watchlist dyad, direction and month: counts by type and quad class, net index."""
    analysis = _analysis(context, month, months)
    if analysis is None:
        return []
    rows = analysis.dyads
    if dyad:
        wanted = {tuple(part.strip() for part in dyad.upper().split("-", 1))}
        rows = tuple(r for r in rows if {(r.actor_a, r.actor_b), (r.actor_b, r.actor_a)} & wanted)
    return [schemas.dyad_out(row) for row in rows]


@router.get(
    "/briefs/{month}",
    response_model=dict[str, Any],
    responses={
        200: {
            "content": {
                "text/markdown": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            },
            "description": "The brief as JSON, or with format=md|html|pdf as a download",
        }
    },
)
def get_brief(
    context: Context,
    month: Annotated[str, Path(pattern=MONTH_PATTERN)],
    format: Literal["json", "md", "html", "pdf"] = "json",
) -> Any:
    """The monthly brief of the watchlist (as ``tiewatch brief`` writes it)."""
    brief = views.brief_for(context.store, context.watchlist, month=month, cache=context.cache)
    if format == "json":
        return JSONResponse(brief_to_dict(brief))
    media, suffix = BRIEF_MEDIA[format]
    if format == "pdf":
        from tiewatch.brief.pdf import render_pdf

        body: bytes | str = render_pdf(brief)
    else:
        from tiewatch.brief.render import render_brief

        body = render_brief(brief, format)
    filename = f"brief-{context.watchlist.name}-{month}.{suffix}"
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
