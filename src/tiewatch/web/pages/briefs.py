"""The Briefs page: pick a month, read its brief, download it as md, html or pdf (#5)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tiewatch.brief.model import Brief
from tiewatch.errors import QueryError
from tiewatch.web import views
from tiewatch.web.deps import get_context
from tiewatch.web.pages.charts import dyad_chart
from tiewatch.web.pages.render import checked_month, render

router = APIRouter()


@router.get("/briefs", response_class=HTMLResponse)
def briefs_page(request: Request, month: str = "") -> HTMLResponse:
    context = get_context(request)
    error = None
    try:
        resolved = views.resolve_month(context.store, checked_month(month) if month else None)
    except QueryError as exc:
        error, resolved = str(exc), views.resolve_month(context.store, None)
    brief = None
    if resolved is not None:
        brief = views.brief_for(
            context.store, context.watchlist, month=resolved, cache=context.cache
        )
    return render(
        request,
        "briefs.html.j2",
        page="briefs",
        title=brief.title if brief else "Briefs",
        months=list(reversed(context.store.months())),
        month=resolved,
        brief=brief,
        chart=_chart(brief) if brief else None,
        error=error,
        status_code=422 if error else 200,
    )


def _chart(brief: Brief) -> dict[str, object]:
    """The brief's dyad chart (net cooperation index by month) as Chart.js data."""
    months = sorted({r.month for r in brief.dyads})
    dyads = list(dict.fromkeys((r.actor_a, r.actor_b) for r in brief.dyads))
    return dyad_chart(
        brief.dyads, dyads=dyads, months=months, names=brief.actor_names, measure="net_index"
    )
