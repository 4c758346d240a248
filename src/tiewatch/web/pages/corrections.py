"""The Corrections page: every analyst correction, who and when, newest first (#5)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tiewatch.web.deps import get_context
from tiewatch.web.pages.render import render

router = APIRouter()


@router.get("/corrections", response_class=HTMLResponse)
def corrections_page(request: Request) -> HTMLResponse:
    corrections = list(reversed(get_context(request).store.corrections()))
    return render(
        request,
        "corrections.html.j2",
        page="corrections",
        title="Corrections",
        corrections=corrections,
    )
