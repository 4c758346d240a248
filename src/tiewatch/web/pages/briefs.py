"""The Briefs page: pick a month, read its brief, download it as md, html or pdf (#5)."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tiewatch.web.deps import get_context
from tiewatch.web.pages import data
from tiewatch.web.pages.render import render

router = APIRouter()

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@router.get("/briefs", response_class=HTMLResponse)
def briefs_page(request: Request, month: str = "") -> HTMLResponse:
    context = get_context(request)
    months = data.store_months(context.store)
    error = None
    if month and not _MONTH.match(month):
        error, month = "Give the month as YYYY-MM.", ""
    month = month or (months[-1] if months else "")
    brief = data.month_brief(context.store, context.watchlist, month) if month else None
    return render(
        request,
        "briefs.html.j2",
        page="briefs",
        title=brief.title if brief else "Briefs",
        months=months,
        month=month,
        brief=brief,
        chart=data.brief_chart(brief) if brief else None,
        error=error,
        status_code=422 if error else 200,
    )
