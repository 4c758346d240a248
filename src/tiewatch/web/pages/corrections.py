"""The Corrections page: every analyst correction, who and when, newest first (#5)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tiewatch.web.deps import get_context
from tiewatch.web.pages.render import render

router = APIRouter()


@router.get("/corrections", response_class=HTMLResponse)
def corrections_page(request: Request) -> HTMLResponse:
    store = get_context(request).store
    corrections = list(reversed(store.corrections()))
    documents = {c.document_id: store.get_document(c.document_id) for c in corrections}
    titles = {key: d.title for key, d in documents.items() if d is not None and d.title}
    return render(
        request,
        "corrections.html.j2",
        page="corrections",
        title="Corrections",
        corrections=corrections,
        titles=titles,
    )
